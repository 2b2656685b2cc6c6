"""What `edition build` shows while it works, and the summary it closes with.

On a terminal: one line redrawn in place, a bar of the units to build, the time so far
and the texts being built now (`pdf challenge-1923-25 · epub north-1993`); a failure is
printed above it as it happens. Elsewhere (a log, CI): one plain line per unit built.
`verbose` adds the units found up to date and why each unit ran.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections.abc import Sequence
from typing import TextIO

from edition.build import BLOCKED, BUILT, FAILED, INVALID, UP_TO_DATE, BuildResult, Reporter
from edition.build import UnitResult as Result
from edition.plan import SURVEY, Unit


def duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes}m{seconds:02d}s"


class Lines(Reporter):
    """One line per unit built (or failed), for logs."""

    def __init__(self, stream: TextIO | None = None, verbose: bool = False):
        self.stream = stream or sys.stderr
        self.verbose = verbose
        self.total = 0
        self.count = 0
        self.clock = time.perf_counter()
        self._lock = threading.Lock()

    def begin(self, units: Sequence[Unit]) -> None:
        """Units about to be run (a build announces its phases one after the other)."""
        self.total += sum(1 for u in units if u.reason)
        if self.verbose:
            for unit in units:
                if not unit.reason:
                    self.write(f"up to date  {unit.format} {unit.label}")

    def finished(self, result: Result) -> None:
        self.count += 1
        if result.status != UP_TO_DATE or self.verbose:
            self.write(self.line(result))

    def line(self, result: Result) -> str:
        where = f"[{self.count}/{self.total}] "
        text = f"{where}{result.status} {result.format} {result.label}"
        if result.status == BUILT:
            text += f" ({duration(result.seconds)})"
            if self.verbose and result.reason:
                text += f": {result.reason}"
        elif result.error or result.reason:
            text += f": {result.error or result.reason}"
        if self.verbose and result.detail:
            text += "\n" + result.detail.rstrip()
        return text

    def write(self, text: str) -> None:
        with self._lock:
            print(text, file=self.stream, flush=True)


class Bar(Lines):
    """A progress bar redrawn in place on a terminal."""

    def __init__(self, stream: TextIO | None = None, verbose: bool = False):
        super().__init__(stream, verbose)
        self.running: dict[str, Unit] = {}
        utf8 = (getattr(self.stream, "encoding", "") or "").lower().replace("-", "") == "utf8"
        self.full, self.empty = ("█", "░") if utf8 else ("#", "-")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def begin(self, units: Sequence[Unit]) -> None:
        super().begin(units)
        if self.total and self._thread is None:
            self._thread = threading.Thread(target=self._redraw_every_second, daemon=True)
            self._thread.start()

    def started(self, unit: Unit) -> None:
        self.running[unit.id] = unit
        self.tick()

    def finished(self, result: Result) -> None:
        self.running.pop(result.id, None)
        self.count += 1
        if self.verbose or result.status in (FAILED, BLOCKED):
            self.write(self.line(result))
        self.tick()

    def write(self, text: str) -> None:
        with self._lock:
            self.stream.write("\r\x1b[K" + text + "\n")
            self.stream.flush()
        self.tick()

    def tick(self) -> None:
        if not self.total:
            return
        width = shutil.get_terminal_size((80, 20)).columns
        cells = 20
        filled = cells * self.count // self.total
        bar = self.full * filled + self.empty * (cells - filled)
        now = " · ".join(f"{u.format} {u.label}" for u in self.running.values())
        elapsed = duration(time.perf_counter() - self.clock)
        line = f"building {bar} {self.count}/{self.total}  {elapsed}  {now}"
        with self._lock:
            self.stream.write("\r\x1b[K" + line[: width - 1])
            self.stream.flush()

    def _redraw_every_second(self) -> None:
        while not self._stop.wait(1.0):
            self.tick()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def reporter_for(stream: TextIO, quiet: bool, verbose: bool) -> Reporter:
    if quiet:
        return Reporter()
    if stream.isatty():
        return Bar(stream, verbose)
    return Lines(stream, verbose)


def summary(result: BuildResult) -> str:
    """The closing lines: per format what was built, found up to date or failed, and the
    time its units took."""
    lines = []
    formats: dict[str, list] = {}
    for unit in result.units:
        formats.setdefault(unit.format, [])
        if unit.kind != SURVEY:  # surveys are counted in the time, not as outputs
            formats[unit.format].append(unit)
    width = max((len(name) for name in formats), default=0)
    for name, units in formats.items():
        counts = {s: sum(1 for u in units if u.status == s) for s in
                  (BUILT, UP_TO_DATE, FAILED, BLOCKED, INVALID)}
        parts = [f"{counts[BUILT]} built", f"{counts[UP_TO_DATE]} up to date"]
        parts += [f"{counts[s]} {s}" for s in (FAILED, BLOCKED, INVALID) if counts[s]]
        work = sum(u.seconds for u in result.units
                   if u.format == name and u.status in (BUILT, FAILED))
        timing = f" in {duration(work)}" if counts[BUILT] or counts[FAILED] else ""
        counted = [u.words for u in units if u.status == BUILT and u.words]
        if counted:
            # The words of the texts built now: in their TEI, and how many their outputs lack.
            lost = sum(w["lost"] for w in counted)
            timing += (f"; {sum(w['in'] for w in counted):,} words, "
                       + (f"{lost:,} lost (W001)" if lost else "none lost"))
        lines.append(f"{name + ':':<{width + 1}} {', '.join(parts)}{timing}")
    if result.removed:
        count = len(result.removed)
        lines.append(f"removed {count} file{'s' * (count != 1)} of texts or pages now gone")
    lines += result.notes
    workers = f" with {result.workers} workers" if result.workers > 1 else ""
    lines.append(f"done in {duration(result.seconds)}{workers}, output in {result.output_root}")
    return "\n".join(lines) + "\n"
