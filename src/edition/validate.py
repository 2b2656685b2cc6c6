"""Validation: RELAX NG for structure, then Schematron for the rules a grammar cannot state.

Both schemas are compiled once per Validator. Schematron runs with the whole corpus in view
(the files asked about plus their neighbours in the same directories), so that pointers into
the personography and duplicate ids across files are caught even when one file is checked.

The rules look into other files only for their ids and the kind of element each names. So
the files are checked in batches of a few megabytes: the files of the batch whole, every
other file as its *skeleton* (its elements that have an xml:id, empty). Memory stays that of
a batch, whatever the size of the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from edition import paths
from edition.errors import UsageError
from edition.messages import ERROR, WARNING, Message
from edition.xml import TEI_NS, XML_NS, Document, Location, XMLLoadError, parse_bytes, parse_file

#: TEI checked by the rules at once (the rest of the corpus takes part as skeletons).
BATCH_BYTES = 2 * 1024 * 1024


@dataclass
class Report:
    """What a validation run found, file by file."""

    files: list[str] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.severity == ERROR]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def invalid_files(self) -> set[str]:
        return {m.location.path for m in self.errors}

    def sorted_messages(self) -> list[Message]:
        return sorted(
            self.messages,
            key=lambda m: (m.location.path, m.location.line, m.location.column, m.code),
        )


def collect_files(targets: Sequence[str | Path]) -> list[Path]:
    """The XML files named, or found (recursively) under the directories named."""
    found: list[Path] = []
    for target in targets:
        path = Path(target)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.xml") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"{target}: no such file or directory")
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


# ---------------------------------------------------------------- RELAX NG

# libxml2's messages, rephrased for editors. Each entry: pattern, code, rewrite.
_RNG_REWRITES: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r"Expecting element (\w+), got (\w+)"),
        "R003",
        "<{1}> found where <{0}> is required: add <{0}> before it, or check the order "
        "of the elements (see schema/edition.rnc)",
    ),
    (
        re.compile(r"Expecting an element (\w+), got nothing"),
        "R003",
        "<{0}> is required here but missing: add it",
    ),
    (
        re.compile(r"Element (\w+) has extra content: (\w+)"),
        "R001",
        "<{1}> is not allowed inside <{0}> at this point: move or remove it "
        "(see schema/edition.rnc for what <{0}> may contain)",
    ),
    (
        re.compile(r"Did not expect element (\w+) there"),
        "R001",
        "<{0}> is not allowed here: move or remove it (see schema/edition.rnc)",
    ),
    (
        re.compile(r"Invalid attribute (\S+) for element (\w+)"),
        "R001",
        "attribute {0} is not allowed on <{1}>: remove it or use an attribute the schema allows",
    ),
    (
        re.compile(r"Element (\w+) failed to validate attributes"),
        "R004",
        "an attribute of <{0}> is missing or has a value of the wrong form",
    ),
    (
        re.compile(r"Type (\S+) doesn't allow value '([^']*)'"),
        "R004",
        "the value '{1}' is not a valid {0}",
    ),
    (
        re.compile(r"Value '([^']*)' for attribute (\S+) of element (\w+) .*"),
        "R004",
        "value '{0}' is not allowed for {1} on <{2}>",
    ),
    (
        re.compile(r"Element (\w+) failed to validate content"),
        "R001",
        "the content of <{0}> does not match the schema (see the messages around it)",
    ),
]

_ELEMENT_IN_MESSAGE = re.compile(r"(?:Element|element) (\w+)")
# libxml2's "Expecting an element , got nothing": an element ended before a required child.
_ENDED_EARLY = re.compile(r"Expecting an element\s*,\s*got nothing")


def _rewrite_rng(message: str) -> tuple[str, str]:
    message = message.strip()
    for pattern, code, template in _RNG_REWRITES:
        match = pattern.search(message)
        if match:
            return template.format(*match.groups()), code
    return message[0].lower() + message[1:] if message else message, "R001"


class Validator:
    """Compile the schemas once; validate as many files as asked."""

    def __init__(self, rng_path: Path | None = None, schematron: bool | None = None):
        self.rng_path = rng_path or paths.schema_rng()
        self._relaxng = etree.RelaxNG(parse_file(self.rng_path).tree)
        # A foreign schema (--schema) replaces the project's rules entirely.
        self.use_schematron = schematron if schematron is not None else rng_path is None
        self._schematron = None

    # -- loading

    def _load(self, path: Path, report: Report) -> Document | None:
        try:
            return parse_bytes(path.read_bytes(), str(path))
        except XMLLoadError as exc:
            report.messages.append(Message(exc.location, ERROR, exc.message, exc.code))
        except OSError as exc:
            raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
        return None

    # -- RELAX NG

    def _check_grammar(self, document: Document) -> list[Message]:
        root = document.root
        if etree.QName(root).namespace != TEI_NS and self.rng_path == paths.schema_rng():
            found = etree.QName(root).namespace
            return [
                Message(
                    document.locate(root),
                    ERROR,
                    f"the root element <{etree.QName(root).localname}> is "
                    + (f"in namespace {found}" if found else "in no namespace")
                    + f'; TEI elements belong to {TEI_NS}: add xmlns="{TEI_NS}" to it',
                    "R002",
                )
            ]
        if self._relaxng.validate(document.tree):
            return []
        messages = []
        seen = set()
        for entry in self._relaxng.error_log:
            text, code = _rewrite_rng(entry.message)
            named = _ELEMENT_IN_MESSAGE.search(entry.message)
            element = document.element_at_line(entry.line, named.group(1) if named else None)
            if element is not None and _ENDED_EARLY.search(entry.message):
                # libxml2 cannot name what is missing; the content model can.
                location = document.locate(element)
                text, code = self._missing_content(element), "R003"
            elif element is not None:
                location = document.locate(element)
                text += self._hint(entry.message, element)
            else:
                location = Location(document.path, entry.line, max(entry.column, 1))
            if (location, text) in seen:
                continue
            seen.add((location, text))
            messages.append(Message(location, ERROR, text, code))
        return messages

    def _missing_content(self, element: etree._Element) -> str:
        """<teiHeader> ended before a required child: which, by its content model."""
        from edition.content_models import content_models

        name = etree.QName(element).localname
        model = content_models(self.rng_path).describe(name)
        present = {etree.QName(c).localname for c in element if isinstance(c.tag, str)}
        required = [
            part.strip() for part in (model or "").split(",")
            if re.fullmatch(r"\s*\w+\+?\s*", part)
        ]
        missing = [r.rstrip("+") for r in required if r.rstrip("+") not in present]
        if missing:
            what = ", ".join(f"<{m}>" for m in missing)
            text = f"<{name}> lacks {what}, which it requires: add it"
        else:
            text = f"<{name}> ends before its required content is complete"
        return text + (f". <{name}> holds: {model}" if model else "")

    def _hint(self, raw: str, element: etree._Element) -> str:
        """What the container may hold, when the grammar rejected an element's place."""
        if not any(k in raw for k in ("Did not expect", "Expecting", "extra content")):
            return ""
        container = element if "extra content" in raw else element.getparent()
        if container is None:
            return ""
        from edition.content_models import content_models

        name = etree.QName(container).localname
        model = content_models(self.rng_path).describe(name)
        return f". <{name}> holds: {model}" if model else ""

    # -- Schematron

    def _schematron_stylesheet(self):
        if self._schematron is None:
            from edition.xslt import Stylesheet, to_xdm

            sch = parse_file(paths.schema_sch())
            compiler = Stylesheet(paths.schematron_compiler())
            compiled = compiler.apply(to_xdm(sch))
            self._schematron = Stylesheet(text=compiled)
        return self._schematron

    def _check_rules(self, entries: Sequence[_Entry], context: Sequence[_Entry]) -> list[Message]:
        """Run the rules over the entries, batch by batch, with the whole corpus in view."""
        from edition.xslt import to_xdm

        corpus: dict[str, Any] = {}  # uri -> Saxon node of the skeleton
        for entry in [*entries, *context]:
            if entry.uri not in corpus:
                corpus[entry.uri] = to_xdm(entry.skeleton, entry.uri)
        messages: list[Message] = []
        batch: list[_Entry] = []
        for entry in entries:
            if batch and sum(e.size for e in batch) + entry.size > BATCH_BYTES:
                messages += self._check_batch(batch, corpus)
                batch = []
            batch.append(entry)
        if batch:
            messages += self._check_batch(batch, corpus)
        return messages

    def _check_batch(self, batch: Sequence[_Entry], skeletons: dict[str, Any]) -> list[Message]:
        from edition.xslt import sequence, to_xdm

        stylesheet = self._schematron_stylesheet()
        by_uri: dict[str, Document] = {}
        nodes = dict(skeletons)
        for entry in batch:
            document = entry.document or parse_file(entry.path)
            if entry.uri not in by_uri:
                by_uri[entry.uri] = document
                nodes[entry.uri] = to_xdm(document, entry.uri)
        asked = [nodes[uri] for uri in by_uri]
        result = stylesheet.call(
            "validate",
            {"documents": sequence(asked), "corpus": sequence(nodes.values())},
        )
        report = etree.fromstring(result.encode("utf-8"))
        messages = []
        for failure in report:
            document = by_uri[failure.get("document")]
            node = _node_at_path(document.root, failure.get("location", ""))
            text = " ".join((failure.text or "").split())
            severity = WARNING if failure.get("role") in ("warning", "warn", "info") else ERROR
            messages.append(Message(document.locate(node), severity, text, failure.get("id")))
        return messages

    # -- the run

    def validate(self, targets: Sequence[str | Path]) -> Report:
        files = collect_files(targets)
        report = Report(files=[str(f) for f in files])
        valid: list[_Entry] = []
        kept = 0  # bytes of the documents kept in memory for the rules (one batch)
        for path in files:
            document = self._load(path, report)
            if document is None:
                continue
            problems = self._check_grammar(document)
            report.messages.extend(problems)
            if problems or not self.use_schematron:
                continue
            entry = _Entry.of(path, document)
            if kept + entry.size <= BATCH_BYTES:
                kept += entry.size
            else:
                entry.document = None  # read again when its batch comes
            valid.append(entry)
        if valid:
            context = self._neighbours(files)
            report.messages.extend(self._check_rules(valid, context))
        return report

    def _neighbours(self, files: Iterable[Path]) -> list[_Entry]:
        """Other TEI files beside the ones asked about: the corpus the rules look into."""
        asked = {f.resolve() for f in files}
        neighbours = []
        for directory in sorted({f.resolve().parent for f in asked}):
            for path in sorted(directory.glob("*.xml")):
                if path.resolve() in asked:
                    continue
                try:
                    document = parse_bytes(path.read_bytes(), str(path))
                except (XMLLoadError, OSError):
                    continue  # not ours to report on; it cannot serve as context either
                if etree.QName(document.root).namespace == TEI_NS:
                    neighbours.append(_Entry.of(path, document, keep=False))
        return neighbours


