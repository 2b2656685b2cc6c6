"""The TEI the document endpoint returns: a whole text, one citable unit of it, or a range
of units (`span`: the units of one level from a first to a last).

A unit that is an element (a division, a paragraph) is that element, copied. A milestone
unit (a printed page, from its `pb` to the next) is the stretch of text between the two
points: the elements wholly inside it copied, and those it cuts (a paragraph running on to
the next page, the chapter around it) copied as far as it runs, with their attributes, so
that the passage is well-formed and keeps its context. Either is wrapped as the DTS 1.0
specification asks (Document endpoint, "XML/TEI encoding and sub-tree representation"):

    <TEI xmlns="http://www.tei-c.org/ns/1.0">
      <teiHeader>…the text's title, the unit, the text's publicationStmt…</teiHeader>
      <dts:wrapper xmlns:dts="https://w3id.org/api/dts#">…the passage…</dts:wrapper>
    </TEI>
"""

from __future__ import annotations

import copy

from lxml import etree

from edition.dts.trees import Unit
from edition.xml import TEI_NS

T = f"{{{TEI_NS}}}"
WRAPPER_NS = "https://w3id.org/api/dts#"


def whole(root: etree._Element) -> bytes:
    """The whole text (without the processing instructions around it: their relative paths
    would not resolve from the API)."""
    return _serialise(root)


def _serialise(root: etree._Element) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            + etree.tostring(root, encoding="UTF-8", xml_declaration=False) + b"\n")


def passage(root: etree._Element, unit: Unit, title: str, address: str,
            ranges: RangeCopier) -> bytes:
    """The TEI document of one unit: its passage in a dts:wrapper, under a short header
    that says what it is and carries the text's publication statement (its licence)."""
    tei, wrapper = _wrapped(root, f"{unit.cite_type} {unit.ref}", title, address)
    wrapper.append(_unit_copy(unit, ranges))
    return _serialise(tei)


def span(root: etree._Element, units: list[Unit], first: int, last: int, title: str,
         address: str, ranges: RangeCopier) -> bytes:
    """The TEI document of a range: the units of the first's level from the first to the
    last (both in), each as its own passage would be, in document order. Pages (milestone
    units) are the one stretch from the first's page break to the break after the last."""
    start, end = units[first], units[last]
    tei, wrapper = _wrapped(root, f"{start.cite_type} {start.ref}–{end.ref}", title, address)
    if start.milestone and end.milestone:
        wrapper.append(ranges.copy(start.element, end.until, start.scope))
    else:
        for unit in units[first:last + 1]:
            if unit.level == start.level:
                wrapper.append(_unit_copy(unit, ranges))
    return _serialise(tei)


def _unit_copy(unit: Unit, ranges: RangeCopier) -> etree._Element:
    if unit.milestone:
        return ranges.copy(unit.element, unit.until, unit.scope)
    return _copy(unit.element)


def _wrapped(root: etree._Element, what: str, title: str, address: str
             ) -> tuple[etree._Element, etree._Element]:
    """A TEI document of a passage: its header (the text's title, what the passage is,
    the text's publication statement) and its empty dts:wrapper."""
    tei = etree.Element(f"{T}TEI", nsmap={None: TEI_NS})
    header = etree.SubElement(tei, f"{T}teiHeader")
    file_desc = etree.SubElement(header, f"{T}fileDesc")
    title_stmt = etree.SubElement(file_desc, f"{T}titleStmt")
    etree.SubElement(title_stmt, f"{T}title").text = title
    etree.SubElement(title_stmt, f"{T}title", type="sub").text = what
    statement = root.find(f"{T}teiHeader/{T}fileDesc/{T}publicationStmt")
    if statement is not None:
        file_desc.append(_copy(statement))
    else:
        etree.SubElement(etree.SubElement(file_desc, f"{T}publicationStmt"), f"{T}p").text = (
            "Unpublished.")
    source = etree.SubElement(etree.SubElement(file_desc, f"{T}sourceDesc"), f"{T}p")
    source.text = f"A passage of the text whose whole TEI is at {address}."
    wrapper = etree.SubElement(tei, f"{{{WRAPPER_NS}}}wrapper", nsmap={"dts": WRAPPER_NS})
    return tei, wrapper


def _copy(element: etree._Element) -> etree._Element:
    duplicate = copy.deepcopy(element)
    duplicate.tail = None
    return duplicate


class RangeCopier:
    """Copies the stretch between two points of a text. The positions of the nodes of a
    scope (the text, or a unit) are counted once, however many pages are cut from it."""

    def __init__(self) -> None:
        self._scopes: dict[etree._Element, tuple[dict, dict]] = {}

    def _positions(self, scope: etree._Element) -> tuple[dict, dict]:
        """Per node of the scope: its position in document order, and that of its last
        descendant (itself when it has none)."""
        if scope not in self._scopes:
            first: dict[etree._Element, int] = {}
            last: dict[etree._Element, int] = {}
            nodes = list(scope.iter())
            for number, node in enumerate(nodes):
                first[node] = number
            for node in reversed(nodes):
                children = list(node)
                last[node] = last[children[-1]] if children else first[node]
            self._scopes[scope] = (first, last)
        return self._scopes[scope]

    def copy(self, start: etree._Element, end: etree._Element | None,
             scope: etree._Element) -> etree._Element:
        """From `start` (included) to `end` (excluded), or to the end of `scope`: a copy of
        their nearest common ancestor with what lies between them.

        A text belongs to the position of the node before it: an element's text to the
        element, a tail to the last node inside the element it follows; so the text after
        `start` is in, the text after `end` is out."""
        if start not in self._positions(scope)[0]:
            scope = start.getroottree().getroot()  # a point outside the text: the document
        first, last = self._positions(scope)
        low = first[start]
        if end not in first:  # the next point lies beyond the scope: run to its end
            end = None
        high = first[end] if end is not None else len(first)
        ancestor = start if end is not None else scope
        while ancestor is not scope and not first[ancestor] <= high <= last[ancestor]:
            ancestor = ancestor.getparent()
        return self._cut(ancestor, low, high, first, last)

    def _cut(self, element: etree._Element, low: int, high: int, first: dict,
             last: dict) -> etree._Element:
        if first[element] >= low and last[element] < high:
            return _copy(element)
        part = element.makeelement(element.tag, element.attrib)
        if low <= first[element] < high:
            part.text = element.text
        for child in element:
            if last[child] < low or first[child] >= high:
                continue
            piece = self._cut(child, low, high, first, last)
            piece.tail = child.tail if low <= last[child] < high else None
            part.append(piece)
        return part
