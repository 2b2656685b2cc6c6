"""A long book's PDF set in pieces: cut its print XHTML at divisions that open a recto, lay
the pieces out in parallel processes, join them into one PDF with the pages of a one-piece
layout.

Why it is exact. A piece begins with a division that opens a new right-hand page
(`break-before: right` in print.css: a chapter, a part's title page), so in a one-piece
layout too it begins on an odd page, and WeasyPrint lays its content out the same whatever
number its first page bears: the page number reaches only the folios, which WeasyPrint makes
after the content is laid out (`layout_document` adds the margin boxes last). A piece is laid
out with its folios' boxes in place but empty (`_Folios`, which records each page's type and
which boxes showed its number), so its PDF is the same whatever its first page: the pieces
are laid out at once, in any order, and a piece serves any book that holds it (the edition's
book uses the texts' pieces, pdf.py). Once the pieces are counted, the folios of the whole
book are laid out on a sheet of empty pages, each with the type its page had (`FolioSheet`:
the style sheet's own rules place and set them) and stamped onto the joined pages. Where a
piece ends on a right-hand page, the one-piece layout has a blank left-hand page before the
next chapter: the join inserts it.

Two kinds of content refer to page numbers of other pieces (`target-counter` in print.css):
the contents (`.toc-entry a`) and the textual notes' page references (`.tn-page`). A piece
that holds them is laid out a second time when every anchor's page is known, with the
numbers written into `data-page` (print.css sets `attr(data-page)` in their place); if that
changes its page count, the references that moved are laid out again.

Links across pieces are written as `edition-piece:ID` (an external link WeasyPrint keeps)
and the join makes them the internal links of a one-piece layout. The join (pikepdf: qpdf's
library, already the project's PDF reader) keeps one outline (rebuilt from the pieces'
bookmarks with WeasyPrint's own rule for levels), one name tree of destinations, the first
piece's metadata, for a tagged PDF one structure tree (the pieces' trees in order, their
page and annotation keys renumbered into one parent tree), and one file per font, cut to
the glyphs of the whole book (pdf_fonts.py).
"""

from __future__ import annotations

import copy
import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lxml import etree

from edition.builders.pdf_fonts import WholeFonts, subset_once
from edition.builders.pdf_glyphs import Recording, fonts_of, unify

XHTML = "http://www.w3.org/1999/xhtml"
#: Divisions that open a right-hand page (print.css: break-before: right): a piece may
#: begin at one of them.
CUT_CLASSES = frozenset({"chapter", "part-title-page", "diplomatic"})
#: What refers to the page of another element (print.css: target-counter(attr(href), page)).
PAGE_REFERENCES = ("toc-entry", "tn-page")
LINK_SCHEME = "edition-piece:"
PLACEHOLDER = "000"
#: HTML's void elements: the only ones an HTML parser (WeasyPrint's) takes as empty when
#: written `<x/>`; any other is written with its end tag.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


