"""`edition build --format epub`: one EPUB 3 per text, and one of the whole edition.

    output/epub/<text-id>.epub     each text: cover image, title page, contents, one content
                                   document per part or writing, notes, page list
    output/epub/<edition-id>.epub  every text together (when the corpus has an edition
                                   header), with links between the texts

The stylesheet (xslt/epub.xsl over the core) writes every XML file of a text's package into
a staging directory; this module adds the mimetype and the CSS and zips them reproducibly
(edition.epub_package). The edition's EPUB is made from the texts' EPUBs, not from their
TEI again: their content documents are copied (links into other texts made live on the way,
xslt/epub/relink.xsl), and the edition's package and navigation documents are written from
theirs (xslt/epub/edition.xsl). So each TEI text is rendered once, one at a time.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable, Sequence
from functools import cached_property, partial
from pathlib import Path

from edition import epub_package, media, paths, wordcount
from edition.builders.base import Builder
from edition.corpus import Text
from edition.fsutil import staging_directory
from edition.xml import parse_bytes

CSS_SOURCE = "epub/edition.css"
CSS_TARGET = "OEBPS/css/edition.css"
COVER_FILE = "cover.svg"  # a text's cover image, xslt/epub/cover.xsl
EDITION_TEMPLATE = "{urn:x-edition:functions}edition-package"


class EpubBuilder(Builder):
    name = "epub"
    stylesheet = "epub.xsl"

    def prepare(self) -> None:
        self.css = self.core_css + (paths.xslt_dir() / CSS_SOURCE).read_bytes()

    @cached_property
    def relink(self):
        from edition.xslt import Stylesheet

        return Stylesheet(paths.xslt_dir() / "epub" / "relink.xsl")

    def _parameters(self, name: str, date) -> dict[str, str]:
        return {
            "identifier": epub_package.identifier(name),
            "modified": epub_package.modified(date),
        }

    def edition_settings(self) -> dict[str, str]:
        return {"edition-book": self.edition_book}

    def write_text(self, text: Text) -> list[Path]:
        from edition.xslt import to_xdm

        date = self.corpus.build_date([text])  # this text's own: others' revisions leave it
        images = self.images(text)
        with staging_directory(self.outdir) as stage:
            parameters = {**self._parameters(text.id, date),
                          **media.parameters(images, [i.href(media.MEDIA_DIR) for i in images])}
            self.render(to_xdm(text.document), parameters, output_dir=stage)
            files = epub_package.read_tree(stage)
        self.account_words(text, wordcount.content_words(files))
        for image in images:  # beside the content documents that show them
            files[f"OEBPS/{text.id}/{media.MEDIA_DIR}{image.name}"] = image.path.read_bytes()
        files[CSS_TARGET] = self.css
        return [epub_package.write_epub(self.outdir / f"{text.id}.epub", files, date)]

    # -- the whole edition

    def finish(self, texts: Sequence[Text]) -> list[Path]:
        if self.corpus.edition is None or not texts or not self.makes_edition_book(texts):
            return []
        from edition.xslt import sequence, to_xdm

        edition_id = self.corpus.edition.root.get("{http://www.w3.org/XML/1998/namespace}id")
        edition_id = edition_id or "edition"
        date = self.corpus.build_date(texts)
        # The texts' EPUBs are read a member at a time, never held whole: the edition's
        # EPUB of a thousand texts takes the memory of one.
        sources = _Sources({t.id: self.outdir / f"{t.id}.epub" for t in texts})
        packages, navs = [], []
        for text in texts:
            package = sources.read(text.id, "OEBPS/package.opf")
            nav = sources.read(text.id, "OEBPS/nav.xhtml")
            packages.append(to_xdm(parse_bytes(package, f"{text.id}.opf")))
            navs.append(to_xdm(parse_bytes(nav, f"{text.id}-nav.xhtml")))
        relinked = self._relinker(sources)
        with staging_directory(self.outdir) as stage:
            parameters = {
                **self.authority_parameters,
                **self._parameters(f"edition:{edition_id}", date),
                "packages": sequence(packages),
                "navs": sequence(navs),
            }
            self.transform.call(EDITION_TEMPLATE, parameters, output_dir=stage)
            self.messages.update(dict.fromkeys(self.transform.messages))
            files: dict[str, bytes | Callable[[], bytes]] = dict(epub_package.read_tree(stage))
        # Every text's content documents; not the texts' covers (the edition has its own).
        files.update({path: partial(relinked, path) for path in sources.contents
                      if posixpath.basename(path) != COVER_FILE})
        files[CSS_TARGET] = self.css
        target = self.outdir / f"{edition_id}.epub"
        return [epub_package.write_epub(target, files, date)]

    def _relinker(self, sources: _Sources) -> Callable[[str], bytes]:
        """A reader of the texts' content documents that makes their pointers into other
        texts links wherever their target is in the edition's package."""
        from edition.xslt import to_xdm

        pointing, pointers = set(), set()
        for path in sources.contents:
            if not path.endswith(".xhtml"):
                continue
            data = sources.content(path)
            if b"data-ed-pointer" in data:
                pointing.add(path)
                root = parse_bytes(data, path).root
                pointers |= {str(v) for v in root.xpath("//@data-ed-pointer")}
        targets = _targets(sources, pointers)

        def read(path: str) -> bytes:
            data = sources.content(path)
            if path not in pointing:
                return data
            links = _links_document(targets, posixpath.dirname(path))
            parameters = {"links": to_xdm(links, base_uri="file:///links.xml")}
            source = to_xdm(parse_bytes(data, path), base_uri=f"file:///{path}")
            return self.relink.apply(source, parameters).encode("utf-8")

        return read


