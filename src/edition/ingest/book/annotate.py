"""Annotators: each marks spans of a joined paragraph (see inline.py) from profile data.

* corrections: OCR errors → choice/sic/corr, each counted against the profile's count;
* note calls: the garbled figures → ref type=noteref to the endnote;
* footnote calls: the star → the footnote itself, placed where it is called;
* cross-references: "see p. 227" → ref to the page's pb.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from edition.ingest.book.flow import Footnote
from edition.ingest.book.inline import Joined, Span, element
from edition.ingest.book.notes import CallSite
from edition.ingest.book.seed import SeedError


@dataclass
class Correction:
    index: int
    sic: str
    corr: str
    kind: str
    count: int
    pattern: re.Pattern[str]
    line: int | None = None
    why: str = ""


def corrections_from(entries: list[dict]) -> list[Correction]:
    found = []
    for index, entry in enumerate(entries):
        if "pattern" in entry:
            pattern = re.compile(entry["pattern"])
            sic = entry.get("sic", entry["pattern"])
        else:
            sic = entry["sic"]
            left = r"(?<![\w])" if sic[:1].isalnum() else ""
            right = r"(?![\w])" if sic[-1:].isalnum() else ""
            pattern = re.compile(left + re.escape(sic) + right)
        found.append(Correction(index, sic, entry["corr"], entry["kind"], int(entry["count"]),
                                pattern, entry.get("line"), entry.get("why", "")))
    return found


@dataclass
class Annotations:
    """All the annotators of one ingest, with what they did (for the report)."""

    corrections: list[Correction]
    calls: dict[int, list[CallSite]]  # seed line -> note calls on it
    footnote_calls: dict[int, list[tuple[int, int, Footnote]]]  # line -> (start, end, note)
    crossrefs: list[re.Pattern[str]]
    resp: dict[str, str]
    note_id: Callable[[int], str]
    page_ids: set[str]
    render_footnote: Callable[[etree._Element, Footnote], None]
    applied: Counter = field(default_factory=Counter)  # correction index -> times
    calls_placed: list[CallSite] = field(default_factory=list)
    footnotes_placed: list[Footnote] = field(default_factory=list)
    crossrefs_made: list[str] = field(default_factory=list)
    crossrefs_unresolved: list[str] = field(default_factory=list)

    marks: list[dict] = field(default_factory=list)  # profile: text to wrap (unclear)
    marks_applied: Counter = field(default_factory=Counter)

    def all(self) -> list[Callable[[Joined], list[Span]]]:
        return [self.annotate_corrections, self.annotate_calls, self.annotate_footnotes,
                self.annotate_crossrefs, self.annotate_marks]

    # ------------------------------------------------------------------ marks

    def annotate_marks(self, joined: Joined) -> list[Span]:
        """Text of a given line wrapped in an element (unclear: a doubtful OCR reading)."""
        spans = []
        for index, mark in enumerate(self.marks):
            no = int(mark["line"])
            if no not in joined.line_starts:
                continue
            line_start, line_end = joined.covered[no]
            found = joined.text.find(mark["text"], line_start, line_end)
            if found < 0:
                continue
            self.marks_applied[index] += 1
            spans.append(Span(found, found + len(mark["text"]),
                              _mark(mark.get("element", "unclear"),
                                    mark.get("reason", "illegible")),
                              "mark"))
        return spans

    # ------------------------------------------------------------------ corrections

    def annotate_corrections(self, joined: Joined) -> list[Span]:
        spans = []
        taken: list[tuple[int, int]] = []
        for correction in self.corrections:
            if correction.line is not None and correction.line not in joined.line_starts:
                continue
            for match in correction.pattern.finditer(joined.text):
                if correction.line is not None and _line_at(joined, match.start()) \
                        != correction.line:
                    continue
                if any(a < match.end() and match.start() < b for a, b in taken):
                    continue
                taken.append((match.start(), match.end()))
                self.applied[correction.index] += 1
                spans.append(Span(match.start(), match.end(),
                                  self._choice(correction, match), "correction"))
        return spans

    def _choice(self, correction: Correction, match: re.Match[str]):
        corr_text = match.expand(correction.corr) if "\\" in correction.corr else correction.corr

        def build(parent, inner):
            choice = element(parent, "choice")
            inner(element(choice, "sic"))
            corr = element(choice, "corr", resp=self.resp["project"], type=correction.kind)
            corr.text = corr_text or None

        return build

    # ------------------------------------------------------------------ note calls

    def annotate_calls(self, joined: Joined) -> list[Span]:
        spans = []
        for line in joined.lines:
            for site in self.calls.get(line.no, []):
                if not joined.holds(line.no, site.start) and site.start != site.end:
                    continue
                start = joined.offset(line.no, site.start)
                end = joined.offset(line.no, site.end)
                self.calls_placed.append(site)
                spans.append(Span(start, end, self._noteref(site), "noteref",
                                  zero=start == end))
        return spans

    def _noteref(self, site: CallSite):
        def build(parent, inner):
            ref = element(parent, "ref", type="noteref", target="#" + self.note_id(site.n))
            if site.method == "supplied":
                ref.set("cert", "medium")
                supplied = element(ref, "supplied", reason="lost-in-ocr",
                                   resp=self.resp["project"])
                supplied.text = str(site.n)
            elif site.clean:
                ref.text = site.ocr
            else:
                choice = element(ref, "choice")
                element(choice, "sic").text = site.ocr
                element(choice, "corr", resp=self.resp["project"], type="note-call").text = \
                    str(site.n)

        return build

    # ------------------------------------------------------------------ footnotes

    def annotate_footnotes(self, joined: Joined) -> list[Span]:
        spans = []
        for line in joined.lines:
            for start, end, footnote in self.footnote_calls.get(line.no, []):
                if not joined.holds(line.no, start):
                    continue
                a, b = joined.offset(line.no, start), joined.offset(line.no, end)
                self.footnotes_placed.append(footnote)
                spans.append(Span(a, b, self._footnote(footnote), "footnote"))
        return spans

    def _footnote(self, footnote: Footnote):
        def build(parent, inner):
            self.render_footnote(parent, footnote)

        return build

    # ------------------------------------------------------------------ cross-references

    def annotate_crossrefs(self, joined: Joined) -> list[Span]:
        spans = []
        for pattern in self.crossrefs:
            for match in pattern.finditer(joined.text):
                first = int(match.group("page"))
                last = match.group("to")
                pages = [first]
                if last:
                    cut = max(0, len(str(first)) - len(last))
                    last_n = int(str(first)[:cut] + last)
                    pages = list(range(first, last_n + 1))
                targets = [f"p{n}" for n in pages]
                label = match.group("label")
                if any(t not in self.page_ids for t in targets):
                    self.crossrefs_unresolved.append(label)
                    continue
                self.crossrefs_made.append(label)
                start, end = match.span("label")
                spans.append(Span(start, end, _ref(" ".join("#" + t for t in targets)),
                                  "crossref"))
        return spans

    def check_counts(self) -> list[str]:
        """Corrections whose count differs from the profile's (the profile is wrong)."""
        problems = [f"mark {mark['text']!r} on line {mark['line']} was not found"
                    for index, mark in enumerate(self.marks) if not self.marks_applied[index]]
        for correction in self.corrections:
            got = self.applied[correction.index]
            if got != correction.count:
                problems.append(f"correction {correction.sic!r} → {correction.corr!r} applies "
                                f"{got} times, the profile says {correction.count}")
        return problems


