"""Running a build's units: in this process, or spread over worker processes.

Units run longest first (an earlier build's time for the unit, else the size of its TEI
times the format's cost), each as soon as the units it needs are done: a format's
edition-wide unit waits for all that format's texts, and is then decided (`refresh`): if
what it reads of them did not change, it is up to date after all. Worker processes, not
threads: WeasyPrint and Saxon each hold the interpreter while they work. Processes are
started with "spawn", so none inherits a Saxon or WeasyPrint state from this process, and
live as long as the Runner (a build's phases share them).

A unit that fails is reported and the others go on; the units that needed it are blocked.
Ctrl-C stops the workers at once; what was completed is already recorded by the caller.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from edition.plan import Unit
from edition.workers import Job, Outcome, Worker, run_in_process, start_process

#: How often the caller's `tick` runs while units are in flight (progress display).
TICK_SECONDS = 0.25
#: With one job, up to this many units run in the build's own process (no start-up cost);
#: more go to a worker process, whose Saxon has not just validated the whole corpus (a
#: large heap slows its later work by a quarter).
IN_PROCESS_UNITS = 12


@dataclass
class Callbacks:
    started: Callable[[Unit], None]
    done: Callable[[Unit, Outcome], None]
    blocked: Callable[[Unit, str], None]
    #: Decide a unit whose prerequisites are done (its reason may become "").
    refresh: Callable[[Unit], None] = lambda unit: None
    #: A unit found up to date when decided.
    up_to_date: Callable[[Unit], None] = lambda unit: None
    tick: Callable[[], None] = lambda: None


class Runner:
    def __init__(self, tei_dir: Path, output_root: Path, options: dict[str, Any],
                 specs: dict[str, str], jobs: int):
        self.tei_dir = tei_dir
        self.output_root = output_root
        self.options = options
        self.specs = specs  # format -> "module:Class"
        self.jobs = max(1, jobs)
        self.workers_used = 0
        self._pool: ProcessPoolExecutor | None = None
        self._here: Worker | None = None

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, kind, *_) -> None:
        if self._pool is not None:
            if kind is None:
                self._pool.shutdown(wait=True)
            else:
                _stop(self._pool)
            self._pool = None

    def run(self, units: Sequence[Unit], calls: Callbacks) -> None:
        """Run the units that must run (unit.reason set); the others count as done."""
        queue = _Queue(units, calls)
        to_run = sum(1 for u in units if u.reason)
        workers = min(self.jobs, to_run)
        if workers <= 1 and self._pool is None and to_run <= IN_PROCESS_UNITS:
            self.workers_used = max(self.workers_used, min(1, to_run))
            self._run_here(queue, calls)
        elif to_run:
            self._run_in_pool(queue, calls)
        for unit in queue.drain():  # waiting for something that will not come
            calls.blocked(unit, "what it needs was not built")

    def _job(self, unit: Unit, queue: _Queue) -> Job:
        spec = self.specs[unit.format]
        if unit.text is not None:
            text = unit.text
            return Job(unit.id, unit.kind, spec, str(text.path), name=text.name,
                       relative=text.relative, foreign=text.foreign)
        texts = tuple(str(u.text.path) for u in queue.by_id_list(unit.after) if u.text)
        return Job(unit.id, unit.kind, spec, None, texts)

    def _run_here(self, queue: _Queue, calls: Callbacks) -> None:
        if self._here is None:
            self._here = Worker(self.tei_dir, self.output_root, self.options)
        while (unit := queue.next()) is not None:
            calls.started(unit)
            outcome = self._here.run(self._job(unit, queue))
            queue.finished(unit, ok=not outcome.error)
            calls.done(unit, outcome)

    def _run_in_pool(self, queue: _Queue, calls: Callbacks) -> None:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.jobs,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=start_process,
                initargs=(self.tei_dir, self.output_root, self.options),
            )
        self.workers_used = max(self.workers_used, self.jobs)
        pool = self._pool
        in_flight: dict[Future, Unit] = {}
        while True:
            while len(in_flight) < self.jobs and (unit := queue.next()) is not None:
                calls.started(unit)
                in_flight[pool.submit(run_in_process, self._job(unit, queue))] = unit
            if not in_flight:
                break
            finished, _ = wait(in_flight, timeout=TICK_SECONDS, return_when=FIRST_COMPLETED)
            calls.tick()
            broken = False
            for future in finished:
                unit = in_flight.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    outcome, broken = Outcome(unit.id, error="its worker process died"), True
                queue.finished(unit, ok=not outcome.error)
                calls.done(unit, outcome)
            if broken:
                for unit in in_flight.values():
                    queue.finished(unit, ok=False)
                    calls.done(unit, Outcome(unit.id, error="a worker process died"))
                for unit in queue.drain():
                    calls.blocked(unit, "a worker process died")
                self._pool = None
                break


class _Queue:
    """The units still to run, in the order they may start: longest first among those whose
    prerequisites are done."""

    def __init__(self, units: Sequence[Unit], calls: Callbacks):
        self.units = {u.id: u for u in units}
        self.waiting = [u for u in units if u.reason]
        self.done = {u.id for u in units if not u.reason}
        self.failed: set[str] = set()
        self.calls = calls

    def by_id_list(self, ids: Sequence[str]) -> list[Unit]:
        return [self.units[i] for i in ids if i in self.units]

    def next(self) -> Unit | None:
        while True:
            for unit in list(self.waiting):
                failed = [a for a in unit.after if a in self.failed]
                if failed:
                    self.waiting.remove(unit)
                    self.failed.add(unit.id)
                    self.calls.blocked(unit, f"{self.units[failed[0]].label} failed")
            ready = [u for u in self.waiting if all(a in self.done for a in u.after)]
            if not ready:
                return None
            unit = max(ready, key=lambda u: u.cost)  # max keeps the first of equals: stable
            self.waiting.remove(unit)
            if unit.after:
                self.calls.refresh(unit)
                if not unit.reason:
                    self.done.add(unit.id)
                    self.calls.up_to_date(unit)
                    continue
            return unit

    def finished(self, unit: Unit, ok: bool) -> None:
        (self.done if ok else self.failed).add(unit.id)

    def drain(self) -> list[Unit]:
        rest, self.waiting = self.waiting, []
        return rest


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop at once: cancel what has not started and end the workers."""
    pool.shutdown(wait=False, cancel_futures=True)
    # ProcessPoolExecutor has no public way to end running work before Python 3.14.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + 5
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
