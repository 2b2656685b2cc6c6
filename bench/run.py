"""Benchmark of `edition validate` and `edition build`, each figure beside its floor.

    python3 bench/run.py                      # everything: a few minutes on 2 cores
    python3 bench/run.py --runs 1 --sizes 10  # a quick look

On the real corpus (a copy of tei/): `edition validate`; a clean build per format with one
worker, beside its floor (HTML, EPUB: the same TEI parsed with lxml and put through a Saxon
identity transform; PDF: WeasyPrint setting the builder's final XHTML, nothing else); a
clean build of every format with the default workers; a no-op rebuild; a rebuild after one
text changed. Then synthetic corpora of 10, 100 and 1,000 texts (bench/synth.py) for
validate, HTML and EPUB: time, throughput and peak memory beside the floor.

Every figure is the median of --runs runs, each a fresh `python3 -m edition` process timed
from outside (wall time, interpreter start included) with its peak memory (the largest
resident size of the process or of any worker it waited for). "work" is the time the
build's units took (its --report), the floor's "work" its own time after start-up. Prints a
table and writes JSON (default bench/results.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "src"))

import synth  # noqa: E402

from edition.builders import REGISTRY  # noqa: E402
from edition.corpus import AUTHORITY_FILES  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
MB = 1024 * 1024
#: Texts larger than this are left out of the synthetic corpora (see --scaling-sources).
SCALING_LIMIT = 500 * 1024


@dataclass
class Run:
    wall: float
    peak_mb: float
    status: int
    stdout: str


def run(command: list[str], cwd: Path) -> Run:
    """Run a command; its wall time and the peak resident memory of it and its children."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        clock = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - clock
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        if process.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed:\n{err.read().decode()}")
    return Run(wall, usage.ru_maxrss / 1024, process.returncode, stdout)


def edition(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "edition", *arguments]


def median(values) -> float:
    values = list(values)
    return statistics.median(values) if values else 0.0


def tei_bytes(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.glob("*.xml"))


# -- measurements


def measure_validate(project: Path, runs: int) -> dict:
    results = [run(edition("validate", "-q", "tei"), project) for _ in range(runs)]
    return _summary(results, tei_bytes(project / "tei"))


def measure_build(project: Path, formats: list[str], runs: int, jobs: int) -> dict:
    """Clean builds: the output directory is removed before each run."""
    results, work, units = [], [], {}
    for _ in range(runs):
        shutil.rmtree(project / "output", ignore_errors=True)
        report = project / "report.json"
        command = edition("build", "-q", "--format", ",".join(formats), "--jobs", str(jobs),
                          "--report", str(report))
        results.append(run(command, project))
        data = json.loads(report.read_text())
        if not data["ok"]:
            raise SystemExit(f"the build of {project} failed: {report}")
        work.append(sum(u["seconds"] for u in data["units"]))
        for unit in data["units"]:
            units.setdefault(unit["id"], []).append(unit["seconds"])
    summary = _summary(results, tei_bytes(project / "tei"))
    summary["work"] = median(work)
    summary["units"] = {name: median(times) for name, times in units.items()}
    return summary


def measure_floor(kind: str, directory: Path, runs: int) -> dict:
    results, work, per_file = [], [], {}
    for _ in range(runs):
        result = run([sys.executable, str(BENCH / "floors.py"), kind, str(directory)], ROOT)
        results.append(result)
        data = json.loads(result.stdout)
        work.append(data["seconds"])
        for name, seconds in data["per_file"].items():
            per_file.setdefault(name, []).append(seconds)
    summary = _summary(results, 0)
    summary["work"] = median(work)
    summary["per_file"] = {name: median(times) for name, times in per_file.items()}
    return summary


def measure_noop(project: Path, runs: int) -> dict:
    run(edition("build", "-q"), project)  # up to date first (also settles the digests)
    results = []
    for _ in range(runs):
        report = project / "report.json"
        results.append(run(edition("build", "-q", "--report", str(report)), project))
        statuses = {u["status"] for u in json.loads(report.read_text())["units"]}
        if statuses != {"up to date"}:
            raise SystemExit(f"a no-op rebuild built something: {statuses}")
    return _summary(results, 0)


def measure_one_changed(project: Path, text_id: str, runs: int) -> dict:
    path = project / "tei" / f"{text_id}.xml"
    original = path.read_text(encoding="utf-8")
    results, built = [], set()
    body = original.index("<body>")  # a word of the text, as an editor's correction
    for number in range(runs):
        marker = f"<p>Benchmark edit {number}. "
        changed = original[:body] + original[body:].replace("<p>", marker, 1)
        path.write_text(changed, encoding="utf-8")
        report = project / "report.json"
        results.append(run(edition("build", "-q", "--report", str(report)), project))
        built = {u["id"] for u in json.loads(report.read_text())["units"]
                 if u["status"] == "built"}
    path.write_text(original, encoding="utf-8")
    summary = _summary(results, 0)
    summary["text"] = text_id
    summary["built"] = sorted(built)
    return summary


def _summary(results: list[Run], size: int) -> dict:
    wall = median(r.wall for r in results)
    return {
        "wall": wall,
        "walls": [round(r.wall, 3) for r in results],
        "peak_mb": max(r.peak_mb for r in results),
        "mb_per_s": size / MB / wall if size and wall else None,
        "tei_mb": size / MB,
    }


# -- the two parts


