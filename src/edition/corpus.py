"""The edition's texts as the builders see them: which files, in what order, with which
authority files (the personography and the edition header) beside them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from edition.xml import NSMAP, TEI_NS, Document, parse_file

PERSONS = "persons.xml"
EDITION = "edition.xml"
AUTHORITY_FILES = (PERSONS, EDITION)
#: Under the output root: the edition header made from another project's headers.
MADE_HEADER = Path(".cache") / "source" / EDITION
# A pointer to a file of the edition, possibly to an element in it: "letter.xml#letter"
# (another project's files may lie in subdirectories: "acts/act1.xml#act1").
_FILE_POINTER = re.compile(r"^((?:[^:/#]+/)*[^:/#]+\.xml)(#.*)?$")


@dataclass
class Text:
    """One TEI text of the edition. Our own texts are named by their file (`north-1993.xml`
    is `north-1993`); other projects' texts by their path under the source (sources.py)."""

    path: Path
    name: str = ""
    #: Its path under the source directory (posix), as the inputs and contents name it.
    relative: str = ""
    #: Another project's TEI: rendered as sources.for_rendering makes it.
    foreign: bool = False

    @property
    def id(self) -> str:
        return self.name or self.path.stem

    @cached_property
    def document(self) -> Document:
        document = parse_file(self.path)
        if self.foreign:
            from edition.sources import for_rendering

            document = for_rendering(document, self.id)
        return document

    def release(self) -> None:
        """Forget the parsed tree (builders keep one text in memory at a time)."""
        self.__dict__.pop("document", None)


