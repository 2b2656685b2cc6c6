"""Building TEI trees and writing them: the same bytes for the same input, written atomically.

``el()`` makes an element in the TEI namespace; ``fragment()`` turns a profile's string of TEI
markup (written without namespace, e.g. ``'<title level="j">Izvestiia</title>, no. 5'``) into
nodes, parsed through the project's safe loader. ``serialise()`` indents only element-only
containers (never inside mixed content, where whitespace would change the text) and puts the
two ``<?xml-model?>`` instructions first; ``write_atomic()`` writes through a temporary file in
the target's directory and renames it, so a final path never holds half a file.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from lxml import etree

from edition.xml import TEI_NS, XML_NS, parse_bytes

XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

SCHEMA_PIS = (
    'href="../schema/edition.rng" type="application/xml" '
    'schematypens="http://relaxng.org/ns/structure/1.0"',
    'href="../schema/edition.sch" type="application/xml" '
    'schematypens="http://purl.oclc.org/dsdl/schematron"',
)

Child = "etree._Element | str | None"


def tei(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def el(name: str, attrs: dict[str, str | None] | None = None, *children: Child) -> etree._Element:
    """A TEI element with attributes (None values left out) and children (text or elements).

    Attribute names ``xml:id`` and ``xml:lang`` are accepted as written.
    """
    element = etree.Element(tei(name), nsmap={None: TEI_NS} if name == "TEI" else None)
    for key, value in (attrs or {}).items():
        if value is None:
            continue
        if key == "xml:id":
            key = XML_ID
        elif key == "xml:lang":
            key = XML_LANG
        element.set(key, str(value))
    append(element, *children)
    return element


def split_text(
    text: str, pattern: re.Pattern[str], make: Callable[[re.Match[str]], list | None]
) -> list:
    """The text with each match of pattern replaced by make(match) (text and elements);
    a match for which make returns None stays text."""
    nodes: list = []
    position = 0
    for match in pattern.finditer(text):
        made = make(match)
        if made is None:
            continue
        nodes.append(text[position : match.start()])
        nodes.extend(made)
        position = match.end()
    nodes.append(text[position:])
    return nodes


def append(parent: etree._Element, *children: Child) -> etree._Element:
    """Append text and elements in order, text going to the right text or tail."""
    for child in children:
        if child is None:
            continue
        if isinstance(child, str):
            if not child:
                continue
            if len(parent):
                last = parent[-1]
                last.tail = (last.tail or "") + child
            else:
                parent.text = (parent.text or "") + child
        else:
            parent.append(child)
    return parent


def fragment(markup: str) -> list[etree._Element | str]:
    """Nodes of a string of TEI markup (no namespace needed), parsed safely."""
    data = f'<wrap xmlns="{TEI_NS}">{markup}</wrap>'.encode()
    root = parse_bytes(data, "<profile fragment>").root
    nodes: list[etree._Element | str] = []
    if root.text:
        nodes.append(root.text)
    for child in root:
        tail, child.tail = child.tail, None
        nodes.append(child)
        if tail:
            nodes.append(tail)
    return nodes


def text_of(element: etree._Element) -> str:
    return "".join(element.itertext())


# Containers whose children are blocks: only these are indented, and only when they hold
# no text of their own (mixed content keeps its exact whitespace).
_BLOCK_CONTAINERS = frozenset(
    """TEI teiHeader fileDesc titleStmt editionStmt respStmt publicationStmt availability
    seriesStmt notesStmt sourceDesc listBibl biblFull msDesc msIdentifier msContents physDesc
    history encodingDesc projectDesc editorialDecl refsDecl citeStructure correction
    normalization hyphenation
    quotation interpretation segmentation punctuation appInfo application profileDesc abstract
    langUsage textClass keywords revisionDesc text front body back div titlePage docTitle
    opener closer listPerson person listOrg org listPlace place table row list epigraph lg
    """.split()
)


# Containers that may also hold phrases: indented only when every child is a block.
_MIXED_CONTAINERS = frozenset({"note", "quote", "licence", "cell", "item"})
_BLOCKS = frozenset({"p", "lg", "list", "table", "quote", "listBibl", "note"})


def _indent(element: etree._Element, level: int) -> None:
    children = list(element)
    name = local(element)
    if not children or (name not in _BLOCK_CONTAINERS and name not in _MIXED_CONTAINERS):
        return
    if name in _MIXED_CONTAINERS and any(
        not isinstance(c.tag, str) or local(c) not in _BLOCKS for c in children
    ):
        return
    if (element.text or "").strip() or any((c.tail or "").strip() for c in children):
        return
    if any(not isinstance(c.tag, str) for c in children):
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in children:
        child.tail = pad
        _indent(child, level + 1)
    children[-1].tail = "\n" + "  " * level


def serialise(root: etree._Element) -> bytes:
    """The document's bytes: declaration, the two schema PIs, the indented tree, newline."""
    _indent(root, 0)
    head = ['<?xml version="1.0" encoding="UTF-8"?>']
    head += [f"<?xml-model {pi}?>" for pi in SCHEMA_PIS]
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return ("\n".join(head) + "\n").encode() + body + b"\n"


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to a temporary file beside ``path``, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def elements(root: etree._Element, name: str) -> Iterable[etree._Element]:
    return root.iter(tei(name))
