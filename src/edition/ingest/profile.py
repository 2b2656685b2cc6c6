"""Profiles: what is peculiar to one source, as data.

A profile is a TOML file (read with tomllib) under ``src/edition/ingest/profiles/``, named after
the TEI document it makes (``trotsky-1923-10-08.toml`` makes ``tei/trotsky-1923-10-08.xml``).
It says what kind of document it makes and everything the ingest must know about its source:
the seed file it reads, the lines it removes (each listed, with a reason and a count), how note
calls and notes look, the corrections it makes, the persons it tags, and the facts for the
header. A new raw text of a known kind needs a new profile, not new code.

Every table and key is checked against ``SPEC`` below when the profile is loaded, so a typo
is an error with the profile's name and the key's path, never a silently ignored setting.
``project.toml`` beside the profiles holds what every document shares (publisher, licence of
the encoding, the common editorial principles); it is loaded with every profile.

Kinds:

``text``
    a seed text (``edition ingest SEED --profile NAME``); see ``edition.ingest.text``.
``personography``
    ``tei/persons.xml`` from the person and organisation entries of its profile.
``edition``
    ``tei/edition.xml``, the edition's own header and reading order.

Other kinds may be registered by modules that build them (``edition.ingest.KINDS``).
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edition.errors import EditionError, UsageError

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"
PROJECT_FILE = PROFILES_DIR / "project.toml"


class ProfileError(EditionError):
    """A profile that cannot be read, or that does not fit its seed. Exit status 2."""

    exit_code = 2


# ---------------------------------------------------------------- the specification

# A spec maps each allowed key to its type: a Python type, a nested spec (a TOML table),
# a one-element list holding a spec (an array of tables), or ANY (checked by the module
# that uses the key). "*" allows any key whose values have the given type.
ANY = object()

_NAME = {"person": str, "org": str, "name": str, "ref": str}
_DATED = {"when": str, "text": str, "source": str, "notBefore": str, "notAfter": str}

HEADER_SPEC: dict[str, Any] = {
    "title": str,
    "subtitle": str,
    "authors": [{"name": str, "ref": str, "role": str}],
    "editors": [{"name": str, "ref": str, "role": str}],
    "resp": [{"id": str, "resp": str, "names": [_NAME], "note": str}],
    "extent": str,
    "availability": str,
    "rights": [str],
    "sources": [str],
    "creation": {"when": str, "text": str},
    "languages": [{"ident": str, "text": str, "usage": int}],
    "keywords": [str],
    "abstract": [str],
    "decl": {
        "correction": [str],
        "normalization": [str],
        "hyphenation": [str],
        "quotation": [str],
        "interpretation": [str],
        "segmentation": [str],
        "punctuation": [str],
        "p": [str],
    },
    "changes": [{"when": str, "who": str, "text": str}],
}

_MATCH = {"line": str, "starts": str, "pattern": str}

TEXT_SPEC: dict[str, Any] = {
    "remove": [{"line": str, "reason": str, "count": int, "at": [int]}],
    "join": {
        "page_splits": bool,
        "also_after": [str],
        "never_after": [str],
    },
    "titlepage": [{"line": str, "part": str, "when": str}],
    "regions": [
        {
            **_MATCH,
            "region": str,
            "type": str,
            "resp": str,
            "rend": str,
            "head": bool,
            "as": str,
        }
    ],
    "roles": [{**_MATCH, "role": str, "when": str, "type": str, "resp": str}],
    "sections": {"pattern": str, "type": str},
    "heads": [{"line": str, "level": int, "type": str}],
    "quotes": [{"starts": str, "rend": str}],
    "tables": [
        {
            "lines": [str],
            "head": str,
            "header": [str],
            "rows": [[ANY]],
            "note": str,
        }
    ],
    "markup": {
        "bold": str,
        "italic": str,
        "italic_hi": [str],
        "whole_italic": bool,
        "glosses": {"pattern": str, "resp": str, "reason": str, "regions": [str]},
        "escapes": bool,
    },
    "notes": {
        "calls": [str],
        "bare_calls": [{"context": str, "call": str}],
        "note": str,
        "type": str,
        "resp": str,
        "place": str,
        "calls_in_notes": bool,
    },
    "persons": {"tag": [str], "ignore": [str], "forms": {"*": str}},
    "phrases": [{"text": str, "pattern": str, "element": str, "attrs": {"*": str}, "count": int}],
    "citations": [{"work": str, "target": str, "ibid": str, "pages": str}],
    "corrections": [
        {"context": str, "sic": str, "corr": str, "count": int, "resp": str, "note": str}
    ],
    "editorial_notes": [{"after": str, "text": str, "resp": str}],
}

SPEC: dict[str, Any] = {
    "profile": {
        "id": str,
        "kind": str,
        "seed": str,
        "seed_sha256": str,
        "language": str,
        "description": str,
    },
    "header": HEADER_SPEC,
    "text": TEXT_SPEC,
    # kinds other than text keep their data in tables of their own
    "person": [ANY],
    "org": [ANY],
    "place": [ANY],
    "contents": [ANY],
    "edition": {"*": ANY},
    "book": {"*": ANY},  # kind "book": checked by edition.ingest.book.profile
}

PROJECT_SPEC: dict[str, Any] = {
    "project": {
        "id": str,
        "name": str,
        "publisher": str,
        "pub_place": str,
        "date": str,
        "licence": {"target": str, "text": str},
        "description": [str],
        "decl": HEADER_SPEC["decl"],
    }
}


def _check(value: Any, spec: Any, where: str) -> None:
    if spec is ANY:
        return
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            raise ProfileError(f"{where}: expected a table, found {type(value).__name__}")
        wildcard = spec.get("*")
        for key, item in value.items():
            if key in spec:
                _check(item, spec[key], f"{where}.{key}")
            elif wildcard is not None:
                _check(item, wildcard, f"{where}.{key}")
            else:
                allowed = ", ".join(k for k in spec if k != "*")
                raise ProfileError(f"{where}: unknown key {key!r} (allowed: {allowed})")
        return
    if isinstance(spec, list):
        if not isinstance(value, list):
            raise ProfileError(f"{where}: expected an array, found {type(value).__name__}")
        for index, item in enumerate(value):
            _check(item, spec[0], f"{where}[{index}]")
        return
    if spec is int and isinstance(value, bool):
        raise ProfileError(f"{where}: expected an integer, found a boolean")
    if not isinstance(value, spec):
        raise ProfileError(f"{where}: expected {spec.__name__}, found {type(value).__name__}")


# ---------------------------------------------------------------- loading


@dataclass(frozen=True)
class Profile:
    """One loaded, checked profile. ``data`` is the TOML as read; ``project`` the shared part."""

    name: str
    path: Path
    data: dict[str, Any]
    project: dict[str, Any] = field(repr=False)

    @property
    def id(self) -> str:
        return self.data["profile"]["id"]

    @property
    def kind(self) -> str:
        return self.data["profile"]["kind"]

    @property
    def language(self) -> str:
        return self.data["profile"].get("language", "en")

    @property
    def seed_name(self) -> str | None:
        return self.data["profile"].get("seed")

    @property
    def header(self) -> dict[str, Any]:
        return self.data.get("header", {})

    @property
    def text(self) -> dict[str, Any]:
        return self.data.get("text", {})

    def section(self, name: str, default: Any = None) -> Any:
        """A top-level table or array of the profile (``person``, ``org``, ``edition``...)."""
        return self.data.get(name, default)

    def check_seed(self, data: bytes, path: Path) -> None:
        """Refuse a seed that is not the one this profile was written for.

        The profile's removals, corrections and counts fit one text exactly; a changed seed
        must be looked at by an editor, who then updates ``seed_sha256``.
        """
        expected = self.data["profile"].get("seed_sha256")
        if expected is None:
            return
        actual = hashlib.sha256(data).hexdigest()
        if actual != expected:
            raise ProfileError(
                f"{path}: this is not the seed profile {self.name!r} was written for "
                f"(sha256 {actual[:16]}…, expected {expected[:16]}…). Check the profile's "
                "removals and corrections against the new text, then update seed_sha256."
            )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from None


def profile_path(name: str) -> Path:
    """A profile's file: a path to a .toml file, or the name of one under profiles/."""
    candidate = Path(name)
    if candidate.suffix == ".toml":
        if not candidate.is_file():
            raise UsageError(f"{name}: no such profile file")
        return candidate
    path = PROFILES_DIR / f"{name}.toml"
    if not path.is_file() or name == "project":
        known = ", ".join(available_profiles()) or "none"
        raise UsageError(f"no profile named {name!r} (known: {known})")
    return path


def available_profiles() -> list[str]:
    """Names of the profiles shipped with the package, sorted."""
    return sorted(p.stem for p in PROFILES_DIR.glob("*.toml") if p.stem != "project")


def load_project(path: Path = PROJECT_FILE) -> dict[str, Any]:
    data = _read_toml(path)
    _check(data, PROJECT_SPEC, path.name)
    return data["project"]


def load_profile(name: str, project_path: Path = PROJECT_FILE) -> Profile:
    """Load and check a profile by name (``trotsky-1923-10-08``) or path (``x/y.toml``)."""
    path = profile_path(name)
    data = _read_toml(path)
    _check(data, SPEC, path.name)
    meta = data.get("profile")
    if not meta or "id" not in meta or "kind" not in meta:
        raise ProfileError(f"{path.name}: [profile] needs at least id and kind")
    return Profile(name=path.stem, path=path, data=data, project=load_project(project_path))
