"""Benchmark of `edition build --cluster local:2` (Dask) against `--jobs 2` (the build's
own worker processes), and a projection of a 100,000-text build on a larger cluster.

    python3 bench/cluster.py                  # 1,000 texts, 3 runs: about 30 minutes
    python3 bench/cluster.py --texts 200 --runs 1
    python3 bench/cluster.py --storage-only --texts 500   # what shared storage saves

Measured in one run, on copies of the four short texts (bench/synth.py): a clean build of
HTML and EPUB with each runner; a no-op build with each (what starting the runner costs:
for Dask, a LocalCluster of two worker processes); the book's PDF with each. The Dask
overhead per unit is (wall on Dask − its start) − (wall with --jobs − its start), divided
by the units run. The projection takes the measured median time of a text's units and of
the edition-wide units (which grow with the corpus: they are scaled by 100 from 1,000
texts), and the client's share per unit (planning, recording in the manifest: it is serial),
and assumes a scheduler and storage that keep up. Prints a table and writes JSON (default
bench/cluster.json).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import synth  # noqa: E402
from run import ROOT, edition, machine, median, run  # noqa: E402

BOOK = "challenge-1923-25"
SHORT = ("trotsky-1923-10-08.xml", "north-1993.xml", "cliff-new-course.xml", "ivp-2017.xml")
PROJECTED = 100_000


def synthetic_project(scratch: Path, texts: int) -> Path:
    """A project of `texts` copies of the short texts (bench/synth.py)."""
    project = scratch / "synthetic"
    (project / "tei").mkdir(parents=True)
    synth.make_corpus([ROOT / "tei" / n for n in SHORT], texts, project / "tei")
    return project


def timed(project: Path, runs: int, clean: bool, *arguments: str) -> dict:
    walls, peaks, reports, cpus = [], [], [], []
    for _ in range(runs):
        if clean:
            shutil.rmtree(project / "output", ignore_errors=True)
        report = project / "report.json"
        result, cpu = run_with_cpu(edition("build", "-q", "--report", str(report),
                                           *arguments), project)
        if result.status:
            raise SystemExit(f"edition build {' '.join(arguments)} failed in {project}")
        walls.append(result.wall)
        peaks.append(result.peak_mb)
        cpus.append(cpu)
        reports.append(json.loads(report.read_text()))
    built = [u for u in reports[-1]["units"] if u["status"] == "built"]
    return {"wall": median(walls), "peak_mb": median(peaks), "units": len(built),
            "work": median(sum(u["seconds"] for u in r["units"]) for r in reports),
            "per_unit": {kind: median(u["seconds"] for u in built if u.get("kind") == kind)
                         for kind in {u.get("kind") for u in built}},
            "edition_units": sum(u["seconds"] for u in built if u.get("kind") == "edition"),
            "cpu": median(cpus), "walls": walls}


def run_with_cpu(command: list[str], cwd: Path):
    """run()'s figures, and the CPU seconds of the command and the children it waited for
    (on a cluster of other processes: the client's own)."""
    before = os.times()
    result = run(command, cwd)
    after = os.times()
    return result, (after.children_user - before.children_user
                    + after.children_system - before.children_system)


class Scheduler:
    """`dask scheduler` and `dask worker --nworkers N` on 127.0.0.1, not children of the
    build: the build's CPU time is then the client's alone."""

    def __init__(self, workers: int):
        import socket
        import subprocess

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.address = f"tcp://127.0.0.1:{port}"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.processes = [
            subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler",
                              "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                             **quiet),
            subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker",
                              self.address, "--nworkers", str(workers), "--nthreads", "1",
                              "--no-dashboard"], **quiet)]
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)

    def close(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            process.wait(30)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=BENCH / "cluster.json")
    parser.add_argument("--no-pdf", action="store_true", help="leave out the book's PDF")
    parser.add_argument("--storage-only", action="store_true",
                        help="only the scheduler-and-workers rows, outputs shared and returned")
    parser.add_argument("--pdf-only", action="store_true",
                        help="only the book's PDF, --jobs 2 against --cluster local:2")
    args = parser.parse_args(argv)
    if args.storage_only:
        return storage(args)
    if args.pdf_only:
        return book_pdf_only(args)
    results: dict = {"machine": machine(), "load_before": os.getloadavg(), "texts": args.texts}
    rows: dict = {}
    with tempfile.TemporaryDirectory() as scratch:
        project = synthetic_project(Path(scratch), args.texts)
        shutil.copy(ROOT / "pdf.toml", project / "pdf.toml")
        local = ("--format", "html,epub", "--jobs", "2")
        dask = ("--format", "html,epub", "--cluster", "local:2")
        rows["html+epub, --jobs 2"] = timed(project, args.runs, True, *local)
        rows["no-op, --jobs 2"] = timed(project, args.runs, False, *local)
        rows["html+epub, --cluster local:2"] = timed(project, args.runs, True, *dask)
        rows["no-op, --cluster local:2"] = timed(project, args.runs, False, *dask)
        validate = [run(edition("validate", "-q", "tei"), project).wall
                    for _ in range(args.runs)]
        rows["validate"] = {"wall": median(validate), "work": 0.0, "units": 0,
                            "peak_mb": 0.0, "walls": validate}
        scheduler = Scheduler(2)
        try:
            rows["html+epub, scheduler + 2 workers"] = timed(
                project, args.runs, True, "--format", "html,epub", "--cluster",
                scheduler.address)
        finally:
            scheduler.close()
        if not args.no_pdf:
            rows.update(book_pdf_rows(Path(scratch), args.runs))
    results["load_after"] = os.getloadavg()
    local_row, dask_row = rows["html+epub, --jobs 2"], rows["html+epub, --cluster local:2"]
    start_local = rows["no-op, --jobs 2"]["wall"]
    start_dask = rows["no-op, --cluster local:2"]["wall"]
    units = max(1, dask_row["units"])
    overhead = ((dask_row["wall"] - start_dask) - (local_row["wall"] - start_local)) / units
    # The client's own CPU time per unit, validation apart (it runs before the units):
    # the serial part, which more workers do not shorten.
    remote = rows["html+epub, scheduler + 2 workers"]
    validate_wall = rows["validate"]["wall"]
    serial = max(0.0, remote["cpu"] - validate_wall) / max(1, remote["units"])
    text_unit = dask_row["per_unit"].get("text", 0.0)
    per_text = text_unit * 2  # one HTML and one EPUB unit per text
    scale = PROJECTED / args.texts
    edition_wide = dask_row["edition_units"] * scale
    projection = {}
    for workers in (8, 32, 128):
        # The client plans and records while the workers work: the slower of the two.
        units_time = max(PROJECTED * per_text / workers, PROJECTED * 2 * serial)
        projection[workers] = start_dask + validate_wall * scale + units_time + edition_wide
    results.update(rows=rows, overhead_ms_per_unit=overhead * 1000,
                   client_serial_ms_per_unit=serial * 1000, projection_seconds=projection)
    print(f"{args.texts} synthetic texts, {args.runs} runs (medians)")
    print(f"{'':<34} {'wall s':>8} {'work s':>8} {'units':>6} {'peak MB':>8}")
    for name, row in rows.items():
        print(f"{name:<34} {row['wall']:8.1f} {row['work']:8.1f} {row['units']:6d} "
              f"{row['peak_mb']:8.0f}")
    print(f"Dask overhead per unit: {overhead * 1000:.1f} ms; the client's own CPU "
          f"{serial * 1000:.1f} ms per unit (validation apart); a text's unit "
          f"{text_unit * 1000:.0f} ms (median)")
    for workers, seconds in projection.items():
        print(f"projected {PROJECTED:,} texts (HTML and EPUB) on {workers} workers: "
              f"{seconds / 3600:.1f} h")
    print(f"load average before {results['load_before'][0]:.2f}, after "
          f"{results['load_after'][0]:.2f}; spread of walls: "
          + ", ".join(f"{statistics.pstdev(r['walls']):.1f}" for r in rows.values()))
    args.json.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")


