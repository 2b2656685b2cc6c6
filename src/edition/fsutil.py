"""Writing outputs safely and reproducibly."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def atomic_write(path: Path, data: bytes | str) -> Path:
    """Write a file so that its final path never holds a partial version.

    The bytes go to a temporary file beside the target, which is then renamed over it.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_output(path) as handle:
        handle.write(payload)
    return path


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A file to write piece by piece, renamed to `path` when the block ends without an
    error (and removed if it does not)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        # mkstemp makes the file private (0600); outputs get the usual mode.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def staging_directory(final_parent: Path) -> Iterator[Path]:
    """A scratch directory on the same filesystem as the outputs, removed afterwards.

    Tools that write several files at once (Saxon's xsl:result-document) write here; the
    caller then moves each file into place with `publish`.
    """
    final_parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".staging-", dir=final_parent))
    try:
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def publish(staged: Path, staging_root: Path, destination_root: Path) -> Path:
    """Move one staged file to the same relative place under destination_root (atomic)."""
    target = destination_root / staged.relative_to(staging_root)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, target)
    return target
