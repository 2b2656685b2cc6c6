"""Other projects' TEI: a source directory that has no edition header of ours.

Archives and other projects bring directories of TEI P5 made by other tools. For them:

- every `*.xml` below the directory is a text (hidden directories are skipped);
- a text's id is its path under the directory, made a safe file name and XML name
  (`acts/act1.xml` -> `acts-act1`), never one of the site's own page names: ids must name
  output files and cannot come from the files' own xml:ids, which may be absent, repeated
  across files or unsafe;
- the edition header the builders need (title, reading order, about page) is made from the
  texts' own headers (`edition_header`);
- a document reaches the stylesheets with its root's xml:id set to the text's id, and a
  `teiCorpus` as one TEI whose text groups its members' texts (`for_rendering`), so that the
  layers, which render one TEI text, render a corpus file whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from edition.xml import NSMAP, TEI_NS, XML_NS, Document

#: Names the outputs already use beside the texts' (site pages, edition-wide files, search data).
RESERVED = frozenset({
    "index", "about", "persons", "search", "edition", "contents", "assets", "fonts", "css",
    "js", "pagefind", "mimetype", "meta-inf", "oebps", "print",
})
#: Distinct editorial declarations copied into the made header's about page, at most.
MAX_DECLARATIONS = 40

_T = f"{{{TEI_NS}}}"
_XML_ID = f"{{{XML_NS}}}id"


def source_files(directory: Path) -> list[Path]:
    """The XML files below a directory, in natural order of their paths."""
    directory = Path(directory)
    found = [
        p for p in directory.rglob("*.xml")
        if p.is_file() and not any(part.startswith(".") for part in
                                   p.relative_to(directory).parts)
    ]
    return sorted(found, key=lambda p: natural_key(p.relative_to(directory).as_posix()))


def natural_key(name: str) -> list:
    """`act2` before `act10`: digits compare as numbers."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
            for part in re.split(r"(\d+)", name) if part]


def text_ids(relatives: Sequence[str]) -> dict[str, str]:
    """A unique safe id per file path (relative, posix), in the order given."""
    ids: dict[str, str] = {}
    used = set(RESERVED)
    for relative in relatives:
        stem = relative[:-4] if relative.endswith(".xml") else relative
        base = re.sub(r"[^A-Za-z0-9._-]+", "_", stem.replace("/", "-")).strip("._-") or "text"
        if not (base[0].isalpha() or base[0] == "_"):
            base = "t" + base  # an XML name starts with a letter
        candidate, number = base, 2
        # Compared without case: the outputs may land on a case-insensitive file system.
        while candidate.casefold() in used:
            candidate, number = f"{base}-{number}", number + 1
        used.add(candidate.casefold())
        ids[relative] = candidate
    return ids


# ---------------------------------------------------------------- reading a header


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _first(root: etree._Element, path: str) -> etree._Element | None:
    found = root.xpath(path, namespaces=NSMAP)
    return found[0] if found else None


def header_of(root: etree._Element) -> etree._Element | None:
    return root.find(f"{_T}teiHeader")


def title_of(root: etree._Element) -> str:
    header = header_of(root)
    if header is None:
        return ""
    title = _first(header, "tei:fileDesc/tei:titleStmt/tei:title[@type='main']")
    if title is None:
        title = _first(header, "tei:fileDesc/tei:titleStmt/tei:title")
    return _text(title)


def authors_of(root: etree._Element) -> list[str]:
    header = header_of(root)
    if header is None:
        return []
    return [t for t in (_text(a) for a in header.xpath(
        "tei:fileDesc/tei:titleStmt/tei:author", namespaces=NSMAP)) if t]


def date_of(root: etree._Element) -> str:
    """The text's own date: of its creation or its source, else of its publication."""
    header = header_of(root)
    if header is None:
        return ""
    for path in ("tei:profileDesc/tei:creation//tei:date",
                 "tei:fileDesc/tei:sourceDesc//tei:date",
                 "tei:fileDesc/tei:publicationStmt/tei:date"):
        date = _first(header, path)
        if date is not None:
            return date.get("when") or _text(date)
    return ""


