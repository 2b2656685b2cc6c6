"""Words of a block of reading text, and what kind of token each is.

A word is a run of letters, with apostrophes and hyphens inside it (`workers’`,
`working-class`, `Zinoviev’s`); quotation marks and hyphens at its edges are not part of
it. Tokens with figures are numbers, ordinals (`12th`, `1920s`) or, when letters and
figures mix otherwise, suspicious (`l9l7`). Web addresses are no words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from edition.proof.reading import NOT_JUDGED, Block

_TOKEN = re.compile(r"[^\W_](?:[\w’'\-\u2011]*[^\W_])?")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w.-]+\.(?:xml|html?|php)\b")
# Ordinals, decades, and an index's locators of notes (`415n`: the note on p. 415).
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|d|s|[’']s|n)", re.IGNORECASE)
_ROMAN = re.compile(r"(?=[MDCLXVI])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})"
                    r"(?:st|nd|rd|th)?")
APOSTROPHES = "’'"


@dataclass(frozen=True)
class Word:
    text: str
    start: int  # index of its first character in the block's text
    end: int
    judged: bool  # every character of it is English text to check

    @property
    def key(self) -> str:
        """The form looked up: typographic apostrophes as ASCII ones."""
        return self.text.replace("’", "'").replace("\u2011", "-")


def words(block: Block) -> Iterator[Word]:
    """The tokens of a block, in order (numbers included, web addresses left out)."""
    text = block.text
    addresses = [m.span() for m in _ADDRESS.finditer(text)]
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in addresses):
            continue
        # A word run into an address that follows it ("1922https://…") ends there.
        end = min([end, *(a for a, _ in addresses if start < a < end)])
        judged = NOT_JUDGED not in block.flags[start:end]
        yield Word(text[start:end], start, end, judged)


def is_number(token: str) -> bool:
    """A figure, an ordinal, a decade or a Roman numeral: not a word to look up."""
    if token.isalpha() and token.islower():
        return False  # the common case, answered at once
    parts = token.replace("’", "'").split("-")
    return all(p.isdigit() or _ORDINAL.fullmatch(p) or _ROMAN.fullmatch(p) for p in parts if p)


def mixes_figures(token: str) -> bool:
    """Letters and figures in one part of a token that is no number (`tbe1`, `l9l7`)."""
    if not any(c.isdigit() for c in token):
        return False
    return any(any(c.isdigit() for c in part) and any(c.isalpha() for c in part)
               and not (_ORDINAL.fullmatch(part) or part.isdigit())
               for part in token.replace("’", "'").split("-"))
