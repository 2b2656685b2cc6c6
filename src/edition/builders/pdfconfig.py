"""The print edition's settings: `pdf.toml` at the top of the checkout.

    [page]
    size = "6in 9in"            # the trim size, any CSS page size

    [notes]
    default = "foot"            # "foot": at the foot of the page where called
    [notes.texts]               #  "end": gathered at the end of each chapter
    challenge-1923-25 = "end"   # per text (its file name without .xml)

A missing file means the defaults; a wrong value is a usage error naming the file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from edition.errors import UsageError

FILE_NAME = "pdf.toml"
NOTE_PLACES = ("foot", "end")
#: The WeasyPrint variant behind each `--pdf-variant` choice.
VARIANTS = {"ua": "pdf/ua-1", "print": "pdf/a-3b"}
# A CSS page size: one or two lengths, or a named size with an optional orientation.
_LENGTH = r"\d+(\.\d+)?(in|cm|mm|pt|pc|px)"
_NAMED = r"(A[3-5]|B[4-5]|JIS-B[4-5]|letter|legal|ledger)( (portrait|landscape))?"
_PAGE_SIZE = re.compile(rf"^({_LENGTH}( {_LENGTH})?|{_NAMED})$")


@dataclass(frozen=True)
class PrintSettings:
    size: str = "6in 9in"
    default_notes: str = "foot"
    notes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> PrintSettings:
        if not path.is_file():
            return cls()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: not valid TOML: {exc}") from None
        page = data.get("page", {})
        notes = data.get("notes", {})
        size = str(page.get("size", cls.size)).strip()
        if not _PAGE_SIZE.match(size):
            raise UsageError(
                f'{path}: [page] size = "{size}" is not a CSS page size (e.g. "6in 9in")'
            )
        default = str(notes.get("default", cls.default_notes))
        per_text = {str(k): str(v) for k, v in notes.get("texts", {}).items()}
        for where, value in [("default", default), *per_text.items()]:
            if value not in NOTE_PLACES:
                raise UsageError(f'{path}: [notes] {where} = "{value}": use "foot" or "end"')
        return cls(size=size, default_notes=default, notes=per_text)

    def endnotes(self, text_id: str) -> bool:
        """Whether this text's called notes go to the end of their chapters."""
        return self.notes.get(text_id, self.default_notes) == "end"

    @property
    def page_css(self) -> str:
        """The one rule the settings add to the style sheet: the trim size."""
        return f"@page {{ size: {self.size}; }}"


def variant(name: str | None) -> str:
    """The WeasyPrint PDF variant for a `--pdf-variant` value (default: the tagged one)."""
    name = name or "ua"
    if name not in VARIANTS:
        raise UsageError(f"unknown PDF variant {name!r} (known: {', '.join(VARIANTS)})")
    return VARIANTS[name]
