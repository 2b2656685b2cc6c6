"""The DTS API (`edition build --format dts`): every request its entry point advertises is
answered by a file, and every answer has what Distributed Text Services 1.0 requires.

The walk starts at the entry point and follows the API as a client would: it expands each
URI template (RFC 6570, edition.dts.uri) with the values the responses give (the
collection's members, each text's citation trees and units), resolves the URL against the
API's address and reads the file that answers it (uri.file_for). It asks the collection of
the edition and of each member (without `nav`, and with `nav=children|parents`), the
navigation of each citation tree from its root (`down` 1 to the tree's depth, and -1) and
from every unit (no `down`, 0, 1 to the depth, -1), and the document of each text (whole,
per unit, and per range of units of one level where the resource's template offers
`start` and `end`). A file no request reaches is left over from an earlier build.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from edition.dts.uri import TemplateError, expand, file_for
from edition.messages import ERROR, WARNING, Message
from edition.xml import TEI_NS, Location, XMLLoadError, parse_bytes

BASE = "http://dts.invalid/api/"  # where the walk pretends the API is served
WRAPPER = "{https://w3id.org/api/dts#}wrapper"
_LANG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


@dataclass
class Walk:
    root: Path
    messages: list[Message] = field(default_factory=list)
    #: The files requests reached (relative to the API's directory).
    reached: set[str] = field(default_factory=set)
    requests: int = 0

    # -- reading

    def _file(self, url: str) -> tuple[str, Path] | None:
        absolute = urljoin(BASE, url)
        if not absolute.startswith(BASE):
            self.problem(self.root / "index.json", f"{url}: a URL outside the API", "C071")
            return None
        relative = file_for(absolute[len(BASE):] or "./")
        if relative is None:
            self.problem(self.root / "index.json", f"{url}: no endpoint of the API",
                         "C071")
            return None
        self.requests += 1
        return relative, self.root / relative

    def _read(self, url: str) -> tuple[Path, bytes] | None:
        found = self._file(url)
        if found is None:
            return None
        relative, path = found
        if not path.is_file():
            self.problem(path, f"{url}: no file answers this request", "C070")
            return None
        self.reached.add(relative)
        return path, path.read_bytes()

    def json(self, url: str) -> tuple[Path, dict[str, Any]] | None:
        read = self._read(url)
        if read is None:
            return None
        path, data = read
        try:
            value = json.loads(data)
        except ValueError as error:
            self.problem(path, f"{url}: not JSON ({error})", "C071")
            return None
        if not isinstance(value, dict):
            self.problem(path, f"{url}: not a JSON object", "C071")
            return None
        return path, value

    def problem(self, path: Path, text: str, code: str, severity: str = ERROR) -> None:
        self.messages.append(Message(Location(str(path)), severity, f"DTS: {text}", code))

    def require(self, path: Path, data: Any, what: str, **members: Any) -> bool:
        """Each member present, of the type (a class or a tuple of them) or the value
        given; says what is wrong."""
        if not isinstance(data, dict):
            self.problem(path, f"{what} is not an object", "C071")
            return False
        good = True
        for name, expected in members.items():
            key = {"at_id": "@id", "at_type": "@type", "at_context": "@context"}.get(name,
                                                                                  name)
            if key not in data:
                self.problem(path, f"{what} lacks {key}", "C071")
                good = False
            elif isinstance(expected, (type, tuple)):
                if not isinstance(data[key], expected) or (
                        expected is int and isinstance(data[key], bool)):
                    self.problem(path, f"{what}: {key} is not of the type required", "C071")
                    good = False
            elif data[key] != expected:
                self.problem(path, f"{what}: {key} is {data[key]!r}, not {expected!r}",
                             "C071")
                good = False
        return good

    def expand(self, path: Path, template: str, values: dict[str, Any]) -> str | None:
        try:
            return expand(template, values)
        except TemplateError as error:
            self.problem(path, f"a URI template that cannot be expanded: {error}", "C071")
            return None


def walk(api: Path) -> Walk:
    """Walk the whole API under `api` (output/dts)."""
    state = Walk(Path(api))
    read = state.json("./")
    if read is None:
        return state
    path, entry = read
    if not state.require(path, entry, "the entry point", at_context=str, at_id=str,
                         at_type="EntryPoint", dtsVersion="1.0", collection=str,
                         navigation=str, document=str):
        return state
    # The root collection, also asked for its children and its parents without an id.
    for nav in ("children", "parents"):
        asked = state.expand(path, entry["collection"], {"nav": nav})
        read = state.json(asked) if asked else None
        if read is not None:
            _object(state, read[0], read[1], f"the root collection ({nav})", top=True)
    url = state.expand(path, entry["collection"], {})
    seen: set[str] = set()
    if url is not None:
        _collection(state, url, seen, entry)
    _left_over(state)
    return state


def _collection(state: Walk, url: str, seen: set[str], entry: dict[str, Any]) -> None:
    """A collection or a resource, asked without nav, then with each; its members."""
    read = state.json(url)
    if read is None:
        return
    path, response = read
    if not _object(state, path, response, "the collection response", top=True):
        return
    identifier = response["@id"]
    if identifier in seen:
        return
    seen.add(identifier)
    own = response["collection"]
    members = response.get("member", [])
    for nav in (None, "children", "parents"):
        asked = state.expand(path, own, {"nav": nav})
        read = state.json(asked) if asked else None
        if read is None:
            continue
        nav_path, answer = read
        if not _object(state, nav_path, answer, f"the collection response ({nav})", top=True):
            continue
        listed = answer.get("member", [])
        if nav is None:
            continue
        if nav == "children":
            members = listed or members
            if response["@type"] == "Collection" and answer.get("totalChildren") != len(listed):
                state.problem(nav_path, f"totalChildren is {answer.get('totalChildren')}, "
                              f"but {len(listed)} members are listed", "C071")
        elif answer.get("totalParents") != len(listed):
            state.problem(nav_path, f"totalParents is {answer.get('totalParents')}, but "
                          f"{len(listed)} parents are listed", "C071")
    if response["@type"] == "Resource":
        _resource(state, path, response, entry)
    for member in members:
        if _object(state, path, member, f"member {member.get('@id')!r}", top=False):
            asked = state.expand(path, member["collection"], {})
            if asked is not None:
                _collection(state, asked, seen, entry)


def _object(state: Walk, path: Path, data: dict[str, Any], what: str, top: bool) -> bool:
    """A Collection or Resource object and what DTS 1.0 requires of it."""
    required: dict[str, Any] = {"at_id": str, "title": str, "totalParents": int,
                                "collection": str}
    if top:
        required.update(at_context=str, dtsVersion="1.0")
    if not state.require(path, data, what, **required):
        return False
    kind = data.get("@type")
    if kind == "Collection":
        return state.require(path, data, what, totalChildren=int)
    if kind != "Resource":
        state.problem(path, f"{what}: @type is {kind!r}, not Collection or Resource", "C071")
        return False
    good = state.require(path, data, what, navigation=str, document=str, citationTrees=list)
    for name, value in data.get("dublinCore", {}).items():
        if not _metadata_value(value):
            state.problem(path, f"{what}: dublinCore {name} is not a literal, a URI, or a "
                          "list of URIs or of {lang, value} objects", "C071")
            good = False
    return good


def _metadata_value(value: Any) -> bool:
    if isinstance(value, (str, int, float)):
        return True
    if not isinstance(value, list):
        return False
    return all(isinstance(v, str) or (isinstance(v, dict) and set(v) == {"lang", "value"}
                                       and isinstance(v["value"], str)
                                       and _LANG.match(str(v["lang"])))
               for v in value)


def _resource(state: Walk, path: Path, resource: dict[str, Any], entry: dict[str, Any]) -> None:
    trees = resource["citationTrees"]
    for number, tree in enumerate(trees):
        if not state.require(path, tree, "a citation tree", at_type="CitationTree"):
            continue
        identifier = tree.get("identifier")
        if number == 0 and identifier is not None:
            state.problem(path, "the default citation tree has an identifier", "C071")
        if number and not identifier:
            state.problem(path, "a citation tree after the first has no identifier", "C071")
        _tree(state, resource, identifier, _depth(tree.get("citeStructure", [])), entry)
    _document(state, resource, {}, None)
    for tree in trees[1:]:
        if tree.get("identifier"):
            _document(state, resource, {"tree": tree["identifier"]}, None)


def _depth(structures: list[dict[str, Any]]) -> int:
    """How many levels a tree's citeStructure has (at least 1: a tree without units)."""

    def levels(found: list[dict[str, Any]]) -> int:
        return max((1 + levels(s.get("citeStructure", [])) for s in found), default=0)

    return levels(structures) or 1


