"""A synthetic archive of other projects' TEI: many kinds of TEI P5 files, none of them ours.

    python3 bench/foreign_corpus.py 100 /tmp/archive            # 100 files
    python3 bench/foreign_corpus.py 14 /tmp/archive --check     # and validate against tei_all

`make_archive(directory, count, seed)` writes `count` TEI P5 files the way archives hold
them, in a directory per kind, and returns the bytes it wrote (TEI and pictures):

- `drama/`: plays with a title page and a cast list, acts and scenes, speeches (`sp`,
  `speaker`) in verse (`l`) or prose, stage directions;
- `novels/AUTHOR/`: novels in chapters (`div`/`head`/`p`), names (`persName`,
  `placeName`), notes with various `@place`, quotations, `hi` with various `@rend`,
  epigraphs, verse, milestones;
- `letters/YEAR/`: letters with a `correspDesc` (sent and received), opener, closer,
  salute, dateline, signature, postscript;
- `manuscripts/`: diplomatic transcriptions with an `msDesc`: `choice` (abbr/expan,
  sic/corr, orig/reg), `lb` and `pb` (some with `@break="no"` inside a word), `gap` with a
  `desc`, `unclear`, `add`, `del`, `subst`, `supplied`;
- `genetic/`: genetic transcriptions (`sourceDoc`/`surface`/`zone`/`line`), with a reading
  text, or the `sourceDoc` alone;
- `apparatus/`: critical editions (`app`/`lem`/`rdg` with `@wit`, a `listWit`);
- `statistics/`: reports with tables (`@rows`, `@cols`, cells spanning columns, tables
  inside paragraphs);
- `plates/`: catalogues of figures (`graphic`, `head`, `figDesc`): some pictures beside
  the file (small PNGs in `img/`), some named and absent, some figures without a picture;
- `early-prints/`: old prints with a `charDecl` and `g` (long s, ligatures, an ornament),
  running heads and catchwords (`fw`);
- `collections/`: `teiCorpus` files holding 2 or 3 `TEI` members.

Headers are full (titleStmt title and author, publicationStmt, sourceDesc); some have an
`editorialDecl` or a `projectDesc`, some a `seriesStmt` with `biblScope/@n` (the order of
the series), some a `revisionDesc`, some an `<?xml-model?>` naming tei_all on the web. The
words come from a pseudo-random vocabulary; the sizes are log-uniform between a few KB and
about 200 KB (each kind its own range). Everything is drawn from `random.Random` seeded
with the seed and the file's number, so the same seed gives the same bytes, and an archive
of n files is the first n files of a larger one. Every file is valid against tei_all.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
TEI_ALL_URL = "http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"

#: The kinds of file, in the order the first files take them (so that 14 files hold every
#: kind, and a sourceDoc both with a text and alone); then drawn with these weights.
FIRST = ("drama", "novel", "letter", "manuscript", "genetic", "apparatus", "table",
         "figure", "glyph", "corpus", "genetic", "letter", "novel", "corpus")
WEIGHTS = {"drama": 9, "novel": 20, "letter": 30, "manuscript": 9, "genetic": 5,
           "apparatus": 6, "table": 6, "figure": 5, "glyph": 6, "corpus": 4}
#: The range of each kind's size in bytes (log-uniform; the indentation adds up to 15%).
SIZES = {"drama": (15_000, 170_000), "novel": (8_000, 200_000), "letter": (2_500, 25_000),
         "manuscript": (4_000, 90_000), "genetic": (4_000, 60_000),
         "apparatus": (5_000, 120_000), "table": (4_000, 60_000), "figure": (3_000, 40_000),
         "glyph": (5_000, 150_000), "corpus": (10_000, 175_000)}
LANGUAGES = ("en", "en", "en", "de", "fr", "it", "nl", "sv")


# ---------------------------------------------------------------- words


class Vocabulary:
    """Pseudo-words (with a Zipf-like frequency), given names, surnames and places."""

    ONSETS = ("", "b", "br", "c", "ch", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l",
              "m", "n", "p", "pr", "qu", "r", "s", "sc", "sh", "sl", "st", "t", "th", "tr",
              "v", "w", "wh", "z")
    NUCLEI = ("a", "a", "a", "e", "e", "e", "e", "i", "i", "i", "o", "o", "o", "u", "u",
              "ai", "ea", "ee", "ou", "oa", "ie", "ay", "oo", "au", "ei", "a", "e", "i", "o",
              "é", "ö", "å", "æ")
    CODAS = ("", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ct", "ss", "rt", "ng",
             "th", "ck", "x")

    def __init__(self, seed: int, size: int = 6000):
        rng = random.Random(f"vocabulary:{seed}")
        seen: set[str] = set()
        self.words: list[str] = []
        while len(self.words) < size:
            word = self._word(rng, rng.choice((1, 1, 2, 2, 2, 3, 3, 4)))
            if word not in seen:
                seen.add(word)
                self.words.append(word)
        self.words.sort(key=len)  # the shortest words are the commonest, as in a language
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in
                                                    range(len(self.words))))
        self.given = [self._word(rng, rng.choice((2, 2, 3))).capitalize() for _ in range(300)]
        self.surnames = [self._word(rng, rng.choice((2, 3, 3))).capitalize()
                         for _ in range(500)]
        self.places = [self._word(rng, rng.choice((2, 3))).capitalize() + rng.choice(
            ("", "", "ton", "burg", "ville", "holm", "stead", "mouth")) for _ in range(200)]

    def _word(self, rng: random.Random, syllables: int) -> str:
        return "".join(rng.choice(self.ONSETS) + rng.choice(self.NUCLEI) + rng.choice(
            self.CODAS) for _ in range(syllables))


class Words:
    """A file's draws from the vocabulary."""

    def __init__(self, vocabulary: Vocabulary, rng: random.Random):
        self.v = vocabulary
        self.rng = rng

    def take(self, n: int) -> list[str]:
        return self.rng.choices(self.v.words, cum_weights=self.v.cumulative, k=n)

    def phrase(self, low: int = 1, high: int = 4) -> str:
        return " ".join(self.take(self.rng.randint(low, high)))

    def sentence(self, low: int = 4, high: int = 18) -> str:
        words = self.take(self.rng.randint(low, high))
        words[0] = words[0].capitalize()
        for i in range(2, len(words) - 2, 5):
            if self.rng.random() < 0.3:
                words[i] += self.rng.choice((",", ",", ";", ":"))
        return " ".join(words) + self.rng.choice((".", ".", ".", ".", "?", "!"))

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def title(self) -> str:
        a, b = (w.capitalize() for w in self.take(2))
        return self.rng.choice((f"The {a} of {b}", f"{a} and {b}", a, f"{a}: a {b}",
                                f"{a} {b}", f"The {a}"))

    def person(self) -> str:
        return f"{self.rng.choice(self.v.given)} {self.rng.choice(self.v.surnames)}"

    def place(self) -> str:
        return self.rng.choice(self.v.places)

    def date(self, first: int, last: int) -> tuple[str, str]:
        """(ISO date, the same in words)."""
        year, month, day = self.rng.randint(first, last), self.rng.randint(1, 12), \
            self.rng.randint(1, 28)
        months = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")
        return f"{year:04d}-{month:02d}-{day:02d}", f"{day} {months[month - 1]} {year}"


