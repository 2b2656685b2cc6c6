"""The web edition in a real browser (Debian's Chromium, headless, driven by Playwright),
on the fixture site: notes pop up and keep working without scripts, page anchors land on
their marker and can be cited, the search finds passages and leads to them, the original
readings can be shown."""

from __future__ import annotations

import pytest
from html_site import build_site

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("site"))


def url(site, name):
    return (site / name).as_uri()


@pytest.fixture
def page(browser_page):
    return browser_page


def in_viewport(page, selector) -> bool:
    return page.evaluate(
        """(selector) => { const r = document.querySelector(selector).getBoundingClientRect();
                           return r.top >= 0 && r.top < window.innerHeight; }""",
        selector,
    )


def test_activating_a_note_call_shows_the_note(site, page):
    page.goto(url(site, "letter.html"))
    page.click("#call-letter-n1")
    popover = page.locator(".note-popover")
    popover.wait_for(state="visible")
    assert "The Central Committee of the party." in popover.inner_text()
    assert "Translator’s note".upper() in popover.inner_text().upper()
    assert page.evaluate("location.hash") == ""  # the popover opened instead of jumping
    assert page.get_attribute("#call-letter-n1", "aria-describedby") == "note-popover"
    page.keyboard.press("Escape")
    popover.wait_for(state="detached")


def test_note_shows_on_keyboard_focus_and_hover(site, page):
    page.goto(url(site, "book.b-first-letter.html"))
    page.focus("#call-b-n1")
    assert "scissors crisis" in page.locator(".note-popover").inner_text()
    page.keyboard.press("Escape")
    page.locator(".note-popover").wait_for(state="detached")
    page.hover("#call-b-n1")
    page.locator(".note-popover").wait_for(state="visible")
    page.mouse.move(5, 5)
    page.locator(".note-popover").wait_for(state="detached")


def test_without_scripts_the_call_leads_to_the_note_and_back(site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url(site, "letter.html"))
    page.click("#call-letter-n2")
    assert page.evaluate("location.hash") == "#letter-n2"
    assert in_viewport(page, "#letter-n2")
    page.click("#letter-n2 a[role='doc-backlink']")
    assert page.evaluate("location.hash") == "#call-letter-n2"
    context.close()


def test_a_page_anchor_lands_on_its_marker(site, page):
    page.set_viewport_size({"width": 1280, "height": 400})
    page.goto(url(site, "book.b-first-letter.html") + "#p51")
    assert page.evaluate("document.querySelector(':target').id") == "p51"
    assert in_viewport(page, "#p51")
    # From another text: the essay's citation of p. 51 leads to the book's page holding it.
    page.goto(url(site, "essay.html"))
    page.click("#essay-n1 a:text('p. 51')")
    page.wait_for_url("**/book.b-first-letter.html#p51")
    assert in_viewport(page, "#p51")


def test_cite_this_page(site, page):
    page.goto(url(site, "book.b-first-letter.html"))
    page.click("a.pb-label[data-cite-page='51']")
    box = page.locator(".cite-box")
    box.wait_for(state="visible")
    citation = box.locator("textarea").input_value()
    assert citation.startswith("Leon Trotsky, The Challenge of the Left Opposition (1923-25), ed. Naomi Allen")
    assert ", p. 51. In: The Founding of the Left Opposition (fixture edition), " in citation
    assert citation.endswith("/book.b-first-letter.html#p51")
    assert page.evaluate("location.hash") == "#p51"
    page.keyboard.press("Escape")
    box.wait_for(state="detached")


def test_search_and_follow_a_result(site, page):
    page.goto(url(site, "index.html"))
    page.fill("#site-search-q", "zymurgy")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search.html?q=zymurgy")
    results = page.locator("#search-results li")
    results.first.wait_for()
    assert results.count() == 1
    assert page.inner_text("#search-status") == "1 passage found."
    assert page.inner_text("#search-results mark") == "zymurgy"
    results.first.locator("a").click()
    page.wait_for_url("**/essay.html#essay-s1.p2")
    assert page.evaluate("document.querySelector(':target').textContent").startswith(
        "The search word zymurgy")


def test_search_reads_the_text_as_shown(site, page):
    page.goto(url(site, "search.html"))
    page.fill("#search-q", "OBLIGATORY “party members”")
    page.press("#search-q", "Enter")
    page.locator("#search-results li").first.wait_for()
    first = page.locator("#search-results li").first
    assert first.locator("a").get_attribute("href") == "book.b-first-letter.html#b-fl-1.p1"
    assert "printed page 50" in first.inner_text()
    page.fill("#search-q", "Pathtinder")
    page.press("#search-q", "Enter")
    page.wait_for_function("document.querySelector('#search-status').textContent.startsWith('No passage')")


def test_show_original_readings(site, page):
    page.goto(url(site, "letter.html"))
    corrected = page.locator("#letter-s1 .reading-corr")
    original = page.locator("#letter-s1 .reading-sic")
    assert corrected.is_visible() and not original.is_visible()
    assert "Pathtinder" in page.get_attribute("#letter-s1 .choice-corr", "title")
    page.check("#toggle-original")
    assert original.is_visible() and original.inner_text() == "Pathtinder"
    assert not corrected.is_visible()
    page.uncheck("#toggle-original")
    assert corrected.is_visible()


def test_phone_width_keeps_the_text_in_the_viewport(site, page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(url(site, "book.b-first-letter.html"))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    box = page.locator("a.pb-label[data-cite-page='51']").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
