"""The edition's own vocabulary: words an English dictionary lacks but the texts use rightly.

`tei/lexicon.txt` holds one word per line; `#` starts a comment, on a line of its own (to
head a group: why these words are right) or after the word. A word written in lower case
is also accepted capitalised or in capitals (`smychka`: `Smychka`, `SMYCHKA`); one written
with capitals only as written or in capitals (`NEP`, `Gosplan`). A possessive (`Gosplan’s`)
needs no entry of its own.

A line of several words is a phrase, whose words are accepted only together, where the
phrase stands (`Zapad i Vostok`: the Russian "i" is no English word elsewhere; `year
year`: two column heads of a table read as one line, not a doubled word). A line that
begins with `¶` holds the last
words of a paragraph that does end, without closing punctuation, where a page turns (a
signature, an address): so decided.

Names are words too: every form of a name in the personography (`persons.xml` beside the
texts) is known, so that a name the texts print outside a tagged `persName` (an index
heading, a list of signatures) needs no second entry here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from edition.messages import ERROR, WARNING, Message
from edition.xml import TEI_NS, Location, XMLLoadError, parse_file

FILE_NAME = "lexicon.txt"
PARAGRAPH_END = "¶"


@dataclass
class Lexicon:
    words: set[str] = field(default_factory=set)
    capitals: dict[str, set[str]] = field(default_factory=dict)  # upper form -> entries
    #: Where each entry was written (path, line), for unused-entry reports.
    origin: dict[str, Location] = field(default_factory=dict)
    problems: list[Message] = field(default_factory=list)
    #: Phrases whose words are accepted where the phrase stands: text -> pattern.
    phrases: dict[str, re.Pattern[str]] = field(default_factory=dict)
    #: Last words of paragraphs that end at a page turn without closing punctuation.
    paragraph_ends: list[str] = field(default_factory=list)
    #: The entries (words, doublings, endings) some text needed.
    used: set[str] = field(default_factory=set)

    def add(self, word: str, where: Location | None = None) -> None:
        self.words.add(word)
        self.capitals.setdefault(word.upper(), set()).add(word)
        if where is not None:
            self.origin.setdefault(word, where)

    def ends_paragraph(self, text: str) -> bool:
        """Whether a paragraph's text ends with one of the decided endings."""
        flat = " ".join(text.split())
        for ending in self.paragraph_ends:
            if flat.endswith(ending):
                self.used.add(PARAGRAPH_END + " " + ending)
                return True
        return False

    def phrase_spans(self, text: str) -> list[tuple[int, int]]:
        """Where the lexicon's phrases stand in a block's text."""
        spans = []
        for phrase, pattern in self.phrases.items():
            found = [m.span() for m in pattern.finditer(text)]
            if found:
                self.used.add(phrase)
                spans += found
        return spans

    def knows(self, word: str) -> bool:
        """Whether a word is in the lexicon, by the case rules above."""
        entry = self._entry(word)
        if entry is not None:
            self.used.add(entry)
        return entry is not None

    def _entry(self, word: str) -> str | None:
        if word in self.words:
            return word
        lower = word.lower()
        if word[:1].isupper() and word[1:] == lower[1:] and lower in self.words:
            return lower  # capitalised at a sentence's or heading's start
        if word.isupper() and self.capitals.get(word):
            return min(self.capitals[word])
        return None

    def unused(self, path: Path) -> list[Message]:
        """Warnings for the entries of one lexicon file that no text needed."""
        messages = []
        for entry, where in sorted(self.origin.items(), key=lambda e: e[1].line):
            if where.path == str(path) and entry not in self.used:
                messages.append(Message(where, WARNING, (
                    f"“{entry}” is in the lexicon but no text proofread needs it (or the "
                    "dictionaries know it): remove it"), "L021"))
        return messages


def read_lexicon(path: Path, lexicon: Lexicon | None = None) -> Lexicon:
    """Read a lexicon file (a missing file is an empty lexicon)."""
    lexicon = lexicon if lexicon is not None else Lexicon()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return lexicon
    for number, raw in enumerate(text.splitlines(), start=1):
        entry = raw.split("#", 1)[0].strip()
        if not entry:
            continue
        where = Location(str(path), number, raw.index(entry) + 1)
        if entry.startswith(PARAGRAPH_END):
            ending = " ".join(entry[len(PARAGRAPH_END):].split())
            if ending:
                lexicon.paragraph_ends.append(ending)
                lexicon.origin.setdefault(PARAGRAPH_END + " " + ending, where)
                continue
        if entry.startswith(PARAGRAPH_END):
            lexicon.problems.append(Message(where, ERROR, (
                f"“{entry}”: a paragraph's end needs its last words after the ¶"), "L020"))
            continue
        parts = entry.split()
        if len(parts) > 1:
            phrase = " ".join(parts)
            words = (re.escape(p).replace("’", "['’]").replace("'", "['’]") for p in parts)
            lexicon.phrases[phrase] = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")
            lexicon.origin.setdefault(phrase, where)
            continue
        lexicon.add(entry.replace("’", "'"), where)
    return lexicon


def add_names(lexicon: Lexicon, personography: Path) -> None:
    """Every word of every name form in a personography (persons.xml)."""
    try:
        document = parse_file(personography)
    except (OSError, XMLLoadError):
        return  # the texts' own check reports an unreadable file
    names = ("persName", "orgName", "placeName", "forename", "surname")
    for element in document.root.iter(*(f"{{{TEI_NS}}}{n}" for n in names)):
        for word in _name_words(" ".join(element.itertext())):
            lexicon.add(word)


def _name_words(text: str) -> Iterable[str]:
    for token in text.replace("’", "'").split():
        token = token.strip(".,;:()[]“”\"'")
        for part in [token, *token.split("-")]:
            if part and any(c.isalpha() for c in part):
                yield part