@dataclass
class Piece:
    index: int
    root: etree._Element  # the piece's XHTML document
    ids: set[str] = field(default_factory=set)
    #: Elements whose content names the page of an element (data-page is set on them).
    references: list[etree._Element] = field(default_factory=list)
    #: The piece's leaves (see `_leaves`): what it is made of, for matching it with a piece
    #: of another book (`signature`).
    leaves: list[etree._Element] = field(default_factory=list)
    #: Already laid out (a piece of a text's book, used again in the edition's).
    laid: LaidOut | None = None
    #: Laid out as a piece of a text's book (its bookmarks' levels are that book's).
    from_text: bool = False
    #: Links the piece writes as a URI that are destinations within the book (URI → name).
    links: dict[str, str] = field(default_factory=dict)

    @property
    def dependent(self) -> bool:
        return bool(self.references)

    def targets(self) -> set[str]:
        """The ids whose pages the piece shows."""
        return {_target(e.get("href", "")) for e in self.references}

    def signature(self) -> list[tuple]:
        """The piece's leaves by name, id and class: the same in a text's book and in the
        edition's, which copies the text's article (changing only links to other texts'
        PDFs: `edition_links`)."""
        return [(e.tag, e.get("id"), e.get("class")) for e in self.leaves]

    def xhtml(self, pages: dict[str, int] | None = None) -> str:
        """The piece's XHTML, its page references filled from `pages` (id → page number;
        None: placeholders of the width of a three-digit number)."""
        for element in self.references:
            # Every reference, to this piece too: target-counter() would count this
            # piece's pages from 1.
            target = _target(element.get("href", ""))
            if pages is None:
                element.set("data-page", PLACEHOLDER)
            else:
                element.set("data-page", str(pages.get(target, "")))
        # As the print stylesheet writes it: a doctype (without one WeasyPrint's parser
        # lays the page out in quirks mode) and no `<span/>` (which HTML reads as an open
        # tag: the rest of the paragraph would fall inside it).
        for element in self.root.iter():
            if (isinstance(element.tag, str) and element.text is None and not len(element)
                    and etree.QName(element).localname not in VOID):
                element.text = ""
        return "<!DOCTYPE html>" + etree.tostring(self.root, encoding="unicode")


def _target(href: str) -> str:
    """The id a link within the book points at ("" for any other link)."""
    for prefix in ("#", LINK_SCHEME):
        if href.startswith(prefix):
            return href[len(prefix):]
    return ""


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _is_cut(element) -> bool:
    return isinstance(element.tag, str) and bool(_classes(element) & CUT_CLASSES)


def _holds_cut(element) -> bool:
    return any(_is_cut(e) for e in element.iterdescendants(f"{{{XHTML}}}*"))


def _leaves(parent, ancestors: tuple = ()) -> list[tuple[tuple, etree._Element, bool]]:
    """The body in document order as (wrappers, element, may begin a piece): an element
    that holds a division where a piece may begin is a wrapper, descended into."""
    found = []
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        if _holds_cut(child):
            inner = _leaves(child, (*ancestors, child))
            if inner and _is_cut(child):
                wrappers, first, _ = inner[0]
                inner[0] = (wrappers, first, True)
            found.extend(inner)
        else:
            found.append((ancestors, child, _is_cut(child)))
    return found


def _span_marks(leaves, spans) -> tuple[list[bool], list[bool]]:
    """Per leaf: whether a piece is to begin there (a span's first leaf, or the leaf after
    a span), and whether it lies within a span (no cut for size there)."""
    opens, inside = [False] * len(leaves), [False] * len(leaves)
    at = {e.get("id"): i for i, (_, e, _) in enumerate(leaves) if e.get("id")}
    for span in spans:
        first = at.get(span[0]) if span else None
        if first is None:
            continue
        end = min(first + len(span), len(leaves))
        opens[first] = True
        if end < len(leaves):
            opens[end] = True
        for i in range(first + 1, end):
            inside[i] = True
    return opens, inside


def _is_reference(element) -> bool:
    if not isinstance(element.tag, str):
        return False
    if "tn-page" in _classes(element):
        return True
    parent = element.getparent()
    return (element.tag == f"{{{XHTML}}}a" and parent is not None
            and "toc-entry" in _classes(parent))


