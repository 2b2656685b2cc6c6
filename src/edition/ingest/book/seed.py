"""A raw OCR seed as numbered lines, and anchors into it that a profile can state.

Profiles name places in the seed by line number *and* the text expected there, so a
profile written for one seed fails loudly, with both facts, when run on another.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from edition.errors import EditionError


class SeedError(EditionError):
    """The seed does not look the way the profile says it does."""

    exit_code = 1


@dataclass(frozen=True)
class SeedLine:
    no: int  # 1-based line number in the seed file
    text: str  # the line without trailing whitespace

    @property
    def blank(self) -> bool:
        return not self.text.strip()


class Seed:
    """The lines of one seed file, addressable by their 1-based number."""

    def __init__(self, text: str, name: str = "seed"):
        self.name = name
        self.lines = [SeedLine(i + 1, t.rstrip()) for i, t in enumerate(text.split("\n"))]

    @classmethod
    def read(cls, path: Path) -> Seed:
        return cls(path.read_text(encoding="utf-8"), name=path.name)

    def __len__(self) -> int:
        return len(self.lines)

    def line(self, no: int) -> SeedLine:
        if not 1 <= no <= len(self.lines):
            raise SeedError(f"{self.name}: line {no} does not exist (the seed has {len(self)})")
        return self.lines[no - 1]

    def expect(self, no: int, text: str) -> SeedLine:
        """The line `no`, which must read `text` (whitespace-trimmed)."""
        line = self.line(no)
        if line.text.strip() != text.strip():
            raise SeedError(
                f"{self.name}:{no}: the profile expects {text.strip()!r} here, "
                f"the seed has {line.text.strip()!r}"
            )
        return line

    def span(self, first: int, last: int) -> list[SeedLine]:
        """Lines first..last inclusive."""
        return self.lines[first - 1 : last]
