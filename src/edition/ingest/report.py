"""The short report ``edition ingest`` prints: what was made, and everything done to the text.

A report is a list of entries, each a label, a value and optional detail lines, so every kind
of document can say what matters for it (notes linked, corrections, removed lines; a book adds
pages and hyphen joins) without a new report class.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Entry:
    label: str
    value: str
    details: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    doc_id: str
    profile: str
    seed: str | None = None
    out: str | None = None
    written: bool = False
    unchanged: bool = False
    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # for texts made from a seed: the seed lines kept (what word accounting checks against)
    seed_lines: list[str] | None = field(default=None, repr=False)

    def add(self, label: str, value: object, details: list[str] | None = None) -> None:
        self.entries.append(Entry(label, str(value), list(details or [])))

    def value(self, label: str) -> str | None:
        return next((e.value for e in self.entries if e.label == label), None)

    def render(self, verbose: bool = False, detail_limit: int = 8) -> str:
        source = f" from {self.seed}" if self.seed else ""
        if self.written:
            state = "written"
        elif self.unchanged:
            state = "unchanged"
        else:
            state = "not written"
        lines = [f"{self.out or self.doc_id}{source} (profile {self.profile}): {state}"]
        for entry in self.entries:
            lines.append(f"  {entry.label}: {entry.value}")
            shown = entry.details if verbose else entry.details[:detail_limit]
            lines.extend(f"    {d}" for d in shown)
            if len(shown) < len(entry.details):
                lines.append(f"    … {len(entry.details) - len(shown)} more (--verbose)")
        lines.extend(f"  problem: {p}" for p in self.problems)
        return "\n".join(lines) + "\n"
