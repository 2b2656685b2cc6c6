"""The running text of the book as one stream: lines, blank lines and page breaks.

Folios and running heads are already gone (pages.py). Here each page's footnotes are
lifted out of the stream (they are printed at the foot but belong at their call), and
regions the profile declares (tables, illegible stretches) are cut out as units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from edition.ingest.book.pages import Page
from edition.ingest.book.seed import SeedError, SeedLine

FOOTNOTE_START = re.compile(r"^(\*{1,2})(?!\s*\*)\s*\S")
ORNAMENT = re.compile(r"^[x*]?\s*\*\s*\*\s*$")


@dataclass
class Footnote:
    page: Page
    sign: str  # "*" or "**", as printed
    lines: list[SeedLine] = field(default_factory=list)
    ocr_sign: str | None = None  # what the OCR made of the sign, where it misread it

    @property
    def id(self) -> str:
        suffix = "" if self.sign == "*" else "-" + str(len(self.sign))
        return f"fn{self.page.n}{suffix}"


@dataclass(frozen=True)
class Region:
    """Seed lines the profile treats as one unit (a table, an illegible stretch)."""

    id: str
    kind: str  # "gap" or "table"
    first: int
    last: int
    spec: dict


@dataclass
class Item:
    """One element of the stream."""

    kind: str  # "line", "blank", "page", "region"
    line: SeedLine | None = None
    page: Page | None = None
    region: Region | None = None
    part: list[SeedLine] = field(default_factory=list)  # a region's lines on this page
    column: int = 0  # where this item's text begins in its seed line (a table cell)

    @property
    def count(self) -> int:
        return sum(1 for line in self.part if not line.blank)

    @property
    def text(self) -> str:
        return self.line.text.strip() if self.line else ""


def split_footnotes(page: Page, continuations: dict[int, int],
                    regions: frozenset[int] = frozenset(),
                    starts: dict[int, tuple[str, str]] | None = None,
                    ) -> tuple[list[SeedLine], list[Footnote]]:
    """A page's body lines and its footnotes (printed after the body, each starting `*`).

    `continuations` maps a page number to the seed line where the footnote area begins
    with the continuation of the previous page's last footnote (no `*` to find it by).
    Lines of `regions` (tables read as units) are never footnotes. `starts` maps a seed
    line to (sign, what the OCR printed for it) for a footnote whose star the OCR misread.
    """
    starts = starts or {}
    lines = page.lines
    start = None
    for index, line in enumerate(lines):
        previous_blank = index == 0 or lines[index - 1].blank
        if line.no in starts or (previous_blank and line.no not in regions
                                 and FOOTNOTE_START.match(line.text.strip())):
            start = index
            break
    continued_at = continuations.get(page.n) if page.n is not None else None
    if continued_at is not None:
        cont = next((i for i, line in enumerate(lines) if line.no == continued_at), None)
        if cont is None:
            raise SeedError(f"line {continued_at}: footnote continuation not on page {page.n}")
        start = cont if start is None else min(start, cont)
    if start is None:
        return lines, []
    notes: list[Footnote] = []
    for line in lines[start:]:
        match = FOOTNOTE_START.match(line.text.strip())
        if line.no in starts:
            sign, ocr = starts[line.no]
            notes.append(Footnote(page, sign, ocr_sign=ocr))
        elif match and (not notes or notes[-1].lines):
            notes.append(Footnote(page, match.group(1)))
        elif not notes:
            notes.append(Footnote(page, "continued"))
        if not line.blank:
            notes[-1].lines.append(line)
    return lines[:start], notes


def build(pages: list[Page], regions: list[Region], continuations: dict[int, int],
          starts: dict[int, tuple[str, str]] | None = None,
          ) -> tuple[list[Item], list[Footnote]]:
    """The stream of all pages, and every footnote in page order.

    A footnote printed as the continuation of the previous page's last one is merged
    into it.
    """
    inside: dict[int, Region] = {
        no: r for r in regions for no in range(r.first, r.last + 1)
    }
    items: list[Item] = []
    footnotes: list[Footnote] = []
    for page in pages:
        items.append(Item("page", page=page))
        body, notes = (split_footnotes(page, continuations, frozenset(inside), starts)
                       if page.n else (page.lines, []))
        for note in notes:
            if note.sign == "continued":
                if not footnotes:
                    raise SeedError(f"page {page.n}: a footnote continues, but none began")
                footnotes[-1].lines.extend(note.lines)
            else:
                footnotes.append(note)
        for line in body:
            region = inside.get(line.no)
            if region is None:
                items.append(Item("blank" if line.blank else "line", line=line))
            else:
                if not (items[-1].kind == "region" and items[-1].region is region):
                    items.append(Item("region", line=line, region=region))  # (a part of) it
                items[-1].part.append(line)
    # A region's part on a page that holds only its blank lines is no part at all.
    items = [i for i in items if i.kind != "region" or i.count]
    reached = {i.region.id for i in items if i.region is not None}
    missing = [r.id for r in regions if r.id not in reached]
    if missing:
        raise SeedError(f"regions never reached in the page stream: {', '.join(missing)}")
    return items, footnotes
