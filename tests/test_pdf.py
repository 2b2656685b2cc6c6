"""The print edition, read back from its PDFs with poppler's tools.

A small corpus (tests/fixtures/pdf/tei: a book-shaped volume with footnotes, a long note,
endnotes, page breaks, sections; the letter fixture; an edition header) is built once per
module: the volume with its notes at the foot of the page, the letter with endnotes per
chapter (a pdf.toml of the test's own). The tests then check what a reader and a printer
would: outline, fonts, notes on their call's page, running heads and folios, the contents'
page numbers, metadata, and that the same TEI gives the same bytes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from conftest import FIXTURES, ROOT

PDF_FIXTURES = FIXTURES / "pdf" / "tei"
POPPLER = ("pdffonts", "pdftotext", "pdfinfo", "pdftohtml")
CONFIG = """
[page]
size = "6in 9in"
[notes]
default = "foot"
[notes.texts]
letter = "end"
"""

pytestmark = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in POPPLER),
    reason="poppler-utils not installed (scripts/setup.sh --test installs it)",
)


def make_corpus(root: Path) -> Path:
    tei = root / "tei"
    tei.mkdir(parents=True)
    for source in [*PDF_FIXTURES.glob("*.xml"), FIXTURES / "valid" / "letter.xml",
                   FIXTURES / "valid" / "persons.xml"]:
        shutil.copy(source, tei / source.name)
    (root / "pdf.toml").write_text(CONFIG)
    return tei


def build(root: Path, variant: str = "ua", texts=()) -> dict[str, Path]:
    from edition.build import run_build

    result = run_build(
        root / "tei", root / "out", ["pdf"], list(texts),
        {"pdf_config": root / "pdf.toml", "pdf_variant": variant},
    )
    assert result.ok, result.validation
    return {path.stem: path for path in result.built["pdf"]}


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    root = tmp_path_factory.mktemp("print")
    make_corpus(root)
    return build(root)


def run(*command: str | Path) -> str:
    return subprocess.run([str(c) for c in command], check=True, capture_output=True,
                          text=True).stdout


def page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M)[1])


def page_text(pdf: Path, page: int) -> str:
    return run("pdftotext", "-layout", "-f", page, "-l", page, pdf, "-")


def destinations(pdf: Path) -> dict[str, int]:
    """Named destination (every id in the book) → page number."""
    found = {}
    for line in run("pdfinfo", "-dests", pdf).splitlines():
        match = re.match(r'\s*(\d+) \[.*\] "(.*)"$', line)
        if match:
            found[match[2]] = int(match[1])
    return found


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """(level, title, page) for each bookmark, in order."""
    xml = run("pdftohtml", "-xml", "-stdout", "-i", "-q", pdf)
    entries, level = [], 0
    for token in re.finditer(r'<outline>|</outline>|<item page="(\d+)">(.*?)</item>', xml):
        if token[0] == "<outline>":
            level += 1
        elif token[0] == "</outline>":
            level -= 1
        else:
            entries.append((level, token[2], int(token[1])))
    return entries


def squash(text: str) -> str:
    """Small caps and letter-spacing come back from pdftotext oddly spaced and cased."""
    return re.sub(r"\s+", "", text).lower()


# -- the document


def test_one_pdf_per_text_and_one_for_the_edition(books):
    assert sorted(books) == ["edition", "letter", "volume"]
    assert page_count(books["volume"]) > 12
    assert page_count(books["edition"]) > page_count(books["volume"])


def test_outline_entries_match_the_headings(books):
    entries = outline(books["volume"])
    assert [(level, title) for level, title, _ in entries] == [
        (1, "Contents"),
        (1, "Preface"),
        (1, "The New Course"),
        (1, "Bureaucratism and the Revolution"),
        (1, "Tradition and Revolutionary Policy"),
        (2, "Leninism and the Apparatus"),
        (2, "The Question of Generations"),
    ]
    # Each bookmark leads to the page where its heading is printed.
    for _, title, page in entries:
        assert squash(title) in squash(page_text(books["volume"], page)), title
    # The edition: parts, their chapters, their sections.
    edition = [(level, title) for level, title, _ in outline(books["edition"])]
    assert edition[:3] == [(1, "Contents"), (1, "The Course of the Discussion"), (2, "Preface")]
    assert (1, "A letter (fixture)") in edition and (2, "Notes") in edition


def test_every_font_is_embedded_and_the_face_is_libertine(books):
    for pdf in books.values():
        rows = run("pdffonts", pdf).splitlines()[2:]
        assert rows, f"{pdf.name}: no fonts"
        for row in rows:
            assert re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", row), row
            emb, sub, _uni = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+", row).groups()
            assert (emb, sub) == ("yes", "yes"), f"{pdf.name}: not embedded and subset: {row}"
        assert any("Linux-Libertine-O" in row for row in rows)
        assert any("Small-Caps" in row for row in rows)  # real small caps: the font's smcp


def test_metadata_comes_from_the_tei_header(books):
    info = run("pdfinfo", books["volume"])
    assert re.search(r"^Title:\s+The Course of the Discussion$", info, re.M)
    assert re.search(r"^Author:\s+Leon Trotsky$", info, re.M)
    assert re.search(r"^Subject:\s+The Course of the Discussion, by Leon Trotsky, 1923$", info, re.M)
    assert re.search(r"^Keywords:\s+Left Opposition, New Course$", info, re.M)
    assert re.search(r"^CreationDate:.*2026", info, re.M)  # the TEI's newest revision
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Page size:\s+432 x 648 pts", info, re.M)  # 6 x 9 in
    assert b"/Lang (en)" in inflated(books["volume"])


def inflated(pdf: Path) -> bytes:
    """The PDF with its compressed streams inflated (object streams hold the catalog)."""
    data = pdf.read_bytes()
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            parts.append(zlib.decompress(match[1]))
        except zlib.error:
            pass
    return b"\n".join(parts)


# -- pages


def test_contents_page_numbers_are_the_pages_of_the_chapters(books):
    pdf = books["volume"]
    pages = destinations(pdf)
    contents = page_text(pdf, pages["contents"])
    listed = re.findall(r"^\s*(\S.*?)\s[ .]*\.\s+(\d+)\s*$", contents, re.M)
    assert [title for title, _ in listed] == [
        "Preface", "The New Course", "Bureaucratism and the Revolution",
        "Tradition and Revolutionary Policy",
    ]
    for (title, number), chapter in zip(listed, ["vol-preface", "vol-ch1", "vol-ch2", "vol-ch3"],
                                        strict=True):
        assert int(number) == pages[chapter], title
        assert squash(title) in squash(page_text(pdf, int(number)))


def test_chapters_open_on_a_recto_without_running_head(books):
    pdf = books["volume"]
    pages = destinations(pdf)
    for chapter in ["vol-preface", "vol-ch1", "vol-ch2", "vol-ch3"]:
        page = pages[chapter]
        assert page % 2 == 1, f"{chapter} opens on a verso ({page})"
        lines = [line for line in page_text(pdf, page).splitlines() if line.strip()]
        assert "leontrotsky" not in squash(lines[0])
        assert lines[-1].strip() == str(page), "a chapter opening's folio is at its foot"


def test_running_heads_and_folios(books):
    pdf = books["volume"]
    pages = destinations(pdf)
    openings = {pages[c] for c in ["vol-preface", "vol-ch1", "vol-ch2", "vol-ch3"]}
    chapter_of_page = {}
    for number in range(pages["vol-preface"], page_count(pdf) + 1):
        for chapter, title in [("vol-preface", "Preface"), ("vol-ch1", "The New Course"),
                               ("vol-ch2", "Bureaucratism and the Revolution"),
                               ("vol-ch3", "Tradition and Revolutionary Policy")]:
            if pages[chapter] <= number:
                chapter_of_page[number] = title
    checked = 0
    for number in range(1, page_count(pdf) + 1):
        text = page_text(pdf, number)
        lines = [line for line in text.splitlines() if line.strip()]
        if number < pages["vol-preface"]:
            # Front matter: neither running heads nor folios.
            assert not any(line.strip() == str(number) for line in lines), number
            continue
        if not lines or number in openings:
            continue  # a blank verso before a chapter, or an opening (tested above)
        head = squash(lines[0])
        if number % 2 == 0:
            assert head == f"{number}leontrotsky", f"verso {number}: {lines[0]!r}"
        else:
            assert head == squash(chapter_of_page[number]) + str(number), f"recto {number}"
        checked += 1
    assert checked >= 8


def test_footnotes_are_on_the_page_of_their_call_and_marked_alike(books):
    pdf = books["volume"]
    pages = destinations(pdf)
    notes = [name[len("call-"):] for name in pages if name.startswith("call-vol-")]
    assert len(notes) >= 20
    # WeasyPrint may carry a note to the next page to save a widow or an orphan of the
    # paragraphs after its call (a known limit, README): never further, and rarely.
    apart = [note for note in notes if pages[note] != pages["call-" + note]]
    assert all(pages[note] == pages["call-" + note] + 1 for note in apart), apart
    assert len(apart) <= len(notes) // 10, apart
    # Per page text: the note's first words and its mark at the head of its line.
    from edition.xml import parse_file

    tei = parse_file(PDF_FIXTURES / "volume.xml").root
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    sample = tei.xpath("//t:note[@place='foot'] | //t:note[@xml:id='vol-c1-n2' or "
                       "@xml:id='vol-c2-n3' or @xml:id='vol-c3-n8']", namespaces=ns)
    for note in sample:
        note_id = note.get("{http://www.w3.org/XML/1998/namespace}id")
        if note_id in apart:
            continue
        words = " ".join("".join(note.itertext()).split()[:4])
        text = page_text(pdf, pages["call-" + note_id])
        line = next((line for line in text.splitlines() if words in " ".join(line.split())), None)
        assert line is not None, f"{note_id}: its text is not on its call's page"
        assert line.split()[0] == note.get("n"), f"{note_id}: marked {line.split()[0]!r}"


def test_a_long_footnote_continues_on_the_next_page(books):
    pdf = books["volume"]
    pages = destinations(pdf)
    call = pages["call-vol-fn4"]
    assert pages["vol-fn4"] == call
    pieces = [pages[name] for name in pages if name.startswith("vol-fn4-")]
    assert pieces and max(pieces) > call, "the note does not continue overleaf"
    # A paragraph cut between pieces keeps its id in the first only (no anchor twice).
    ids = Counter(etree.parse(str(pdf.parent.parent / ".cache" / "pdf" / "volume.xhtml")).xpath("//@id"))
    assert [i for i, n in ids.items() if n > 1] == []
    # Nothing overprints: on no page do two lines of text share the same space.
    for number in range(call, call + 3):
        xml = run("pdftotext", "-bbox-layout", "-f", number, "-l", number, pdf, "-")
        boxes = [tuple(float(v) for v in m) for m in re.findall(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', xml)]
        for i, (x0, y0, x1, y1) in enumerate(boxes):
            for a0, b0, a1, b1 in boxes[i + 1:]:
                overlap_x = min(x1, a1) - max(x0, a0)
                overlap_y = min(y1, b1) - max(y0, b0)
                assert overlap_x <= 1 or overlap_y <= 2, f"page {number}: lines overprint"


def test_endnotes_per_chapter_when_configured(books):
    pdf = books["letter"]
    pages = destinations(pdf)
    # The letter's one note, at the end of its chapter, after its call, and only there.
    assert pages["letter-n1"] >= pages["call-letter-n1"]
    full_text = run("pdftotext", pdf, "-")
    assert full_text.count("Central Committee; see p. 53") == 1
    assert any(title == "Notes" for _, title, _ in outline(pdf))


def test_print_source_pages_are_marked_in_the_margin(books):
    pdf = books["letter"]
    pages = destinations(pdf)
    assert {"letter-p52", "letter-p53"} <= set(pages)
    text = page_text(pdf, pages["letter-p53"])
    assert "[53]" in text and "commission|" in text.replace(" ", "")


def test_front_matter_and_colophon(books):
    pdf = books["volume"]
    assert squash("The Course of the Discussion") in squash(page_text(pdf, 1))
    title_page = page_text(pdf, 3)
    assert "Writings of a test volume" in title_page and "Edited by Fixture Editor" in title_page
    colophon = " ".join(page_text(pdf, 4).split())
    assert "Test Press, New York, 1975" in colophon  # the source edition
    assert "CC BY 4.0" in colophon  # rights
    assert "volume.xml" in colophon and "Built 24 November 2026" in colophon  # the corpus's newest change


# -- the whole, and its variants


def test_same_tei_gives_the_same_bytes(books, tmp_path):
    make_corpus(tmp_path)
    again = build(tmp_path)
    for name, pdf in books.items():
        assert again[name].read_bytes() == pdf.read_bytes(), name


def test_print_master_is_pdf_a_and_set_apart(tmp_path, run_cli, monkeypatch):
    make_corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EDITION_HOME", str(ROOT))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    code, out, err = run_cli("build", "--format", "pdf", "--pdf-variant", "print",
                             "--out", "o", "tei/letter.xml")
    assert code == 0, err
    master = tmp_path / "o" / "pdf" / "print" / "letter.pdf"
    assert master.is_file() and not (tmp_path / "o" / "pdf" / "letter.pdf").exists()
    xmp = inflated(master)
    assert b'pdfaid:part="3"' in xmp or b"<pdfaid:part>3</pdfaid:part>" in xmp
    assert b"2023-11-14" in xmp  # SOURCE_DATE_EPOCH
    # A subset of the corpus makes no edition book.
    assert not (tmp_path / "o" / "pdf" / "print" / "edition.pdf").exists()


def test_trim_size_and_note_places_come_from_the_settings(tmp_path):
    from edition.builders.pdfconfig import PrintSettings
    from edition.errors import UsageError

    make_corpus(tmp_path)
    (tmp_path / "pdf.toml").write_text('[page]\nsize = "A5"\n[notes]\ndefault = "end"\n')
    pdf = build(tmp_path, texts=[tmp_path / "tei" / "letter.xml"])["letter"]
    assert re.search(r"^Page size:\s+419\.\d+ x 595\.\d+ pts", run("pdfinfo", pdf), re.M)
    bad = tmp_path / "bad.toml"
    bad.write_text('[notes]\ndefault = "margin"\n')
    with pytest.raises(UsageError, match="foot"):
        PrintSettings.load(bad)
    bad.write_text('[page]\nsize = "6in; color: red"\n')
    with pytest.raises(UsageError, match="page size"):
        PrintSettings.load(bad)
    assert PrintSettings.load(tmp_path / "missing.toml").endnotes("x") is False


def real_letter_corpus(tmp_path) -> Path:
    """The fixtures' corpus with the edition's real letter in it (its path there)."""
    letter = ROOT / "tei" / "trotsky-1923-10-08.xml"
    if not letter.is_file():
        pytest.skip("tei/trotsky-1923-10-08.xml is not in this checkout")
    make_corpus(tmp_path)
    for name in ("trotsky-1923-10-08.xml", "persons.xml", "edition.xml"):
        shutil.copy(ROOT / "tei" / name, tmp_path / "tei" / name)
    return tmp_path / "tei" / letter.name


def test_the_real_letter_as_a_book(tmp_path):
    """One real short text of the edition (its 26 notes, some a page long, at the foot)."""
    letter = real_letter_corpus(tmp_path)
    (tmp_path / "pdf.toml").write_text('[notes]\ndefault = "foot"\n')
    pdf = build(tmp_path, texts=[letter])["trotsky-1923-10-08"]
    pages = destinations(pdf)
    calls = [name for name in pages if name.startswith("call-trotsky-1923-10-08-n")]
    assert len(calls) == 26
    for call in calls:
        assert pages[call[len("call-"):]] == pages[call], call
    assert all(" yes yes " in row for row in run("pdffonts", pdf).splitlines()[2:])
    assert outline(pdf)[1][1].startswith("Letter to the members of the Central Committee")


def book_xhtml(tmp_path, text_id: str):
    """A PDF builder over the corpus in tmp_path/tei, and its print XHTML of a text (its
    notes at the foot)."""
    from edition.builders.pdf import PdfBuilder
    from edition.corpus import Corpus
    from edition.xslt import to_xdm

    corpus = Corpus(tmp_path / "tei")
    builder = PdfBuilder(corpus, tmp_path / "out", {"pdf_config": tmp_path / "pdf.toml"})
    (text,) = [t for t in corpus.texts if t.id == text_id]
    return builder, builder.render(to_xdm(text.document),
                                   {"endnotes": False, "build-date": "2026-01-01"})


def cuts(builder, html: str) -> list[str]:
    """Where the long notes of a laid-out XHTML are cut (footnote_split.split_points)."""
    from edition.builders.footnote_split import split_points

    return split_points(builder.layout(html, messages={}))


def test_long_notes_measured_alone_are_cut_where_the_whole_book_would_cut_them(tmp_path):
    # The builder measures long notes in a document of their own (footnote_split's
    # long_notes_only); their pieces must begin at the same words as in the whole book.
    from edition.builders.footnote_split import long_notes_only

    make_corpus(tmp_path)
    builder, html = book_xhtml(tmp_path, "volume")
    whole = cuts(builder, html)
    (alone,) = long_notes_only(html)
    assert whole and len(alone) < len(html) / 2
    assert cuts(builder, alone) == whole


class _RunnerHere:
    """A cluster's layout runner (cluster.py's) that does its tasks here, and lists them."""

    def __init__(self, builder):
        self.builder, self.asked, self.found = builder, [], []

    def submit(self, task, *args):
        self.asked.append(task.__name__)
        return task(self.builder, *args)

    def results(self, futures):
        self.found.extend(futures)
        return list(futures)


def test_long_notes_parted_between_documents_are_cut_where_one_document_cuts_them(tmp_path):
    # A long book's long notes are measured in two documents side by side (PROBES in
    # pdf_parallel), here as a cluster's tasks: each note is measured alone, so the parts
    # give the cuts of one. The real letter has several notes a page long.
    from edition.builders.footnote_split import long_notes_only

    real_letter_corpus(tmp_path)
    builder, html = book_xhtml(tmp_path, "trotsky-1923-10-08")
    (alone,) = long_notes_only(html)
    whole = cuts(builder, alone)
    builder.layout_runner = runner = _RunnerHere(builder)
    with builder.layout_pool() as pool:
        parted = long_notes_only(html, parts=pool.probes)
        assert len(whole) >= 2 and len(parted) == 2
        assert all(len(p) < len(alone) for p in parted)
        assert pool.split_points(parted) == whole
    assert runner.asked == ["note_cuts", "note_cuts"] and all(runner.found)
