"""A long book's PDF set in pieces: cut its print XHTML at divisions that open a recto, lay
the pieces out in parallel processes, join them into one PDF with the pages of a one-piece
layout.

Why it is exact. A piece begins with a division that opens a new right-hand page
(`break-before: right` in print.css: a chapter, a part's title page), so in a one-piece
layout too it begins on an odd page, and WeasyPrint lays its content out the same whatever
number its first page bears: the page number reaches only the folios, which WeasyPrint makes
after the content is laid out (`layout_document` adds the margin boxes last). So a piece's
content is laid out before its first page number is known; the number is supplied, once the
pieces before it have counted their pages, just before the folios are made (`_Offset`).
Where a piece ends on a right-hand page, the one-piece layout has a blank left-hand page
before the next chapter: the join inserts it.

Two kinds of content refer to page numbers of other pieces (`target-counter` in print.css):
the contents (`.toc-entry a`) and the textual notes' page references (`.tn-page`). A piece
that holds them is laid out a second time when every anchor's page is known, with the
numbers written into `data-page` (print.css sets `attr(data-page)` in their place); if that
changes its page count, the pieces after it are laid out again.

Links across pieces are written as `edition-piece:ID` (an external link WeasyPrint keeps)
and the join makes them the internal links of a one-piece layout. The join (pikepdf: qpdf's
library, already the project's PDF reader) keeps one outline (rebuilt from the pieces'
bookmarks with WeasyPrint's own rule for levels), one name tree of destinations, the first
piece's metadata, and for a tagged PDF one structure tree: the pieces' trees in order, their
page and annotation keys renumbered into one parent tree.
"""

from __future__ import annotations

import copy
import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lxml import etree

from edition.builders.pdf_glyphs import Recording, unify

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

    @property
    def dependent(self) -> bool:
        return bool(self.references)

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


def _is_reference(element) -> bool:
    if not isinstance(element.tag, str):
        return False
    if "tn-page" in _classes(element):
        return True
    parent = element.getparent()
    return (element.tag == f"{{{XHTML}}}a" and parent is not None
            and "toc-entry" in _classes(parent))


def cut(html: str, count: int) -> list[Piece]:
    """The book's XHTML cut into `count` pieces of about equal size (fewer where it has
    fewer places to cut), each beginning at a division that opens a right-hand page (the
    first piece: the book's opening). What refers to other pages (the contents, the
    textual notes) is laid out a second time, so it goes in a piece as small as the places
    to cut allow, beside those `count`."""
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
    for i, (_, _, may_begin) in enumerate(leaves):
        # Cut where the sizes so far come nearest to a multiple of the share.
        due = not referring[i] and cuts < count - 1 and \
            done + sizes[i] / 2 >= share * (cuts + 1)
        if may_begin and groups[-1] and (referring[i] or refers or due):
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
        pieces.append(Piece(n, piece_root))
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


# -- laying a piece out (in a worker process)


class _Offset:
    """While active, WeasyPrint's folios (the page counter of the margin boxes) are those
    of pages numbered from `first_page()`, called once the content is laid out with the
    piece's page count, and blocking until the pieces before it have counted theirs."""

    def __init__(self, first_page: Callable[[int], int]):
        self.first_page = first_page
        self.shift: int | None = None

    def __enter__(self):
        import weasyprint.layout as layout

        self._layout = layout
        self._original = layout.make_margin_boxes
        offset = self

        def make_margin_boxes(context, page, state):
            if offset.shift is None:
                # The content is laid out: page_maker holds one entry per page and one more.
                offset.shift = offset.first_page(len(context.page_maker) - 1) - 1
            if offset.shift:
                state = list(state)
                counters = dict(state[1])
                counters["page"] = [value + offset.shift for value in counters["page"]]
                state[1] = counters
            return offset._original(context, page, state)

        layout.make_margin_boxes = make_margin_boxes
        return self

    def __exit__(self, *exc_info):
        self._layout.make_margin_boxes = self._original
        return False


@dataclass
class LaidOut:
    index: int
    pdf: bytes
    pages: int
    first_page: int
    #: Anchor → page of this piece (0-based).
    anchors: dict[str, int]
    #: Per page: WeasyPrint's bookmarks (level, label, (x, y), state) and the page height.
    bookmarks: list[tuple[list, float]]
    #: Every text each glyph was drawn for, by font (pdf_glyphs.Recording.texts).
    glyphs: dict = field(default_factory=dict)
    seconds: float = 0.0


def lay_out(index: int, html: str, render: Callable, write: Callable,
            first_page: Callable[[int], int]) -> LaidOut:
    """Lay a piece out: `render(html)` gives WeasyPrint's document (inside the offset's
    hook, so its folios follow `first_page`), `write(document)` its PDF bytes."""
    started = time.perf_counter()
    offset = _Offset(first_page)
    with offset:
        document = render(html)
    anchors = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, number)
    bookmarks = [([tuple(b) for b in page.bookmarks], page.height) for page in document.pages]
    with Recording() as glyphs:
        pdf = write(document)
    return LaidOut(index, pdf, len(document.pages), (offset.shift or 0) + 1, anchors,
                   bookmarks, glyphs.texts(), time.perf_counter() - started)


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


def join(parts: Sequence[LaidOut]) -> bytes:
    """One PDF of the laid-out pieces, in order (see the module's docstring)."""
    import pikepdf

    parts = sorted(parts, key=lambda p: p.index)
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
    _join_links(joined, pikepdf)
    _join_outline(joined, parts, page_of, pikepdf)
    if "/StructTreeRoot" in joined.Root:
        _join_structure(joined, sources, page_of, pikepdf)
    unify(joined, [part.glyphs for part in parts], pikepdf)
    out = io.BytesIO()
    joined.save(out, deterministic_id=True, fix_metadata_version=False,
                object_stream_mode=pikepdf.ObjectStreamMode.preserve)
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


def _join_links(joined, pikepdf) -> None:
    """`edition-piece:ID` → the internal link to ID that a one-piece layout writes."""
    for page in joined.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(LINK_SCHEME):
                name = uri[len(LINK_SCHEME):]
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
    nums = pikepdf.Array()
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
    root.ParentTree = joined.make_indirect(pikepdf.Dictionary(Nums=nums))
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
