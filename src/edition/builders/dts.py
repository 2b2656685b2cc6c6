"""`edition build --format dts`: the edition as a static Distributed Text Services 1.0 API.

    output/dts/index.json               the entry point
    output/dts/collection/*.json        the edition (a Collection) and each text (a Resource)
    output/dts/navigation/*.json        each text's citation trees, from the root and from
                                        every citable unit
    output/dts/document/*.xml           each text's TEI, and each unit's as a TEI fragment

One file per request a client can build from the templates the API advertises, named by
its query string (edition.dts.uri), so that one rewrite rule per endpoint serves it (README,
"Harvesting: the DTS API"). A text's files are its unit (write_text); the entry point, the
edition's collection and each text's `nav=parents` answer (which names the edition and
counts its texts) are the edition-wide unit (finish), from what write_text left in the
cache: the texts' Resource objects.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from edition import paths
from edition.builders.base import Builder
from edition.corpus import Text
from edition.xml import XML_NS

#: In the cache: per text, its Resource object (for the edition's collection).
RESOURCES = "resources"


class DtsBuilder(Builder):
    name = "dts"
    stylesheet = "dts.xsl"
    cost = 0.3

    def input_files(self) -> list[Path]:
        # The stylesheet alone: nothing of the rendering core is used.
        return [paths.xslt_dir() / self.stylesheet, *self.extra_inputs()]

    def write_text(self, text: Text) -> list[Path]:
        from edition.dts import api, fragments
        from edition.dts.trees import citation_trees
        from edition.dts.uri import query_file

        root = text.document.root
        trees, notes = citation_trees(text.document, self.transform)
        for note in notes:
            code, severity, words = note.split("|", 2)
            self.messages[f"{code}|{severity}|{text.id}: {words}"] = None
        resource = api.resource_object(text.id, root, trees)
        brief = api.brief(resource)
        whole = f"document?{api.query(api.ENTRY['document'], resource=text.id)}"
        ranges = fragments.RangeCopier()

        def responses():
            for asked, response in api.resource_responses(resource):
                yield query_file("collection", asked), api.dumps(response)
            for asked, response in api.navigation_responses(brief, root, trees):
                yield query_file("navigation", asked), api.dumps(response)
            for asked, tree, index in api.document_queries(resource, trees):
                if tree is None:
                    data = fragments.whole(root)
                elif isinstance(index, tuple):
                    data = fragments.span(root, tree.units, *index, resource["title"], whole,
                                          ranges)
                else:
                    data = fragments.passage(root, tree.units[index], resource["title"],
                                             whole, ranges)
                yield query_file("document", asked), data

        written = self._publish(responses())
        self.write_cache(f"{RESOURCES}/{text.id}.json", api.dumps(resource))
        return written

    def _publish(self, files) -> list[Path]:
        """Write the files in a staging directory, then move each into place (a rename:
        no final path ever holds part of a file). A text has thousands of small files, so
        this works on plain strings, one directory made once."""
        from edition.fsutil import staging_directory

        with staging_directory(self.outdir) as stage:
            names: list[str] = []
            made: set[str] = set()
            for relative, data in files:
                directory = os.path.dirname(relative)
                if directory not in made:
                    os.makedirs(os.path.join(stage, directory), exist_ok=True)
                    os.makedirs(os.path.join(self.outdir, directory), exist_ok=True)
                    made.add(directory)
                with open(os.path.join(stage, relative), "wb") as handle:
                    handle.write(data)
                names.append(relative)
            for relative in names:
                os.replace(os.path.join(stage, relative), os.path.join(self.outdir, relative))
        return [self.outdir / relative for relative in names]

    def finish_reads(self, relative: str) -> bool:
        return relative.startswith(f".cache/{self.scope}/{RESOURCES}/")

    def finish(self, texts: Sequence[Text]) -> list[Path]:
        from edition.dts import api
        from edition.dts.uri import query_file

        resources = []
        for text in texts:
            cached = self.cache_dir / RESOURCES / f"{text.id}.json"
            if cached.is_file():  # built now or by an earlier build
                resources.append(json.loads(cached.read_bytes()))
        edition = self.corpus.edition.root if self.corpus.edition is not None else None
        identifier = (edition.get(f"{{{XML_NS}}}id") if edition is not None else None) or (
            "edition")
        collection = api.collection_object(identifier, edition, self.corpus.tei_dir.name,
                                           len(resources))

        def responses():
            yield "index.json", api.dumps(api.entry_point())
            for asked, response in api.collection_responses(collection, resources):
                yield query_file("collection", asked), api.dumps(response)
            for resource in resources:
                asked, response = api.parents_response(resource, collection)
                yield query_file("collection", asked), api.dumps(response)

        return self._publish(responses())
