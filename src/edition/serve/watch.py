"""Noticing that the files a preview is made from changed: polling, with the standard library.

Each poll takes a snapshot of every file under the watched roots (inode, size, modification
time); a change is a file whose entry differs, appeared or went. Polling the edition's few
dozen files four times a second costs a few milliseconds, needs no dependency and behaves
the same on every filesystem (network mounts, containers, and editors that replace a file
by renaming another onto it all show up as a new inode or time). A source of thousands of
files is polled less often, so that looking never takes more than a tenth of the time.

Saving a file is often several writes (an editor's backup, the file, a formatter's rewrite),
so changes are gathered until the files have been quiet for a moment, then reported at once.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

#: How often the files are looked at.
POLL_SECONDS = 0.25
#: How long the files must stay unchanged before the changes seen are reported.
QUIET_SECONDS = 0.3
#: A large source (thousands of files) is looked at less often: at most this share of the
#: time goes to looking.
MOST_BUSY = 0.1

#: What editors write beside a file while saving it: never an input of the build.
_SCRATCH_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".part")

Stamp = tuple[int, int, int]


def is_scratch(name: str) -> bool:
    """Hidden files, backups and editors' temporary files."""
    return name.startswith((".", "#")) or name.endswith(_SCRATCH_SUFFIXES)


class Watcher:
    """The files under `roots` (directories, or single files), less those under `exclude`."""

    def __init__(self, roots: Iterable[Path], exclude: Iterable[Path] = (),
                 poll: float = POLL_SECONDS, quiet: float = QUIET_SECONDS,
                 sleep: Callable[[float], None] = time.sleep):
        self.roots = [Path(r) for r in roots]
        self.exclude = {Path(os.path.abspath(p)) for p in exclude}
        self.poll = poll
        self.quiet = quiet
        self._sleep = sleep
        self.scan_seconds = 0.0
        self._seen = self._snapshot()

    def changes(self) -> set[Path]:
        """The files changed, added or removed since the last look."""
        began = time.perf_counter()
        now = self._snapshot()
        self.scan_seconds = time.perf_counter() - began
        changed = {p for p in now.keys() | self._seen.keys() if now.get(p) != self._seen.get(p)}
        self._seen = now
        return changed

    def wait(self) -> set[Path]:
        """Block until something changed and the files have been quiet for `quiet` seconds;
        return everything that changed meanwhile."""
        changed: set[Path] = set()
        last_change = 0.0
        while True:
            found = self.changes()
            if found:
                changed |= found
                last_change = time.monotonic()
            pause = max(self.poll, self.scan_seconds * (1 - MOST_BUSY) / MOST_BUSY)
            if changed:
                quiet_for = time.monotonic() - last_change
                if not found and quiet_for >= self.quiet:
                    return changed
                # Look again when the quiet time is up, not a whole poll later.
                pause = min(pause, max(self.quiet - quiet_for, 0.01))
            self._sleep(pause)

    def accept(self, paths: Iterable[Path]) -> None:
        """Take these files as they are now as seen: the preview wrote them itself (an
        ingest), and is about to build from them."""
        for path in paths:
            path = Path(os.path.abspath(path))
            stamp = _stamp(path)
            if stamp is None:
                self._seen.pop(path, None)
            else:
                self._seen[path] = stamp

    def _snapshot(self) -> dict[Path, Stamp]:
        found: dict[Path, Stamp] = {}
        for root in self.roots:
            root = Path(os.path.abspath(root))
            if root.is_file():
                stamp = _stamp(root)
                if stamp is not None:
                    found[root] = stamp
                continue
            for directory, subdirectories, files in os.walk(root):
                here = Path(directory)
                subdirectories[:] = sorted(
                    d for d in subdirectories
                    if not is_scratch(d) and d != "__pycache__" and here / d not in self.exclude
                )
                for name in files:
                    if not is_scratch(name):
                        stamp = _stamp(here / name)
                        if stamp is not None:
                            found[here / name] = stamp
        return found


def _stamp(path: Path) -> Stamp | None:
    try:
        status = path.stat()
    except OSError:  # removed between listing and looking: seen as gone
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)