def cut(html: str, count: int, spans: Sequence[Sequence[str]] = ()) -> list[Piece]:
    """The book's XHTML cut into `count` pieces of about equal size (fewer where it has
    fewer places to cut), each beginning at a division that opens a right-hand page (the
    first piece: the book's opening). What refers to other pages (the contents, the
    textual notes) is laid out a second time, so it goes in a piece as small as the places
    to cut allow, beside those `count`. `spans` (each the ids of a run of leaves) are kept
    whole in pieces of their own where the places to cut allow: the pieces of a text's book
    that the edition's book uses again."""
    root = etree.fromstring(html.encode("utf-8"), etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True))
    body = root.find(f"{{{XHTML}}}body")
    leaves = _leaves(body)
    sizes = [len(etree.tostring(e)) for _, e, _ in leaves]
    referring = [any(_is_reference(x) for x in e.iter()) for _, e, _ in leaves]
    share = sum(s for s, r in zip(sizes, referring, strict=True) if not r) / max(1, count)
    groups: list[list[int]] = [[]]
    done = 0  # the size of the leaves so far that refer to no page
    refers = False  # the last group holds a page reference
    cuts = 0  # groups begun for their size
    opens, inside = _span_marks(leaves, spans)
    for i, (_, _, may_begin) in enumerate(leaves):
        # Cut where the sizes so far come nearest to a multiple of the share.
        due = not referring[i] and cuts < count - 1 and \
            done + sizes[i] / 2 >= share * (cuts + 1) and not inside[i]
        if may_begin and groups[-1] and (referring[i] or refers or due or opens[i]):
            cuts += due
            groups.append([])
            refers = False
        groups[-1].append(i)
        refers = refers or referring[i]
        done += 0 if referring[i] else sizes[i]
    pieces = []
    owner: dict[int, int] = {}  # a wrapper (by id()) → the piece that holds its opening
    for n, group in enumerate(groups):
        piece_root = copy.copy(root)  # the head and attributes; its children replaced below
        for child in list(piece_root):
            piece_root.remove(child)
        for child in root:
            if child is body:
                piece_body = etree.SubElement(piece_root, child.tag, dict(child.attrib))
                piece_body.text = child.text
            else:
                piece_root.append(copy.deepcopy(child))
        made: dict[int, etree._Element] = {}
        for i in group:
            wrappers, element, _ = leaves[i]
            parent = piece_body
            for wrapper in wrappers:
                key = id(wrapper)
                if key not in made:
                    shell = etree.SubElement(parent, wrapper.tag, dict(wrapper.attrib))
                    shell.text = wrapper.text
                    if owner.setdefault(key, n) != n:
                        # A wrapper continued from an earlier piece: its id names the
                        # earlier piece's place (one destination per id).
                        shell.attrib.pop("id", None)
                    made[key] = shell
                parent = made[key]
            parent.append(copy.deepcopy(element))
        pieces.append(Piece(n, piece_root, leaves=[leaves[i][1] for i in group]))
    for piece in pieces:
        piece.ids = {e.get("id") for e in piece.root.iter() if e.get("id")}
    for piece in pieces:
        for link in piece.root.iter(f"{{{XHTML}}}a"):
            href = link.get("href") or ""
            if href.startswith("#") and href[1:] not in piece.ids:
                link.set("href", LINK_SCHEME + href[1:])
        for element in piece.root.iter(f"{{{XHTML}}}*"):
            if _is_reference(element) and _target(element.get("href", "")):
                piece.references.append(element)
    return pieces


def links_between(theirs: Piece, ours: Piece) -> dict[str, str] | None:
    """How the links of a piece of a text's book (`theirs`) read in the edition's book,
    where the same piece (`ours`) links within the book what the text's book links to
    another text's PDF: URI → destination name. None where the two differ otherwise (the
    edition's piece is then laid out for it)."""
    mine = list(theirs.root.iter(f"{{{XHTML}}}a"))
    other = list(ours.root.iter(f"{{{XHTML}}}a"))
    if len(mine) != len(other):
        return None
    links: dict[str, str] = {}
    for a, b in zip(mine, other, strict=True):
        old, new = a.get("href") or "", b.get("href") or ""
        if old == new:
            continue
        name = _target(new)
        if not name or _target(old) or links.setdefault(old, name) != name:
            return None
    return links


# -- laying a piece out (in a worker process)


#: Piece layouts mark the text's own title (in a text's book a chapter-level bookmark; in
#: the edition's book none, its part title stands for it: print.css) with a level of its
#: own, so that the same laid-out piece serves both books (`book_bookmarks`).
TEXT_TITLE_LEVEL = 9
PIECE_CSS = f".text-book .text-title {{ bookmark-level: {TEXT_TITLE_LEVEL}; }}"