class _Entry:
    """A file that takes part in the rules: its skeleton (root and every element with an
    xml:id, empty: all that other files' rules look at) and, while it fits in memory, its
    parsed document."""

    def __init__(self, path: Path, uri: str, size: int, skeleton: Document,
                 document: Document | None):
        self.path, self.uri, self.size = path, uri, size
        self.skeleton, self.document = skeleton, document

    @classmethod
    def of(cls, path: Path, document: Document, keep: bool = True) -> _Entry:
        root = document.root
        bones = etree.Element(root.tag, nsmap=root.nsmap)
        identifier = f"{{{XML_NS}}}id"
        if root.get(identifier) is not None:
            bones.set(identifier, root.get(identifier))
        for element in root.iterdescendants(etree.Element):
            if element.get(identifier) is not None:
                etree.SubElement(bones, element.tag, {identifier: element.get(identifier)})
        skeleton = Document(document.path, b"", bones.getroottree())
        uri = Path(document.path).resolve().as_uri()
        return cls(path, uri, len(document.data), skeleton, document if keep else None)


_STEP = re.compile(r"^(?:Q\{([^}]*)\})?([^\[]+)\[(\d+)\]$")


def _node_at_path(root: etree._Element, path: str) -> etree._Element:
    """The element a Saxon path() designates (its owner element, for attributes and text)."""
    steps = [s for s in re.split(r"/(?![^{]*\})", path) if s]
    node = None
    for step in steps:
        match = _STEP.match(step)
        if not match:
            break  # an attribute, text or other non-element step: report its element
        namespace, local, index = match.group(1), match.group(2), int(match.group(3))
        tag = f"{{{namespace}}}{local}" if namespace else local
        if node is None:
            if root.tag != tag:
                break
            node = root
            continue
        same = [child for child in node if child.tag == tag]
        if index > len(same):
            break
        node = same[index - 1]
    return node if node is not None else root
