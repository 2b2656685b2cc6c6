"""The web edition: a static site under output/html/.

Three passes, one text in memory at a time:

1. survey (the `survey` hook, for every text before any page is written):
   `xslt/html/survey.xsl` says, per text, its title, date and provenance, whether it is
   split into pages and which page holds each of its ids. Gathered into one `site:site`
   document (`combine_surveys`), it is what lets a link from one text
   ("challenge-1923-25.xml#p67") land on the right page of another. A text's pages read
   only its view of it (`survey_views`: the entries of the texts it points at or is shown
   beside), so a worker holds a few entries however large the edition, and a text's pages
   are made again when its view changed, not when another text's wording or title did.
2. texts (write_text): `xslt/html.xsl` writes each text's pages, its parallel views and its
   search data (`search/ID.js`) with xsl:result-document into a staging directory; the
   files are then moved into place one by one (atomic renames).
3. site (finish): the home, about, persons and search pages, from the survey, the edition
   header, the personography and the names each text's search data records.

Static files (CSS, scripts, fonts) are copied into `assets/` (`write_static`). Nothing on a
page is fetched
from elsewhere: the fonts come from the machine (Debian's fonts-linuxlibertine, made into
small WOFF2 files by html_fonts.py).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

from edition import paths, wordcount
from edition.builders.base import SURVEYED, Builder
from edition.corpus import Corpus, Text
from edition.fsutil import atomic_write, publish, staging_directory
from edition.xml import TEI_NS, Document, parse_bytes

SITE_NS = "urn:x-edition:site"
#: A pointer to another file of the edition by its bare name (as xslt/html/chunks.xsl
#: resolves them: "challenge-1923-25.xml#p67").
_BARE_FILE = re.compile(r"^[^:/#]+\.xml$")
ASSETS = Path(__file__).with_name("html_assets")
#: Texts longer than this (characters) are split into one page per division.
CHUNK_SIZE = 150_000
#: In the cache: per text, the names of persons it mentions (for the persons page).
NAMES = "names"
#: An edition of more texts than this is large: its lists of texts (home and about pages)
#: are paged by this many, its persons index has a page per initial.
LIST_PAGE_SIZE = 200
#: A page of a large edition's persons index holds at most about this many passages.
PERSONS_PAGE_PASSAGES = 3000
#: Under the site: Pagefind's index and interface, in parts (pagefind/part-1/, …).
PAGEFIND_DIR = "pagefind"
#: Pagefind holds a whole index in memory while it makes it (about 16 times the pages'
#: HTML): a large site is indexed in parts of about this much HTML, which the search page
#: merges.
PAGEFIND_PART_BYTES = 20_000_000


class HtmlBuilder(Builder):
    name = "html"
    stylesheet = "html.xsl"
    libraries = (*Builder.libraries, "fonttools", "brotli")

    def __init__(self, corpus: Corpus, output_root: Path, options=None):
        super().__init__(corpus, output_root, options)
        self.chunk_size = int(self.options.get("chunk_size", CHUNK_SIZE))
        self.list_page_size = int(self.options.get("list_page_size") or LIST_PAGE_SIZE)
        self.persons_page_passages = int(
            self.options.get("persons_page_passages") or PERSONS_PAGE_PASSAGES)
        # The site's search: "offline", its own (the data files load as scripts, so it
        # works from disk; a query loads every one), "pagefind" (an index fetched in
        # pieces: the site must be served), or "auto": Pagefind for a large edition.
        self.search = self.options.get("search") or "auto"
        self.pagefind_part_bytes = int(
            self.options.get("pagefind_part_bytes") or PAGEFIND_PART_BYTES)

    # -- pass 1: survey

    @cached_property
    def survey_transform(self):
        from edition.xslt import Stylesheet

        return Stylesheet(paths.xslt_dir() / "html" / "survey.xsl")

    def survey(self, text: Text) -> bytes:
        """This text's site:text entry."""
        from edition.xslt import to_xdm

        result = self.survey_transform.apply(
            to_xdm(text.document), {**self.text_authority_parameters,
                                    "chunk-size": self.chunk_size}
        )
        self.messages.update(dict.fromkeys(self.survey_transform.messages))
        return result.encode("utf-8")

    def combine_surveys(self, surveys: Sequence[bytes]) -> bytes:
        """The site:site document: the texts' entries, with the correspondences inferred
        between them; made an entry at a time (what the inference needs of each is read
        first), so that the build's own process never holds the whole site as a tree."""
        facts = []
        for number, survey in enumerate(surveys):
            facts.append(_Facts.of(parse_bytes(survey, f"survey {number + 1}").root))
        inferred = _inferred(facts)
        entries = []
        for number, survey in enumerate(surveys):
            entry = parse_bytes(survey, f"survey {number + 1}").root
            for holder, target in inferred.get(number, ()):
                etree.SubElement(entry, f"{{{SITE_NS}}}correspondence", holder=holder,
                                 target=target, inferred="true")
            entries.append(_entry_bytes(entry))
        return _site_bytes(entries)

    def survey_views(self, combined: bytes) -> Iterator[tuple[str, bytes]]:
        """Per text, the entries of the site its pages read: its own, those of the files
        its pointers name (site:cites), of the texts it corresponds to (whose parts its
        parallel views show, with the files their pointers name) and of the texts that
        correspond to it (its pages link to their parallel views); in the site's order,
        under a root that says whether the edition is large (its lists paged). A worker
        then holds a few entries, not one per text of the edition; the build, one view at
        a time."""
        import io

        entries = _compact_entries(io.BytesIO(combined))
        by_file = {e.file: e for e in entries}
        place = {e.file: n for n, e in enumerate(entries)}
        holders: dict[str, set[str]] = {}  # file -> the files of texts corresponding to it
        for entry in entries:
            for target in entry.corresponds:
                holders.setdefault(target, set()).add(entry.file)
        shared = self._authority_cites()
        # Whether the edition is large (its lists paged): every text's pages say so.
        large = str(self._is_large(len(entries))).lower()
        for entry in entries:
            files = {entry.file} | entry.cites | holders.get(entry.file, set()) | shared
            for target in entry.corresponds & by_file.keys():
                files |= {target} | by_file[target].cites
            chosen = sorted(files & by_file.keys(), key=place.get)
            yield entry.id, _site_bytes([by_file[f].data for f in chosen], large=large)

    def _authority_cites(self) -> set[str]:
        """The files named by pointers in the notes of the personography and the edition
        header: a text's pages show such a note when they call it."""
        files: set[str] = set()
        for document in (self.corpus.persons, self.corpus.edition):
            if document is None:
                continue
            for note in document.root.iter(f"{{{TEI_NS}}}note"):
                for element in note.iter():
                    for value in element.attrib.values():
                        named = (token.split("#")[0] for token in value.split())
                        files |= {name for name in named if _BARE_FILE.match(name)}
        return files

    # -- what the pages are made from

    @property
    def large(self) -> bool:
        """More texts than a list page holds: lists paged, persons by initial (the whole
        site's count; a text's view says it too, see write_text)."""
        return self._is_large(self._text_count)

    @cached_property
    def _text_count(self) -> int:
        """The texts of the combined surveys, counted without holding them (the build's
        own process asks, through finish_reads, and need not parse the whole site)."""
        return sum(1 for _ in _entries_of(self.cache_dir / SURVEYED))

    def _is_large(self, texts: int) -> bool:
        return texts > self.list_page_size

    @property
    def search_engine(self) -> str:
        return self._search_engine(self.large)

    def _search_engine(self, large: bool) -> str:
        if self.search == "auto":
            return "pagefind" if large else "offline"
        return self.search

    def settings(self) -> dict[str, str]:
        return {"chunk-size": str(self.chunk_size), "list-page-size": str(self.list_page_size),
                "persons-page-passages": str(self.persons_page_passages),
                "search": self.search, "pagefind-part-bytes": str(self.pagefind_part_bytes)}

    def extra_inputs(self) -> list[Path]:
        from edition.builders.html_fonts import FACES, FONT_DIR

        return [FONT_DIR / name for name in sorted(FACES.values())]

    def related_texts(self, text: Text) -> list[Path]:
        # Asked by the build after the views are written: the text's own view says it.
        view = parse_bytes(self.survey_view(text), "site.xml").root
        return [t.path for t in self.companions_of(text, view)]

    def text_reads(self, text: Text) -> list[Path]:
        return [self.view_path(text.id)]

    def finish_reads(self, relative: str) -> bool:
        # The site pages show what the survey says and the names each text mentions;
        # Pagefind's index, what every page says.
        return relative.startswith(f".cache/{self.scope}/{NAMES}/") or (
            self.search_engine == "pagefind" and relative.startswith(f"{self.name}/")
            and relative.endswith(".html"))

    # -- pass 2: texts

    def write_text(self, text: Text) -> list[Path]:
        from edition import media
        from edition.xslt import sequence, to_xdm

        view = parse_bytes(self.survey_view(text), "site.xml")
        companions = [to_xdm(t.document) for t in self.companions_of(text, view.root)]
        large = view.root.get("large") == "true"  # as the whole site is (survey_views)
        images = self.images(text)
        parameters = {
            "site": to_xdm(view),
            "build-date": self.corpus.build_date([text]).date().isoformat(),
            "companions": sequence(companions),
            "persons-paged": large,
            "search-engine": self._search_engine(large),
            **media.parameters(images, [i.href(media.MEDIA_DIR) for i in images]),
        }
        with staging_directory(self.outdir) as stage:
            self.render(to_xdm(text.document), parameters, output_dir=stage)
            for image in images:  # published with the pages (same bytes, same name)
                copy = stage / media.MEDIA_DIR / image.name
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_bytes(image.path.read_bytes())
            self.account_words(text, wordcount.html_page_words(
                p for p in sorted(stage.rglob("*.html")) if p.is_file()))
            written = [
                publish(p, stage, self.outdir) for p in sorted(stage.rglob("*")) if p.is_file()
            ]
        # What the site pages need of this text: the names it mentions (its search data
        # holds them, with every passage, which the site pages do not show).
        data = self.outdir / "search" / f"{text.id}.js"
        names = read_search_data(data)[3] if data.is_file() else []
        self.write_cache(f"{NAMES}/{text.id}.json", json.dumps(names, ensure_ascii=False))
        return written

    def companions_of(self, text: Text, view: etree._Element) -> list[Text]:
        """The other texts this text's parallel views need (its @corresp targets), as its
        view of the site says."""
        entry = next((e for e in view.iterfind(f"{{{SITE_NS}}}text")
                      if e.get("id") == text.id), None)
        if entry is None:
            return []
        files = _correspondence_files(entry)
        return [
            self.corpus.text_at(self.corpus.tei_dir / name)
            for name in sorted(files)
            if (self.corpus.tei_dir / name).is_file()
        ]

    # -- pass 3: the edition-wide pages

    def finish(self, texts: Sequence[Text]) -> list[Path]:
        from edition.xslt import sequence, to_xdm, value

        # The pages list the texts whose pages exist: those built now or by earlier builds.
        # The entries are held as bytes, parsed again a list page at a time.
        every = _compact_entries(self.cache_dir / SURVEYED)
        entries = [e for e in every if (self.outdir / e.href).is_file()]
        text_ids = [entry.id for entry in entries]
        data_files = [f"search/{text_id}.js" for text_id in text_ids]
        large = self._is_large(len(every))  # self.large, without reading the site again
        search_engine = self._search_engine(large)
        # A large edition's pages are made a list page at a time, each given its entries.
        parameters = {
            **self.authority_parameters,
            "site": to_xdm(_site_of(entries[:self.list_page_size] if large else entries)),
            "build-date": self.corpus.build_date(texts).date().isoformat(),
            "search-data": sequence([value(name) for name in data_files]),
            "list-page-size": self.list_page_size,
            "persons-paged": large,
            "search-engine": search_engine,
        }
        if large:
            parameters.update({
                "text-count": len(entries), "list-pages": False,
                "parallels": to_xdm(_site_of(_paired(entries)))})
        else:
            parameters["mentions"] = to_xdm(_document(self.mentions(text_ids), "mentions.xml"))
        parts = self.pagefind_parts() if search_engine == "pagefind" else []
        parameters["pagefind-parts"] = sequence(
            [value(f"{PAGEFIND_DIR}/part-{n}/") for n in range(1, len(parts) + 1)])
        with staging_directory(self.outdir) as stage:
            self.transform.call(
                "{urn:x-edition:functions}site-pages", parameters, output_dir=stage)
            self.messages.update(dict.fromkeys(self.transform.messages))
            if large:
                self.write_list_parts(entries, parameters, stage)
                self.write_persons_parts(text_ids, parameters, stage,
                                         {e.id: e for e in entries})
            pages = [
                publish(p, stage, self.outdir) for p in sorted(stage.rglob("*")) if p.is_file()
            ]
        if parts:
            pages += self.write_pagefind_index(parts)
        return pages

    def pagefind_parts(self) -> list[list[Path]]:
        """The pages Pagefind indexes (those that say so: data-pagefind-body), in order,
        cut into parts of about pagefind_part_bytes of HTML."""
        parts: list[list[Path]] = [[]]
        held = 0
        for page in sorted(self.outdir.rglob("*.html")):
            relative = page.relative_to(self.outdir)
            if relative.parts[0] == PAGEFIND_DIR or any(
                    part.startswith(".") for part in relative.parts):
                continue
            data = page.read_bytes()
            if b"data-pagefind-body" not in data:
                continue
            if held and held + len(data) > self.pagefind_part_bytes:
                parts.append([])
                held = 0
            parts[-1].append(relative)
            held += len(data)
        return [part for part in parts if part]

    def write_pagefind_index(self, parts: list[list[Path]]) -> list[Path]:
        """Pagefind's index of the text pages, part by part: each part's pages are linked
        into a scratch site of their own (same relative paths, so the same URLs), indexed
        into pagefind/part-N/ of a staging directory, then moved into place."""
        import os

        with staging_directory(self.outdir) as stage:
            for number, part in enumerate(parts, 1):
                site = stage / f"site-{number}"
                for relative in part:
                    link = site / relative
                    link.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.link(self.outdir / relative, link)
                    except OSError:  # a filesystem without hard links
                        link.write_bytes((self.outdir / relative).read_bytes())
                bundle = stage / "index" / PAGEFIND_DIR / f"part-{number}"
                _run_pagefind(site, bundle, stage)
                _sort_pagefind_entry(bundle / "pagefind-entry.json")
                shutil.rmtree(site)
            index = stage / "index"
            return [publish(p, index, self.outdir)
                    for p in sorted(index.rglob("*")) if p.is_file()]

    def noted_names(self, text_id: str) -> list:
        """[person, href, label] for each name of a person on a text's pages (write_text)."""
        noted = self.cache_dir / NAMES / f"{text_id}.json"
        return json.loads(noted.read_text(encoding="utf-8")) if noted.is_file() else []

    def mentions(self, text_ids: list[str]) -> etree._Element:
        """Every name of a person on the site's pages, as write_text noted them."""
        return _mentions((person, text_id, href, label)
                         for text_id in text_ids
                         for person, href, label in self.noted_names(text_id))

    def write_list_parts(self, entries: list[_Entry], parameters: dict, stage: Path) -> None:
        """A large edition's further list pages (index-N.html, about-N.html), each made
        with only its own texts' entries, so that memory does not grow with the number of
        texts."""
        from edition.xslt import to_xdm

        size = self.list_page_size
        for part in range(2, -(-len(entries) // size) + 1):
            offset = (part - 1) * size
            self.transform.call("{urn:x-edition:functions}list-part-pages", {
                **parameters, "list-part": part, "list-offset": offset,
                "site": to_xdm(_site_of(entries[offset:offset + size])),
            }, output_dir=stage)
            self.messages.update(dict.fromkeys(self.transform.messages))

    def write_persons_parts(self, text_ids: list[str], parameters: dict, stage: Path,
                            entries: dict[str, _Entry]) -> None:
        """A large edition's persons index, a page per initial (more where an initial's
        passages are many), each made with only its own passages (and the site's `entries`
        of the texts they are in), so that memory does not
        grow with the number of texts: the passages wait in a SQLite file, in order, and
        are read back a page at a time."""
        import sqlite3
        import tempfile
        from contextlib import closing

        from edition.xslt import sequence, to_xdm, value

        plan = self.transform.call("{urn:x-edition:functions}persons-plan", parameters)
        order = [line.split("\t") for line in plan.splitlines() if "\t" in line]
        rank = {person: number for number, (_, person) in enumerate(order)}
        with (tempfile.TemporaryDirectory(dir=self.cache_dir) as spool,
              closing(sqlite3.connect(Path(spool) / "mentions.db")) as db):
            db.execute("CREATE TABLE m (person INT, text INT, seq INT, href TEXT, label TEXT)")
            for number, text_id in enumerate(text_ids):
                db.executemany("INSERT INTO m VALUES (?, ?, ?, ?, ?)", (
                    (rank[person], number, seq, href, label)
                    for seq, (person, href, label) in enumerate(self.noted_names(text_id))
                    if person in rank))
            db.execute("CREATE INDEX by_person ON m (person, text, seq)")
            # Passages per person and text: a text's passages are never split between pages.
            counts: dict[int, list[tuple[int, int]]] = {}
            for person, text, count in db.execute(
                    "SELECT person, text, count(*) FROM m GROUP BY person, text"
                    " ORDER BY person, text"):
                counts.setdefault(person, []).append((text, count))
            for key, people in _by_key(order):
                parts = _persons_parts([rank[p] for p in people], counts,
                                       self.persons_page_passages)
                first_of = {}  # person rank -> the part its entry begins on
                for number, part in enumerate(parts, 1):
                    for person, _, _ in part:
                        first_of.setdefault(person, number)
                later = [order[p][1] for p, n in first_of.items() if n > 1]
                for number, part in enumerate(parts, 1):
                    rows = [
                        (order[person][1], text_ids[text], href, label)
                        for person, low, high in part
                        for href, label, text in db.execute(
                            "SELECT href, label, text FROM m WHERE person = ? AND text"
                            " BETWEEN ? AND ? ORDER BY text, seq", (person, low, high))]
                    mentions = _mentions(rows)
                    site = _site_of(entries[i] for i in dict.fromkeys(r[1] for r in rows)
                                    if i in entries)
                    head = part[0][0] if part else -1
                    self.transform.call("{urn:x-edition:functions}persons-part", {
                        **parameters, "site": to_xdm(site),
                        "mentions": to_xdm(_document(mentions, "mentions.xml")),
                        "index-key": key, "index-part": number, "index-parts": len(parts),
                        "index-people": sequence([value(order[p][1]) for p, _, _ in part]),
                        "index-continued": order[head][1] if first_of.get(head, 0) < number else "",
                        "index-later": sequence([value(p) for p in later] if number == 1 else []),
                        "index-later-parts": sequence(
                            [value(first_of[rank[p]]) for p in later] if number == 1 else []),
                    }, output_dir=stage)
                    self.messages.update(dict.fromkeys(self.transform.messages))

    # -- static files

    def write_static(self) -> list[Path]:
        return self.copy_assets()

    def copy_assets(self) -> list[Path]:
        written = []
        for source in sorted(ASSETS.iterdir()):
            if source.is_file():
                data = source.read_bytes()
                if source.name == "edition.css":
                    data = self.core_css + data
                written.append(atomic_write(self.outdir / "assets" / source.name, data))
        from edition.builders.html_fonts import install_fonts

        fonts, missing = install_fonts(self.outdir / "assets" / "fonts")
        for source in missing:
            self.messages[
                f"H002|warning|font {source} not found (install fonts-linuxlibertine, "
                "scripts/setup.sh): pages fall back to the reader's serif font"
            ] = None
        written += fonts
        return written


@dataclass(frozen=True)
class _Facts:
    """What inferring correspondences needs of a site:text entry."""

    file: str
    corresponds: frozenset[str]  # the files its own correspondences name
    date: str | None  # when the text was written (site:date)
    authors: frozenset[str]
    dated: tuple[tuple[str, str], ...]  # its parts dated to the day: (when, part)

    @classmethod
    def of(cls, entry: etree._Element) -> _Facts:
        ns = {"site": SITE_NS}
        date = entry.find("site:date", ns)
        return cls(entry.get("file"), frozenset(_correspondence_files(entry)),
                   date.get("when") if date is not None else None,
                   frozenset(a.text for a in entry.iterfind("site:author", ns)),
                   tuple((p.get("when"), p.get("part")) for p in entry.iterfind("site:dated", ns)))


def _inferred(facts: list[_Facts]) -> dict[int, list[tuple[str, str]]]:
    """A part of one text dated to the day (a writing in a collection) and another text of
    the edition written that day by the same author are two versions of one document: the
    letter of 8 October 1923 printed whole and in the 1924 partial text of the Pathfinder
    volume. Such pairs correspond (inferred) unless a @corresp in either text already says
    what corresponds to what. Per entry (its place), its inferred (holder, target) pairs."""
    explicit = {target for fact in facts for target in fact.corresponds}
    explicit |= {fact.file for fact in facts if fact.corresponds}
    dated: dict[str, list[int]] = {}  # texts by their date: no pair scan
    for number, fact in enumerate(facts):
        if fact.date is not None:
            dated.setdefault(fact.date, []).append(number)
    inferred: dict[int, list[tuple[str, str]]] = {}
    for number, fact in enumerate(facts):
        for when, part in fact.dated:
            for other in dated.get(when, []):
                if (other != number and fact.authors & facts[other].authors
                        and not {fact.file, facts[other].file} & explicit):
                    inferred.setdefault(number, []).append((part, facts[other].file))
    return inferred


def _correspondence_files(entry: etree._Element) -> set[str]:
    """The files of the texts a site:text entry corresponds to."""
    return {c.get("target").split("#")[0] for c in entry.iter(f"{{{SITE_NS}}}correspondence")}


def _cites(entry: etree._Element) -> set[str]:
    """The files a site:text entry's text names in its pointers (survey.xsl)."""
    return {c.get("file") for c in entry.iterfind(f"{{{SITE_NS}}}cites")}


def _entries_of(path) -> Iterator[etree._Element]:
    """The site:text entries of a site file (the root's children), one at a time, each gone
    after the next."""
    source = str(path) if isinstance(path, Path) else path
    for _, entry in etree.iterparse(source, tag=f"{{{SITE_NS}}}text",
                                    resolve_entities=False, no_network=True, load_dtd=False):
        if entry.getparent() is None or entry.getparent().getparent() is not None:
            continue  # the root, or (were there any) an entry inside an entry
        yield entry
        entry.clear(keep_tail=False)
        while entry.getprevious() is not None:  # the entries before it, cleared already
            del entry.getparent()[0]


@dataclass(frozen=True, slots=True)
class _Entry:
    """A site:text entry held as its bytes, with what the site pages ask of it: a fraction
    of the memory of its parsed tree."""

    id: str
    href: str
    file: str
    corresponds: frozenset[str]  # the files of the texts it corresponds to
    cites: frozenset[str]  # the files its text's pointers name
    data: bytes


def _compact_entries(source) -> list[_Entry]:
    """The entries of a site file (a path or a file object)."""
    return [_Entry(e.get("id"), e.get("href"), e.get("file"),
                   frozenset(_correspondence_files(e)), frozenset(_cites(e)), _entry_bytes(e))
            for e in _entries_of(source)]


#: How an entry serialized on its own begins; in a site, its root declares the namespace.
_ENTRY_START = f'<site:text xmlns:site="{SITE_NS}"'.encode()


def _entry_bytes(entry: etree._Element) -> bytes:
    """An entry as it stands in a site document's bytes."""
    data = etree.tostring(entry, encoding="utf-8", with_tail=False)
    if data.startswith(_ENTRY_START):
        data = b"<site:text" + data[len(_ENTRY_START):]
    return data


def _site_bytes(entries: Sequence[bytes], large: str | None = None) -> bytes:
    """A site:site document of entries' bytes (_entry_bytes), in the order given."""
    extra = f' large="{large}"' if large is not None else ""
    return (f'<site:site xmlns:site="{SITE_NS}"{extra}>'.encode() + b"".join(entries)
            + b"</site:site>")


def _site_of(entries) -> Document:
    """A site:site document of some of the site's entries, in the order given."""
    return parse_bytes(_site_bytes([entry.data for entry in entries]), "site.xml")


def _paired(entries: list[_Entry]) -> list[_Entry]:
    """The entries a list of parallel views names: those holding a correspondence and
    those it points at, in the site's order."""
    targets = {file for entry in entries for file in entry.corresponds}
    return [e for e in entries if e.file in targets or e.corresponds]


def _mentions(rows) -> etree._Element:
    """site:mentions from (person, text, href, label) rows."""
    root = etree.Element(f"{{{SITE_NS}}}mentions", nsmap={"site": SITE_NS})
    for person, text_id, href, label in rows:
        etree.SubElement(root, f"{{{SITE_NS}}}mention", person=person, text=text_id,
                         href=href, label=label)
    return root


def _by_key(order: list[list[str]]):
    """The persons plan's [key, person] lines as (key, [persons]) in order."""
    from itertools import groupby

    for key, lines in groupby(order, key=lambda line: line[0]):
        yield key, [person for _, person in lines]


def _persons_parts(people: list[int], counts: dict[int, list[tuple[int, int]]],
                   size: int) -> list[list[tuple[int, int, int]]]:
    """An initial's persons cut into pages of about `size` passages: each page a list of
    (person, first text, last text) runs; a person named in many texts runs on over
    several pages, a text's passages never do."""
    parts: list[list[tuple[int, int, int]]] = [[]]
    held = 0
    for person in people:
        texts = counts.get(person, [])
        if not texts:
            parts[-1].append((person, 0, -1))
            continue
        low = texts[0][0]
        for index, (text, count) in enumerate(texts):
            if held and held + count > size:
                if text != low:
                    parts[-1].append((person, low, texts[index - 1][0]))
                parts.append([])
                held, low = 0, text
            held += count
        parts[-1].append((person, low, texts[-1][0]))
    return [part for part in parts if part] or [[]]


def _run_pagefind(site: Path, output: Path, workdir: Path) -> None:
    """Pagefind's indexer over `site`, its bundle written to `output`."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "pagefind", "--site", str(site.resolve()),
               "--output-path", str(output.resolve()), "--silent"]
    try:
        # Run in a scratch directory: Pagefind reads a configuration file (pagefind.yml, …)
        # from where it runs, and the caller's is not ours.
        done = subprocess.run(command, capture_output=True, text=True, cwd=workdir,
                              check=False)
    except OSError as exc:
        raise RuntimeError(f"Pagefind could not be started: {exc}") from None
    if done.returncode:
        if "No module named pagefind" in done.stderr:
            raise RuntimeError(
                "Pagefind is not installed (pip install 'pagefind[bin]', or --search offline)")
        raise RuntimeError(f"Pagefind failed: {(done.stderr or done.stdout).strip()[-2000:]}")


def _sort_pagefind_entry(path: Path) -> None:
    """Pagefind lists a bundle's languages in the order of a hash map, which changes from
    run to run: put them in the order of their codes, so that a build gives the same bytes
    every time (the search page reads them by code)."""
    if not path.is_file():
        return
    entry = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(entry.get("languages"), dict):
        entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")


def read_search_data(path: Path) -> list:
    """[text id, title, passages, names] from a search/ID.js file (its JSON line)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return json.loads(lines[2])


def _document(root: etree._Element, name: str) -> Document:
    """A Document for a tree this builder made (parsed back through the safe loader)."""
    return parse_bytes(etree.tostring(root, encoding="utf-8"), name)
