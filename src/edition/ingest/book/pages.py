"""Page segmentation of an OCR'd book: which seed lines belong to which printed page.

A printed page announces its number in one of three ways that survive OCR as lines of
their own (between blank lines):

* a running head with the folio at the top (`52 Challenge of the Left Opposition
  (1923-25)` on versos, `First Letter to the CC 53` on rectos);
* a bare folio at the top (pages whose head carries no title);
* a bare folio at the *foot* of a page that opens a division (its top holds the
  division's heading instead), which is why such a page's start must be known from
  elsewhere: the profile's outline says on which line each opening page begins.

The scanner walks the seed expecting page numbers in order, so a number only counts
as a folio where it is the next one due; anything the patterns cannot read (garbled
folios, heads split over lines) is stated explicitly in the profile. Pages whose number
is printed nowhere get it from their place in the sequence and are marked supplied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from edition.ingest.book.seed import Seed, SeedError, SeedLine


@dataclass(frozen=True)
class Marker:
    """Seed lines that print a page's number (and running head), with how to read them."""

    page: int
    lines: tuple[int, ...]
    position: str  # "head" or "foot"
    sic: str | None = None  # the OCR's reading, when it is not the number itself


@dataclass(frozen=True)
class UnnumberedPage:
    """A page outside the numbered sequence (covers, title leaves): where it starts."""

    id: str
    line: int
    text: str
    label: str


@dataclass
class PageRules:
    """How this book prints its page numbers: the `[pages]` table of a profile."""

    first: int
    first_line: int
    last_line: int
    head_patterns: list[re.Pattern[str]]
    bare_folio: re.Pattern[str]
    markers: list[Marker] = field(default_factory=list)
    unnumbered: list[UnnumberedPage] = field(default_factory=list)


@dataclass
class Page:
    n: int | None  # printed (or supplied) number; None outside the numbered sequence
    id: str  # xml:id of its pb: "p67", or the unnumbered page's id
    start: int  # seed line where the page's content starts
    lines: list[SeedLine] = field(default_factory=list)  # content, markers removed
    marker: Marker | None = None
    label: str = ""

    @property
    def supplied(self) -> bool:
        """No folio for this page survives: its number comes from the sequence."""
        return self.n is not None and self.marker is None

    @property
    def corrected(self) -> bool:
        return self.marker is not None and self.marker.sic is not None

    @property
    def marker_lines(self) -> tuple[int, ...]:
        return self.marker.lines if self.marker else ()

    def text_lines(self) -> list[SeedLine]:
        return [line for line in self.lines if not line.blank]


def _isolated(seed: Seed, no: int) -> bool:
    """A line set off by a blank line on at least one side (the OCR sometimes glues a
    running head to the first line of the page)."""
    before = no == 1 or seed.line(no - 1).blank
    after = no == len(seed) or seed.line(no + 1).blank
    return before or after


def _read_folio(rules: PageRules, seed: Seed, no: int) -> tuple[int, str] | None:
    """(number, kind) if line `no` is a running head ("head") or a bare folio ("bare")."""
    line = seed.line(no)
    if line.blank or not _isolated(seed, no):
        return None
    text = line.text.strip()
    match = rules.bare_folio.fullmatch(text)
    if match:
        return int(match.group("n")), "bare"
    for pattern in rules.head_patterns:
        match = pattern.fullmatch(text)
        if match:
            return int(match.group("n")), "head"
    return None


def segment(seed: Seed, rules: PageRules, openings: dict[int, int]) -> list[Page]:
    """Split the seed into pages.

    `openings` maps the number of each page that opens a division to the seed line
    where it starts (the division's heading). The unnumbered pages of the rules
    surround the numbered run; every seed line ends up on exactly one page.
    """
    explicit = {m.lines[0]: m for m in rules.markers}
    explicit_lines = {no for m in rules.markers for no in m.lines}
    for page, no in openings.items():
        if not rules.first_line <= no <= rules.last_line:
            raise SeedError(f"{seed.name}:{no}: page {page} opens outside the numbered pages")
    opening_at = {no: page for page, no in openings.items()}

    pages: list[Page] = []
    before = [u for u in rules.unnumbered if u.line < rules.first_line]
    after = [u for u in rules.unnumbered if u.line > rules.last_line]
    for index, unnumbered in enumerate(before):
        seed.expect(unnumbered.line, unnumbered.text)
        end = before[index + 1].line if index + 1 < len(before) else rules.first_line
        pages.append(
            Page(None, unnumbered.id, unnumbered.line, seed.span(unnumbered.line, end - 1),
                 label=unnumbered.label)
        )

    expected = rules.first
    current: Page | None = None
    awaiting_foot = False

    def start(n: int, no: int, marker: Marker | None = None) -> Page:
        nonlocal current, expected, awaiting_foot
        if n != expected:
            raise SeedError(f"{seed.name}:{no}: page {n} begins here, but page {expected} is due")
        current = Page(n, f"p{n}", no, marker=marker)
        pages.append(current)
        expected = n + 1
        awaiting_foot = False
        return current

    no = rules.first_line
    while no <= rules.last_line:
        line = seed.line(no)
        if no in opening_at:
            start(opening_at[no], no)
            awaiting_foot = True
        if no in explicit:
            marker = explicit[no]
            if marker.position == "head":
                start(marker.page, no, marker)
            else:
                _close_with_foot(seed, current, marker, no)
                awaiting_foot = False
            no += 1
            continue
        if no in explicit_lines:  # a later line of a multi-line explicit marker
            no += 1
            continue
        folio = _read_folio(rules, seed, no)
        if folio is not None:
            n, kind = folio
            if kind == "head" and n == expected and n not in openings:
                start(n, no, Marker(n, (no,), "head"))
                no += 1
                continue
            if kind == "bare" and awaiting_foot and current is not None and n == current.n:
                _close_with_foot(seed, current, Marker(n, (no,), "foot"), no)
                awaiting_foot = False
                no += 1
                continue
            if kind == "bare" and n == expected and n not in openings:
                start(n, no, Marker(n, (no,), "head"))
                no += 1
                continue
        if current is None:
            if not line.blank:
                raise SeedError(f"{seed.name}:{no}: text before the first numbered page")
        else:
            current.lines.append(line)
        no += 1

    for index, unnumbered in enumerate(after):
        seed.expect(unnumbered.line, unnumbered.text)
        end = after[index + 1].line if index + 1 < len(after) else len(seed) + 1
        if index == 0 and unnumbered.line != rules.last_line + 1:
            raise SeedError(
                f"{seed.name}:{unnumbered.line}: the unnumbered page {unnumbered.id} must "
                f"follow the numbered ones directly (they end on line {rules.last_line})"
            )
        pages.append(
            Page(None, unnumbered.id, unnumbered.line, seed.span(unnumbered.line, end - 1),
                 label=unnumbered.label)
        )
    _check_markers_used(seed, rules, pages)
    return pages


def _close_with_foot(seed: Seed, current: Page | None, marker: Marker, no: int) -> None:
    if current is None or current.n != marker.page:
        have = current.n if current else None
        raise SeedError(f"{seed.name}:{no}: foot folio {marker.page} closes page {have}")
    current.marker = marker


def _check_markers_used(seed: Seed, rules: PageRules, pages: list[Page]) -> None:
    used = {p.marker for p in pages if p.marker is not None}
    for marker in rules.markers:
        if marker not in used:
            raise SeedError(
                f"{seed.name}:{marker.lines[0]}: the profile's marker for page {marker.page} "
                "was never reached in sequence"
            )
