"""SHA-256 digests of files, remembered between builds by size and modification time.

A no-op rebuild hashes every input and output of the edition; reading megabytes of PDF
again each time would be wasted. As git's index does, a digest is reused while the file's
size and mtime (in nanoseconds) are those recorded when it was hashed, and it is recorded
only for a file that had not been modified for a while before it was hashed: a file written
again within the same clock tick would otherwise keep a stale digest ("racy" timestamps).
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

#: A file modified less than this before it was hashed is hashed again next time.
SETTLE_NS = 2_000_000_000


def file_digest(path: str | Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def text_digest(text: str) -> str:
    return bytes_digest(text.encode("utf-8"))


def bytes_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Digests:
    """Digests of files by absolute path, with the stat cache of an earlier build."""

    def __init__(self, known: dict[str, list] | None = None):
        # path -> [size, mtime_ns, digest]
        self.known: dict[str, list] = dict(known or {})
        self.hashed = 0  # how many files were actually read (for --verbose and tests)

    def __call__(self, path: str | Path) -> str | None:
        """The file's digest, or None when there is no such file."""
        name = os.path.abspath(path)
        try:
            stat = os.stat(name)
        except (FileNotFoundError, NotADirectoryError):
            self.known.pop(name, None)
            return None
        entry = self.known.get(name)
        if entry and entry[0] == stat.st_size and entry[1] == stat.st_mtime_ns:
            return entry[2]
        digest = file_digest(name)
        self.hashed += 1
        self.remember(name, stat, digest)
        return digest

    def remember(self, name: str, stat: os.stat_result, digest: str) -> None:
        if time.time_ns() - stat.st_mtime_ns > SETTLE_NS:
            self.known[name] = [stat.st_size, stat.st_mtime_ns, digest]
        else:
            self.known.pop(name, None)
