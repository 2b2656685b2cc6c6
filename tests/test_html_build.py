"""The web edition built from a small fixture corpus (tests/fixtures/html/tei: a letter,
a book long enough to be split into pages, an essay citing the book's pages, the
personography and the edition header): which pages exist, where links lead, what the
site-wide pages say, what the search data holds; links, local resources, determinism."""

from __future__ import annotations

import hashlib
import json

import pytest
from html_site import broken_links, build_site, external_resources
from lxml import html as lxml_html


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("site"))


def page(site, name):
    return lxml_html.parse(str(site / name)).getroot()


def texts(elements):
    return [" ".join(e.text_content().split()) for e in elements]


def test_pages_of_the_site(site):
    names = {p.name for p in site.glob("*.html")}
    assert {"index.html", "about.html", "persons.html", "search.html"} <= names
    assert {"letter.html", "essay.html", "book.html", "parallel-b-first-letter.html"} <= names
    book_pages = {
        "book.b-contents.html", "book.b-preface.html", "book.b-first-letter.html",
        "book.b-new-course.html", "book.b-notes.html", "book.b-index.html",
    }
    assert book_pages <= names
    assert not any(n.startswith("letter.") for n in names - {"letter.html"})  # one page
    assert (site / "assets" / "edition.css").is_file() and (site / "assets" / "edition.js").is_file()


def test_every_internal_link_resolves(site):
    assert broken_links(site) == []


def test_no_external_requests(site):
    assert external_resources(site) == []


def test_the_text_face_is_a_small_local_web_font(site):
    from fontTools.ttLib import TTFont

    fonts = sorted((site / "assets" / "fonts").iterdir())
    assert [f.name for f in fonts] == [
        "LinLibertine_R.woff2", "LinLibertine_RB.woff2", "LinLibertine_RBI.woff2", "LinLibertine_RI.woff2"]
    regular = TTFont(str(fonts[0]))
    assert regular.flavor == "woff2" and fonts[0].stat().st_size < 200_000
    features = {r.FeatureTag for r in regular["GSUB"].table.FeatureList.FeatureRecord}
    assert {"smcp", "onum", "liga"} <= features  # small capitals, old-style figures
    assert {ord("Ж"), ord("→"), ord("ē"), ord("—")} <= set(regular.getBestCmap())


def test_home_lists_texts_in_reading_order_with_author_date_provenance(site):
    home = page(site, "index.html")
    assert texts(home.xpath("//h1")) == ["The Founding of the Left Opposition (fixture edition)"]
    assert "gathers that letter" in home.xpath("string(//section[@class='introduction'])")
    cards = home.xpath("//li[@class='text-card']")
    assert [c.xpath("string(.//h3/a/@href)") for c in cards] == ["letter.html", "book.html", "essay.html"]
    letter = cards[0]
    assert letter.xpath("string(.//p[@class='card-author'])") == "Leon Trotsky"
    assert letter.xpath("string(.//time/@datetime)") == "1923-10-08"
    assert "RGASPI, f. 17, op. 2, d. 685" in letter.xpath("string(.//p[@class='card-source'])")
    assert "6 parts" in cards[1].xpath("string(.//p[@class='card-facts'])")


def test_split_text_pages_have_previous_next_and_contents(site):
    chunk = page(site, "book.b-first-letter.html")
    top = chunk.xpath("//nav[contains(@class,'pager-top')]")[0]
    assert top.xpath("string(.//a[@rel='prev']/@href)") == "book.b-preface.html"
    assert top.xpath("string(.//a[@rel='next']/@href)") == "book.b-new-course.html"
    assert chunk.xpath("string(//h1)") == "First Letter to the Central Committee"
    toc = chunk.xpath("//details[@class='toc-panel']//a[@aria-current='page']/@href")
    assert toc == ["book.b-first-letter.html"]
    contents = page(site, "book.html")
    entries = contents.xpath("//ol[@class='toc']/li")
    assert [e.xpath("string(a/@href)") for e in entries][:3] == [
        "book.b-contents.html", "book.b-preface.html", "book.b-first-letter.html"]
    assert entries[2].xpath("string(span[@class='toc-page'])") == "p. 50"
    # The contents page carries the provenance panel; the writings are not on it.
    assert contents.xpath("//*[@id='provenance']//section[@class='provenance']")
    assert not contents.xpath("//*[@id='p51']")


