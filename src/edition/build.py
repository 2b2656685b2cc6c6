"""`edition build`: validate, then bring every requested output up to date.

1. Validation first (remembered while the TEI and schemas are unchanged: see
   validation_cache.py). An invalid text is reported and not built; its earlier outputs
   stay. An invalid personography or edition header stops every text.
2. The plan (plan.py): one unit per text and format (`write_text`), one edition-wide unit
   per format (`finish`, only when the whole corpus is built and valid); each unit is
   up to date, or says why it must run.
3. Outputs whose text was removed from tei/ are removed, in every format.
4. The units run (scheduler.py), longest first, in worker processes with `jobs` > 1; each
   completed unit is recorded in the manifest at once (manifest.py), and the files its
   earlier run wrote that it no longer writes are removed.

One build at a time writes into an output directory (a lock); temporary files that an
interrupted build left behind are cleared by the next one.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edition import validation_cache
from edition.builders import DEFAULT_FORMATS, REGISTRY, builder_class
from edition.builders.base import SURVEYED, SURVEYS, VIEWS
from edition.corpus import AUTHORITY_FILES, MADE_HEADER, Corpus, Text
from edition.digests import Digests, bytes_digest
from edition.errors import EditionError, UsageError
from edition.fsutil import atomic_write
from edition.manifest import Manifest
from edition.plan import EDITION, TEXT, Planner, Unit, text_of, unit_id

BUILT, UP_TO_DATE, FAILED, BLOCKED, INVALID = "built", "up to date", "failed", "blocked", "invalid"


@dataclass
class UnitResult:
    id: str
    format: str
    label: str
    status: str
    reason: str = ""  # why it ran (or why it could not)
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)  # relative to the output root
    error: str = ""
    detail: str = ""
    messages: list[str] = field(default_factory=list)
    kind: str = TEXT
    #: A text's words: in its TEI, in this output, and lost ("in", "out", "lost").
    words: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if v not in ("", [], {})}
        data["seconds"] = round(self.seconds, 3)
        return data


@dataclass
class BuildResult:
    validation: Any  # edition.validate.Report
    output_root: Path
    units: list[UnitResult] = field(default_factory=list)
    invalid: list[Text] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.validation.ok and not any(u.status in (FAILED, BLOCKED) for u in self.units)

    @property
    def built(self) -> dict[str, list[Path]]:
        """Per format, the files this build wrote (not those of its cache)."""
        files: dict[str, list[Path]] = {}
        for unit in self.units:
            paths = files.setdefault(unit.format, [])
            if unit.status == BUILT:
                paths += [self.output_root / p for p in unit.outputs]
        return files

    def as_dict(self) -> dict[str, Any]:
        formats: dict[str, dict[str, Any]] = {}
        for unit in self.units:
            entry = formats.setdefault(unit.format, {s: 0 for s in (BUILT, UP_TO_DATE, FAILED)})
            entry[unit.status] = entry.get(unit.status, 0) + 1
            entry["seconds"] = round(entry.get("seconds", 0.0) + unit.seconds * (
                unit.status == BUILT), 3)
        return {
            "ok": self.ok,
            "seconds": round(self.seconds, 3),
            "workers": self.workers,
            "formats": formats,
            "units": [u.as_dict() for u in self.units],
            "invalid": [str(t.path) for t in self.invalid],
            "removed": self.removed,
            "validation": {
                "ok": self.validation.ok,
                "messages": [m.as_dict() for m in self.validation.sorted_messages()],
            },
            "messages": self.messages,
            "notes": self.notes,
        }


def default_formats() -> list[str]:
    return list(DEFAULT_FORMATS)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class Reporter:
    """What a build tells as it goes; the command line's progress display overrides it."""

    def begin(self, units: Sequence[Unit]) -> None: ...
    def started(self, unit: Unit) -> None: ...
    def finished(self, result: UnitResult) -> None: ...
    def tick(self) -> None: ...


