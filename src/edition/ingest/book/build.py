"""`edition ingest` for an OCR'd book: seed + profile → TEI tree and a report.

The steps, each its own module: pages (folios and running heads out, page numbers in),
flow (footnotes lifted, regions cut), outline (divisions and paragraphs), inline (lines
joined, spans marked), and the special parts of the book (front matter, notes, index).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.ingest.book import annotate, flow, index, lists, notes, outline, pages, tables
from edition.ingest.book.flow import Footnote, Item, Region
from edition.ingest.book.hyphenation import Lexicon
from edition.ingest.book.inline import Joiner, element
from edition.ingest.book.profile import BookProfile, marker_texts
from edition.ingest.book.seed import Seed, SeedError, SeedLine
from edition.ingest.book.tei import TextLayout
from edition.xml import TEI_NS, XML_NS

SCHEMA_PIS = (
    ('xml-model', 'href="../schema/edition.rng" type="application/xml" '
     'schematypens="http://relaxng.org/ns/structure/1.0"'),
    ('xml-model', 'href="../schema/edition.sch" type="application/xml" '
     'schematypens="http://purl.oclc.org/dsdl/schematron"'),
)


@dataclass
class BookResult:
    tree: etree._ElementTree
    pages: list[pages.Page]
    layout: TextLayout
    joiner: Joiner
    footnotes: list[flow.Footnote]
    stats: dict[str, object] = field(default_factory=dict)


def regions(profile: BookProfile) -> list[Region]:
    return [Region(r["id"], r["kind"], int(r["first"]), int(r["last"]), r)
            for r in profile.data.get("region", [])]


def ingest(seed: Seed, profile: BookProfile, tei_header: etree._Element) -> BookResult:
    """The book's TEI (with `tei_header`, built by the framework from the profile)."""
    for no, text in marker_texts(profile.data["pages"]).items():
        seed.expect(no, text)
    book_pages = pages.segment(seed, profile.pages, profile.openings())
    continuations = {int(c["page"]): int(c["line"])
                     for c in profile.section("footnotes").get("continuation", [])}
    starts = {int(f["line"]): (f["sign"], f["ocr"])
              for f in profile.section("footnotes").get("start", [])}
    items, footnotes = flow.build(book_pages, regions(profile), continuations, starts)

    lexicon = Lexicon(line.text for p in book_pages for line in p.lines)
    hyphenation = profile.section("hyphenation")
    joiner = Joiner(lexicon, set(hyphenation.get("join", [])), set(hyphenation.get("keep", [])))
    resp = profile.data["resp"]
    gaps: list[str] = []
    layout = TextLayout(joiner, [], resp["project"], resp,
                        _region_renderer(lambda: layout, gaps))
    annotations, endnotes, missing = _annotations(profile, book_pages, items, footnotes,
                                                  layout)
    layout.annotators = annotations.all()
    index_spec = profile.section("index")
    if index_spec:
        layout.special[index_spec["division"]] = _index_writer(layout, index_spec, book_pages,
                                                               footnotes, result_stats := {})
    else:
        result_stats = {}
    lists_spec = profile.section("lists")
    if lists_spec:
        layout.special[lists_spec["glossary"]] = _glossary_writer(layout)
        layout.special[lists_spec["bibliography"]] = _bibliography_writer(
            layout, tuple(lists_spec["bibliography_intro"]))
        layout.special[lists_spec["books"]] = _books_writer(
            layout, tuple(lists_spec.get("books_subheads", [])))
    notes_spec = profile.section("notes")
    layout.special[notes_spec["division"]] = _endnotes_writer(
        layout, int(notes_spec["count"]), resp[notes_spec.get("resp", "editor")])

    first_div = profile.divs[0].line
    split = next(i for i, item in enumerate(items) if item.line is not None
                 and item.line.no >= first_div)
    while split > 0 and items[split - 1].kind in ("page", "blank"):
        split -= 1
    front_items, text_items = items[:split], items[split:]
    paragraph_rules = _paragraph_rules(profile)
    divisions = outline.build(text_items, profile.divs, paragraph_rules)
    back_cover = _trailing_unnumbered(text_items)

    tei = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    tei.set("{http://www.w3.org/XML/1998/namespace}id", profile.id)
    tei.append(tei_header)
    text = element(tei, "text")
    parts = {name: element(text, name) for name in ("front", "body", "back")}
    _front(layout, parts["front"], front_items, profile, seed)
    for division in divisions:
        layout.division(parts[division.spec.part], division)
    if getattr(layout, "contents_later", None):
        _contents(layout, *layout.contents_later, profile)
    if back_cover:
        layout.pages(parts["back"], back_cover[:1])
        cover = element(parts["back"], "div", type="cover", xml_id="back-cover-text")
        for block in outline.paragraphs(back_cover[1:], outline.ParagraphRules()):
            if block.kind == "p":
                layout.fill(element(cover, "p"), block.items)

    tree = etree.ElementTree(tei)
    for target, data in SCHEMA_PIS:
        tei.addprevious(etree.ProcessingInstruction(target, data))
    problems = annotations.check_counts()
    if problems:
        raise SeedError("; ".join(problems))
    result = BookResult(tree, book_pages, layout, joiner, footnotes)
    result.stats.update(annotations=annotations, endnotes=endnotes, calls_missing=missing,
                        gaps=gaps, paragraph_breaks=sorted(set(paragraph_rules.ambiguous)),
                        **result_stats)
    return result


def note_id(n: int) -> str:
    return f"note-{n}"


