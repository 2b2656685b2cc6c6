"""The responses of the static DTS 1.0 API, as JSON-LD objects, and the query string of
each request they answer (uri.py names its file).

    index.json                                    the entry point
    collection/index.json, collection/id=E.json   the edition: a Collection of its texts
    collection/id=T.json (&nav=children|parents)  a text: a Resource
    navigation/resource=T&ref=R&down=1.json       its citation tree, from a unit or the root
    document/resource=T&ref=R.xml                 its TEI, or a unit's (fragments.py)

Every URL in a response is relative to the API's directory (`collection?id=T`), so the
export works wherever it is served. The templates leave out what a static export cannot
answer: `page` (nothing is paginated) and `mediaType` (TEI only). `down` is answered from 0
to the depth of the tree, and -1. A `start`/`end` range of the document endpoint (two units
of one level of one tree, the first before the last) is a file per pair of units: a text
whose ranges are at most RANGE_LIMIT files has them all, and its Resource's document
template names `start` and `end`; a longer text's template leaves them out (the
navigation endpoint's ranges are not exported).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from lxml import etree

from edition.dts import metadata
from edition.dts.trees import DC, Tree, Unit
from edition.dts.uri import expand
from edition.xml import NSMAP

CONTEXT = "https://dtsapi.org/context/v1.0.json"
DTS_VERSION = "1.0"
ENTRY = {
    "collection": "collection{?id,nav}",
    "navigation": "navigation{?resource,ref,down,tree}",
    "document": "document{?resource,ref,tree}",
}
#: A range's request, as a Resource that offers ranges names it.
RANGE_DOCUMENT = "document{?resource,start,end,tree}"
#: The parameters a request may add once the resource is named, per endpoint.
FOR_RESOURCE = {"collection": "{&nav}", "navigation": "{&ref,down,tree}",
                "document": "{&ref,tree}"}
#: The document endpoint's, for a text that offers ranges.
DOCUMENT_WITH_RANGES = "{&ref,start,end,tree}"
NAV = ("children", "parents")
#: The most range files a text may have for its document template to offer ranges: the
#: pairs of units of each level of each tree (our letter: 491; the book's pages alone, 104,196).
RANGE_LIMIT = 5_000


def dumps(data: dict[str, Any]) -> bytes:
    """A response's bytes: the same data always gives the same bytes."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _top(kind: str, identifier: str) -> dict[str, Any]:
    return {"@context": CONTEXT, "dtsVersion": DTS_VERSION, "@id": identifier, "@type": kind}


def entry_point() -> dict[str, Any]:
    return {**_top("EntryPoint", "./"), **ENTRY}


def query(template: str, **values: object) -> str:
    """The query string (without "?") a client's expansion gives for these values."""
    return expand(template, values).partition("?")[2]


# -- collections

def collection_object(identifier: str, root: etree._Element | None, fallback_title: str,
                      children: int) -> dict[str, Any]:
    """The edition as a Collection (its header's metadata), without its members."""
    data: dict[str, Any] = {"@id": identifier, "@type": "Collection",
                            "title": (metadata.title(root) if root is not None else "")
                            or fallback_title}
    if root is not None and metadata.description(root):
        data["description"] = metadata.description(root)
    data.update({"totalParents": 0, "totalChildren": children})
    if root is not None:
        data["dublinCore"] = metadata.dublin_core(root)
    data["collection"] = expand("collection{?id}", {"id": identifier}) + FOR_RESOURCE[
        "collection"]
    return data


def resource_object(identifier: str, root: etree._Element, trees: list[Tree]) -> dict:
    """A text as a Resource: its header's metadata, its citation trees, the templates of
    its three endpoints."""
    data: dict[str, Any] = {"@id": identifier, "@type": "Resource",
                            "title": metadata.title(root) or identifier}
    if metadata.description(root):
        data["description"] = metadata.description(root)
    data.update({"totalParents": 1, "totalChildren": 0,
                 "dublinCore": metadata.dublin_core(root)})
    added = {**FOR_RESOURCE, **({"document": DOCUMENT_WITH_RANGES}
                                if answers_ranges(trees) else {})}
    for endpoint, key in (("collection", "id"), ("navigation", "resource"),
                          ("document", "resource")):
        data[endpoint] = expand(f"{endpoint}{{?{key}}}", {key: identifier}) + added[endpoint]
    data["citationTrees"] = [citation_tree(tree) for tree in trees]
    return data


def brief(resource: dict[str, Any]) -> dict[str, Any]:
    """A Resource as every navigation response repeats it: what the specification
    requires (its templates and citation trees), not its Dublin Core."""
    keys = ("@id", "@type", "title", "collection", "navigation", "document", "citationTrees")
    return {k: resource[k] for k in keys}


def citation_tree(tree: Tree) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "CitationTree"}
    if tree.identifier is not None:
        data["identifier"] = tree.identifier
    data["citeStructure"] = [_structure(s) for s in tree.structures]
    return data


def _structure(structure) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "CiteStructure", "citeType": structure.cite_type}
    if structure.children:
        data["citeStructure"] = [_structure(c) for c in structure.children]
    return data


def collection_responses(collection: dict[str, Any], members: list[dict[str, Any]]
                         ) -> Iterator[tuple[str, dict[str, Any]]]:
    """The edition's collection: without an id (the root), by its id, with each nav."""
    children = {**_top("Collection", collection["@id"]), **_body(collection),
                "member": members}
    parents = {**children, "member": []}
    for nav, response in ((None, children), ("children", children), ("parents", parents)):
        yield query(ENTRY["collection"], nav=nav), response
        yield query(ENTRY["collection"], id=collection["@id"], nav=nav), response