def order_of(root: etree._Element) -> float | None:
    """A place in a series that the header states (`seriesStmt/biblScope/@n`), if any: it
    orders the texts before their file names do."""
    header = header_of(root)
    scope = None if header is None else _first(
        header, "tei:fileDesc/tei:seriesStmt/tei:biblScope[@n]")
    try:
        return float(scope.get("n")) if scope is not None else None
    except ValueError:
        return None


# ---------------------------------------------------------------- the made header


class HeaderMaker:
    """Gathers what the edition header needs from each text's header, one text at a time
    (a directory of 10,000 files is never in memory at once), then writes the header."""

    def __init__(self, directory_name: str):
        self.directory_name = directory_name
        self.entries: list[dict] = []
        self.series: set[str] = set()
        self.declarations: dict[bytes, etree._Element] = {}
        self.projects: dict[bytes, etree._Element] = {}
        self.languages: dict[str, None] = {}

    def add(self, relative: str, text_id: str, root: etree._Element) -> None:
        header = header_of(root)
        self.entries.append({
            "relative": relative, "id": text_id, "title": title_of(root) or relative,
            "authors": authors_of(root), "date": date_of(root), "order": order_of(root),
            "position": len(self.entries),
        })
        if header is None:
            self.series.add("")
            return
        series = _text(_first(header, "tei:fileDesc/tei:seriesStmt/tei:title"))
        self.series.add(series)
        for kind, store in (("editorialDecl", self.declarations), ("projectDesc", self.projects)):
            for declaration in header.iterfind(f"{_T}encodingDesc/{_T}{kind}"):
                for part in declaration:
                    if not isinstance(part.tag, str):
                        continue
                    key = etree.tostring(part, method="c14n")
                    if key not in store and len(store) < MAX_DECLARATIONS:
                        store[key] = _without_ids(part)
        language = root.get(f"{{{XML_NS}}}lang") or _first(root, "tei:text/@xml:lang")
        if language:
            self.languages[str(language)] = None

    def order(self) -> list[dict]:
        """Reading order: the series' numbers where the headers give them, then file names."""
        return sorted(self.entries, key=lambda e: (e["order"] is None, e["order"] or 0,
                                                   e["position"]))

    def title(self) -> str:
        """One text's own title; else the series all the texts share; else the directory's
        name."""
        if len(self.entries) == 1:
            return self.entries[0]["title"]
        if len(self.series) == 1:
            return next(iter(self.series)) or self.directory_name
        return self.directory_name

    def header(self) -> bytes:
        """The edition header (TEI, xml:id "edition") as bytes."""
        tei = etree.Element(f"{_T}TEI", nsmap={None: TEI_NS})
        tei.set(_XML_ID, "edition")
        header = etree.SubElement(tei, f"{_T}teiHeader")
        file_desc = etree.SubElement(header, f"{_T}fileDesc")
        title_stmt = etree.SubElement(file_desc, f"{_T}titleStmt")
        _element(title_stmt, "title", self.title(), type="main")
        publication = etree.SubElement(file_desc, f"{_T}publicationStmt")
        _element(publication, "p", (
            f"Built by edition from the {len(self.entries)} TEI "
            f"file{'s' if len(self.entries) != 1 else ''} of {self.directory_name}. Each text's "
            "header states its own publication, source and rights."))
        source = etree.SubElement(file_desc, f"{_T}sourceDesc")
        bibls = etree.SubElement(source, f"{_T}listBibl")
        ordered = self.order()
        for entry in ordered:
            bibl = etree.SubElement(bibls, f"{_T}bibl")
            for author in entry["authors"]:
                _element(bibl, "author", author)
            _element(bibl, "title", entry["title"])
            if entry["date"]:
                _element(bibl, "date", entry["date"])
            _element(bibl, "ref", entry["relative"], target=entry["relative"])
        if self.declarations or self.projects:
            encoding = etree.SubElement(header, f"{_T}encodingDesc")
            if self.projects:
                etree.SubElement(encoding, f"{_T}projectDesc").extend(self.projects.values())
            if self.declarations:
                etree.SubElement(encoding, f"{_T}editorialDecl").extend(
                    self.declarations.values())
        if self.languages:
            usage = etree.SubElement(etree.SubElement(header, f"{_T}profileDesc"),
                                     f"{_T}langUsage")
            for language in self.languages:
                _element(usage, "language", language, ident=language)
        text = etree.SubElement(tei, f"{_T}text")
        contents = etree.SubElement(etree.SubElement(text, f"{_T}body"), f"{_T}div",
                                    type="contents")
        _element(contents, "head", "The texts, in reading order")
        listing = etree.SubElement(contents, f"{_T}list", type="ordered")
        for number, entry in enumerate(ordered, 1):
            item = etree.SubElement(listing, f"{_T}item", n=str(number))
            label = ", ".join([*entry["authors"], entry["title"]])
            if entry["date"]:
                label += f" ({entry['date']})"
            _element(item, "ref", label, target=f"{entry['relative']}#{entry['id']}")
        return etree.tostring(tei, encoding="UTF-8", xml_declaration=True) + b"\n"


