"""The book's TEI text: divisions, blocks and page breaks → elements.

The header is built by header.py, the special back matter (notes, index, lists) by
their own modules; this module lays out the running text that the outline found.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from edition.ingest.book.flow import Item
from edition.ingest.book.inline import Builder, Joined, Joiner, Span, element, render
from edition.ingest.book.outline import Block, Division
from edition.ingest.book.pages import Page

DATE_LINE = re.compile(r"^(January|February|March|April|May|June|July|August|September|"
                       r"October|November|December)( \d{1,2},)? \d{4}$")

Annotator = Callable[[Joined], list[Span]]
RegionRenderer = Callable[[etree._Element, Item], None]


class TextLayout:
    """Writes divisions into TEI elements, with one joiner and a set of annotators."""

    def __init__(self, joiner: Joiner, annotators: list[Annotator], project_resp: str,
                 resp_of: dict[str, str], region_renderer: RegionRenderer):
        self.joiner = joiner
        self.annotators = annotators
        self.project_resp = project_resp
        self.resp_of = resp_of  # "author", "editor", ... -> pointer
        self.region_renderer = region_renderer
        self.pages_placed: list[Page] = []
        # Divisions whose body is not running text (notes, index, lists): id -> writer.
        self.special: dict[str, Callable[[etree._Element, Division], None]] = {}

    # ------------------------------------------------------------------ page breaks

    def page_break(self, page: Page, no_break: bool = False) -> Builder:
        def build(parent: etree._Element, _inner) -> None:
            self.pb(parent, page, no_break)

        return build

    def pb(self, parent: etree._Element, page: Page, no_break: bool = False) -> None:
        self.pages_placed.append(page)
        pb = element(parent, "pb", n=str(page.n) if page.n is not None else None,
                     xml_id=page.id)
        if page.n is None:
            pb.set("type", "unnumbered")
        elif page.supplied:
            pb.set("type", "supplied")
            pb.set("resp", self.project_resp)
        if no_break:
            pb.set("break", "no")
        if page.corrected:
            fw = element(parent, "fw", type="pageNum")
            choice = element(fw, "choice")
            element(choice, "sic").text = page.marker.sic
            element(choice, "corr", resp=self.project_resp).text = str(page.n)

    def pages(self, parent: etree._Element, items: list[Item]) -> None:
        for item in items:
            if item.kind == "page":
                self.pb(parent, item.page)

    # ------------------------------------------------------------------ text

    def fill(self, parent: etree._Element, items: list[Item], keep_lines: bool = False,
             extra: list[Annotator] = ()) -> Joined:
        """Join `items` into `parent`'s mixed content; page breaks after the text too.
        With `keep_lines`, each line break of the OCR stays as an lb; `extra` annotators
        run after the layout's own."""
        joined = self.joiner.join(items, self.page_break,
                                  self.line_break if keep_lines else None)
        spans = list(joined.events)
        for annotate in [*self.annotators, *extra]:
            spans.extend(annotate(joined))
        render(parent, joined.text, spans)
        for page in joined.trailing_pages:
            self.pb(parent, page.page)
        return joined

    def line_break(self, no_break: bool) -> Builder:
        def build(parent: etree._Element, _inner) -> None:
            lb = element(parent, "lb")
            if no_break:
                lb.set("break", "no")

        return build

    def lines(self, parent: etree._Element, items: list[Item], each: str | None = None) -> None:
        """Lines kept as lines: separate elements `each`, or text with <lb/> between."""
        if each is None:
            self.fill(parent, items, keep_lines=True)
            return
        for item in items:
            if item.kind == "page":
                self.pb(parent, item.page)
            else:
                self.fill(element(parent, each), [item])

    # ------------------------------------------------------------------ blocks

    def blocks(self, parent: etree._Element, blocks: list[Block]) -> None:
        for block in blocks:
            if block.kind == "page":
                self.pages(parent, block.items)
            elif block.kind == "milestone":
                line = block.items[0]
                milestone = element(parent, "milestone", unit="section", rend="asterisks")
                if line.text.replace(" ", "") != "***":
                    milestone.set("n", line.text)  # the OCR's reading of the ornament
            elif block.kind == "region":
                self.region_renderer(parent, block.items[0])
            else:
                self.fill(element(parent, "p"), block.items)

    # ------------------------------------------------------------------ divisions

    def division(self, parent: etree._Element, division: Division) -> etree._Element:
        spec = division.spec
        div = element(
            parent, "div", xml_id=spec.id, type=spec.type, n=spec.n, corresp=spec.corresp
        )
        if spec.resp != "author":
            div.set("resp", self.resp_of[spec.resp])
        self.pages(div, division.leading)
        if division.head:
            self.fill(element(div, "head"), division.head, keep_lines=True)
        if division.date:
            dateline = element(div, "dateline")
            self.pages(dateline, [i for i in division.date if i.kind == "page"])
            date = element(dateline, "docDate", when=spec.date.when)
            self.fill(date, [i for i in division.date if i.kind == "line"])
        if division.editorial:
            note = element(div, "note", type="editorial", resp=self.resp_of["editor"],
                           xml_id=f"{spec.id}-ed")
            self.blocks(note, division.editorial)
        if division.opener:
            self.lines(element(div, "opener"), division.opener)
        if spec.id in self.special:
            self.special[spec.id](div, division)
        else:
            self.blocks(div, division.blocks)
        for child in division.children:
            self.division(div, child)
        self.pages(div, division.trailing)
        if division.closer:
            self.closer(element(div, "closer"), division.closer)
        if division.postscript:
            postscript = element(div, "postscript")
            self.blocks(postscript, division.postscript)
            if division.postscript_closer:
                self.closer(element(postscript, "closer"), division.postscript_closer)
        return div

    def closer(self, closer: etree._Element, items: list[Item]) -> None:
        for item in items:
            if item.kind == "page":
                self.pb(closer, item.page)
            elif DATE_LINE.match(item.text):
                self.fill(element(closer, "dateline"), [item])
            elif item.text.endswith(","):  # "With comradely greetings,"
                self.fill(element(closer, "salute"), [item])
            else:
                self.fill(element(closer, "signed"), [item])
