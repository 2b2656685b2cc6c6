"""The unnumbered front matter of the book: covers, title page, copyright page, contents.

The contents are written last, once every division exists: each entry points at its
division, and its page number at the page the division begins on.
"""

from __future__ import annotations

import re

from lxml import etree

from edition.ingest.book import outline
from edition.ingest.book.flow import Item
from edition.ingest.book.inline import element
from edition.ingest.book.profile import BookProfile
from edition.ingest.book.seed import Seed, SeedError, SeedLine
from edition.ingest.book.tei import TextLayout
from edition.xml import TEI_NS, XML_NS


def write_front(layout: TextLayout, front: etree._Element, items: list[Item],
           profile: BookProfile, seed: Seed) -> None:
    """The unnumbered front matter: cover, title page, copyright page, contents."""
    spec = profile.section("front")
    by_line = {item.line.no: item for item in items if item.kind == "line"}

    def lines_in(first: int, last: int) -> list[Item]:
        return [by_line[no] for no in range(first, last + 1) if no in by_line]

    page_items = {item.page.id: item for item in items if item.kind == "page"}
    for unnumbered in profile.pages.unnumbered:
        if unnumbered.line > profile.pages.first_line:
            continue
        page = page_items.get(unnumbered.id)
        if page is None:
            continue
        if unnumbered.id == "about-author-page":
            continue  # placed by its division
        layout.pb(front, page.page)
        if unnumbered.id == "front-cover":
            cover = element(front, "div", type="cover", xml_id="front-cover-text")
            layout.lines(element(cover, "p"), lines_in(*spec["cover"]))
        elif unnumbered.id == "title-page":
            title_page = element(front, "titlePage")
            for part in spec["title_page"]:
                holder = element(title_page, part["element"])
                target = element(holder, "titlePart", type="main") \
                    if part["element"] == "docTitle" else holder
                layout.lines(target, lines_in(*part["lines"]))
        elif unnumbered.id == "copyright-page":
            imprint = element(front, "div", type="imprint", xml_id="imprint")
            for block in outline.paragraphs(lines_in(*spec["imprint"]),
                                            outline.ParagraphRules()):
                if block.kind == "p":
                    layout.lines(element(imprint, "p"), block.items)
        elif unnumbered.id == "contents-page":
            contents = element(front, "div", type="contents", xml_id="contents")
            head_line = lines_in(spec["contents"][0], spec["contents"][0])
            layout.fill(element(contents, "head"), head_line)
            # filled once the divisions exist: each entry points at its division
            layout.contents_later = (contents, lines_in(*spec["contents"]))


def start_page(div: etree._Element) -> str | None:
    """The printed page a division begins on: its own first pb, else the last before it."""
    first = div.xpath("*[1][local-name()='pb']")
    if first:
        return first[0].get("n")  # None for an unnumbered page
    before = div.xpath("(preceding::*[local-name()='pb'][@n])[last()]")
    return before[0].get("n") if before else None


def write_contents(layout: TextLayout, contents: etree._Element, items: list[Item],
              profile: BookProfile) -> None:
    """The printed contents as a list: every title points at its division, every page
    number at its page (a number the OCR lost is supplied from where the division is)."""
    spec = profile.section("contents")
    resp = profile.data["resp"]["project"]
    by_line = {item.line.no: item for item in items if item.kind == "line"}
    tree = contents.getroottree()
    divs = {d.get(f"{{{XML_NS}}}id"): d for d in tree.iter(f"{{{TEI_NS}}}div")}
    events = [(entry["lines"][0], "entry", entry) for entry in spec["entry"]]
    events += [(residue["line"], "residue", residue) for residue in spec.get("residue", [])]
    listing = element(contents, "list", type="contents")
    pending_gaps: list[dict] = []
    for _line, kind, entry in sorted(events, key=lambda e: e[0]):
        if kind == "residue":
            pending_gaps.append(entry)
            continue
        for residue in pending_gaps:
            gap = element(listing, "gap", reason="illegible", unit="line", quantity="1")
            element(gap, "desc").text = f"{residue['desc']} (OCR: {residue['text']})"
        pending_gaps = []
        target = divs[entry["target"]]
        page = start_page(target)
        item = element(listing, "item")
        title_items = [by_line[no] for no in entry["lines"]]
        first = title_items[0].text
        numeral = re.match(r"^(\d{1,2}\.|\.) ", first)
        if numeral:
            label = element(item, "label")
            if numeral.group(1) == ".":
                supplied = element(label, "supplied", reason="lost-in-ocr", resp=resp)
                supplied.text = target.get("n")
                supplied.tail = "."
            else:
                label.text = numeral.group(1)
            label.tail = " "
            title_items[0] = Item("line", line=SeedLine(title_items[0].line.no,
                                                       first[numeral.end():]))
        title = element(item, "ref", target="#" + entry["target"])
        layout.fill(title, title_items)
        if page is None or page == "None":
            continue  # an unnumbered page (the note about the author): no number printed
        title.tail = " "
        number = element(item, "ref", target=f"#p{page}", type="page")
        if "page_line" in entry:
            joined = layout.fill(number, [by_line[entry["page_line"]]])
            printed = "".join(number.xpath(".//text()[not(ancestor::*[local-name()='sic'])]"))
            if printed.strip() != page:
                raise SeedError(f"contents: {entry['target']} begins on p. {page}, the "
                                f"contents print {joined.text!r}: state a correction")
        else:
            supplied = element(number, "supplied", reason="lost-in-ocr", resp=resp)
            supplied.text = page
