"""Words in, words out: the words of a TEI document's text and of a rendering of it.

"Never a word lost" is measured, not hoped for: every word of a TEI document's ``text`` and
``sourceDoc`` (never its ``teiHeader``) must appear in each output. Both sides are counted
the same way, as multisets (``Counter``), and the words lost are the difference::

    lost(tei_words(tei_root), xhtml_words(html_root))   # Counter() when nothing is lost

Counting rule, the same on both sides:
- text is cut at every element boundary and at whitespace, so ``<hi>a</hi>b`` is "a", "b"
  in the TEI and ``<i>a</i>b`` the same in XHTML (a rendering may add elements between
  words, never inside one);
- a word broken across a line, column or page (TEI ``lb``/``cb``/``pb`` with
  ``break="no"``) is joined, with the whitespace around the break; the output's in-word page
  marker (``span.pb-inword``, whose label "[p. 9]" the rendering adds) joins the same way;
- punctuation and symbols at either end of a word are stripped (the brackets, ellipses and
  quotation marks a rendering adds around a word), and what is left empty is no word;
- case is kept: CSS (``text-transform``) changes no text in the DOM.
Hidden text counts on the output side: a reading kept hidden beside the one shown is in the
page. Scripts and SVG foreignObject are not words (the stylesheets drop them for safety).
"""

from __future__ import annotations

import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SVG_NS = "http://www.w3.org/2000/svg"
MATHML_NS = "http://www.w3.org/1998/Math/MathML"

# Never words, in either tree: code, and SVG's hole for arbitrary markup.
_NOT_WORDS = {
    f"{{{SVG_NS}}}script", f"{{{XHTML_NS}}}script", f"{{{SVG_NS}}}foreignObject",
    f"{{{MATHML_NS}}}annotation-xml", f"{{{XHTML_NS}}}style", f"{{{SVG_NS}}}style",
}
_PARTS_AND_HEADER = {f"{{{TEI_NS}}}{name}" for name in ("text", "sourceDoc", "teiHeader")}
_WORD_BREAKS = {f"{{{TEI_NS}}}{name}" for name in ("lb", "cb", "pb")}

# A piece of text, or a marker: a boundary between words, or a join (no boundary, and the
# whitespace on either side of it dropped).
_BOUNDARY = object()
_JOIN = object()


def tei_words(root: etree._Element | etree._ElementTree) -> Counter:
    """The words of a TEI document's ``text`` and ``sourceDoc`` elements (of every TEI in a
    teiCorpus), its header left out."""
    if isinstance(root, etree._ElementTree):
        root = root.getroot()
    parts = [
        e for e in root.iter(f"{{{TEI_NS}}}text", f"{{{TEI_NS}}}sourceDoc")
        if not any(a.tag in _PARTS_AND_HEADER for a in e.iterancestors())
    ]
    return _count(piece for part in parts for piece in _walk(part, _tei_join))


def xhtml_words(root: etree._Element | etree._ElementTree) -> Counter:
    """The words of an XHTML document's body (all of it, hidden parts included); of the
    whole tree when it has no body (a fragment)."""
    if isinstance(root, etree._ElementTree):
        root = root.getroot()
    body = root if root.tag == f"{{{XHTML_NS}}}body" else root.find(f".//{{{XHTML_NS}}}body")
    return _count(_walk(root if body is None else body, _xhtml_join))


def content_words(files: Mapping[str, bytes]) -> Counter:
    """The words of the XHTML content documents among a package's files (an EPUB's,
    navigation included), each parsed by the safe loader."""
    from edition.xml import parse_bytes

    total: Counter = Counter()
    for name in sorted(files):
        if name.endswith(".xhtml"):
            total += xhtml_words(parse_bytes(files[name], name).root)
    return total


def epub_words(path: Path | str) -> Counter:
    """The words of every XHTML content document of an EPUB file."""
    with zipfile.ZipFile(path) as epub:
        return content_words({name: epub.read(name) for name in epub.namelist()
                              if name.endswith(".xhtml")})


def html_page_words(pages: Iterable[Path]) -> Counter:
    """The words of HTML5 pages (read as HTML, so hidden readings are included)."""
    total: Counter = Counter()
    parser = etree.HTMLParser(no_network=True, remove_comments=True)
    for page in pages:
        tree = etree.parse(str(page), parser)
        body = tree.find("body")
        total += xhtml_words(body if body is not None else tree.getroot())
    return total


def lost(tei: Counter, out: Counter) -> Counter:
    """The words of the TEI missing from an output, with how many times each is missing."""
    return tei - out


def words_of_text(text: str) -> list[str]:
    """The words of a plain string (PDF text, say), by the same rule."""
    return [w for w in (_strip(piece) for piece in text.split()) if w]


def _tei_join(element: etree._Element) -> bool:
    return element.tag in _WORD_BREAKS and element.get("break") == "no"


def _xhtml_join(element: etree._Element) -> bool:
    # The in-word page marker, and the page label that follows it (the web edition's link).
    if "pb-inword" in _classes(element):
        return True
    previous = element.getprevious()
    return ("pb-label" in _classes(element) and previous is not None and not previous.tail
            and "pb-inword" in _classes(previous))


def _classes(element: etree._Element) -> list[str]:
    return (element.get("class") or "").split()


def _walk(element: etree._Element, is_join) -> Iterator[object]:
    """The text pieces and markers of an element's content, in document order."""
    if not isinstance(element.tag, str) or element.tag in _NOT_WORDS:
        return
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str):
            if is_join(child):
                # Its own content (a page label the rendering adds) is no part of the word.
                yield _JOIN
            else:
                yield _BOUNDARY
                yield from _walk(child, is_join)
                yield _BOUNDARY
        if child.tail:
            yield child.tail


def _count(pieces: Iterable[object]) -> Counter:
    words: Counter = Counter()
    current = ""
    joining = False
    for piece in pieces:
        if piece is _BOUNDARY:
            words.update(words_of_text(current))
            current, joining = "", False
        elif piece is _JOIN:
            current, joining = current.rstrip(), True
        else:
            text = str(piece)
            if joining:
                text = text.lstrip()
                joining = not text
            current += text
    words.update(words_of_text(current))
    return words


def _strip(word: str) -> str:
    start, end = 0, len(word)
    while start < end and _is_mark(word[start]):
        start += 1
    while end > start and _is_mark(word[end - 1]):
        end -= 1
    return word[start:end]


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] in "PSZC"
