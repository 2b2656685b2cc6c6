"""Assembling classified blocks into ``front``, ``body`` and ``back``.

The assembler receives the items of a text in seed order and puts each where it belongs:
title page and front divisions; in the body an ``opener`` (roles before any text), nested
divisions opened by heads and numbered sections, paragraphs, quotations and tables, a
``closer``; in the back the divisions of back regions and the notes. What an item becomes
(a paragraph with its inline markup, a table, a note) is made by the ``Maker`` it is given,
so this module knows structure only.

A quotation whose introducing sentence is unfinished ("… the Old Guard's authority as,")
goes inside that paragraph; consecutive quoted blocks are one quotation of several paragraphs
unless the first ends with its own note call.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from lxml import etree

from edition.ingest.blocks import DEFAULT_CALLS, ends_sentence, ends_with_call
from edition.ingest.profile import ProfileError
from edition.ingest.teixml import append, el, tei

OPENER_ROLES = {"dateline", "opener", "salute", "byline"}
CLOSER_ROLES = {"signed", "closer-dateline", "closer"}
ROLES = OPENER_ROLES | CLOSER_ROLES | {"trailer"}


class Maker(Protocol):
    def paragraph(self, item: Any, text: str | None = None, tag: str = "p") -> etree._Element: ...
    def inline(self, text: str, region: str) -> list: ...
    def table(self, item: Any) -> etree._Element: ...
    def note(self, item: Any, parts: list) -> etree._Element: ...
    def role(self, item: Any) -> etree._Element: ...
    def region_div(self, rule: dict) -> etree._Element: ...


class Assembler:
    def __init__(self, maker: Maker, source: str, calls: list[str] | None = None):
        self.maker = maker
        self.calls = calls or list(DEFAULT_CALLS)
        self.source = source
        self.front = el("front")
        self.body = el("body")
        self.back = el("back")
        self.stack: list[tuple[int, etree._Element]] = [(0, self.body)]
        self.opener: etree._Element | None = None
        self.closer: etree._Element | None = None
        self.region_div: etree._Element | None = None
        self.notes_div: etree._Element | None = None
        self.last_p: etree._Element | None = None
        self.last_text = ""
        self.last_kind = ""

    # ------------------------------------------------------------ the walk

    def add_all(self, items: list) -> None:
        index = 0
        while index < len(items):
            item = items[index]
            index += 1
            if item.region == "notes":
                parts = []
                while (
                    index < len(items)
                    and items[index].region == "notes"
                    and (items[index].kind != "note")
                ):
                    parts.append(items[index])
                    index += 1
                self._note(item, parts)
            else:
                self.add(item)
        if self.closer is not None:
            self.body.append(self.closer)

    def add(self, item: Any) -> None:
        if item.region in ("front", "back"):
            if item.starts_region or self.region_div is None:
                rule = item.region_rule or {}
                self.region_div = self.maker.region_div(rule)
                (self.front if item.region == "front" else self.back).append(self.region_div)
                self.last_p, self.last_kind = None, ""
                if rule.get("head") and item.starts_region:
                    self.region_div.append(
                        el("head", None, *self.maker.inline(item.block.text, item.region))
                    )
                    return
            rule = item.region_rule or {}
            if rule.get("as") == "bibl" and item.kind == "p":
                container = self.region_div
                if not len(container) or container[-1].tag != tei("listBibl"):
                    container.append(el("listBibl"))
                container[-1].append(self.maker.paragraph(item, tag="bibl"))
                return
            self._block(item, self.region_div)
            return
        self._body(item)

    def _note(self, item: Any, parts: list) -> None:
        if item.kind != "note":
            raise ProfileError(
                f"{self.source}: seed line {item.block.line}: text in the notes region that "
                f"starts no note: {item.block.text[:60]!r}"
            )
        if self.notes_div is None:
            self.notes_div = el("div", {"type": "notes"})
            self.back.append(self.notes_div)
        self.notes_div.append(self.maker.note(item, parts))

    def _body(self, item: Any) -> None:
        container = self.stack[-1][1]
        if item.kind == "role":
            role = item.rule["role"]
            made = self.maker.role(item)
            if role in OPENER_ROLES and len(self.stack) == 1 and not self._body_has_text():
                if self.opener is None:
                    self.opener = el("opener")
                    self.body.append(self.opener)
                self.opener.append(made)
            elif role in CLOSER_ROLES:
                if self.closer is None:
                    self.closer = el("closer")
                self.closer.append(made)
            else:
                container.append(made)
            return
        if self.closer is not None:
            raise ProfileError(f"{self.source}: seed line {item.block.line}: text after the closer")
        if item.kind in ("head", "section"):
            self._division(item)
            return
        self._block(item, container)

    def _body_has_text(self) -> bool:
        return any(child.tag != tei("opener") for child in self.body)

    def _division(self, item: Any) -> None:
        rule = item.rule or {}
        level = rule.get("level", 1)
        while self.stack[-1][0] >= level:
            self.stack.pop()
        text = item.block.text
        number = item.number
        if item.kind == "head" and number is None:
            found = re.match(r"(\d+(?:\.\d+)*)\.?\s", text)
            number = found.group(1) if found else None
        div = el("div", {"type": rule.get("type", "section"), "n": number})
        self.stack[-1][1].append(div)
        self.stack.append((level, div))
        if item.kind == "head":
            div.append(el("head", None, *self.maker.inline(text, item.region)))
            self.last_p, self.last_kind = None, "head"
            return
        # a numbered section: its number is the label of its first paragraph
        label_match = re.match(rule["pattern"], text)
        assert label_match is not None
        paragraph = self.maker.paragraph(item, text[label_match.end() :])
        label = el("label", None, text[: label_match.end()].strip())
        label.tail = " " + (paragraph.text or "")
        paragraph.text = None
        paragraph.insert(0, label)
        div.append(paragraph)
        self.last_p, self.last_text, self.last_kind = paragraph, text, "p"

    def _block(self, item: Any, container: etree._Element) -> None:
        if item.kind == "quote":
            self._quote(item, container)
            return
        if item.kind == "table":
            container.append(self.maker.table(item))
            self.last_p, self.last_kind = None, "table"
            return
        if item.kind not in ("p", "section"):
            raise ProfileError(
                f"{self.source}: seed line {item.block.line}: a {item.kind} cannot stand here"
            )
        paragraph = self.maker.paragraph(item)
        container.append(paragraph)
        self.last_p, self.last_text, self.last_kind = paragraph, item.block.text, "p"

    def _quote(self, item: Any, container: etree._Element) -> None:
        quote = self.maker.paragraph(item, tag="quote")
        previous = container[-1] if len(container) else None
        if (
            self.last_kind == "p"
            and self.last_p is not None
            and previous is self.last_p
            and not ends_sentence(self.last_text, self.calls)
        ):
            # the quotation continues the sentence that introduces it (after the white
            # space that was the paragraph break)
            append(self.last_p, " ", quote)
        elif (
            self.last_kind == "quote"
            and previous is not None
            and previous.tag == tei("quote")
            and not ends_with_call(self.last_text, self.calls)
        ):
            _merge_quote(previous, quote)
        else:
            container.append(quote)
        self.last_text, self.last_kind = item.block.text, "quote"


def _merge_quote(first: etree._Element, second: etree._Element) -> None:
    """Two consecutive quoted blocks are one quotation of several paragraphs."""
    if not len(first) or first[0].tag != tei("p") or first.text:
        paragraph = el("p", {"rend": first.attrib.pop("rend", None)})
        paragraph.text, first.text = first.text, None
        for child in list(first):
            paragraph.append(child)
        first.append(paragraph)
    paragraph = el("p", {"rend": second.get("rend")})
    paragraph.text = second.text
    for child in list(second):
        paragraph.append(child)
    first.append(paragraph)