def _shows_page_number(content) -> bool:
    return isinstance(content, tuple) and any(
        kind in ("counter()", "counters()") and value[0] == "page" for kind, value in content)


class _Folios:
    """While active, WeasyPrint lays out the margin boxes that show the page number (so that
    the boxes beside them are as in a one-piece layout) but draws nothing in them, and
    records, per page, which boxes they were and the page's type. The join stamps the
    book's own numbers in their place (`stamp`): a piece's PDF does not depend on the
    number of its first page, so the same piece serves any book it is part of."""

    def __init__(self):
        self.pages: dict[int, list | None] = {}

    def __enter__(self):
        import weasyprint.layout as layout

        self._layout = layout
        self._original = original = layout.make_margin_boxes
        folios = self

        def make_margin_boxes(context, page, state):
            boxes = list(original(context, page, state))
            keywords = []
            for box in boxes:
                if box.is_generated and _shows_page_number(box.style["content"]):
                    keywords.append(box.at_keyword)
                    box.children = []  # laid out, not drawn
            kind = page.page_type
            folios.pages[context.current_page - 1] = [
                keywords, [kind.side, kind.blank, kind.name, kind.index,
                           [list(group) for group in kind.groups]]] if keywords else None
            return boxes

        layout.make_margin_boxes = make_margin_boxes
        return self

    def __exit__(self, *exc_info):
        self._layout.make_margin_boxes = self._original
        return False

    def of_pages(self, count: int) -> list:
        return [self.pages.get(n) for n in range(count)]


@dataclass
class LaidOut:
    index: int
    pdf: bytes
    pages: int
    #: Anchor → page of this piece (0-based).
    anchors: dict[str, int]
    #: Per page: WeasyPrint's bookmarks (level, label, (x, y), state) and the page height.
    bookmarks: list[tuple[list, float]]
    #: Every text each glyph was drawn for, by font (pdf_glyphs.Recording.texts).
    glyphs: dict = field(default_factory=dict)
    #: Per page: None, or the margin boxes that show its number and the page's type
    #: ([side, blank, name, index, groups] as WeasyPrint's PageType).
    folios: list = field(default_factory=list)
    seconds: float = 0.0
    #: Where the book puts the piece's first page (set once the pieces before it are
    #: counted: `starts`).
    first_page: int = 1
    #: Links written as a URI that are a destination within this book (URI → name).
    links: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        """What a later build needs to use the piece again (cached beside its PDF)."""
        return {"pages": self.pages, "anchors": self.anchors,
                "bookmarks": [[[list(b[:2]) + [list(b[2]), b[3]] for b in marks], height]
                              for marks, height in self.bookmarks],
                "glyphs": self.glyphs, "folios": self.folios}

    @classmethod
    def from_json(cls, index: int, pdf: bytes, data: dict) -> LaidOut:
        bookmarks = [([(b[0], b[1], tuple(b[2]), b[3]) for b in marks], height)
                     for marks, height in data["bookmarks"]]
        return cls(index, pdf, data["pages"], data["anchors"], bookmarks, data["glyphs"],
                   data["folios"])


def lay_out(index: int, html: str, render: Callable, write: Callable) -> LaidOut:
    """Lay a piece out: `render(html)` gives WeasyPrint's document (its folios laid out and
    left blank, `_Folios`), `write(document)` its PDF bytes."""
    started = time.perf_counter()
    with _Folios() as folios:
        document = render(html)
    anchors = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, number)
    bookmarks = [([tuple(b) for b in page.bookmarks], page.height) for page in document.pages]
    with Recording() as glyphs, WholeFonts():  # the join cuts the fonts (pdf_fonts.py)
        pdf = write(document)
    return LaidOut(index, pdf, len(document.pages), anchors, bookmarks, glyphs.texts(),
                   folios.of_pages(len(document.pages)), time.perf_counter() - started)


