"""Running text → TEI mixed content: lines joined, page breaks placed, spans marked up.

A paragraph arrives as seed lines with page breaks between them. They are joined into
one string (line-end hyphens resolved by the book's lexicon), the page breaks kept as
zero-width events at their offsets. Annotators (corrections, note calls, footnotes,
cross-references, names) then mark spans of that string; the spans and page breaks are
turned into elements in one pass, so every character of the OCR ends up either as text
or inside the element that marks it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from edition.ingest.book.flow import Item
from edition.ingest.book.hyphenation import Decision, Lexicon, split_at_line_end
from edition.ingest.book.seed import SeedLine
from edition.ingest.teixml import append
from edition.xml import TEI_NS, XML_NS

T = f"{{{TEI_NS}}}"

# build(parent, render_inner) appends the span's element(s) to parent; render_inner(el)
# fills an element with the span's own text and nested events.
Builder = Callable[[etree._Element, Callable[[etree._Element], None]], None]


@dataclass
class Span:
    start: int
    end: int
    build: Builder
    kind: str = ""
    zero: bool = False  # a zero-width event (a page break)


@dataclass
class Joined:
    """A paragraph's text as one string, with where each seed line starts in it."""

    text: str
    line_starts: dict[int, int]  # seed line number -> offset of the line's column 0
    events: list[Span] = field(default_factory=list)
    lines: list[SeedLine] = field(default_factory=list)
    covered: dict[int, tuple[int, int]] = field(default_factory=dict)  # offsets held

    def offset(self, line_no: int, column: int) -> int:
        """The offset of a column of a seed line (columns of the stripped line)."""
        return self.line_starts[line_no] + column

    def holds(self, line_no: int, column: int) -> bool:
        """Whether this text holds that column of the line (a cell holds part of one)."""
        start, end = self.covered.get(line_no, (0, -1))
        return start <= self.offset(line_no, column) < end


@dataclass
class HyphenJoin:
    line: int  # seed line whose end is hyphenated
    left: str
    right: str
    decision: Decision
    across_page: bool


class Joiner:
    """Joins lines into paragraphs, recording every line-end hyphen decision."""

    def __init__(self, lexicon: Lexicon, join: set[str], keep: set[str]):
        self.lexicon = lexicon
        self.join_words = {w.lower() for w in join}
        self.keep_words = {w.lower() for w in keep}
        self.hyphen_joins: list[HyphenJoin] = []

    def decide(self, left: str, right: str) -> Decision:
        if (left + right).lower() in self.join_words:
            return Decision(True, "profile-join")
        if (left + "-" + right).lower() in self.keep_words:
            return Decision(False, "profile-keep")
        return self.lexicon.decide(left, right)

    def join(self, items: list[Item], page_break: Callable[[Item, bool], Builder],
             line_break: Callable[[bool], Builder] | None = None) -> Joined:
        """Join lines into one string; with `line_break`, keep each line break as an
        event (lb) instead of a space."""
        parts: list[str] = []
        length = 0
        starts: dict[int, int] = {}
        covered: dict[int, tuple[int, int]] = {}
        events: list[Span] = []
        lines: list[SeedLine] = []
        pending_pages: list[Item] = []
        previous: str | None = None
        previous_line: SeedLine | None = None
        for item in items:
            if item.kind == "page":
                pending_pages.append(item)
                continue
            if item.kind != "line":
                continue
            text = item.line.text.strip()
            separator = ""
            no_break = False
            if previous is not None:
                split = split_at_line_end(previous, text)
                if split is not None:
                    decision = self.decide(*split)
                    if line_break is not None and decision.evidence == "undecided-capital":
                        # Lines kept as lines (a table's OCR): a hyphen before a capital
                        # is no evidence of one word; keep both as printed.
                        decision = Decision(False, "lines-kept")
                    self.hyphen_joins.append(HyphenJoin(previous_line.no, split[0], split[1],
                                                        decision, bool(pending_pages)))
                    if decision.join:
                        parts[-1] = parts[-1][:-1]
                        length -= 1
                    no_break = True
                elif previous.endswith("—") or previous.endswith("-"):
                    no_break = True
                else:
                    separator = " "
                if line_break is not None:
                    separator = ""
                    events.append(Span(length, length, line_break(no_break), "lb", zero=True))
            parts.append(separator)
            length += len(separator)
            for page in pending_pages:
                events.append(Span(length, length, page_break(page.page, no_break), "pb",
                                   zero=True))
            pending_pages = []
            starts[item.line.no] = length - item.column
            covered[item.line.no] = (length, length + len(text))
            parts.append(text)
            length += len(text)
            previous, previous_line = text, item.line
            lines.append(item.line)
        joined = Joined("".join(parts), starts, events, lines, covered)
        # Page breaks after the last line (a page turning right after a paragraph) are
        # the caller's to place.
        joined.trailing_pages = pending_pages  # type: ignore[attr-defined]
        return joined


def render(parent: etree._Element, text: str, spans: list[Span]) -> None:
    """Append `text` to `parent`, with `spans` (non-overlapping or nested) as elements."""
    ordered = sorted(spans, key=lambda s: (s.start, 0 if s.zero else 1, -(s.end - s.start)))
    _render(parent, text, 0, len(text), ordered)


def _render(parent: etree._Element, text: str, start: int, end: int,
            spans: list[Span]) -> None:
    position = start
    index = 0
    while index < len(spans):
        span = spans[index]
        append(parent, text[position:span.start])
        if span.zero:
            span.build(parent, lambda element: None)
            position = span.start
            index += 1
            continue
        inner = []
        index += 1
        while index < len(spans) and spans[index].start < span.end:
            if spans[index].end > span.end:
                raise ValueError(f"overlapping spans at {spans[index].start}: "
                                 f"{span.kind} and {spans[index].kind}")
            inner.append(spans[index])
            index += 1
        span.build(parent, lambda element, s=span, i=inner: _render(element, text, s.start,
                                                                     s.end, i))
        position = span.end
    append(parent, text[position:end])


def element(parent: etree._Element, name: str, **attributes: str) -> etree._Element:
    """A TEI child element; `xml_id` and `xml_lang` become xml:id and xml:lang."""
    child = etree.SubElement(parent, T + name)
    for key, value in attributes.items():
        if value is None:
            continue
        if key.startswith("xml_"):
            child.set(f"{{{XML_NS}}}{key[4:]}", value)
        else:
            child.set(key.rstrip("_"), value)
    return child
