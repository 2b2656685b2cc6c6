"""What earlier builds made, and from what: `output/.manifest.json`.

    {"version": 2,
     "units": {"pdf:north-1993": {"key": …, "inputs": {label: digest}, "outputs":
               {"pdf/north-1993.pdf": digest, ".cache/pdf/north-1993.xhtml": digest},
               "seconds": 12.3}, …},
     "toolchains": {"pdf": {"xslt/core/blocks.xsl": digest, "lib:weasyprint": "70.0", …}},
     "validation": {"key": …, "report": {…}},
     "stat": {"/abs/path": [size, mtime_ns, digest]}}

A unit is one call of a builder hook: one text in one format, or a format's edition-wide
outputs. Its key is the digest of its inputs; `toolchains` keeps, per format, the digests
behind the "toolchain" input so that a rebuild can say which stylesheet changed.

While a build runs, each completed unit is appended to `.manifest.journal` (one JSON line,
flushed at once), so an interrupted build (Ctrl-C, kill -9) loses only the units that were
in flight; the next build replays the journal and folds it into the manifest, written
atomically. A manifest of another version, or one that cannot be read, is ignored: every
unit is then built again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from edition.fsutil import atomic_write

VERSION = 2
NAME = ".manifest.json"
JOURNAL = ".manifest.journal"


class Manifest:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.units: dict[str, dict[str, Any]] = {}
        self.toolchains: dict[str, dict[str, str]] = {}
        self.validation: dict[str, Any] | None = None
        self.stat: dict[str, list] = {}
        #: Why the earlier state was not used, if it was not ("" when it was).
        self.reset = ""
        #: The last build stopped before it finished (its journal was left).
        self.interrupted = False
        self._journal = None

    # -- reading

    @classmethod
    def load(cls, root: Path) -> Manifest:
        manifest = cls(root)
        path = manifest.root / NAME
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = None
            if not isinstance(data, dict) or data.get("version") != VERSION:
                manifest.reset = f"{path} is from another version of edition: rebuilding all"
            else:
                manifest.units = dict(data.get("units", {}))
                manifest.toolchains = dict(data.get("toolchains", {}))
                manifest.validation = data.get("validation")
                manifest.stat = dict(data.get("stat", {}))
        journal = manifest.root / JOURNAL
        if journal.is_file():
            manifest.interrupted = True
            if not manifest.reset:
                manifest._replay(journal)
        return manifest

    def _replay(self, journal: Path) -> None:
        for line in journal.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # the line a kill cut short
            if not isinstance(entry, dict) or entry.get("version") != VERSION:
                continue
            self._apply(entry)

    def _apply(self, entry: dict[str, Any]) -> None:
        if "unit" in entry:
            if entry.get("record") is None:
                self.units.pop(entry["unit"], None)
            else:
                self.units[entry["unit"]] = entry["record"]
        elif "toolchain" in entry:
            self.toolchains[entry["toolchain"]] = entry["inputs"]
        elif "validation" in entry:
            self.validation = entry["validation"]

    # -- changing (each change is journalled at once)

    def set_unit(self, unit_id: str, record: dict[str, Any] | None) -> None:
        self._write({"unit": unit_id, "record": record})

    def set_toolchain(self, scope: str, inputs: dict[str, str]) -> None:
        if self.toolchains.get(scope) != inputs:
            self._write({"toolchain": scope, "inputs": inputs})

    def set_validation(self, validation: dict[str, Any]) -> None:
        self._write({"validation": validation})

    def _write(self, entry: dict[str, Any]) -> None:
        entry = {**entry, "version": VERSION}
        self._apply(entry)
        if self._journal is None:
            self.root.mkdir(parents=True, exist_ok=True)
            self._journal = open(self.root / JOURNAL, "a", encoding="utf-8")  # noqa: SIM115
        self._journal.write(json.dumps(entry, sort_keys=True) + "\n")
        self._journal.flush()

    @property
    def changed(self) -> bool:
        return self._journal is not None

    # -- writing

    def save(self) -> None:
        """Write the whole manifest atomically and drop the journal it now contains."""
        data = {
            "version": VERSION,
            "units": dict(sorted(self.units.items())),
            "toolchains": dict(sorted(self.toolchains.items())),
            "validation": self.validation,
            "stat": dict(sorted(self.stat.items())),
        }
        # Compact: the C encoder (json's indented output is pure Python, and a thousand
        # texts' manifest takes it a third of a second).
        atomic_write(self.root / NAME, json.dumps(data, sort_keys=True, separators=(",", ":")))
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        (self.root / JOURNAL).unlink(missing_ok=True)
