"""Setting a book in pieces (pdf_pieces.py) with several processes at once, and joining it.

The layouts of a book are done by a `LayoutPool`: `jobs` processes of its own, started with
"spawn" like the build's workers and holding one prepared PDF builder each; the cluster's
tasks (the builder's `layout_runner`, cluster.py); or this process, with one job. The pool is
entered before the book's XHTML is made, so that its processes start while the stylesheet
runs, and it lays out the measuring of the long notes (footnote_split.py) as well as the
pieces and the folio sheets: the three tasks at the end of this module, which a process of
the pool and a cluster's worker run alike, each with a builder of its own.

A piece's layout does not depend on its first page (its folios are stamped by the join), so
no piece waits for another; a piece given already laid out (the edition's book uses the
texts' pieces) is not laid out at all. The pieces that refer to other pages (the contents,
the textual notes: small, by the cut) are laid out again with every anchor's page known,
and again while a page they name moves. The folio sheets are laid out beside that second
layout, from the page counts it is expected to keep, and again if it changes them.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace

from edition.builders import pdf_pieces
from edition.errors import EditionError

#: The pages that refer to other pages laid out again this many times without the
#: numbers they show settling is a bug.
MAX_ROUNDS = 4
#: A long book's long notes are measured in this many documents (footnote_split:
#: long_notes_only) where there are processes to lay them out side by side.
PROBES = 2


@dataclass
class Setting:
    """What setting a book in pieces gave: its PDF and what was done to get it."""
    pdf: bytes
    pieces: list[int]  # each piece's page count
    layouts: int  # pieces laid out, second layouts included
    messages: list[str] = field(default_factory=list)
    #: Each piece as laid out (pdf_pieces.LaidOut), in order.
    laid: list = field(default_factory=list)


class LayoutPool:
    """Where a book's layouts are done (see the module's docstring). `builder` is this
    process's PDF builder; `spec` (tei_dir, output_root, options, "module:Class") makes one
    in another process. `early`: start the processes now (the book is expected to be long),
    not when there are pieces to lay out. The messages of the layouts done elsewhere are
    gathered in `messages`."""

    def __init__(self, builder, spec: tuple, jobs: int, early: bool = False):
        self.builder, self.spec, self.jobs, self.early = builder, spec, jobs, early
        self.messages: list[str] = []
        self._pool: ProcessPoolExecutor | None = None
        self._sheets: tuple[list, list] | None = None  # (plan, futures) laid out ahead

    def __enter__(self) -> LayoutPool:
        if self.early:
            self._processes()
        return self

    def __exit__(self, *exc_info) -> bool:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        return False

    @property
    def probes(self) -> int:
        """In how many documents to measure a book's long notes: as many as the pool lays
        out side by side (each note is measured alone, so the cuts are the same)."""
        return PROBES if self._elsewhere(started_for=0) is not None else 1

    def _processes(self) -> ProcessPoolExecutor | None:
        """The pool's processes, started on first use; None where the layouts are done
        here or on the cluster."""
        if self._pool is None and self.jobs > 1 and self.builder.layout_runner is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start, initargs=self.spec)
            for _ in range(self.jobs):  # a process is spawned per task waiting: all now
                self._pool.submit(_ready)
        return self._pool

    def _elsewhere(self, started_for: int = 2):
        """Who lays out in other processes (`submit(task, *args)`, `results(futures)`): the
        cluster, or the pool's processes (started here if `started_for` layouts are
        asked for at once); None: this process does."""
        if self.builder.layout_runner is not None:  # on a Dask cluster (cluster.py)
            return self.builder.layout_runner
        pool = self._pool or (self._processes() if started_for > 1 else None)
        return _Processes(pool) if pool is not None else None

    def lay_out(self, batch: Sequence[tuple[pdf_pieces.Piece, str]],
                meanwhile: Callable[[], None] = lambda: None) -> list:
        """The pieces of `batch` ([(piece, its XHTML)]) laid out, in its order;
        `meanwhile()` is called once they are on their way (what it begins comes after
        them)."""
        elsewhere = self._elsewhere(len(batch))
        if elsewhere is None:
            meanwhile()
            return [pdf_pieces.lay_out(p.index, x, self.builder.layout_piece,
                                       self.builder.write_pdf) for p, x in batch]
        # The longest first, so that no process is left with a long piece at the end while
        # the others wait.
        futures = {}
        for n in sorted(range(len(batch)), key=lambda n: -len(batch[n][1])):
            futures[n] = elsewhere.submit(piece, batch[n][0].index, batch[n][1])
        meanwhile()
        pdf_pieces.ready_to_join()  # while the processes work
        found = elsewhere.results([futures[n] for n in range(len(batch))])
        self.messages.extend(m for _, ms in found for m in ms)
        return [part for part, _ in found]

    def split_points(self, probes: Sequence[str]) -> list[str]:
        """Where the long notes of `probes` (footnote_split.long_notes_only) are cut."""
        elsewhere = self._elsewhere(started_for=0)
        if elsewhere is None:
            found = [note_cuts(self.builder, p) for p in probes]
        else:
            found = elsewhere.results([elsewhere.submit(note_cuts, p) for p in probes])
        return sorted(s for points in found for s in points)

    def start_sheets(self, plan: list, lang: str | None) -> None:
        """Begin laying out the folio sheets of `plan` while this process waits for other
        layouts (only where there are other processes for them)."""
        if (elsewhere := self._elsewhere(started_for=0)) is not None:
            self._sheets = plan, [elsewhere.submit(folios, plan, lang, *part)
                                  for part in pdf_pieces.sheet_parts(plan)]

    def sheets(self, plan: list, lang: str | None) -> Callable[[], list]:
        """The folio sheets of `plan` (pdf_pieces.sheet_parts), as a call that gives them:
        begun now, side by side, where there are processes for them (those begun ahead if
        their plan is this one), so that the join can go on meanwhile; else laid out here
        when called."""
        elsewhere = self._elsewhere(started_for=0)
        if elsewhere is None:
            return lambda: [folios(self.builder, plan, lang, *part)
                            for part in pdf_pieces.sheet_parts(plan)]
        if self._sheets is None or self._sheets[0] != plan:
            for begun in self._sheets[1] if self._sheets else ():
                begun.cancel()  # for pages that moved
            self.start_sheets(plan, lang)
        futures = self._sheets[1]
        return lambda: elsewhere.results(futures)


@dataclass
class _Processes:
    """The pool's own processes, asked as the cluster is (cluster.py's runner)."""
    pool: ProcessPoolExecutor

    def submit(self, task: Callable, *args):
        return self.pool.submit(_in_process, task, *args)

    @staticmethod
    def results(futures) -> list:
        return [f.result() for f in futures]


def set_in_pieces(pieces: Sequence[pdf_pieces.Piece], layouts: LayoutPool,
                  edition: bool = False) -> Setting:
    """The book of `pieces` (pdf_pieces.cut), laid out by `layouts`. `edition`: the book is
    the edition's (the bookmarks of the pieces from a text's book take the edition's
    levels)."""
    lang = pieces[0].root.get("lang")
    laid, count = _set(pieces, layouts.lay_out, lambda laid: layouts.start_sheets(
        pdf_pieces.folio_plan(laid), lang))
    joined = _as_joined(pieces, laid, edition)
    sheets = layouts.sheets(pdf_pieces.folio_plan(joined), lang)
    return Setting(pdf_pieces.join(joined, sheets), [p.pages for p in laid], count,
                   list(dict.fromkeys(layouts.messages)), laid)


def _as_joined(pieces, laid, edition: bool) -> list:
    """The laid-out pieces as this book has them (they stay as they are: they may be used
    again): its links, its bookmarks' levels."""
    return [replace(part, links=dict(piece.links),
                    bookmarks=pdf_pieces.book_bookmarks(part, edition and piece.from_text))
            for piece, part in zip(pieces, laid, strict=True)]


