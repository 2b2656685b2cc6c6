"""Line-end hyphenation, decided from the book's own evidence.

When a line ends in `Opposi-` and the next begins `tion`, the hyphen is either the
typesetter's (join: `Opposition`) or part of a compound (keep: `pro-kulak`). The book
itself usually says which: the same word printed elsewhere mid-line, whole or with its
hyphen. Only where the book never prints the word mid-line do weaker rules decide
(a capital after the hyphen, a number range), and those joins are reported as undecided.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

WORD = re.compile(r"[A-Za-z\u00C0-\u024F’']+(?:-[A-Za-z\u00C0-\u024F’']+)*")
# A line that ends in a hyphen glued to a letter: the word continues on the next line.
HYPHEN_END = re.compile(r"([A-Za-z\u00C0-\u024F’']+)-$")
FIRST_WORD = re.compile(r"^[A-Za-z\u00C0-\u024F’']+")


def _key(word: str) -> str:
    return word.lower().replace("’", "'")


@dataclass(frozen=True)
class Decision:
    join: bool  # True: drop the hyphen; False: keep it (a compound)
    evidence: str  # "whole", "hyphenated", "majority-whole", ..., or "undecided"

    @property
    def decided(self) -> bool:
        return self.evidence not in ("undecided", "undecided-capital")


class Lexicon:
    """How often each word is printed mid-line, whole or hyphenated."""

    def __init__(self, lines: Iterable[str]):
        self.whole: Counter[str] = Counter()
        self.hyphenated: Counter[str] = Counter()
        self.heads: Counter[str] = Counter()  # first elements of hyphenated compounds
        previous_hyphenated = False
        for text in lines:
            stripped = text.strip()
            words = WORD.findall(stripped)
            if previous_hyphenated and words:
                words = words[1:]  # the tail of a word broken at the previous line end
            previous_hyphenated = bool(HYPHEN_END.search(stripped))
            if previous_hyphenated and words:
                words = words[:-1]  # the head of a word broken at this line's end
            for word in words:
                key = _key(word)
                if "-" in key:
                    self.hyphenated[key] += 1
                    self.heads[key.split("-")[0]] += 1
                    for part in key.split("-"):
                        self.whole[part] += 0  # parts are not evidence of the joined form
                else:
                    self.whole[key] += 1

    def decide(self, left: str, right: str) -> Decision:
        """Should `left-` at a line end and `right` at the next line's start be joined?"""
        joined = _key(left + right)
        compound = _key(left + "-" + right)
        whole, hyphenated = self.whole[joined], self.hyphenated[compound]
        if whole and not hyphenated:
            return Decision(True, "whole")
        if hyphenated and not whole:
            return Decision(False, "hyphenated")
        if whole and hyphenated:
            return Decision(whole >= hyphenated, "majority-whole" if whole >= hyphenated
                            else "majority-hyphenated")
        # Inflected forms: the book prints "opposition" but never "oppositions".
        for suffix in ("s", "es", "ed", "d", "ing", "ly", "'s"):
            if joined.endswith(suffix) and self.whole[joined[: -len(suffix)]]:
                return Decision(True, "whole-stem")
            if compound.endswith(suffix) and self.hyphenated[compound[: -len(suffix)]]:
                return Decision(False, "hyphenated-stem")
            if self.whole[joined + suffix]:
                return Decision(True, "whole-inflected")
            if self.hyphenated[compound + suffix]:
                return Decision(False, "hyphenated-inflected")
        if right[:1].isupper():
            return Decision(False, "undecided-capital")  # anti-Trotsky, pro-Soviet
        # A prefix the book prints in hyphenated compounds ("pro-tsarist", "pseudo-Marxism")
        # before a word of its own makes a compound: "pro-kulak", "pseudo-dialectics".
        if self.heads[_key(left)] and self.whole[_key(right)]:
            return Decision(False, "compound-head")
        # A compound joins words; a head the book never prints as a word of its own
        # ("interpola-", "recom-") is a fragment of one word.
        if not self.whole[_key(left)]:
            return Decision(True, "fragment")
        return Decision(True, "undecided")


def split_at_line_end(line: str, next_line: str) -> tuple[str, str] | None:
    """(left, right) when `line` ends with a hyphenated word continued by `next_line`."""
    end = HYPHEN_END.search(line.rstrip())
    start = FIRST_WORD.match(next_line.lstrip())
    if end is None or start is None:
        return None
    return end.group(1), start.group(0)