def _annotations(profile: BookProfile, book_pages, items, footnotes, layout):
    spec = profile.section("notes")
    resp = profile.data["resp"]
    notes_div = next(d for d in profile.divs if d.id == spec["division"])
    sites, missing = notes.find_calls(items, int(spec["count"]), int(spec["first_call_line"]),
                                      notes_div.line - 1, spec["confusions"],
                                      spec.get("call", []))
    calls: dict[int, list[notes.CallSite]] = {}
    for site in sites.values():
        calls.setdefault(site.line, []).append(site)
    taken = {(site.line, column) for site in sites.values()
             for column in range(site.start, site.end)}
    footnote_lines = {line.no for f in footnotes for line in f.lines}
    page_lines = {p.n: [(line.no, line.text.strip()) for line in p.lines
                        if not line.blank and line.no not in footnote_lines]
                  for p in book_pages if p.n is not None}
    stated = {entry["id"]: (int(entry["line"]), int(entry["column"]), int(entry["length"]))
              for entry in profile.section("footnotes").get("call", [])}
    footnote_calls = annotate.find_footnote_calls(page_lines, footnotes, stated, taken)
    crossrefs = [re.compile(p) for p in profile.section("crossrefs").get("patterns", [])]
    annotations = annotate.Annotations(
        corrections=annotate.corrections_from(profile.data.get("correction", [])),
        calls=calls,
        footnote_calls=footnote_calls,
        crossrefs=crossrefs,
        resp=resp,
        note_id=note_id,
        page_ids={p.id for p in book_pages},
        render_footnote=_footnote_writer(layout, profile),
        marks=profile.data.get("mark", []),
    )
    return annotations, sites, missing


def _footnote_writer(layout: TextLayout, profile: BookProfile):
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


def _split_first_line(items: list[Item], cut: int) -> tuple[list[Item], list[Item]]:
    """Items split inside the first line, at column `cut` of its stripped text."""
    first = next(i for i, item in enumerate(items) if item.kind == "line")
    line = items[first].line
    text = line.text.strip()
    head = items[:first] + [Item("line", line=SeedLine(line.no, text[:cut]))]
    rest_text = text[cut:].lstrip()
    rest = [Item("line", line=SeedLine(line.no, rest_text))] if rest_text else []
    return head, rest + items[first + 1:]


def _glossary_writer(layout: TextLayout):
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
            label_items, rest = _split_first_line(items, match.end())
            # the dash between term and explanation is the glossary's typography
            label_items[-1] = Item("line", line=SeedLine(label_items[-1].line.no, term))
            layout.fill(element(listing, "label"), label_items)
            layout.fill(element(listing, "item"), rest)

    return write


def _bibliography_writer(layout: TextLayout, intro: tuple[str, ...]):
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


def _books_writer(layout: TextLayout, subheads: tuple[str, ...]):
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


def _index_writer(layout: TextLayout, spec: dict, book_pages, footnotes, stats: dict):
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
        stats.update(index_entries=len(entries), index_refs=annotator.refs,
                     index_to_notes=annotator.to_notes, index_unresolved=annotator.unresolved)

    return write


def _endnotes_writer(layout: TextLayout, count: int, resp: str):
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


def _paragraph_rules(profile: BookProfile) -> outline.ParagraphRules:
    table = profile.section("paragraphs")
    return outline.ParagraphRules(set(table.get("join_after", [])),
                                  set(table.get("break_after", [])))


def _trailing_unnumbered(items: list[Item]) -> list[Item]:
    """The unnumbered pages after the numbered run (the back cover): its items."""
    numbered = False
    for i, item in enumerate(items):
        if item.kind == "page" and item.page.n is not None:
            numbered = True
        elif item.kind == "page" and numbered:
            return items[i:]
    return []


def _region_renderer(layout_of, gaps: list[str]):
    def render(parent: etree._Element, item: Item) -> None:
        region = item.region
        spec = region.spec
        if region.kind == "gap":
            gap = element(parent, "gap", reason=spec.get("reason", "illegible"),
                          unit="line", quantity=str(item.count))
            gaps.append(f"{region.id}: {item.count} OCR lines on page {_page_of(gap)} "
                        f"({spec.get('reason', 'illegible')})")
            if spec.get("desc"):
                element(gap, "desc").text = spec["desc"]
        elif region.kind == "table":
            tables.render(layout_of(), parent, item.part, spec)
        elif region.kind == "lines":
            block = element(parent, "p", rend="lines")
            layout_of().lines(block, [Item("line", line=line) for line in item.part
                                     if not line.blank])
        else:
            raise SeedError(f"region {region.id}: kind {region.kind!r} is not rendered here")

    return render


def _page_of(node: etree._Element) -> str:
    """The n of the last pb before `node` in document order."""
    previous = node.xpath("(preceding::*[local-name()='pb'])[last()]")
    return previous[0].get("n", "?") if previous else "?"


def _front(layout: TextLayout, front: etree._Element, items: list[Item],
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


def _start_page(div: etree._Element) -> str | None:
    """The printed page a division begins on: its own first pb, else the last before it."""
    first = div.xpath("*[1][local-name()='pb']")
    if first:
        return first[0].get("n")  # None for an unnumbered page
    before = div.xpath("(preceding::*[local-name()='pb'][@n])[last()]")
    return before[0].get("n") if before else None


def _contents(layout: TextLayout, contents: etree._Element, items: list[Item],
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
        page = _start_page(target)
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


def write_bytes(data: bytes, out: Path) -> None:
    """Write through a temporary file renamed into place: never a half-written file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(out)