def test_cross_text_page_reference_lands_on_the_page_holding_it(site):
    essay = page(site, "essay.html")
    assert essay.xpath("//aside[@id='essay-n1']//a[text()='p. 51']/@href") == [
        "book.b-first-letter.html#p51"]
    index = page(site, "book.b-index.html")
    assert "book.b-first-letter.html#p51" in index.xpath("//a/@href")
    assert "book.b-notes.html#p414" in index.xpath("//a/@href")


def test_a_link_into_a_text_not_in_the_edition_stays_text(site):
    essay = page(site, "essay.html")
    missing = essay.xpath("//span[@class='unresolved-ref']")
    assert texts(missing) == ["a text not yet in the edition"]
    assert "not-yet-encoded.xml#x" in missing[0].get("title")


def test_endnotes_of_the_book_are_copied_to_the_pages_that_call_them(site):
    chunk = page(site, "book.b-first-letter.html")
    call = chunk.xpath("//a[@class='noteref'][@id='call-b-n1']")[0]
    assert call.get("href") == "#b-n1"
    assert call.get("aria-label") == "Note 1 (editor’s note)"
    note = chunk.xpath("//section[contains(@class,'page-notes')]/aside[@id='b-n1']")[0]
    assert "scissors crisis" in note.text_content()
    assert note.xpath("string(.//p[@class='note-source']/a/@href)") == "book.b-notes.html#b-n1"
    notes = page(site, "book.b-notes.html")
    back = notes.xpath("//aside[@id='b-n1']//a[@role='doc-backlink']/@href")
    assert back == ["book.b-first-letter.html#call-b-n1"]


def test_footnotes_stay_on_the_page_of_their_call(site):
    chunk = page(site, "book.b-first-letter.html")
    foot = chunk.xpath("//section[@class='footnotes']/aside")
    assert texts(foot) == ["1 Editor’s note The political police."]
    call = chunk.xpath(f"//a[@href='#{foot[0].get('id')}']")
    assert call and call[0].get("id") in foot[0].xpath(".//a[@role='doc-backlink']/@href")[0]


def test_page_markers_are_citable_anchors(site):
    chunk = page(site, "book.b-first-letter.html")
    marker = chunk.xpath("//span[@id='p51']")[0]
    assert marker.get("data-page") == "51" and "pb-inword" in marker.get("class")
    label = marker.getnext()
    assert label.get("href") == "book.b-first-letter.html#p51" and label.text == "[p. 51]"
    assert label.get("data-cite-page") == "51"
    article = chunk.xpath("//*[@class='text'][@data-citation]")[0]
    assert article.get("data-citation") == (
        "Leon Trotsky, The Challenge of the Left Opposition (1923-25), ed. Naomi Allen "
        "(New York: Pathfinder Press, 1975)")


def test_interventions_and_the_original_readings_switch(site):
    letter = page(site, "letter.html")
    assert letter.xpath("//input[@id='toggle-original'][@type='checkbox']")
    corr = letter.xpath("//span[contains(@class,'choice-corr')]")[0]
    assert "Pathtinder" in corr.get("title")
    assert corr.xpath("string(span[@class='reading-sic'])") == "Pathtinder"
    gloss = letter.xpath("//span[contains(@class,'gloss')]")[0]
    assert gloss.text_content() == "[a term for the alliance of workers and peasants —Trans.]"
    assert letter.xpath("//span[contains(@class,'tei-gap')]/text()") == ["[…]"]
    # A page without corrections has no switch.
    assert not page(site, "essay.html").xpath("//input[@id='toggle-original']")


def test_persons_index_links_passages_naming_each_person(site):
    persons = page(site, "persons.html")
    trotsky = persons.xpath("//section[@id='trotsky']")[0]
    assert trotsky.xpath("string(h3)") == "Leon Trotsky (1879–1940)"
    links = trotsky.xpath(".//ul[@class='mentions']//a/@href")
    assert "letter.html#letter.closer1.signed1" in links
    assert "essay.html#essay-s1.p1" in links
    assert "book.b-new-course.html#b-new-course.p3" in links
    book = trotsky.xpath(".//ul[@class='mentions']/li[cite='The Challenge of the Left Opposition (1923-25)']")[0]
    assert " ".join(book.text_content().split()) == "The Challenge of the Left Opposition (1923-25): p. 53"
    assert book.xpath("a/@href") == ["book.b-new-course.html#b-new-course.p3"]
    assert persons.xpath("string(//section[@id='nobody']/p[@class='mentions-none'])")
    # Names in the texts link to the index.
    assert page(site, "essay.html").xpath("//a[@class='name-link']/@href") == ["persons.html#trotsky"]


