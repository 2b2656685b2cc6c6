"""Reproducible archives of a directory tree: a zip or a tar whose bytes depend only on the
files' paths and contents and on one date.

What a plain `zipfile`/`tarfile` of a directory would take from the machine is fixed here:
- the order: entries sorted by path (each directory before what it holds);
- the times: every entry carries the given date (the build date; zip cannot say anything
  before 1980);
- the permissions: 0644 for files, 0755 for directories; in a tar, uid and gid 0 with no
  user or group names;
- the compression: zip entries deflated at one level, except files that are compressed
  already (PDF, EPUB, fonts, images), which are stored.

Everything goes under one top-level directory (`root_name`), as BagIt's serialisation
asks, and the archive reaches its final path by an atomic rename.
"""

from __future__ import annotations

import tarfile
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from edition.errors import UsageError
from edition.fsutil import atomic_output

FORMATS = {".zip": "zip", ".tar": "tar"}
#: Already compressed: deflating them again costs time and gains nothing.
STORED = {".pdf", ".epub", ".zip", ".woff", ".woff2", ".png", ".jpg", ".jpeg", ".gif", ".webp"}

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_UNIX = 3
_FILE, _DIRECTORY = 0o644, 0o755


def format_of(target: Path) -> str:
    """`zip` or `tar`, from the target's name; anything else is a usage error."""
    kind = FORMATS.get(Path(target).suffix.lower())
    if kind is None:
        raise UsageError(f"{target}: the package is written as .zip or .tar; name it so")
    return kind


def root_name(target: Path) -> str:
    """The archive's top-level directory: its file name without the suffix."""
    return Path(target).name[: -len(Path(target).suffix)] or "bag"


def entries(tree: Path) -> Iterator[tuple[str, Path]]:
    """(posix path, file or directory) under `tree`, sorted, each directory first."""
    found = sorted(tree.rglob("*"), key=lambda p: p.relative_to(tree).parts)
    for path in found:
        if path.is_symlink():
            raise ValueError(f"{path}: a symbolic link cannot be archived reproducibly")
        yield path.relative_to(tree).as_posix(), path


def write(target: Path, tree: Path, date: datetime) -> Path:
    """Write `tree` as target (.zip or .tar) under the directory root_name(target)."""
    kind = format_of(target)
    top = root_name(target)
    with atomic_output(target) as handle:
        if kind == "zip":
            _write_zip(handle, tree, top, date)
        else:
            _write_tar(handle, tree, top, date)
    return target


def _write_zip(handle, tree: Path, top: str, date: datetime) -> None:
    date_time = max(_ZIP_EPOCH, date.timetuple()[:6])

    def info(name: str, mode: int, compress: bool) -> zipfile.ZipInfo:
        entry = zipfile.ZipInfo(name, date_time=date_time)
        entry.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        entry.create_system = _UNIX
        entry.external_attr = mode << 16
        return entry

    with zipfile.ZipFile(handle, "w") as archive:
        directory = info(f"{top}/", 0o040000 | _DIRECTORY, compress=False)
        directory.external_attr |= 0x10  # MS-DOS directory flag
        archive.writestr(directory, b"")
        for relative, path in entries(tree):
            if path.is_dir():
                entry = info(f"{top}/{relative}/", 0o040000 | _DIRECTORY, compress=False)
                entry.external_attr |= 0x10
                archive.writestr(entry, b"")
                continue
            compress = path.suffix.lower() not in STORED
            entry = info(f"{top}/{relative}", 0o100000 | _FILE, compress)
            entry.file_size = path.stat().st_size  # decides whether the entry needs zip64
            with open(path, "rb") as source, archive.open(entry, "w") as sink:
                while block := source.read(1 << 20):
                    sink.write(block)


def _write_tar(handle, tree: Path, top: str, date: datetime) -> None:
    mtime = int(date.timestamp())

    def info(name: str, directory: bool, size: int = 0) -> tarfile.TarInfo:
        entry = tarfile.TarInfo(name)
        entry.type = tarfile.DIRTYPE if directory else tarfile.REGTYPE
        entry.mode = _DIRECTORY if directory else _FILE
        entry.size = size
        entry.mtime = mtime
        entry.uid = entry.gid = 0
        entry.uname = entry.gname = ""
        return entry

    with tarfile.open(fileobj=handle, mode="w", format=tarfile.PAX_FORMAT) as archive:
        archive.addfile(info(top, directory=True))
        for relative, path in entries(tree):
            if path.is_dir():
                archive.addfile(info(f"{top}/{relative}", directory=True))
            else:
                with open(path, "rb") as source:
                    size = path.stat().st_size
                    archive.addfile(info(f"{top}/{relative}", False, size), source)
