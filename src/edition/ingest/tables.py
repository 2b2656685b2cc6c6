"""Tables that a conversion flattened into lines, rebuilt from the profile's description.

A profile's ``[[text.tables]]`` entry names the seed lines the table occupies (``lines``),
its ``header`` cells and its ``rows``. A cell is a string, ``{ text = "…", cert = "low" }``
where the column is the editor's reading, or ``{ gap = "why" }`` for a figure the source lost.
The cells must hold exactly the words of the lines, in order: a table may rearrange what the
seed has, never add to it or lose from it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from edition.ingest.profile import ProfileError
from edition.ingest.teixml import el, fragment


def build_table(
    rule: dict[str, Any],
    lines: list[str],
    inline: Callable[[str], list],
    project_resp: str,
    where: str,
) -> etree._Element:
    table = el("table")
    if "head" in rule:
        table.append(el("head", None, *inline(rule["head"])))
    words: list[str] = []
    if "header" in rule:
        row = el("row", {"role": "label"})
        for cell in rule["header"]:
            row.append(el("cell", {"role": "label"}, *inline(cell)))
            words.append(cell)
        table.append(row)
    for spec_row in rule.get("rows", []):
        row = el("row")
        for cell in spec_row:
            if isinstance(cell, str):
                row.append(el("cell", None, *inline(cell)))
                words.append(cell)
            elif isinstance(cell, dict) and set(cell) <= {"gap", "reason"} and "gap" in cell:
                gap = el(
                    "gap", {"reason": cell.get("reason", "lost")}, el("desc", None, cell["gap"])
                )
                row.append(el("cell", None, gap))
            elif isinstance(cell, dict) and set(cell) <= {"text", "cert"} and "text" in cell:
                row.append(el("cell", {"cert": cell.get("cert")}, *inline(cell["text"])))
                words.append(cell["text"])
            else:
                raise ProfileError(
                    f"{where}: a cell is a string, {{text, cert}} or {{gap}}: {cell!r}"
                )
        table.append(row)
    seen = " ".join(lines).split()
    made = " ".join(words).split()
    if seen != made:
        raise ProfileError(
            f"{where}: its cells must hold exactly the words of its lines, in order.\n"
            f"  lines: {' '.join(seen)}\n  cells: {' '.join(made)}"
        )
    if "note" in rule:
        table.append(el("note", {"type": "project", "resp": project_resp}, *fragment(rule["note"])))
    return table
