"""The check other projects' TEI gets: what rendering needs, and their own schema's word.

Our own texts are held to the edition's strict subset (validate.py). Another project's TEI
was made to its own schema, so refusing it for ours would refuse everything; instead:

- errors (the file is skipped): not well-formed or refused by the safe loader (X…), not
  TEI (R002), or without what rendering needs: a teiHeader and a text, sourceDoc or
  facsimile (R010);
- warnings (the file is built): the messages of the RELAX NG schema the file names in
  `<?xml-model?>` when that schema is on disk (or of `--schema`), once per file and
  message (R020); a named schema that cannot be used, said once per schema (R021).

Nothing is fetched: a schema named by URL is reported, not downloaded. The checks look at
one file at a time, so their verdicts are remembered per file (validation_cache.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from edition.messages import ERROR, WARNING, Message
from edition.xml import TEI_NS, Document, Location, XMLLoadError, parse_file

RELAXNG_NS = "http://relaxng.org/ns/structure/1.0"
_T = f"{{{TEI_NS}}}"
_PSEUDO_ATTRIBUTE = re.compile(r'([\w:-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
#: Schema messages kept per file: past this, one line says how many more there were.
MAX_SCHEMA_MESSAGES = 20


def named_schemas(document: Document) -> list[str]:
    """The hrefs of the RELAX NG schemas a document's `<?xml-model?>` instructions name."""
    hrefs = []
    for node in document.root.itersiblings(preceding=True):
        if not isinstance(node, etree._ProcessingInstruction) or node.target != "xml-model":
            continue
        pseudo = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
                  for m in _PSEUDO_ATTRIBUTE.finditer(node.text or "")}
        href = pseudo.get("href", "")
        kind = pseudo.get("schematypens", "")
        if href and (kind == RELAXNG_NS or (not kind and href.endswith((".rng", ".rnc")))):
            hrefs.append(href)
    return list(reversed(hrefs))  # itersiblings(preceding) walks backwards


def schema_path(document_path: Path, href: str) -> Path | None:
    """A named schema on this machine (relative to the file, or a file: URI), else None."""
    parts = urlsplit(href)
    if parts.scheme not in ("", "file") or parts.netloc not in ("", "localhost"):
        return None
    local = Path(unquote(parts.path))
    return local if local.is_absolute() else Path(document_path).parent / local


class ForeignChecker:
    """Checks files one by one; compiles each schema once."""

    def __init__(self, schema: Path | None = None):
        self.schema = schema
        self._grammars: dict[Path, etree.RelaxNG | str] = {}
        #: The schema files on disk the last file checked was checked against.
        self.used: list[Path] = []

    def schemas_for(self, path: Path, document: Document) -> list[Path | str]:
        """The schemas a file is checked against: --schema, else those it names (a path on
        disk, or the href itself when it is not on disk)."""
        if self.schema is not None:
            return [self.schema]
        found: list[Path | str] = []
        for href in named_schemas(document):
            local = schema_path(path, href)
            found.append(local if local is not None and local.is_file() else href)
        return found

    def check(self, path: Path) -> list[Message]:
        self.used = []
        try:
            document = parse_file(path)
        except XMLLoadError as exc:
            return [Message(exc.location, ERROR, exc.message, exc.code)]
        except OSError as exc:
            return [Message(Location(str(path), 1, 1), ERROR,
                            f"cannot read: {exc.strerror}", "X001")]
        problems = self.renderable(document)
        if problems:
            return problems
        messages: list[Message] = []
        for schema in self.schemas_for(path, document):
            messages += self._against(schema, document)
            if isinstance(schema, Path):
                self.used.append(schema)
        return messages

    @staticmethod
    def renderable(document: Document) -> list[Message]:
        root = document.root
        name = etree.QName(root)
        where = document.locate(root)
        if name.namespace != TEI_NS or name.localname not in ("TEI", "teiCorpus"):
            found = f"in namespace {name.namespace}" if name.namespace else "in no namespace"
            return [Message(where, ERROR, (
                f"the root element <{name.localname}> ({found}) is not a TEI document: "
                f"a TEI file's root is <TEI> or <teiCorpus> in {TEI_NS}; not built"), "R002")]
        if root.find(f"{_T}teiHeader") is None:
            return [Message(where, ERROR, f"<{name.localname}> has no <teiHeader>: the "
                            "texts' pages and metadata are made from it; not built", "R010")]
        content = ("TEI", "teiCorpus") if name.localname == "teiCorpus" else (
            "text", "sourceDoc", "facsimile")
        if not any(root.find(f"{_T}{child}") is not None for child in content):
            wanted = " or ".join(f"<{c}>" for c in content)
            return [Message(where, ERROR, f"<{name.localname}> holds no {wanted}: there is "
                            "nothing to render; not built", "R010")]
        return []

    def _against(self, schema: Path | str, document: Document) -> list[Message]:
        grammar = self._grammar(schema)
        if isinstance(grammar, str):
            # Said for every file that names it (each file's verdict is cached alone); the
            # build's report says it once.
            return [Message(document.locate(document.root), WARNING, grammar, "R021")]
        if grammar.validate(document.tree):
            return []
        messages = []
        name = Path(schema).name
        entries = list(grammar.error_log)
        for entry in entries[:MAX_SCHEMA_MESSAGES]:
            location = Location(document.path, entry.line, max(entry.column, 1))
            messages.append(Message(location, WARNING,
                                    f"{name}: {entry.message.strip()}", "R020"))
        if len(entries) > MAX_SCHEMA_MESSAGES:
            messages.append(Message(document.locate(document.root), WARNING, (
                f"{name}: {len(entries) - MAX_SCHEMA_MESSAGES} more messages of this "
                "schema not shown"), "R020"))
        return messages

    def _grammar(self, schema: Path | str) -> etree.RelaxNG | str:
        if schema not in self._grammars:
            self._grammars[schema] = _compile(schema)
        return self._grammars[schema]


def _compile(schema: Path | str) -> etree.RelaxNG | str:
    """The compiled schema, or why it cannot be used (a sentence for a warning)."""
    if isinstance(schema, str):
        return (f"the schema {schema} that <?xml-model?> names is not on this machine and "
                "is never fetched; give a copy with --schema to check against it")
    if schema.suffix == ".rnc":
        return (f"the schema {schema} is in RELAX NG's compact syntax, which is not read; "
                "give its XML syntax (.rng, e.g. made with trang) with --schema")
    try:
        return etree.RelaxNG(parse_file(schema).tree)
    except (XMLLoadError, OSError, etree.RelaxNGParseError) as exc:
        return f"the schema {schema} cannot be used: {exc}"

