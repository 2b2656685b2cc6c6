"""EPUB containers: deterministic zip writing, reading back, identifiers.

An EPUB is a zip whose first entry is `mimetype`, stored uncompressed and without extra
fields (EPUB 3.3, OCF). Everything else here serves reproducibility: the same files give the
same bytes, whatever the machine, its clock or its file system order:
- entries in a fixed order (mimetype, META-INF/container.xml, then by path);
- one timestamp for every entry (the build date; zip cannot say anything before 1980);
- fixed permissions, creator system and compression level.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from edition.fsutil import atomic_output

MIMETYPE = b"application/epub+zip"
CONTAINER = "META-INF/container.xml"

# The namespace of the edition's EPUB identifiers: uuid5 of a text's id in it is the text's
# urn:uuid, stable from build to build and machine to machine.
IDENTIFIER_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:x-edition:epub")

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_UNIX = 3
_FILE_MODE = 0o100644 << 16


def identifier(name: str) -> str:
    """The package identifier for a text (or the edition) of this id."""
    return f"urn:uuid:{uuid.uuid5(IDENTIFIER_NAMESPACE, name)}"


def modified(date: datetime) -> str:
    """dcterms:modified: the build date as CCYY-MM-DDThh:mm:ssZ (UTC)."""
    return date.strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry(path: str, date_time: tuple[int, ...], compress: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.create_system = _UNIX
    info.external_attr = _FILE_MODE
    return info


def _order(path: str) -> tuple[int, str]:
    return (0 if path == CONTAINER else 1, path)


#: A file's contents, or a function that reads them when their turn comes.
Contents = bytes | Callable[[], bytes]


def _write_zip(handle: BinaryIO, files: Mapping[str, Contents], date: datetime) -> None:
    date_time = max(_ZIP_EPOCH, date.timetuple()[:6])
    with zipfile.ZipFile(handle, "w") as archive:
        archive.writestr(_entry("mimetype", date_time, compress=False), MIMETYPE)
        for path in sorted((p for p in files if p != "mimetype"), key=_order):
            data = files[path]
            archive.writestr(
                _entry(path, date_time, compress=True),
                data() if callable(data) else data,
                compresslevel=9,
            )


def epub_bytes(files: Mapping[str, Contents], date: datetime) -> bytes:
    """The EPUB holding these files (paths inside the container → contents)."""
    buffer = io.BytesIO()
    _write_zip(buffer, files, date)
    return buffer.getvalue()


def write_epub(target: Path, files: Mapping[str, Contents], date: datetime) -> Path:
    """Write the EPUB atomically (never a half-written file at its final path), a file at a
    time: contents given as functions are read only when written."""
    with atomic_output(target) as handle:
        _write_zip(handle, files, date)
    return target


def read_epub(path: Path) -> dict[str, bytes]:
    """The files of an EPUB, mimetype excepted."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "mimetype"}


def read_tree(root: Path) -> dict[str, bytes]:
    """The files under a directory (a staging directory), by their path relative to it."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }
