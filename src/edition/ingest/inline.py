"""Inline markup of the transcriptions → TEI phrase-level nodes.

The web and PDF conversions write a little Markdown: ``**bold**``, ``*italic*``, links
``[text](url)`` and ``<url>``, backslash escapes (``\\[``), and HTML superscripts. Note calls
take whatever form the profile's ``[text.notes] calls`` patterns give (each a regular
expression with a group named ``n``); a translator's bracketed glosses are recognised where
``[text.markup.glosses]`` says. The parser scans left to right, trying at each position the
note calls first, then links, emphasis and glosses, in that order; whatever matches nothing
is text, character for character.

Calls become ``<ref type="noteref" n="…">`` without a target: ``edition.ingest.notes``
links them once every note is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from edition.ingest.profile import ProfileError
from edition.ingest.teixml import el, split_text

Node = etree._Element | str

_ESCAPE = r"\\(?P<escaped>[\[\]()*_\\<>#`])"
_LINK = r"\[(?P<link_text>(?:\\.|[^\[\]\\])*)\]\((?P<link_url>[^()\s]*)\)"
_AUTOLINK = r"<(?P<auto>https?://[^>\s]+)>"
_BOLD = r"\*\*(?P<bold>.+?)\*\*"
_ITALIC = r"\*(?P<italic>[^*\s](?:[^*]*?[^*\s])?)\*"
# A gloss: text in square brackets (a profile may give its own pattern, with a group "gloss").
DEFAULT_GLOSS = r"\[(?P<gloss>[^\[\]]+)\]"


def _is_truncated(url: str) -> bool:
    return url.endswith(("...", "…"))


@dataclass
class InlineRules:
    """How one source writes its inline markup (from the profile's ``[text.markup]``)."""

    calls: list[str] = field(default_factory=list)
    italic: str = "hi"  # or "title"
    italic_hi: frozenset[str] = frozenset()
    bold: str = "hi"  # or "emph"
    gloss_pattern: str | None = None
    gloss_resp: str | None = None
    gloss_reason: str = "gloss"
    escapes: bool = True

    def scanner(self, glosses: bool) -> re.Pattern[str]:
        parts = []
        for index, call in enumerate(self.calls):
            if "(?P<n>" not in call:
                raise ProfileError(f"note call pattern {call!r} needs a group named n")
            parts.append(f"(?P<call{index}>{call.replace('(?P<n>', f'(?P<n{index}>')})")
        if self.escapes:
            parts.append(_ESCAPE)
        parts += [_LINK, _AUTOLINK, _BOLD, _ITALIC]
        if glosses and self.gloss_pattern:
            parts.append(self.gloss_pattern)
        try:
            return re.compile("|".join(parts))
        except re.error as exc:
            raise ProfileError(f"bad inline pattern in profile: {exc}") from None


class InlineParser:
    """Parses block text into nodes; counts what it made (for the report)."""

    def __init__(self, rules: InlineRules):
        self.rules = rules
        self._scanners = {True: rules.scanner(True), False: rules.scanner(False)}
        self.calls = 0
        self.glosses = 0
        self.dead_links = 0

    def parse(self, text: str, glosses: bool = False, calls: bool = True) -> list[Node]:
        def made(match: re.Match[str]) -> list[Node] | None:
            return self._node(match, glosses, calls) if match.lastgroup else None

        return _merge_text(split_text(text, self._scanners[glosses], made))

    def _node(self, match: re.Match[str], glosses: bool, calls: bool) -> list[Node] | None:
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        for key in groups:
            if key.startswith("call"):
                if not calls:
                    return None
                index = key[4:]
                number = groups[f"n{index}"]
                self.calls += 1
                return [el("ref", {"type": "noteref", "n": number}, number)]
        if "escaped" in groups:
            return [groups["escaped"]]
        if "link_url" in groups:
            inner = self.parse(_unescape(groups["link_text"]), glosses, calls)
            url = groups["link_url"]
            if url in ("", "#"):
                self.dead_links += 1
                return [el("ref", {"type": "dead-link"}, *inner)]
            if _is_truncated(url):
                return [el("ref", {"type": "truncated-link"}, *inner)]
            return [el("ref", {"target": url}, *inner)]
        if "auto" in groups:
            url = groups["auto"]
            if _is_truncated(url):
                return [el("ref", {"type": "truncated-link"}, url)]
            return [el("ref", {"target": url}, url)]
        if "bold" in groups:
            inner = self.parse(groups["bold"], glosses, calls)
            if self.rules.bold == "emph":
                return [el("emph", None, *inner)]
            return [el("hi", {"rend": "bold"}, *inner)]
        if "italic" in groups:
            content = groups["italic"]
            inner = self.parse(content, glosses, calls)
            if self.rules.italic == "title" and content.strip() not in self.rules.italic_hi:
                return [el("title", None, *inner)]
            if self.rules.italic == "emph":
                return [el("emph", None, *inner)]
            return [el("hi", {"rend": "italic"}, *inner)]
        if "gloss" in groups:
            self.glosses += 1
            inner = self.parse(groups["gloss"], False, calls)
            return [
                el(
                    "supplied",
                    {"reason": self.rules.gloss_reason, "resp": self.rules.gloss_resp},
                    *inner,
                )
            ]
        return None


def _unescape(text: str) -> str:
    return re.sub(r"\\([\[\]()*_\\<>#`])", r"\1", text)


def _merge_text(nodes: list[Node]) -> list[Node]:
    merged: list[Node] = []
    for node in nodes:
        if isinstance(node, str):
            if not node:
                continue
            if merged and isinstance(merged[-1], str):
                merged[-1] += node
                continue
        merged.append(node)
    return merged


def whole_italic(text: str) -> str | None:
    """The inside of a block written entirely in ``*italics*``, else None."""
    stripped = text.strip()
    if (
        len(stripped) > 2
        and stripped.startswith("*")
        and stripped.endswith("*")
        and not stripped.startswith("**")
        and "*" not in stripped[1:-1]
    ):
        return stripped[1:-1]
    return None
