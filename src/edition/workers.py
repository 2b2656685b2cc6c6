"""The worker side of a build: run one unit (a builder hook) and say what it wrote.

A worker process keeps one prepared builder per format for its whole life, so each
stylesheet is compiled once per process however many units the process runs. A job names
its builder by "module:class" (the registry's entry), so formats registered at run time
(tests) reach the workers too. With one job the same code runs in the build's own process.
"""

from __future__ import annotations

import os
import signal
import sys
import time
import traceback
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

from edition.digests import file_digest


@dataclass(frozen=True)
class Job:
    unit_id: str
    kind: str  # text, edition, survey, static (edition.plan)
    builder: str  # "module:Class"
    text: str | None = None  # the TEI file of a text or survey unit
    texts: tuple[str, ...] = ()  # an edition-wide unit: every text, in reading order
    #: The text as the build knows it (corpus.Text: its id, its path under the source),
    #: so that a worker need not list the whole source to name it.
    name: str = ""
    relative: str = ""
    foreign: bool = False


@dataclass
class Outcome:
    unit_id: str
    #: Files written, relative to the output root -> digest.
    outputs: dict[str, str] = field(default_factory=dict)
    #: Of those, the ones in the cache directory (not outputs a reader sees).
    cached: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    #: A text unit's words in and out (Builder.account_words).
    words: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    error: str = ""
    detail: str = ""  # the traceback of an unexpected error


def builder_class_of(spec: str):
    """The builder class a job names ("module:Class")."""
    module_name, class_name = spec.split(":")
    return getattr(import_module(module_name), class_name)


class Worker:
    """Builders for one process, made and prepared on first use."""

    def __init__(self, tei_dir: Path, output_root: Path, options: dict[str, Any],
                 corpus=None):
        from edition.corpus import MADE_HEADER, Corpus

        # `corpus`: one described rather than found (a cluster's worker apart from the
        # source, cluster.py).
        self.corpus = corpus or Corpus(tei_dir, made_header=Path(output_root) / MADE_HEADER)
        self.output_root = Path(output_root)
        self.options = options
        self.builders: dict[str, Any] = {}

    def builder(self, spec: str):
        if spec not in self.builders:
            builder = builder_class_of(spec)(self.corpus, self.output_root, self.options)
            builder.prepare()
            self.builders[spec] = builder
        return self.builders[spec]

    def run(self, job: Job) -> Outcome:
        from edition.errors import EditionError

        outcome = Outcome(job.unit_id)
        started = time.perf_counter()
        builder = None
        try:
            builder = self.builder(job.builder)
            builder.messages.clear()
            builder.cached = []
            builder.words = {}
            written = self._call(builder, job)
            root = os.path.abspath(self.output_root)
            for path in [*written, *builder.cached]:
                relative = Path(os.path.relpath(os.path.abspath(path), root)).as_posix()
                outcome.outputs[relative] = file_digest(path)
            outcome.cached = [
                Path(os.path.relpath(os.path.abspath(p), root)).as_posix() for p in builder.cached
            ]
        except EditionError as exc:
            outcome.error = str(exc)
        except Exception as exc:  # a builder's bug: report it, build the rest
            outcome.error = f"{type(exc).__name__}: {exc}"
            outcome.detail = traceback.format_exc()
        if builder is not None:
            outcome.messages = list(builder.messages)
            outcome.words = dict(builder.words)
        outcome.seconds = time.perf_counter() - started
        return outcome


    def _call(self, builder, job: Job) -> list:
        from edition.builders.base import SURVEYS
        from edition.corpus import Text

        if job.kind == "edition":
            return builder.finish([self.corpus.text_at(Path(p)) for p in job.texts])
        if job.kind == "static":
            return builder.write_static()
        text = (Text(Path(job.text), job.name, job.relative, job.foreign) if job.name
                else self.corpus.text_at(Path(job.text)))
        try:
            if job.kind == "survey":
                builder.write_cache(f"{SURVEYS}/{text.id}", builder.survey(text) or b"")
                return []
            return builder.write_text(text)
        finally:
            text.release()


# -- in a worker process

_worker: Worker | None = None


def start_process(tei_dir: Path, output_root: Path, options: dict[str, Any]) -> None:
    """Initializer of a worker process."""
    global _worker
    # Ctrl-C reaches the whole process group: the build's own process decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    _worker = Worker(tei_dir, output_root, options)


def run_in_process(job: Job) -> Outcome:
    assert _worker is not None, "start_process was not called"
    return _worker.run(job)


def _die_with_parent() -> None:
    """Linux: end this worker if the build's process is killed (kill -9 included), so that
    no orphan goes on writing into output/ beside the next build."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
        if os.getppid() == 1:  # the parent died before the call
            os._exit(1)
    except OSError:
        pass
