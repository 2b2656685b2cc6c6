"""`edition build --format epub` on the fixture corpus (tests/fixtures/epub: a book with
parts, writings, footnotes, endnotes called twice, an index and page breaks between
divisions; an essay citing a page of the book; the edition header): the packages, their
metadata, page lists, notes, the edition's EPUB, reproducibility, and the validators
(EPUBCheck, DAISY Ace). Built once per module."""

from __future__ import annotations

import posixpath
import shutil
import uuid
import zipfile
from pathlib import Path

import pytest
from epub_checks import NS, Epub, ace, epubcheck

from conftest import FIXTURES
from edition import epub_package
from edition.build import run_build
from edition.xml import NSMAP, parse_file

CORPUS = FIXTURES / "epub"
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z


def build(tmp: Path, epoch: str | None = EPOCH) -> Path:
    tei = tmp / "tei"
    shutil.copytree(CORPUS, tei)
    with pytest.MonkeyPatch.context() as patch:
        if epoch is None:
            patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            patch.setenv("SOURCE_DATE_EPOCH", epoch)
        result = run_build(tei, tmp / "output", ["epub"])
    assert result.ok, result.validation
    return tmp / "output" / "epub"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("epub"))


@pytest.fixture(scope="module")
def book(out) -> Epub:
    return Epub(out / "book.epub")


@pytest.fixture(scope="module")
def edition(out) -> Epub:
    return Epub(out / "edition.epub")


def meta(opf, prop: str) -> list[str]:
    return [m.text for m in opf.xpath("//opf:meta[@property=$p]", namespaces=NS, p=prop)]


def test_one_epub_per_text_and_one_of_the_edition(out):
    assert sorted(p.name for p in out.iterdir()) == ["book.epub", "edition.epub", "essay.epub"]


def test_container_layout_is_ocf(book):
    first = book.infos[0]
    assert first.filename == "mimetype" and book.files["mimetype"] == b"application/epub+zip"
    assert first.compress_type == zipfile.ZIP_STORED and first.extra == b""
    names = [i.filename for i in book.infos]
    assert names[1] == "META-INF/container.xml"
    assert names[2:] == sorted(names[2:])
    assert {i.date_time for i in book.infos} == {(2023, 11, 14, 22, 13, 20)}
    rootfile = book.xml("META-INF/container.xml").find(".//c:rootfile", NS)
    assert rootfile.get("full-path") == "OEBPS/package.opf"


