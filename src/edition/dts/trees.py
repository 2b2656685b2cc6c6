"""A text's citation trees: the units the DTS API navigates and serves as passages.

A text declares its trees in its header, one `refsDecl` of `citeStructure`s each (TEI P5
§16.2.5): the one with @default="true", else the first, is the default tree; the others are
named by their @n. Our own texts declare theirs (edition ingest writes them). A text that
declares none, or whose declaration cannot be followed (an XPath refused by xpaths.py, or
one that fails), gets the *default tree*: the divisions of its front, body and back,
numbered by position as deep as they nest, each titled by its head (`division_tree`); a
body without divisions, its paragraphs; the texts of a group (a teiCorpus), each with its
divisions.

xslt/dts.xsl evaluates the declarations (XPath 3.1, TEI as the default element namespace);
this module joins each unit's reference (its parent's, the citeStructure's @delim, its own
value), makes references unique within a tree, and finds where a milestone unit (a page,
`pb`) ends: at the next unit of its citeStructure under the same parent, else at the end of
its parent (or of the text).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from edition.dts.xpaths import refusal
from edition.xml import NSMAP, TEI_NS, Document, parse_bytes

T = f"{{{TEI_NS}}}"
DTS_NS = "urn:x-edition:dts"
DC = "http://purl.org/dc/terms/"
TITLE = DC + "title"
FALLBACK = "its citation tree is the default one (the divisions of its front, body and back)"


@dataclass
class Structure:
    """One citeStructure: what a level of the tree is called, and what may lie below."""

    cite_type: str
    children: list[Structure] = field(default_factory=list)


@dataclass
class Unit:
    ref: str
    level: int
    parent: str | None
    cite_type: str
    element: etree._Element
    #: A point in the text (pb, milestone…): the unit runs from it to `until` (exclusive),
    #: or to the end of `scope` when `until` is None.
    milestone: bool = False
    until: etree._Element | None = None
    scope: etree._Element | None = None
    #: (property URI, value) from the citeStructure's citeData.
    data: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Tree:
    #: None for the default tree (the API gives it no identifier).
    identifier: str | None
    structures: list[Structure]
    #: In document order: a pre-order walk of the tree.
    units: list[Unit]

    @property
    def depth(self) -> int:
        """How many levels the declaration has (at least 1)."""

        def depth(structures: list[Structure]) -> int:
            return max((1 + depth(s.children) for s in structures), default=0)

        return max(depth(self.structures), 1)


def citation_trees(document: Document, transform) -> tuple[list[Tree], list[str]]:
    """The text's trees, default first, and the build's messages about them ("CODE|severity|
    text"). `transform` is xslt/dts.xsl, compiled (edition.xslt.Stylesheet)."""
    from edition.xslt import TransformError

    root = document.root
    declared = root.xpath("tei:teiHeader/tei:encodingDesc/tei:refsDecl[tei:citeStructure]",
                          namespaces=NSMAP)
    messages: list[str] = []
    if declared:
        refused = _refused(declared)
        if refused:
            messages.append(f"D001|warning|{refused}; {FALLBACK}")
        else:
            try:
                return _evaluate(document, _ordered(declared), transform, messages), messages
            except TransformError as error:
                messages.append(f"D002|warning|its citeStructure could not be followed "
                                f"({_first_line(error)}); {FALLBACK}")
    return _evaluate(document, [division_tree(root)], transform, messages), messages


def division_tree(root: etree._Element, paragraphs: bool = False) -> etree._Element:
    """The default tree of a text, as a refsDecl: the divisions (div) of its front, body and
    back, by position, nested as deep as they go, each titled by its head; with
    `paragraphs`, the paragraphs (p) of each division too ("2.p3"), as our own texts
    declare. Front and back are units of their own ("front", "front.1"); the body's
    divisions are the top level ("1", "1.2"); a body without divisions lists its
    paragraphs ("p4"). The texts of a group (another project's teiCorpus) are units by
    position, with their divisions ("2", "2.1", or "2.p1")."""
    refs = etree.Element(f"{T}refsDecl")
    text = root.find(f"{T}text")
    for part in ("front", "body", "back"):
        element = text.find(f"{T}{part}") if text is not None else None
        if element is None:
            continue
        depth = _div_depth(element)
        own_paragraphs = paragraphs or (part == "body" and depth == 0)
        if part == "body":
            if depth:
                refs.append(_divisions("/TEI/text/body/div", depth, paragraphs, ""))
            if own_paragraphs and element.find(f"{T}p") is not None:
                refs.append(_paragraphs("/TEI/text/body/p", ""))
        elif depth or (paragraphs and element.find(f"{T}p") is not None):
            outer = _structure(part, f"/TEI/text/{part}", f"'{part}'")
            if depth:
                outer.append(_divisions("div", depth, paragraphs, "."))
            if paragraphs and element.find(f"{T}p") is not None:
                outer.append(_paragraphs("p", "."))
            refs.append(outer)
    group = text.find(f"{T}group") if text is not None else None
    if group is not None:  # a teiCorpus, or a group of texts: each text, then its divisions
        members = _structure("text", "/TEI/text/group/text", "position()")
        etree.SubElement(members, f"{T}citeData", property=TITLE, use="front/titlePage")
        depth = max((_div_depth(b) for b in group.iterfind(f"{T}text/{T}body")), default=0)
        if depth:
            members.append(_divisions("body/div", depth, paragraphs, "."))
        # A text without divisions, its paragraphs (all of them, when asked for).
        members.append(_paragraphs("body/p" if paragraphs else "body[not(div)]/p", "."))
        refs.append(members)
    if not len(refs):  # nothing to cite: a tree of one empty level
        refs.append(_structure("division", "/TEI/text/body/div", "position()"))
    return refs


def structures_of(refs_decl: etree._Element) -> list[Structure]:
    """The citeStructures of a refsDecl, as the API describes a tree."""
    return [Structure(c.get("unit") or "unit", structures_of(c))
            for c in refs_decl.iterfind(f"{T}citeStructure")]


# -- the default tree

def _structure(unit: str, match: str, use: str, delim: str = "") -> etree._Element:
    element = etree.Element(f"{T}citeStructure", unit=unit, match=match, use=use)
    if delim:
        element.set("delim", delim)
    return element


def _divisions(match: str, depth: int, paragraphs: bool, delim: str) -> etree._Element:
    structure = _structure("division", match, "position()", delim)
    etree.SubElement(structure, f"{T}citeData", property=TITLE, use="head")
    if depth > 1:
        structure.append(_divisions("div", depth - 1, paragraphs, "."))
    if paragraphs:
        structure.append(_paragraphs("p", "."))
    return structure


def _paragraphs(match: str, delim: str) -> etree._Element:
    return _structure("paragraph", match, "concat('p', position())", delim)


def _div_depth(element: etree._Element) -> int:
    deepest = 0
    for div in element.iterdescendants(f"{T}div"):
        level = 1 + sum(1 for a in div.iterancestors(f"{T}div"))
        if _own_division(div, element):
            deepest = max(deepest, level)
    return deepest


def _own_division(div: etree._Element, part: etree._Element) -> bool:
    """Whether a div is among the part's own divisions (not inside a note or a quoted
    text of it: those are no divisions of the text)."""
    for ancestor in div.iterancestors():
        if ancestor is part:
            return True
        if ancestor.tag != f"{T}div":
            return False
    return False


# -- evaluating the declarations

def _refused(declared: list[etree._Element]) -> str:
    for refs in declared:
        for element in refs.iter(f"{T}citeStructure", f"{T}citeData"):
            for attribute in ("match", "use") if element.tag == f"{T}citeStructure" else ("use",):
                expression = element.get(attribute) or ""
                why = refusal(expression)
                if why:
                    return (f"its citeStructure's @{attribute}=\"{expression[:80]}\" is not "
                            f"evaluated: {why}")
    return ""


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0][:200] if str(error).strip() else "an error"