def _tree(state: Walk, resource: dict[str, Any], tree: str | None, depth: int,
          entry: dict[str, Any]) -> None:
    template = resource["navigation"]
    downs = [*range(1, depth + 1), -1]
    units: list[dict[str, Any]] = []
    for down in downs:
        answer = _navigation(state, template, resource, {"down": down, "tree": tree}, None)
        if answer is not None and down == -1:
            units = answer.get("member", [])
    # The entry point's template names the same requests as the resource's.
    for values in ({"down": -1, "tree": tree}, {"down": 1, "tree": tree}):
        ours = state.expand(Path(state.root), template, values)
        general = state.expand(Path(state.root), entry["navigation"],
                               {"resource": resource["@id"], **values})
        if ours and general and file_for(urljoin(BASE, ours)) != file_for(
                urljoin(BASE, general)):
            state.problem(state.root / "index.json", f"the entry point's navigation template "
                          f"gives {general}, the resource's {ours}", "C071")
    _units_in_order(state, resource, tree, units)
    for unit in units:
        ref = unit.get("identifier")
        for down in (None, 0, *downs):
            _navigation(state, template, resource, {"ref": ref, "down": down, "tree": tree},
                        unit)
        _document(state, resource, {"ref": ref, "tree": tree}, unit)
    if re.search(r"[{?&,]start[,}]", resource["document"]):
        # The resource offers ranges: every pair of units of one level, in order.
        levels: dict[Any, list[dict[str, Any]]] = {}
        for unit in units:
            levels.setdefault(unit.get("level"), []).append(unit)
        for same in levels.values():
            for position, first in enumerate(same):
                for last in same[position + 1:]:
                    _document(state, resource, {"start": first.get("identifier"),
                                                "end": last.get("identifier"), "tree": tree},
                              first)


