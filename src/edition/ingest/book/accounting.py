"""Word accounting for the book: every word of the OCR's running text is in the TEI.

The OCR's words are those of its lines less the ones the ingest declares are not running
text: folios and running heads (pages.py) and the regions the profile declares illegible
(encoded as gap). The TEI's words are those of its text as the source reads: sic rather
than corr, nothing the project added (elements whose @resp is the project's: supplied
note numbers, supplied page numbers), no folios (fw), and the number of each endnote
(@n), which the OCR printed before the note. On both sides a hyphen at a line end is
closed up, and a hyphen between letters is dropped, so a line-end hyphen resolved either
way (joined, or kept in a compound) counts the same.

Two checks: the multisets of the whole book (nothing missing, nothing added), and page by
page (the words between one pb and the next against that page's OCR lines), which proves
the page breaks stand where the pages begin. Footnotes are counted on the page that calls
them; the one footnote that runs on to the next page is allowed for.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from edition.xml import TEI_NS

_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-\s*\n\s*(?=[^\W\d_])")
_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_WORD = re.compile(r"\w+")

CONTINUOUS = frozenset(
    """hi emph title persName placeName orgName name foreign term soCalled mentioned q date
    seg choice sic orig abbr unclear supplied ref docDate""".split()
)
NOT_SOURCE = frozenset({"corr", "reg", "expan", "gap", "desc", "fw"})


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text)
    text = _LINE_END_HYPHEN.sub("", text)
    text = _INNER_HYPHEN.sub("", text)
    return _WORD.findall(text)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


@dataclass
class PageText:
    """The TEI's source words, cut at every pb."""

    words_by_page: dict[str, list[str]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)


def tei_pages(text: etree._Element, project: str) -> PageText:
    """The source's words of a TEI text, per page (keyed by the pb's xml:id)."""
    result = PageText()
    current = ["(before the first page)"]
    chunks: dict[str, list[str]] = {current[0]: []}
    result.order.append(current[0])

    def emit(value: str | None) -> None:
        if value:
            chunks[current[0]].append(value)

    def walk(node: etree._Element) -> None:
        if not isinstance(node.tag, str):
            return
        name = _local(node)
        if name == "pb":
            page = node.get("{http://www.w3.org/XML/1998/namespace}id")
            if node.get("break") != "no":
                emit(" ")
            current[0] = page
            chunks.setdefault(page, [])
            result.order.append(page)
            return
        if name in NOT_SOURCE or project in (node.get("resp") or "").split():
            return
        continuous = name in CONTINUOUS and not (name == "ref" and node.get("type") == "noteref")
        if name == "lb" and node.get("break") == "no":
            continuous = True
        if not continuous:
            emit(" ")
        if name == "note" and node.get("place") == "end" and node.get("n"):
            emit(node.get("n") + " ")
        emit(node.text)
        for child in node:
            walk(child)
            emit(child.tail)
        if not continuous:
            emit(" ")

    walk(text)
    # A word broken across a page (pb break="no") counts as two fragments, one on each
    # page, exactly as the OCR prints them.
    joined = {page: "".join(parts) for page, parts in chunks.items()}
    result.words_by_page = {page: words(value) for page, value in joined.items()}
    return result


@dataclass
class Accounting:
    ocr: int
    tei: int
    missing: Counter
    extra: Counter
    page_problems: list[str]

    @property
    def complete(self) -> bool:
        return not self.missing

    def describe(self, limit: int = 12) -> str:
        lines = [f"{self.ocr} words in the OCR's running text, {self.tei} in the TEI"]
        if self.missing:
            shown = ", ".join(f"{w}×{n}" for w, n in self.missing.most_common(limit))
            lines.append(f"missing from the TEI ({sum(self.missing.values())}): {shown}")
        if self.extra:
            shown = ", ".join(f"{w}×{n}" for w, n in self.extra.most_common(limit))
            lines.append(f"in the TEI but not the OCR ({sum(self.extra.values())}): {shown}")
        lines.extend(self.page_problems[:limit])
        return "\n".join(lines)


def account(ocr_pages: dict[str, list[str]], tei: PageText,
            moved: dict[str, str] | None = None) -> Accounting:
    """Compare the OCR's words per page (page id -> lines) with the TEI's.

    `moved` maps a page id to the page whose TEI holds some of its words (a footnote
    that runs on from the previous page); such pages are compared together.
    """
    moved = moved or {}
    ocr_words = {page: words("\n".join(lines)) for page, lines in ocr_pages.items()}
    all_ocr = Counter(w for ws in ocr_words.values() for w in ws)
    all_tei = Counter(w for ws in tei.words_by_page.values() for w in ws)
    problems = []
    groups: dict[str, list[str]] = {}
    for page in ocr_words:
        groups.setdefault(moved.get(page, page), []).append(page)
    for members in groups.values():
        ocr = Counter(w for p in members for w in ocr_words[p])
        got = Counter(w for p in members for w in tei.words_by_page.get(p, []))
        if ocr != got:
            lost = ocr - got
            added = got - ocr
            problems.append(f"page {'+'.join(members)}: missing {dict(lost.most_common(5))}, "
                            f"added {dict(added.most_common(5))}")
    return Accounting(sum(all_ocr.values()), sum(all_tei.values()), all_ocr - all_tei,
                      all_tei - all_ocr, problems)


def tei_text_element(tree: etree._ElementTree) -> etree._Element:
    return tree.getroot().find(f"{{{TEI_NS}}}text")