def book_bookmarks(part: LaidOut, into_edition: bool) -> list[tuple[list, float]]:
    """A piece's bookmarks with the levels of the book it is joined into: the text's own
    title at a chapter's level in the text's book, left out in the edition's (its part
    title stands for it), and one level deeper there than in the text's book, as print.css
    has them (`.text-book .bm-N` N, `.edition-book .bm-N` N + 1). A piece laid out in the
    edition's book has the edition's levels already."""
    made = []
    for marks, height in part.bookmarks:
        kept = []
        for level, label, place, state in marks:
            if level == TEXT_TITLE_LEVEL:
                if into_edition:
                    continue
                level = 1
            elif into_edition:
                level += 1
            kept.append((level, label, place, state))
        made.append((kept, height))
    return made


def starts(counts: Sequence[int]) -> list[int]:
    """The first page of each piece from the page counts of the pieces: each begins on a
    right-hand (odd) page, after a blank page where the piece before ends on one."""
    first, found = 1, []
    for n in counts:
        found.append(first)
        first += n
        first += 1 - first % 2
    return found


# -- joining


def place(parts: Sequence[LaidOut]) -> list[LaidOut]:
    """The pieces in order, each with its first page in the book (`starts`)."""
    parts = sorted(parts, key=lambda p: p.index)
    for part, first in zip(parts, starts([p.pages for p in parts]), strict=True):
        part.first_page = first
    return parts


# -- folios


def folio_plan(parts: Sequence[LaidOut]) -> list:
    """Per page of the joined book: None, or the margin boxes that show its number and the
    page's type (the index: the page's in the book). The blank pages the join adds have
    none."""
    plan: list = []
    for part in place(parts):
        plan.extend([None] * (part.first_page - 1 - len(plan)))
        for entry in part.folios or [None] * part.pages:
            if entry is not None:
                keywords, (side, blank, name, _, groups) = entry
                entry = [keywords, [side, blank, name, len(plan), groups]]
            plan.append(entry)
    return plan


def sheet_html(pages: int, lang: str | None) -> str:
    """A document of `pages` empty pages, on which `FolioSheet` lays out the folios."""
    attribute = f' lang="{lang}"' if lang and lang.replace("-", "").isalnum() else ""
    return (f'<!DOCTYPE html><html{attribute}><head><meta charset="utf-8"/></head><body>'
            + '<div style="break-before: page"></div>' * pages + "</body></html>")


#: The folio sheet is laid out in parts of at most this many pages (an even number, so
#: that each part begins on a right-hand page), side by side where there are processes for
#: them; how many depends on the book only, so its bytes do not depend on --jobs.
SHEET_PAGES = 80


def sheet_parts(plan: list) -> list[tuple[int, int]]:
    """The parts of the folio sheet of a book of len(plan) pages: (first page, pages)."""
    return [(first, min(SHEET_PAGES, len(plan) - first + 1))
            for first in range(1, len(plan) + 1, SHEET_PAGES)]


class FolioSheet:
    """While active, the pages of `sheet_html` get only their folios: on its page N, the
    margin boxes that showed the number of the book's page N + first - 1, with that page's
    type and number (hence the style sheet's rules for that page: place, type). Stamped on
    the joined pages, they are the folios of a one-piece layout."""

    def __init__(self, plan: list, first: int = 1):
        self.plan, self.shift = plan, first - 1

    def __enter__(self):
        import weasyprint.layout as layout
        from weasyprint.layout.page import PageType, set_page_type_computed_styles

        self._layout = layout
        self._originals = layout.make_all_pages, layout.make_margin_boxes
        make_all_pages, make_margin_boxes = self._originals
        sheet = self

        def all_pages(context, root_box, html, pages):
            sheet.html = html
            return make_all_pages(context, root_box, html, pages)

        def margin_boxes(context, page, state):
            number = context.current_page - 1 + sheet.shift
            entry = sheet.plan[number] if number < len(sheet.plan) else None
            if entry is None:
                return []
            keywords, (side, blank, name, index, groups) = entry
            kind = PageType(side, blank, name, index, tuple(tuple(g) for g in groups))
            set_page_type_computed_styles(kind, sheet.html, context.style_for)
            page.page_type = kind
            if sheet.shift:
                state = list(state)
                counters = dict(state[1])
                counters["page"] = [value + sheet.shift for value in counters["page"]]
                state[1] = counters
            return [box for box in make_margin_boxes(context, page, state)
                    if box.at_keyword in keywords]

        layout.make_all_pages, layout.make_margin_boxes = all_pages, margin_boxes
        return self

    def __exit__(self, *exc_info):
        self._layout.make_all_pages, self._layout.make_margin_boxes = self._originals
        return False


