"""`edition build --format epub`: one EPUB 3 per text, and one of the whole edition.

    output/epub/<text-id>.epub     each text: title page, contents, one content document
                                   per part or writing, notes, page list
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
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from edition import epub_package, paths
from edition.builders.base import Builder
from edition.corpus import Text
from edition.fsutil import staging_directory
from edition.xml import parse_bytes

CSS_SOURCE = "epub/edition.css"
CSS_TARGET = "OEBPS/css/edition.css"
EDITION_TEMPLATE = "{urn:x-edition:functions}edition-package"


class EpubBuilder(Builder):
    name = "epub"
    stylesheet = "epub.xsl"

    def prepare(self) -> None:
        self.css = (paths.xslt_dir() / CSS_SOURCE).read_bytes()
        self.date = self.corpus.build_date()

    @cached_property
    def relink(self):
        from edition.xslt import Stylesheet

        return Stylesheet(paths.xslt_dir() / "epub" / "relink.xsl")

    def _parameters(self, name: str) -> dict[str, str]:
        return {
            "identifier": epub_package.identifier(name),
            "modified": epub_package.modified(self.date),
        }

    def write_text(self, text: Text) -> list[Path]:
        from edition.xslt import to_xdm

        with staging_directory(self.outdir) as stage:
            self.render(to_xdm(text.document), self._parameters(text.id), output_dir=stage)
            files = epub_package.read_tree(stage)
        files[CSS_TARGET] = self.css
        return [epub_package.write_epub(self.outdir / f"{text.id}.epub", files, self.date)]

    # -- the whole edition

    def finish(self, texts: Sequence[Text]) -> list[Path]:
        if self.corpus.edition is None or not texts:
            return []
        from edition.xslt import sequence, to_xdm

        edition_id = self.corpus.edition.root.get("{http://www.w3.org/XML/1998/namespace}id")
        edition_id = edition_id or "edition"
        contents: dict[str, bytes] = {}
        packages, navs = [], []
        for text in texts:
            files = epub_package.read_epub(self.outdir / f"{text.id}.epub")
            packages.append(to_xdm(parse_bytes(files["OEBPS/package.opf"], f"{text.id}.opf")))
            navs.append(to_xdm(parse_bytes(files["OEBPS/nav.xhtml"], f"{text.id}-nav.xhtml")))
            prefix = f"OEBPS/{text.id}/"
            contents.update({p: data for p, data in files.items() if p.startswith(prefix)})
        contents.update(self._relinked(contents, [t.id for t in texts]))
        with staging_directory(self.outdir) as stage:
            parameters = {
                **self.authority_parameters,
                **self._parameters(f"edition:{edition_id}"),
                "packages": sequence(packages),
                "navs": sequence(navs),
            }
            self.transform.call(EDITION_TEMPLATE, parameters, output_dir=stage)
            self.messages.update(dict.fromkeys(self.transform.messages))
            files = epub_package.read_tree(stage)
        files.update(contents)
        files[CSS_TARGET] = self.css
        target = self.outdir / f"{edition_id}.epub"
        return [epub_package.write_epub(target, files, self.date)]

    def _relinked(self, contents: dict[str, bytes], text_ids: list[str]) -> dict[str, bytes]:
        """The content documents that point into other texts, with those pointers made
        links wherever their target is in the edition's package."""
        from edition.xslt import to_xdm

        pointing = {p: d for p, d in contents.items() if b"data-ed-pointer" in d}
        if not pointing:
            return {}
        pointers = set()
        for path, data in pointing.items():
            root = parse_bytes(data, path).root
            pointers |= {str(v) for v in root.xpath("//@data-ed-pointer")}
        targets = _targets(contents, pointers, set(text_ids))
        result = {}
        for path, data in pointing.items():
            links = _links_document(targets, posixpath.dirname(path))
            parameters = {"links": to_xdm(links, base_uri="file:///links.xml")}
            source = to_xdm(parse_bytes(data, path), base_uri=f"file:///{path}")
            result[path] = self.relink.apply(source, parameters).encode("utf-8")
        return result


def _targets(contents: dict[str, bytes], pointers: set[str], text_ids: set[str]) -> dict:
    """pointer ("text.xml#id") → path in the package of the element it names."""
    wanted: dict[str, set[str]] = {}
    for pointer in pointers:
        file, _, fragment = pointer.partition("#")
        text_id = file.removesuffix(".xml")
        if text_id in text_ids:
            wanted.setdefault(text_id, set()).add(fragment)
    targets = {}
    for text_id, fragments in wanted.items():
        prefix = f"OEBPS/{text_id}/"
        titlepage = f"{prefix}{text_id}.xhtml"
        # The file itself, or its TEI element: the text's title page.
        if "" in fragments:
            targets[f"{text_id}.xml"] = titlepage
        if text_id in fragments:
            targets[f"{text_id}.xml#{text_id}"] = titlepage
        for path, data in contents.items():
            if not path.startswith(prefix) or not path.endswith(".xhtml"):
                continue
            ids = parse_bytes(data, path).root.xpath("//@id")
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

