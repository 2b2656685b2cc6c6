"""The PDFs, read with pikepdf: fonts embedded, an outline, the document's metadata (title,
language, author where the TEI names one), every internal link's destination present,
links to other PDFs resolving to files that exist, every footnote set on its call's page,
and a structure tree where the file claims PDF/UA. What it does not check: the rest of
PDF/UA and PDF/A (veraPDF, which is not packaged for us, would), colour and image resolution."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from edition.checks import tools
from edition.messages import ERROR, Message
from edition.xml import Location

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def check_pdf(path: Path, authors: list[str] | None = None) -> list[Message]:
    """The problems of one PDF; `authors`: the TEI's authors, when it names some."""
    pikepdf = tools.pikepdf()
    where = Location(str(path))
    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, OSError) as exc:
        return [Message(where, ERROR, f"not a readable PDF: {exc}", "C040")]
    with pdf:
        found = _fonts(pdf, where) + _metadata(pdf, where, authors) + _outline(pdf, where)
        found += _links(pdf, path, pikepdf) + _footnotes(pdf, where, pikepdf)
        found += _structure(pdf, where)
    return found


def _fonts(pdf, where: Location) -> list[Message]:
    missing = set()
    for page in pdf.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for _, font in fonts.items():
            descendants = font.get("/DescendantFonts") or [font]
            for each in descendants:
                if each.get("/Subtype") == "/Type3":
                    continue  # drawn by the file itself
                descriptor = each.get("/FontDescriptor")
                if descriptor is None or not any(k in descriptor for k in FONT_FILES):
                    missing.add(str(each.get("/BaseFont", "?")))
    return [Message(where, ERROR, f"font {name} is not embedded", "C041")
            for name in sorted(missing)]


def _metadata(pdf, where: Location, authors: list[str] | None) -> list[Message]:
    found = []
    info = pdf.docinfo
    if not str(info.get("/Title", "")).strip():
        found.append(Message(where, ERROR, "the document has no title (/Title)", "C042"))
    if not str(pdf.Root.get("/Lang", "")).strip():
        found.append(Message(where, ERROR, "the document states no language (/Lang)", "C042"))
    if authors and not str(info.get("/Author", "")).strip():
        found.append(Message(where, ERROR, "the TEI names an author, the PDF none (/Author)",
                             "C042"))
    return found


def _outline(pdf, where: Location) -> list[Message]:
    with pdf.open_outline() as outline:
        if not outline.root:
            return [Message(where, ERROR, "the PDF has no outline (bookmarks)", "C043")]
    return []


def _destinations(pdf, pikepdf) -> set[str]:
    names = set()
    tree = pdf.Root.get("/Names", {}).get("/Dests")
    if tree is not None:
        names |= {str(k) for k in pikepdf.NameTree(tree).keys()}
    old = pdf.Root.get("/Dests")
    if old is not None:
        names |= {str(k).lstrip("/") for k in old.keys()}
    return names


def _destination_pages(pdf, pikepdf) -> dict[str, int]:
    """Named destination → the number of its page (1-based)."""
    tree = pdf.Root.get("/Names", {}).get("/Dests")
    if tree is None:
        return {}
    numbers = {page.objgen: n for n, page in enumerate(pdf.pages, 1)}
    found = {}
    for name, value in pikepdf.NameTree(tree).items():
        target = value.get("/D") if isinstance(value, pikepdf.Dictionary) else value
        if isinstance(target, pikepdf.Array) and len(target) and target[0].objgen in numbers:
            found[str(name)] = numbers[target[0].objgen]
    return found


