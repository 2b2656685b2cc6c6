"""The TEI → XHTML core on its own: each template family on small TEI, and any TEI P5
document rendered without failing and without losing text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from conftest import FIXTURES, ROOT
from edition.xml import parse_bytes, parse_file

CORE = ROOT / "xslt" / "core" / "core.xsl"
XHTML = {"h": "http://www.w3.org/1999/xhtml"}
TEI_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="t"><teiHeader><fileDesc>
<titleStmt><title>T</title><author ref="persons.xml#trotsky">Leon Trotsky</author>
<respStmt xml:id="t-trl"><resp>translated by</resp><orgName>Translators</orgName></respStmt>
</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
</fileDesc></teiHeader><text><body>{body}</body></text></TEI>"""


@pytest.fixture(scope="module")
def core():
    from edition.xslt import Stylesheet

    return Stylesheet(CORE)


@pytest.fixture(scope="module")
def persons():
    from edition.xslt import to_xdm

    return to_xdm(parse_file(FIXTURES / "valid" / "persons.xml"))


def render(core, persons, source: str | Path):
    from edition.xslt import to_xdm

    if isinstance(source, Path):
        document = parse_file(source)
    else:
        document = parse_bytes(TEI_HEAD.format(body=source).encode(), "t.xml")
    html = core.apply(to_xdm(document), {"persons": persons})
    return etree.fromstring(html.encode()), core.messages


def text_of(tree) -> str:
    return " ".join("".join(tree.itertext()).split())


def words(element) -> Counter:
    """Words per text node, without the brackets a rendering may add around them."""
    return Counter(w.strip("[]") for piece in element.itertext() for w in piece.split())


def test_paragraphs_and_divisions(core, persons):
    tree, messages = render(
        core, persons, '<div type="section" n="3"><head>Three</head><p>Text.</p></div>'
    )
    section = tree.find(".//h:section", XHTML)
    assert "type-section" in section.get("class")
    assert section.find("h:h2", XHTML).text == "Three"
    assert section.find("h:p", XHTML).text == "Text."
    assert messages == []


def test_numbered_division_without_head_shows_its_number(core, persons):
    tree, _ = render(core, persons, '<div type="section" n="18"><p>Point.</p></div>')
    assert tree.find(".//h:span[@class='div-number']", XHTML).text == "18."


def test_numbered_division_whose_text_starts_with_its_number_does_not_repeat_it(core, persons):
    tree, _ = render(core, persons, '<div type="section" n="2"><p>2. Point.</p></div>')
    assert tree.find(".//h:span[@class='div-number']", XHTML) is None


def test_note_call_shows_the_corrected_mark(core, persons):
    tree, _ = render(
        core,
        persons,
        '<p>Text<ref type="noteref" target="#t-n1"><choice><sic>‘4</sic><corr resp="#t-trl">4</corr>'
        '</choice></ref>.</p><div type="notes"><note xml:id="t-n1" n="4" place="end" resp="#t-trl">'
        "N.</note></div>",
    )
    assert tree.find(".//h:a[@role='doc-noteref']/h:sup", XHTML).text == "4"


def test_blocks_get_stable_ids_for_citation(core, persons):
    tree, _ = render(
        core, persons, '<div xml:id="t-d"><head>H</head><p>One.</p><p>Two.</p></div><div><p>x</p></div>'
    )
    assert [p.get("id") for p in tree.findall(".//h:p[@class='tei-p']", XHTML)] == [
        "t-d.p1", "t-d.p2", "t.div2.p1"]
    assert tree.find(".//h:h2", XHTML).get("id") == "t-d.head1"


def test_note_call_and_endnote_link_both_ways(core, persons):
    tree, _ = render(
        core,
        persons,
        '<p>Text<ref type="noteref" target="#t-n1">1</ref>.</p>'
        '<div type="notes"><note xml:id="t-n1" n="1" place="end" resp="#t-trl">Gloss.</note></div>',
    )
    call = tree.find(".//h:a[@role='doc-noteref']", XHTML)
    assert call.get("href") == "#t-n1" and call.get("id") == "call-t-n1"
    note = tree.find(".//h:aside[@id='t-n1']", XHTML)
    assert note.find(".//h:a[@role='doc-backlink']", XHTML).get("href") == "#call-t-n1"
    assert "Translator’s note" in text_of(note)


def test_note_whose_resp_is_the_author(core, persons):
    tree, _ = render(
        core, persons, '<p>Text<note place="foot" resp="persons.xml#trotsky">Mine.</note>.</p>'
    )
    body = tree.find(".//h:section[@class='footnotes']/h:aside", XHTML)
    assert "resp-author" in body.get("class")
    assert "Author’s note" in text_of(body)


