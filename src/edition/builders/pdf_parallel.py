"""Setting a book in pieces (pdf_pieces.py) with several processes at once, and joining it.

The pieces are laid out at the same time, each in a process of its own (at most `jobs`),
started with "spawn" like the build's workers and holding one prepared PDF builder each.
A piece learns its first page number when its content is laid out (pdf_pieces._Offset): it
then waits for the pieces before it to have counted their pages, which they have done or
are about to do, since pieces start in order. The pieces that refer to other pages (the
contents, the textual notes: small, by the cut) are laid out again with every anchor's page
known; if that changes a page count, the pieces whose first page moved are laid out again.
With one job the same happens in this process, piece after piece.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from edition.builders import pdf_pieces
from edition.errors import EditionError

#: A book laid out again this many times without its page counts settling is a bug.
MAX_ROUNDS = 4


@dataclass
class Setting:
    """What setting a book in pieces gave: its PDF and what was done to get it."""
    pdf: bytes
    pieces: list[int]  # each piece's page count
    layouts: int  # pieces laid out, second layouts included
    messages: list[str] = field(default_factory=list)


def set_in_pieces(html: str, count: int, jobs: int, builder, spec: tuple) -> Setting:
    """The book of `html` set in `count` pieces (and the small ones that refer to pages),
    `jobs` at a time. `builder` is this process's PDF builder; `spec` (tei_dir,
    output_root, options, "module:Class") makes one in another process."""
    pieces = pdf_pieces.cut(html, count)
    if jobs <= 1 or len(pieces) == 1:
        laid, layouts = _here(pieces, builder)
        messages: list[str] = []
    else:
        laid, layouts, messages = _in_processes(pieces, min(jobs, len(pieces)), spec)
    return Setting(pdf_pieces.join(laid), [p.pages for p in laid], layouts, messages)


def _pages(laid) -> dict[str, int]:
    """Every anchor's page number in the book."""
    pages: dict[str, int] = {}
    for part in laid:
        for name, index in part.anchors.items():
            pages.setdefault(name, part.first_page + index)
    return pages


def _known(counts: list[int | None], index: int) -> Callable[[int], int]:
    """A piece's first page from the counts of the pieces before it, known already."""
    def first_page(pages: int) -> int:
        counts[index] = pages
        return pdf_pieces.starts(counts[:index + 1])[index]
    return first_page


def _settle(pieces, laid, lay_out_again) -> int:
    """Lay out again what refers to other pages, then what moved, until nothing does;
    `lay_out_again(jobs)` lays out [(piece, xhtml, counts)] and returns them in order."""
    layouts = 0
    again = [p for p in pieces if p.dependent]
    for _ in range(MAX_ROUNDS):
        if not again:
            return layouts
        pages = _pages(laid)
        counts = [part.pages for part in laid]
        for piece, part in zip(again, lay_out_again(
                [(p, p.xhtml(pages if p.dependent else None), counts) for p in again]),
                strict=True):
            laid[piece.index] = part
        layouts += len(again)
        counts = [part.pages for part in laid]
        first = pdf_pieces.starts(counts)
        moved = {p.index for p in pieces if laid[p.index].first_page != first[p.index]}
        pages_now = _pages(laid)
        stale = {p.index for p in pieces if p.dependent and any(
            pages_now.get(pdf_pieces._target(e.get("href", ""))) != pages.get(
                pdf_pieces._target(e.get("href", ""))) for e in p.references)}
        again = [p for p in pieces if p.index in moved | stale]
    raise EditionError(f"the book's pieces did not settle in {MAX_ROUNDS} layouts")


# -- in this process


def _here(pieces, builder):
    counts: list[int | None] = [None] * len(pieces)
    laid = [pdf_pieces.lay_out(p.index, p.xhtml(), builder.layout, builder.write_pdf,
                               _known(counts, p.index)) for p in pieces]

    def again(jobs):
        done = []
        for piece, xhtml, known in jobs:
            counts = list(known)
            done.append(pdf_pieces.lay_out(piece.index, xhtml, builder.layout,
                                           builder.write_pdf, _known(counts, piece.index)))
        return done

    return laid, len(pieces) + _settle(pieces, laid, again)


# -- in worker processes


def _in_processes(pieces, jobs: int, spec: tuple):
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=_start, initargs=spec) as pool:
        counts = manager.dict()
        condition = manager.Condition()
        futures = [pool.submit(_first_layout, p.index, p.xhtml(), counts, condition)
                   for p in pieces]  # in order: a piece waits only for earlier ones
        results = [f.result() for f in futures]
        laid = [part for part, _ in results]
        messages = [m for _, found in results for m in found]

        def again(jobs_):
            done = [pool.submit(_later_layout, piece.index, xhtml, known)
                    for piece, xhtml, known in jobs_]
            found = [f.result() for f in done]
            messages.extend(m for _, ms in found for m in ms)
            return [part for part, _ in found]

        layouts = len(pieces) + _settle(pieces, laid, again)
    return laid, layouts, list(dict.fromkeys(messages))


_builder = None


def _start(tei_dir, output_root, options, builder_spec) -> None:
    global _builder
    from edition.workers import Worker, _die_with_parent

    _die_with_parent()
    _builder = Worker(tei_dir, output_root, options).builder(builder_spec)


def _first_layout(index: int, xhtml: str, counts, condition):
    def first_page(pages: int) -> int:
        with condition:
            counts[index] = pages
            condition.notify_all()
            condition.wait_for(lambda: all(k in counts for k in range(index)))
            known = [counts[k] for k in range(index + 1)]
        if min(known) < 0:
            raise EditionError("an earlier piece of the book failed")
        return pdf_pieces.starts(known)[index]

    try:
        return _lay_out(index, xhtml, first_page)
    except BaseException:
        with condition:  # the pieces after this one must not wait for it
            if index not in counts:
                counts[index] = -1
            condition.notify_all()
        raise


def _later_layout(index: int, xhtml: str, known: list[int]):
    counts = list(known)
    return _lay_out(index, xhtml, _known(counts, index))


def _lay_out(index, xhtml, first_page):
    _builder.messages.clear()
    part = pdf_pieces.lay_out(index, xhtml, _builder.layout, _builder.write_pdf, first_page)
    return part, list(_builder.messages)