def test_about_page_renders_the_editorial_declarations(site):
    about = page(site, "about.html")
    body = about.xpath("string(//article)")
    assert "Errors of the sources are corrected in the reading text" in body
    book = about.xpath("//section[@class='about-text'][.//a[@href='book.html']]")[0]
    assert "7 printed pages, 4 notes, 1 correction marked." in book.text_content()
    assert "page-end hyphens are marked" in book.text_content()


def test_search_data_holds_the_reading_text_of_each_passage(site):
    from edition.builders.html import read_search_data

    text_id, title, passages, names = read_search_data(site / "search" / "book.js")
    assert text_id == "book" and title.startswith("The Challenge")
    by_anchor = {p[0]: p for p in passages}
    first = by_anchor["book.b-first-letter.html#b-fl-1.p1"]
    assert "make it obligatory for party members" in first[3]  # no page number inside the word
    assert first[2] == "50"  # the printed page the passage starts on
    fourth = by_anchor["book.b-first-letter.html#b-fl-4.p1"]
    assert "Pathfinder" in fourth[3] and "Pathtinder" not in fourth[3]
    assert ["dzerzhinsky", "book.b-first-letter.html#b-fl-1.p1", "p. 50"] in names
    search = page(site, "search.html")
    assert search.xpath("string(//form[@id='search-form']/@data-index)") == (
        "search/letter.js search/book.js search/essay.js")
    json.dumps(passages)  # plain data


def test_parallel_view_aligns_the_two_versions_by_point(site):
    parallel = page(site, "parallel-b-first-letter.html")
    rows = parallel.xpath("//section[@class='parallel-row']")
    labels = [r.get("aria-label") for r in rows]
    assert labels == ["Opening", "Point 1", "Point 2", "Point 3", "Point 4", "Close"]
    point3 = rows[3].xpath("div[@class='parallel-cell']")
    assert "Twelfth Congress" in point3[0].text_content()
    assert "Not in this version." in point3[1].text_content()
    point4 = rows[4].xpath("div[@class='parallel-cell']")
    assert "Not in this version." in point4[0].text_content()
    # Both versions' notes are on the page, and the page's note calls find them.
    ids = set(parallel.xpath("//@id"))
    for href in parallel.xpath("//a[@class='noteref']/@href"):
        assert href[1:] in ids
    assert page(site, "letter.html").xpath("//p[@class='parallel-link']/a/@href") == [
        "parallel-b-first-letter.html"]


def test_parallel_view_without_markup_for_it(tmp_path):
    """No @corresp and no numbered divisions: a writing dated to the day of another text by
    the same author is its other version, and its points are its numbered paragraphs."""
    import shutil

    from html_site import SITE_FIXTURES

    tei = tmp_path / "tei"
    shutil.copytree(SITE_FIXTURES, tei)
    book = (tei / "book.xml").read_text()
    book = book.replace(' corresp="letter.xml"', "")
    for n in ("1", "2", "4"):
        book = book.replace(f'<div type="point" n="{n}" xml:id="b-fl-{n}">\n          <p>', f"<p>{n}. ")
    book = book.replace("</p>\n        </div>\n", "</p>\n")
    (tei / "book.xml").write_text(book)
    site = build_site(tmp_path / "out", tei)
    parallel = page(site, "parallel-b-first-letter.html")
    rows = parallel.xpath("//section[@class='parallel-row']")
    assert [r.get("aria-label") for r in rows] == ["Opening", "Point 1", "Point 2", "Point 3", "Point 4", "Close"]
    right = [r.xpath("string(div[@class='parallel-cell'][2])") for r in rows]
    assert "1. “One of the proposals" in right[1] and "Not in this version." in right[3]
    assert "The fourth point" in right[4]
    assert broken_links(site) == []


def test_same_tei_gives_the_same_bytes(site, tmp_path):
    again = build_site(tmp_path)

    def digests(root):
        return {
            str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()
        }

    assert digests(again) == digests(site)