def real_corpus(corpus: Path, work: Path, formats: list[str], runs: int, jobs: int,
                change: str) -> dict:
    project = work / "real"
    shutil.copytree(corpus, project / "tei")
    result: dict = {"tei_mb": tei_bytes(project / "tei") / MB,
                    "texts": len(_texts(project / "tei"))}
    print(f"real corpus: {result['texts']} texts, {result['tei_mb']:.2f} MB", flush=True)
    result["validate"] = measure_validate(project, runs)
    tei_floor = measure_floor("tei", project / "tei", runs)
    for name in formats:
        print(f"  clean build {name} ×{runs}", flush=True)
        result[f"build {name}"] = measure_build(project, [name], runs, 1)
        if name == "pdf":
            cache = project / "output" / ".cache" / "pdf"
            result["floor pdf"] = measure_floor("weasyprint", cache, runs)
        else:
            result[f"floor {name}"] = tei_floor
    print("  clean build, all formats, default workers", flush=True)
    result["build all"] = measure_build(project, formats, max(1, runs // 2), jobs)
    result["no-op"] = measure_noop(project, max(runs, 5))
    result["one changed"] = measure_one_changed(project, change, runs)
    return result


def scaling(sources: list[Path], work: Path, sizes: list[int], formats: list[str],
            runs: int) -> list[dict]:
    rows = []
    for size in sizes:
        project = work / f"synthetic-{size}"
        written = synth.make_corpus(sources, size, project / "tei")
        print(f"synthetic corpus of {size} texts, {written / MB:.1f} MB", flush=True)
        row: dict = {"texts": size, "tei_mb": written / MB}
        row["validate"] = measure_validate(project, runs)
        row["floor"] = measure_floor("tei", project / "tei", runs)
        for name in formats:
            row[f"build {name}"] = measure_build(project, [name], runs, 1)
        rows.append(row)
        shutil.rmtree(project)
    return rows


def _texts(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.xml") if p.name not in AUTHORITY_FILES)


# -- the table


def table(results: dict) -> str:
    lines = ["| measure | median wall | work | floor wall / work | ratio wall / work "
             "| MB/s | peak MB |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]

    def add(label, entry, floor=None):
        if entry is None:
            return
        work = entry.get("work")
        cells = [label, f"{entry['wall']:.2f} s", f"{work:.2f} s" if work else ""]
        if floor:
            cells.append(f"{floor['wall']:.2f} s / {floor['work']:.2f} s")
            ratio_work = f"{work / floor['work']:.2f}×" if work and floor["work"] else "-"
            cells.append(f"{entry['wall'] / floor['wall']:.2f}× / {ratio_work}")
        else:
            cells += ["", ""]
        rate = entry.get("mb_per_s")
        cells += [f"{rate:.2f}" if rate else "", f"{entry['peak_mb']:.0f}"]
        lines.append("| " + " | ".join(cells) + " |")

    real = results.get("real")
    if real:
        add(f"validate, edition ({real['tei_mb']:.1f} MB)", real["validate"])
        for name in results["formats"]:
            add(f"clean build {name}, 1 worker", real.get(f"build {name}"),
                real.get(f"floor {name}"))
        add(f"clean build, all formats, {results['jobs']} workers", real["build all"])
        add("no-op rebuild, all formats", real["no-op"])
        changed = real["one changed"]
        add(f"rebuild after {changed['text']} changed", changed)
    for row in results.get("scaling", []):
        size = f"{row['texts']} texts ({row['tei_mb']:.0f} MB)"
        add(f"validate, {size}", row["validate"])
        for name in results["scaling_formats"]:
            add(f"build {name}, {size}", row[f"build {name}"], row["floor"])
    if real and "floor pdf" in real:
        lines += ["", "| PDF | build | WeasyPrint alone | ratio |", "| --- | ---: | ---: | ---: |"]
        units = real["build pdf"]["units"]
        for name, floor in sorted(real["floor pdf"]["per_file"].items()):
            stem = name.removesuffix(".xhtml")
            unit = units.get(f"pdf:{'*' if stem == 'edition' else stem}")
            if unit and floor:
                lines.append(f"| {stem} | {unit:.2f} s | {floor:.2f} s | {unit / floor:.2f}× |")
    if real:
        changed = real["one changed"]
        lines += ["", f"After {changed['text']} changed, built: {', '.join(changed['built'])}."]
    return "\n".join(lines) + "\n"


def machine() -> dict:
    info = {"python": platform.python_version(), "cores": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    info["load_before"] = os.getloadavg()
    return info


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--sizes", default="10,100,1000", help="synthetic corpus sizes")
    parser.add_argument("--formats", default=",".join(REGISTRY))
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--corpus", type=Path, default=ROOT / "tei")
    parser.add_argument("--change", help="the text to change (default: the smallest)")
    parser.add_argument("--scaling-sources", type=Path, nargs="*",
                        help="texts to copy (default: the corpus's texts under 500 KB)")
    parser.add_argument("--out", type=Path, default=BENCH / "results.json")
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    args = parser.parse_args(argv)

    formats = [f for f in args.formats.split(",") if f]
    texts = _texts(args.corpus)
    sources = args.scaling_sources or [p for p in texts if p.stat().st_size < SCALING_LIMIT]
    change = args.change or min(texts, key=lambda p: p.stat().st_size).stem
    results: dict = {"machine": machine(), "runs": args.runs, "jobs": args.jobs,
                     "formats": formats,
                     "scaling_formats": [f for f in formats if f != "pdf"],
                     "scaling_sources": [p.name for p in sources],
                     "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as scratch:
        work = Path(scratch)
        if not args.skip_real:
            results["real"] = real_corpus(args.corpus, work, formats, args.runs, args.jobs,
                                          change)
        if not args.skip_scaling:
            sizes = [int(s) for s in args.sizes.split(",") if s]
            results["scaling"] = scaling(sources, work, sizes, results["scaling_formats"],
                                         args.runs)
    results["machine"]["load_after"] = os.getloadavg()
    text = table(results)
    print()
    print(text, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