#: The folio's form XObject on each page (WeasyPrint names its own x0, x1, …, i…, p…).
FOLIO_NAME = "/EditionFolio"


def _stamp(joined, sheet, first: int, plan, pikepdf) -> None:
    """Draw the folios of the sheet's pages, the book's pages from `first` on (pikepdf):
    each page's drawing as a form XObject, marked as a pagination artifact (no
    marked-content ids of its own: a folio is not content of the structure tree)."""
    for at, source in enumerate(sheet.pages):
        number = first - 1 + at
        if number >= len(plan) or plan[number] is None:
            continue
        operations = [(operands, operator)
                      for operands, operator in pikepdf.parse_content_stream(source)
                      if str(operator) not in ("BDC", "BMC", "EMC")]
        drawing = (b"/Artifact <</Type /Pagination>> BDC\n"
                   + pikepdf.unparse_content_stream(operations) + b"\nEMC\n")
        form = pikepdf.Stream(joined, drawing)
        form.Type = pikepdf.Name.XObject
        form.Subtype = pikepdf.Name.Form
        form.BBox = pikepdf.Array(source.MediaBox)
        form.Resources = joined.copy_foreign(source.Resources)
        page = joined.pages[number]
        # The page's own resources (WeasyPrint's pages share theirs), the form under a name
        # of our own (pikepdf's add_overlay picks a random one: not reproducible), the
        # page's drawing closed in a graphics state of its own before the folio.
        resources = pikepdf.Dictionary(dict(page.obj.get("/Resources") or {}))
        xobjects = pikepdf.Dictionary(dict(resources.get("/XObject") or {}))
        xobjects[FOLIO_NAME] = form
        resources.XObject = xobjects
        page.obj.Resources = resources
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(b"\nQ\nq " + FOLIO_NAME.encode() + b" Do Q\n")


# -- joining


def ready_to_join() -> None:
    """Import what the join needs (the outline follows WeasyPrint's rule: a second to import
    where nothing was laid out), so that it can be done while this process waits."""
    import pikepdf  # noqa: F401
    import weasyprint.anchors  # noqa: F401


