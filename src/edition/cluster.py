"""Running a build's units on a Dask distributed cluster (`edition build --cluster ADDRESS`).

The build stays where it is: the planner, the manifest (each completed unit recorded at
once: the journal a later build continues from), validation and the progress display run in
this process, the client. Only the units go to the cluster, as tasks running the same code
as the local workers (workers.Worker.run), with one prepared builder per format in each Dask
worker process, so each stylesheet is compiled once per process.

Storage: the workers read the TEI and write the outputs themselves, so they need the source
and output directories at the same paths as the client (a shared filesystem, as on an HPC
cluster, or all on one machine). This is checked before any unit runs: the client writes a
token under the output directory and a worker must read it back; if none can, the build
stops with exit status 2 and says so. Outputs are written as everywhere else, to a temporary
file renamed into place, so a worker killed mid-unit leaves no truncated file; Dask runs its
unit again on another worker (up to `distributed.scheduler.allowed-failures` times), and the
client records the unit once, when its result arrives.

Dask is an optional extra (`pip install edition[cluster]`): this module is imported only
with --cluster.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from edition.errors import EditionError, UsageError
from edition.plan import Unit
from edition.scheduler import TICK_SECONDS, Callbacks, Runner, _Queue
from edition.workers import Job, Outcome, Worker

#: How long to wait for a scheduler to answer (seconds).
CONNECT_TIMEOUT = 10
#: Units in flight per worker thread: enough that no worker waits for the client.
IN_FLIGHT_PER_THREAD = 2


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
                 specs: dict[str, str], address: str):
        # A unit laid out in pieces (pdf) runs its pieces in its own worker on a cluster:
        # a Dask worker process may not start processes of its own.
        # Absolute paths: a worker started elsewhere has another working directory.
        super().__init__(Path(tei_dir).resolve(), Path(output_root).resolve(),
                         {**options, "jobs": 1}, specs, jobs=1)
        self.address = address
        self.client = None
        self.cluster = None

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
        for thing in (self.client, self.cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:  # closing what is already gone
                    pass
        self.client = self.cluster = None

    def _check_storage(self) -> None:
        """Can the workers see our source and output directories? (See the docstring.)"""
        token = secrets.token_hex(8)
        probe = Path(self.output_root) / f".cluster-probe-{token}"
        probe.parent.mkdir(parents=True, exist_ok=True)
        probe.write_text(token, encoding="utf-8")
        try:
            seen = self.client.run(_reads, str(probe.resolve()), str(Path(self.tei_dir).resolve()),
                                   token)
        finally:
            probe.unlink(missing_ok=True)
        if not seen:
            raise UsageError(f"--cluster {self.address}: the cluster has no workers")
        blind = sorted(worker for worker, ok in seen.items() if not ok)
        if blind:
            raise UsageError(
                f"--cluster {self.address}: {len(blind)} of {len(seen)} workers cannot see "
                f"{Path(self.output_root).resolve()} and {Path(self.tei_dir).resolve()} "
                f"(first: {blind[0]}); the workers need the source and output directories "
                "at the same paths (a shared filesystem)")

    # -- running

    def _job(self, unit: Unit, queue: _Queue) -> Job:
        job = super()._job(unit, queue)
        return Job(job.unit_id, job.kind, job.builder,
                   str(Path(job.text).resolve()) if job.text else None,
                   tuple(str(Path(t).resolve()) for t in job.texts))

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

    def _run_on_cluster(self, queue: _Queue, calls: Callbacks) -> None:
        from distributed import CancelledError

        setup = (str(self.tei_dir), str(self.output_root), self.options)
        in_flight: dict[Any, Unit] = {}
        slots = self.jobs * IN_FLIGHT_PER_THREAD
        while True:
            while len(in_flight) < slots and (unit := queue.next()) is not None:
                calls.started(unit)
                future = self.client.submit(run_unit, self._job(unit, queue), setup,
                                            pure=False, key=f"edition-{unit.id}-"
                                            f"{secrets.token_hex(4)}")
                in_flight[future] = unit
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
                    outcome = future.result()
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
_lock = threading.Lock()


def _reads(probe: str, tei_dir: str, token: str) -> bool:
    try:
        return Path(probe).read_text(encoding="utf-8") == token and Path(tei_dir).is_dir()
    except OSError:
        return False


def run_unit(job: Job, setup: tuple) -> Outcome:
    """A unit, in a Dask worker: the same code as in the build's own workers."""
    import json

    tei_dir, output_root, options = setup
    key = (tei_dir, output_root, json.dumps(options, sort_keys=True, default=str))
    with _lock:  # a worker with several threads: one builder set, one unit at a time
        worker = _workers.get(key)
        if worker is None:
            worker = _workers[key] = Worker(Path(tei_dir), Path(output_root), options)
        return worker.run(job)