def _units_in_order(state: Walk, resource, tree, units) -> None:
    """The whole tree (down=-1 from the root): unique identifiers, each unit after its
    parent, one level below it (document order, depth first)."""
    where = state.root / "navigation"
    levels: dict[str, int] = {}
    for unit in units:
        identifier, parent = unit.get("identifier"), unit.get("parent")
        if identifier in levels:
            state.problem(where, f"{resource['@id']} ({tree or 'default tree'}): "
                          f"{identifier!r} twice in one tree", "C071")
        if parent is not None and levels.get(parent) != unit.get("level", 0) - 1:
            state.problem(where, f"{resource['@id']} ({tree or 'default tree'}): "
                          f"{identifier!r} does not follow its parent {parent!r} one level "
                          "below it", "C071")
        if parent is None and unit.get("level") != 1:
            state.problem(where, f"{resource['@id']}: {identifier!r} has no parent but is "
                          f"at level {unit.get('level')}", "C071")
        levels[identifier] = unit.get("level", 0)


def _navigation(state: Walk, template: str, resource: dict[str, Any], values: dict[str, Any],
                unit: dict[str, Any] | None) -> dict[str, Any] | None:
    url = state.expand(state.root, template, values)
    read = state.json(url) if url else None
    if read is None:
        return None
    path, answer = read
    what = f"the navigation response {url}"
    if not state.require(path, answer, what, at_context=str, at_id=str, at_type="Navigation",
                         dtsVersion="1.0", resource=dict):
        return None
    state.require(path, answer["resource"], f"{what}: its resource", at_id=resource["@id"],
                  at_type="Resource", collection=str, navigation=str, document=str,
                  citationTrees=list)
    if unit is not None:
        if state.require(path, answer, what, ref=dict):
            _citable_unit(state, path, answer["ref"], what)
            if answer["ref"].get("identifier") != unit.get("identifier"):
                state.problem(path, f"{what}: ref is {answer['ref'].get('identifier')!r}",
                              "C071")
    if values.get("down") is None:
        if "member" in answer:
            state.problem(path, f"{what}: a member, though no down was asked", "C071")
        return answer
    if not state.require(path, answer, what, member=list):
        return None
    for member in answer["member"]:
        _citable_unit(state, path, member, what)
    if unit is not None and not any(m.get("identifier") == unit.get("identifier")
                                    for m in answer["member"]):
        state.problem(path, f"{what}: the unit asked for is not among its members", "C071")
    return answer


def _citable_unit(state: Walk, path: Path, unit: Any, what: str) -> None:
    if state.require(path, unit, f"{what}: a CitableUnit", identifier=str,
                     at_type="CitableUnit", level=int, parent=(str, type(None))):
        for name, value in unit.get("dublinCore", {}).items():
            if not _metadata_value(value):
                state.problem(path, f"{what}: dublinCore {name} of {unit['identifier']!r} "
                              "is not a MetadataObject value", "C071")


def _document(state: Walk, resource: dict[str, Any], values: dict[str, Any],
              unit: dict[str, Any] | None) -> None:
    url = state.expand(state.root, resource["document"], values)
    read = state._read(url) if url else None
    if read is None:
        return
    path, data = read
    try:
        root = parse_bytes(data, str(path)).root
    except XMLLoadError as error:
        state.problem(path, f"{url}: not well-formed XML ({error.message})", "C072")
        return
    if root.tag != f"{{{TEI_NS}}}TEI":
        state.problem(path, f"{url}: the root is not TEI in the TEI namespace", "C072")
    if unit is not None:
        wrapper = root.find(f".//{WRAPPER}")
        if wrapper is None or not (len(wrapper) or (wrapper.text or "").strip()):
            state.problem(path, f"{url}: the passage is not in a dts:wrapper", "C072")


def _left_over(state: Walk) -> None:
    for path in sorted(state.root.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            relative = path.relative_to(state.root).as_posix()
            if relative not in state.reached:
                state.problem(path, "a file no request of the API reaches (left over?)",
                              "C073", WARNING)


def check(api: Path) -> list[Message]:
    """The messages of a walk of the API under `api` (none when it is absent)."""
    if not Path(api).is_dir():
        return []
    return walk(Path(api)).messages

