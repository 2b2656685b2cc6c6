"""A book set in pieces (builders/pdf_pieces.py, pdf_parallel.py) has the pages of its
one-piece layout: the same text on every page (folios, running heads, the contents' page
numbers and the textual notes' page references included), the same outline, destinations
and links, one structure tree holding every page's marked content in reading order."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf
import pytest

from conftest import ROOT
from edition.builders import pdf_pieces

TEI = "http://www.tei-c.org/ns/1.0"
pytestmark = pytest.mark.skipif(
    subprocess.run(["which", "pdftotext"], capture_output=True).returncode != 0,
    reason="pdftotext (poppler-utils) is not installed")


def chapter(n: int) -> str:
    words = " ".join(f"word{n}x{i}" for i in range(90))
    paragraphs = "".join(
        f"<p>Paragraph {k} of chapter {n}: {words}"
        + (f'<note place="foot">A note of chapter {n}, paragraph {k}.</note>' if k % 3 == 0
           else "")
        + (f' See <ref target="#ch{(n % 7) + 1}">chapter {(n % 7) + 1}</ref>.' if k == 1
           else "")
        + (" <choice><sic>teh</sic><corr>the</corr></choice> end.</p>" if k == 2 else "</p>")
        for k in range(1, 4 + n % 4 * 3))
    return f'<div xml:id="ch{n}"><head>Chapter {n}</head>{paragraphs}</div>'


BOOK = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI}"><teiHeader><fileDesc>
<titleStmt><title>A book in chapters</title><author>A. Writer</author></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Born digital.</p></sourceDesc>
</fileDesc></teiHeader><text><body>{"".join(chapter(n) for n in range(1, 8))}</body></text>
</TEI>"""


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """The fixture's PDF laid out in one piece and in three pieces by two processes."""
    base = tmp_path_factory.mktemp("pieces")
    (base / "src").mkdir()
    (base / "src" / "book.xml").write_text(BOOK, encoding="utf-8")
    return {n: out / "pdf" / "book.pdf" for n, out in build_twice(base).items()}


