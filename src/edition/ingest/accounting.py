"""Word accounting: proof that the TEI holds every word of its seed, and nothing of ours.

The seed's words are those of its kept lines (everything but the lines the profile removes),
after dropping what is markup rather than text: HTML tags (``<sup>``), the address part of a
Markdown link (``](https://…)``, which lives on in ``ref/@target``). The TEI's words are those
of its ``text`` as the source reads: ``sic`` rather than ``corr``, ``orig`` rather than
``reg``, nothing the edition project added (any element whose ``@resp`` names the project:
its notes, corrections, supplied words), and the number of each endnote (``@n``), which the
seed printed. On both sides a hyphen followed by white space is closed up (``Opposi- tion``
is ``Opposition``), so line-end hyphenation resolved either way still counts the same.

Words are runs of letters and digits (``\\w+``), compared as multisets (``missing``, ``extra``)
and in order (``first_difference``). ``edition ingest`` refuses to write a text with a word
missing; the test suite checks every text of the edition the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from edition.ingest.teixml import local

_HTML = re.compile(r"</?(?:sup|sub|b|i|em|strong|br|span|a|u|s)\b[^>]*>", re.IGNORECASE)
_LINK_TARGET = re.compile(r"\]\([^()\s]*\)")
_HYPHEN_BREAK = re.compile(r"-\s+")
_WORD = re.compile(r"\w+")

# Elements whose text runs on from its neighbours: no word boundary at their edges. (A
# link, ref, always had brackets or spaces around it in the seed: it is a boundary.)
CONTINUOUS = frozenset(
    """hi emph title persName placeName orgName name foreign term soCalled mentioned q date
    seg choice sic orig abbr unclear supplied""".split()
)
# Readings that are not the source's: the source's reading is the other member of the choice.
NOT_SOURCE = frozenset({"corr", "reg", "expan"})


def words(text: str) -> list[str]:
    """The words of a string, after the normalisation described above."""
    text = unicodedata.normalize("NFC", text)
    text = _HTML.sub(" ", text)
    text = _LINK_TARGET.sub("]", text)
    text = _HYPHEN_BREAK.sub("", text)
    return _WORD.findall(text)


def seed_words(lines: Iterable[str]) -> list[str]:
    """The words of the seed lines kept by the profile (one string per line)."""
    return words("\n".join(lines))


def _is_projects(element: etree._Element, project_pointer: str) -> bool:
    return project_pointer in (element.get("resp") or "").split()


def tei_text(text: etree._Element, project_pointer: str) -> str:
    """The source's reading of a TEI ``text``, with word boundaries at block edges."""
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        if not isinstance(node.tag, str):
            return
        name = local(node)
        if name in NOT_SOURCE or name in ("gap", "desc") or _is_projects(node, project_pointer):
            return
        continuous = name in CONTINUOUS
        if name in ("pb", "lb") and node.get("break") == "no":
            continuous = True
        if not continuous:
            out.append(" ")
        if name == "note" and node.get("n") and node.get("place") == "end":
            out.append(node.get("n") + " ")
        if node.text:
            out.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                out.append(child.tail)
        if not continuous:
            out.append(" ")

    walk(text)
    return "".join(out)


def tei_words(text: etree._Element, project_pointer: str) -> list[str]:
    return words(tei_text(text, project_pointer))


@dataclass(frozen=True)
class Accounting:
    seed: int
    tei: int
    missing: Counter[str]
    extra: Counter[str]
    first_difference: int | None
    seed_context: str
    tei_context: str

    @property
    def complete(self) -> bool:
        """No word of the seed is missing from the TEI."""
        return not self.missing

    @property
    def exact(self) -> bool:
        """The TEI reads exactly the seed's words, in the seed's order."""
        return self.first_difference is None

    def describe(self, limit: int = 12) -> str:
        lines = [f"{self.seed} words in the seed, {self.tei} in the TEI"]
        if self.missing:
            shown = ", ".join(f"{w}×{n}" for w, n in self.missing.most_common(limit))
            lines.append(f"missing from the TEI ({sum(self.missing.values())}): {shown}")
        if self.extra:
            shown = ", ".join(f"{w}×{n}" for w, n in self.extra.most_common(limit))
            lines.append(f"in the TEI but not the seed ({sum(self.extra.values())}): {shown}")
        if self.first_difference is not None:
            lines.append(
                f"first difference at word {self.first_difference}: seed “{self.seed_context}”"
                f" / TEI “{self.tei_context}”"
            )
        return "\n".join(lines)


def compare(seed: list[str], tei: list[str]) -> Accounting:
    first = next((i for i, (a, b) in enumerate(zip(seed, tei, strict=False)) if a != b), None)
    if first is None and len(seed) != len(tei):
        first = min(len(seed), len(tei))
    window = slice(max(0, (first or 0) - 5), (first or 0) + 8)
    return Accounting(
        seed=len(seed),
        tei=len(tei),
        missing=Counter(seed) - Counter(tei),
        extra=Counter(tei) - Counter(seed),
        first_difference=first,
        seed_context=" ".join(seed[window]) if first is not None else "",
        tei_context=" ".join(tei[window]) if first is not None else "",
    )
