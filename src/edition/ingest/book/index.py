"""The back-of-book index, live: every page number a link to its page (or note).

The OCR gives each entry as a block of lines ("Agrarian policy, 20, 21-23, 54," ...),
blocks separated by blank lines; an entry broken by the OCR (over a blank line or a
page) is rejoined when its block ends in a comma, semicolon or hyphen, or the next
block begins in lower case or with a figure. An entry is kept as printed: its heading
(the text before the first page number) becomes <term>, and each locator a <ref>:
"125-26" to pages 125 and 126; "416n" to the note printed on p. 416 that the entry is
about (the one whose text names the heading's first word), or to the page itself when
that cannot be told; "37-38n" to the footnote of p. 37.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from edition.ingest.book.flow import Item
from edition.ingest.book.inline import Joined, Span, element
from edition.xml import TEI_NS, XML_NS

LOCATOR = re.compile(r"(?<![\w(-])(?P<first>\d{1,3})(?:-(?P<last>\d{1,3}))?(?P<note>n)?"
                     r"(?=[,;.]|\s|$)")
ENDS_WITH_LOCATOR = re.compile(r"(?:^|[\s,])\d{1,3}(?:-\d{1,3})?n?$")
HEADING_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]{3,}")


@dataclass
class NotePage:
    """Which notes are printed on which pages (for "416n")."""

    notes: dict[int, list[tuple[str, str]]]  # page -> [(note id, note text)]


def group_entries(items: list[Item]) -> list[list[Item]]:
    """Blocks of lines → index entries (page items ride along where they fall)."""
    entries: list[list[Item]] = []
    current: list[Item] = []
    pending: list[Item] = []
    blank = False
    for item in items:
        if item.kind == "blank":
            blank = True
            continue
        if item.kind == "page":
            pending.append(item)
            continue
        if item.kind != "line":
            continue
        text = item.text
        if current:
            last = next(i for i in reversed(current) if i.kind == "line").text
            continues = last.endswith((",", ";", "-")) or text[:1].islower() \
                or text[:1].isdigit() or text.startswith("(")
            # Inside a block, a line only begins a new entry after a complete locator
            # (the OCR sometimes drops the blank line between two entries).
            if not (blank or pending):
                continues = continues or not ENDS_WITH_LOCATOR.search(last)
            if not continues:
                entries.append(current)
                current = []
        current.extend(pending)
        pending = []
        current.append(item)
        blank = False
    if current:
        current.extend(pending)
        entries.append(current)
    elif pending and entries:
        entries[-1].extend(pending)
    return entries


def heading_end(text: str) -> int:
    """Where the entry's heading ends: before its first locator or its "see"."""
    for match in LOCATOR.finditer(text):
        before = text[:match.start()].rstrip()
        if before.endswith((",", ";")) or not before:
            return len(before.rstrip(",;").rstrip())
    see = re.search(r"[,;]? see ", text)
    return see.start() if see else len(text)


def note_pages(notes_div: etree._Element, footnotes: dict[int, str],
               ns: dict[str, str]) -> NotePage:
    """The endnotes printed on each page of the notes division, and the footnotes."""
    pages: dict[int, list[tuple[str, str]]] = {}
    current = None
    for node in notes_div.iter():
        name = etree.QName(node).localname if isinstance(node.tag, str) else ""
        if name == "pb" and node.get("n"):
            current = int(node.get("n"))
        elif name == "note" and node.get("place") == "end" and current is not None:
            text = "".join(node.itertext())
            on = {current} | {int(pb.get("n")) for pb in node.iterfind(".//t:pb", ns)}
            for page in on:
                pages.setdefault(page, []).append(
                    (node.get("{http://www.w3.org/XML/1998/namespace}id"), text))
    for page, note_id in footnotes.items():
        pages.setdefault(page, []).append((note_id, ""))
    return NotePage(pages)


class IndexAnnotator:
    """Marks the heading and the locators of one entry's joined text."""

    def __init__(self, page_ids: set[str], notes: NotePage, footnote_text: Callable[[str], str],
                 stated: dict[str, tuple[int, bool]] | None = None):
        self.page_ids = page_ids
        self.stated = stated or {}  # OCR-garbled locators: text -> (page, is a note)
        self.notes = notes
        self.footnote_text = footnote_text
        self.refs = 0
        self.to_notes = 0
        self.unresolved: list[str] = []

    def __call__(self, joined: Joined) -> list[Span]:
        text = joined.text
        end = heading_end(text)
        spans = [Span(0, end, _wrap("term"), "term")] if end > 0 else []
        key = (HEADING_WORD.findall(text[:end]) or [""])[0]
        for sic, (page, is_note) in self.stated.items():
            for match in re.finditer(re.escape(sic) + r"(?=[,;.]|\s|$)", text):
                if match.start() < end:
                    continue
                targets = self._notes([page], key) if is_note else [f"p{page}"]
                self.refs += 1
                spans.append(Span(match.start(), match.end(),
                                  _ref(" ".join("#" + t for t in targets)), "index-ref"))
        for match in LOCATOR.finditer(text, end):
            first = int(match.group("first"))
            last = match.group("last")
            pages = [first]
            if last:
                cut = max(0, len(str(first)) - len(last))
                end_page = int(str(first)[:cut] + last)
                pages = list(range(first, end_page + 1)) if end_page >= first else [first]
            if match.group("note"):
                targets = self._notes(pages, key)
            else:
                targets = [f"p{p}" for p in pages]
            if not all(t in self.page_ids or t.startswith(("note-", "footnote-"))
                       for t in targets):
                self.unresolved.append(f"{text[:end]}: {match.group(0)}")
                continue
            self.refs += 1
            spans.append(Span(match.start(), match.end(),
                              _ref(" ".join("#" + t for t in targets)), "index-ref"))
        return spans

    def _notes(self, pages: list[int], key: str) -> list[str]:
        found = []
        for page in pages:
            for note_id, text in self.notes.notes.get(page, []):
                body = text or self.footnote_text(note_id)
                if key and key.lower() in body.lower() and note_id not in found:
                    found.append(note_id)
        if found:
            self.to_notes += 1
            return found
        return [f"p{pages[0]}"]