def build_twice(base, *options: str) -> dict:
    """The PDFs of base/src in one piece (1 job) and in three pieces (2 jobs): pieces →
    output directory."""
    made = {}
    for pieces, jobs in ((1, 1), (3, 2)):
        out = base / f"out{pieces}"
        result = subprocess.run(
            [sys.executable, "-m", "edition", "build", "--source", str(base / "src"),
             "--format", "pdf", "--out", str(out), "--pdf-pieces", str(pieces),
             "--jobs", str(jobs), "-q", *options],
            cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        made[pieces] = out
    return made


def page_texts(path) -> list[str]:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout.split("\f")


def test_the_fixture_is_cut_into_pieces_that_refer_to_pages_on_their_own(books):
    html = (books[1].parent.parent / ".cache" / "pdf" / "book.xhtml").read_text()
    pieces = pdf_pieces.cut(html, 3)
    assert len(pieces) >= 4  # the opening with the contents, three, the textual notes
    assert pieces[0].dependent and pieces[-1].dependent  # contents; textual notes
    assert not any(p.dependent for p in pieces[1:-1])
    assert all(p.root.find(f".//{{{pdf_pieces.XHTML}}}section") is not None for p in pieces)


def test_every_page_has_the_text_of_the_one_piece_layout(books):
    one, pieces = page_texts(books[1]), page_texts(books[3])
    assert len(one) > 12  # several chapters, each on a recto
    assert pieces == one
    # The numbers that cross pieces are right: the contents' and the textual notes'.
    contents = dict(re.findall(r"^(Chapter \d+) [ .]+(\d+)$", "".join(one[:8]), re.M))
    assert len(contents) == 7
    for title, page in contents.items():
        assert re.search(rf"^\s*{title}$", one[int(page) - 1], re.M), (title, page)
    notes = re.findall(r"p\. (\d+) the\] the source reads teh", "".join(one))
    assert len(notes) == 7
    for number, page in zip(range(1, 8), notes, strict=True):
        assert f"Paragraph 2 of chapter {number}:" in one[int(page) - 1]


def destinations(pdf) -> dict[str, int]:
    pages = {page.objgen: i for i, page in enumerate(pdf.pages)}
    tree = pikepdf.NameTree(pdf.Root.Names.Dests)
    return {str(name): pages[value[0].objgen] for name, value in tree.items()}


def outline(pdf) -> list[tuple[str, int]]:
    pages = {page.objgen: i for i, page in enumerate(pdf.pages)}
    found = []

    def walk(item):
        while item is not None:
            found.append((str(item.Title), pages[item.Dest[0].objgen]))
            if "/First" in item:
                walk(item.First)
            item = item.get("/Next")

    walk(pdf.Root.Outlines.First)
    return found


def links(pdf) -> list[tuple[int, str]]:
    found = []
    for number, page in enumerate(pdf.pages):
        for annotation in page.get("/Annots") or []:
            if annotation.get("/Subtype") == "/Link":
                target = annotation.get("/Dest")
                found.append((number, str(target) if target is not None
                              else str(annotation.A.get("/URI", ""))))
    return found


def test_outline_destinations_and_links_are_those_of_one_piece(books):
    with pikepdf.open(books[1]) as one, pikepdf.open(books[3]) as pieces:
        assert outline(pieces) == outline(one)
        assert destinations(pieces) == destinations(one)
        assert links(pieces) == links(one)
        assert not any(t.startswith(pdf_pieces.LINK_SCHEME) for _, t in links(pieces))
        names = destinations(pieces)
        assert all(t in names for _, t in links(pieces) if not re.match(r"\w+:", t))
        assert pieces.docinfo["/Title"] == one.docinfo["/Title"]
        assert str(pieces.Root.Lang) == str(one.Root.Lang)


def marked_content(page) -> list[int]:
    """The marked-content ids of a page's content stream, in the order drawn."""
    ids = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                and "/MCID" in operands[1]:
            ids.append(int(operands[1].MCID))
    return ids


def tree_order(pdf) -> list[tuple[int, int]]:
    """(page, marked-content id) as the structure tree reads them, depth first."""
    pages = {page.objgen: i for i, page in enumerate(pdf.pages)}
    found = []

    def walk(element, page):
        if isinstance(element, int):
            found.append((page, element))
            return
        if not isinstance(element, pikepdf.Dictionary):
            for kid in element:
                walk(kid, page)
            return
        if "/MCID" in element:
            found.append((pages[element.Pg.objgen] if "/Pg" in element else page,
                          int(element.MCID)))
            return
        if "/K" in element:
            here = pages[element.Pg.objgen] if "/Pg" in element else page
            walk(element.K, here)

    walk(pdf.Root.StructTreeRoot.K, None)
    return found


def folio_artifacts(page) -> list:
    """The page's folios as the join stamps them: form XObjects marked as pagination."""
    forms = (page.obj.get("/Resources") or {}).get("/XObject") or {}
    return [name for name, form in forms.items()
            if form.read_bytes().startswith(b"/Artifact <</Type /Pagination>> BDC")]


def test_one_structure_tree_holds_every_page_in_reading_order(books):
    with pikepdf.open(books[3]) as pdf, pikepdf.open(books[1]) as one:
        drawn = {(n, mcid) for n, page in enumerate(pdf.pages) for mcid in marked_content(page)}
        read = tree_order(pdf)
        assert read and set(read) <= drawn
        assert len(read) == len(set(read))
        pages_in_order = [page for page, _ in read]
        assert pages_in_order == sorted(pages_in_order)  # the pages, front to back
        assert read == tree_order(one)
        # What WeasyPrint itself leaves out of the tree (the footnote area's marked content,
        # the folios) is left out in one piece too: the join loses nothing of the tree. The
        # folios of the pieces are stamped as pagination artifacts, with no marked content.
        drawn_one = {(n, m) for n, page in enumerate(one.pages) for m in marked_content(page)}
        assert drawn - set(read) <= drawn_one - set(read)
        assert len(drawn - set(read)) < len(drawn) / 10
        stamped = {n for n, page in enumerate(pdf.pages) if folio_artifacts(page)}
        assert len(stamped) > len(pdf.pages) / 2
        assert {n for n, _ in (drawn_one - drawn)} <= stamped
        # Every page with marked content is a key of the parent tree, pointing back.
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        keys = {int(nums[i]) for i in range(0, len(nums), 2)}
        for n, page in enumerate(pdf.pages):
            if marked_content(page):
                assert int(page.StructParents) in keys, n


def test_starts_put_every_piece_on_a_recto():
    assert pdf_pieces.starts([5, 4, 3]) == [1, 7, 11]


# -- the edition's book, made of the texts' pieces

SHORT = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI}"><teiHeader><fileDesc>
<titleStmt><title>A short text</title><author>B. Writer</author></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Born digital.</p></sourceDesc>
</fileDesc></teiHeader><text><body><div xml:id="s1"><head>The short one</head>
<p>It points at <ref target="book.xml#ch3">the book's third chapter</ref>.</p></div></body>
</text></TEI>"""


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """Two texts (the book pointing at the short one), their edition's book laid out in one
    piece and in pieces (the book's own pieces used again)."""
    base = tmp_path_factory.mktemp("edition-pieces")
    (base / "src").mkdir()
    book = BOOK.replace("<p>Paragraph 1 of chapter 4:",
                        '<p>See <ref target="short.xml#s1">the short text</ref>. '
                        "Paragraph 1 of chapter 4:")
    (base / "src" / "book.xml").write_text(book, encoding="utf-8")
    (base / "src" / "short.xml").write_text(SHORT, encoding="utf-8")
    return base, build_twice(base, "--edition-book", "always")


def test_the_editions_book_in_pieces_has_the_pages_of_one_piece(editions):
    _, made = editions
    one, pieces = (made[n] / "pdf" / "edition.pdf" for n in (1, 3))
    assert page_texts(pieces) == page_texts(one)
    with pikepdf.open(one) as a, pikepdf.open(pieces) as b:
        assert outline(b) == outline(a)
        assert [t for t, _ in outline(b)].count("A book in chapters") == 1  # the part title
        assert "Chapter 4" in [t for t, _ in outline(b)]
        assert destinations(b) == destinations(a)
        assert links(b) == links(a)
        # The book's link to the short text's PDF is a link within the edition's book.
        assert any(t == "s1" for _, t in links(b))
        assert not any(t.startswith(("short.pdf#", pdf_pieces.LINK_SCHEME)) for _, t in links(b))


def test_the_editions_book_uses_the_books_pieces_as_they_are(editions, monkeypatch):
    from edition.builders import pdf_parallel
    from edition.workers import Worker

    base, made = editions
    out = made[3]
    builder = Worker(base / "src", out, {"pdf_pieces": 3, "jobs": 1,
                                         "edition_book": "always"}).builder(
        "edition.builders.pdf:PdfBuilder")
    seen = []
    real = pdf_parallel.set_in_pieces

    def spy(pieces, *args, **kwargs):
        seen.extend((p.from_text, p.laid is not None) for p in pieces)
        return real(pieces, *args, **kwargs)

    monkeypatch.setattr(pdf_parallel, "set_in_pieces", spy)
    html = (out / ".cache" / "pdf" / "edition.xhtml").read_text(encoding="utf-8")
    pdf = builder.edition_pdf(html, builder.corpus.texts)
    # The book's chapters come from its own pieces, laid out by its unit (the cache).
    assert sum(1 for from_text, cached in seen if from_text and cached) >= 2
    assert pdf == (out / "pdf" / "edition.pdf").read_bytes()
    # Without the cache, they are laid out here, to the same bytes.
    for kept in (out / ".cache" / "pdf" / "pieces").iterdir():
        kept.unlink()
    seen.clear()
    assert builder.edition_pdf(html, builder.corpus.texts) == pdf
    assert any(from_text for from_text, _ in seen) and not any(c for _, c in seen)


def test_folios_set_on_a_sheet_in_parts_are_those_of_one_piece(editions, monkeypatch,
                                                              tmp_path):
    """The folio sheet laid out in parts (each numbered from its first page on) gives the
    folios of one piece: here in parts of 4 pages, where a book has a few dozen."""
    from edition.workers import Worker

    base, made = editions
    monkeypatch.setattr(pdf_pieces, "SHEET_PAGES", 4)
    builder = Worker(base / "src", made[3], {"pdf_pieces": 3, "jobs": 1,
                                             "edition_book": "always"}).builder(
        "edition.builders.pdf:PdfBuilder")
    html = (made[3] / ".cache" / "pdf" / "edition.xhtml").read_text(encoding="utf-8")
    parted = tmp_path / "edition.pdf"
    parted.write_bytes(builder.edition_pdf(html, builder.corpus.texts))
    with pikepdf.open(parted) as pdf:
        assert len(pdf.pages) > 3 * pdf_pieces.SHEET_PAGES
    assert page_texts(parted) == page_texts(made[1] / "pdf" / "edition.pdf")


def font_files(path) -> dict[tuple, int]:
    """The font files a PDF embeds: object → its size."""
    found = {}
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                for key in ("/FontFile2", "/FontFile3"):
                    if key in obj:
                        found[obj[key].objgen] = len(obj[key].read_raw_bytes())
    return found


def rendered(path) -> list[bytes]:
    """Every page of a PDF as a small grey picture."""
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(["pdftoppm", "-gray", "-r", "30", str(path), f"{scratch}/p"],
                       check=True)
        return [p.read_bytes() for p in sorted(Path(scratch).iterdir())]


def test_each_font_is_embedded_once_cut_to_the_glyphs_of_the_whole_book(books):
    one, pieces = font_files(books[1]), font_files(books[3])
    # The pieces were written with whole fonts (pdf_fonts.WholeFonts), cut by the join:
    # the one-piece layout's files and the folio sheet's own cut of the folios' font.
    assert 0 < len(pieces) <= len(one) + 1
    assert sum(pieces.values()) <= 1.2 * sum(one.values())
    # Every glyph is there: the pages look as the one-piece layout's.
    ours, theirs = rendered(books[3]), rendered(books[1])
    assert len(ours) == len(theirs)
    assert [n + 1 for n, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b] == []