def _footnotes(pdf, where: Location, pikepdf) -> list[Message]:
    """A footnote (the print stylesheet's `footnote-ID`, its call `call-footnote-ID`) on
    another page than its call: WeasyPrint may move a note on to save a widow. The pieces
    of a long note after its first (`footnote-ID-2`…) have no call and may run on."""
    pages = _destination_pages(pdf, pikepdf)
    found = []
    for name, page in sorted(pages.items(), key=lambda item: item[1]):
        call = pages.get(f"call-{name}") if name.startswith("footnote-") else None
        if call is not None and call != page:
            found.append(Message(where, ERROR, f"page {call}: the footnote {name[9:]} is set on "
                                 f"page {page}, not on its call's page", "C047"))
    return found


def destinations(path: Path) -> set[str] | None:
    """The named destinations of a PDF (a page-marker's id, a chapter's…); None if it
    cannot be read (its own check names it, C040, once: what reads it for another check
    passes over it)."""
    pikepdf = tools.pikepdf()
    try:
        with pikepdf.open(path) as pdf:
            return _destinations(pdf, pikepdf)
    except (pikepdf.PdfError, OSError):
        return None


def _links(pdf, path: Path, pikepdf) -> list[Message]:
    named = _destinations(pdf, pikepdf)
    found: dict[str, Message] = {}
    for number, page in enumerate(pdf.pages, 1):
        where = Location(str(path))
        for annotation in page.get("/Annots") or []:
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            target = annotation.get("/Dest")
            if action is not None and action.get("/S") == "/GoTo":
                target = action.get("/D")
            if target is not None:
                if isinstance(target, (pikepdf.String, pikepdf.Name)):
                    name = str(target)
                    name = name[1:] if isinstance(target, pikepdf.Name) else name
                    if name not in named:
                        found.setdefault(name, Message(where, ERROR, f"page {number}: a link to "
                                                       f"the destination {name}, which the PDF "
                                                       "lacks", "C044"))
                continue
            if action is None:
                continue
            if action.get("/S") == "/URI":
                message = _uri(str(action.get("/URI")), path, where, number)
            elif action.get("/S") in ("/GoToR", "/Launch"):
                message = _uri(str(action.get("/F", "")), path, where, number)
            else:
                message = None
            if message is not None:
                found.setdefault(message.text, message)
    return list(found.values())


def _uri(uri: str, path: Path, where: Location, number: int) -> Message | None:
    """What is wrong with a link to outside the PDF (None: nothing)."""
    problem = _uri_problem(uri, path)
    return None if problem is None else Message(where, ERROR, f"page {number}: {problem}",
                                                "C045")


def _uri_problem(uri: str, path: Path) -> str | None:
    parts = urlsplit(uri)
    if parts.scheme in ("http", "https", "mailto", "urn", "doi"):
        return None
    if parts.scheme == "file" or parts.scheme == "" and parts.path.startswith("/"):
        return (f"a link to {uri}: an absolute path of the machine that made it (links "
                "between PDFs must be relative)")
    if parts.scheme:
        return f"a link of the scheme {parts.scheme}: {uri}"
    target = (path.parent / unquote(parts.path)) if parts.path else path
    if not target.is_file():
        return f"a link to {uri}: there is no {target.name} beside this PDF"
    if parts.fragment and target.suffix.lower() == ".pdf":
        named = destinations(target)
        if named is not None and unquote(parts.fragment) not in named:
            return f"a link to {uri}: {target.name} has no destination {parts.fragment}"
    return None


def _structure(pdf, where: Location) -> list[Message]:
    """A file that says it is PDF/UA (XMP pdfuaid:part) must be tagged."""
    with pdf.open_metadata() as meta:
        claims_ua = bool(meta.get("pdfuaid:part"))
    if not claims_ua:
        return []
    found = []
    if not bool(pdf.Root.get("/MarkInfo", {}).get("/Marked", False)):
        found.append(Message(where, ERROR, "claims PDF/UA but is not marked as tagged "
                             "(/MarkInfo /Marked)", "C046"))
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None or not tree.get("/K"):
        found.append(Message(where, ERROR, "claims PDF/UA but has no structure tree", "C046"))
    return found

