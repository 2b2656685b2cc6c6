"""Every link in the print edition lands: the anchors a book's TEI points at survive the
print layer, and the whole edition's book, which sets several texts side by side, has no id
twice. WeasyPrint reports a link without its anchor, or an id defined twice, as a warning
(P001), and the PDF then has a dead link: the build must report none.

The paged text below has what the 1975 volume has: a printed contents whose entry points at
the notes section, endnotes kept in the back (moved to their calls in print, so the section
disappears), an index citing the notes' page, a word misread across a page turn (the page
break inside <sic>), an appendix heading set on two lines."""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from conftest import FIXTURES

PAGED = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="paged">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>A Paged Book</title><author ref="persons.xml#trotsky">Leon Trotsky</author>
        <editor xml:id="paged-editor">Fixture Editor</editor></titleStmt>
      <publicationStmt><publisher>The edition project</publisher><date when="2026">2026</date>
        <availability status="free"><licence target="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</licence></availability>
      </publicationStmt>
      <sourceDesc><bibl>A Paged Book, Test Press, 1975.</bibl></sourceDesc>
    </fileDesc>
    <encodingDesc><editorialDecl><p>A test fixture.</p></editorialDecl></encodingDesc>
    <profileDesc><creation><date when="1923">1923</date></creation>
      <langUsage><language ident="en">English</language></langUsage></profileDesc>
    <revisionDesc><change when="2026-11-25">Created.</change></revisionDesc>
  </teiHeader>
  <text>
    <front>
      <div type="contents" xml:id="contents">
        <head>Contents</head>
        <list type="contents">
          <item><ref target="#appendix">Appendix B: The Resolution</ref> <ref target="#p2" type="page">2</ref></item>
          <item><ref target="#notes">Notes</ref> <ref target="#p4" type="page">4</ref></item>
        </list>
      </div>
      <div type="about-author" xml:id="about"><p>Aboutauthor: a division without a heading.</p></div>
    </front>
    <body>
      <div xml:id="appendix">
        <pb n="2" xml:id="p2"/>
        <head>Appendix B<lb/>THE RESOLUTION</head>
        <p>The transfer of power to the <choice><sic>proletar<pb n="3" xml:id="p3" break="no"/>lat</sic><corr resp="#paged-editor">proletariat</corr></choice> was the question.<ref type="noteref" target="#paged-n1">1</ref></p>
      </div>
      <div xml:id="plan">
        <head>Part Two<lb/>THE PLAN</head>
        <p>A division the printed contents does not list.</p>
      </div>
    </body>
    <back>
      <div type="notes" xml:id="notes">
        <pb n="4" xml:id="p4"/>
        <head>Notes</head>
        <note xml:id="paged-n1" n="1" place="end" resp="#paged-editor">The note.</note>
      </div>
      <div type="index" xml:id="index">
        <pb n="5" xml:id="p5"/>
        <head>Index</head>
        <list><item>Proletariat, <ref target="#p3" type="index">3</ref>, <ref target="#p4" type="index">4n</ref></item></list>
      </div>
    </back>
  </text>
</TEI>
"""

pytestmark = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils missing")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from edition.build import run_build

    root = tmp_path_factory.mktemp("links")
    tei = root / "tei"
    tei.mkdir()
    (tei / "paged.xml").write_text(PAGED, encoding="utf-8")
    for name in ("letter.xml", "persons.xml"):
        shutil.copy(FIXTURES / "valid" / name, tei / name)
    result = run_build(tei, root / "out", ["pdf", "epub"], [], {})
    assert result.ok, result.validation
    return root / "out", result


def destinations(pdf) -> set[str]:
    listing = subprocess.run(["pdfinfo", "-dests", str(pdf)], check=True,
                             capture_output=True, text=True).stdout
    return set(re.findall(r'"(.*)"$', listing, re.M))


def test_weasyprint_finds_no_dead_link_and_no_double_id(built):
    _, result = built
    assert [m for m in result.messages if "anchor" in m.lower()] == []


@pytest.mark.parametrize("book", ["paged", "edition"])
def test_every_internal_link_has_its_anchor_once(built, book):
    out, _ = built
    tree = etree.parse(str(out / ".cache" / "pdf" / f"{book}.xhtml"))
    ids = collections.Counter(tree.xpath("//@id"))
    assert [i for i, n in ids.items() if n > 1] == []
    assert [h for h in tree.xpath("//@href") if h.startswith("#") and h[1:] not in ids] == []


def test_pages_and_sections_the_text_points_at_are_destinations(built):
    out, _ = built
    # The page turning inside the misread word, the notes section and its page.
    assert {"p3", "notes", "p4"} <= destinations(out / "pdf" / "paged.pdf")


def test_the_notes_section_leaves_a_line_saying_where_its_notes_went(built):
    out, _ = built
    text = subprocess.run(["pdftotext", str(out / "pdf" / "paged.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    # The division's heading keeps its words (a word of the TEI is never lost).
    assert "The source’s “Notes” (p. 4) are printed at the foot of the page" in " ".join(text.split())


def test_titles_for_outline_and_running_heads(built):
    out, _ = built
    tree = etree.parse(str(out / ".cache" / "pdf" / "paged.xhtml"))

    def titles(start):
        return {str(t) for t in tree.xpath("//@data-title | //@data-running") if t.startswith(start)}

    # As the text's printed contents gives it, where it lists the division; else the
    # heading, its lines joined by a space.
    assert titles("Appendix") == {"Appendix B: The Resolution"}
    assert titles("Part") == {"Part Two THE PLAN"}


def test_the_epub_contents_titles_its_divisions_alike(built):
    out, _ = built
    with zipfile.ZipFile(out / "epub" / "paged.epub") as epub:
        nav = etree.fromstring(epub.read("OEBPS/nav.xhtml"))
    toc = nav.xpath("//*[local-name()='nav'][@*[local-name()='type'] = 'toc']//*[local-name()='a']/text()")
    assert "Appendix B: The Resolution" in toc and "Part Two THE PLAN" in toc


def test_the_source_contents_is_a_list_of_its_pages_and_what_follows_opens_a_page(built):
    out, _ = built
    pdf = out / "pdf" / "paged.pdf"
    pages = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    (contents,) = [i for i, page in enumerate(pages) if "Page numbers of the source" in page]
    assert "Aboutauthor" not in pages[contents]
    assert any("Aboutauthor" in page for page in pages[contents + 1:])
    # The source's page number stands at the right of its entry, without a bullet.
    line = next(ln for ln in pages[contents].splitlines() if "Appendix B" in ln)
    assert "•" not in pages[contents] and line.strip().startswith("Appendix B")


def test_a_page_break_between_front_and_body_is_a_destination(tmp_path):
    """The EPUB fixture's page 3 stands between front and body (a child of text); the index
    cites it. It opens the first part in print, marked and addressable; and the notes
    division moved to the calls keeps its heading's words."""
    from edition.build import run_build

    shutil.copytree(FIXTURES / "epub", tmp_path / "tei")
    result = run_build(tmp_path / "tei", tmp_path / "out", ["pdf"], jobs=1)
    assert result.ok
    assert [m for m in result.messages if m.startswith(("P001", "W001"))] == []
    assert "book-p3" in destinations(tmp_path / "out" / "pdf" / "book.pdf")