def join(parts: Sequence[LaidOut],
         sheets: Callable[[], Sequence[tuple[int, bytes, dict]]] = list) -> bytes:
    """One PDF of the laid-out pieces, in order (see the module's docstring), its folios
    stamped from `sheets()` ((first page, the PDF of `sheet_html` laid out with
    `FolioSheet`, its glyphs' texts): called when the rest is joined, so that they may be
    laid out meanwhile)."""
    import pikepdf

    parts = place(parts)
    sources = [pikepdf.open(io.BytesIO(p.pdf)) for p in parts]
    joined = pikepdf.open(io.BytesIO(parts[0].pdf))  # its catalog: metadata, language, …
    page_of: list[list] = []  # per piece, per page: the joined page
    for n, (part, source) in enumerate(zip(parts, sources, strict=True)):
        mine = list(joined.pages) if n == 0 else []
        if n:
            expected = part.first_page - 1
            if len(joined.pages) < expected:  # the blank left-hand page before a chapter
                model = joined.pages[-1]
                blank = joined.add_blank_page(page_size=(float(model.MediaBox[2]),
                                                         float(model.MediaBox[3])))
                for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
                    if box in model:
                        blank[box] = pikepdf.Array(model[box])
            for page in source.pages:
                joined.pages.append(page)
                mine.append(joined.pages[-1])
        page_of.append(mine)
    _join_destinations(joined, sources, page_of, pikepdf)
    _join_links(parts, page_of, pikepdf)
    _join_outline(joined, parts, page_of, pikepdf)
    if "/StructTreeRoot" in joined.Root:
        _join_structure(joined, sources, page_of, pikepdf)
    glyphs = [part.glyphs for part in parts]
    plan = folio_plan(parts)
    for first, sheet, sheet_glyphs in sheets():
        # Kept open until the join is written: qpdf copies the folios' streams then.
        sources.append(pikepdf.open(io.BytesIO(sheet)))
        _stamp(joined, sources[-1], first, plan, pikepdf)
        glyphs.append(sheet_glyphs)
    unify(joined, glyphs, pikepdf)
    subset_once(joined, fonts_of(joined, pikepdf), pikepdf)
    out = io.BytesIO()
    # Objects in compressed object streams, as WeasyPrint writes them: the pieces' own are
    # not kept by the copy, and the structure tree's dictionaries written plain would make
    # the book three times the size of its one-piece layout.
    joined.save(out, deterministic_id=True, fix_metadata_version=False,
                object_stream_mode=pikepdf.ObjectStreamMode.generate)
    for source in sources:
        source.close()
    return out.getvalue()


def _page_index(source) -> dict:
    return {page.objgen: i for i, page in enumerate(source.pages)}


def _join_destinations(joined, sources, page_of, pikepdf) -> None:
    entries = {}
    for n, source in enumerate(sources):
        tree = source.Root.get("/Names", {}).get("/Dests")
        if tree is None:
            continue
        local = _page_index(source)
        for name, value in pikepdf.NameTree(tree).items():
            target = value if isinstance(value, pikepdf.Array) else value.get("/D")
            if target is None or target[0].objgen not in local:
                continue
            page = page_of[n][local[target[0].objgen]]
            entries.setdefault(str(name), pikepdf.Array([page.obj, *list(target)[1:]]))
    names = joined.Root.get("/Names")
    if names is None:
        joined.Root.Names = names = pikepdf.Dictionary()
    tree = pikepdf.NameTree.new(joined)
    for name in sorted(entries):
        tree[name] = entries[name]
    names.Dests = tree.obj


def _join_links(parts, page_of, pikepdf) -> None:
    """`edition-piece:ID`, and what a piece's own `links` name, → the internal link to ID
    that a one-piece layout writes."""
    for part, pages in zip(parts, page_of, strict=True):
        for page in pages:
            for annotation in page.get("/Annots") or []:
                action = annotation.get("/A")
                uri = str(action.get("/URI", "")) if action is not None else ""
                name = part.links.get(uri)
                if name is None and uri.startswith(LINK_SCHEME):
                    name = uri[len(LINK_SCHEME):]
                if name is not None:
                    del annotation["/A"]
                    annotation.Dest = pikepdf.String(name)
                    if "/Contents" in annotation:
                        annotation.Contents = pikepdf.String(name)


class _Page:
    """What WeasyPrint's bookmark tree reads of a page."""

    def __init__(self, bookmarks, height):
        self.bookmarks, self.height = bookmarks, height


