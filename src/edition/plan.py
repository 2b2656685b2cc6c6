"""Which units a build must run, and why: the inputs of each unit and their digests.

A *unit* is one call of a builder hook: `write_text` for one text in one format
("pdf:north-1993"), or `finish` for a format's edition-wide outputs ("pdf:*": edition.pdf).
Its inputs, by label:

- `toolchain`: one digest of everything the format renders with (see `toolchain_inputs`):
  stylesheets, CSS, fonts, settings, the Python code and the versions of the libraries;
- the text's TEI file and the authority files (persons.xml, edition.xml), and the
  settings the builder has for that text alone;
- for an edition-wide unit: the keys of the format's text units, in reading order, so it is
  redone whenever any text's outputs are.

A unit is up to date when its key (the digest of its inputs) is the one recorded and every
file it wrote is still there with the digest recorded. Everything here is hashing and
comparing: no TEI is parsed, no stylesheet compiled.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from edition import __version__, paths
from edition.builders.base import Builder
from edition.corpus import AUTHORITY_FILES, Text
from edition.digests import Digests, text_digest
from edition.manifest import VERSION, Manifest

EDITION_UNIT = "*"
TOOLCHAIN = "toolchain"


@dataclass
class Unit:
    format: str
    scope: str
    text: Text | None  # None: the edition-wide unit
    inputs: dict[str, str]
    cost: float
    #: Why it must run; "" when it is up to date.
    reason: str = ""
    #: Units that must be done first (an edition-wide unit's text units).
    after: list[str] = field(default_factory=list)
    #: What the "toolchain" input digests (shared by the format's units).
    toolchain: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def id(self) -> str:
        return f"{self.scope}:{self.text.id if self.text else EDITION_UNIT}"

    @property
    def label(self) -> str:
        return self.text.id if self.text else "edition"

    @property
    def key(self) -> str:
        return text_digest(json.dumps([VERSION, self.inputs], sort_keys=True))


def label(path: Path) -> str:
    """A file's name in the manifest: relative to the checkout where it lies inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(paths.home()).as_posix()
    except ValueError:
        return absolute.as_posix()


def code_files() -> list[Path]:
    """The package's own files, less ingest (which does not render)."""
    root = paths.PACKAGE_DIR
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and p.relative_to(root).parts[0] != "ingest"
        and p.suffix != ".pyc"
    )


def library_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


def toolchain_inputs(builder: Builder, digests: Digests) -> dict[str, str]:
    """Everything besides the TEI that a format's outputs are made from."""
    inputs = {"edition": __version__}
    for path in builder.input_files():
        inputs[label(path)] = digests(path) or "missing"
    for path in code_files():
        inputs[f"code:{path.relative_to(paths.PACKAGE_DIR).as_posix()}"] = digests(path)
    for name in builder.libraries:
        inputs[f"lib:{name}"] = library_version(name)
    for name, setting in builder.settings().items():
        inputs[f"setting:{name}"] = setting
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        inputs["env:SOURCE_DATE_EPOCH"] = epoch
    return inputs


@dataclass
class Plan:
    units: list[Unit]
    toolchains: dict[str, dict[str, str]]


def make_plan(
    builders: dict[str, Builder],
    texts: Sequence[Text],
    tei_dir: Path,
    edition_wide: bool,
    manifest: Manifest,
    digests: Digests,
    force: bool = False,
) -> Plan:
    """The units for these texts in these formats, each with why it must run (if it must).
    `edition_wide`: whether the edition-wide units belong to this build (the whole corpus
    was asked for)."""
    authority = {}
    for name in AUTHORITY_FILES:
        digest = digests(tei_dir / name)
        if digest:
            authority[f"tei/{name}"] = digest
    sizes = {t.id: _size(t.path) for t in texts}
    text_digests = {t.id: digests(t.path) or "missing" for t in texts}
    units: list[Unit] = []
    toolchains = {}
    for format_name, builder in builders.items():
        toolchain = toolchain_inputs(builder, digests)
        toolchains[builder.scope] = toolchain
        common = {TOOLCHAIN: text_digest(json.dumps(toolchain, sort_keys=True)), **authority}
        text_units = []
        for text in texts:
            inputs = {**common, f"tei/{text.path.name}": text_digests[text.id]}
            for name, setting in builder.text_settings(text.id).items():
                inputs[f"setting:{name}"] = setting
            cost = builder.cost * sizes[text.id]
            text_units.append(
                Unit(format_name, builder.scope, text, inputs, cost, toolchain=toolchain)
            )
        units += text_units
        if edition_wide and texts:
            inputs = {**common, **{f"unit:{u.id}": u.key for u in text_units}}
            cost = builder.cost * sum(sizes.values())
            after = [u.id for u in text_units]
            units.append(
                Unit(format_name, builder.scope, None, inputs, cost, after=after,
                     toolchain=toolchain)
            )
    for unit in units:
        unit.reason = "forced (--force)" if force else why(unit, manifest, digests)
        recorded = manifest.units.get(unit.id, {}).get("seconds")
        if recorded:
            unit.cost = float(recorded)  # an earlier build timed it: the best estimate
    return Plan(units, toolchains)


def why(unit: Unit, manifest: Manifest, digests: Digests) -> str:
    """Why a unit must run, or "" when it is up to date."""
    record = manifest.units.get(unit.id)
    if record is None:
        return "not built before"
    if record.get("key") != unit.key:
        return "changed: " + ", ".join(_changes(record.get("inputs", {}), unit, manifest))
    output_root = manifest.root
    for relative, digest in sorted(record.get("outputs", {}).items()):
        found = digests(output_root / relative)
        if found is None:
            return f"{relative} is missing"
        if found != digest:
            return f"{relative} was changed since it was built"
    return ""


def _changes(old: dict[str, str], unit: Unit, manifest: Manifest) -> list[str]:
    new = unit.inputs
    changed = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    described = []
    for name in changed:
        if name == TOOLCHAIN:
            old_toolchain = manifest.toolchains.get(unit.scope, {})
            described += sorted(
                k
                for k in old_toolchain.keys() | unit.toolchain.keys()
                if old_toolchain.get(k) != unit.toolchain.get(k)
            ) or ["the stylesheets, settings or code"]
        elif name.startswith("unit:"):
            described.append(name.split(":", 2)[2])
        else:
            described.append(name)
    if len(described) > 4:
        described = [*described[:4], f"and {len(described) - 4} more"]
    return described or ["its inputs"]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
