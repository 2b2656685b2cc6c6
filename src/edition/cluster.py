"""Running a build's units on a Dask distributed cluster (`edition build --cluster ADDRESS`).

The build stays where it is: the planner, the manifest (each completed unit recorded at
once: the journal a later build continues from), validation and the progress display run in
this process, the client. Only the units go to the cluster, as tasks running the same code
as the local workers (workers.Worker.run), with one prepared builder per format in each Dask
worker process, so each stylesheet is compiled once per process.

Storage: nothing need be shared. The TEI reaches the workers one of two ways
(`--cluster-source`):

- shared: each worker reads the source directory at the same path as the client (a shared
  filesystem, as on an HPC cluster, or a copy made beforehand, e.g. with rsync).
- sent: each unit is sent the files of the source it reads (its TEI, the texts it shows
  beside it, its pictures: plan.Unit.reads), and every worker once per build what it needs
  of the rest (Corpus.snapshot: the texts' names in reading order, the authority files);
  the worker puts them in a scratch directory of its own. Each TEI file crosses the network
  once per unit that reads it, and the edition-wide units, which read every text, run in
  the client.

The outputs reach the output directory one of two ways (`--cluster-outputs`):

- shared: each worker writes its outputs there itself, as the local workers do (the output
  directory at the same path on every worker). Nothing passes through the client but the
  units' results (digests, messages).
- returned: each worker writes into a scratch directory of its own and returns the unit's
  files to the client as bytes; the client checks each against its digest and writes it
  (to a temporary file renamed into place). What a text's unit reads of the build's own
  files (the made edition header, a text's view of the site) is sent with it, and the
  edition-wide units and the static files, which read what every text wrote, run in the
  client. Every output crosses the network once and is written by one process: the cost
  is the client's bandwidth and disk (bench/cluster.py measures it).

`auto` (the default for both) checks before any unit runs: the client writes a token under
the output directory and every worker must read it back to share it; every worker must see
the source directory to share it; otherwise sent, or returned. Asked for shared, a worker
that cannot see it stops the build with exit status 2. Outputs are written, by whoever
writes them, to a temporary file renamed into place, so a worker killed mid-unit leaves no
truncated file; Dask runs its unit again on another worker (up to
`distributed.scheduler.allowed-failures` times), and the client records the unit once, when
its result arrives. Each build gets fresh builders in every worker process (a worker kept
between builds would still hold the last build's corpus), compiled once per process.

Dask is an optional extra (`pip install edition[cluster]`): this module is imported only
with --cluster.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from edition.digests import bytes_digest
from edition.errors import EditionError, UsageError
from edition.fsutil import atomic_write
from edition.plan import EDITION, STATIC, TEXT, Unit
from edition.scheduler import TICK_SECONDS, Callbacks, Runner, _Queue
from edition.workers import Job, Outcome, Worker

#: How long to wait for a scheduler to answer (seconds).
CONNECT_TIMEOUT = 10
#: Units in flight per worker thread: enough that no worker waits for the client.
IN_FLIGHT_PER_THREAD = 2
#: --cluster-outputs: the workers write the outputs, or return them to the client;
#: --cluster-source: the workers read the TEI, or are sent it.
SHARED, RETURNED, SENT, AUTO = "shared", "returned", "sent", "auto"


class ClusterLost(EditionError):
    """The scheduler went away during the build."""


def parse_address(address: str) -> tuple[str, int | None]:
    """`local[:N]` → ("local", N or None); `tcp://HOST:PORT` (or tls://, …) → (address,
    None). Anything else is a usage error."""
    if address == "local" or address.startswith("local:"):
        count = address.partition(":")[2]
        if count and not (count.isdigit() and int(count) > 0):
            raise UsageError(f"--cluster {address}: the number of workers must be a "
                             "positive number (local:4)")
        return "local", int(count) if count else None
    if "://" in address and address.split("://", 1)[1]:
        return address, None
    raise UsageError(f"--cluster {address}: give local, local:N or a scheduler's address "
                     "(tcp://HOST:PORT)")


class ClusterRunner(Runner):
    """Runner's interface (scheduler.py) over a Dask cluster's workers."""

    def __init__(self, tei_dir: Path, output_root: Path, options: dict[str, Any],
                 specs: dict[str, str], address: str, outputs: str = AUTO,
                 source: str = AUTO):
        # A unit laid out in pieces (pdf) runs its pieces in its own worker on a cluster:
        # a Dask worker process may not start processes of its own.
        # Absolute paths: a worker started elsewhere has another working directory.
        super().__init__(Path(tei_dir).resolve(), Path(output_root).resolve(),
                         {**options, "jobs": 1}, specs, jobs=1)
        if outputs not in (SHARED, RETURNED, AUTO):
            raise UsageError(f"--cluster-outputs {outputs}: give shared, returned or auto")
        if source not in (SHARED, SENT, AUTO):
            raise UsageError(f"--cluster-source {source}: give shared, sent or auto")
        self.address = address
        self.asked = outputs
        self.asked_source = source
        #: Decided when connected: do the workers return the outputs, are they sent the
        #: source?
        self.returned = outputs == RETURNED
        self.sent_source = source == SENT
        #: The workers' builders are this build's (see the module's docstring).
        self.token = secrets.token_hex(8)
        self.client = None
        self.cluster = None
        self._local: ThreadPoolExecutor | None = None
        self._snapshot = None  # with the source sent: the future every worker holds
        self._made_header: bytes | None = None
        self._readers: dict[str, Any] = {}

    # -- connecting

    def __enter__(self) -> ClusterRunner:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise UsageError("--cluster needs Dask distributed: pip install "
                             "'edition[cluster]'") from exc
        kind, count = parse_address(self.address)
        # Dask's own log of a lost scheduler is said once, by ClusterLost, in our words.
        for name in ["distributed", *logging.root.manager.loggerDict]:
            if name.startswith("distributed"):
                logging.getLogger(name).setLevel(logging.CRITICAL + 1)
        try:
            if kind == "local":
                self.cluster = LocalCluster(
                    n_workers=count or os.cpu_count() or 1, threads_per_worker=1,
                    processes=True, dashboard_address=None)
                self.client = Client(self.cluster, timeout=CONNECT_TIMEOUT)
            else:
                self.client = Client(kind, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            self.__exit__(None)
            raise UsageError(f"--cluster {self.address}: no scheduler answers ({exc})") \
                from exc
        try:
            try:  # workers started beside the scheduler may still be connecting
                self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
            except TimeoutError:
                pass  # said below: no workers
            self.jobs = max(1, sum(self.client.nthreads().values()))
            self._check_storage()
        except BaseException:
            self.__exit__(None)
            raise
        return self

    def __exit__(self, kind, *_) -> None:
        if self._local is not None:
            self._local.shutdown(wait=True)
            self._local = None
        for thing in (self.client, self.cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:  # closing what is already gone
                    pass
        self.client = self.cluster = None

    def _check_storage(self) -> None:
        """What do the workers see of our source and output directories? (See the module's
        docstring.)"""
        token = secrets.token_hex(8)
        probe = Path(self.output_root) / f".cluster-probe-{token}"
        probe.parent.mkdir(parents=True, exist_ok=True)
        probe.write_text(token, encoding="utf-8")
        try:
            seen = self.client.run(_sees, str(probe.resolve()),
                                   str(Path(self.tei_dir).resolve()), token)
        finally:
            probe.unlink(missing_ok=True)
        if not seen:
            raise UsageError(f"--cluster {self.address}: the cluster has no workers")
        source = Path(self.tei_dir).resolve()
        blind = sorted(worker for worker, (_, sees_source) in seen.items() if not sees_source)
        if blind and self.asked_source == SHARED:
            raise UsageError(
                f"--cluster {self.address}: {len(blind)} of {len(seen)} workers cannot see "
                f"the source directory {source} (first: {blind[0]}); give it to them at the "
                "same path (a shared filesystem, or a copy made beforehand), or send them "
                "the TEI (--cluster-source sent)")
        self.sent_source = self.asked_source == SENT or bool(blind)
        apart = sorted(worker for worker, (sees_output, _) in seen.items() if not sees_output)
        if apart and self.asked == SHARED:
            raise UsageError(
                f"--cluster {self.address}: {len(apart)} of {len(seen)} workers cannot see "
                f"the output directory {Path(self.output_root).resolve()} (first: "
                f"{apart[0]}); give it to them at the same path, or let them return the "
                "outputs (--cluster-outputs returned)")
        self.returned = self.asked == RETURNED or bool(apart)

    # -- running

    def _job(self, unit: Unit, queue: _Queue) -> Job:
        job = super()._job(unit, queue)
        return dataclasses.replace(
            job, text=str(Path(job.text).resolve()) if job.text else None,
            texts=tuple(str(Path(t).resolve()) for t in job.texts))

    def run(self, units: Sequence[Unit], calls: Callbacks) -> None:
        from edition.build import _clear_leftovers

        queue = _Queue(units, calls)
        if any(u.reason for u in units):
            self.workers_used = max(self.workers_used, self.jobs)
            self._run_on_cluster(queue, calls)
            # A worker killed mid-unit leaves its temporary files (its unit ran again
            # elsewhere); nothing is in flight now, so they can go.
            _clear_leftovers(self.output_root)
        for unit in queue.drain():
            calls.blocked(unit, "what it needs was not built")

    def _submit(self, unit: Unit, queue: _Queue):
        """A unit's future: on the cluster, or here (the static files and the edition-wide
        units, which read what every text wrote or every text, when the workers return
        their outputs or are sent the source)."""
        job = self._job(unit, queue)
        key = f"edition-{unit.id}-{secrets.token_hex(4)}"
        if unit.kind in (STATIC, EDITION) and (self.returned or self.sent_source):
            if self._local is None:
                self._local = ThreadPoolExecutor(1, thread_name_prefix="edition-here")
            return self._local.submit(self._run_here_in_thread, job)
        setup = Setup(None if self.sent_source else str(self.tei_dir),
                      None if self.returned else str(self.output_root), self.options,
                      self.token)
        sent = (self.source_files(unit) if self.sent_source else {},
                self.sent_files(unit) if self.returned else {})
        if self.sent_source and self._snapshot is None:
            self._snapshot = self.client.scatter([self.corpus.snapshot()], broadcast=True)[0]
        return self.client.submit(run_unit, job, setup, sent, self._snapshot, pure=False,
                                  key=key)

    def _run_here_in_thread(self, job: Job) -> Outcome:
        if self._here is None:
            self._here = Worker(self.tei_dir, self.output_root, self.options)
        _lay_pieces_out_on_the_cluster(self._here.builder(job.builder), job.builder,
                                       self.options, self.token, self.client)
        return self._here.run(job)

    @cached_property
    def corpus(self):
        """The corpus as this process sees it, apart from the thread that runs units here
        (what the sent files are read from)."""
        from edition.corpus import MADE_HEADER, Corpus

        return Corpus(self.tei_dir, made_header=Path(self.output_root) / MADE_HEADER)

    def source_files(self, unit: Unit) -> dict[str, bytes]:
        """The files of the source a unit reads (plan.Unit.reads), by their paths under it;
        the authority files every worker holds already (Corpus.snapshot)."""
        files = {}
        for path in unit.reads:
            relative = Path(path).resolve().relative_to(self.tei_dir)
            files[relative.as_posix()] = Path(path).read_bytes()
        return files

    def sent_files(self, unit: Unit) -> dict[str, bytes]:
        """What a text's unit reads of the build's own files, relative to the output root:
        the edition header made from another project's headers (as a text's outputs read
        it), and the builder's own (Builder.text_reads: a text's view of the site)."""
        from edition.builders import builder_class
        from edition.corpus import MADE_HEADER

        files: dict[str, bytes] = {}
        if self.corpus.foreign:
            if self._made_header is None:
                from lxml import etree

                self._made_header = etree.tostring(
                    self.corpus.header_for_texts.root, encoding="utf-8", xml_declaration=True)
            files[MADE_HEADER.as_posix()] = self._made_header
        if unit.kind == TEXT and unit.text is not None:
            if unit.format not in self._readers:  # made, not prepared: it only names files
                self._readers[unit.format] = builder_class(unit.format)(
                    self.corpus, Path(self.output_root), self.options)
            for path in self._readers[unit.format].text_reads(unit.text):
                if path.is_file():
                    relative = Path(os.path.relpath(path, self.output_root)).as_posix()
                    files[relative] = path.read_bytes()
        return files

    def _take(self, unit: Unit, result) -> Outcome:
        """A unit's outcome; its files, when returned, written into the output directory
        (each checked against the digest its worker recorded)."""
        if isinstance(result, Outcome):
            return result
        outcome, files = result
        if outcome.error:
            return outcome
        root = Path(self.output_root)
        for relative, data in files.items():
            target = (root / relative).resolve()
            if (root not in target.parents or relative not in outcome.outputs
                    or bytes_digest(data) != outcome.outputs[relative]):
                return Outcome(unit.id, error=f"on the cluster: {relative} came back "
                               "damaged or unasked for; nothing of the unit is recorded")
        for relative, data in sorted(files.items()):
            atomic_write(root / relative, data)
        return outcome

    def _run_on_cluster(self, queue: _Queue, calls: Callbacks) -> None:
        from distributed import CancelledError

        in_flight: dict[Any, Unit] = {}
        slots = self.jobs * IN_FLIGHT_PER_THREAD
        while True:
            while len(in_flight) < slots and (unit := queue.next()) is not None:
                calls.started(unit)
                in_flight[self._submit(unit, queue)] = unit
            if not in_flight:
                break
            finished = [f for f in in_flight if f.done()]
            if not finished:
                self._alive()
                time.sleep(TICK_SECONDS / 5)
                calls.tick()
                continue
            for future in finished:
                unit = in_flight.pop(future)
                try:
                    outcome = self._take(unit, future.result())
                except CancelledError as exc:
                    if getattr(self.client, "status", "") != "running":
                        raise ClusterLost(self._lost()) from exc
                    outcome = Outcome(unit.id, error=f"cancelled on the cluster ({exc})")
                except Exception as exc:  # the task's worker died too often (KilledWorker)
                    self._alive()
                    outcome = Outcome(unit.id, error=f"on the cluster: {type(exc).__name__}: "
                                      f"{exc}")
                queue.finished(unit, ok=not outcome.error)
                calls.done(unit, outcome)

    def _alive(self) -> None:
        """Stop the build if the scheduler is gone (what was completed is recorded)."""
        status = getattr(self.client, "status", "running")
        if status not in ("running", "connecting", "newly-created"):
            raise ClusterLost(self._lost())

    def _lost(self) -> str:
        return (f"the cluster's scheduler ({self.address}) is gone; what was completed is "
                "recorded, and the next build (here or on a cluster) continues from there")


# -- on a worker


_workers: dict[tuple, Worker] = {}


class _Turns:
    """Who uses this worker process's builders (and WeasyPrint, whose layout the pieces'
    hooks patch) at a time, among the Dask worker's threads: one unit, or one piece of a
    book. A unit waiting for the pieces of its book (laid out as tasks of their own, maybe
    here) lets pieces run meanwhile, and goes on once the piece running here is done."""

    def __init__(self):
        self._changed = threading.Condition()
        self._unit = self._waiting = self._piece = False

    @contextmanager
    def unit(self, aside: tuple[Callable, Callable] | None = None):
        """The turn of a unit. `aside`: how to leave the worker's thread pool while the
        turn is taken and come back to it (distributed's secede and rejoin): a unit that
        waits here for a unit that waits for its pieces must not hold the thread those
        pieces need (with one thread per worker, the build stopped there: found with a
        worker killed mid-build, its units sent to the other)."""
        while True:
            with self._changed:
                if not self._unit and not self._piece:
                    self._unit = True
                    break
                if aside is None:
                    self._changed.wait_for(lambda: not self._unit and not self._piece)
                    continue
            aside[0]()
            with self._changed:
                self._changed.wait_for(lambda: not self._unit and not self._piece)
            aside[1]()  # the turn may be taken again meanwhile: look again, in the pool
        try:
            yield
        finally:
            with self._changed:
                self._unit = False
                self._changed.notify_all()

    @contextmanager
    def waiting_for_pieces(self):
        with self._changed:
            self._waiting = True
            self._changed.notify_all()
        try:
            yield
        finally:
            with self._changed:
                self._changed.wait_for(lambda: not self._piece)
                self._waiting = False

    @contextmanager
    def piece(self):
        with self._changed:
            self._changed.wait_for(
                lambda: (not self._unit or self._waiting) and not self._piece)
            self._piece = True
        try:
            yield
        finally:
            with self._changed:
                self._piece = False
                self._changed.notify_all()


_turns = _Turns()


def _lay_pieces_out_on_the_cluster(builder, spec: str, options: dict, token: str,
                                   client=None) -> None:
    """A PDF builder here has a long book's layouts (its pieces, the measuring of its long
    notes, its folio sheets: pdf_parallel's tasks) done as tasks of the cluster
    (`run_layout`), not one after another in this process (a Dask worker may not start
    processes of its own); `client`: the client's, when the unit runs in the client."""
    if hasattr(builder, "layout_runner"):
        builder.layout_runner = _LayoutRunner(spec, options, token, builder.print_settings,
                                              client)


@dataclass
class _LayoutRunner:
    """pdf_parallel.LayoutPool's way to the cluster: submit(task, *args), results(futures)."""
    spec: str
    options: dict
    token: str
    print_settings: Any
    client: Any = None

    def submit(self, task, *args):
        from distributed import get_client

        client = self.client or get_client()
        return client.submit(run_layout, self.spec, self.options, self.token,
                             self.print_settings, task, *args, pure=False,
                             key=f"edition-{task.__name__.replace('_', '-')}-"
                                 f"{secrets.token_hex(4)}")

    def results(self, futures: list) -> list:
        """What the tasks of `futures` gave, in their order; a unit waiting in a worker
        lets the worker's threads (and its own process's layouts) go on meanwhile."""
        if self.client is not None:
            return self.client.gather(futures)
        from distributed import worker_client

        with _turns.waiting_for_pieces(), worker_client() as client:
            return client.gather(futures)


_layout_builders: dict[tuple, Any] = {}


def run_layout(spec: str, options: dict, token: str, print_settings, task, *args):
    """One of pdf_parallel's layout tasks, in a Dask worker, by a builder of its own that
    needs no corpus: the XHTML (or the folio plan) it is given is all a layout reads."""
    from edition.workers import builder_class_of

    with _turns.piece():
        key = (spec, json.dumps(options, sort_keys=True, default=str), token)
        builder = _layout_builders.get(key)
        if builder is None:
            _layout_builders.clear()  # an earlier build's
            builder = builder_class_of(spec)(None, Path(tempfile.gettempdir()), options)
            builder.prepare()
            builder.print_settings = print_settings
            _layout_builders[key] = builder
        return task(builder, *args)


def _sees(probe: str, tei_dir: str, token: str) -> tuple[bool, bool]:
    """(Does this worker see the output directory, the source directory?)"""
    try:
        output = Path(probe).read_text(encoding="utf-8") == token
    except OSError:
        output = False
    return output, Path(tei_dir).is_dir()


@dataclass(frozen=True)
class Setup:
    """A build as a worker knows it: where the source and the output root are on this
    worker (None: in a scratch directory of its own, filled by what is sent, the outputs
    returned), the build's options and its token."""

    source: str | None
    output_root: str | None
    options: dict
    token: str

    @property
    def key(self) -> tuple:
        return (self.source, self.output_root, json.dumps(self.options, sort_keys=True,
                                                          default=str), self.token)


_scratch: dict[tuple, list[Path]] = {}  # the scratch directories of each build's Worker


def _worker_for(setup: Setup, snapshot: dict | None = None) -> Worker:
    """This process's Worker for a build, made on first use (with the source sent, from
    the corpus's snapshot). An earlier build's Worker is dropped, with its scratch
    directories."""
    worker = _workers.get(setup.key)
    if worker is not None:
        return worker
    for old in [k for k in _workers if k[-1] != setup.token]:
        del _workers[old]
        for folder in _scratch.pop(old, []):
            shutil.rmtree(folder, ignore_errors=True)
    scratch = _scratch[setup.key] = []
    output_root = (Path(setup.output_root) if setup.output_root is not None
                   else _scratch_directory("edition-outputs-", scratch))
    corpus = None
    if setup.source is not None:
        source = Path(setup.source)
    else:
        from edition.corpus import MADE_HEADER, Corpus

        source = _scratch_directory("edition-source-", scratch)
        corpus = Corpus.from_snapshot(source, snapshot, made_header=output_root / MADE_HEADER)
    worker = _workers[setup.key] = Worker(source, output_root, setup.options, corpus)
    return worker


def _scratch_directory(prefix: str, made: list[Path]) -> Path:
    """A directory in the Dask worker's own, which Dask removes with the worker (and
    clears of dead workers' leftovers when the next one starts)."""
    import atexit

    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=_worker_directory()))
    atexit.register(shutil.rmtree, folder, True)
    made.append(folder)
    return folder