# ---------------------------------------------------------------- building trees


def sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str
        ) -> etree._Element:
    element = etree.SubElement(parent, _T + tag, {_attribute(k): v
                                                  for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _attribute(keyword: str) -> str:
    """`xml__id` is xml:id, `break_` is break."""
    if keyword.startswith("xml__"):
        return f"{{{XML_NS}}}{keyword[5:]}"
    return keyword.rstrip("_")


def add_text(parent: etree._Element, text: str) -> None:
    """Text at the end of a mixed-content element."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def size_of(element: etree._Element) -> int:
    return len(etree.tostring(element, encoding="UTF-8"))


class File:
    """One file being made: its random draws, words and counters for ids."""

    def __init__(self, vocabulary: Vocabulary, seed: int, number: int, kind: str):
        self.rng = random.Random(f"file:{seed}:{number}")
        self.w = Words(vocabulary, self.rng)
        self.number = number
        self.kind = kind
        self.pictures: dict[str, bytes] = {}  # path relative to the file's directory
        self._ids = itertools.count(1)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids)}"

    def budget(self, kind: str | None = None, scale: float = 1.0) -> int:
        low, high = SIZES[kind or self.kind]
        return int(math.exp(self.rng.uniform(math.log(low), math.log(high))) * scale)


# ---------------------------------------------------------------- headers


def header(f: File, *, title: str, authors: list[str], source: Callable | None = None,
           editorial: bool | None = None, series: tuple[str, int] | None = None,
           encoding: list[Callable] = (), profile: list[Callable] = (),
           sub_title: str | None = None) -> etree._Element:
    rng, w = f.rng, f.w
    head = etree.Element(_T + "teiHeader")
    file_desc = sub(head, "fileDesc")
    statement = sub(file_desc, "titleStmt")
    if sub_title:
        sub(statement, "title", title, type="main")
        sub(statement, "title", sub_title, type="sub")
    else:
        sub(statement, "title", title)
    for name in authors:
        if f.chance(0.3):
            given, surname = name.split(" ", 1)
            person = sub(sub(statement, "author"), "persName")
            sub(person, "forename", given)
            add_text(person, " ")
            sub(person, "surname", surname)
        else:
            sub(statement, "author", name)
    if f.chance(0.5):
        responsibility = sub(statement, "respStmt")
        sub(responsibility, "resp", rng.choice(("Transcription", "Encoding", "Proofreading")))
        sub(responsibility, "name", w.person())
    publication = sub(file_desc, "publicationStmt")
    if f.chance(0.15):
        sub(publication, "p", "Unpublished working file of the archive.")
    else:
        sub(publication, "publisher", f"The {w.place()} Text Archive")
        sub(publication, "pubPlace", w.place())
        year = str(rng.randint(1995, 2025))
        sub(publication, "date", year, when=year)
        availability = sub(publication, "availability", status="free")
        sub(availability, "licence", "Creative Commons Attribution 4.0",
            target="https://creativecommons.org/licenses/by/4.0/")
        sub(publication, "idno", f"ARCH-{f.number:06d}", type="archive")
    if series:
        series_statement = sub(file_desc, "seriesStmt")
        sub(series_statement, "title", series[0])
        sub(series_statement, "biblScope", str(series[1]), unit="volume", n=str(series[1]))
    source_desc = sub(file_desc, "sourceDesc")
    if source:
        source(source_desc)
    elif f.chance(0.2):
        sub(source_desc, "p", "Born digital.")
    else:
        bibl = sub(source_desc, "bibl")
        for name in authors:
            sub(bibl, "author", name)
        add_text(bibl, ", ")
        sub(bibl, "title", title, level="m")
        add_text(bibl, ". ")
        sub(bibl, "pubPlace", w.place())
        add_text(bibl, ": ")
        sub(bibl, "publisher", w.person())
        add_text(bibl, ", ")
        year = str(rng.randint(1780, 1930))
        sub(bibl, "date", year, when=year)
        add_text(bibl, ".")
    if editorial is None:
        editorial = f.chance(0.4)
    if editorial or encoding or f.chance(0.15):
        encoding_desc = sub(head, "encodingDesc")
        if f.chance(0.3):
            sub(sub(encoding_desc, "projectDesc"), "p",
                f"Digitised by the {w.place()} Text Archive. " + w.sentence())
        if editorial:
            decl = sub(encoding_desc, "editorialDecl")
            if f.chance(0.5):
                sub(decl, "p", rng.choice((
                    "Spelling and punctuation are those of the source.",
                    "Obvious misprints are corrected and the original recorded.",
                    "Line breaks are kept; hyphenation at line end is recorded.")))
            else:
                sub(sub(decl, "correction", status="high"), "p", "Errors are corrected.")
                sub(sub(decl, "normalization"), "p", "The spelling is not normalised.")
                sub(sub(decl, "hyphenation", eol="some"), "p",
                    "Hyphens at the end of lines are removed.")
        for part in encoding:
            part(encoding_desc)
        if not len(encoding_desc):
            sub(encoding_desc, "p", "Encoded from the printed text in TEI P5.")
    if profile or f.chance(0.3):
        profile_desc = sub(head, "profileDesc")
        for part in profile:
            part(profile_desc)
        if not profile:
            languages = sub(profile_desc, "langUsage")
            sub(languages, "language", "English", ident="en")
    if f.chance(0.35):
        revisions = sub(head, "revisionDesc")
        dates = sorted((f"{rng.randint(2005, 2024)}-{rng.randint(1, 12):02d}-"
                        f"{rng.randint(1, 28):02d}" for _ in range(rng.randint(1, 3))),
                       reverse=True)  # the newest first
        for when in dates:
            sub(revisions, "change", rng.choice(("Encoded.", "Proofread.", "Converted.")),
                when=when)
    return head


def tei(f: File, head: etree._Element, *parts: etree._Element) -> etree._Element:
    root = etree.Element(_T + "TEI", nsmap={None: TEI_NS})
    if f.chance(0.7):
        root.set(XML_LANG, f.rng.choice(LANGUAGES))
    if f.chance(0.3):
        root.set(XML_ID, f.rng.choice(("text", "main", f"t{f.number}")))
    root.append(head)
    root.extend(parts)
    return root


def text_element(*parts: etree._Element) -> etree._Element:
    text = etree.Element(_T + "text")
    text.extend(parts)
    return text


# ---------------------------------------------------------------- running text


def prose(f: File, parent: etree._Element, features: list[Callable], low: int = 2,
          high: int = 8, density: float = 0.3) -> None:
    """Sentences in a mixed-content element, some with an inline feature."""
    for _ in range(f.rng.randint(low, high)):
        if features and f.chance(density):
            add_text(parent, f.w.phrase(1, 6) + " ")
            f.rng.choice(features)(f, parent)
            add_text(parent, " " + f.w.phrase(1, 8) + ". ")
        else:
            add_text(parent, f.w.sentence() + " ")
    if len(parent):
        parent[-1].tail = parent[-1].tail.rstrip()
    else:
        parent.text = parent.text.rstrip()


def i_hi(f: File, p: etree._Element) -> None:
    rend = f.rng.choice(("italic", "italic", "bold", "smallcaps", "superscript", "underline",
                         "spaced", "caps"))
    sub(p, "hi", f.w.phrase(1, 3), rend=rend)


def i_names(f: File, p: etree._Element) -> None:
    if f.chance(0.5):
        name = sub(p, "persName", f.w.person())
        if f.chance(0.3):
            name.set("ref", f"https://example.org/persons/{f.rng.randint(1, 9999)}")
    else:
        sub(p, "placeName", f.w.place())


def i_note(f: File, p: etree._Element) -> None:
    place = f.rng.choice(("foot", "foot", "end", "margin", "inline", "bottom", "left",
                          "right", None))
    note = sub(p, "note") if place is None else sub(p, "note", place=place)
    if f.chance(0.5):
        note.set("n", str(f.rng.randint(1, 99)))
    prose(f, note, [i_hi, i_names], 1, 3)


def i_quote(f: File, p: etree._Element) -> None:
    if f.chance(0.5):
        sub(p, "quote", f.w.sentence())
    else:
        sub(p, "q", f.w.sentence())


def i_date(f: File, p: etree._Element) -> None:
    when, words = f.w.date(1700, 1900)
    sub(p, "date", words, when=when)


def i_foreign(f: File, p: etree._Element) -> None:
    sub(p, "foreign", f.w.phrase(1, 3), xml__lang=f.rng.choice(("la", "fr", "de", "it")))


NOVEL_INLINE = [i_hi, i_hi, i_names, i_names, i_note, i_quote, i_date, i_foreign]


def verse(f: File, parent: etree._Element, lines: int, features=()) -> etree._Element:
    group = sub(parent, "lg", type=f.rng.choice(("stanza", "stanza", "song")))
    for number in range(1, lines + 1):
        line = sub(group, "l", n=str(number))
        if features and f.chance(0.25):
            add_text(line, f.w.phrase(1, 3) + " ")
            f.rng.choice(features)(f, line)
            add_text(line, " " + f.w.phrase(1, 3))
        else:
            line.text = f.w.sentence(4, 9)
    return group


def fill(f: File, budget: int, make: Callable[[], etree._Element]) -> None:
    """Make blocks until they reach the budget (bytes)."""
    used = 0
    while used < budget:
        used += size_of(make())


# ---------------------------------------------------------------- the kinds


def make_drama(f: File, budget: int | None = None) -> tuple[str, etree._Element]:
    rng, w = f.rng, f.w
    title, author = w.title(), w.person()
    in_verse = f.chance(0.5)
    front = etree.Element(_T + "front")
    page = sub(front, "titlePage")
    sub(sub(page, "docTitle"), "titlePart", title, type="main")
    sub(page, "byline", f"by {author}")
    cast = sub(front, "castList")
    sub(cast, "head", rng.choice(("Dramatis Personae", "Persons of the Play", "Characters")))
    roles = []
    for _ in range(rng.randint(3, 12)):
        role_id = f.new_id("role")
        roles.append((role_id, w.person()))
    group = None
    for index, (role_id, name) in enumerate(roles):
        if index >= 3 and group is None and f.chance(0.4):
            group = sub(cast, "castGroup")
            sub(group, "head", w.phrase(1, 2).capitalize())
        item = sub(group if group is not None else cast, "castItem")
        sub(item, "role", name, xml__id=role_id)
        add_text(item, ", ")
        sub(item, "roleDesc", w.phrase(2, 5))
    body = etree.Element(_T + "body")
    budget = budget or f.budget()
    acts = rng.randint(1, 5)
    per_act = budget // acts
    for act_number in range(1, acts + 1):
        act = sub(body, "div", type="act", n=str(act_number))
        sub(act, "head", f"Act {act_number}")
        used = 0
        scene_number = 0
        while used < per_act:
            scene_number += 1
            scene = sub(act, "div", type="scene", n=str(scene_number))
            sub(scene, "head", f"Scene {scene_number}. {w.place()}.")
            sub(scene, "stage", f"Enter {roles[rng.randrange(len(roles))][1]}.",
                type="entrance")
            for _ in range(rng.randint(6, 30)):
                role_id, name = rng.choice(roles)
                speech = sub(scene, "sp", who=f"#{role_id}")
                sub(speech, "speaker", name.upper() if f.chance(0.5) else name)
                for _ in range(rng.randint(1, 3)):
                    if f.chance(0.85 if in_verse else 0.15):  # most plays mix the two
                        line = sub(speech, "l", w.sentence(5, 10))
                        if f.chance(0.1):
                            line.set("part", "I")
                    else:
                        prose(f, sub(speech, "p"), [i_hi], 1, 4, 0.1)
                    if f.chance(0.15):
                        sub(speech, "stage", w.sentence(2, 6), type="business")
            if f.chance(0.5):
                sub(scene, "stage", "Exeunt." if f.chance(0.5) else f"Exit {name}.",
                    type="exit")
            used += size_of(scene)
    head = header(f, title=title, authors=[author],
                  series=(f"Plays of {author}", rng.randint(1, 30)) if f.chance(0.4) else None,
                  sub_title=rng.choice(("A Comedy", "A Tragedy", "A Play in Acts", None)))
    slug = _slug(title)
    return f"drama/d{f.number:05d}-{slug}.xml", tei(f, head, text_element(front, body))


def make_novel(f: File, budget: int | None = None) -> tuple[str, etree._Element]:
    rng, w = f.rng, f.w
    title, author = w.title(), w.person()
    parts = []
    if f.chance(0.3):
        front = etree.Element(_T + "front")
        preface = sub(front, "div", type="preface")
        sub(preface, "head", "Preface")
        for _ in range(rng.randint(1, 3)):
            prose(f, sub(preface, "p"), [i_hi])
        parts.append(front)
    body = etree.Element(_T + "body")
    parts.insert(len(parts), body)
    budget = budget or f.budget()
    chapters = max(1, min(40, budget // rng.randint(4000, 12000)))
    in_parts = chapters > 6 and f.chance(0.4)
    container = body
    for number in range(1, chapters + 1):
        if in_parts and number % 4 == 1:
            container = sub(body, "div", type="part", n=str(number // 4 + 1))
            sub(container, "head", f"Part {number // 4 + 1}")
        chapter = sub(container, "div", type="chapter", n=str(number))
        sub(chapter, "head", f"Chapter {_roman(number)}" if f.chance(0.7) else w.title())
        if f.chance(0.15):
            citation = sub(sub(chapter, "epigraph"), "cit")
            verse(f, sub(citation, "quote"), rng.randint(2, 4))
            sub(citation, "bibl", w.person())
        used, share = 0, budget // chapters
        while used < share:
            choice = rng.random()
            if choice < 0.04:
                block = verse(f, chapter, rng.randint(2, 8))
            elif choice < 0.07:
                block = sub(chapter, "milestone", unit="section", rend="asterisks")
            elif choice < 0.10:
                citation = sub(chapter, "cit")
                sub(citation, "quote", w.sentences(1, 3))
                sub(citation, "bibl", w.title())
                block = citation
            else:
                block = sub(chapter, "p")
                prose(f, block, NOVEL_INLINE, 2, 9)
            used += size_of(block)
    head = header(f, title=title, authors=[author],
                  series=(f"Novels of {author}", rng.randint(1, 20)) if f.chance(0.3) else None)
    root = tei(f, head, text_element(*parts))
    return f"novels/{_slug(author.split()[-1])}/n{f.number:05d}-{_slug(title)}.xml", root


def make_letter(f: File, budget: int | None = None) -> tuple[str, etree._Element]:
    rng, w = f.rng, f.w
    sender, addressee = w.person(), w.person()
    sent_from, sent_to = w.place(), w.place()
    when, in_words = w.date(1780, 1920)
    title = f"Letter from {sender} to {addressee}, {in_words}"

    def correspondence(profile: etree._Element) -> None:
        desc = sub(profile, "correspDesc")
        sent = sub(desc, "correspAction", type="sent")
        sub(sent, "persName", sender)
        sub(sent, "placeName", sent_from)
        sub(sent, "date", when=when)
        received = sub(desc, "correspAction", type="received")
        sub(received, "persName", addressee)
        sub(received, "placeName", sent_to)
        if f.chance(0.3):
            context = sub(desc, "correspContext")
            sub(context, "ref", "the previous letter", type="previous",
                target=f"https://example.org/letters/{rng.randint(1, 9999)}")

    letter = sub(etree.Element(_T + "body"), "div", type="letter")
    opener = sub(letter, "opener")
    dateline = sub(opener, "dateline")
    sub(dateline, "placeName", sent_from)
    add_text(dateline, ", ")
    sub(dateline, "date", in_words, when=when)
    sub(opener, "salute", f"{rng.choice(('Dear', 'My dear', 'Dearest', 'Sir,'))} "
                          f"{addressee.split()[0]},")
    budget = budget or f.budget("letter")
    used = 0
    while used < budget - 1500:
        paragraph = sub(letter, "p")
        prose(f, paragraph, [i_names, i_hi, i_date, i_note], 2, 7, 0.2)
        used += size_of(paragraph)
    if used == 0:
        prose(f, sub(letter, "p"), [i_names], 1, 3)
    closer = sub(letter, "closer")
    sub(closer, "salute", rng.choice(("Yours ever,", "Your affectionate friend,",
                                      "I remain, Sir, your obedient servant,", "With love,")))
    sub(closer, "signed", sender)
    if f.chance(0.25):
        postscript = sub(letter, "postscript")
        sub(postscript, "p", "P.S. " + w.sentences(1, 2))
    series = ("Correspondence", f.number) if f.chance(0.5) else None
    head = header(f, title=title, authors=[sender], series=series, profile=[correspondence])
    year = when[:4]
    root = tei(f, head, text_element(letter.getparent()))
    return f"letters/{year}/l{f.number:05d}-{when}.xml", root


def _manuscript_source(f: File, title: str) -> Callable:
    def source(source_desc: etree._Element) -> None:
        description = sub(source_desc, "msDesc")
        identifier = sub(description, "msIdentifier")
        sub(identifier, "settlement", f.w.place())
        sub(identifier, "repository", f"{f.w.place()} Record Office")
        sub(identifier, "idno", f"MS {f.rng.randint(1, 999)}/{f.rng.randint(1, 99)}")
        contents = sub(description, "msContents")
        sub(contents, "summary", title)
        physical = sub(description, "physDesc")
        sub(physical, "p", f"{f.rng.randint(2, 60)} leaves, paper, "
                           f"{f.rng.choice(('iron-gall ink', 'pencil', 'brown ink'))}.")
        origin = sub(sub(description, "history"), "origin")
        year = str(f.rng.randint(1600, 1900))
        sub(origin, "origDate", year, when=year)
    return source


def _hand_word(f: File, p: etree._Element) -> None:
    """One of the features of a transcription, at the end of p."""
    w, rng = f.w, f.rng
    word = rng.choice([x for x in w.take(6) if len(x) > 3] or ["word"])
    kind = rng.randrange(9)
    if kind == 0:
        choice = sub(p, "choice")
        sub(choice, "abbr", word[:2] + ".")
        expan = sub(choice, "expan", word[:2])
        sub(expan, "ex", word[2:])
    elif kind == 1:
        choice = sub(p, "choice")
        sub(choice, "sic", word[1] + word[0] + word[2:])
        sub(choice, "corr", word)
    elif kind == 2:
        choice = sub(p, "choice")
        sub(choice, "orig", word.replace("u", "v", 1).replace("i", "y", 1))
        sub(choice, "reg", word)
    elif kind == 3:
        add_text(p, word[: len(word) // 2])
        sub(p, "lb", break_="no", n=str(rng.randint(1, 40)))
        add_text(p, word[len(word) // 2:])
    elif kind == 4:
        gap = sub(p, "gap", reason=rng.choice(("illegible", "damage", "cancelled")),
                  quantity=str(rng.randint(1, 4)), unit=rng.choice(("words", "chars")))
        if f.chance(0.7):
            sub(gap, "desc", rng.choice(("ink blot", "torn corner", "water stain",
                                         "heavily struck through")))
    elif kind == 5:
        sub(p, "unclear", word, reason=rng.choice(("faded", "smudged", "tight binding")))
    elif kind == 6:
        sub(p, "add", w.phrase(1, 3), place=rng.choice(("above", "below", "margin", "inline")))
    elif kind == 7:
        sub(p, "del", w.phrase(1, 2), rend=rng.choice(("strikethrough", "overwritten")))
    else:
        if f.chance(0.5):
            substitution = sub(p, "subst")
            sub(substitution, "del", word, rend="strikethrough")
            sub(substitution, "add", w.phrase(1, 2), place="above")
        else:
            sub(p, "supplied", word, reason="omitted")


def make_manuscript(f: File) -> tuple[str, etree._Element]:
    rng, w = f.rng, f.w
    title = rng.choice(("Diary", "Commonplace book", "Account of a journey",
                        "Memorandum book", "Notebook")) + " of " + w.person()
    body = etree.Element(_T + "body")
    page, line = 1, 1
    sub(body, "pb", n=str(page))
    division = sub(body, "div")
    budget, used = f.budget(), 0
    while used < budget:
        if f.chance(0.1):
            division = sub(body, "div")
            date, in_words = w.date(1600, 1900)
            sub(sub(division, "head"), "date", in_words, when=date)
        paragraph = sub(division, "p")
        for _ in range(rng.randint(3, 14)):
            sub(paragraph, "lb", n=str(line))
            line += 1
            add_text(paragraph, w.phrase(3, 8) + " ")
            if f.chance(0.35):
                _hand_word(f, paragraph)
                add_text(paragraph, " " + w.phrase(1, 3) + " ")
            if line % 28 == 0:
                page += 1
                if f.chance(0.3):
                    word = rng.choice(w.take(4)) + rng.choice(w.take(4))
                    add_text(paragraph, word[:3])
                    sub(paragraph, "pb", n=str(page), break_="no")
                    add_text(paragraph, word[3:] + " ")
                else:
                    sub(paragraph, "pb", n=str(page))
        used += size_of(paragraph)
    head = header(f, title=title, authors=[title.split(" of ", 1)[1]],
                  source=_manuscript_source(f, title), editorial=f.chance(0.7))
    return f"manuscripts/ms{f.number:05d}.xml", tei(f, head, text_element(body))


def make_genetic(f: File) -> tuple[str, etree._Element]:
    rng, w = f.rng, f.w
    title = f"Draft of {w.title()}"
    author = w.person()
    if f.number <= len(FIRST):  # the first with a reading text, the second alone
        alone = FIRST[: f.number - 1].count("genetic") % 2 == 1
    else:
        alone = f.chance(0.5)
    document = etree.Element(_T + "sourceDoc")
    reading = etree.Element(_T + "body")
    budget, used, leaf = f.budget(), 0, 1
    while used < budget:
        surface = sub(document, "surface", n=f"{(leaf + 1) // 2}{'rv'[(leaf + 1) % 2]}",
                      ulx="0", uly="0", lrx="2000", lry="3000")
        leaf += 1
        main = sub(surface, "zone", type="main")
        paragraph = sub(reading, "p")
        for _ in range(rng.randint(8, 30)):
            line = sub(main, "line")
            words = w.phrase(3, 9)
            add_text(line, words)
            add_text(paragraph, words + " ")
            if f.chance(0.3):
                add_text(line, " ")
                feature = rng.randrange(4)
                if feature == 0:
                    sub(line, "del", w.phrase(1, 2), rend="strikethrough")
                elif feature == 1:
                    added = sub(line, "add", w.phrase(1, 3), place="above")
                    add_text(paragraph, added.text + " ")
                elif feature == 2:
                    sub(line, "hi", w.phrase(1, 2), rend="underline")
                    add_text(paragraph, line[-1].text + " ")
                else:
                    sub(line, "unclear", w.phrase(1, 1))
                    add_text(paragraph, line[-1].text + " ")
        if f.chance(0.5):
            margin = sub(surface, "zone", type="margin", rotate="90")
            for _ in range(rng.randint(1, 3)):
                sub(margin, "line", w.phrase(2, 5))
        used += size_of(surface) * (1 if alone else 2)
    head = header(f, title=title, authors=[author], editorial=True)
    parts = [document] if alone else [document, text_element(reading)]
    name = "genetic/alone" if alone else "genetic"
    return f"{name}/g{f.number:05d}.xml", tei(f, head, *parts)


def make_apparatus(f: File) -> tuple[str, etree._Element]:
    rng, w = f.rng, f.w
    title, author = w.title(), w.person()
    witnesses = [f"w{letter}" for letter in "ABCDE"[: rng.randint(2, 5)]]

    def source(source_desc: etree._Element) -> None:
        bibl = sub(source_desc, "bibl")
        sub(bibl, "title", title)
        listing = sub(source_desc, "listWit")
        for witness in witnesses:
            sub(listing, "witness", f"{witness[1]}: {w.place()}, {w.title()}", xml__id=witness)

    def encoding(encoding_desc: etree._Element) -> None:
        sub(encoding_desc, "variantEncoding", method="parallel-segmentation",
            location="internal")

    def app(_f: File, parent: etree._Element) -> None:
        entry = sub(parent, "app")
        shuffled = witnesses[:]
        rng.shuffle(shuffled)
        cut = rng.randint(1, len(shuffled) - 1)
        if f.chance(0.8):
            sub(entry, "lem", w.phrase(1, 3), wit=" ".join(f"#{x}" for x in shuffled[:cut]))
        else:
            sub(entry, "rdg", w.phrase(1, 3), wit=" ".join(f"#{x}" for x in shuffled[:cut]))
        rest = shuffled[cut:]
        while rest:
            take, rest = rest[: rng.randint(1, len(rest))], rest
            rest = rest[len(take):]
            reading = sub(entry, "rdg", wit=" ".join(f"#{x}" for x in take))
            if f.chance(0.85):
                reading.text = w.phrase(1, 3)
            if f.chance(0.2):
                reading.set("type", rng.choice(("orthographic", "substantive")))

    body = etree.Element(_T + "body")
    poem = f.chance(0.5)
    budget, used = f.budget(), 0
    while used < budget:
        division = sub(body, "div", n=str(len(body) + 1))
        sub(division, "head", w.title())
        for _ in range(rng.randint(3, 10)):
            if poem:
                block = verse(f, division, rng.randint(4, 14), [app])
            else:
                block = sub(division, "p")
                prose(f, block, [app], 3, 8, 0.5)
            used += size_of(block)
    head = header(f, title=title, authors=[author], source=source, encoding=[encoding],
                  editorial=True)
    return f"apparatus/a{f.number:05d}.xml", tei(f, head, text_element(body))


def _table(f: File, parent: etree._Element) -> etree._Element:
    rng, w = f.rng, f.w
    rows, cols = rng.randint(2, 14), rng.randint(2, 7)
    table = sub(parent, "table", rows=str(rows), cols=str(cols))
    if f.chance(0.7):
        sub(table, "head", w.title())
    for index in range(rows):
        row = sub(table, "row")
        if index == 0:
            row.set("role", "label")
            for _ in range(cols):
                sub(row, "cell", w.phrase(1, 2).capitalize())
            continue
        column = 0
        while column < cols:
            if column == 0:
                sub(row, "cell", w.phrase(1, 3), role="label")
                column += 1
            elif column < cols - 1 and f.chance(0.08):
                sub(row, "cell", w.phrase(1, 2), cols="2")
                column += 2
            else:
                sub(row, "cell", f"{rng.randint(0, 99999):,}", role="data")
                column += 1
    return table


def make_table(f: File) -> tuple[str, etree._Element]:
    rng, w = f.rng, f.w
    title = f"Returns of {w.title()} for the Year {rng.randint(1820, 1914)}"
    author = w.person()
    body = etree.Element(_T + "body")
    budget, used = f.budget(), 0
    while used < budget:
        section = sub(body, "div", type="section")
        sub(section, "head", w.title())
        for _ in range(rng.randint(1, 4)):
            paragraph = sub(section, "p")
            prose(f, paragraph, [i_names, i_hi], 1, 5)
            if f.chance(0.2):  # a table inside running text
                _table(f, paragraph)
                add_text(paragraph, " " + w.sentence())
            else:
                _table(f, section)
        used += size_of(section)
    head = header(f, title=title, authors=[author])
    return f"statistics/s{f.number:05d}.xml", tei(f, head, text_element(body))


def _png(rng: random.Random, width: int = 48, height: int = 32) -> bytes:
    """A small PNG: a gradient of two colours."""
    a = [rng.randrange(256) for _ in range(3)]
    b = [rng.randrange(256) for _ in range(3)]
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")
        for x in range(width):
            t = (x + y) / (width + height)
            row += bytes(int(a[c] + (b[c] - a[c]) * t) for c in range(3))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


def make_figure(f: File) -> tuple[str, etree._Element]:
    rng, w = f.rng, f.w
    title = f"Plates to {w.title()}"
    author = w.person()
    body = etree.Element(_T + "body")
    budget, used, number = f.budget(), 0, 0
    while used < budget:
        number += 1
        plate = sub(body, "div", type="plate", n=str(number))
        sub(plate, "head", f"Plate {_roman(number)}")
        in_paragraph = f.chance(0.2)
        paragraph = sub(plate, "p") if in_paragraph else None
        if paragraph is not None:
            prose(f, paragraph, [i_hi], 1, 3)
        figure = sub(paragraph if in_paragraph else plate, "figure")
        picture = rng.random()
        if picture < 0.5:
            name = f"img/f{f.number:05d}-{number}.png"
            f.pictures[name] = _png(rng)
            sub(figure, "graphic", url=name, mimeType="image/png")
        elif picture < 0.8:
            sub(figure, "graphic", url=f"https://example.org/images/{rng.randint(1, 99999)}.jpg")
        elif picture < 0.9:
            sub(figure, "graphic", url=f"missing/f{f.number:05d}-{number}.png")
        sub(figure, "head", w.title())
        sub(figure, "figDesc", w.sentences(1, 3))
        if paragraph is not None:
            add_text(paragraph, " " + w.sentence())
        for _ in range(rng.randint(1, 3)):
            prose(f, sub(plate, "p"), [i_hi, i_names])
        used += size_of(plate)
    head = header(f, title=title, authors=[author])
    return f"plates/p{f.number:05d}.xml", tei(f, head, text_element(body))


GLYPHS = (("ls", "LATIN SMALL LETTER LONG S", "ſ", "s"),
          ("ct", "LATIN SMALL LIGATURE CT", "ct", "ct"),
          ("et", "TIRONIAN SIGN ET", "⁊", "et"))


def make_glyph(f: File) -> tuple[str, etree._Element]:
    rng, w = f.rng, f.w
    title, author = w.title(), w.person()

    def characters(encoding_desc: etree._Element) -> None:
        declaration = sub(encoding_desc, "charDecl")
        for ident, name, shown, standard in GLYPHS:
            glyph = sub(declaration, "glyph", xml__id=ident)
            sub(glyph, "localProp", name="Name", value=name)
            sub(glyph, "mapping", standard, type="standard")
            sub(glyph, "mapping", shown, type="diplomatic")
        ornament = sub(declaration, "glyph", xml__id="orn")
        sub(ornament, "localProp", name="Name", value="FLEURON")
        sub(ornament, "mapping", "❧", type="diplomatic")

    def old_word(_f: File, p: etree._Element) -> None:
        word = rng.choice([x for x in w.take(8) if "s" in x[:-1] or "ct" in x] or ["most"])
        cut = word.find("ct") if "ct" in word else word.find("s")
        add_text(p, word[:cut])
        if word[cut:cut + 2] == "ct":
            sub(p, "g", "ct", ref="#ct")
            add_text(p, word[cut + 2:])
        else:
            sub(p, "g", "ſ", ref="#ls")
            add_text(p, word[cut + 1:])

    def tironian(_f: File, p: etree._Element) -> None:
        sub(p, "g", "⁊", ref="#et")

    body = etree.Element(_T + "body")
    budget, used, page = f.budget(), 0, 1
    while used < budget:
        division = sub(body, "div")
        sub(division, "head", w.title())
        for _ in range(rng.randint(2, 8)):
            paragraph = sub(division, "p")
            prose(f, paragraph, [old_word, old_word, old_word, tironian, i_hi], 3, 9, 0.6)
            if f.chance(0.4):
                page += 1
                sub(paragraph, "fw", w.take(1)[0], type="catch", place="bottom")
                sub(paragraph, "pb", n=str(page))
                sub(paragraph, "fw", title, type="header", place="top")
                add_text(paragraph, " " + w.sentence())
            used += size_of(paragraph)
        if f.chance(0.3):
            ornament = sub(division, "ab", type="ornament")
            sub(ornament, "g", ref="#orn")
    head = header(f, title=title, authors=[author], encoding=[characters], editorial=True)
    return f"early-prints/e{f.number:05d}.xml", tei(f, head, text_element(body))


def make_corpus(f: File) -> tuple[str, etree._Element]:
    rng, w = f.rng, f.w
    members = rng.randint(2, 3)
    budget = f.budget()
    if f.number <= len(FIRST):  # the first two: a bundle of letters, of plays
        kind = ("letter", "drama")[FIRST[: f.number - 1].count("corpus") % 2]
    else:
        kind = rng.choice(("letter", "novel", "drama"))
    collection = f"{rng.choice(('Papers', 'Collected works', 'Miscellany'))} of {w.person()}"
    root = etree.Element(_T + "teiCorpus", nsmap={None: TEI_NS})
    root.append(header(f, title=collection, authors=[w.person()]))
    for _ in range(members):
        if kind == "letter":
            _, member = make_letter(f, budget // members)
        elif kind == "novel":
            _, member = make_novel(f, budget // members)
        else:
            _, member = make_drama(f, budget // members)
        # The root's xml:id may repeat between members (their other ids never do: they
        # share the file's counter).
        member.attrib.pop(XML_ID, None)
        root.append(member)
    return f"collections/c{f.number:05d}-{_slug(collection)}.xml", root


MAKERS = {"drama": make_drama, "novel": make_novel, "letter": make_letter,
          "manuscript": make_manuscript, "genetic": make_genetic,
          "apparatus": make_apparatus, "table": make_table, "figure": make_figure,
          "glyph": make_glyph, "corpus": make_corpus}


# ---------------------------------------------------------------- the archive


def kind_of(seed: int, number: int) -> str:
    if number <= len(FIRST):
        return FIRST[number - 1]
    rng = random.Random(f"kind:{seed}:{number}")
    return rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]


def make_file(vocabulary: Vocabulary, seed: int, number: int) -> tuple[str, bytes, dict]:
    """(path, bytes, pictures) of file `number` (from 1)."""
    f = File(vocabulary, seed, number, kind_of(seed, number))
    path, root = MAKERS[f.kind](f)
    _indent(root)
    if f.chance(0.4):
        root.addprevious(etree.ProcessingInstruction(
            "xml-model", f'href="{TEI_ALL_URL}" type="application/xml" '
                         'schematypens="http://relaxng.org/ns/structure/1.0"'))
    data = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8") + b"\n"
    return path, data, f.pictures


def make_archive(directory: Path, count: int, seed: int = 1923) -> int:
    """Write `count` TEI files (and their pictures) under directory; returns the bytes
    written."""
    directory = Path(directory)
    vocabulary = Vocabulary(seed)
    total = 0
    for number in range(1, count + 1):
        path, data, pictures = make_file(vocabulary, seed, number)
        target = directory / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        total += len(data)
        for name, picture in pictures.items():
            (target.parent / name).parent.mkdir(parents=True, exist_ok=True)
            (target.parent / name).write_bytes(picture)
            total += len(picture)
    return total


def tei_files(directory: Path) -> list[Path]:
    return sorted(Path(directory).rglob("*.xml"))


def kind_of_path(path: Path, directory: Path) -> str:
    """The kind of a file the archive holds, from its directory."""
    top = path.relative_to(directory).parts[0]
    return {"drama": "drama", "novels": "novel", "letters": "letter",
            "manuscripts": "manuscript", "genetic": "genetic", "apparatus": "apparatus",
            "statistics": "table", "plates": "figure", "early-prints": "glyph",
            "collections": "corpus"}[top]


# ---------------------------------------------------------------- helpers


BLOCKS = {_T + name for name in (
    "TEI", "teiCorpus", "teiHeader", "fileDesc", "titleStmt", "respStmt", "publicationStmt",
    "availability", "seriesStmt", "sourceDesc", "msDesc", "msIdentifier", "msContents",
    "physDesc", "history", "origin", "listWit", "encodingDesc", "projectDesc",
    "editorialDecl", "correction", "normalization", "hyphenation", "charDecl", "glyph",
    "profileDesc", "langUsage", "correspDesc", "correspAction", "correspContext",
    "revisionDesc", "text", "front", "body", "back", "div", "titlePage", "docTitle",
    "castList", "castGroup", "sp", "lg", "epigraph", "cit", "opener", "closer",
    "postscript", "sourceDoc", "surface", "zone", "table", "row", "figure", "ab")}


def _indent(element: etree._Element, level: int = 0) -> None:
    """Indent the elements that hold only elements (never inside mixed content)."""
    if element.tag not in BLOCKS or not len(element):
        return
    if (element.text or "").strip() or any((c.tail or "").strip() for c in element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        child.tail = inner
        _indent(child, level + 1)
    element[-1].tail = "\n" + "  " * level


def _slug(text: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return "-".join(words[:4]) or "untitled"


def _roman(number: int) -> str:
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out


def validate(directory: Path, schema: Path) -> dict[str, list[str]]:
    """The errors tei_all finds, per file (only the files with errors)."""
    relaxng = etree.RelaxNG(etree.parse(str(schema)))
    errors = {}
    for path in tei_files(directory):
        if not relaxng.validate(etree.parse(str(path))):
            errors[str(path.relative_to(directory))] = [
                f"{e.line}: {e.message}" for e in relaxng.error_log][:10]
    return errors


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seed", type=int, default=1923)
    parser.add_argument("--check", action="store_true", help="validate against tei_all")
    parser.add_argument("--schema", type=Path, default=Path(__file__).resolve().parents[2]
                        / "shared" / "schemas" / "tei_all.rng")
    args = parser.parse_args(argv)
    written = make_archive(args.directory, args.count, args.seed)
    print(f"{args.count} files, {written:,} bytes in {args.directory}")
    if args.check:
        errors = validate(args.directory, args.schema)
        for name, messages in errors.items():
            print(name, *messages, sep="\n  ")
        print(f"{len(errors)} invalid of {args.count}")
        sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