def _wrap(name: str):
    def build(parent, inner):
        inner(element(parent, name))

    return build


def _ref(target: str):
    def build(parent, inner):
        inner(element(parent, "ref", target=target, type="index"))

    return build


# -- cross-references: "Comintern, see Communist International"

SEE = re.compile(r"\bsee(?: also)?(?:\s+|$)", re.I)
#: Between two targets of one "see": "A and B", "A, B, and C", "A; B".
SEE_SEPARATOR = re.compile(r"\s*(?:[,;]\s*)?(?:and\s+)?")
TARGET_END = re.compile(r"\s*(?:$|[,;.]|and\b)")
TERM = f"{{{TEI_NS}}}term"
XML_ID = f"{{{XML_NS}}}id"


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w’']+", text.lower()))


def _names_of(term: str) -> set[str]:
    """What a "see" may call an entry: its whole heading, the heading before its
    parenthesis ("Smychka" for "Smychka (alliance of workers and peasants)") and before its
    first comma ("Mensheviks" for "Mensheviks, Menshevism")."""
    term = " ".join(term.split())
    plain = re.sub(r"\s*\([^)]*\)", "", term)  # "Communist (Comintern) International"
    names = (term, term.split(" (")[0], term.split(", ")[0], plain, plain.split(", ")[0])
    return {_words(n) for n in names if n.strip()}


def link_cross_references(listing: etree._Element, taken_ids: set[str]) -> tuple[int, list[str]]:
    """Make each target of an entry's "see"/"see also" a link to the entry it names, when
    exactly one entry answers to that name. The target entry gets an id ("index-smychka").
    Returns the number of links made and the targets no entry answers to."""
    items = list(listing.iterchildren(f"{{{TEI_NS}}}item"))
    owners: dict[str, list[etree._Element]] = {}
    for item in items:
        if item.find(TERM) is not None:
            for name in _names_of(_heading(item)):
                owners.setdefault(name, []).append(item)
    made, unresolved = 0, []
    for item in items:
        seeing = False  # a "see" whose targets follow a page break
        # The entry's text after its heading: the tails of its heading, locators, page breaks.
        for holder in list(item):  # refs are inserted as it goes
            text = holder.tail or ""
            see = SEE.search(text)
            if see:
                position = see.end()
            elif seeing and text.strip():
                position = len(text) - len(text.lstrip())
            else:
                continue
            seeing = not text[position:].strip()
            pieces = []
            while position < len(text):
                target, length = _longest_name(text, position, owners)
                if target is None:
                    rest = re.sub(r"\s*\band$", "", text[position:].strip(" .,;"))
                    if rest:
                        unresolved.append(rest)
                    break
                pieces.append((position, position + length, _entry_id(target, taken_ids)))
                position = SEE_SEPARATOR.match(text, position + length).end()
            if pieces:
                _insert_refs(holder, text, pieces)
                made += len(pieces)
    return made, unresolved


def _heading(item: etree._Element) -> str:
    return "".join(item.find(TERM).itertext()).strip()


def _longest_name(text: str, position: int, owners: dict[str, list]) -> tuple:
    """The entry whose name the text begins with at position (the longest such name), and
    the length of text it covers; (None, 0) when none or more than one entry has it."""
    best, best_length = None, 0
    for match in re.finditer(r"[\w’']+", text[position:]):
        found = owners.get(_words(text[position:position + match.end()]))
        # A name ends where the target does: at a separator or the end, not mid-phrase
        # ("Communist" is not the target of "see Communist International").
        ends = TARGET_END.match(text, position + match.end())
        if found and len(found) == 1 and ends:
            best, best_length = found[0], match.end()
    if best is not None and text[position + best_length:][:1] == "." \
            and _heading(best).endswith("."):  # "Trotsky, L." ends with its own full stop
        best_length += 1
    return best, best_length


def _entry_id(item: etree._Element, taken_ids: set[str]) -> str:
    if item.get(XML_ID):
        return item.get(XML_ID)
    heading = _heading(item).split(" (")[0]
    base = "index-" + (re.sub(r"[^a-z0-9]+", "-", _words(heading)).strip("-") or "entry")
    candidate, number = base, 2
    while candidate in taken_ids:
        candidate, number = f"{base}-{number}", number + 1
    taken_ids.add(candidate)
    item.set(XML_ID, candidate)
    return candidate


def _insert_refs(holder: etree._Element, text: str, pieces) -> None:
    """Split the tail of holder around its targets, each in <ref type="see">."""
    holder.tail = text[:pieces[0][0]]
    parent, index = holder.getparent(), holder.getparent().index(holder) + 1
    for number, (start, end, target_id) in enumerate(pieces):
        ref = etree.Element(f"{{{TEI_NS}}}ref", target="#" + target_id, type="see")
        ref.text = text[start:end]
        following = pieces[number + 1][0] if number + 1 < len(pieces) else len(text)
        ref.tail = text[end:following]
        parent.insert(index + number, ref)
