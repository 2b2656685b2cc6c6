"""Which units a build must run, and why: the inputs of each unit and their digests.

A *unit* is one call of a builder hook, with an id in the manifest:

    pdf:north-1993            write_text: one text in one format
    pdf:*                     finish: the format's edition-wide outputs (edition.pdf)
    html:north-1993@survey    survey: what the other texts must know of this one
    html:@static              write_static: files all the format's outputs share

Its inputs, by label:

- `toolchain`: one digest of everything the format renders with (see `toolchain_inputs`):
  stylesheets, CSS, fonts, settings, the Python code and the versions of the libraries;
- the text's TEI file, the authority files (persons.xml, edition.xml), the settings the
  builder has for that text alone, and the TEI of related texts (HTML's parallel views);
- `surveyed`: the digest of the combined surveys, for formats that survey their texts;
- for an edition-wide unit: per text, the digests of the files of the text's unit that
  `finish` reads (all of them unless the builder says otherwise). These are known only when
  the texts are done, so an edition-wide unit whose texts are rebuilt is planned as
  "pending" and decided then (`edition_inputs`).

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

TEXT, EDITION, SURVEY, STATIC = "text", "edition", "survey", "static"
EDITION_UNIT = "*"
TOOLCHAIN = "toolchain"
SURVEYED = "surveyed"
PENDING = "pending: decided when its texts are done"


@dataclass
class Unit:
    format: str
    scope: str
    kind: str
    text: Text | None  # the text of a text or survey unit
    inputs: dict[str, str]
    cost: float
    #: Why it must run; "" when it is up to date.
    reason: str = ""
    #: Units that must be done first (an edition-wide unit's text units).
    after: list[str] = field(default_factory=list)
    #: What the "toolchain" input digests (shared by the format's units).
    toolchain: dict[str, str] = field(default_factory=dict, repr=False)
    #: The files of the source directory a text or survey unit reads besides the
    #: authority files: its TEI, the texts it shows beside it, its pictures (what a
    #: cluster's worker that cannot see the source is sent, cluster.py).
    reads: tuple[Path, ...] = ()

    @property
    def id(self) -> str:
        return unit_id(self.scope, self.kind, self.text.id if self.text else "")

    @property
    def label(self) -> str:
        if self.kind == SURVEY:
            return f"{self.text.id} (survey)"
        return self.text.id if self.text else {EDITION: "edition", STATIC: "static files"}[
            self.kind
        ]

    @property
    def key(self) -> str:
        return text_digest(json.dumps([VERSION, self.inputs], sort_keys=True))


def unit_id(scope: str, kind: str, text_id: str = "") -> str:
    return {
        TEXT: f"{scope}:{text_id}",
        EDITION: f"{scope}:{EDITION_UNIT}",
        SURVEY: f"{scope}:{text_id}@survey",
        STATIC: f"{scope}:@static",
    }[kind]


def text_of(unit_id_: str) -> str:
    """The text a unit id names ("" for a format-wide unit)."""
    name = unit_id_.split(":", 1)[1]
    return "" if name == EDITION_UNIT else name.split("@", 1)[0]


def label(path: Path) -> str:
    """A file's name in the manifest: relative to the checkout where it lies inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(paths.home()).as_posix()
    except ValueError:
        return absolute.as_posix()


#: Parts of the package that make no output: a change to them leaves every build current.
NOT_RENDERING = {"ingest", "checks", "serve", "cli.py", "package.py", "archive.py", "proof.py"}


def code_files() -> list[Path]:
    """The package's own files, less those that do not render (ingest, the checks, the
    preview's server, the command line, packaging, proofreading)."""
    root = paths.PACKAGE_DIR
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and p.relative_to(root).parts[0] not in NOT_RENDERING
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


