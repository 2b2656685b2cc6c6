"""From a seed's lines to blocks: declared removals, then paragraphs rejoined across page ends.

A block is a run of non-blank lines (a paragraph, a heading, a note...), remembered with the
seed line it starts on, so that every message and every entry of the report can be checked
against the seed by line number.

Removals are exact: a ``[[text.remove]]`` entry names a whole line (as it stands, without its
leading and trailing spaces), why it goes, and how many times it occurs. A count that does not
match is an error, so a removal can never swallow a line nobody meant.

Page splits: converting a PDF leaves a paragraph cut where its page ended; the next block
continues the sentence. A block that does not end a sentence (or whose ending is listed in
``also_after``) is joined to the next one, unless that one is a boundary (a heading, a note,
anything the profile gives a role) or the ending is listed in ``never_after``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from edition.ingest.profile import ProfileError


@dataclass
class Block:
    """Consecutive non-blank seed lines. ``line`` is the 1-based number of the first."""

    lines: list[str]
    line: int
    joined: list[int] = field(default_factory=list)  # first lines of blocks joined into this

    @property
    def text(self) -> str:
        return " ".join(part.strip() for part in self.lines if part.strip())


@dataclass(frozen=True)
class Removed:
    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Join:
    """A block (starting at ``line``) continued by the one starting at ``next_line``."""

    line: int
    next_line: int
    end: str
    start: str


def read_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        if raw.strip():
            if not current:
                start = number
            current.append(raw.rstrip())
        elif current:
            blocks.append(Block(current, start))
            current = []
    if current:
        blocks.append(Block(current, start))
    return blocks


def remove_lines(
    blocks: list[Block], removals: list[dict], source: str
) -> tuple[list[Block], list[Removed]]:
    """Drop the lines the profile lists, checking each entry's count.

    An entry with ``at`` (seed line numbers) removes the line only there: a running head
    that repeats the title is removed where it heads a page, not where it is the title.
    """
    wanted = {entry["line"].strip(): entry for entry in removals}
    if len(wanted) != len(removals):
        raise ProfileError(f"{source}: a line is listed twice in [[text.remove]]")
    found: dict[str, int] = dict.fromkeys(wanted, 0)
    removed: list[Removed] = []
    kept: list[Block] = []
    for block in blocks:
        lines: list[str] = []
        first = None
        for offset, line in enumerate(block.lines):
            number = block.line + offset
            entry = wanted.get(line.strip())
            if entry is not None and ("at" not in entry or number in entry["at"]):
                found[line.strip()] += 1
                removed.append(Removed(number, line.strip(), entry["reason"]))
                continue
            if first is None:
                first = number
            lines.append(line)
        if lines:
            kept.append(Block(lines, first if first is not None else block.line, block.joined))
    for line, entry in wanted.items():
        expected = entry.get("count", len(entry["at"]) if "at" in entry else 1)
        if found[line] != expected:
            where = f" at lines {entry['at']}" if "at" in entry else ""
            raise ProfileError(
                f"{source}: [[text.remove]] line {line!r} should occur {expected} time(s)"
                f"{where} but occurs {found[line]}: correct the profile's count or the line"
            )
    return kept, removed


# A sentence ends with . ! ? : ; … possibly followed by quotation marks (the sources also
# close with “ and ‘), brackets or emphasis.
_SENTENCE_END = re.compile(r"[.!?:;…](?:[\s\"'”’“‘»)\]*]|</sup>)*$")
DEFAULT_CALLS = (r"<sup>\[\d+\]</sup>", r"\[\d+\]")


def ends_with_call(text: str, calls: tuple[str, ...] | list[str] = DEFAULT_CALLS) -> bool:
    """Whether a block ends with a note call (perhaps followed by punctuation)."""
    return any(re.search(rf"(?:{call})\W*$", text) for call in calls)


def ends_sentence(text: str, calls: tuple[str, ...] | list[str] = DEFAULT_CALLS) -> bool:
    """Whether a block ends a sentence, once trailing note calls are set aside."""
    stripped = text.rstrip()
    trailing = [re.compile(rf"(?:{call})\s*$") for call in calls]
    changed = True
    while changed and stripped:
        changed = False
        for pattern in trailing:
            match = pattern.search(stripped)
            if match and match.start() < len(stripped):
                stripped = stripped[: match.start()].rstrip()
                changed = True
    return bool(_SENTENCE_END.search(stripped))


def join_page_splits(
    blocks: list[Block],
    rules: dict,
    is_boundary: Callable[[Block], bool],
    can_continue: Callable[[Block], bool],
    calls: tuple[str, ...] | list[str] = DEFAULT_CALLS,
) -> tuple[list[Block], list[Join]]:
    """Join each block that breaks off mid-sentence with the block that continues it.

    ``is_boundary(block)`` says a block starts something of its own (never joined to the
    one before); ``can_continue(block)`` says a block may be continued (a paragraph or a
    note, not a heading).
    """
    if not rules.get("page_splits", False):
        return blocks, []
    also = tuple(rules.get("also_after", []))
    never = tuple(rules.get("never_after", []))
    used_also = dict.fromkeys(also, 0)
    used_never = dict.fromkeys(never, 0)
    out: list[Block] = []
    joins: list[Join] = []
    for block in blocks:
        previous = out[-1] if out else None
        if previous is not None and can_continue(previous) and not is_boundary(block):
            end = previous.text
            forced = next((a for a in also if end.endswith(a)), None)
            refused = next((n for n in never if end.endswith(n)), None)
            if forced:
                used_also[forced] += 1
            if refused:
                used_never[refused] += 1
            if refused is None and (forced or not ends_sentence(end, calls)):
                joins.append(Join(previous.line, block.line, _tail(end), _head(block.text)))
                previous.lines = previous.lines + block.lines
                previous.joined.append(block.line)
                continue
        out.append(Block(list(block.lines), block.line, list(block.joined)))
    for name, used in (("also_after", used_also), ("never_after", used_never)):
        unused = [k for k, n in used.items() if not n]
        if unused:
            raise ProfileError(f"[text.join] {name} entries never used: {unused}")
    return out, joins


def _tail(text: str, words: int = 4) -> str:
    return " ".join(text.split()[-words:])


def _head(text: str, words: int = 4) -> str:
    return " ".join(text.split()[:words])
