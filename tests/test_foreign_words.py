"""Never a word lost: every fixture of tests/fixtures/foreign (TEI beyond the edition's own
subset, one feature each, and a few long texts) rendered through the core and through the
web, EPUB and print layers, at the stylesheet level, with no word of its text or sourceDoc
missing (edition.wordcount), no stylesheet failure and no Saxon warning."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import FIXTURES, ROOT
from edition import wordcount
from edition.xml import parse_file

FOREIGN = FIXTURES / "foreign"
XHTML = {"h": "http://www.w3.org/1999/xhtml"}
TEI_NS = "http://www.tei-c.org/ns/1.0"
# drama.xml holds elements TEI does not define, on purpose (the fallback's test).
NOT_TEI_ALL = {"drama.xml"}
FIXTURE_FILES = sorted(FOREIGN.glob("*.xml"))
ALL = [pytest.param(p, id=p.stem) for p in FIXTURE_FILES]


def stylesheet(name: str):
    from edition.xslt import Stylesheet

    return Stylesheet(ROOT / "xslt" / name)


LAYERS = {"core": "core/core.xsl", "web": "html.xsl", "epub": "epub.xsl", "book": "print.xsl"}


@pytest.fixture(scope="module")
def sheets():
    """Each layer's stylesheet, compiled once."""
    return {name: stylesheet(path) for name, path in LAYERS.items()}


def source(path: Path):
    """The file's own root (whose words count) and the document the layers are given:
    as the build gives it them (a teiCorpus as one TEI grouping its members' texts)."""
    from edition.sources import for_rendering
    from edition.xslt import to_xdm

    document = parse_file(path)
    return document.root, to_xdm(for_rendering(document, path.stem))


def lost_in(tei_root, outputs) -> Counter:
    out = Counter()
    for tree in outputs:
        out += wordcount.xhtml_words(tree)
    return wordcount.lost(wordcount.tei_words(tei_root), out)


@pytest.mark.parametrize("path", ALL)
def test_core_loses_no_word(sheets, path):
    core = sheets["core"]
    root, document = source(path)
    html = etree.fromstring(core.apply(document).encode())
    assert lost_in(root, [html]) == Counter()
    assert not [m for m in core.messages if "|error|" in m]


@pytest.mark.parametrize("path", ALL)
def test_web_page_loses_no_word(sheets, path, tmp_path):
    web = sheets["web"]
    root, document = source(path)
    web.apply(document, {}, output_dir=tmp_path)
    pages = [lxml_html.parse(str(p)).getroot() for p in sorted(tmp_path.glob("*.html"))]
    assert pages
    # The HTML parser puts elements in no namespace: count them as XHTML.
    trees = [etree.fromstring(etree.tostring(_in_xhtml(p))) for p in pages]
    assert lost_in(root, trees) == Counter()


@pytest.mark.parametrize("path", ALL)
def test_epub_loses_no_word(sheets, path, tmp_path):
    epub = sheets["epub"]
    root, document = source(path)
    epub.apply(document, {}, output_dir=tmp_path)
    documents = sorted((tmp_path / "OEBPS").rglob("*.xhtml"))
    assert documents
    trees = [etree.parse(str(p)).getroot() for p in documents]
    assert lost_in(root, trees) == Counter()


@pytest.mark.parametrize("path", ALL)
def test_print_book_loses_no_word(sheets, path):
    """In the book's XHTML, and outside what print hides: every word a reader of the PDF
    can read (hidden readings reach the PDF as textual notes)."""
    book = sheets["book"]
    root, document = source(path)
    tree = etree.fromstring(book.apply(document).encode())
    for hidden in tree.xpath("//*[@hidden]"):
        _drop_keeping_tail(hidden)
    assert lost_in(root, [tree]) == Counter()


def _drop_keeping_tail(element):
    parent, tail = element.getparent(), element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _in_xhtml(element):
    for e in element.iter():
        if isinstance(e.tag, str) and not e.tag.startswith("{"):
            e.tag = "{http://www.w3.org/1999/xhtml}" + e.tag
    return element


def test_fixtures_are_tei_all_valid(tei_all):
    """Valid TEI P5; MathML and SVG, which tei_all has no room for, left out of the check."""
    checked = 0
    for path in FIXTURE_FILES:
        if path.name in NOT_TEI_ALL:
            continue
        tree = etree.parse(str(path))
        for embedded in tree.xpath("//*[namespace-uri() != $tei][namespace-uri(..) = $tei]", tei=TEI_NS):
            embedded.getparent().remove(embedded)
        assert tei_all.validate(tree), f"{path.name}: {tei_all.error_log.last_error}"
        checked += 1
    assert checked >= 12