class Planner:
    """Makes the units of a build, with the digests of their inputs and why each runs."""

    def __init__(self, builders: dict[str, Builder], tei_dir: Path, manifest: Manifest,
                 digests: Digests, force: bool = False, made_header: Path | None = None):
        self.builders = builders
        self.tei_dir = Path(tei_dir)
        self._images_found: dict[Path, list] = {}
        self.manifest = manifest
        self.digests = digests
        self.force = force
        self.authority = {}
        for name in AUTHORITY_FILES:
            digest = digests(tei_dir / name)
            if digest:
                self.authority[f"tei/{name}"] = digest
        if made_header is not None:  # another project's TEI: the header made of theirs
            self.authority["made:edition.xml"] = digests(made_header) or "missing"
        self.toolchains = {
            name: toolchain_inputs(builder, digests) for name, builder in builders.items()
        }
        # As recorded before this build (units record theirs as they finish).
        self.recorded_toolchains = dict(manifest.toolchains)

    def common(self, format_name: str) -> dict[str, str]:
        """The inputs every unit of a format shares."""
        toolchain = text_digest(json.dumps(self.toolchains[format_name], sort_keys=True))
        return {TOOLCHAIN: toolchain, **self.authority}

    def _unit(self, format_name: str, kind: str, text: Text | None, inputs: dict[str, str],
              cost: float, after: list[str] | None = None) -> Unit:
        builder = self.builders[format_name]
        unit = Unit(format_name, builder.scope, kind, text, inputs, cost, after=after or [],
                    toolchain=self.toolchains[format_name])
        unit.reason = self.why(unit)
        recorded = self.manifest.units.get(unit.id, {}).get("seconds")
        if recorded:
            unit.cost = float(recorded)  # an earlier build timed it: the best estimate
        return unit

    def surveys(self, texts: Sequence[Text]) -> list[Unit]:
        """The survey units of the formats that survey their texts, for every valid text
        (a selection's outputs still link to every text)."""
        units = []
        for name, builder in self.builders.items():
            if builder.surveys_texts():
                common = self.common(name)
                for text in texts:
                    inputs = {**common, _tei_label(text): self._tei(text.path)}
                    unit = self._unit(name, SURVEY, text, inputs, _size(text.path) / 10)
                    unit.reads = (text.path,)
                    units.append(unit)
        return units

    def outputs(self, texts: Sequence[Text], edition_wide: bool, surveyed: dict[str, str],
                unsurveyed: dict[str, list[str]] | None = None,
                viewed: dict[str, dict[str, str]] | None = None) -> list[Unit]:
        """The units that write outputs: static files, texts, edition-wide outputs (none
        for a text whose survey failed, in that format, nor for its edition). A text whose
        format gives it a view of the surveys (`viewed`) depends on its view, not on the
        whole."""
        units: list[Unit] = []
        for name, builder in self.builders.items():
            common = self.common(name)  # once per format: it digests the toolchain
            if builder.has_static_files():  # the same whatever the texts say
                units.append(self._unit(name, STATIC, None, dict(common), 0.0))
            if name in surveyed:
                common[SURVEYED] = surveyed[name]
            text_units = []
            skipped = set((unsurveyed or {}).get(name, ()))
            for text in texts:
                if text.id in skipped:
                    continue
                inputs = {**common, _tei_label(text): self._tei(text.path)}
                if name in (viewed or {}):
                    inputs[SURVEYED] = viewed[name].get(text.id, "missing")
                reads = [text.path]
                for related in builder.related_texts(text):
                    inputs[f"tei/{related.name}"] = self._tei(related)
                    reads.append(related)
                for image in self._images(text):
                    inputs[f"media:{image.name}"] = self.digests(image.path) or "missing"
                    reads.append(image.path)
                for setting, value in builder.text_settings(text.id).items():
                    inputs[f"setting:{setting}"] = value
                cost = builder.cost * _size(text.path)
                unit = self._unit(name, TEXT, text, inputs, cost)
                unit.reads = tuple(reads)
                text_units.append(unit)
            units += text_units
            if edition_wide and texts and not skipped:
                cost = builder.cost * sum(_size(t.path) for t in texts)
                after = [u.id for u in text_units]
                inputs = dict(common)
                for setting, value in builder.edition_settings().items():
                    inputs[f"setting:{setting}"] = value
                unit = self._unit(name, EDITION, None, inputs, cost, after)
                if any(u.reason for u in text_units):
                    unit.reason = PENDING
                else:
                    self.decide(unit)
                units.append(unit)
        return units

    def decide(self, unit: Unit) -> None:
        """An edition-wide unit, once its texts are done: its inputs from what they wrote."""
        builder = self.builders[unit.format]
        unit.inputs = {k: v for k, v in unit.inputs.items() if not k.startswith("text:")}
        for text_unit in unit.after:
            outputs = self.manifest.units.get(text_unit, {}).get("outputs", {})
            read = {p: d for p, d in sorted(outputs.items()) if builder.finish_reads(p)}
            unit.inputs[f"text:{text_of(text_unit)}"] = text_digest(json.dumps(read))
        unit.reason = self.why(unit)

    def _images(self, text: Text) -> list:
        """The pictures beside the TEI a text's outputs carry (edition.media), found once
        per build."""
        if text.path not in self._images_found:
            from edition.media import images_in_file

            self._images_found[text.path] = images_in_file(text.path, self.tei_dir)
        return self._images_found[text.path]

    def _tei(self, path: Path) -> str:
        return self.digests(path) or "missing"

    def why(self, unit: Unit) -> str:
        """Why a unit must run, or "" when it is up to date."""
        if self.force:
            return "forced (--force)"
        record = self.manifest.units.get(unit.id)
        if record is None:
            return "not built before"
        if record.get("key") != unit.key:
            return "changed: " + ", ".join(self._changes(record.get("inputs", {}), unit))
        for relative, digest in sorted(record.get("outputs", {}).items()):
            found = self.digests(self.manifest.root / relative)
            if found is None:
                return f"{relative} is missing"
            if found != digest:
                return f"{relative} was changed since it was built"
        return ""

    def _changes(self, old: dict[str, str], unit: Unit) -> list[str]:
        new = unit.inputs
        changed = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
        described = []
        for name in changed:
            if name == TOOLCHAIN:
                old_toolchain = self.recorded_toolchains.get(unit.scope, {})
                described += sorted(
                    k
                    for k in old_toolchain.keys() | unit.toolchain.keys()
                    if old_toolchain.get(k) != unit.toolchain.get(k)
                ) or ["the stylesheets, settings or code"]
            elif name.startswith("text:"):
                described.append(name.split(":", 1)[1])
            elif name == SURVEYED:
                described.append("what the texts' survey found")
            else:
                described.append(name)
        if len(described) > 4:
            described = [*described[:4], f"and {len(described) - 4} more"]
        return described or ["its inputs"]


def _tei_label(text: Text) -> str:
    """A text's file among a unit's inputs: its path under the source directory."""
    return f"tei/{text.relative or text.path.name}"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
