"""Benchmark of building another project's TEI at scale: `edition build --source ARCHIVE`.

    python3 bench/foreign.py                          # 100 and 1,000 files, 3 runs each
    python3 bench/foreign.py --sizes 20 --runs 1      # a quick look

For each size, a synthetic archive of that many TEI files of many kinds (drama, novels,
letters, manuscripts, genetic transcriptions, apparatus, tables, figures, glyphs,
teiCorpus files: bench/foreign_corpus.py) is written to a temporary directory; then, in
fresh `python3 -m edition` processes timed from outside as bench/run.py times them:

- a clean build of HTML and EPUB (`--jobs 2`, the output directory removed before each run);
- a no-op rebuild of the same;
- a clean PDF build of --pdf-texts of the files, given as PATH arguments (one of each kind
  first, the one of middle size, then the next ones of each kind).

Every figure is the median of --runs runs: wall time (interpreter start included), work (the
seconds of the build's units, from its --report), peak memory (the largest resident size of
the command or of a worker), MB/s (the TEI's bytes over the wall time), and the words of the
texts in their TEI, in each output and lost (from the report, per text and format). The load
average is taken before and after each size. Prints a table and writes JSON (default
bench/foreign.json). Exits with status 1 if a word was lost or a file failed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import foreign_corpus  # noqa: E402
from run import MB, edition, machine, median, run  # noqa: E402

FORMATS = "html,epub"
FAILED = ("failed", "blocked")


# -- one build and its report


def build(archive: Path, out: Path, report: Path, formats: str, jobs: int, cwd: Path,
          paths: list[Path] = ()) -> dict:
    """Run one build; what its report says of it, beside its wall time and memory."""
    command = edition("build", "-q", "--source", str(archive), "--out", str(out),
                      "--format", formats, "--jobs", str(jobs), "--report", str(report),
                      *(str(p) for p in paths))
    report.unlink(missing_ok=True)
    result = run(command, cwd)
    if not report.is_file():
        raise SystemExit(f"{' '.join(command)} wrote no report (status {result.status})")
    data = json.loads(report.read_text())
    units = data["units"]
    words: dict[str, dict] = {}
    losses, failures = [], []
    for unit in units:
        if unit["status"] in FAILED:
            failures.append({"unit": unit["id"], "status": unit["status"],
                             "error": (unit.get("error") or unit.get("reason", ""))[:300]})
        counted = unit.get("words")
        if not counted:
            continue
        entry = words.setdefault(unit["format"], {"texts": 0, "in": 0, "out": 0, "lost": 0,
                                                  "texts_losing": 0})
        entry["texts"] += 1
        for key in ("in", "out", "lost"):
            entry[key] += counted[key]
        if counted["lost"]:
            entry["texts_losing"] += 1
            losses.append({"unit": unit["id"], "in": counted["in"], "out": counted["out"],
                           "lost": counted["lost"], "examples": counted.get("examples", [])})
    for path in data["invalid"]:
        failures.append({"file": path, "status": "invalid"})
    codes = Counter(m.split("|", 1)[0] for m in data["messages"])
    codes.update(m["code"] for m in data["validation"]["messages"])
    return {"wall": result.wall, "peak_mb": result.peak_mb, "status": result.status,
            "ok": data["ok"], "work": sum(u["seconds"] for u in units),
            "statuses": dict(Counter(u["status"] for u in units)), "words": words,
            "losses": losses, "failures": failures, "codes": dict(sorted(codes.items()))}


def summary(builds: list[dict], size: int | None) -> dict:
    """The median of the runs; words and losses from the last (they do not vary: the output
    is the same bytes every run); the failures of every run, each once."""
    wall = median(b["wall"] for b in builds)
    last = builds[-1]
    failures = {json.dumps(f, sort_keys=True): f for b in builds for f in b["failures"]}
    return {
        "wall": wall,
        "walls": [round(b["wall"], 3) for b in builds],
        "work": median(b["work"] for b in builds),
        "peak_mb": max(b["peak_mb"] for b in builds),
        "mb_per_s": size / MB / wall if size and wall else None,
        "tei_mb": size / MB if size else None,
        "status": max(b["status"] for b in builds),
        "ok": all(b["ok"] for b in builds),
        "statuses": last["statuses"],
        "words": last["words"],
        "losses": last["losses"],
        "failures": list(failures.values()),
        "codes": last["codes"],
    }


# -- which files go to the PDF


def pdf_subset(archive: Path, count: int) -> list[Path]:
    """One file of each kind (the one of middle size), then the next of each kind, and so
    on, until `count` files: the PDF sees every feature before it sees many of one."""
    by_kind: dict[str, list[Path]] = {}
    for path in foreign_corpus.tei_files(archive):
        by_kind.setdefault(foreign_corpus.kind_of_path(path, archive), []).append(path)
    queues = []
    for kind in sorted(by_kind):
        files = sorted(by_kind[kind], key=lambda p: (p.stat().st_size, p.as_posix()))
        middle = len(files) // 2
        # middle first, then outwards: middle+1, middle-1, …
        order = sorted(range(len(files)), key=lambda i: (abs(i - middle), i < middle))
        queues.append([files[i] for i in order])
    chosen: list[Path] = []
    while len(chosen) < count and any(queues):
        for queue in queues:
            if queue and len(chosen) < count:
                chosen.append(queue.pop(0))
    return sorted(chosen)


# -- one size


def measure(size: int, runs: int, jobs: int, pdf_texts: int, seed: int, work: Path) -> dict:
    row: dict = {"files": size, "load_before": os.getloadavg()}
    archive, out = work / f"archive-{size}", work / f"out-{size}"
    clock = time.perf_counter()
    written = foreign_corpus.make_archive(archive, size, seed)
    files = foreign_corpus.tei_files(archive)
    tei_size = sum(p.stat().st_size for p in files)
    row.update(generate_seconds=time.perf_counter() - clock, bytes_written=written,
               tei_mb=tei_size / MB,
               kinds=dict(sorted(Counter(foreign_corpus.kind_of_path(p, archive)
                                         for p in files).items())))
    print(f"{size} files, {tei_size / MB:.1f} MB of TEI "
          f"(generated in {row['generate_seconds']:.1f} s)", flush=True)
    report = work / "report.json"

    print(f"  clean build {FORMATS} ×{runs}", flush=True)
    builds = []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        builds.append(build(archive, out, report, FORMATS, jobs, work))
    row["clean"] = summary(builds, tei_size)

    print(f"  no-op rebuild ×{runs}", flush=True)
    build(archive, out, report, FORMATS, jobs, work)  # settles the digests, as run.py does
    builds = [build(archive, out, report, FORMATS, jobs, work) for _ in range(runs)]
    row["noop"] = summary(builds, None)
    row["noop"]["not_up_to_date"] = sum(n for s, n in row["noop"]["statuses"].items()
                                        if s != "up to date")

    subset = pdf_subset(archive, pdf_texts)
    if subset:
        pdf_size = sum(p.stat().st_size for p in subset)
        print(f"  clean build pdf of {len(subset)} files ({pdf_size / MB:.2f} MB) ×{runs}",
              flush=True)
        builds = []
        for _ in range(runs):
            shutil.rmtree(work / "out-pdf", ignore_errors=True)
            builds.append(build(archive, work / "out-pdf", report, "pdf", jobs, work, subset))
        row["pdf"] = summary(builds, pdf_size)
        row["pdf"]["texts"] = [p.relative_to(archive).as_posix() for p in subset]
    row["load_after"] = os.getloadavg()
    shutil.rmtree(archive)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(work / "out-pdf", ignore_errors=True)
    return row


# -- the table


def table(results: dict) -> str:
    lines = ["| measure | median wall | work | peak MB | MB/s | words in | words out "
             "| words lost | failed |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: "
             "| ---: | ---: |"]
    for row in results["sizes"]:
        label = f"{row['files']} files ({row['tei_mb']:.1f} MB)"
        entries = [(f"clean build {FORMATS}, {label}", row["clean"]),
                   (f"no-op rebuild, {label}", row["noop"])]
        if "pdf" in row:
            entries.append((f"pdf of {len(row['pdf']['texts'])} files "
                            f"({row['pdf']['tei_mb']:.2f} MB), {row['files']} files",
                            row["pdf"]))
        for name, entry in entries:
            words = entry["words"].values()
            rate = entry["mb_per_s"]
            cells = [name, f"{entry['wall']:.2f} s",
                     f"{entry['work']:.2f} s" if entry["work"] else "",
                     f"{entry['peak_mb']:.0f}", f"{rate:.2f}" if rate else ""]
            if words:
                cells += [_slash(entry, "in"), _slash(entry, "out"), _slash(entry, "lost")]
            else:
                cells += ["", "", ""]
            cells.append(str(len(entry["failures"])))
            lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for row in results["sizes"]:
        kinds = ", ".join(f"{k} {n}" for k, n in row["kinds"].items())
        load = "/".join(f"{x:.1f}" for x in row["load_before"]), \
            "/".join(f"{x:.1f}" for x in row["load_after"])
        lines.append(f"{row['files']} files: {kinds}; load {load[0]} before, {load[1]} after.")
        for name in ("clean", "pdf"):
            entry = row.get(name)
            if not entry:
                continue
            if entry["codes"]:
                codes = ", ".join(f"{c} ×{n}" for c, n in entry["codes"].items())
                lines.append(f"  {name}: messages {codes}")
            for loss in entry["losses"]:
                lines.append(f"  {name}: {loss['unit']} lost {loss['lost']} of {loss['in']} "
                             f"words (among them: {', '.join(loss['examples'][:5])})")
            for failure in entry["failures"]:
                lines.append(f"  {name}: {failure.get('unit') or failure.get('file')} "
                             f"{failure['status']}: {failure.get('error', '')[:120]}")
    return "\n".join(lines) + "\n"


def _slash(entry: dict, key: str) -> str:
    """Per format: `html 1,234 / epub 1,230`."""
    return " / ".join(f"{name} {counted[key]:,}" for name, counted in entry["words"].items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="archive sizes (files)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--pdf-texts", type=int, default=10,
                        help="files whose PDF is built (0: none)")
    parser.add_argument("--seed", type=int, default=1923)
    parser.add_argument("--out", type=Path, default=BENCH / "foreign.json")
    args = parser.parse_args(argv)

    results: dict = {"machine": machine(), "runs": args.runs, "jobs": args.jobs,
                     "seed": args.seed, "formats": FORMATS,
                     "started": time.strftime("%Y-%m-%d %H:%M:%S"), "sizes": []}
    with tempfile.TemporaryDirectory(prefix="edition-foreign-") as scratch:
        for size in (int(s) for s in args.sizes.split(",") if s):
            results["sizes"].append(measure(size, args.runs, args.jobs, args.pdf_texts,
                                            args.seed, Path(scratch)))
    results["machine"]["load_after"] = os.getloadavg()
    lost = sum(counted["lost"] for row in results["sizes"]
               for name in ("clean", "pdf") if name in row
               for counted in row[name]["words"].values())
    failed = sum(len(row[name]["failures"]) or bool(row[name]["status"])
                 for row in results["sizes"] for name in ("clean", "noop", "pdf") if name in row)
    stale = sum(row["noop"]["not_up_to_date"] for row in results["sizes"])
    results.update(words_lost=lost, failures=failed, noop_rebuilt=stale)
    text = table(results)
    print()
    print(text, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print(f"\nwritten to {args.out}")
    if lost or failed or stale:
        print(f"FAILED: {lost} words lost, {failed} failures, {stale} units rebuilt by a "
              "no-op build", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
