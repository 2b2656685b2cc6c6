"""The page concordance: every printed page of a print source (a TEI `pb` with a number
and an id) can be cited in every format, under the same label: an anchor in the web
edition (`id`, `data-page`), an entry of the EPUB's page-list, a named destination in the
PDF. A message stands at the `pb` in the TEI, so the editor sees which page lacks what."""

from __future__ import annotations

import zipfile
from html.parser import HTMLParser
from pathlib import Path

from edition.corpus import Text
from edition.errors import EditionError
from edition.messages import ERROR, Message
from edition.xml import NSMAP, parse_bytes

#: Readings the web edition keeps hidden: a page break inside one is not a marker.
HIDDEN = "ancestor::tei:sic or ancestor::tei:orig or ancestor::tei:abbr or ancestor::tei:rdg"


class _Markers(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pages: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id") and "data-page" in attributes:
            self.pages[attributes["id"]] = attributes["data-page"] or ""


def html_markers(site: Path, text_id: str) -> dict[str, str]:
    """id → page label of the page markers of a text's web pages."""
    reader = _Markers()
    for page in sorted(site.glob(f"{text_id}*.html")):
        if page.name == f"{text_id}.html" or page.name.startswith(f"{text_id}."):
            reader.feed(page.read_text(encoding="utf-8"))
    return reader.pages


def epub_page_list(epub: Path) -> dict[str, str] | None:
    """id → label of the EPUB's page-list; None if the EPUB cannot be read (EPUBCheck
    says what is wrong with it)."""
    try:
        with zipfile.ZipFile(epub) as archive:
            nav = parse_bytes(archive.read("OEBPS/nav.xhtml"), f"{epub}/OEBPS/nav.xhtml").root
    except (zipfile.BadZipFile, KeyError, OSError, EditionError):
        return None
    entries = {}
    for link in nav.xpath("//h:nav[@epub:type='page-list']//h:a",
                          namespaces={"h": "http://www.w3.org/1999/xhtml",
                                      "epub": "http://www.idpf.org/2007/ops"}):
        fragment = (link.get("href") or "").partition("#")[2]
        if fragment:
            entries[fragment] = " ".join("".join(link.itertext()).split())
    return entries


def concordance(text: Text, out: Path) -> list[Message]:
    from edition.checks.pdf import destinations

    document = text.document
    breaks = document.root.xpath(f"//tei:text//tei:pb[@xml:id][normalize-space(@n)][not({HIDDEN})]",
                                 namespaces=NSMAP)
    if not breaks:
        return []
    found = []
    html = html_markers(out / "html", text.id) if (out / "html").is_dir() else None
    epub_file = out / "epub" / f"{text.id}.epub"
    epub = epub_page_list(epub_file) if epub_file.is_file() else None
    pdf_file = next(iter(sorted((out / "pdf").rglob(f"{text.id}.pdf"))), None) \
        if (out / "pdf").is_dir() else None
    pdf = destinations(pdf_file) if pdf_file is not None else None
    for pb in breaks:
        page_id = pb.get("{http://www.w3.org/XML/1998/namespace}id")
        label = " ".join(pb.get("n").split())
        where = document.locate(pb)
        said = f"page {label} (#{page_id})"
        if html is not None and html.get(page_id) != label:
            found.append(Message(where, ERROR, f"{said} is not a page marker of the web "
                                 f"edition{_found(html.get(page_id))}", "C050"))
        if epub is not None and page_id not in epub:
            found.append(Message(where, ERROR, f"{said} is not in the page-list of "
                                 f"{epub_file.name}", "C051"))
        in_note = pb.xpath("boolean(ancestor::tei:note)", namespaces=NSMAP)
        if pdf is not None and not in_note and page_id not in pdf:
            found.append(Message(where, ERROR, f"{said} is not a named destination of "
                                 f"{pdf_file.name}", "C052"))
    return found


def _found(label: str | None) -> str:
    return "" if label is None else f" under that label (it says {label!r})"
