"""The citation trees a text declares in its header (encodingDesc/refsDecl/citeStructure):
how its passages are cited, which the DTS API navigates (edition.dts).

- A book (kind "book") has two trees. The default one, "writings": each writing of the
  body (also inside a part), by its xml:id; its chapters, by what their xml:id adds to
  the writing's (`new-course.3`, `new-course.app1`); their paragraphs by position
  (`new-course.3.p12`, or `first-letter.p5` in a writing without chapters); the divisions
  of the front and back matter alike (`ed-introduction.events.p2`). The second, "pages":
  each printed page by its number (`67`; an unnumbered one by its xml:id, `title-page`),
  from its pb to the next.
- Any other text (kind "text"): the divisions of its front, body and back by position,
  with their paragraphs (edition.dts.trees.division_tree).

The XPath is what edition.dts.xpaths lets a build evaluate, TEI the default namespace.
"""

from __future__ import annotations

from lxml import etree

from edition.dts.trees import TITLE, division_tree
from edition.ingest.teixml import el, tei

WRITINGS = ("/TEI/text/body/div[@type='writing'] "
            "| /TEI/text/body/div[@type='part']/div[@type='writing']")
MATTER = "/TEI/text/front/div | /TEI/text/back/div"
# What a chapter's xml:id adds to its writing's: "new-course-3" in "new-course" is "3".
CHAPTER = ("if (starts-with(@xml:id, concat(../@xml:id, '-'))) "
           "then substring-after(@xml:id, concat(../@xml:id, '-')) else @xml:id")
PARAGRAPH = "concat('p', position())"


def declare(root: etree._Element, kind: str) -> None:
    """Put the text's citation trees in its header, after the editorial declaration."""
    if kind == "book":
        trees = book_trees()
    elif kind == "text":
        trees = [division_tree(root, paragraphs=True)]
    else:
        return
    encoding = root.find(f"{tei('teiHeader')}/{tei('encodingDesc')}")
    anchor = encoding.find(tei("editorialDecl"))
    for offset, tree in enumerate(trees, start=1):
        encoding.insert(encoding.index(anchor) + offset, tree)


def book_trees() -> list[etree._Element]:
    def divisions(unit: str, match: str, use: str, inner: str) -> etree._Element:
        structure = _structure(unit, match, use)
        structure.append(el("citeData", {"property": TITLE, "use": "head"}))
        chapter = _structure(inner, "div", CHAPTER, ".")
        chapter.append(el("citeData", {"property": TITLE, "use": "head"}))
        chapter.append(_structure("paragraph", "p", PARAGRAPH, "."))
        structure.append(chapter)
        structure.append(_structure("paragraph", "p", PARAGRAPH, "."))
        return structure

    writings = el("refsDecl", {"n": "writings", "default": "true"},
                  divisions("writing", WRITINGS, "@xml:id", "chapter"),
                  divisions("section", MATTER, "@xml:id", "section"))
    # An unnumbered page (a cover, the title page) by its xml:id.
    pages = el("refsDecl", {"n": "pages"},
               _structure("page", "/TEI/text//pb", "(@n, @xml:id)[1]"))
    return [writings, pages]


def _structure(unit: str, match: str, use: str, delim: str | None = None) -> etree._Element:
    return el("citeStructure", {"unit": unit, "match": match, "use": use, "delim": delim})
