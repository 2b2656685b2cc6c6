"""The web edition of the real corpus (tei/), built once for the module: every text has its
pages, every internal link resolves (Cliff's page citations of the book included, once the
book is in tei/), nothing is fetched from elsewhere, the Nu Html Checker finds no error and
axe no serious violation on the kinds of page the site has."""

from __future__ import annotations

import subprocess

import pytest
from browser import axe_script, vnu_command
from html_site import broken_links, external_resources

from conftest import ROOT

pytestmark = pytest.mark.slow

TEI = ROOT / "tei"


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    from edition.build import run_build
    from edition.corpus import Corpus

    if not TEI.is_dir() or not Corpus(TEI).texts:
        pytest.skip("no texts in tei/ yet")
    out = tmp_path_factory.mktemp("corpus")
    result = run_build(TEI, out, ["html"])
    assert result.ok, "tei/ does not validate"
    return out / "html", Corpus(TEI)


def test_every_text_has_its_page_and_search_data(corpus_site):
    site, corpus = corpus_site
    for text in corpus.texts:
        assert (site / f"{text.id}.html").is_file()
        assert (site / "search" / f"{text.id}.js").is_file()
    assert {"index.html", "about.html", "persons.html", "search.html"} <= {
        p.name for p in site.glob("*.html")
    }


def test_every_internal_link_resolves(corpus_site):
    site, _ = corpus_site
    assert broken_links(site) == []


def test_nothing_is_fetched_from_elsewhere(corpus_site):
    site, _ = corpus_site
    assert external_resources(site) == []


def test_the_letter_and_the_book_have_a_parallel_view(corpus_site):
    site, corpus = corpus_site
    ids = {t.id for t in corpus.texts}
    if not {"trotsky-1923-10-08", "challenge-1923-25"} <= ids:
        pytest.skip("the letter and the book are not both in tei/ yet")
    pages = sorted(site.glob("parallel-*.html"))
    assert pages, "no parallel view of the two versions of the letter"
    html = pages[0].read_text(encoding="utf-8")
    assert html.count('class="parallel-row"') >= 10  # aligned point by point


def test_nu_html_checker_finds_no_error(corpus_site):
    site, _ = corpus_site
    run = subprocess.run(
        [*vnu_command(), "--errors-only", "--format", "gnu", *sorted(map(str, site.glob("*.html")))],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr or run.stdout


def test_axe_finds_no_serious_violation_on_each_kind_of_page(corpus_site, browser_page):
    site, corpus = corpus_site
    # One page of each kind: site pages, each text's first page, a page of a split text.
    names = ["index.html", "about.html", "persons.html", "search.html"]
    names += [f"{t.id}.html" for t in corpus.texts]
    names += [p.name for p in sorted(site.glob("*.*.html"))[:3]]
    names += [p.name for p in sorted(site.glob("parallel-*.html"))]
    problems = {}
    for name in names:
        browser_page.goto((site / name).as_uri())
        browser_page.add_script_tag(path=str(axe_script()))
        result = browser_page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            problems[name] = serious
    assert problems == {}