def test_footnote_leaves_a_call_and_moves_its_body(core, persons):
    tree, _ = render(
        core, persons, '<p>Before<note place="foot" resp="#t-trl">Foot.</note> after.</p>'
    )
    paragraph = tree.find(".//h:p[@class='tei-p']", XHTML)
    assert "Foot." not in text_of(paragraph)
    call = paragraph.find("h:a", XHTML)
    body = tree.find(".//h:section[@class='footnotes']/h:aside", XHTML)
    assert call.get("href") == "#" + body.get("id")
    assert body.find(".//h:a", XHTML).get("href") == "#" + call.get("id")


def test_page_break_marker_has_a_stable_anchor(core, persons):
    tree, _ = render(core, persons, '<p>Opposi<pb n="67" xml:id="p67" break="no"/>tion</p>')
    marker = tree.find(".//h:span[@id='p67']", XHTML)
    assert marker.get("role") == "doc-pagebreak" and marker.get("data-page") == "67"
    assert "pb-inword" in marker.get("class")
    assert text_of(marker) == "[p. 67]"


def test_correction_shows_corr_and_keeps_sic(core, persons):
    tree, _ = render(
        core,
        persons,
        '<p><choice><sic>Pathtinder</sic><corr resp="#t-trl">Pathfinder</corr></choice></p>',
    )
    edit = tree.find(".//h:span[@class='edit choice-corr']", XHTML)
    assert edit.find("h:span[@class='reading-corr']", XHTML).text == "Pathfinder"
    sic = edit.find("h:span[@class='reading-sic']", XHTML)
    assert sic.text == "Pathtinder" and sic.get("hidden") == "hidden"
    assert "“Pathtinder”" in edit.get("title")


def test_translator_gloss_is_marked_as_theirs(core, persons):
    tree, _ = render(
        core, persons, '<p><supplied reason="gloss" resp="#t-trl">the alliance</supplied></p>'
    )
    gloss = tree.find(".//h:span[@title]", XHTML)
    assert "gloss" in gloss.get("class") and gloss.get("title") == "Gloss by the translator"
    assert text_of(gloss) == "[the alliance —Trans.]"
    assert gloss.find("h:span[@class='gloss-by']", XHTML).text == " —Trans."


def test_names_carry_the_personography(core, persons):
    tree, _ = render(core, persons, '<p><persName ref="persons.xml#trotsky">Trotsky</persName></p>')
    name = tree.find(".//h:span[@data-ref='trotsky']", XHTML)
    assert name.get("title").startswith("Leon Trotsky (1879–1940)")


def test_gloss_list_and_table(core, persons):
    tree, _ = render(
        core,
        persons,
        '<list type="gloss"><pb n="3"/><label>CC</label><item>Central Committee</item>'
        '<label>GPU</label><pb n="4"/><item>Police</item></list>'
        '<table><row role="label"><cell>Year</cell></row><row><cell>1922</cell></row></table>',
    )
    entries = tree.findall(".//h:dl/h:div", XHTML)
    first_term = entries[0].find("h:dt", XHTML)
    assert first_term.find("h:span", XHTML).get("data-page") == "3"
    assert first_term.xpath("string(text())") == "CC"
    assert [text_of(e.find("h:dt", XHTML)) for e in entries][1] == "GPU"
    assert entries[1].find("h:dd/h:span", XHTML).get("data-page") == "4"
    assert tree.find(".//h:thead/h:tr/h:th", XHTML).text == "Year"
    assert tree.find(".//h:tbody/h:tr/h:td", XHTML).text == "1922"


def test_provenance_panel(core, persons):
    tree, _ = render(core, persons, FIXTURES / "valid" / "letter.xml")
    panel = tree.find(".//h:section[@class='provenance']", XHTML)
    terms = [text_of(dt) for dt in panel.findall(".//h:dt", XHTML)]
    assert terms[:3] == ["Title", "Author", "Translated by"]
    assert "Archival original" in terms and "Rights" in terms
    assert "f. 17, op. 2, d. 685" in text_of(panel)


def test_foreign_tei_renders_without_loss(core, persons):
    """TEI beyond our subset: drama, verse, apparatus, rendition, margin notes, unknown
    elements. Every word survives, unknown elements are reported by name."""
    source = FIXTURES / "foreign" / "drama.xml"
    tree, messages = render(core, persons, source)
    tei_text = parse_file(source).root.find("{http://www.tei-c.org/ns/1.0}text")
    html_words = words(tree.find(".//h:body", XHTML))
    tei_words = words(tei_text)
    assert tei_words - html_words == Counter()
    assert tree.find(".//h:span[@class='tei-hi']", XHTML).get("style") == "color: #800"
    unknown = {m for m in messages if m.startswith("T001|warning|")}
    assert "T001|warning|no template for <mysteryElement> (2 in this text); its text is kept" in unknown
    assert any("<unknownBlock> (1 in this text)" in m for m in unknown)
    assert tree.find(".//h:div[@class='tei-unknown tei-unknownBlock']/h:p", XHTML) is not None
    assert (
        tree.find(".//h:span[@class='tei-unknown tei-mysteryElement']", XHTML).text == "kept word"
    )
    # The image is linked, not embedded: no outside request from the page.
    assert not tree.findall(".//h:img", XHTML)


