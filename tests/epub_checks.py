"""EPUB validators for the tests, as `edition check` runs them (edition.checks.epub):
EPUBCheck and DAISY Ace, each returning its findings as lines; plus a small reader for the
files inside an EPUB."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from edition.xml import parse_bytes

NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}


class Epub:
    """The files of an EPUB, parsed on demand."""

    def __init__(self, path: Path):
        self.path = path
        with zipfile.ZipFile(path) as archive:
            self.infos = archive.infolist()
            self.files = {i.filename: archive.read(i.filename) for i in self.infos}

    def xml(self, name: str) -> etree._Element:
        return parse_bytes(self.files[name], name).root

    @property
    def opf(self) -> etree._Element:
        return self.xml("OEBPS/package.opf")

    @property
    def nav(self) -> etree._Element:
        return self.xml("OEBPS/nav.xhtml")

    def resolve(self, href: str, base: str = "OEBPS/nav.xhtml") -> etree._Element | None:
        """The element an href (relative to the file `base`) points at; None if missing."""
        path, _, fragment = href.partition("#")
        name = os.path.normpath(os.path.join(os.path.dirname(base), path)) if path else base
        if name not in self.files:
            return None
        root = self.xml(name)
        if not fragment:
            return root
        found = root.xpath("//*[@id=$id]", id=fragment)
        return found[0] if found else None


def _or_skip(check, path: Path) -> list[str]:
    """`edition check`'s findings for one EPUB as lines; the test is skipped when the
    check's tool is missing (scripts/setup.sh --test installs them)."""
    from edition.checks.tools import ToolMissing

    try:
        return [f"{m.severity} {m.text} ({m.location})" for m in check(path)]
    except ToolMissing as exc:
        pytest.skip(str(exc))


def epubcheck(*paths: Path) -> dict[Path, list[str]]:
    """EPUBCheck's messages (fatal, error, warning) per EPUB (edition.checks.epub)."""
    from edition.checks import epub

    return {path: _or_skip(epub.epubcheck, path) for path in paths}


def ace(path: Path) -> list[str]:
    """Ace's violations for an EPUB (any impact), as lines (edition.checks.epub)."""
    from edition.checks import epub

    return _or_skip(epub.ace, path)