def run_build(
    tei_dir: Path,
    output_root: Path,
    formats: Sequence[str],
    paths: Sequence[Path] = (),
    options: dict[str, Any] | None = None,
    *,
    jobs: int = 1,
    force: bool = False,
    reporter: Reporter | None = None,
    schema: Path | None = None,
    cluster: str | None = None,
    cluster_outputs: str = "auto",
    cluster_source: str = "auto",
) -> BuildResult:
    """Build the outputs of the TEI in `tei_dir` (the edition's own, or another project's:
    see corpus.Corpus); `schema` checks another project's files against a RELAX NG schema
    of theirs (warnings only); `cluster` runs the units on a Dask cluster (cluster.py),
    whose workers write the outputs or return them (`cluster_outputs`) and read the source or
    are sent it (`cluster_source`)."""
    clock = time.perf_counter()
    reporter = reporter or Reporter()
    options = dict(options or {})
    options.setdefault("jobs", jobs)  # a builder may lay one unit out in parallel (pdf)
    classes = {name: builder_class(name) for name in formats}  # unknown names fail first
    if not Path(tei_dir).is_dir():
        raise UsageError(f"{tei_dir}: the source is not a directory")
    output_root = Path(output_root)
    corpus = Corpus(tei_dir, made_header=output_root / MADE_HEADER)
    if paths:
        corpus.check_paths(paths)  # a path outside the source is a usage error, before any work
    output_root.mkdir(parents=True, exist_ok=True)
    with _lock(output_root):
        if corpus.foreign:
            # Made once here from the texts' headers; the workers read the file.
            corpus.write_made_header()
        builders = {name: cls(corpus, output_root, options) for name, cls in classes.items()}
        everything = corpus.texts
        texts = corpus.select(paths) if paths else everything
        whole = {t.path.resolve() for t in texts} == {t.path.resolve() for t in everything}
        manifest = Manifest.load(output_root)
        known_stat = dict(manifest.stat)
        digests = Digests(manifest.stat)
        try:
            result = _build(
                corpus, builders, options, texts, whole, manifest, digests, jobs, force, reporter,
                schema, cluster, cluster_outputs, cluster_source,
            )
        finally:
            manifest.stat = digests.known
            if manifest.changed or manifest.reset or manifest.interrupted or (
                known_stat != manifest.stat
            ):
                manifest.save()
    result.seconds = time.perf_counter() - clock
    return result