def _element(parent: etree._Element, name: str, text: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{_T}{name}", attributes)
    element.text = text
    return element


def _without_ids(element: etree._Element) -> etree._Element:
    """A copy without xml:ids, which would clash between texts (or with the edition's)."""
    copy = etree.fromstring(etree.tostring(element))
    for node in copy.iter(etree.Element):
        node.attrib.pop(_XML_ID, None)
    return copy


# ---------------------------------------------------------------- documents for rendering


def for_rendering(document: Document, text_id: str) -> Document:
    """The document as the layers render it: its root's xml:id is the text's id, and a
    teiCorpus is one TEI whose text groups its members' texts (their titles as the groups'
    title pages), so no member's words are lost."""
    root = document.root
    if root.tag == f"{_T}teiCorpus":
        root = _corpus_as_tei(root)
    elif root.get(_XML_ID) == text_id:
        return document
    else:
        root = etree.fromstring(etree.tostring(root))
    old = root.get(_XML_ID)
    root.set(_XML_ID, text_id)
    if old and old != text_id:
        # Pointers at the root's own id keep working.
        for attribute in ("target", "corresp", "ref", "source"):
            for element in root.xpath(f"//*[@{attribute}='#{old}']"):
                element.set(attribute, f"#{text_id}")
    return Document(document.path, document.data, root.getroottree())


def _corpus_as_tei(corpus: etree._Element) -> etree._Element:
    tei = etree.Element(f"{_T}TEI", nsmap=corpus.nsmap)
    for name, value in corpus.attrib.items():
        tei.set(name, value)
    header = header_of(corpus)
    if header is not None:
        tei.append(etree.fromstring(etree.tostring(header)))
    text = etree.SubElement(tei, f"{_T}text")
    text.append(_group_of(corpus))
    return tei


def _group_of(corpus: etree._Element) -> etree._Element:
    group = etree.Element(f"{_T}group")
    for member in corpus:
        if member.tag == f"{_T}teiCorpus":
            inner = etree.SubElement(group, f"{_T}text")
            _title_page(inner, title_of(member))
            inner.append(_group_of(member))
        elif member.tag == f"{_T}TEI":
            for part in member:
                if part.tag in (f"{_T}text", f"{_T}sourceDoc", f"{_T}facsimile"):
                    copy = etree.fromstring(etree.tostring(part))
                    if part.tag != f"{_T}text":  # only a text may stand in a group
                        wrapper = etree.Element(f"{_T}text")
                        body = etree.SubElement(wrapper, f"{_T}body")
                        body.append(copy)
                        copy = wrapper
                    if member.get(_XML_ID) and copy.get(_XML_ID) is None:
                        copy.set(_XML_ID, member.get(_XML_ID))
                    _title_page(copy, title_of(member))
                    group.append(copy)
    return group


def _title_page(text: etree._Element, title: str) -> None:
    """Give a member's text its title, at the head of its front matter, unless its
    front matter opens with a title page of its own."""
    if not title:
        return
    front = text.find(f"{_T}front")
    if front is None:
        front = etree.Element(f"{_T}front")
        text.insert(0, front)
    elif len(front) and front[0].tag == f"{_T}titlePage":
        return  # the member's own title page names it
    page = etree.Element(f"{_T}titlePage")
    part = etree.SubElement(etree.SubElement(page, f"{_T}docTitle"), f"{_T}titlePart")
    part.text = title
    front.insert(0, page)

