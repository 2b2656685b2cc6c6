"""`edition package`: what `edition build` wrote, as a BagIt 1.0 bag for an archive.

The bag is made by the Library of Congress's bagit-python (`bagit`), and holds:

    bagit.txt, bag-info.txt            BagIt 1.0; bag-info from the edition header
    manifest-sha256.txt, -sha512.txt   the payload's fixity
    tagmanifest-sha256.txt, -sha512.txt
    data/tei/…                          the TEI, by its paths under the source directory
    data/schema/…                       the schemas the TEI was checked against
    data/output/…                       every output of the packaged formats, as under output/
    data/build/manifest.json            the build's manifest (what each output was made from)
    data/build/provenance.json          per output: its TEI and the software that made it
    data/build/edition-header.xml       another project's TEI: the header made from theirs

Only a build that is complete and current is packaged: the build's manifest must say that
every unit of the packaged formats is up to date with the TEI, the stylesheets, the code and
the libraries (as `edition build` would decide: plan.Planner, with every file hashed
afresh), and that the TEI is valid. Anything else is an error naming what is missing or
stale; nothing is rebuilt here.

The same build gives the same bytes: the bag is made in a scratch directory with
Bagging-Date = the build date, its tag manifests are sorted, and the archive is written by
archive.py (sorted entries, the build date as every time, fixed permissions).
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from edition import __version__, archive, paths
from edition.corpus import AUTHORITY_FILES, MADE_HEADER, Corpus, Text
from edition.errors import EditionError, UsageError
from edition.xml import NSMAP

CHECKSUMS = ("sha256", "sha512")
BAGIT_VERSION = "1.0"
TEI, SCHEMA, OUTPUT, BUILD = "data/tei", "data/schema", "data/output", "data/build"
#: How many problems a refusal lists.
SHOWN = 12
_PUBLICATION = "tei:teiHeader/tei:fileDesc/tei:publicationStmt"


class NotBuilt(EditionError):
    """The build is missing, incomplete or stale: nothing is packaged (exit 1)."""


@dataclass
class Packaged:
    target: Path
    date: datetime
    files: int = 0
    bytes: int = 0
    #: Payload files per top directory of data/ (tei, schema, output/<format>, build).
    counts: dict[str, int] = field(default_factory=dict)
    #: Another project's files that the build skipped (they cannot be rendered).
    skipped: list[str] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)


def make_package(source: Path, build_dir: Path, target: Path | None, formats: Sequence[str],
                 options: dict[str, Any] | None = None) -> Packaged:
    """Package the build in `build_dir` of the TEI in `source` as `target` (.zip or .tar;
    default `<edition id>-<build date>.zip` in the current directory)."""
    from edition.builders import builder_class

    if target is not None:
        archive.format_of(target)  # a bad name is a usage error before any work
    classes = {name: builder_class(name) for name in formats}
    source, build_dir = Path(source), Path(build_dir)
    if not source.is_dir():
        raise UsageError(f"{source}: the source is not a directory")
    from edition.manifest import NAME

    if not (build_dir / NAME).is_file():
        raise NotBuilt(f"{build_dir} holds no build (no {NAME}): run "
                       f"`{_build_command(source, build_dir, formats)}` first")
    # No build may write into the directory while it is packaged: the build's own lock.
    from edition.build import _lock

    corpus = Corpus(source, made_header=build_dir / MADE_HEADER)
    with _lock(build_dir):
        builders = {name: cls(corpus, build_dir, dict(options or {}))
                    for name, cls in classes.items()}
        checked = check_build(corpus, build_dir, builders)
        date = corpus.build_date(checked.texts)
        target = Path(target) if target is not None else Path(
            f"{_safe(identifier(corpus) or source.resolve().name)}-{date.date().isoformat()}.zip")
        target = target.resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=".package-", dir=target.parent))
        try:
            packaged = _make_bag(stage, corpus, build_dir, builders, checked, date, target)
            archive.write(target, stage, date)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
    return packaged


# ---------------------------------------------------------------- is the build current?

@dataclass
class Checked:
    texts: list[Text]
    skipped: list[Text]
    units: list[Any]  # plan.Unit, all up to date
    manifest: Any  # manifest.Manifest
    validation: dict[str, Any] | None  # the record, as validation_cache keeps it
    report: Any  # validate.Report: the verdict on the TEI


def check_build(corpus: Corpus, build_dir: Path, builders: dict[str, Any]) -> Checked:
    """The build's units of these formats, all up to date; else NotBuilt saying which are
    not and why."""
    from edition.builders.base import SURVEYED
    from edition.digests import Digests
    from edition.manifest import Manifest
    from edition.plan import Planner

    manifest = Manifest.load(build_dir)
    command = _build_command(corpus.tei_dir, build_dir, list(builders))
    if manifest.reset:
        raise NotBuilt(f"{manifest.reset.split(': rebuilding')[0]}: run `{command}` first")
    if manifest.interrupted:
        raise NotBuilt(f"the last build into {build_dir} was interrupted: run `{command}` to "
                       "finish it")
    if corpus.foreign and not corpus.made_header.is_file():
        raise NotBuilt(f"{build_dir} was not built from {corpus.tei_dir}: run `{command}`")
    digests = Digests()  # every file hashed afresh: no trust in size and time
    texts, skipped, validation, report = _valid_texts(corpus, manifest, digests)
    if not texts:
        raise NotBuilt(f"{corpus.tei_dir} has no text that can be built")
    planner = Planner(builders, corpus.tei_dir, manifest, digests,
                      made_header=corpus.made_header if corpus.foreign else None)
    problems: list[str] = []
    units = planner.surveys(texts)
    surveyed: dict[str, str] = {}
    viewed: dict[str, dict[str, str]] = {}
    for name, builder in builders.items():
        if builder.surveys_texts():
            digest = digests(builder.cache_dir / SURVEYED)
            if digest is None:
                problems.append(f"{name}: the texts' survey is missing")
            surveyed[name] = digest or ""
        if builder.has_survey_views():
            viewed[name] = {t.id: digests(builder.view_path(t.id)) or "" for t in texts}
    problems += _problems(units)
    if not problems:
        outputs = planner.outputs(texts, True, surveyed, viewed=viewed)
        problems += _problems(outputs)
        units += outputs
    if problems:
        shown = problems[:SHOWN] + ([f"and {len(problems) - SHOWN} more"]
                                    if len(problems) > SHOWN else [])
        raise NotBuilt(f"{build_dir} is not a complete, current build of {corpus.tei_dir}, "
                       "so it is not packaged:\n  " + "\n  ".join(shown) +
                       f"\nrun `{command}` first")
    return Checked(texts, skipped, units, manifest, validation, report)


def _problems(units) -> list[str]:
    from edition.plan import PENDING

    return [f"{u.format} {u.label}: "
            + ("not current, as its texts are not" if u.reason == PENDING else u.reason)
            for u in units if u.reason]


def _valid_texts(corpus: Corpus, manifest, digests):
    """(texts to package, another project's texts the build skips, validation record,
    report). The edition's own TEI must all be valid; another project's files that cannot be
    rendered are skipped, as the build skips them."""
    from edition import validation_cache

    texts = corpus.texts
    if corpus.foreign:
        report, record = validation_cache.validate_foreign(
            [t.path for t in texts], digests, manifest.validation)
        bad = report.invalid_files()
        return ([t for t in texts if str(t.path) not in bad],
                [t for t in texts if str(t.path) in bad], record or manifest.validation, report)
    authority = [corpus.tei_dir / n for n in AUTHORITY_FILES if (corpus.tei_dir / n).is_file()]
    targets = [t.path for t in texts] + authority
    key = validation_cache.validation_key(corpus.tei_dir, targets, digests)
    report, record = validation_cache.validate(targets, key, manifest.validation)
    if not report.ok:
        invalid = sorted(report.invalid_files())
        raise NotBuilt("invalid TEI (the build leaves its outputs as they were): "
                       + ", ".join(invalid) + f" (`edition validate {corpus.tei_dir}` says why)")
    return texts, [], record or manifest.validation, report


def _build_command(source: Path, build_dir: Path, formats: Sequence[str] = ()) -> str:
    """The command that would make this build current (of these formats)."""
    from edition.builders import DEFAULT_FORMATS

    words = ["edition build"]
    if not _default_source(Path(source)):
        words.append(f"--source {source}")
    if Path(build_dir) != Path("output"):
        words.append(f"--out {build_dir}")
    if formats and set(formats) != set(DEFAULT_FORMATS):
        words.append(f"--format {','.join(formats)}")
    return " ".join(words)


def _default_source(source: Path) -> bool:
    try:
        return source.resolve() == paths.tei_dir().resolve()
    except UsageError:
        return False


# ---------------------------------------------------------------- the bag

def _make_bag(stage: Path, corpus: Corpus, build_dir: Path, builders, checked: Checked,
              date: datetime, target: Path) -> Packaged:
    import bagit

    payload = _payload(corpus, build_dir, builders, checked)
    for relative, origin in payload.items():
        destination = stage / relative.removeprefix("data/")
        destination.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(origin, bytes):
            destination.write_bytes(origin)
        else:
            shutil.copyfile(origin, destination)
    info = bag_info(corpus, builders, checked, date)
    bagit.make_bag(str(stage), dict(info), checksums=list(CHECKSUMS))
    # bagit-python writes BagIt 0.97; the bag is BagIt 1.0 (RFC 8493), whose tag files
    # it writes alike: say so, and let bagit make the tag manifests again.
    (stage / "bagit.txt").write_text(
        f"BagIt-Version: {BAGIT_VERSION}\nTag-File-Character-Encoding: UTF-8\n",
        encoding="utf-8")
    bag = bagit.Bag(str(stage))
    bag.save()
    for algorithm in CHECKSUMS:  # bagit lists the tag files in the directory's order
        tagmanifest = stage / f"tagmanifest-{algorithm}.txt"
        lines = tagmanifest.read_text(encoding="utf-8").splitlines()
        tagmanifest.write_text("".join(f"{line}\n" for line in sorted(
            lines, key=lambda line: line.split(None, 1)[1])), encoding="utf-8")
    bag = bagit.Bag(str(stage))
    bag.validate()
    _same_as_built(bag, checked)
    packaged = Packaged(target, date, skipped=[t.relative for t in checked.skipped])
    packaged.info = {k: str(v) for k, v in bag.info.items()}
    for relative in payload:
        packaged.files += 1
        packaged.bytes += (stage / relative).stat().st_size
        parts = relative.split("/")
        group = "/".join(parts[1:3]) if parts[1] == "output" else parts[1]
        packaged.counts[group] = packaged.counts.get(group, 0) + 1
    return packaged


def _same_as_built(bag, checked: Checked) -> None:
    """Every output in the bag has the digest the build recorded for it."""
    for unit in checked.units:
        record = checked.manifest.units.get(unit.id, {})
        for relative, digest in record.get("outputs", {}).items():
            entry = bag.entries.get(f"{OUTPUT}/{relative}")
            if entry is not None and entry.get("sha256") != digest:
                raise NotBuilt(f"{relative} changed while it was packaged: package again")


def _payload(corpus: Corpus, build_dir: Path, builders, checked: Checked
             ) -> dict[str, Path | bytes]:
    """Bag path → the file to copy, or the bytes to write."""
    payload: dict[str, Path | bytes] = {}
    for text in [*checked.texts, *checked.skipped]:
        payload[f"{TEI}/{text.relative or text.path.name}"] = text.path
    if not corpus.foreign:
        for name in AUTHORITY_FILES:
            if (corpus.tei_dir / name).is_file():
                payload[f"{TEI}/{name}"] = corpus.tei_dir / name
    for name, path in _schemas(corpus, checked).items():
        payload[f"{SCHEMA}/{name}"] = path
    outputs = _outputs(checked)
    for relative in outputs:
        payload[f"{OUTPUT}/{relative}"] = build_dir / relative
    if corpus.foreign:
        payload[f"{BUILD}/edition-header.xml"] = corpus.made_header
    payload[f"{BUILD}/manifest.json"] = _json(build_manifest(checked, _tei_paths(payload)))
    payload[f"{BUILD}/provenance.json"] = _json(provenance(corpus, builders, checked, outputs))
    return dict(sorted(payload.items()))


def _outputs(checked: Checked) -> dict[str, Any]:
    """The files the packaged units wrote (not their cache), path → unit."""
    found: dict[str, Any] = {}
    for unit in sorted(checked.units, key=lambda u: u.id):
        record = checked.manifest.units.get(unit.id, {})
        for relative in sorted(record.get("outputs", {})):
            if not relative.startswith(".cache/"):
                found.setdefault(relative, unit)
    return dict(sorted(found.items()))


def _schemas(corpus: Corpus, checked: Checked) -> dict[str, Path]:
    """The edition's schemas; for another project's TEI those its files name, as the build's
    check found them (by their path under the source, else by name)."""
    if not corpus.foreign:
        folder = paths.home() / "schema"
        return {p.name: p for p in sorted(folder.glob("edition.*"))
                if p.suffix in (".rnc", ".rng", ".sch")}
    found: dict[str, Path] = {}
    entries = (checked.validation or {}).get("foreign", {})
    texts = {str(t.path) for t in [*checked.texts, *checked.skipped]}
    used = sorted({s for f, e in entries.items() if f in texts for s in e.get("schemas", {})})
    source = corpus.tei_dir.resolve()
    for schema in map(Path, used):
        if not schema.is_file():
            continue
        resolved = schema.resolve()
        name = (resolved.relative_to(source).as_posix() if source in resolved.parents
                else resolved.name)
        base, number = name, 2
        while name in found:
            name = f"{Path(base).stem}-{number}{Path(base).suffix}"
            number += 1
        found[name] = schema
    return found


def _tei_paths(payload: dict[str, Path | bytes]) -> dict[str, str]:
    """The TEI files as the validator named them → their paths in the bag."""
    return {str(origin): relative for relative, origin in payload.items()
            if relative.startswith(f"{TEI}/") and isinstance(origin, Path)}


def build_manifest(checked: Checked, names: dict[str, str]) -> dict[str, Any]:
    """The build's manifest for what is packaged: its units and toolchains, and the TEI's
    validation with the files named by their paths in the bag (not its cache of file sizes
    and times, nor the validation's key: both name paths of this machine)."""
    from edition.manifest import VERSION

    ids = sorted(u.id for u in checked.units)
    scopes = sorted({u.scope for u in checked.units})
    return {
        "version": VERSION,
        "units": {i: checked.manifest.units[i] for i in ids},
        "toolchains": {s: checked.manifest.toolchains.get(s, {}) for s in scopes},
        "validation": _validation(checked.report, names),
    }


def _validation(report, names: dict[str, str]) -> dict[str, Any]:
    messages = []
    for message in report.messages:
        entry = message.as_dict()
        entry["path"] = names.get(entry["path"], entry["path"])
        messages.append(entry)
    messages.sort(key=lambda m: (m["path"], m["line"], m["column"], m["code"], m["message"]))
    return {"ok": report.ok, "files": sorted(names.get(f, f) for f in report.files),
            "messages": messages}


# ---------------------------------------------------------------- metadata

def provenance(corpus: Corpus, builders, checked: Checked, outputs: dict[str, Any]
               ) -> dict[str, Any]:
    """Per output: the TEI it was made from and the software that made it (each version as
    the build recorded it; Saxon's product name and Python from this run, whose Saxon and
    toolchain the build's record was just checked against)."""
    by_id = {t.id: t for t in checked.texts}
    formats: dict[str, dict[str, Any]] = {}
    for name, builder in builders.items():
        recorded = checked.manifest.toolchains.get(builder.scope, {})
        formats[name] = {
            "directory": f"{OUTPUT}/{name}",
            "made-by": _software(recorded),
            "settings": {k.removeprefix("setting:"): v for k, v in sorted(recorded.items())
                         if k.startswith("setting:")},
        }
    listed = []
    for relative, unit in outputs.items():
        record = checked.manifest.units[unit.id]
        made_from = set()
        for label in record.get("inputs", {}):
            if label.startswith("tei/"):
                made_from.add(f"{TEI}/{label.removeprefix('tei/')}")
            elif label.startswith("made:"):
                made_from.add(f"{BUILD}/edition-header.xml")
            elif label.startswith("text:") and label[5:] in by_id:
                text = by_id[label[5:]]
                made_from.add(f"{TEI}/{text.relative or text.path.name}")
        listed.append({
            "path": f"{OUTPUT}/{relative}",
            "sha256": record["outputs"][relative],
            "format": unit.format,
            "unit": unit.id,
            "made-from": sorted(made_from),
            "made-by": formats[unit.format]["made-by"],
        })
    return {
        "edition": {"title": title(corpus), "identifier": identifier(corpus)},
        "build": {
            "date": corpus.build_date(checked.texts).date().isoformat(),
            "source-date-epoch": os.environ.get("SOURCE_DATE_EPOCH") or None,
            "texts": [f"{TEI}/{t.relative or t.path.name}" for t in checked.texts],
            "not-rendered": [f"{TEI}/{t.relative}" for t in checked.skipped],
        },
        "formats": formats,
        "outputs": listed,
    }


def _software(recorded: dict[str, str]) -> dict[str, str]:
    software = {"edition": recorded.get("edition", __version__)}
    libraries = {k.removeprefix("lib:"): v for k, v in sorted(recorded.items())
                 if k.startswith("lib:")}
    if "saxonche" in libraries:
        software["saxon"] = saxon_version()
    software.update(libraries)
    software["python"] = platform.python_version()
    return software


def saxon_version() -> str:
    from saxonche import PySaxonProcessor

    with PySaxonProcessor(license=False) as processor:
        return str(processor.version)


def bag_info(corpus: Corpus, builders, checked: Checked, date: datetime) -> dict[str, str]:
    """bag-info.txt's fields (bagit adds Payload-Oxum)."""
    import bagit

    header = corpus.edition
    info: dict[str, str] = {}
    if header is not None:
        for path in ("publisher", "authority", "distributor"):
            found = _words(header.root, f"{_PUBLICATION}/tei:{path}")
            if found:
                info["Source-Organization"] = found
                break
    count = len(checked.texts)
    kinds = {"html": "a web edition (HTML)", "pdf": "PDF books", "epub": "EPUBs"}
    made = [kinds.get(name, name) for name in builders]
    made_words = ", ".join(made[:-1]) + (" and " if len(made) > 1 else "") + made[-1]
    info["External-Description"] = (
        f"{title(corpus)}. The TEI P5 of its {count} text{'s' if count != 1 else ''} with the "
        f"schemas it was checked against, and {made_words} made from it by edition "
        f"{__version__}; the provenance of every output is in data/build/provenance.json.")
    ident = identifier(corpus)
    if ident:
        info["External-Identifier"] = ident
    info["Bagging-Date"] = date.date().isoformat()
    info["Bag-Software-Agent"] = (f"edition {__version__} with bagit.py v{bagit.VERSION} "
                                  f"<{bagit.PROJECT_URL}>")
    return info


def title(corpus: Corpus) -> str:
    header = corpus.edition
    if header is None:
        return corpus.tei_dir.resolve().name
    titles = "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"
    return (_words(header.root, f"{titles}[@type='main']") or _words(header.root, titles)
            or corpus.tei_dir.resolve().name)


def identifier(corpus: Corpus) -> str:
    """The edition header's idno, else (the edition's own header) its xml:id; another
    project's TEI has none unless its header gives an idno."""
    header = corpus.edition
    if header is None:
        return ""
    found = _words(header.root, f"{_PUBLICATION}/tei:idno")
    if found or corpus.foreign:
        return found
    return str(header.root.get("{http://www.w3.org/XML/1998/namespace}id") or "")


def _words(root, path: str) -> str:
    """The words of the first element at this path, white space normalised."""
    found = root.xpath(path, namespaces=NSMAP)
    return " ".join("".join(found[0].itertext()).split()) if found else ""


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "edition"


def _json(data: Any) -> bytes:
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