def _build(corpus, builders, options, texts, whole, manifest, digests, jobs, force, reporter,
           schema=None, cluster=None, cluster_outputs="auto", cluster_source="auto"):
    from edition.scheduler import Callbacks, Runner

    tei_dir, output_root = corpus.tei_dir, manifest.root
    if corpus.foreign:
        # Another project's TEI: checked for what rendering needs (and against its own
        # schema, as warnings); a file that cannot be rendered is skipped, not the edition.
        report, record = validation_cache.validate_foreign(
            [t.path for t in texts], digests, manifest.validation, schema)
        bad_authority = []
    else:
        authority = [tei_dir / n for n in AUTHORITY_FILES if (tei_dir / n).is_file()]
        targets = [t.path for t in texts] + authority or [tei_dir]
        key = validation_cache.validation_key(tei_dir, targets, digests)
        report, record = validation_cache.validate(targets, key, manifest.validation)
        bad_authority = [p for p in authority if str(p) in report.invalid_files()]
    if record:
        manifest.set_validation(record)
    bad = report.invalid_files()
    invalid = [t for t in texts if str(t.path) in bad or bad_authority]
    valid = [t for t in texts if t not in invalid]
    # The edition of another project is made of the texts that can be rendered.
    edition_whole = whole and (corpus.foreign or not invalid)
    result = BuildResult(validation=report, output_root=output_root, invalid=invalid)
    if manifest.reset:
        result.notes.append(manifest.reset)
    if not whole:
        result.notes.append("edition-wide outputs are built only when the whole corpus is")
    result.removed = _remove_texts_gone(manifest, {t.id for t in corpus.texts})

    planner = Planner(builders, tei_dir, manifest, digests, force,
                      made_header=corpus.made_header if corpus.foreign else None)
    results: dict[str, UnitResult] = {}
    messages: dict[str, None] = {}

    def done(unit: Unit, outcome) -> None:
        unit_result = _result_of(unit, BUILT, outcome.seconds, unit.reason)
        unit_result.messages = outcome.messages
        unit_result.words = outcome.words
        if outcome.error:
            unit_result.status, unit_result.error = FAILED, outcome.error
            unit_result.detail = outcome.detail
            _record_failure(manifest, unit)
        else:
            unit_result.outputs = sorted(set(outcome.outputs) - set(outcome.cached))
            _record(manifest, unit, outcome, result)
        messages.update(dict.fromkeys(outcome.messages))
        results[unit.id] = unit_result
        reporter.finished(unit_result)

    def blocked(unit: Unit, why: str) -> None:
        results[unit.id] = _result_of(unit, BLOCKED, reason=why)
        reporter.finished(results[unit.id])

    def up_to_date(unit: Unit) -> None:
        results[unit.id] = _result_of(unit, UP_TO_DATE)
        reporter.finished(results[unit.id])

    calls = Callbacks(reporter.started, done, blocked, planner.decide, up_to_date, reporter.tick)
    specs = {name: REGISTRY[name] for name in builders}
    selected = {t.path for t in texts}
    valid_paths = {t.path for t in valid}
    surveyed_texts = [t for t in corpus.texts if t.path in valid_paths or t.path not in selected]
    if cluster:
        from edition.cluster import ClusterRunner

        runner = ClusterRunner(tei_dir, output_root, options, specs, cluster,
                               outputs=cluster_outputs, source=cluster_source)
    else:
        runner = Runner(tei_dir, output_root, options, specs, jobs)
    with runner:
        # 1. Surveys, for the formats whose texts link to each other.
        surveys = planner.surveys(surveyed_texts)
        _mark_up_to_date(surveys, results)
        if manifest.interrupted or any(u.reason for u in surveys):
            _clear_leftovers(output_root)
        reporter.begin(surveys)
        runner.run(surveys, calls)
        surveyed, unsurveyed, viewed = _combine_surveys(builders, surveys, results, digests)
        # 2. The outputs: static files, texts, edition-wide outputs.
        outputs = planner.outputs(valid, edition_whole, surveyed, unsurveyed, viewed)
        _mark_up_to_date(outputs, results)
        if any(u.reason for u in outputs) and not any(u.reason for u in surveys):
            _clear_leftovers(output_root)
        for name, builder in builders.items():
            for text in invalid:
                unit = unit_id(builder.scope, TEXT, text.id)
                results[unit] = UnitResult(unit, name, text.id, INVALID, "invalid TEI")
            for text_id in unsurveyed.get(name, ()):
                unit = unit_id(builder.scope, TEXT, text_id)
                results[unit] = UnitResult(unit, name, text_id, BLOCKED, "its survey failed")
            if ((invalid and not corpus.foreign) or unsurveyed.get(name)) and whole:
                unit = unit_id(builder.scope, EDITION)
                culprit = invalid[0].id if invalid else unsurveyed[name][0]
                results[unit] = UnitResult(unit, name, "edition", BLOCKED,
                                           f"{culprit} is not built")
        reporter.begin(outputs)
        runner.run(outputs, calls)
        result.workers = runner.workers_used
    order = {u.id: i for i, u in enumerate([*surveys, *outputs])}
    result.units = sorted(results.values(), key=lambda r: (order.get(r.id, len(order)), r.id))
    result.messages = list(messages)
    return result


def _result_of(unit: Unit, status: str, seconds: float = 0.0, reason: str = "") -> UnitResult:
    return UnitResult(unit.id, unit.format, unit.label, status, reason=reason,
                      seconds=seconds, kind=unit.kind)


def _mark_up_to_date(units: Sequence[Unit], results: dict[str, UnitResult]) -> None:
    for unit in units:
        if not unit.reason:
            results[unit.id] = _result_of(unit, UP_TO_DATE)


