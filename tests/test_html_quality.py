"""The web edition's quality bar, on the fixture site: the Nu Html Checker reports no
errors on any page; axe-core, run in headless Chromium, reports no accessibility violation
on any page, of any impact, at desktop and phone widths."""

from __future__ import annotations

import subprocess

import pytest
from browser import axe_script, vnu_command
from html_site import build_site

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("site"))


def test_nu_html_checker_reports_no_errors(site):
    pages = sorted(str(p) for p in site.glob("*.html"))
    run = subprocess.run(
        [*vnu_command(), "--errors-only", "--format", "gnu", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr or run.stdout


SERIOUS = ("serious", "critical")


def axe_violations(page, url):
    page.goto(url)
    page.add_script_tag(path=str(axe_script()))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_reports_no_violations(site, browser_page, width):
    browser_page.set_viewport_size({"width": width, "height": 900})
    problems = {}
    for path in sorted(site.glob("*.html")):
        found = axe_violations(browser_page, path.as_uri())
        if found:
            problems[path.name] = found
    assert problems == {}


def test_axe_with_a_note_open_and_originals_shown(site, browser_page):
    browser_page.goto((site / "letter.html").as_uri())
    browser_page.click("#toggle-original")
    browser_page.focus("a.noteref")
    browser_page.add_script_tag(path=str(axe_script()))
    result = browser_page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    assert [v["id"] for v in result["violations"] if v["impact"] in SERIOUS] == []