class _Sources:
    """The texts' EPUBs, read one member at a time; `contents` lists the members the
    edition's EPUB takes over (each text's own directory, OEBPS/<text-id>/)."""

    def __init__(self, epubs: dict[str, Path]):
        self.epubs = epubs
        self.contents: dict[str, str] = {}  # member path -> text id
        self._open: tuple[str, zipfile.ZipFile] | None = None
        for text_id in epubs:
            prefix = f"OEBPS/{text_id}/"
            for name in self._archive(text_id).namelist():
                if name.startswith(prefix):
                    self.contents[name] = text_id

    def _archive(self, text_id: str) -> zipfile.ZipFile:
        # One archive open at a time: a thousand texts would exhaust the file handles.
        if self._open is None or self._open[0] != text_id:
            if self._open is not None:
                self._open[1].close()
            self._open = (text_id, zipfile.ZipFile(self.epubs[text_id]))
        return self._open[1]

    def read(self, text_id: str, member: str) -> bytes:
        return self._archive(text_id).read(member)

    def content(self, path: str) -> bytes:
        return self.read(self.contents[path], path)

    def paths_of(self, text_id: str) -> list[str]:
        return [p for p, owner in self.contents.items() if owner == text_id]


def _targets(sources: _Sources, pointers: set[str]) -> dict:
    """pointer ("text.xml#id") → path in the package of the element it names."""
    wanted: dict[str, set[str]] = {}
    for pointer in pointers:
        file, _, fragment = pointer.partition("#")
        text_id = file.removesuffix(".xml")
        if text_id in sources.epubs:
            wanted.setdefault(text_id, set()).add(fragment)
    targets = {}
    for text_id, fragments in sorted(wanted.items()):
        prefix = f"OEBPS/{text_id}/"
        titlepage = f"{prefix}{text_id}.xhtml"
        # The file itself, or its TEI element: the text's title page.
        if "" in fragments:
            targets[f"{text_id}.xml"] = titlepage
        if text_id in fragments:
            targets[f"{text_id}.xml#{text_id}"] = titlepage
        for path in sources.paths_of(text_id):
            if not path.endswith(".xhtml"):
                continue
            ids = parse_bytes(sources.content(path), path).root.xpath("//@id")
            for found in fragments.intersection(str(i) for i in ids):
                targets.setdefault(f"{text_id}.xml#{found}", f"{path}#{found}")
    return targets


def _links_document(targets: dict[str, str], directory: str):
    """The relink stylesheet's table of links, relative to a document in `directory`."""
    from lxml import etree

    root = etree.Element("links")
    for pointer, target in sorted(targets.items()):
        path, _, fragment = target.partition("#")
        href = posixpath.relpath(path, directory) + (f"#{fragment}" if fragment else "")
        etree.SubElement(root, "link", pointer=pointer, href=href)
    return parse_bytes(etree.tostring(root), "links.xml")