def _ordered(declared: list[etree._Element]) -> list[etree._Element]:
    """The default tree first (@default="true", else the first declared)."""
    default = next((r for r in declared if r.get("default") == "true"), declared[0])
    return [default, *(r for r in declared if r is not default)]


def _with_tei_default(element: etree._Element) -> etree._Element:
    """A copy of a declaration whose unprefixed names in XPath mean TEI elements (as the
    Guidelines' examples take them), its own prefixes still in scope."""
    nsmap = {p: uri for p, uri in element.nsmap.items() if p is not None}
    copy = etree.Element(element.tag, nsmap={None: TEI_NS, **nsmap})
    copy.attrib.update(element.attrib)
    for child in element:
        if isinstance(child.tag, str) and child.tag in (f"{T}citeStructure", f"{T}citeData"):
            copy.append(_with_tei_default(child))
    return copy


def _evaluate(document: Document, declarations: list[etree._Element], transform,
              messages: list[str]) -> list[Tree]:
    from edition.xslt import to_xdm

    holder = etree.Element(f"{{{DTS_NS}}}trees")
    holder.extend(_with_tei_default(d) for d in declarations)
    parameter = parse_bytes(etree.tostring(holder), "trees.xml")
    result = transform.apply(to_xdm(document), {
        "trees": to_xdm(parameter, base_uri="file:///trees.xml")})
    found = parse_bytes(result.encode("utf-8"), "units.xml").root
    element_at = _resolver(document.root)
    text = document.root.find(f"{T}text")
    scope_of_text = text if text is not None else document.root
    names: set[str] = set()
    trees, renamed, numbered = [], 0, 0
    for number, (declaration, listing) in enumerate(zip(declarations, found, strict=True)):
        identifier = None
        if number:
            identifier = _unique(declaration.get("n") or f"tree{number + 1}", names)
        units, duplicates, fallbacks = _units(listing, element_at, scope_of_text)
        renamed += duplicates
        numbered += fallbacks
        trees.append(Tree(identifier, structures_of(declaration), units))
    if renamed:
        messages.append(f"D003|warning|{renamed} citable units share a reference with "
                        "another of their tree: made unique with ~2, ~3…")
    if numbered:
        messages.append(f"D004|warning|{numbered} citable units have no value for their "
                        "citeStructure's @use: numbered by their position instead")
    return trees


