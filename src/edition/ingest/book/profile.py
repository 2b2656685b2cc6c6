"""The profile of an OCR'd book: the TOML data that says what is peculiar to it.

Only reading and checking the data lives here; what the data means is in the modules
that use it (pages, outline, notes, corrections, index).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edition.errors import EditionError
from edition.ingest.book.pages import Marker, PageRules, UnnumberedPage


class ProfileError(EditionError):
    """A profile that is not well-formed data."""

    exit_code = 2


@dataclass(frozen=True)
class DateSpec:
    text: str
    when: str


@dataclass(frozen=True)
class DivSpec:
    """One division of the book's outline."""

    id: str
    level: int
    type: str
    line: int
    head: tuple[str, ...]
    part: str | None = None
    n: str | None = None
    date: DateSpec | None = None
    editorial_note: bool = False
    opens_page: int | None = None
    opener: tuple[str, ...] = ()
    closer: tuple[str, ...] = ()
    postscript_line: int | None = None
    postscript_closer: tuple[str, ...] = ()
    contents: str | None = None
    resp: str = "author"
    #: Pointer to the same document elsewhere in the edition (e.g. another translation).
    corresp: str | None = None


@dataclass
class BookProfile:
    id: str
    seed: str
    pages: PageRules
    divs: list[DivSpec]
    data: dict[str, Any] = field(default_factory=dict)  # the whole table, for other readers

    def section(self, name: str) -> Any:
        return self.data.get(name, {})

    def openings(self) -> dict[int, int]:
        """Page number -> seed line, for every division that opens a new page."""
        return {d.opens_page: d.line for d in self.divs if d.opens_page is not None}


def _required(table: dict[str, Any], key: str, where: str) -> Any:
    if key not in table:
        raise ProfileError(f"profile: {where} lacks {key!r}")
    return table[key]


def _pages(table: dict[str, Any]) -> PageRules:
    try:
        heads = [re.compile(p) for p in _required(table, "head_patterns", "[pages]")]
        bare = re.compile(_required(table, "bare_folio", "[pages]"))
    except re.error as exc:
        raise ProfileError(f"profile: [pages] has a bad pattern: {exc}") from exc
    markers = []
    for m in table.get("marker", []):
        lines = tuple(_required(m, "lines", "[[pages.marker]]"))
        texts = tuple(_required(m, "text", "[[pages.marker]]"))
        if len(lines) != len(texts):
            raise ProfileError(f"profile: marker for page {m.get('page')}: lines and text differ")
        markers.append(
            Marker(int(m["page"]), lines, _required(m, "position", "[[pages.marker]]"),
                   m.get("sic"))
        )
    unnumbered = [
        UnnumberedPage(u["id"], int(u["line"]), u["text"], u.get("label", u["id"]))
        for u in table.get("unnumbered", [])
    ]
    return PageRules(
        first=int(_required(table, "first", "[pages]")),
        first_line=int(_required(table, "first_line", "[pages]")),
        last_line=int(_required(table, "last_line", "[pages]")),
        head_patterns=heads,
        bare_folio=bare,
        markers=markers,
        unnumbered=unnumbered,
    )


def marker_texts(table: dict[str, Any]) -> dict[int, str]:
    """Seed line -> expected text, for every explicit page marker (to verify the seed)."""
    return {
        no: text
        for m in table.get("marker", [])
        for no, text in zip(m["lines"], m["text"], strict=True)
    }


def _div(entry: dict[str, Any]) -> DivSpec:
    where = f"[[div]] {entry.get('id', '?')}"
    date = entry.get("date")
    postscript = entry.get("postscript") or {}
    level = int(_required(entry, "level", where))
    if level == 1 and entry.get("part") not in ("front", "body", "back"):
        raise ProfileError(f"profile: {where} is at level 1 and needs part = front|body|back")
    return DivSpec(
        id=_required(entry, "id", where),
        level=level,
        type=_required(entry, "type", where),
        line=int(_required(entry, "line", where)),
        head=tuple(entry.get("head", ())),
        part=entry.get("part"),
        n=entry.get("n"),
        date=DateSpec(date["text"], date["when"]) if date else None,
        editorial_note=bool(entry.get("editorial_note", False)),
        opens_page=entry.get("opens_page"),
        opener=tuple(entry.get("opener", ())),
        closer=tuple(entry.get("closer", ())),
        postscript_line=postscript.get("line"),
        postscript_closer=tuple(postscript.get("closer", ())),
        contents=entry.get("contents"),
        resp=entry.get("resp", "author"),
        corresp=entry.get("corresp"),
    )


PROFILES_DIR = Path(__file__).resolve().parent.parent / "profiles"


def profile_path(name: str) -> Path:
    """A profile given by name (under src/edition/ingest/profiles/) or as a .toml path."""
    candidate = Path(name)
    if candidate.suffix == ".toml":
        return candidate
    return PROFILES_DIR / f"{name}.toml"


def load(path: Path) -> BookProfile:
    """Read a book profile: [profile] (id, kind = "book", seed) and the [book] tables."""
    try:
        whole = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"profile {path}: {exc}") from exc
    return from_data(whole, str(path))


def from_data(whole: dict[str, Any], path: str = "profile") -> BookProfile:
    """A book profile from TOML data as read (by this module or edition.ingest.profile)."""
    meta = whole.get("profile", {})
    if meta.get("kind") != "book" or "book" not in whole:
        raise ProfileError(f"profile {path}: not a book profile ([profile] kind = \"book\" "
                           "and a [book] table)")
    data = dict(whole["book"])
    data["id"] = meta["id"]
    data["seed"] = meta.get("seed", "")
    data["seed_sha256"] = meta.get("seed_sha256")
    divs = [_div(entry) for entry in data.get("div", [])]
    ids = [d.id for d in divs]
    if len(set(ids)) != len(ids):
        raise ProfileError("profile: a division id is used twice")
    lines = [d.line for d in divs]
    if lines != sorted(lines):
        raise ProfileError("profile: divisions must be listed in reading order")
    return BookProfile(
        id=_required(data, "id", "profile"),
        seed=_required(data, "seed", "profile"),
        pages=_pages(_required(data, "pages", "profile")),
        divs=divs,
        data=data,
    )
