"""Notes: numbered note blocks become ``note`` elements, and every call is linked to its note.

A profile says how a note starts (``[text.notes] note``, a regular expression with a group
``n``, matched at the start of a block of the notes region) and how calls look (``calls``,
used by the inline parser). Blocks that do not start a note continue the note before them
(a note of several paragraphs). Ids are ``<doc-id>-n<number>``.

``link_calls`` then gives each call (``ref type="noteref" n="…"``) the target of its note and
reports any call without a note, any note without a call, and calls out of sequence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from edition.ingest.profile import ProfileError
from edition.ingest.teixml import XML_ID, elements, tei


@dataclass
class NoteLinks:
    notes: int = 0
    calls: int = 0
    linked: int = 0
    uncalled: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    out_of_order: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not (self.uncalled or self.unresolved)


def note_start(pattern: str) -> re.Pattern[str]:
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ProfileError(f"[text.notes] note: bad pattern: {exc}") from None
    if "n" not in compiled.groupindex:
        raise ProfileError("[text.notes] note: the pattern needs a group named n")
    return compiled


def note_id(doc_id: str, number: str) -> str:
    return f"{doc_id}-n{number}"


def link_calls(text: etree._Element, doc_id: str) -> NoteLinks:
    """Point every note call at its note; report what does not pair up."""
    notes: dict[str, etree._Element] = {}
    for note in elements(text, "note"):
        ident = note.get(XML_ID)
        if ident and note.get("n") is not None and note.get("place") == "end":
            notes[note.get("n")] = note
    result = NoteLinks(notes=len(notes))
    called: set[str] = set()
    previous = 0
    for call in text.iter(tei("ref")):
        if call.get("type") != "noteref" or call.get("target"):
            continue
        number = call.attrib.pop("n")
        result.calls += 1
        note = notes.get(number)
        if note is None:
            result.unresolved.append(number)
            continue
        call.set("target", f"#{note.get(XML_ID)}")
        result.linked += 1
        called.add(number)
        if number.isdigit():
            if int(number) < previous:
                result.out_of_order.append(number)
            previous = max(previous, int(number))
    result.uncalled = [n for n in notes if n not in called]
    return result
