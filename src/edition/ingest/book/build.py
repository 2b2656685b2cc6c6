"""`edition ingest` for an OCR'd book: seed + profile → TEI tree and a report.

The steps, each its own module: pages (folios and running heads out, page numbers in),
flow (footnotes lifted, regions cut), outline (divisions and paragraphs), inline (lines
joined, spans marked), and the special parts of the book (front matter, notes, index).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from edition.ingest.book import annotate, flow, frontmatter, notes, outline, pages, tables, writers
from edition.ingest.book.flow import Item, Region
from edition.ingest.book.hyphenation import Lexicon
from edition.ingest.book.inline import Joiner, element
from edition.ingest.book.profile import BookProfile, marker_texts
from edition.ingest.book.seed import Seed, SeedError
from edition.ingest.book.tei import TextLayout
from edition.xml import TEI_NS

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
    result_stats: dict = {}
    if index_spec:
        layout.special[index_spec["division"]] = writers.index_writer(
            layout, index_spec, book_pages, footnotes, result_stats)
    lists_spec = profile.section("lists")
    if lists_spec:
        layout.special[lists_spec["glossary"]] = writers.glossary_writer(layout)
        layout.special[lists_spec["bibliography"]] = writers.bibliography_writer(
            layout, tuple(lists_spec["bibliography_intro"]))
        layout.special[lists_spec["books"]] = writers.books_writer(
            layout, tuple(lists_spec.get("books_subheads", [])))
    notes_spec = profile.section("notes")
    layout.special[notes_spec["division"]] = writers.endnotes_writer(
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
    frontmatter.write_front(layout, parts["front"], front_items, profile, seed)
    for division in divisions:
        layout.division(parts[division.spec.part], division)
    if getattr(layout, "contents_later", None):
        frontmatter.write_contents(layout, *layout.contents_later, profile)
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
        note_id=writers.note_id,
        page_ids={p.id for p in book_pages},
        render_footnote=writers.footnote_writer(layout, profile),
        marks=profile.data.get("mark", []),
    )
    return annotations, sites, missing


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