@pytest.mark.parametrize(
    "body",
    [
        "<p/>",
        "<div><div><div><div><div><div><div><head>Deep</head><p>x</p></div></div></div></div></div></div></div>",
        '<p><ref type="noteref" target="#nowhere">9</ref><ptr target="#x"/><ref>no target</ref></p>',
        '<p><note>unplaced</note><note place="inline">inline</note><note place="end" n="*">e</note></p>',
        '<list><item>a</item><pb n="2"/><item>b</item></list><list/>',
        "<table><row><cell cols='2'>x</cell></row></table>",
        "<p><choice><sic>a</sic></choice><choice><orig>b</orig><reg>c</reg><reg>d</reg></choice></p>",
        '<p><gap/><gap reason="illegible" quantity="3" unit="lines"/><unclear>u</unclear></p>',
        '<p xml:lang="ru"><foreign xml:lang="de">Wort</foreign><date when="garbage">?</date></p>',
    ],
)
def test_odd_input_never_fails(core, persons, body):
    tree, _ = render(core, persons, body)
    assert tree.tag == "{http://www.w3.org/1999/xhtml}html"


@pytest.mark.parametrize("choice", [
    '<choice><sic>proletar<pb n="9" xml:id="p9" break="no"/>lat</sic><corr>proletariat</corr></choice>',
    '<choice><orig>to-<pb n="9" xml:id="p9" break="no"/>day</orig><reg>today</reg></choice>',
])
def test_page_break_in_a_hidden_reading_is_set_after_the_reading_shown(core, persons, choice):
    tree, _ = render(core, persons, f"<p>Word {choice} word.</p>")
    (anchor,) = tree.xpath("//*[@id='p9']")
    assert not anchor.xpath("ancestor-or-self::*[@hidden]")
    assert anchor.getparent().get("class").startswith("edit choice-")
    assert tree.xpath("count(//*[@role='doc-pagebreak'])") == 1


def test_a_page_break_the_shown_reading_has_too_is_not_doubled(core, persons):
    tree, _ = render(core, persons, '<p><choice><sic>a<pb n="9"/>b</sic>'
                                    '<corr>a<pb n="9" xml:id="p9"/>c</corr></choice></p>')
    assert [e.get("id") for e in tree.xpath("//*[@role='doc-pagebreak']")] == ["p9"]



def test_notes_have_names_no_other_note_on_the_page_has(core, persons):
    # Page footnotes marked "*" on several pages, a numbered footnote and an endnote numbered
    # alike: every note's accessible name differs.
    tree, _ = render(core, persons, (
        '<pb n="66"/><p>A<note place="foot" n="*" resp="#t-trl">One.</note></p>'
        '<pb n="67"/><p>B<note place="foot" n="*" resp="#t-trl">Two.</note>'
        'C<note place="foot" resp="#t-trl">Three.</note>'
        'D<ref type="noteref" target="#t-n1">1</ref></p>'
        '<div type="notes"><note xml:id="t-n1" n="1" place="end" resp="#t-trl">Four.</note></div>'))
    names = [a.get("aria-label") for a in tree.iterfind(".//h:aside", XHTML)]
    assert sorted(names) == ["Footnote *, page 66", "Footnote *, page 67", "Footnote 3", "Note 1"]


def test_saxon_gives_no_warning_on_any_fixture():
    """Saxon's warnings (an ambiguous template rule, XTDE0540, among them) are stylesheet
    bugs. Saxon prints them on the process's own stderr, out of reach of xsl:message: a
    child process renders every fixture and its stderr must stay empty."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from edition.xml import parse_file\n"
        "from edition.xslt import Stylesheet, to_xdm\n"
        f"core = Stylesheet(Path({str(CORE)!r}))\n"
        "for name in sys.argv[1:]:\n"
        "    core.apply(to_xdm(parse_file(Path(name))))\n"
    )
    sources = sorted(str(p) for p in FIXTURES.rglob("*.xml") if "invalid" not in p.parts
                     and b"http://www.tei-c.org/ns/1.0" in p.read_bytes()[:2000])
    assert len(sources) > 5
    done = subprocess.run([sys.executable, "-c", probe, *sources], capture_output=True,
                          text=True, env={**__import__("os").environ,
                                          "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
