"""Writers for the parts of the book that are not running text: its notes, index, lists.

Each returns a function that fills a division (TextLayout.special) or a note at its call.
"""

from __future__ import annotations

import re

from lxml import etree

from edition.ingest.book import index, lists, notes, outline
from edition.ingest.book.flow import Footnote, Item
from edition.ingest.book.inline import element
from edition.ingest.book.profile import BookProfile
from edition.ingest.book.seed import SeedLine
from edition.ingest.book.tei import TextLayout
from edition.xml import TEI_NS


def note_id(n: int) -> str:
    """The xml:id of endnote n."""
    return f"note-{n}"


def footnote_writer(layout: TextLayout, profile: BookProfile):
    resp = profile.data["resp"]
    table = profile.section("footnotes")
    resp_by_id = {entry["id"]: entry["resp"] for entry in table.get("resp", [])}

    def write(parent: etree._Element, footnote: Footnote) -> None:
        note = element(parent, "note", xml_id="footnote-" + footnote.id, place="foot",
                       n=footnote.sign)
        first = footnote.lines[0]
        text = first.text.strip()
        printed = footnote.ocr_sign if footnote.ocr_sign is not None else footnote.sign
        body = [Item("line", line=SeedLine(first.no, text[len(printed):].lstrip()))]
        body += [Item("line", line=line) for line in footnote.lines[1:]]
        whole = " ".join(line.text.strip() for line in footnote.lines)
        who = resp_by_id.get(footnote.id)
        if who is None:  # the signature, which may stand on a line of its own
            who = ("author" if re.search(r"—\s?L\.T\.$", whole)
                   else "carr" if re.search(r"—\s?E\.H\.C\.$", whole) else "editor")
        note.set("resp", resp[who])
        layout.fill(note, body)

    return write


def split_first_line(items: list[Item], cut: int) -> tuple[list[Item], list[Item]]:
    """Items split inside the first line, at column `cut` of its stripped text."""
    first = next(i for i, item in enumerate(items) if item.kind == "line")
    line = items[first].line
    text = line.text.strip()
    head = items[:first] + [Item("line", line=SeedLine(line.no, text[:cut]))]
    rest_text = text[cut:].lstrip()
    rest = [Item("line", line=SeedLine(line.no, rest_text))] if rest_text else []
    return head, rest + items[first + 1:]


def glossary_writer(layout: TextLayout):
    def write(div: etree._Element, division: outline.Division) -> None:
        listing = None
        for term, items in lists.gloss_entries(division.raw):
            if term is None:
                if all(i.kind == "page" for i in items):
                    layout.pages(listing if listing is not None else div, items)
                    continue
                layout.fill(element(div, "p"), items)
                continue
            if listing is None:
                listing = element(div, "list", type="gloss")
            match = lists.GLOSS.match(next(i for i in items if i.kind == "line").text)
            label_items, rest = split_first_line(items, match.end())
            # the dash between term and explanation is the glossary's typography
            label_items[-1] = Item("line", line=SeedLine(label_items[-1].line.no, term))
            layout.fill(element(listing, "label"), label_items)
            layout.fill(element(listing, "item"), rest)

    return write


def bibliography_writer(layout: TextLayout, intro: tuple[str, ...]):
    def write(div: etree._Element, division: outline.Division) -> None:
        listing = None
        for kind, items in lists.bibliography(division.raw, intro):
            if kind == "page":
                layout.pages(listing if listing is not None else div, items)
            elif kind == "p":
                listing = None
                layout.fill(element(div, "p"), items)
            else:
                if listing is None:
                    listing = element(div, "listBibl")
                layout.fill(element(listing, "bibl"), items)

    return write


def books_writer(layout: TextLayout, subheads: tuple[str, ...]):
    def write(div: etree._Element, division: outline.Division) -> None:
        listing = element(div, "list")
        for group in lists.titles(division.raw, subheads):
            lines = [i for i in group if i.kind == "line"]
            if lines and lines[0].text.startswith(subheads):
                listing = element(div, "list")
                layout.fill(element(listing, "head"), group)
                continue
            leading = []
            while group and group[0].kind == "page":
                leading.append(group.pop(0))
            layout.pages(listing, leading)
            layout.fill(element(listing, "item"), group)

    return write


def index_writer(layout: TextLayout, spec: dict, book_pages, footnotes, stats: dict):
    stated = {entry["sic"]: (int(entry["page"]), bool(entry.get("note", False)))
              for entry in spec.get("locator", [])}

    def write(div: etree._Element, division: outline.Division) -> None:
        tei = div.getroottree()
        ns = {"t": TEI_NS}
        notes_div = tei.xpath("//t:div[@type='notes']", namespaces=ns)
        by_page = {f.page.n: "footnote-" + f.id for f in footnotes}

        def footnote_text(note_id: str) -> str:
            found = tei.xpath(f"//t:note[@xml:id='{note_id}']", namespaces=ns)
            return "".join(found[0].itertext()) if found else ""

        annotator = index.IndexAnnotator(
            {p.id for p in book_pages},
            index.note_pages(notes_div[0], by_page, ns) if notes_div else index.NotePage({}),
            footnote_text, stated)
        entries = index.group_entries(division.raw)
        listing = element(div, "list", type="index")
        for entry in entries:
            leading = []
            while entry and entry[0].kind == "page":
                leading.append(entry.pop(0))
            layout.pages(listing, leading)
            layout.fill(element(listing, "item"), entry, extra=[annotator])
        taken = set(tei.xpath("//@xml:id"))
        see_links, see_unresolved = index.link_cross_references(listing, taken)
        stats.update(index_entries=len(entries), index_refs=annotator.refs,
                     index_to_notes=annotator.to_notes, index_unresolved=annotator.unresolved,
                     index_see_links=see_links, index_see_unresolved=see_unresolved)

    return write


def endnotes_writer(layout: TextLayout, count: int, resp: str):
    def write(div: etree._Element, division: outline.Division) -> None:
        items = [i for block in division.blocks for i in block.items]
        parsed = notes.parse_endnotes(items, count)
        for endnote in parsed:
            layout.pages(div, endnote.before)
            note = element(div, "note", xml_id=note_id(endnote.n), n=str(endnote.n),
                           type="editorial", place="end", resp=resp)
            first = endnote.items[0]
            body = [Item("line", line=SeedLine(first.line.no,
                                               first.text[len(endnote.label):]))]
            layout.fill(note, body + endnote.items[1:])

    return write
