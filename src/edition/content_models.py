"""Readable content models, read off the RELAX NG schema, for validation hints.

libxml2 says "Did not expect element revisionDesc there"; an editor wants to know what the
parent may hold. This module renders each element's content model compactly, e.g.
"teiHeader holds: fileDesc, encodingDesc, profileDesc, revisionDesc".
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from edition.xml import parse_file

RNG = "{http://relaxng.org/ns/structure/1.0}"
_SUFFIX = {"optional": "?", "zeroOrMore": "*", "oneOrMore": "+"}
MAX_LENGTH = 160


class ContentModels:
    def __init__(self, rng_path: Path):
        root = parse_file(rng_path).root
        self._defines = {d.get("name"): d for d in root.iter(f"{RNG}define")}
        self._element_of = {}  # define name -> element name, for defines that are one element
        self._content = {}  # element name -> its <element> node
        for name, define in self._defines.items():
            children = [c for c in define if isinstance(c.tag, str)]
            if len(children) == 1 and children[0].tag == f"{RNG}element":
                element_name = children[0].get("name")
                if element_name:
                    self._element_of[name] = element_name
                    self._content.setdefault(element_name, children[0])

    def _render(self, node, depth: int = 0) -> str:
        tag = node.tag.removeprefix(RNG)
        kids = [c for c in node if isinstance(c.tag, str) and c.tag.startswith(RNG)]
        if tag == "ref":
            name = node.get("name")
            if name in self._element_of:
                return self._element_of[name]
            if depth > 3:
                return name
            return self._render(self._defines[name], depth + 1)
        if tag in ("attribute", "empty", "data", "value", "notAllowed"):
            return ""
        if tag == "text":
            return "text"
        parts = [p for p in (self._render(k, depth) for k in kids) if p]
        if tag == "choice":
            inner = " | ".join(dict.fromkeys(parts))
            return f"({inner})" if len(parts) > 1 else inner
        if tag in ("group", "define", "element", "interleave"):
            joined = ", ".join(parts)
            return f"({joined})" if len(parts) > 1 and tag == "group" else joined
        if tag in _SUFFIX:
            inner = ", ".join(parts)
            if not inner:
                return ""
            if len(parts) > 1 or " " in inner and not inner.startswith("("):
                inner = f"({inner})"
            return inner + _SUFFIX[tag]
        return ", ".join(parts)

    def describe(self, element_name: str) -> str | None:
        """Compact content model of an element, or None if unknown or too long to help."""
        node = self._content.get(element_name)
        if node is None:
            return None
        kids = [c for c in node if isinstance(c.tag, str) and c.tag.startswith(RNG)]
        rendered = ", ".join(p for p in (self._render(k) for k in kids) if p) or "nothing"
        return rendered if len(rendered) <= MAX_LENGTH else None


@cache
def content_models(rng_path: Path) -> ContentModels:
    return ContentModels(rng_path)
