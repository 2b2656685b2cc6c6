"""What the collection endpoint says of a text or of the edition, from its TEI header:
title, description and Dublin Core terms (the DTS `dublinCore` MetadataObject: each value a
URI, a literal, or an array of {"lang", "value"} objects).

| term | from the header |
| --- | --- |
| title | titleStmt/title (the main one) |
| alternative | the other titles of titleStmt |
| creator | titleStmt/author |
| contributor | titleStmt/editor, the persons and bodies of titleStmt/respStmt |
| publisher | publicationStmt/publisher, distributor, authority |
| date | publicationStmt/date (@when, else its words) |
| created | profileDesc/creation/date (@when, else its words) |
| identifier | publicationStmt/idno |
| license | publicationStmt/availability/licence/@target |
| rights | the words of availability (licence and paragraphs) |
| source | sourceDesc: each bibl, biblFull (title, publisher, place, date) or msDesc |
| description | profileDesc/abstract, else the subtitles |
| subject | profileDesc/textClass/keywords/term |
| language | profileDesc/langUsage/language/@ident, else the text's xml:lang |
| type | DCMI Type Text |
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from edition.xml import NSMAP, TEI_NS, XML_NS

T = f"{{{TEI_NS}}}"
_SOURCE_READINGS = {f"{T}sic", f"{T}orig", f"{T}abbr"}
TEXT_TYPE = "http://purl.org/dc/dcmitype/Text"
_LANG = f"{{{XML_NS}}}lang"


def words(element: etree._Element | None) -> str:
    """An element's words as one line: without its notes, a line break as a space, a
    correction rather than what it corrects."""
    if element is None:
        return ""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if not isinstance(node.tag, str) or node.tag == f"{T}note":
            return
        if node.tag in _SOURCE_READINGS and node.getparent() is not None \
                and node.getparent().tag == f"{T}choice" and node is not element:
            return
        if node.tag == f"{T}lb":
            parts.append(" ")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    return " ".join("".join(parts).split())


def language(root: etree._Element) -> str:
    """The text's language (BCP 47): its header's first langUsage/language, its root's
    xml:lang, else "und" (undetermined)."""
    found = root.xpath("string(tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language"
                       "[1]/@ident)", namespaces=NSMAP) or root.get(_LANG) or "und"
    return str(found).strip() or "und"


def title(root: etree._Element) -> str:
    titles = _all(root, "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title")
    main = [t for t in titles if t.get("type") == "main"] or titles
    return words(main[0]) if main else ""


def description(root: etree._Element) -> str:
    abstract = _all(root, "tei:teiHeader/tei:profileDesc/tei:abstract")
    if abstract:
        return words(abstract[0])
    subtitles = _all(root, "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type='sub']")
    return "; ".join(words(t) for t in subtitles)


def dublin_core(root: etree._Element) -> dict[str, Any]:
    """The Dublin Core terms of a TEI document's header (see the table above)."""
    lang = language(root)
    stmt = "tei:teiHeader/tei:fileDesc/tei:titleStmt"
    publication = "tei:teiHeader/tei:fileDesc/tei:publicationStmt"
    profile = "tei:teiHeader/tei:profileDesc"
    titles = _all(root, f"{stmt}/tei:title")
    main = ([t for t in titles if t.get("type") == "main"] or titles)[:1]
    terms: dict[str, Any] = {
        "title": _localised(main, lang),
        "alternative": _localised([t for t in titles if t not in main], lang),
        "creator": _localised(_all(root, f"{stmt}/tei:author"), lang),
        "contributor": _localised(_all(root, f"{stmt}/tei:editor | {stmt}/tei:respStmt/"
                                         "*[self::tei:persName or self::tei:orgName "
                                         "or self::tei:name]"), lang),
        "publisher": _localised(_all(root, f"{publication}/*[self::tei:publisher or "
                                     "self::tei:distributor or self::tei:authority]"), lang),
        "date": _dates(_all(root, f"{publication}/tei:date")),
        "created": _dates(_all(root, f"{profile}/tei:creation/tei:date")),
        "identifier": _distinct(words(i) for i in _all(root, f"{publication}/tei:idno")),
        "license": _distinct(str(t).strip() for t in root.xpath(
            f"{publication}/tei:availability/tei:licence/@target", namespaces=NSMAP)),
        "rights": _localised(_all(root, f"{publication}/tei:availability/*"), lang),
        "source": [{"lang": lang, "value": v} for v in _distinct(
            _source(s) for s in _all(root, "tei:teiHeader/tei:fileDesc/tei:sourceDesc/*"))],
        "description": [{"lang": lang, "value": v} for v in [description(root)] if v],
        "subject": _localised(_all(root, f"{profile}/tei:textClass/tei:keywords/tei:term"),
                              lang),
        "language": _distinct(str(i).strip() for i in root.xpath(
            f"{profile}/tei:langUsage/tei:language/@ident", namespaces=NSMAP)) or [lang],
        "type": [TEXT_TYPE],
    }
    return {term: value for term, value in terms.items() if value}


def _all(root: etree._Element, path: str) -> list[etree._Element]:
    return root.xpath(path, namespaces=NSMAP)


def _distinct(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _localised(elements: list[etree._Element], lang: str) -> list[dict[str, str]]:
    found = []
    for element in elements:
        value = words(element)
        own = element.xpath("string(ancestor-or-self::*[@xml:lang][1]/@xml:lang)",
                            namespaces=NSMAP)
        entry = {"lang": str(own).strip() or lang, "value": value}
        if value and entry not in found:
            found.append(entry)
    return found


def _dates(elements: list[etree._Element]) -> list[str]:
    return _distinct((d.get("when") or words(d)).strip() for d in elements)


def _source(element: etree._Element) -> str:
    """One source of the text in a line: a bibl's words; a biblFull's title, publisher,
    place and date; a manuscript's identifier."""
    local = etree.QName(element).localname
    if local == "biblFull":
        parts = [words(element.find(p, NSMAP)) for p in (
            "tei:titleStmt/tei:title", "tei:publicationStmt/tei:publisher",
            "tei:publicationStmt/tei:pubPlace", "tei:publicationStmt/tei:date")]
        return ", ".join(p for p in parts if p)
    if local == "msDesc":
        return words(element.find("tei:msIdentifier", NSMAP))
    return words(element)
