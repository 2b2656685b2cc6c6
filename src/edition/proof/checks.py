"""What a proofreader flags in a block of reading text, as messages with their places.

- L001 a word no dictionary, lexicon or name list knows (with a suggestion where one is
  likely);
- L002 a word printed twice running (`the the`);
- L003 a compound kept with a line-end hyphen where the dictionaries know only the joined
  word (`in-dustry`); L004 the reverse, a word joined where they know only the compound;
- L005 letters and figures mixed in one word (`tbe1`);
- L010 a paragraph broken, not ended: it stops without closing punctuation where a page
  turns, or the next paragraph goes on in lower case (across a page turn, or where the
  source had a blank line).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from edition.messages import ERROR, Message
from edition.proof.reading import Block
from edition.proof.spelling import Speller
from edition.proof.words import Word, is_number, mixes_figures, words
from edition.xml import Location

#: What a finished paragraph ends with, before closing quotes and brackets.
_CLOSING = ".?!:;…"
_AFTER_CLOSING = "”’\"')]»›*"
#: Blocks that hold running prose, whose end at a page turn is a question.
_PROSE = {"p"}
#: Words English grammar doubles ("he had had enough", "he said that that was so").
_DOUBLED_RIGHTLY = {"had", "that"}


class Locator:
    """Byte offsets of a source to `line:column` (columns in characters, from 1)."""

    def __init__(self, path: str, data: bytes):
        self.path = path
        self.data = data
        self.starts = [0]
        position = data.find(b"\n")
        while position >= 0:
            self.starts.append(position + 1)
            position = data.find(b"\n", position + 1)

    def __call__(self, offset: int) -> Location:
        index = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[index]
        column = len(self.data[start:offset].decode("utf-8", "replace")) + 1
        return Location(self.path, index + 1, column)


@dataclass
class Finding:
    """A suspicious word before it becomes a message: what is said, and where."""

    code: str
    offset: int
    text: str


def _quoted(text: str) -> str:
    return f"“{text}”"


def _suggestion(options: tuple[str, ...]) -> str:
    if not options:
        return ""
    return "; perhaps " + " or ".join(_quoted(o) for o in options)


class Proofreader:
    """Runs the checks over the blocks of one document."""

    def __init__(self, speller: Speller, suggest: bool = True):
        self.speller = speller
        self.suggest = suggest
        #: Lexicon entries some word was accepted by (for the report of unused entries).
        self.used: set[str] = set()

    def read(self, blocks: list[Block], locate: Locator) -> list[Message]:
        messages = []
        for block in blocks:
            for finding in self.block(block):
                messages.append(Message(locate(finding.offset), ERROR, finding.text,
                                        finding.code))
        return messages

    def block(self, block: Block) -> Iterator[Finding]:
        phrases = self.speller.lexicon.phrase_spans(block.text)
        tokens = list(words(block))
        if phrases:
            tokens = [w for w in tokens if not any(a <= w.start and w.end <= b
                                                   for a, b in phrases)]
        yield from self._doubled(block, tokens)
        for word in tokens:
            if word.judged and not _letter_in_its_place(block.text, word):
                finding = self.word(word)
                if finding is not None:
                    finding.offset = _offset(block, word.start)
                    yield finding
        if block.name in _PROSE:
            finding = self._paragraph_end(block)
            if finding is not None:
                yield finding

    def word(self, word: Word) -> Finding | None:
        key = word.key
        if is_number(key):
            return None
        if mixes_figures(key):
            return Finding("L005", 0, f"{_quoted(word.text)} mixes letters and figures: "
                           "an OCR misreading? Correct it in the ingest profile")
        speller = self.speller
        if speller.known(key):
            return None
        if "-" in key:
            joined = key.replace("-", "")
            if speller.in_dictionary(joined):
                return Finding("L003", 0, (
                    f"{_quoted(word.text)}: the dictionaries know only "
                    f"{_quoted(joined)}: a line-end hyphen kept? Join it in the ingest "
                    "profile (the book's [book.hyphenation] join), or add the compound to the "
                    "lexicon"))
        else:
            compound = speller.compound_of(key)
            if compound is not None:
                return Finding("L004", 0, (
                    f"{_quoted(word.text)} is no word the dictionaries know, but "
                    f"{_quoted(compound)} is: a line-end hyphen dropped? Keep it in the "
                    "ingest profile, or add the word to the lexicon (as printed)"))
        options = speller.suggest(key) if self.suggest else ()
        return Finding("L001", 0, (
            f"{_quoted(word.text)} is in no English dictionary, nor in the lexicon"
            f"{_suggestion(options)}: correct it in the ingest profile, or add it to the "
            "lexicon saying why it is right"))

    def _doubled(self, block: Block, tokens: list[Word]) -> Iterator[Finding]:
        text = block.text
        for first, second in zip(tokens, tokens[1:], strict=False):
            same = first.text.lower() == second.text.lower()
            if (same and first.text.isalpha() and (first.judged or second.judged)
                    and first.text.lower() not in _DOUBLED_RIGHTLY
                    and not text[first.end:second.start].strip()):
                yield Finding("L002", _offset(block, second.start), (
                    f"{_quoted(first.text + ' ' + second.text)}: a word printed twice? "
                    "Correct it in the ingest profile; if it is right, add the phrase "
                    f"“{first.text} {second.text}” to the lexicon"))

    def _paragraph_end(self, block: Block) -> Finding | None:
        """A paragraph that a page turn (or a blank line of the source) broke: it ends
        without closing punctuation where a page turns, or the next paragraph goes on in
        lower case."""
        text = block.text.rstrip()
        if not text or block.next_block not in _PROSE:
            return None  # a heading or a new division follows
        if self.speller.lexicon.ends_paragraph(text):
            return None  # decided in the lexicon
        ended = _ends_sentence(text)
        continues = block.next_text[:1].islower()
        turn = block.page_break_after is not None
        if (turn and ended and not continues) or (not turn and (ended or not continues)):
            return None
        if not turn:
            why = "ends without closing punctuation and the next goes on in lower case"
        elif ended:
            why = "is continued in lower case where the page turns"
        else:
            why = "ends without closing punctuation where the page turns"
        page = f"p. {block.next_page}" if block.next_page else "the next page"
        tail = " ".join(text.split()[-6:])
        head = " ".join(block.next_text.split()[:6])
        after = f" / {page}" if turn else " /"
        return Finding("L010", _offset(block, len(text) - 1), (
            f"the paragraph {why}: “…{tail}”{after}: “{head}…”: "
            "join the two in the ingest profile if it runs on; if it does end there, add "
            f"“¶ {' '.join(text.split()[-3:])}” to the lexicon"))


def _letter_in_its_place(text: str, word: Word) -> bool:
    """A lower-case letter standing alone that is no misreading: a list's label (“b)”,
    “(c)”, “f.” opening a sentence), a letter of a dotted abbreviation (“i.e.”, “e.g.”),
    or an abbreviation before a figure (“p. 215”, “n. 3”)."""
    if len(word.text) != 1 or not word.text.islower():
        return False
    before = text[:word.start].rstrip()
    after = text[word.end:]
    if after.startswith((")", "°")) or before.endswith("("):
        return True  # "b)", "(c)", "n° 1005"
    if text[word.start - 1:word.start] == ".":
        return True  # the plural of a dotted abbreviation: "S.R.s"
    if after.lstrip(". ")[:1].isdigit() and after[:1] in ". ":
        return True  # "p. 215", "p 304"
    if after.startswith(".") and (after[1:2].isalpha() or before.endswith(".")):
        return True  # i.e., e.g.: the letters on either side of a dot
    if after.startswith("."):
        label = not before or before[-1] in ".:;!?”)"
        figure = after[1:].lstrip()[:1].isdigit()
        return label or figure
    return False


def _ends_sentence(text: str) -> bool:
    """Closing punctuation at the end, before quotes; or an aside in brackets after it
    (`… to the end. [Applause]`)."""
    bare = text.rstrip(_AFTER_CLOSING)
    if bare[-1:] and bare[-1] in _CLOSING:
        return True
    for opening, closing in (("[", "]"), ("(", ")")):
        if text.endswith(closing) and opening in text:
            before = text[: text.rindex(opening)].rstrip()
            return _ends_sentence(before) if before else False
    return False


def _offset(block: Block, index: int) -> int:
    """The source offset of a character of the block (or of the nearest one placed)."""
    for i in range(index, -1, -1):
        if block.offsets[i] >= 0:
            return block.offsets[i]
    return block.offset