def _combine_surveys(builders, surveys, results, digests):
    """Per surveying format, the digest of its combined surveys (written to its cache for
    the workers), the texts whose survey failed, and the digests of the texts' views of
    the combined surveys (written beside it, see Builder.survey_views)."""
    surveyed: dict[str, str] = {}
    unsurveyed: dict[str, list[str]] = {}
    viewed: dict[str, dict[str, str]] = {}
    for name, builder in builders.items():
        if not builder.surveys_texts():
            continue
        pieces = []
        for unit in (u for u in surveys if u.format == name):
            if results[unit.id].status in (BUILT, UP_TO_DATE):
                pieces.append((builder.cache_dir / SURVEYS / unit.text.id).read_bytes())
            else:
                unsurveyed.setdefault(name, []).append(unit.text.id)
        combined = builder.combine_surveys(pieces)
        target = builder.cache_dir / SURVEYED
        if digests(target) != bytes_digest(combined):
            atomic_write(target, combined)
        surveyed[name] = bytes_digest(combined)
        if builder.has_survey_views():
            viewed[name] = _write_views(builder, builder.survey_views(combined), digests)
    return surveyed, unsurveyed, viewed


def _write_views(builder, views, digests) -> dict[str, str]:
    """Each text's view ((text id, bytes) pairs) written where its worker reads it, when it
    changed; views of texts no longer surveyed removed. Returns their digests."""
    written: dict[str, str] = {}
    for text_id, data in views:
        target = builder.view_path(text_id)
        written[text_id] = bytes_digest(data)
        if digests(target) != written[text_id]:
            atomic_write(target, data)
    folder = builder.cache_dir / VIEWS
    for stale in sorted(folder.iterdir()) if folder.is_dir() else []:
        if stale.is_file() and stale.name not in written:
            stale.unlink()
    return written


def _record(manifest: Manifest, unit: Unit, outcome, result: BuildResult) -> None:
    old = manifest.units.get(unit.id, {}).get("outputs", {})
    manifest.set_toolchain(unit.scope, unit.toolchain)
    manifest.set_unit(
        unit.id,
        {
            "key": unit.key,
            "inputs": unit.inputs,
            "outputs": outcome.outputs,
            "seconds": round(outcome.seconds, 3),
        },
    )
    stale = set(old) - set(outcome.outputs)
    if stale:
        result.removed += _remove_outputs(manifest, sorted(stale))


def _record_failure(manifest: Manifest, unit: Unit) -> None:
    """A failed unit may have replaced some of its files: it is redone next time, and its
    files stay known so that they can be removed with their text."""
    record = manifest.units.get(unit.id)
    if record is not None:
        manifest.set_unit(unit.id, {**record, "key": ""})


def _remove_texts_gone(manifest: Manifest, text_ids: set[str]) -> list[str]:
    """Remove the outputs of texts no longer in the corpus, in every format."""
    removed = []
    for name in sorted(manifest.units):
        text_id = text_of(name)
        if text_id and text_id not in text_ids:
            outputs = sorted(manifest.units[name].get("outputs", {}))
            manifest.set_unit(name, None)
            removed += _remove_outputs(manifest, outputs)
    return removed


def _remove_outputs(manifest: Manifest, relatives: list[str]) -> list[str]:
    """Delete these files unless another unit still claims them."""
    claimed = set()
    for record in manifest.units.values():
        claimed.update(record.get("outputs", {}))
    removed = []
    for relative in relatives:
        if relative in claimed:
            continue
        path = manifest.root / relative
        if path.is_file():
            path.unlink()
            removed.append(relative)
            _prune_empty(path.parent, manifest.root)
    return removed


def _prune_empty(directory: Path, root: Path) -> None:
    while directory != root and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent


def _clear_leftovers(output_root: Path) -> None:
    """Temporary files and staging directories of a build that was killed.

    A directory below holding a `.lock` is another build's output root (`edition serve`
    builds into output/preview): its files in flight are that build's, not leftovers."""
    for directory, subdirectories, files in os.walk(output_root):
        for name in files:
            if name.startswith(".") and name.endswith(".part"):
                Path(directory, name).unlink(missing_ok=True)
        for name in list(subdirectories):
            if name.startswith(".staging-"):
                shutil.rmtree(Path(directory, name), ignore_errors=True)
                subdirectories.remove(name)
            elif (Path(directory, name) / ".lock").is_file():
                subdirectories.remove(name)


@contextmanager
def _lock(output_root: Path):
    """One build at a time per output directory."""
    import fcntl

    handle = open(output_root / ".lock", "a+")  # noqa: SIM115
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise EditionError(
                f"another edition build is writing into {output_root}; wait for it to end"
            ) from None
        yield
    finally:
        handle.close()