def _units(listing: etree._Element, element_at, text_scope) -> tuple[list[Unit], int, int]:
    units: list[Unit] = []
    seen: set[str] = set()
    duplicates = fallbacks = 0
    open_units: list[Unit] = []  # the current unit of each level above
    last_of: dict[tuple[str, str | None], Unit] = {}  # milestone units, by structure
    for entry in listing:
        level = int(entry.get("level"))
        del open_units[level - 1:]
        parent = open_units[-1] if open_units else None
        value = entry.get("value")
        ref = value if parent is None else parent.ref + entry.get("delim", "") + value
        if ref in seen:
            ref = _unique(ref, seen)
            duplicates += 1
        seen.add(ref)
        fallbacks += entry.get("fallback") == "true"
        unit = Unit(ref, level, parent.ref if parent else None, entry.get("type"),
                    element_at(entry.get("path")), entry.get("milestone") == "true",
                    data=[(d.get("property"), d.text or "") for d in entry])
        if unit.milestone:
            unit.scope = parent.element if parent else text_scope
            key = (entry.get("structure"), unit.parent)
            if key in last_of:
                last_of[key].until = unit.element
            last_of[key] = unit
        units.append(unit)
        open_units.append(unit)
    return units, duplicates, fallbacks


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name}~{number}"
    taken.add(candidate)
    return candidate


def _resolver(root: etree._Element):
    """The element at a path of child positions ("1.2.5": the root's second element's
    fifth element), as xslt/dts.xsl writes them."""
    children: dict[etree._Element, list[etree._Element]] = {}

    def element_at(path: str) -> etree._Element:
        element = root
        for step in path.split(".")[1:]:
            if element not in children:
                children[element] = [c for c in element if isinstance(c.tag, str)]
            element = children[element][int(step) - 1]
        return element

    return element_at