def test_fixtures_are_complete_documents_with_unique_names():
    ids = []
    for path in FIXTURE_FILES:
        root = parse_file(path).root
        assert root.find(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title") is not None
        ids.append(root.get("{http://www.w3.org/XML/1998/namespace}id", path.stem))
    assert len(set(ids)) == len(ids)


def test_long_fixtures_are_long():
    novel = wordcount.tei_words(parse_file(FOREIGN / "novel-chapter.xml").root)
    play = wordcount.tei_words(parse_file(FOREIGN / "play-castlist.xml").root)
    assert sum(novel.values()) > 3000 and sum(play.values()) > 1000


def test_no_saxon_warning_on_any_layer():
    """Saxon's own warnings (ambiguous rules among them) go to the process's stderr."""
    probe = (
        "import sys, tempfile\n"
        "from pathlib import Path\n"
        "from edition.sources import for_rendering\n"
        "from edition.xml import parse_file\n"
        "from edition.xslt import Stylesheet, to_xdm\n"
        f"root = Path({str(ROOT / 'xslt')!r})\n"
        "sheets = [Stylesheet(root / n) for n in ('core/core.xsl', 'html.xsl', 'epub.xsl', 'print.xsl')]\n"
        "for name in sys.argv[1:]:\n"
        "    for sheet in sheets:\n"
        "        with tempfile.TemporaryDirectory() as out:\n"
        "            document = for_rendering(parse_file(Path(name)), Path(name).stem)\n"
        "            sheet.apply(to_xdm(document), {}, output_dir=Path(out))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, *map(str, FIXTURE_FILES)],
                          capture_output=True, text=True,
                          env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def render_core(sheets, name: str):
    _, document = source(FOREIGN / name)
    return etree.fromstring(sheets["core"].apply(document).encode())


def test_expansion_shown_and_abbreviation_kept_hidden(sheets):
    tree = render_core(sheets, "abbreviations.xml")
    (edit,) = tree.xpath("//h:span[@class='edit choice-expan'][h:span='Reverend']", namespaces=XHTML)
    assert edit.xpath("string(h:span[@class='reading-abbr'][@hidden])", namespaces=XHTML) == "Revd"
    # Every other expansion and a nested choice's readings stay too, hidden.
    assert tree.xpath("//h:span[@class='reading-expan'][@hidden]", namespaces=XHTML)[0].text == "Societie"
    assert tree.xpath("//h:span[@class='reading-alternative'][@hidden]//h:span[@class='reading-orig']",
                      namespaces=XHTML)


def test_apparatus_variants_are_hidden_beside_the_lemma(sheets):
    tree = render_core(sheets, "apparatus.xml")
    variants = tree.xpath("//h:span[@class='reading-rdg'][@hidden]", namespaces=XHTML)
    assert "evening" in variants[0].xpath("string()") and "#B" in variants[0].xpath("string()")


def test_source_doc_renders_surfaces_with_labels_and_lines(sheets):
    tree = render_core(sheets, "genetic-sourcedoc.xml")
    (section,) = tree.xpath("//h:section[contains(@class, 'tei-sourceDoc')]", namespaces=XHTML)
    labels = section.xpath(".//h:p[@class='surface-label']/text()", namespaces=XHTML)
    assert labels == ["[leaf 1]", "[1r]", "[1v]", "[2r]"]
    lines = section.xpath(".//h:div[contains(@class, 'tei-line')]", namespaces=XHTML)
    assert len(lines) == 7 and "watched" in lines[1].xpath("string()")


def test_glyphs_show_their_text_else_their_mapping_else_their_name(sheets):
    tree = render_core(sheets, "glyphs.xml")
    glyphs = [g.xpath("string()") for g in tree.xpath("//h:span[contains(@class, 'tei-g')]", namespaces=XHTML)]
    assert glyphs == ["ct", "ct", "ſ", "s", "[reversed pilcrow with a dot]", "℞", "[?]"]


def test_mathml_and_svg_are_copied_without_scripts_handlers_or_outside_links(sheets):
    tree = render_core(sheets, "mathml-svg.xml")
    assert tree.xpath("//m:math/m:mi", namespaces={"m": "http://www.w3.org/1998/Math/MathML"})
    svg = tree.xpath("//s:svg", namespaces={"s": "http://www.w3.org/2000/svg"})[0]
    markup = etree.tostring(svg, encoding=str)
    for unsafe in ("script", "onload", "onclick", "example.org", "foreignObject", "javascript"):
        assert unsafe not in markup
    assert 'href="#plan"' in markup and "north meadow" in markup


def test_unknown_elements_are_reported_once_with_their_count(sheets):
    core = sheets["core"]
    _, document = source(FOREIGN / "drama.xml")
    core.apply(document)
    unknown = [m for m in core.messages if m.startswith("T001|")]
    assert "T001|warning|no template for <mysteryElement> (2 in this text); its text is kept" in unknown
    assert len(unknown) == len(set(unknown)) == 1 + 1  # mysteryElement, unknownBlock
    assert all(len(m.split("|")) == 3 for m in unknown)


def test_words_split_by_a_break_inside_a_word_count_once():
    tei = etree.fromstring(
        f'<TEI xmlns="{TEI_NS}"><teiHeader><p>header words</p></teiHeader><text><p>pro\n'
        '   <lb break="no"/>letariat and <hi>“a</hi>b”, [c<pb n="2" break="no"/>d]</p></text></TEI>')
    assert wordcount.tei_words(tei) == Counter({"proletariat": 1, "and": 1, "a": 1, "b": 1, "cd": 1})
    out = etree.fromstring(
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>proletariat <i>a</i>b, c'
        '<span class="pb pb-inword"></span><a class="pb-label">[p. 2]</a>d</p></body></html>')
    # The in-word page label is no word; the word missing from the output is.
    assert wordcount.lost(wordcount.tei_words(tei), wordcount.xhtml_words(out)) == Counter({"and": 1})