def test_same_tei_gives_the_same_bytes(out, tmp_path):
    again = build(tmp_path)
    for name in ("book.epub", "essay.epub", "edition.epub"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_without_source_date_epoch_the_date_comes_from_the_tei(tmp_path):
    opf = Epub(build(tmp_path, epoch=None) / "book.epub").opf
    # the newest revisionDesc/change/@when of the corpus
    assert meta(opf, "dcterms:modified") == ["2026-11-24T00:00:00Z"]


def test_metadata_from_the_tei_header(book):
    opf = book.opf
    namespace = epub_package.IDENTIFIER_NAMESPACE
    assert opf.get("unique-identifier") == "uid"
    assert opf.xpath("string(//dc:identifier[@id='uid'])", namespaces=NS) == (
        f"urn:uuid:{uuid.uuid5(namespace, 'book')}"
    )
    titles = opf.xpath("//dc:title", namespaces=NS)
    assert [t.text for t in titles] == ["A Book of Writings", "A fixture for the EPUB builder"]
    assert meta(opf, "title-type") == ["main", "subtitle"]

    def roles(element: str) -> dict[str, list[str]]:
        found = {}
        for agent in opf.xpath(f"//dc:{element}", namespaces=NS):
            refines = opf.xpath(
                "//opf:meta[@refines=$r][@property='role'][@scheme='marc:relators']",
                namespaces=NS,
                r="#" + agent.get("id"),
            )
            found[agent.text] = [r.text for r in refines]
        return found

    assert roles("creator") == {"Leon Trotsky": ["aut"]}
    assert roles("contributor") == {
        "Naomi Allen": ["edt"], "E. H. Carr": ["ann", "trl"], "The edition project": ["mrk"]}
    assert opf.xpath("string(//dc:publisher)", namespaces=NS) == "The edition project"
    assert opf.xpath("string(//dc:date)", namespaces=NS) == "2026-11-24"
    assert opf.xpath("//dc:language/text()", namespaces=NS) == ["en"]
    sources = opf.xpath("//dc:source/text()", namespaces=NS)
    assert any("Pathfinder Press" in s and "1975" in s and "0-87348-450-9" in s for s in sources)
    assert "urn:isbn:087348424X" in sources
    assert opf.xpath("//dc:rights/text()", namespaces=NS) == [
        "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
    ]
    assert opf.xpath("//dc:subject/text()", namespaces=NS) == ["Left Opposition"]
    assert meta(opf, "dcterms:modified") == ["2023-11-14T22:13:20Z"]
    assert meta(opf, "belongs-to-collection") == ["A fixture edition"]


def test_accessibility_metadata_states_what_the_text_has(out, book):
    opf = book.opf
    assert meta(opf, "schema:accessMode") == ["textual"]
    assert meta(opf, "schema:accessModeSufficient") == ["textual"]
    assert meta(opf, "schema:accessibilityHazard") == ["none"]
    assert meta(opf, "dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert "page list" in meta(opf, "schema:accessibilitySummary")[0]
    features = set(meta(opf, "schema:accessibilityFeature"))
    assert {"tableOfContents", "structuralNavigation", "readingOrder", "printPageNumbers",
            "pageBreakMarkers", "pageNavigation", "index"} <= features
    assert meta(opf, "pageBreakSource") == ["urn:isbn:087348424X"]
    # The essay has no printed pages and no index: it does not claim them.
    essay = Epub(out / "essay.epub").opf
    essay_features = set(meta(essay, "schema:accessibilityFeature"))
    assert not essay_features & {"printPageNumbers", "pageBreakMarkers", "pageNavigation", "index"}
    assert meta(essay, "pageBreakSource") == []


def test_a_content_document_per_part_and_writing(book):
    spine = book.opf.xpath("//opf:itemref/@idref", namespaces=NS)
    items = {i.get("id"): i.get("href") for i in book.opf.xpath("//opf:item", namespaces=NS)}
    assert [items[i] for i in spine] == [
        "book/book.xhtml", "nav.xhtml", "book/book-front.xhtml", "book/book-preface.xhtml",
        "book/book-part1.xhtml", "book/book-w1.xhtml", "book/book-w2.xhtml",
        "book/book-notes.xhtml", "book/book-index.xhtml",
    ]
    # The writings' numbered sections stay in their writing.
    w1 = book.xml("OEBPS/book/book-w1.xhtml")
    assert [s.get("id") for s in w1.xpath("//h:section[contains(@class, 'tei-div')]", namespaces=NS)] == [
        "book-w1", "book-w1-s1", "book-w1-s2"]
    assert w1.xpath("//h:section[@id='book-w1']/@role", namespaces=NS) == ["doc-chapter"]


def test_page_list_has_every_printed_page_in_order(book):
    tei_pages = parse_file(CORPUS / "book.xml").root.xpath("//tei:text//tei:pb", namespaces=NSMAP)
    page_list = book.nav.find(".//h:nav[@epub:type='page-list']", NS)
    assert page_list is not None and page_list.get("role") == "doc-pagelist"
    entries = page_list.findall(".//h:a", NS)
    assert len(entries) == len(tei_pages)
    # Printed numbers; the unnumbered cover by name.
    assert [a.text for a in entries] == ["Book cover", "1", "2", "3", "4", "5", "6"]
    for a, pb in zip(entries, tei_pages, strict=True):
        marker = book.resolve(a.get("href"))
        assert marker is not None, a.get("href")
        assert marker.get("id") == pb.get("{http://www.w3.org/XML/1998/namespace}id")
        assert marker.get(f"{{{NS['epub']}}}type") == "pagebreak"
        assert marker.get("role") == "doc-pagebreak" and marker.get("aria-label") == a.text
    # A page break between divisions opens the next writing's file.
    assert entries[5].get("href") == "book/book-w2.xhtml#book-p5"
    # Every page marker of every content document is in the page list.
    listed = {a.get("href").split("/", 1)[1] for a in entries}
    for name in book.files:
        if name.startswith("OEBPS/book/"):
            for marker in book.xml(name).xpath("//*[@role='doc-pagebreak']"):
                assert f"{name.rsplit('/', 1)[1]}#{marker.get('id')}" in listed


def test_note_round_trip(book):
    """Every call leads to its note, which is typed for pop-ups and leads back to it."""
    calls = []
    for name in sorted(book.files):
        if name.endswith(".xhtml") and name != "OEBPS/nav.xhtml":
            for a in book.xml(name).xpath("//h:a[@epub:type='noteref']", namespaces=NS):
                calls.append((name, a))
    assert len(calls) == 4  # two calls of n1, one of n2, one footnote
    for name, call in calls:
        assert call.get("role") == "doc-noteref"
        note = book.resolve(call.get("href"), name)
        assert note is not None and note.tag == f"{{{NS['h']}}}aside"
        assert note.get(f"{{{NS['epub']}}}type") in ("footnote", "endnote")
        assert note.get("role") == "doc-footnote"
        note_file = name if call.get("href").startswith("#") else (
            "OEBPS/book/" + call.get("href").split("#")[0])
        backs = [book.resolve(b, note_file) for b in note.xpath(".//h:a[@role='doc-backlink']/@href", namespaces=NS)]
        assert any(b is not None and b.get("id") == call.get("id") for b in backs), call.get("id")
    endnote = book.resolve("book/book-notes.xhtml#book-n1")
    assert endnote.get(f"{{{NS['epub']}}}type") == "endnote"
    footnote = book.resolve("book/book-w1.xhtml#book-fn1")
    assert footnote.get(f"{{{NS['epub']}}}type") == "footnote"


def test_contents_and_landmarks(book):
    toc = book.nav.find(".//h:nav[@epub:type='toc']", NS)
    top = [li.find("h:a", NS).text for li in toc.findall("h:ol/h:li", NS)]
    assert top == ["Title page", "Title page of the print edition", "Preface", "Part One",
                   "Notes", "Index"]
    part = toc.findall("h:ol/h:li", NS)[3]
    assert [a.text for a in part.findall("h:ol/h:li/h:a", NS)] == [
        "The first writing", "The second writing"]
    assert [a.text for a in part.findall("h:ol/h:li/h:ol/h:li/h:a", NS)] == ["I", "II"]
    for a in toc.iter(f"{{{NS['h']}}}a"):
        assert book.resolve(a.get("href")) is not None, a.get("href")
    landmarks = {a.get(f"{{{NS['epub']}}}type"): a.get("href")
                 for a in book.nav.findall(".//h:nav[@epub:type='landmarks']//h:a", NS)}
    assert landmarks == {
        "titlepage": "book/book.xhtml", "toc": "nav.xhtml#toc",
        "bodymatter": "book/book-part1.xhtml", "endnotes": "book/book-notes.xhtml#book-notes",
        "index": "book/book-index.xhtml#book-index"}


def test_links_between_texts_live_only_in_the_edition(out, edition):
    essay = Epub(out / "essay.epub")
    note = essay.xml("OEBPS/essay/essay-back.xhtml")
    assert note.xpath("//h:span[@data-ed-pointer='book.xml#book-p4']", namespaces=NS)
    assert not note.xpath("//h:a[@data-ed-pointer]", namespaces=NS)
    linked = edition.xml("OEBPS/essay/essay-back.xhtml").xpath(
        "//h:a[@data-ed-pointer='book.xml#book-p4']", namespaces=NS)
    assert linked and linked[0].get("href") == "../book/book-w1.xhtml#book-p4"
    assert edition.resolve(linked[0].get("href"), "OEBPS/essay/essay-back.xhtml") is not None
    whole = edition.xml("OEBPS/essay/essay-back.xhtml").xpath(
        "//h:a[@data-ed-pointer='book.xml#book']/@href", namespaces=NS)
    assert whole == ["../book/book.xhtml"]  # the text itself: its title page
    # Documents without such pointers are the texts' own, byte for byte.
    assert edition.files["OEBPS/book/book-w1.xhtml"] == Epub(out / "book.epub").files[
        "OEBPS/book/book-w1.xhtml"]


def test_edition_package(edition, book):
    opf = edition.opf
    assert opf.xpath("string(//dc:title)", namespaces=NS) == "A fixture edition"
    assert opf.xpath("//dc:creator/text()", namespaces=NS) == ["Leon Trotsky", "Tony Cliff"]
    spine = opf.xpath("//opf:itemref/@idref", namespaces=NS)
    assert spine[:2] == ["edition-title", "nav"] and len(spine) == len(set(spine)) == 2 + 8 + 4
    toc = edition.nav.find(".//h:nav[@epub:type='toc']/h:ol", NS)
    assert [li.find("h:a", NS).text for li in toc.findall("h:li", NS)] == [
        "Title page", "A Book of Writings", "An essay about the book"]
    pages = edition.nav.findall(".//h:nav[@epub:type='page-list']//h:a", NS)
    assert [a.text for a in pages] == ["Book cover", "1", "2", "3", "4", "5", "6"]
    assert meta(opf, "pageBreakSource") == meta(book.opf, "pageBreakSource")
    for a in edition.nav.iter(f"{{{NS['h']}}}a"):
        assert edition.resolve(a.get("href")) is not None, a.get("href")


def test_numbers_and_headers_are_not_doubled_or_empty(out, book):
    essay = Epub(out / "essay.epub").xml("OEBPS/essay/essay-s2.xhtml")
    numbers = essay.xpath("//h:span[@class='div-number']/text()", namespaces=NS)
    assert numbers == ["2."]  # point 1 is numbered in its text already
    table = book.xml("OEBPS/book/book-w2.xhtml").find(".//h:table", NS)
    assert [c.tag.split("}")[1] for c in table.find("h:thead/h:tr", NS)] == ["td", "th"]


@pytest.mark.slow
def test_epubcheck_finds_nothing(out):
    found = epubcheck(*sorted(out.glob("*.epub")))
    assert found == {path: [] for path in found}


@pytest.mark.slow
def test_ace_finds_no_violation(out):
    for path in sorted(out.glob("*.epub")):
        assert ace(path) == [], path.name


def cover_items(epub: Epub) -> list:
    return epub.opf.xpath("//opf:item[contains(concat(' ', @properties, ' '), ' cover-image ')]",
                          namespaces=NS)


def test_each_epub_has_one_cover_image_typeset_from_its_header(book, edition):
    svg = "{http://www.w3.org/2000/svg}"
    for epub, title in ((book, "A Book of Writings"), (edition, "A fixture edition")):
        (item,) = cover_items(epub)
        assert item.get("media-type") == "image/svg+xml"
        cover = epub.xml(posixpath.join("OEBPS", item.get("href")))
        assert cover.tag == f"{svg}svg"
        lines = " ".join(t.text for t in cover.iter(f"{svg}text"))
        assert title in lines, lines
    # The edition's package holds its own cover, not the texts' covers.
    assert [n for n in edition.files if n.endswith("cover.svg")] == ["OEBPS/cover.svg"]