def resource_responses(resource: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """A text's own collection responses (a Resource has no children); its parents are
    the edition's to say (`parents_response`)."""
    response = {**_top("Resource", resource["@id"]), **_body(resource)}
    for nav in (None, "children"):
        yield query(ENTRY["collection"], id=resource["@id"], nav=nav), response


def parents_response(resource: dict[str, Any], collection: dict[str, Any]
                     ) -> tuple[str, dict[str, Any]]:
    response = {**_top("Resource", resource["@id"]), **_body(resource),
                "member": [collection]}
    return query(ENTRY["collection"], id=resource["@id"], nav="parents"), response


def _body(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("@id", "@type")}


# -- navigation

def navigation_responses(resource: dict[str, Any], root: etree._Element, trees: list[Tree]
                         ) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every request of the navigation endpoint a client can build for a text: per tree,
    from the root (`down` ≥ 1 or -1) and from each unit (no `down`, 0, ≥ 1, -1)."""
    identifier = resource["@id"]
    lang = metadata.language(root)
    for tree in trees:
        cited = _Cited(tree, lang)
        downs = [*range(1, tree.depth + 1), -1]
        for down in downs:
            yield cited.response(resource, identifier, None, down)
        for index in range(len(tree.units)):
            for down in (None, 0, *downs):
                yield cited.response(resource, identifier, index, down)


class _Cited:
    """A tree's units as the navigation endpoint lists them."""

    def __init__(self, tree: Tree, lang: str):
        self.tree = tree
        units = tree.units
        self.json = [citable_unit(u, lang) for u in units]
        # Where each unit's descendants end in the pre-order list, and its siblings.
        self.end = [len(units)] * len(units)
        open_units: list[int] = []
        for index, unit in enumerate(units):
            while open_units and units[open_units[-1]].level >= unit.level:
                self.end[open_units.pop()] = index
            open_units.append(index)
        self.siblings: dict[str | None, list[int]] = {}
        for index, unit in enumerate(units):
            self.siblings.setdefault(unit.parent, []).append(index)

    def members(self, index: int | None, down: int) -> list[int]:
        units = self.tree.units
        if index is None:
            return [i for i, u in enumerate(units) if down == -1 or u.level <= down]
        if down == 0:
            return self.siblings[units[index].parent]
        deepest = units[index].level + down
        return [index, *(i for i in range(index + 1, self.end[index])
                         if down == -1 or units[i].level <= deepest)]

    def response(self, resource: dict[str, Any], identifier: str, index: int | None,
                 down: int | None) -> tuple[str, dict[str, Any]]:
        ref = self.tree.units[index].ref if index is not None else None
        asked = query(ENTRY["navigation"], resource=identifier, ref=ref, down=down,
                      tree=self.tree.identifier)
        data = {**_top("Navigation", f"navigation?{asked}"), "resource": resource}
        if index is not None:
            data["ref"] = self.json[index]
        if down is not None:
            data["member"] = [self.json[i] for i in self.members(index, down)]
        return asked, data


def citable_unit(unit: Unit, lang: str) -> dict[str, Any]:
    data: dict[str, Any] = {"identifier": unit.ref, "@type": "CitableUnit",
                            "level": unit.level, "parent": unit.parent,
                            "citeType": unit.cite_type}
    own = unit.element.xpath("string(ancestor-or-self::*[@xml:lang][1]/@xml:lang)",
                             namespaces=NSMAP) or lang
    dublin_core: dict[str, list] = {}
    extensions: dict[str, list] = {}
    for prop, value in unit.data:
        if prop.startswith(DC):
            dublin_core.setdefault(prop[len(DC):], []).append({"lang": own, "value": value})
        else:
            extensions.setdefault(prop, []).append(value)
    if dublin_core:
        data["dublinCore"] = dublin_core
    if extensions:
        data["extensions"] = extensions
    return data


# -- documents

def _levels(tree: Tree) -> list[list[int]]:
    """The indexes of a tree's units, level by level, in document order."""
    levels: dict[int, list[int]] = {}
    for index, unit in enumerate(tree.units):
        levels.setdefault(unit.level, []).append(index)
    return list(levels.values())


def range_pairs(tree: Tree) -> Iterator[tuple[int, int]]:
    """The ranges of a tree: (first, last) indexes of two units of one level, the first
    before the last in document order."""
    for indexes in _levels(tree):
        for position, first in enumerate(indexes):
            for last in indexes[position + 1:]:
                yield first, last


def answers_ranges(trees: list[Tree]) -> bool:
    """Whether a text's ranges are few enough to be exported, every one."""
    count = sum(len(i) * (len(i) - 1) // 2 for tree in trees for i in _levels(tree))
    return count <= RANGE_LIMIT


def document_queries(resource: dict[str, Any], trees: list[Tree]
                     ) -> Iterator[tuple[str, Tree | None, int | tuple[int, int] | None]]:
    """Every request of the document endpoint: the whole text (also asked with a `tree`,
    which changes nothing without a ref), each unit of each tree, and, where the text
    offers them, its ranges (the pair of indexes)."""
    identifier = resource["@id"]
    ranges = answers_ranges(trees)
    yield query(ENTRY["document"], resource=identifier), None, None
    for tree in trees:
        if tree.identifier is not None:
            yield query(ENTRY["document"], resource=identifier, tree=tree.identifier), None, None
        for index, unit in enumerate(tree.units):
            yield (query(ENTRY["document"], resource=identifier, ref=unit.ref,
                         tree=tree.identifier), tree, index)
        if ranges:
            for first, last in range_pairs(tree):
                yield (query(RANGE_DOCUMENT, resource=identifier, start=tree.units[first].ref,
                             end=tree.units[last].ref, tree=tree.identifier),
                       tree, (first, last))
