"""The edition's texts as the builders see them: which files, in what order, with which
authority files (the personography and the edition header) beside them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from edition.xml import NSMAP, Document, parse_file

PERSONS = "persons.xml"
EDITION = "edition.xml"
AUTHORITY_FILES = (PERSONS, EDITION)
# A pointer to a file of the edition, possibly to an element in it: "letter.xml#letter".
_FILE_POINTER = re.compile(r"^([^:/#]+\.xml)(#.*)?$")


@dataclass
class Text:
    """One TEI text of the edition."""

    path: Path

    @property
    def id(self) -> str:
        return self.path.stem

    @cached_property
    def document(self) -> Document:
        return parse_file(self.path)

    def release(self) -> None:
        """Forget the parsed tree (builders keep one text in memory at a time)."""
        self.__dict__.pop("document", None)


class Corpus:
    """The TEI directory: texts in reading order plus the authority files."""

    def __init__(self, tei_dir: Path):
        self.tei_dir = Path(tei_dir)

    def _optional(self, name: str) -> Document | None:
        path = self.tei_dir / name
        return parse_file(path) if path.is_file() else None

    @cached_property
    def persons(self) -> Document | None:
        return self._optional(PERSONS)

    @cached_property
    def edition(self) -> Document | None:
        return self._optional(EDITION)

    @cached_property
    def texts(self) -> list[Text]:
        """Every TEI file but the authority files: first in the edition header's reading
        order (its body's refs to files), then any others by name."""
        files = {
            p.name: p
            for p in sorted(self.tei_dir.glob("*.xml"))
            if p.name not in AUTHORITY_FILES
        }
        ordered: list[str] = []
        if self.edition is not None:
            for target in self.edition.root.xpath("//tei:text//tei:ref/@target", namespaces=NSMAP):
                match = _FILE_POINTER.match(str(target).strip())
                name = match.group(1) if match else ""
                if name in files and name not in ordered:
                    ordered.append(name)
        ordered += [name for name in files if name not in ordered]
        return [Text(files[name]) for name in ordered]

    def select(self, paths: Sequence[Path]) -> list[Text]:
        """The texts among the given paths (files or directories), in reading order."""
        wanted = set()
        for given in paths:
            given = Path(given).resolve()
            wanted |= {p.resolve() for p in given.glob("*.xml")} if given.is_dir() else {given}
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