def _join_outline(joined, parts, page_of, pikepdf) -> None:
    from weasyprint.anchors import make_page_bookmark_tree
    from weasyprint.matrix import Matrix

    pages = [(p, page_of[n][i]) for n, part in enumerate(parts)
             for i, p in enumerate(part.bookmarks)]
    scale = 0.75  # WeasyPrint: PDF points per CSS pixel
    root: list = []
    skipped: list = []
    last_by_depth = [root]
    previous = 0
    for number, ((bookmarks, height), _) in enumerate(pages):
        matrix = Matrix(a=scale, d=-scale, f=height * scale)
        previous = make_page_bookmark_tree(_Page(bookmarks, height), skipped, last_by_depth,
                                           previous, number, matrix)
    for key in ("/Outlines",):
        if key in joined.Root:
            del joined.Root[key]
    if not root:
        return
    targets = [page for _, page in pages]

    def items(tree, parent):
        made = []
        count = len(tree)
        for title, (number, x, y), children, state in tree:
            item = joined.make_indirect(pikepdf.Dictionary(
                Title=pikepdf.String(title),
                Dest=pikepdf.Array([targets[number].obj, pikepdf.Name.XYZ, x, y, 0])))
            kids, kid_count = items(children, item)
            item.Count = -kid_count if state == "closed" else kid_count
            if state != "closed":
                count += kid_count
            if made:
                item.Prev = made[-1]
                made[-1].Next = item
            if kids:
                item.First, item.Last = kids[0], kids[-1]
            if parent is not None:
                item.Parent = parent
            made.append(item)
        return made, count

    top, count = items(root, None)
    outlines = joined.make_indirect(pikepdf.Dictionary(Count=count, First=top[0],
                                                       Last=top[-1]))
    for item in top:
        item.Parent = outlines
    joined.Root.Outlines = outlines


def _join_structure(joined, sources, page_of, pikepdf) -> None:
    """One structure tree: the pieces' /Document elements' children in order under the first
    piece's, every page and link annotation keyed afresh in one parent tree (pages first,
    then annotations, as WeasyPrint numbers them)."""
    root = joined.Root.StructTreeRoot
    document = root.K[0]
    kids = pikepdf.Array(list(document.K))
    page_entries: list = []  # (piece, its key, value)
    annotation_entries: list = []
    for n, source in enumerate(sources):
        local_pages = len(source.pages)
        if n == 0:
            nums = _number_tree(root.ParentTree, pikepdf)
        else:
            tree = source.Root.StructTreeRoot
            nums = {}
            for key, value in _number_tree(tree.ParentTree, pikepdf).items():
                nums[key] = joined.copy_foreign(value if value.is_indirect
                                                else source.make_indirect(value))
            for kid in joined.copy_foreign(tree.K[0]).K:
                kid.P = document
                kids.append(kid)
        for key in sorted(nums):
            (page_entries if key < local_pages else annotation_entries).append(
                (n, key, nums[key]))
    document.K = kids
    index_of = {page.objgen: i for i, page in enumerate(joined.pages)}
    nums: list = []  # made a pikepdf Array once: extending one grows slower with its size
    keyed = set()
    for n, key, value in page_entries:
        page = page_of[n][key]
        index = index_of[page.objgen]
        keyed.add(page.objgen)
        nums.extend([index, value])
        page.obj.StructParents = index
    next_key = len(joined.pages)
    annotation_key = {}
    for n, key, value in annotation_entries:
        annotation_key[(n, key)] = next_key
        nums.extend([next_key, value])
        next_key += 1
    for n, mine in enumerate(page_of):
        for page in mine:
            for annotation in page.get("/Annots") or []:
                old = annotation.get("/StructParent")
                if old is not None and (n, int(old)) in annotation_key:
                    annotation.StructParent = annotation_key[(n, int(old))]
    for page in joined.pages:  # a blank page added by the join has no marked content
        if page.objgen not in keyed and "/StructParents" in page.obj:
            del page.obj["/StructParents"]
    root.ParentTree = joined.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
    root.ParentTreeNextKey = next_key


def _number_tree(tree, pikepdf) -> dict:
    """A number tree's leaves (WeasyPrint writes one flat /Nums array)."""
    found = {}
    nums = tree.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums), 2):
            found[int(nums[i])] = nums[i + 1]
    for kid in tree.get("/Kids") or []:
        found.update(_number_tree(kid, pikepdf))
    return found