def _pages(laid) -> dict[str, int]:
    """Every anchor's page number in the book."""
    pages: dict[str, int] = {}
    for part in pdf_pieces.place(laid):
        for name, index in part.anchors.items():
            pages.setdefault(name, part.first_page + index)
    return pages


def _set(pieces, lay_out: Callable, ahead: Callable = lambda laid: None) -> tuple[list, int]:
    """Lay out what is not laid out yet, then what refers to other pages with their numbers,
    until the numbers it shows stay put; `lay_out(batch, meanwhile)` is LayoutPool.lay_out;
    `ahead(laid)` is told the pieces as laid out, while the pages that refer to others are
    laid out again the first time (their page counts are most likely the final ones)."""
    fresh = [p for p in pieces if p.laid is None]
    laid: list = [p.laid for p in pieces]
    for piece, part in zip(fresh, lay_out([(p, p.xhtml()) for p in fresh]), strict=True):
        laid[piece.index] = part
    layouts = len(fresh)
    again = [p for p in pieces if p.dependent]
    shown: dict[int, dict[str, int]] = {}
    for _ in range(MAX_ROUNDS):
        if not again:
            return laid, layouts
        pages = _pages(laid)
        meanwhile = (lambda before=list(laid): ahead(before)) if not shown else (lambda: None)
        for piece, part in zip(again, lay_out([(p, p.xhtml(pages)) for p in again],
                                              meanwhile), strict=True):
            laid[piece.index] = part
            shown[piece.index] = pages
        layouts += len(again)
        now = _pages(laid)
        again = [p for p in pieces if p.dependent and any(
            now.get(t) != shown[p.index].get(t) for t in p.targets())]
    raise EditionError(f"the book's page references did not settle in {MAX_ROUNDS} layouts")


# -- in worker processes


_builder = None


def _start(tei_dir, output_root, options, builder_spec) -> None:
    global _builder
    from edition.workers import Worker, _die_with_parent

    _die_with_parent()
    _builder = Worker(tei_dir, output_root, options).builder(builder_spec)


def _ready() -> None:
    """Nothing: the process is started (its builder made by `_start`), and its style
    sheets read, before there is work for it."""
    _builder._piece_stylesheets  # noqa: B018 (a cached property: read once, here)


def _in_process(task: Callable, *args):
    return task(_builder, *args)


# -- the tasks: what a process of the pool or a cluster's worker lays out, with its builder

def piece(builder, index: int, xhtml: str):
    """A piece of a book (pdf_pieces.lay_out), and the messages of its layout."""
    builder.messages.clear()
    part = pdf_pieces.lay_out(index, xhtml, builder.layout_piece, builder.write_pdf)
    return part, list(builder.messages)


def note_cuts(builder, xhtml: str) -> list[str]:
    """Where the long notes of a probe (footnote_split.long_notes_only) are cut."""
    from edition.builders.footnote_split import split_points

    # Its dropped link targets are no news: the layout is thrown away.
    return split_points(builder.layout(xhtml, messages={}))


def folios(builder, plan: list, lang: str | None, first: int, count: int):
    """A part of a book's folio sheet (PdfBuilder.folio_sheet)."""
    return builder.folio_sheet(plan, lang, first, count)
