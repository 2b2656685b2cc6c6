"""Endnotes and their calls.

The book's endnotes are one numbered list ("NOTES", p. 414 on). Their calls in the text
were superscript figures, which the OCR read as whatever it could: `15` glued to a
word, `!9` for 19, `?5` for 25, `‘°` for 40, or lost altogether. The calls are found in
reading order: for note n, the first place after note n-1's call where a cluster of
such characters stands glued to a word (after a letter or closing punctuation) and can
be read as n with the profile's table of OCR confusions. Calls the reading cannot find
(or would find in the wrong place) are stated in the profile; a call lost by the OCR
is placed there too, with the evidence, and marked as supplied.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from edition.ingest.book.flow import Item
from edition.ingest.book.seed import SeedError

CLUSTER = re.compile(r"(?<=[A-Za-z.,;:”’)\]])([0-9!|?°®‘*>']{1,3})(?=\s|$)")
NOTE_START = re.compile(r"^(\d{1,3})\.\s+")


@dataclass
class CallSite:
    n: int
    line: int  # seed line
    start: int  # column in the stripped line
    end: int
    ocr: str  # what the OCR printed for the call ("" when lost)
    method: str  # "read", "profile", "supplied"
    note: str = ""  # why, for profile placements

    @property
    def clean(self) -> bool:
        return self.ocr == str(self.n)


@dataclass
class Endnote:
    n: int
    items: list[Item] = field(default_factory=list)  # its lines, and pages that turn inside
    label: str = ""  # "1. " as printed
    before: list[Item] = field(default_factory=list)  # a page that begins with this note


def readings(cluster: str, confusions: dict[str, str]) -> set[str]:
    """Every number a garbled cluster may stand for."""
    options = []
    for char in cluster:
        if char.isdigit():
            options.append(char)
        elif char in confusions:
            options.append(confusions[char])
        else:
            return set()
    return {"".join(p) for p in itertools.product(*options)}


def _strip(text: str) -> str:
    return text.strip()


def find_calls(items: list[Item], count: int, first_line: int, last_line: int,
               confusions: dict[str, str], placed: list[dict]) -> tuple[dict[int, CallSite],
                                                                       list[int]]:
    """The calls of notes 1..count in the lines first_line..last_line.

    `placed` are the profile's statements ({n, line, call, after, method, why}); the
    others are read. Returns the sites found and the numbers not found.
    """
    lines = [i.line for i in items if i.kind == "line" and first_line <= i.line.no <= last_line]
    position = {line.no: k for k, line in enumerate(lines)}
    stated: dict[int, CallSite] = {}
    for entry in placed:
        n, no = int(entry["n"]), int(entry["line"])
        if no not in position:
            raise SeedError(f"line {no}: the call of note {n} is stated on no text line")
        text = _strip(lines[position[no]].text)
        after = entry["after"]
        column = text.find(after)
        if column < 0:
            raise SeedError(f"line {no}: note {n}: {after!r} is not on this line: {text!r}")
        start = column + len(after)
        ocr = entry.get("call", "")
        if text[start:start + len(ocr)] != ocr:
            raise SeedError(f"line {no}: note {n}: the OCR has {text[start:start + 8]!r} "
                            f"after {after!r}, not the call {ocr!r}")
        stated[n] = CallSite(n, no, start, start + len(ocr), ocr,
                             entry.get("method", "profile"), entry.get("why", ""))
    sites: dict[int, CallSite] = {}
    missing: list[int] = []
    cursor = (0, 0)  # (line index, column) after the last call
    for n in range(1, count + 1):
        if n in stated:
            site = stated[n]
            sites[n] = site
            cursor = (position[site.line], site.end)
            continue
        site = _read_next(lines, cursor, n, confusions)
        if site is None:
            missing.append(n)
            continue
        sites[n] = site
        cursor = (position[site.line], site.end)
    return sites, missing


def _read_next(lines, cursor, n, confusions) -> CallSite | None:
    start_index, start_column = cursor
    for k in range(start_index, len(lines)):
        text = _strip(lines[k].text)
        for match in CLUSTER.finditer(text):
            if k == start_index and match.start() < start_column:
                continue
            cluster = match.group(1)
            begin = match.start()
            if cluster.endswith("*") and len(cluster) > 1:
                cluster = cluster[:-1]  # a footnote's star follows the note's figure
            if len(cluster) > len(str(n)):
                # "solved??3": the sentence's own "?" before the figure
                begin += len(cluster) - len(str(n))
                cluster = cluster[-len(str(n)):]
            if len(cluster) != len(str(n)):
                continue
            if str(n) in readings(cluster, confusions):
                return CallSite(n, lines[k].no, begin, begin + len(cluster), cluster, "read")
    return None


def parse_endnotes(items: list[Item], count: int) -> list[Endnote]:
    """Split the notes division's lines into numbered notes 1..count."""
    notes: list[Endnote] = []
    pending: list[Item] = []
    for item in items:
        if item.kind == "page":
            pending.append(item)
            continue
        if item.kind != "line":
            continue
        match = NOTE_START.match(item.text)
        if match and int(match.group(1)) == len(notes) + 1:
            notes.append(Endnote(len(notes) + 1, label=match.group(0), before=pending))
            pending = []
            notes[-1].items.append(item)
            continue
        if not notes:
            raise SeedError(f"line {item.line.no}: text before the first endnote")
        notes[-1].items.extend(pending)
        pending = []
        notes[-1].items.append(item)
    if notes:
        notes[-1].items.extend(pending)
    if len(notes) != count:
        raise SeedError(f"found {len(notes)} endnotes, the profile says {count}")
    return notes
