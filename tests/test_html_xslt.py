"""The web edition's layer (xslt/html.xsl) on small TEI, one template family at a time,
without the builder: page markers, note calls, names, links, interventions, search data.
Without a survey ($site) every text is one page."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from conftest import FIXTURES, ROOT

TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="t"><teiHeader><fileDesc>
<titleStmt><title>T</title><author>A. Author</author>
<respStmt xml:id="t-trl"><resp>translated by</resp><orgName>Translators</orgName></respStmt>
</titleStmt><publicationStmt><p>x</p></publicationStmt>
<sourceDesc><bibl><title level="j">The Journal</title>, <date when="1990">1990</date>, a long note.</bibl></sourceDesc>
</fileDesc></teiHeader><text><body>{body}</body></text></TEI>"""


@pytest.fixture(scope="module")
def layer():
    from edition.xslt import Stylesheet

    return Stylesheet(ROOT / "xslt" / "html.xsl")


@pytest.fixture(scope="module")
def persons():
    from edition.xml import parse_file
    from edition.xslt import to_xdm

    return to_xdm(parse_file(FIXTURES / "html" / "tei" / "persons.xml"))


def render(layer, persons, body, tmp_path):
    from edition.xml import parse_bytes
    from edition.xslt import to_xdm

    document = parse_bytes(TEI.format(body=body).encode(), "t.xml")
    layer.apply(to_xdm(document), {"persons": persons}, output_dir=tmp_path)
    return lxml_html.parse(str(tmp_path / "t.html")).getroot()


def test_page_markers_inline_and_between_blocks(layer, persons, tmp_path):
    page = render(layer, persons, '<pb n="6" xml:id="p6"/><p>Obli<pb n="7" xml:id="p7" break="no"/>gatory.</p>', tmp_path)
    between, inline = page.xpath("//span[contains(@class,'pb')]")
    assert "pb-between" in between.get("class") and between.get("id") == "p6"
    assert "pb-inword" in inline.get("class") and "pb-between" not in inline.get("class")
    label = inline.getnext()
    assert (label.tag, label.get("href"), label.text, label.get("data-cite-page")) == (
        "a", "t.html#p7", "[p. 7]", "7")
    assert page.xpath("string(//p[@class='tei-p'])") == "Obli[p. 7]gatory."


def test_note_call_goes_to_the_note_on_the_page_and_says_whose(layer, persons, tmp_path):
    page = render(
        layer, persons,
        '<p>Word<ref type="noteref" target="#t-n1">1</ref>.</p>'
        '<div type="notes"><note xml:id="t-n1" n="1" place="end" resp="#t-trl">Gloss.</note></div>',
        tmp_path,
    )
    call = page.xpath("//a[@class='noteref']")[0]
    assert call.get("href") == "#t-n1" and call.get("aria-label") == "Note 1 (translator’s note)"
    assert call.get("data-resp") == "translator"
    # The notes division without a heading gets one.
    assert page.xpath("string(//section[contains(@class,'type-notes')]/h2)") == "Notes"


def test_names_link_to_the_persons_index(layer, persons, tmp_path):
    page = render(
        layer, persons,
        '<p><persName ref="persons.xml#trotsky">Trotsky</persName> and <persName>Nobody</persName>.</p>',
        tmp_path,
    )
    assert page.xpath("//a[@class='name-link']/@href") == ["persons.html#trotsky"]
    assert page.xpath("string(//a[@class='name-link']/span/@data-ref)") == "trotsky"


def test_pointers_lead_to_site_pages(layer, persons, tmp_path):
    page = render(
        layer, persons,
        '<p><ref target="other.xml#p3">p. 3</ref> <ref target="edition.xml#x">about</ref> '
        '<ref target="#t-x">here</ref> <ref target="https://example.org/">out</ref>'
        '<anchor xml:id="t-x"/></p>',
        tmp_path,
    )
    assert page.xpath("//p[@class='tei-p']/a/@href") == [
        "other.html#p3", "about.html#x", "t.html#t-x", "https://example.org/"]


def test_text_header_reading_tools_and_provenance(layer, persons, tmp_path):
    page = render(
        layer, persons,
        '<p><choice><sic>teh</sic><corr resp="#t-trl">the</corr></choice> end.</p>', tmp_path
    )
    assert page.xpath("string(//p[@class='text-author'])") == "A. Author"
    assert page.xpath("string(//p[@class='text-provenance'])").startswith("The Journal, 1990 ")
    assert page.xpath("//input[@id='toggle-original']/following-sibling::label/@for") == ["toggle-original"]
    assert page.xpath("//div[@id='provenance']/section[@class='provenance']")


def test_search_data_is_the_reading_text(layer, persons, tmp_path):
    render(
        layer, persons,
        '<p>Obli<pb n="7" xml:id="p7" break="no"/>gatory <choice><sic>teh</sic><corr resp="#t-trl">the</corr>'
        '</choice> <supplied reason="gloss" resp="#t-trl">word</supplied>'
        '<ref type="noteref" target="#t-n1">1</ref>.</p>'
        '<div type="notes"><note xml:id="t-n1" n="1" place="end" resp="#t-trl">Gloss.</note></div>',
        tmp_path,
    )
    lines = (tmp_path / "search" / "t.js").read_text(encoding="utf-8").splitlines()
    text_id, title, passages, names = json.loads(lines[2])
    assert (text_id, title, names) == ("t", "T", [])
    texts = {p[0]: p[3] for p in passages}
    assert texts["t.html#t.p1"] == "Obligatory the [word]."
    assert texts["t.html#t-n1"] == "1 Translator’s note Gloss."


def test_a_page_break_inside_a_misread_word_stays_visible(layer, persons, tmp_path):
    # The source misprinted a word hyphenated across a page turn: the page break sits in the
    # <sic>, which the reading text hides; its marker and anchor must not hide with it.
    page = render(
        layer, persons,
        '<p>the <choice><sic>proletar<pb n="224" xml:id="p224" break="no"/>lat</sic>'
        '<corr>proletariat</corr></choice> now</p>',
        tmp_path,
    )
    (anchor,) = page.xpath("//*[@id='p224']")
    assert not anchor.xpath("ancestor-or-self::*[@hidden]")
    assert page.xpath("count(//*[@data-cite-page='224'])") == 1
    assert page.xpath("string(//span[@class='reading-sic'])") == "proletarlat"
    # The marker follows the word, after both readings.
    assert anchor.getprevious().get("class") == "reading-sic"
    assert anchor.getprevious().getprevious().text == "proletariat"
