"""`edition build --format pdf`: the print edition.

Each text becomes a book of its own (`output/pdf/<text>.pdf`) and, when the whole corpus is
built, the edition becomes one book (`output/pdf/edition.pdf`). The print stylesheet
(xslt/print.xsl) makes the XHTML of a book; WeasyPrint sets its pages with
xslt/print/print.css and the trim size from pdf.toml (pdfconfig.py).

Two PDF variants (`--pdf-variant`): `ua`, tagged and accessible (PDF/UA-1), the default; and
`print`, the print master (PDF/A-3b), written under `output/pdf/print/`.

The edition's book is assembled by the stylesheet from the XHTML of the texts' books, which
write_text leaves in the cache directory (output/.cache/pdf/<text>.xhtml), so that only one
TEI text is in memory at a time and the edition's book can be made in another process, or by
a later build, without setting the texts again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from edition import paths
from edition.builders.base import Builder
from edition.builders.pdfconfig import FILE_NAME, PrintSettings, variant
from edition.corpus import Text

EDITION_BOOK = "{urn:x-edition:functions}edition-book"
#: A book's print XHTML is set in pieces of about this size, in parallel, with the pages of
#: a one-piece layout (pdf_pieces.py). The book: 8 pieces, not 4, so that two processes
#: taking the longest first end together (its chapters' lengths differ twice over).
PIECE_BYTES = 225_000
STYLE_SHEET = Path("print") / "print.css"
#: Where a text's laid-out pieces are kept, under the cache, for the edition's book; and
#: what they are (changed when a piece's PDF is made otherwise: the keys change with it).
PIECES = "pieces"
PIECE_FORMAT = "whole fonts"
#: The type: print.css names Linux Libertine O, with DejaVu Serif for missing glyphs.
FONT_FILES = (
    "/usr/share/fonts/opentype/linux-libertine/LinLibertine_*.otf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif*.ttf",
)


class PdfBuilder(Builder):
    name = "pdf"
    stylesheet = "print.xsl"
    libraries = (*Builder.libraries, "weasyprint", "pydyf", "tinycss2", "cssselect2",
                 "pyphen", "fonttools")
    cost = 12.0
    #: Does a book's layouts elsewhere (pdf_parallel's tasks: `submit(task, *args)`,
    #: `results(futures)`; set on a Dask cluster, cluster.py); None: processes of the
    #: unit's own (pdf_parallel.LayoutPool).
    layout_runner = None

    def prepare(self) -> None:
        self.pdf_variant = variant(self.variant_name)
        self.target_dir = Path("print") if self.variant_name == "print" else Path()

    # -- what the PDFs are made from

    @property
    def variant_name(self) -> str:
        return self.options.get("pdf_variant") or "ua"

    @property
    def scope(self) -> str:
        return "pdf" if self.variant_name == "ua" else f"pdf-{self.variant_name}"

    @cached_property
    def print_settings(self) -> PrintSettings:
        config = self.options.get("pdf_config") or paths.home() / FILE_NAME
        return PrintSettings.load(Path(config))

    def settings(self) -> dict[str, str]:
        variant(self.variant_name)  # an unknown variant is a usage error before any work
        return {"variant": self.variant_name, "page": self.print_settings.page_css,
                "pieces": str(self.options.get("pdf_pieces") or "by size")}

    def edition_settings(self) -> dict[str, str]:
        return {"edition-book": self.edition_book}

    def text_settings(self, text_id: str) -> dict[str, str]:
        linked = self._linked_pdfs(self._texts_by_id[text_id]) if text_id in self._texts_by_id \
            else {}
        return {"endnotes": str(self.print_settings.endnotes(text_id)),
                "linked-texts": ",".join(sorted(linked))}

    @cached_property
    def _texts_by_id(self) -> dict[str, Text]:
        return {t.id: t for t in self.corpus.texts}

    @cached_property
    def _pdf_names(self) -> dict[str, str]:
        """A text's file as the source names it (its path there) → the name of its PDF."""
        return {t.relative: f"{t.id}.pdf" for t in self.corpus.texts}

    def _linked_pdfs(self, text: Text) -> dict[str, str]:
        """The other texts this text points at that are texts of the corpus, as pointers
        name them (relative to the text's directory) → their PDFs. A pointer at a file that
        is not a text of the corpus is no link in print: the PDF would not be there."""
        import posixpath
        import re

        folder = posixpath.dirname(text.relative or text.path.name)
        named = {m.decode("utf-8", "replace") for m in
                 re.findall(rb"[\"'\s]([^\"'\s:/#<>]+\.xml)(?=[#\"'\s])", text.path.read_bytes())}
        linked = {}
        for name in named:
            key = posixpath.join(folder, name) if folder else name
            if key in self._pdf_names and key != (text.relative or text.path.name):
                linked[name] = self._pdf_names[key]
        return linked

    def extra_inputs(self) -> list[Path]:
        return sorted(p for pattern in FONT_FILES for p in Path("/").glob(pattern[1:]))

    # -- the books

    def write_text(self, text: Text) -> list[Path]:
        from edition import media
        from edition.builders.footnote_split import long_notes_only
        from edition.xslt import sequence, to_xdm, value

        source = to_xdm(text.document)
        images = self.images(text)
        linked = self._linked_pdfs(text)
        parameters = {
            "endnotes": self.print_settings.endnotes(text.id),
            "linked-files": sequence(value(n) for n in sorted(linked)),
            "linked-pdfs": sequence(value(linked[n]) for n in sorted(linked)),
            "links-known": True,
            **self._date_parameters([text]),
            # Inline, so that the fetcher still fetches nothing.
            **media.parameters(images, [i.data_uri() for i in images]),
        }
        if self.corpus.foreign:
            parameters.update({"foreign": True, "source-file": text.relative})
        # A text whose TEI is as long as a piece will most likely be set in pieces: the
        # processes that lay them out start while its XHTML is made.
        with self.layout_pool(early=text.path.stat().st_size >= PIECE_BYTES) as layouts:
            html = self.render(source, parameters)
            # Measure the long notes alone (of a long book: in documents side by side);
            # those too tall for a page are cut into pieces.
            probes = long_notes_only(html, parts=layouts.probes)
            splits = layouts.split_points(probes) if probes else []
            if splits:
                splits_value = sequence(value(s) for s in splits)
                html = self.render(source, {**parameters, "note-splits": splits_value})
            self._account(text, html)
            pdf = self.book_pdf(html, layouts)
        self.write_cache(f"{text.id}.xhtml", html)
        return [self.write(self.target_dir / f"{text.id}.pdf", pdf)]

    def _account(self, text: Text, html: str) -> None:
        """Words out: of the XHTML WeasyPrint sets (what the PDF's text is made of; the
        tests compare the PDF's own text, pdftotext, too)."""
        from edition import wordcount
        from edition.xml import parse_bytes

        self.account_words(text, wordcount.xhtml_words(
            parse_bytes(html.encode("utf-8"), f"{text.id}.xhtml").root))

    def finish(self, texts: Sequence[Text]) -> list[Path]:
        """The whole edition as one book, when the whole corpus was built."""
        built = {t.path.resolve() for t in texts}
        # Another project's edition is made of the files that can be rendered.
        everything = {t.path.resolve() for t in self.corpus.texts}
        if not built or (built != everything and not self.corpus.foreign):
            return []
        if not self.makes_edition_book(texts):
            return []
        early = sum(t.path.stat().st_size for t in texts) >= PIECE_BYTES
        with self.layout_pool(early=early) as layouts:
            html = self.edition_html(texts)
            pdf = self.edition_pdf(html, texts, layouts)
        self.write_cache("edition.xhtml", html)  # what WeasyPrint sets (the benchmark's floor)
        return [self.write(self.target_dir / "edition.pdf", pdf)]

    # -- XHTML

    def edition_html(self, texts: Sequence[Text]) -> str:
        """The edition's book, from the texts' books that write_text cached."""
        from edition.xml import parse_bytes
        from edition.xslt import sequence, to_xdm

        books = sequence(
            to_xdm(
                parse_bytes((self.cache_dir / f"{t.id}.xhtml").read_bytes(), f"{t.id}.xhtml"),
                (self.outdir / f"{t.id}.xhtml").resolve().as_uri(),
            )
            for t in texts
        )
        parameters = {**self.authority_parameters, "books": books,
                      **self._date_parameters(texts)}
        if self.corpus.foreign:
            parameters.update({"foreign": True,
                               "source-name": self.corpus.tei_dir.resolve().name})
        result = self.transform.call(EDITION_BOOK, parameters)
        self.messages.update(dict.fromkeys(self.transform.messages))
        return result

    def _date_parameters(self, texts: Sequence[Text]) -> dict[str, object]:
        """The build date; and, when nothing gave one (no SOURCE_DATE_EPOCH, no revision
        date: the epoch), that no page is to print it."""
        date = self.corpus.build_date(texts)
        parameters: dict[str, object] = {"build-date": date.date().isoformat()}
        if date.timestamp() <= 0:
            parameters["dated"] = False
        return parameters

    # -- pages

    def pieces(self, html: str) -> int:
        """Into how many pieces a book is cut (`--pdf-pieces`; 0: by its size). It does not
        depend on --jobs, so that the PDF does not depend on the machine."""
        asked = int(self.options.get("pdf_pieces") or 0)
        return asked or max(1, -(-len(html) // PIECE_BYTES))

    def book_pdf(self, html: str, layouts=None) -> bytes:
        """A text's book's PDF: laid out in one piece, or in pieces (pdf_pieces.py) with
        `--jobs` processes at a time (`layouts`: a `layout_pool`, made here if not given),
        with the same pages. The pieces are kept in the cache for the edition's book
        (`edition_pdf`)."""
        count = self.pieces(html)
        if count == 1:
            return self.pdf_bytes(self.layout(html))
        import json

        from edition.builders import pdf_pieces

        pieces = pdf_pieces.cut(html, count)
        setting = self._set(pieces, layouts)
        for piece, part in zip(pieces, setting.laid, strict=True):
            if piece.index and not piece.dependent:
                key = self._piece_key(piece)
                self.write_cache(f"{PIECES}/{key}.pdf", part.pdf)
                self.write_cache(f"{PIECES}/{key}.json",
                                 json.dumps(part.to_json(), sort_keys=True))
        return setting.pdf

    def edition_pdf(self, html: str, texts: Sequence[Text], layouts=None) -> bytes:
        """The edition's book's PDF. In pieces, it takes those of the texts' books that it
        holds as they are (the text's chapters from its opening on: print.css sets them
        alike in both books), laid out already by the texts' units (the cache) or here;
        only its own pages (front matter, part titles, the small texts) and the pages that
        refer to others are laid out for it. The pages are those of its one-piece layout."""
        count = self.pieces(html)
        if count == 1:
            return self.pdf_bytes(self.layout(html))
        import json

        from edition.builders import pdf_pieces

        reusable: dict[tuple, pdf_pieces.Piece] = {}
        for text in texts:
            book = (self.cache_dir / f"{text.id}.xhtml").read_text(encoding="utf-8")
            if (book_count := self.pieces(book)) > 1:
                for piece in pdf_pieces.cut(book, book_count):
                    if piece.index and not piece.dependent:
                        reusable[tuple(piece.signature())] = piece
        spans = [[e.get("id") for e in p.leaves] for p in reusable.values()]
        pieces = pdf_pieces.cut(html, count, spans)
        for n, piece in enumerate(pieces):
            theirs = None if piece.dependent else reusable.get(tuple(piece.signature()))
            links = theirs and pdf_pieces.links_between(theirs, piece)
            if theirs is None or links is None:
                continue
            theirs.index, theirs.from_text, theirs.links = n, True, links
            key = self._piece_key(theirs)
            stored = self.cache_dir / PIECES / f"{key}.json"
            if stored.is_file() and stored.with_suffix(".pdf").is_file():
                theirs.laid = pdf_pieces.LaidOut.from_json(
                    n, stored.with_suffix(".pdf").read_bytes(),
                    json.loads(stored.read_text(encoding="utf-8")))
            pieces[n] = theirs
        return self._set(pieces, layouts, edition=True).pdf

    def layout_pool(self, early: bool = False):
        """Where this builder's books are laid out (pdf_parallel.LayoutPool): `--jobs`
        processes, started now if `early`, else when there are pieces."""
        from edition.builders.pdf_parallel import LayoutPool

        spec = (self.corpus.tei_dir, self.output_root, self.options,
                f"{type(self).__module__}:{type(self).__qualname__}")
        return LayoutPool(self, spec, int(self.options.get("jobs") or 1), early)

    def _set(self, pieces, layouts=None, edition: bool = False):
        from contextlib import nullcontext

        from edition.builders.pdf_parallel import set_in_pieces

        with nullcontext(layouts) if layouts else self.layout_pool() as pool:
            setting = set_in_pieces(pieces, pool, edition=edition)
        self.messages.update(dict.fromkeys(setting.messages))
        return setting

    @cached_property
    def _setting_digest(self):
        """What sets a piece beside its XHTML: the style sheets, the trim size, the variant,
        WeasyPrint's version."""
        import hashlib

        import weasyprint

        digest = hashlib.sha256(PIECE_FORMAT.encode("utf-8"))
        for part in (self.core_css.decode("utf-8"),
                     (paths.xslt_dir() / STYLE_SHEET).read_text(encoding="utf-8"),
                     self.print_settings.page_css, self.variant_name, weasyprint.__version__):
            digest.update(part.encode("utf-8") + b"\0")
        return digest

    def _piece_key(self, piece) -> str:
        """A laid-out piece's name in the cache: its XHTML and everything that sets it."""
        digest = self._setting_digest.copy()
        digest.update(piece.xhtml().encode("utf-8"))
        return digest.hexdigest()[:32]

    def folio_sheet(self, plan: list, lang: str | None, first: int = 1,
                    pages: int | None = None) -> tuple[int, bytes, dict]:
        """The folios of a book set in pieces, its pages from `first` on (all, or `pages`),
        on pages of their own (pdf_pieces.FolioSheet): (first, the PDF, its glyphs' texts)."""
        from edition.builders.pdf_glyphs import Recording
        from edition.builders.pdf_pieces import FolioSheet, sheet_html

        count = len(plan) - first + 1 if pages is None else pages
        with FolioSheet(plan, first):
            document = self.layout(sheet_html(count, lang))
        with Recording() as glyphs:
            return first, self.write_pdf(document), glyphs.texts()

    @cached_property
    def _fonts(self):
        from weasyprint.text.fonts import FontConfiguration

        return FontConfiguration()

    @cached_property
    def _fetcher(self):
        # Nothing outside the book is ever fetched: no network, no local files.
        from weasyprint import URLFetcher

        return URLFetcher(allowed_protocols=("data",))

    @cached_property
    def _stylesheets(self):
        from weasyprint import CSS

        sheet = paths.xslt_dir() / STYLE_SHEET
        return [
            CSS(string=self.core_css.decode("utf-8"), font_config=self._fonts,
                url_fetcher=self._fetcher),
            CSS(string=sheet.read_text(encoding="utf-8"), base_url=sheet.as_uri(),
                font_config=self._fonts, url_fetcher=self._fetcher),
            CSS(string=self.print_settings.page_css, font_config=self._fonts,
                url_fetcher=self._fetcher),
        ]

    @cached_property
    def _piece_stylesheets(self):
        from weasyprint import CSS

        from edition.builders.pdf_pieces import PIECE_CSS

        return [*self._stylesheets, CSS(string=PIECE_CSS, font_config=self._fonts,
                                        url_fetcher=self._fetcher)]

    def layout_piece(self, html: str):
        """A piece of a book laid out (pdf_pieces.lay_out), with the piece sheet's rules."""
        return self.layout(html, stylesheets=self._piece_stylesheets)

    def layout(self, html: str, messages: dict[str, None] | None = None, stylesheets=None):
        """WeasyPrint's laid-out document for a book's XHTML; its warnings go to messages
        (default: the build's)."""
        from weasyprint import HTML

        with _weasyprint_warnings(self.messages if messages is None else messages):
            # No base URL: WeasyPrint would make every relative link absolute against it
            # (a link to another text, `north-1993.pdf#p3`, became file:///<checkout>/...);
            # without one it writes the link as it stands, relative to the PDF's own place,
            # beside the other texts' PDFs. Nothing is fetched relative to the book anyway.
            page = HTML(string=html, base_url=None, url_fetcher=self._fetcher)
            return page.render(stylesheets=stylesheets or self._stylesheets,
                               font_config=self._fonts)

    def pdf_bytes(self, document) -> bytes:
        from edition.builders.pdf_glyphs import Recording

        with Recording():  # each glyph's text chosen by rule, not by its first use
            return self.write_pdf(document)

    def write_pdf(self, document) -> bytes:
        with _weasyprint_warnings(self.messages):
            return document.write_pdf(pdf_variant=self.pdf_variant)


class _weasyprint_warnings:
    """Collects what WeasyPrint logs while it works, as build messages (P001)."""

    def __init__(self, sink: dict[str, None]):
        self.sink = sink
        self.handler = logging.Handler(logging.WARNING)
        self.handler.emit = self._emit

    def _emit(self, record: logging.LogRecord) -> None:
        text = " ".join(record.getMessage().split())
        self.sink[f"P001|warning|WeasyPrint: {text}"] = None

    def __enter__(self):
        logger = logging.getLogger("weasyprint")
        self._propagate = logger.propagate
        logger.addHandler(self.handler)
        logger.propagate = False
        return self

    def __exit__(self, *exc_info):
        logger = logging.getLogger("weasyprint")
        logger.removeHandler(self.handler)
        logger.propagate = self._propagate
        return False