class Corpus:
    """The TEI directory: texts in reading order plus the authority files.

    A directory with an edition header or a personography of ours (edition.xml,
    persons.xml) is the edition's own: its files lie side by side and keep the strict
    schema. Any other directory is another project's TEI (`foreign`): its files are found
    recursively and the edition header is made from their own headers (sources.py), once
    per build, and kept at `made_header` for the worker processes."""

    def __init__(self, tei_dir: Path, made_header: Path | None = None):
        self.tei_dir = Path(tei_dir)
        self.made_header = made_header

    @cached_property
    def foreign(self) -> bool:
        return not any((self.tei_dir / name).is_file() for name in AUTHORITY_FILES)

    def _optional(self, name: str) -> Document | None:
        path = self.tei_dir / name
        return parse_file(path) if path.is_file() else None

    @cached_property
    def persons(self) -> Document | None:
        return self._optional(PERSONS)

    @cached_property
    def edition(self) -> Document | None:
        if not self.foreign:
            return self._optional(EDITION)
        from edition.xml import parse_bytes

        if self.made_header is not None and self.made_header.is_file():
            return parse_file(self.made_header)
        return parse_bytes(self.make_header(), "edition.xml")

    @cached_property
    def header_for_texts(self) -> Document | None:
        """The edition header as a text's outputs read it (its title, its licence, its
        notes): ours whole; a made header without its lists of every file (the listBibl's
        entries and the contents), which only the edition-wide outputs show, so that a
        worker's memory does not grow with the number of files."""
        if not self.foreign:
            return self.edition
        from edition.xml import parse_bytes

        made = self.made_header
        data = (made.read_bytes() if made is not None and made.is_file()
                else self.make_header())
        document = parse_bytes(data, "edition.xml")
        lists = document.root.xpath(
            "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:listBibl/tei:bibl"
            " | tei:text/tei:body/tei:div/tei:list/tei:item", namespaces=NSMAP)
        for element in lists:
            element.getparent().remove(element)
        return document

    def make_header(self) -> bytes:
        """Another project's directory: the edition header its texts' headers give."""
        from edition.sources import HeaderMaker
        from edition.xml import XMLLoadError

        maker = HeaderMaker(self.tei_dir.resolve().name or "TEI")
        for text in self._found:
            try:
                root = parse_file(text.path).root
            except (OSError, XMLLoadError):
                continue  # not a text: the foreign check reports it
            if root.tag in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
                maker.add(text.relative, text.id, root)
        return maker.header()

    @cached_property
    def _found(self) -> list[Text]:
        """Another project's files, in natural order of their paths, with their ids (the
        directory is walked once per build)."""
        from edition.sources import source_files, text_ids

        files = source_files(self.tei_dir)
        relatives = [p.relative_to(self.tei_dir).as_posix() for p in files]
        ids = text_ids(relatives)
        return [Text(p, ids[r], r, foreign=True) for p, r in zip(files, relatives, strict=True)]

    def write_made_header(self) -> None:
        """Make the header of another project's directory and keep it for the workers
        (rewritten only when it changed, so that its digest says when it did)."""
        from edition.fsutil import atomic_write
        from edition.xml import parse_bytes

        data = self.make_header()
        target = self.made_header
        if target is not None and (not target.is_file() or target.read_bytes() != data):
            atomic_write(target, data)
        self.__dict__["edition"] = parse_bytes(data, EDITION)

    def snapshot(self) -> dict:
        """What a process that cannot see the source directory needs to know of it besides
        a unit's own files (cluster.py): whose TEI it is, its texts in reading order (path
        under the source, id) and the authority files' bytes."""
        return {"foreign": self.foreign,
                "texts": [(t.relative, t.name) for t in self.texts],
                "files": {name: (self.tei_dir / name).read_bytes() for name in AUTHORITY_FILES
                          if (self.tei_dir / name).is_file()}}

    @classmethod
    def from_snapshot(cls, tei_dir: Path, snapshot: dict, made_header: Path | None = None
                      ) -> Corpus:
        """The corpus a snapshot describes, its files to be put under `tei_dir` (the
        authority files are written here; a unit's own files by whoever runs it)."""
        from edition.fsutil import atomic_write

        corpus = cls(tei_dir, made_header)
        for name, data in snapshot["files"].items():
            atomic_write(Path(tei_dir) / name, data)
        foreign = corpus.__dict__["foreign"] = bool(snapshot["foreign"])
        texts = [Text(Path(tei_dir) / relative, name, relative, foreign)
                 for relative, name in snapshot["texts"]]
        corpus.__dict__["texts"] = texts
        if foreign:
            corpus.__dict__["_found"] = texts
        return corpus

    def text_at(self, path: Path) -> Text:
        """The text of a file of this corpus (in a worker: the job names its file)."""
        return self._by_path.get(Path(path).resolve()) or Text(Path(path))

    @cached_property
    def _by_path(self) -> dict[Path, Text]:
        # Another project's files by path need no reading order (nor the made header).
        texts = self._found if self.foreign else self.texts
        return {text.path.resolve(): text for text in texts}

    @cached_property
    def texts(self) -> list[Text]:
        """Every TEI file but the authority files: first in the edition header's reading
        order (its body's refs to files), then any others by name."""
        if self.foreign:
            found = {t.relative: t for t in self._found}
        else:
            found = {
                p.name: Text(p, relative=p.name)
                for p in sorted(self.tei_dir.glob("*.xml"))
                if p.name not in AUTHORITY_FILES
            }
        files = {name: text.path for name, text in found.items()}
        ordered: list[str] = []
        if self.edition is not None:
            for target in self.edition.root.xpath("//tei:text//tei:ref/@target", namespaces=NSMAP):
                match = _FILE_POINTER.match(str(target).strip())
                name = match.group(1) if match else ""
                if name in files and name not in ordered:
                    ordered.append(name)
        ordered += [name for name in files if name not in ordered]
        return [found[name] for name in ordered]

    def check_paths(self, paths: Sequence[Path]) -> None:
        """A path outside the source directory is a usage error: it would build nothing.
        Only the paths are looked at, so this can run before the edition header is made."""
        from edition.errors import UsageError

        source = self.tei_dir.resolve()
        for given in paths:
            resolved = Path(given).resolve()
            if resolved != source and source not in resolved.parents:
                raise UsageError(
                    f"{given} is not in the source directory {self.tei_dir}: build it with "
                    f"`edition build --source DIR` where DIR holds it")

    def select(self, paths: Sequence[Path]) -> list[Text]:
        """The texts among the given paths (files or directories), in reading order."""
        self.check_paths(paths)
        wanted = set()
        for given in paths:
            resolved = Path(given).resolve()
            if resolved.is_dir():
                pattern = "**/*.xml" if self.foreign else "*.xml"
                wanted |= {p.resolve() for p in resolved.glob(pattern)}
            else:
                wanted.add(resolved)
        return [t for t in self.texts if t.path.resolve() in wanted]

    def build_date(self, texts: Sequence[Text] | None = None) -> datetime:
        """The date builds record: SOURCE_DATE_EPOCH if set, else the newest revision date
        in the TEI headers of the given texts (default: all) and the authority files, so
        that the same TEI always gives the same bytes, and a text's own outputs do not
        change when another text is revised."""
        import os

        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        newest = "1970-01-01"
        for document in self._documents(self.texts if texts is None else texts):
            changes = document.root.xpath("//tei:revisionDesc/tei:change/@when", namespaces=NSMAP)
            for when in changes:
                day = str(when)[:10]
                if re.fullmatch(r"\d{4}-\d\d-\d\d", day) and day > newest:
                    newest = day
        return datetime.fromisoformat(newest).replace(tzinfo=UTC)

    def _documents(self, texts: Sequence[Text]):
        """The texts' documents and the authority files, one text in memory at a time (a
        text parsed here only is forgotten again); unreadable ones are the validator's to
        report."""
        from edition.xml import XMLLoadError

        for text in texts:
            parsed = "document" in text.__dict__
            try:
                yield text.document
            except XMLLoadError:
                continue
            finally:
                if not parsed:
                    text.release()
        yield from (d for d in (self.persons, self.edition) if d is not None)
