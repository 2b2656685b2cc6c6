"""Setting a book in pieces (pdf_pieces.py) with several processes at once, and joining it.

The pieces are laid out at the same time, each in a process of its own (at most `jobs`),
started with "spawn" like the build's workers and holding one prepared PDF builder each. A
piece's layout does not depend on its first page (its folios are stamped by the join), so
no piece waits for another; a piece given already laid out (the edition's book uses the
texts' pieces) is not laid out at all. The pieces that refer to other pages (the contents,
the textual notes: small, by the cut) are laid out again with every anchor's page known,
and again while a page they name moves. With one job the same happens in this process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field, replace

from edition.builders import pdf_pieces
from edition.errors import EditionError

#: The pages that refer to other pages laid out again this many times without the
#: numbers they show settling is a bug.
MAX_ROUNDS = 4


@dataclass
class Setting:
    """What setting a book in pieces gave: its PDF and what was done to get it."""
    pdf: bytes
    pieces: list[int]  # each piece's page count
    layouts: int  # pieces laid out, second layouts included
    messages: list[str] = field(default_factory=list)
    #: Each piece as laid out (pdf_pieces.LaidOut), in order.
    laid: list = field(default_factory=list)


def set_in_pieces(pieces: Sequence[pdf_pieces.Piece], jobs: int, builder, spec: tuple,
                  edition: bool = False) -> Setting:
    """The book of `pieces` (pdf_pieces.cut), `jobs` at a time. `builder` is this
    process's PDF builder; `spec` (tei_dir, output_root, options, "module:Class") makes
    one in another process. `edition`: the book is the edition's (the bookmarks of the
    pieces from a text's book take the edition's levels)."""
    fresh = [p for p in pieces if p.laid is None]
    lang = pieces[0].root.get("lang")
    messages: list[str] = []
    def sheets_here(plan):
        return [builder.folio_sheet(plan, lang, *part) for part in pdf_pieces.sheet_parts(plan)]

    sheets_of: Callable = sheets_here
    with ExitStack() as stack:
        if builder.piece_runner is not None:  # on a Dask cluster (cluster.py)
            def lay_out(batch):
                return _heard(builder.piece_runner([(p.index, x) for p, x in batch]), messages)
        elif jobs <= 1 or len(fresh) <= 1:
            def lay_out(batch):
                return [pdf_pieces.lay_out(p.index, x, builder.layout_piece, builder.write_pdf)
                        for p, x in batch]
        else:
            pool = stack.enter_context(ProcessPoolExecutor(
                max_workers=min(jobs, len(fresh)), mp_context=multiprocessing.get_context(
                    "spawn"), initializer=_start, initargs=spec))

            def lay_out(batch):
                return _heard([f.result() for f in [pool.submit(_lay_out, p.index, x)
                                                     for p, x in batch]], messages)

            def sheets_of(plan):  # the folios too, their parts side by side
                return [f.result() for f in [pool.submit(_folio_sheet, plan, lang, *part)
                                             for part in pdf_pieces.sheet_parts(plan)]]
        laid, layouts = _set(pieces, lay_out)
        joined = _as_joined(pieces, laid, edition)
        sheets = sheets_of(pdf_pieces.folio_plan(joined))
    return Setting(pdf_pieces.join(joined, sheets), [p.pages for p in laid], layouts,
                   list(dict.fromkeys(messages)), laid)


def _heard(found: list, messages: list[str]) -> list:
    """The laid-out pieces of [(LaidOut, messages)] from other processes, their messages
    kept."""
    messages.extend(m for _, ms in found for m in ms)
    return [part for part, _ in found]


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


def _set(pieces, lay_out: Callable) -> tuple[list, int]:
    """Lay out what is not laid out yet, then what refers to other pages with their numbers,
    until the numbers it shows stay put; `lay_out([(piece, xhtml)])` returns the laid-out
    pieces in order."""
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
        for piece, part in zip(again, lay_out([(p, p.xhtml(pages)) for p in again]),
                               strict=True):
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


def _folio_sheet(plan, lang, first, count):
    return _builder.folio_sheet(plan, lang, first, count)


def _lay_out(index: int, xhtml: str):
    _builder.messages.clear()
    part = pdf_pieces.lay_out(index, xhtml, _builder.layout_piece, _builder.write_pdf)
    return part, list(_builder.messages)