def _worker_directory() -> str | None:
    try:
        from distributed import get_worker

        return get_worker().local_directory
    except (ImportError, ValueError):  # not in a Dask worker (a test calling us)
        return None


def _place(root: Path, files: dict[str, bytes]) -> list[Path]:
    """Write what the client sent under `root` (never outside it)."""
    placed = []
    for relative, data in sorted(files.items()):
        target = root / relative
        if root.resolve() not in target.resolve().parents:
            raise EditionError(f"on the cluster: {relative} is not a path under {root}")
        placed.append(atomic_write(target, data))
    return placed


def run_unit(job: Job, setup: Setup, sent: tuple[dict, dict] = ({}, {}),
             snapshot: dict | None = None) -> Outcome | tuple[Outcome, dict[str, bytes]]:
    """A unit, in a Dask worker: the same code as in the build's own workers. `sent`: the
    unit's files of the source (when the worker has no source of its own) and of the
    output root (when it returns its outputs: then the result is the outcome and the
    unit's files, read back and removed from its scratch output root)."""
    sources, files = sent
    from distributed import rejoin, secede

    # One builder set, one unit at a time per process (a worker may have several threads).
    with _turns.unit(aside=(secede, rejoin)):
        worker = _worker_for(setup, snapshot)
        _lay_pieces_out_on_the_cluster(worker.builder(job.builder), job.builder,
                                       setup.options, setup.token)
        placed = _place(worker.corpus.tei_dir, sources)
        _place(worker.output_root, files)
        if setup.source is None and job.text:
            job = dataclasses.replace(job, text=str(worker.corpus.tei_dir / job.relative))
        try:
            outcome = worker.run(job)
        finally:
            for path in placed:  # the authority files stay; a text's own go
                path.unlink(missing_ok=True)
        if setup.output_root is not None:
            return outcome
        made: dict[str, bytes] = {}
        for relative in outcome.outputs:
            path = worker.output_root / relative
            if not outcome.error:
                made[relative] = path.read_bytes()
            path.unlink(missing_ok=True)
        return outcome, made
