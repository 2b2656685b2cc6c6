"""The one safe way into XML.

Every document the project reads (TEI, schemas, the inputs of stylesheets) is parsed here,
with the settings that keep a hostile file harmless: no external entities, no DTD loading or
validation, no network, no XInclude, no huge-tree mode. A DOCTYPE that declares entities or
names an external DTD is refused outright, so entity tricks (XXE, billion laughs) never reach
a tree and Saxon never sees anything it could resolve.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

from edition.errors import EditionError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"tei": TEI_NS, "xml": XML_NS}


@dataclass(frozen=True)
class Location:
    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        # A place in a file without lines (a PDF, an EPUB as a whole) is the file alone.
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


class XMLLoadError(EditionError):
    """A document that cannot be (safely) parsed; carries where and why."""

    def __init__(self, location: Location, message: str, code: str):
        super().__init__(f"{location}: {message} [{code}]")
        self.location = location
        self.message = message
        self.code = code


def _parser() -> etree.XMLParser:
    # A fresh parser per call: lxml parsers keep state and are not shareable across threads.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_blank_text=False,
        strip_cdata=False,
    )


_ENTITY_DECL = re.compile(rb"<!ENTITY")
_DOCTYPE = re.compile(rb"<!DOCTYPE")


def _offset_to_location(path: str, data: bytes, offset: int) -> Location:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return Location(path, line, column)


class Document:
    """A parsed, checked XML document with the bytes it came from.

    Positions of elements (line and column) are worked out lazily, only when a message needs
    them: lxml records lines but not columns.
    """

    def __init__(self, path: str, data: bytes, tree: etree._ElementTree):
        self.path = path
        self.data = data
        self.tree = tree

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @cached_property
    def _positions(self) -> dict[etree._Element, tuple[int, int]]:
        starts: list[tuple[int, int]] = []
        parser = xml.parsers.expat.ParserCreate()
        parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)

        def start(_name: str, _attrs: dict) -> None:
            starts.append((parser.CurrentLineNumber, parser.CurrentColumnNumber + 1))

        parser.StartElementHandler = start
        try:
            parser.Parse(self.data, True)
        except xml.parsers.expat.ExpatError:
            pass  # lxml accepted it; keep whatever positions expat reached
        elements = self.root.iter(etree.Element)
        return dict(zip(elements, starts, strict=False))

    def locate(self, node: etree._Element | None) -> Location:
        """Line and column of an element's start tag (or of its owner, for other nodes)."""
        while node is not None and not isinstance(node.tag, str):
            node = node.getparent()
        if node is None:
            return Location(self.path, 1, 1)
        line, column = self._positions.get(node, (node.sourceline or 0, 1))
        return Location(self.path, line, column)

    def element_at_line(self, line: int, name: str | None = None) -> etree._Element | None:
        """The first element starting on a line, preferring one with the given local name."""
        found = None
        for element in self.root.iter(etree.Element):
            if element.sourceline == line:
                if name is None or etree.QName(element).localname == name:
                    return element
                found = found if found is not None else element
        return found


def parse_bytes(data: bytes, path: str = "<string>") -> Document:
    """Parse bytes safely; raise XMLLoadError with a location for anything refused."""
    if _DOCTYPE.search(data):
        declaration = _ENTITY_DECL.search(data)
        if declaration:
            raise XMLLoadError(
                _offset_to_location(path, data, declaration.start()),
                "entity declarations are refused: they can read local files or expand "
                "without limit. Remove the DOCTYPE and write the characters themselves",
                "X002",
            )
    try:
        tree = etree.fromstring(data, _parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        message = re.sub(r", line \d+, column \d+$", "", exc.msg or "not well-formed")
        raise XMLLoadError(
            Location(path, line, column + 1 if column else 1),
            f"not well-formed XML: {message}",
            "X001",
        ) from None
    docinfo = tree.docinfo
    if docinfo.system_url or docinfo.public_id:
        doctype = _DOCTYPE.search(data)
        raise XMLLoadError(
            _offset_to_location(path, data, doctype.start() if doctype else 0),
            "external DTDs are refused and never fetched. Remove the DOCTYPE: TEI needs none",
            "X003",
        )
    for _ in tree.getroot().iter(etree.Entity):
        raise XMLLoadError(
            Location(path, 1, 1), "entity references are refused; write the characters", "X002"
        )
    return Document(path, data, tree)


def parse_file(path: str | Path) -> Document:
    """Read and parse a file safely. OSError is left to the caller (it is a usage problem)."""
    data = Path(path).read_bytes()
    return parse_bytes(data, str(path))


def tostring(element: etree._Element) -> str:
    """Serialise a checked tree for Saxon: root element only, so no DOCTYPE travels along."""
    return etree.tostring(element, encoding="unicode")