def _mark(name: str, reason: str | None):
    def build(parent, inner):
        inner(element(parent, name, reason=reason))

    return build


def _ref(target: str):
    def build(parent, inner):
        inner(element(parent, "ref", target=target))

    return build


def _line_at(joined: Joined, offset: int) -> int:
    best = None
    for no, start in joined.line_starts.items():
        if start <= offset and (best is None or start >= joined.line_starts[best]):
            best = no
    return best


def find_footnote_calls(page_lines, footnotes: list[Footnote], stated: dict[str, tuple],
                        taken: set[tuple[int, int]]) -> dict[int, list[tuple[int, int,
                                                                             Footnote]]]:
    """Where each footnote is called: its sign, in order, in its page's own lines.

    `page_lines` maps a page number to the (line number, stripped text) of its body.
    `stated` maps a footnote id to (line, column, length) given by the profile; `taken`
    holds (line, column) of stars that belong to garbled note calls ("Cadets*!").
    """
    calls: dict[int, list[tuple[int, int, Footnote]]] = {}
    by_page: dict[int, list[Footnote]] = {}
    for footnote in footnotes:
        by_page.setdefault(footnote.page.n, []).append(footnote)
    for page, notes in by_page.items():
        stars = []
        for no, text in page_lines.get(page, []):
            if re.fullmatch(r"[x*]?\s*\*\s*\*\s*", text):
                continue  # an ornament between sections
            for match in re.finditer(r"(?<!\*)\*{1,2}(?!\*)", text):
                if any((no, column) in taken for column in range(match.start(), match.end())):
                    continue
                stars.append((no, match.start(), match.end(), match.group(0)))
        for footnote in notes:
            if footnote.id in stated:
                no, column, length = stated[footnote.id]
                calls.setdefault(no, []).append((column, column + length, footnote))
                continue
            match = next((s for s in stars if s[3] == footnote.sign), None)
            if match is None:
                raise SeedError(f"page {page}: no call {footnote.sign!r} for footnote "
                                f"{footnote.id} in the page's text")
            stars.remove(match)
            calls.setdefault(match[0], []).append((match[1], match[2], footnote))
    return calls
