"""Footnotes too tall for a page, continued on the next.

WeasyPrint sets a footnote in one piece: a note taller than the room left on its page runs
over the text. The print stylesheet numbers the words of every long note (`span.w[data-w]`,
see xslt/print/notes.xsl). After a first layout, `split_points` reads where each long note's
lines fall and chooses where pieces begin: the first piece short enough to fit below its call
on most pages, the next ones at most most of a page, each ending at the end of a line (never
inside a hyphenated word). The stylesheet then renders each piece as a footnote of its own,
floated from the same call; WeasyPrint carries a piece that does not fit to the next page.

Where a note's pieces begin depends only on its own lines (their heights below the note's
top) and the page's height, not on the page it lands on. So the measuring layout needs only
the long notes: `long_notes_only` keeps them and the elements around them (for the style
sheet's selectors) and drops the rest of the book, which makes that layout a few seconds
instead of a second full one; and, the notes being measured each alone, they may be parted
between documents laid out side by side.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

from lxml import etree

from edition.xml import parse_bytes

#: The first piece may fill this share of the page's text area, the others this one.
FIRST_PIECE = 0.15
OTHER_PIECES = 0.45
#: Fewer lines than this never make a piece of their own.
MIN_LINES = 2


#: A long note: a footnote whose words the stylesheet numbered.
_LONG_NOTES = etree.XPath(
    "//*[contains(concat(' ', @class, ' '), ' footnote ')][.//*[@data-w]]"
)
_HEAD = "{http://www.w3.org/1999/xhtml}head"


def long_notes_only(html: str, parts: int = 1) -> list[str]:
    """The book's XHTML with nothing but its long notes and their ancestors (and the head),
    for measuring them: in `parts` documents of about equal size (each note is measured
    alone, so they may be laid out side by side), fewer where there are fewer notes; none
    when it has no long note."""
    root = parse_bytes(html.encode("utf-8"), "print.xhtml").root
    notes = _LONG_NOTES(root)
    if not notes:
        return []
    sizes = [len(etree.tostring(note)) for note in notes]
    share, done, groups = sum(sizes) / min(parts, len(notes)), 0, [[]]
    for index, size in enumerate(sizes):
        if groups[-1] and done + size / 2 >= share * len(groups):
            groups.append([])
        groups[-1].append(index)
        done += size
    return [_pruned(copy.deepcopy(root), set(group)) for group in groups]


def _pruned(root, kept: set[int]) -> str:
    """The document `root` with only the long notes numbered in `kept` and what holds them."""
    notes = {note for n, note in enumerate(_LONG_NOTES(root)) if n in kept}
    around = {ancestor for note in notes for ancestor in note.iterancestors()}

    def prune(element) -> None:
        element.text = None
        for child in list(element):
            if child in notes or child.tag == _HEAD:
                child.tail = None
            elif child in around:
                child.tail = None
                prune(child)
            else:
                element.remove(child)

    prune(root)
    return etree.tostring(root, encoding="unicode")


def split_points(document) -> list[str]:
    """For each long note that needs cutting: "note-id W1 W2 …", the words where pieces begin."""
    plans: dict[str, list[int]] = {}
    for page in document.pages:
        page_box = page._page_box  # WeasyPrint's laid-out page (no public accessor)
        height = page_box.height
        for note in _footnotes(page_box):
            note_id = note.element.get("id") if note.element is not None else None
            if not note_id or note_id in plans or "note-piece" in _classes(note):
                continue  # already cut (a piece), or seen on an earlier page
            if not _has_words(note):
                continue
            starts = _starts(list(_lines(note)), note.content_box_y(), height)
            if starts:
                plans[note_id] = starts
    return [" ".join([note_id, *map(str, starts)]) for note_id, starts in sorted(plans.items())]


def _classes(box) -> set[str]:
    element = box.element
    return set((element.get("class") or "").split()) if element is not None else set()


def _footnotes(page_box) -> Iterator:
    for child in page_box.children:
        if type(child).__name__ == "FootnoteAreaBox":
            yield from (note for note in child.children if "footnote" in _classes(note))


def _has_words(box) -> bool:
    return any(True for _ in _words(box))


def _lines(box) -> Iterator[tuple[float, list[int]]]:
    """Each line box of a footnote: its bottom edge and the numbers of the words on it."""
    if type(box).__name__ == "LineBox":
        yield box.position_y + box.height, list(_words(box))
        return
    for child in getattr(box, "children", ()):
        yield from _lines(child)


def _words(box) -> Iterator[int]:
    element = box.element
    if element is not None and element.get("data-w") and type(box).__name__ == "InlineBox":
        yield int(element.get("data-w"))
        return
    for child in getattr(box, "children", ()):
        yield from _words(child)


def _starts(lines: list[tuple[float, list[int]]], top: float, page_height: float) -> list[int]:
    """Word numbers where new pieces begin, so that no piece is taller than its share."""
    starts: list[int] = []
    piece_top, piece_lines, limit = top, 0, FIRST_PIECE * page_height
    previous_words: list[int] = []
    for index, (bottom, words) in enumerate(lines):
        fits = bottom - piece_top <= limit
        # A piece may begin here only if this line does not finish a word begun on the last.
        clean = bool(words) and (not previous_words or words[0] != previous_words[-1])
        remaining = len(lines) - index
        if not fits and clean and piece_lines >= MIN_LINES and remaining >= MIN_LINES:
            starts.append(words[0])
            piece_top = lines[index - 1][0]
            piece_lines, limit = 0, OTHER_PIECES * page_height
        piece_lines += 1
        previous_words = words or previous_words
    return starts
