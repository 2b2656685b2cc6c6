"""Is it a word, and what else might it be: Hunspell's English dictionaries, the lexicon,
and the usual confusions of OCR.

The dictionaries are Debian's `hunspell-en-us` and `hunspell-en-gb`, read through
PyEnchant (the Hunspell library itself, so affixes and compounds are judged as Hunspell
judges them). A word either variety knows is a word: the texts are American and British
translations, and an edition does not regularise spelling. Every lookup is cached: the
book's 164,000 words are some 11,000 different ones.

Suggestions come first from what OCR does to print (`rn` read for `m`, `f` for `t`, two
words run together) checked against the dictionaries, then from Hunspell's own list.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from edition.errors import UsageError
from edition.proof.lexicon import Lexicon
from edition.proof.words import APOSTROPHES, is_number

LANGUAGES = ("en_US", "en_GB")
#: What OCR reads for what was printed: (read, printed).
CONFUSIONS = (
    ("rn", "m"), ("m", "rn"), ("li", "h"), ("h", "li"), ("cl", "d"), ("d", "cl"), ("vv", "w"),
    ("f", "t"), ("t", "f"), ("c", "e"), ("e", "c"), ("o", "e"), ("e", "o"), ("u", "v"),
    ("v", "u"), ("y", "v"), ("n", "r"), ("r", "n"), ("n", "u"), ("u", "n"), ("x", "e"),
    ("i", "l"), ("l", "i"), ("1", "l"), ("1", "i"), ("l", "I"), ("I", "l"), ("0", "o"),
    ("b", "h"), ("h", "b"), ("a", "e"), ("e", "a"), ("s", "e"), ("ii", "u"), ("ri", "n"),
    ("tl", "th"), ("fh", "th"), ("[", "I"),
)
#: Where Hunspell dictionaries are installed (Debian's, and what $DICPATH adds).
DICTIONARY_DIRS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")
#: The short words OCR most often runs into their neighbours (`ina`, `ofthe`).
_SHORT_WORDS = {"a", "an", "the", "of", "to", "in", "on", "at", "and", "or", "is", "it", "as",
                "be", "by", "for", "we", "he", "not", "no", "so", "that", "this", "with", "from",
                "I"}
#: Words of one letter that are words.
_SINGLE = {"a", "A", "I", "O"}


def _dictionary_files() -> list[Path]:
    directories = [*os.environ.get("DICPATH", "").split(os.pathsep), *DICTIONARY_DIRS]
    found = []
    for language in LANGUAGES:
        for directory in directories:
            candidate = Path(directory) / f"{language}.dic" if directory else None
            if candidate is not None and candidate.is_file():
                found.append(candidate)
                break
    return found


def _dictionaries():
    try:
        import enchant
    except ImportError as exc:  # pragma: no cover - depends on the machine
        raise UsageError(
            "edition proof needs PyEnchant and the Enchant library: "
            "run scripts/setup.sh (Debian packages libenchant-2-2, hunspell-en-us, "
            "hunspell-en-gb)") from exc
    found = []
    for language in LANGUAGES:
        try:
            found.append(enchant.Dict(language))
        except enchant.errors.DictNotFoundError:
            continue
    if not found:
        raise UsageError(
            "no English Hunspell dictionary found: install the Debian packages "
            "hunspell-en-us and hunspell-en-gb (scripts/setup.sh does)")
    return found


class Speller:
    """Word lookups against the dictionaries and a lexicon, each answered once."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.dictionaries = _dictionaries()
        self.known = lru_cache(maxsize=None)(self._known)
        self.in_dictionary = lru_cache(maxsize=None)(self._in_dictionary)
        self.suggest = lru_cache(maxsize=None)(self._suggest)
        self._compounds: set[str] | None = None

    @property
    def compounds(self) -> set[str]:
        """The hyphenated compounds the dictionaries list as such (`far-fetched`), in lower
        case: Hunspell accepts any two words joined by a hyphen, so its answer for
        `per-sonography` says nothing about whether the compound is a word."""
        if self._compounds is None:
            self._compounds = set()
            for path in _dictionary_files():
                with path.open(encoding="utf-8", errors="replace") as lines:
                    for line in lines:
                        stem = line.split("/", 1)[0].strip()
                        if "-" in stem.strip("-"):
                            self._compounds.add(stem.lower())
        return self._compounds

    def listed_compound(self, compound: str) -> bool:
        """A compound the dictionaries list, bare or with a plain ending."""
        lower = compound.lower()
        return lower in self.compounds or any(
            lower.endswith(e) and lower[: -len(e)] in self.compounds
            for e in ("s", "es", "ed", "d", "ing", "ly", "ness"))

    def _in_dictionary(self, word: str) -> bool:
        return any(d.check(word) for d in self.dictionaries)

    def _known(self, word: str) -> bool:
        """A word of the dictionaries, the lexicon or the names, or a number; a possessive
        of one; a compound whose every part is one."""
        if not word:
            return False
        if word in _SINGLE or is_number(word):
            return True
        if len(word) == 1:
            # An initial ("A. Lobanov"); a lower-case letter is judged in its place
            # (checks.py: a list's label, a letter of "i.e."), never by itself.
            return word.isalpha() and word.isupper() or self.lexicon.knows(word)
        # The dictionaries first: a lexicon entry they know is needed by no text.
        if self.in_dictionary(word) or self.lexicon.knows(word):
            return True
        for ending in ("'s", "'"):
            if word.endswith(ending) and len(word) > len(ending) + 1:
                if self.known(word[: -len(ending)]):
                    return True
        if "-" in word.strip("-"):
            return all(self.known(part) for part in word.split("-") if part)
        return False

    def split(self, word: str) -> tuple[str, str] | None:
        """Two known words run together (`ina`: `in a`), the longer first part first: a
        short word and another, or two of four letters or more (not `per sonography`)."""
        for cut in range(len(word) - 1, 0, -1):
            head, tail = word[:cut], word[cut:]
            if head[-1] in APOSTROPHES or tail[0] in APOSTROPHES + "-":
                continue
            short = head.lower() in _SHORT_WORDS or tail.lower() in _SHORT_WORDS
            if not short and min(len(head), len(tail)) < 4:
                continue
            if self._plain(head) and self._plain(tail):
                return head, tail
        return None

    def compound_of(self, word: str) -> str | None:
        """The hyphenated compound the dictionaries list whose joined form `word` is
        (`ebbtide`: `ebb-tide`), if there is one."""
        for cut in range(len(word) - 1, 1, -1):
            compound = f"{word[:cut]}-{word[cut:]}"
            if self.listed_compound(compound):
                return compound
        return None

    def _plain(self, word: str) -> bool:
        if len(word) == 1:
            return word in _SINGLE
        return word.isalpha() and (self.in_dictionary(word) or self.lexicon.knows(word))

    def _suggest(self, word: str) -> tuple[str, ...]:
        found: list[str] = []
        for read, printed in CONFUSIONS:
            start = word.find(read)
            while start >= 0:
                candidate = word[:start] + printed + word[start + len(read):]
                if candidate not in found and self.known(candidate):
                    found.append(candidate)
                start = word.find(read, start + 1)
        halves = self.split(word)
        if halves:
            found.append(" ".join(halves))
        if not found:
            for dictionary in self.dictionaries[:1]:
                found += [s for s in dictionary.suggest(word) if s not in found]
        return tuple(found[:3])
