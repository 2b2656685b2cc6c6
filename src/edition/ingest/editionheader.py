"""The edition's own header (profile kind ``edition``): ``tei/edition.xml``.

Its header says what the edition is, who made it, under which licence, and by which
principles (``[header]`` and ``project.toml``, like every document); its text is the list
of the edition's texts in reading order, from the profile's ``[[contents]]`` tables
(``file``: the TEI file; ``label``: how the list names it, TEI markup allowed; ``note``:
one line on why it stands there). A text not yet in the corpus may be listed: its pointer is
reported as a warning by ``edition validate`` until the file exists.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from edition.ingest.header import build_header
from edition.ingest.profile import Profile, ProfileError
from edition.ingest.report import IngestReport
from edition.ingest.teixml import el, fragment

_KEYS = {"file", "label", "note"}


def build_document(profile: Profile, seed: Any = None) -> tuple[etree._Element, IngestReport]:
    contents = profile.section("contents", [])
    if not contents:
        raise ProfileError(f"{profile.name}: an edition header lists its texts ([[contents]])")
    items = []
    for index, entry in enumerate(contents):
        if not isinstance(entry, dict) or set(entry) - _KEYS or not {"file", "label"} <= set(entry):
            raise ProfileError(f"{profile.name}: contents[{index}] needs file and label only")
        doc_id = entry["file"].removesuffix(".xml")
        ref = el("ref", {"target": f"{entry['file']}#{doc_id}"}, *fragment(entry["label"]))
        note = (
            el(
                "note",
                {"type": "reading-order", "resp": f"#{profile.id}-encoding"},
                *fragment(entry["note"]),
            )
            if "note" in entry
            else None
        )
        items.append(el("item", {"n": str(index + 1)}, ref, note))
    intro = [el("p", None, *fragment(p)) for p in profile.section("edition", {}).get("intro", [])]
    div = el(
        "div",
        {"type": "contents"},
        el("head", None, "The texts of the edition, in reading order"),
        *intro,
        el("list", {"type": "ordered"}, *items),
    )
    root = el(
        "TEI",
        {"xml:id": profile.id},
        build_header(profile, f"Made by edition ingest from the profile {profile.path.name}."),
        el("text", {"xml:lang": profile.language}, el("body", None, div)),
    )
    report = IngestReport(doc_id=profile.id, profile=profile.name)
    report.add("texts in reading order", len(items), [e["file"] for e in contents])
    return root, report
