"""A legible table of the book, as the profile lays it out from the OCR's lines.

The OCR flattens a table into lines ("July 135 40.5"). The profile gives the table's head
lines and its rows, each cell as the fragments of OCR text it holds (found in the region's
lines, each occurrence used once, so a cell can gather words from two lines of a header);
a cell the OCR lost is `{ gap = "why" }`, a doubtful reading `{ unclear = "öl" }`. Cells are
filled like any text, so footnote calls and corrections in them are kept; the word
accounting then proves that the cells hold exactly the words of the lines.
"""

from __future__ import annotations

import re

from lxml import etree

from edition.ingest.book.flow import Item
from edition.ingest.book.inline import element
from edition.ingest.book.seed import SeedError, SeedLine


class FragmentFinder:
    """Finds each fragment of a table's text in its lines, never the same place twice."""

    def __init__(self, lines: list[SeedLine]):
        self.lines = [line for line in lines if not line.blank]
        self.used: set[tuple[int, int]] = set()

    def find(self, fragment: str) -> Item:
        pattern = re.compile(r"(?<![\w.])" + re.escape(fragment) + r"(?![\w.])")
        for line in self.lines:
            text = line.text.strip()
            for match in pattern.finditer(text):
                key = (line.no, match.start())
                if key in self.used:
                    continue
                self.used.add(key)
                return Item("line", line=SeedLine(line.no, fragment), column=match.start())
        raise SeedError(f"table: {fragment!r} is not (or no more) in the table's lines")


def render(layout, parent: etree._Element, lines: list[SeedLine], spec: dict) -> None:
    finder = FragmentFinder(lines)
    table = element(parent, "table", xml_id=spec["id"])
    head = element(table, "head")
    layout.fill(head, [finder.find(text) for text in spec.get("head", [])], keep_lines=True)
    header_rows = int(spec.get("header_rows", 0))
    width = max(len(row) for row in spec["rows"])
    for index, row in enumerate(spec["rows"]):
        tr = element(table, "row", role="label" if index < header_rows else None)
        for column, cell in enumerate(row):
            td = element(tr, "cell")
            if len(row) == 1 and width > 1:
                td.set("cols", str(width))
                td.set("role", "label")
            if isinstance(cell, dict) and "gap" in cell:
                gap = element(td, "gap", reason="illegible")
                element(gap, "desc").text = cell["gap"]
            elif isinstance(cell, dict) and "unclear" in cell:
                layout.fill(element(td, "unclear", reason="illegible"),
                            [finder.find(cell["unclear"])])
            else:
                fragments = [cell] if isinstance(cell, str) else list(cell)
                if fragments and fragments != [""]:
                    layout.fill(td, [finder.find(f) for f in fragments])
            del column