def book_pdf_rows(scratch: Path, runs: int) -> dict:
    """The book's PDF (its pieces in parallel) with the build's own workers and on a
    LocalCluster, alternated."""
    book = scratch / "book"
    shutil.copytree(ROOT / "tei", book / "tei")
    shutil.copy(ROOT / "pdf.toml", book / "pdf.toml")
    target = f"tei/{BOOK}.xml"
    ways = {"book pdf, --jobs 2": ("--jobs", "2"),
            "book pdf, --cluster local:2": ("--cluster", "local:2")}
    measured: dict = {name: [] for name in ways}
    for _ in range(runs):
        for name, options in ways.items():
            measured[name].append(timed(book, 1, True, "--format", "pdf", *options, target))
    rows = {}
    for name, found in measured.items():
        walls = [row["wall"] for row in found]
        middle = sorted(found, key=lambda row: row["wall"])[len(found) // 2]
        rows[name] = {**middle, "wall": median(walls), "walls": walls}
    return rows


def book_pdf_only(args) -> None:
    results: dict = {"machine": machine(), "load_before": os.getloadavg()}
    with tempfile.TemporaryDirectory() as scratch:
        rows = book_pdf_rows(Path(scratch), args.runs)
    results["load_after"] = os.getloadavg()
    base = rows["book pdf, --jobs 2"]["wall"]
    for row in rows.values():
        row["vs_jobs"] = row["wall"] / base
    results["rows"] = rows
    print(f"the book's PDF, {args.runs} runs alternated (medians)")
    for name, row in rows.items():
        print(f"{name:<30} {row['wall']:7.1f} s {row['vs_jobs']:5.2f}x  "
              f"{row['peak_mb']:6.0f} MB  walls " + ", ".join(f"{w:.1f}" for w in row["walls"]))
    print(f"load average before {results['load_before'][0]:.2f}, after "
          f"{results['load_after'][0]:.2f}")
    target = args.json if args.json != BENCH / "cluster.json" else BENCH / "cluster-pdf.json"
    target.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")


#: --storage-only: what the workers share with the client, as `edition build` options.
STORAGE = {
    "shared": ("--cluster-outputs", "shared", "--cluster-source", "shared"),
    "returned": ("--cluster-outputs", "returned", "--cluster-source", "shared"),
    "nothing shared": ("--cluster-outputs", "returned", "--cluster-source", "sent"),
}


def storage(args) -> None:
    """What shared storage saves: the same clean build on a scheduler and two workers
    started apart, the workers reading the source and writing the outputs themselves
    (shared), sending the outputs back for the client to write (returned), and also sent
    the TEI each unit reads (nothing shared), in alternation."""
    results: dict = {"machine": machine(), "load_before": os.getloadavg(), "texts": args.texts}
    rows: dict = {}
    with tempfile.TemporaryDirectory() as scratch:
        project = synthetic_project(Path(scratch), args.texts)
        scheduler = Scheduler(2)
        try:
            for _ in range(args.runs):  # alternated, so that the load falls on both
                for mode, options in STORAGE.items():
                    row = timed(project, 1, True, "--format", "html,epub", "--cluster",
                                scheduler.address, *options)
                    rows.setdefault(mode, []).append(row)
        finally:
            scheduler.close()
        size = sum(p.stat().st_size for p in (project / "output").rglob("*") if p.is_file())
    results["load_after"] = os.getloadavg()
    summary = {mode: {"wall": median(r["wall"] for r in runs),
                      "client_cpu": median(r["cpu"] for r in runs),
                      "peak_mb": median(r["peak_mb"] for r in runs),
                      "units": runs[-1]["units"], "walls": [r["wall"] for r in runs]}
               for mode, runs in rows.items()}
    ratios = {mode: summary[mode]["wall"] / summary["shared"]["wall"] for mode in summary}
    results.update(rows=summary, output_mb=size / 1e6, over_shared=ratios)
    print(f"{args.texts} synthetic texts, html+epub on a scheduler and 2 workers, "
          f"{args.runs} runs (medians); {size / 1e6:.0f} MB of outputs")
    print(f"{'storage':<15} {'wall s':>8} {'/ shared':>9} {'client CPU s':>13} {'peak MB':>8}")
    for mode, row in summary.items():
        print(f"{mode:<15} {row['wall']:8.1f} {ratios[mode]:8.2f}x {row['client_cpu']:13.1f} "
              f"{row['peak_mb']:8.0f}")
    print(f"load average before {results['load_before'][0]:.2f}, after "
          f"{results['load_after'][0]:.2f}")
    args.json.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
