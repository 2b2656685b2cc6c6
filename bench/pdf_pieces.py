"""Benchmark of the book's PDF set in pieces (builders/pdf_pieces.py), beside its floor.

    python3 bench/pdf_pieces.py                 # 3 runs of each: about 15 minutes on 2 cores
    python3 bench/pdf_pieces.py --runs 1        # a quick look

In one run, on a copy of tei/: the floor (WeasyPrint setting the book's print XHTML in one
piece, nothing else: bench/floors.py weasyprint); the book's PDF built with
`--pdf-pieces 1` (one piece) and by size (pieces), with 1 and 2 jobs; a clean build of every
format, one piece and pieces, with 2 jobs. Each figure is the median wall time of --runs
fresh processes and the peak memory of the largest process (the build's or a worker's).
Ratios are against the floor and against the one-piece build of the same run. Prints a table,
writes JSON (default bench/pdf_pieces.json), and checks that the pieces' PDF has the same
text on every page as the one-piece PDF.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from run import ROOT, edition, machine, measure_floor, median, run  # noqa: E402

BOOK = "challenge-1923-25"


def build(project: Path, runs: int, pieces: int, jobs: int, formats: str, paths=()) -> dict:
    walls, peaks = [], []
    for _ in range(runs):
        shutil.rmtree(project / "output", ignore_errors=True)
        result = run(edition("build", "-q", "--format", formats, "--jobs", str(jobs),
                             "--pdf-pieces", str(pieces), *paths), project)
        if result.status:
            raise SystemExit(f"the build failed in {project}")
        walls.append(result.wall)
        peaks.append(result.peak_mb)
    return {"wall": median(walls), "peak_mb": median(peaks), "runs": runs}


def page_texts(pdf: Path) -> list[str]:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout.split("\f")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=BENCH / "pdf_pieces.json")
    parser.add_argument("--no-clean-build", action="store_true",
                        help="leave out the clean builds of every format")
    args = parser.parse_args(argv)
    results: dict = {"machine": machine(), "load_before": os.getloadavg()}
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch) / "project"
        project.mkdir()
        for name in ("tei", "xslt", "schema"):
            shutil.copytree(ROOT / name, project / name)
        shutil.copy(ROOT / "pdf.toml", project / "pdf.toml")
        book = [f"tei/{BOOK}.xml"]
        rows = {}
        rows["one piece, 1 job"] = build(project, args.runs, 1, 1, "pdf", book)
        one_pdf = project / "output" / "pdf" / f"{BOOK}.pdf"
        one_text = page_texts(one_pdf)
        floor_dir = Path(scratch) / "floor"
        floor_dir.mkdir()
        shutil.copy(project / "output" / ".cache" / "pdf" / f"{BOOK}.xhtml", floor_dir)
        floor = measure_floor("weasyprint", floor_dir, args.runs)
        rows["floor: WeasyPrint, one piece"] = {"wall": floor["wall"],
                                                "peak_mb": floor["peak_mb"],
                                                "runs": args.runs}
        rows["pieces, 1 job"] = build(project, args.runs, 0, 1, "pdf", book)
        rows["pieces, 2 jobs"] = build(project, args.runs, 0, 2, "pdf", book)
        same = page_texts(project / "output" / "pdf" / f"{BOOK}.pdf") == one_text
        if not args.no_clean_build:
            edition_pdf = project / "output" / "pdf" / "edition.pdf"
            rows["clean build, all formats, one piece, 2 jobs"] = build(
                project, args.runs, 1, 2, "html,pdf,epub")
            edition_text = page_texts(edition_pdf)
            rows["clean build, all formats, pieces, 2 jobs"] = build(
                project, args.runs, 0, 2, "html,pdf,epub")
            results["same_pages_edition"] = page_texts(edition_pdf) == edition_text
    results["load_after"] = os.getloadavg()
    results["same_pages"] = same
    base = rows["floor: WeasyPrint, one piece"]
    one = rows["one piece, 1 job"]
    for row in rows.values():
        row["wall_vs_floor"] = row["wall"] / base["wall"]
        row["peak_vs_floor"] = row["peak_mb"] / base["peak_mb"]
        row["wall_vs_one_piece"] = row["wall"] / one["wall"]
    if "clean build, all formats, one piece, 2 jobs" in rows:
        clean = rows["clean build, all formats, one piece, 2 jobs"]
        for name in ("clean build, all formats, one piece, 2 jobs",
                     "clean build, all formats, pieces, 2 jobs"):
            rows[name]["wall_vs_one_piece"] = rows[name]["wall"] / clean["wall"]
    results["rows"] = rows
    print(f"{'the book PDF (' + str(args.runs) + ' runs, medians)':<46} {'wall s':>7} "
          f"{'×floor':>7} {'×one':>6} {'peak MB':>8} {'×floor':>7}")
    for name, row in rows.items():
        print(f"{name:<46} {row['wall']:7.1f} {row['wall_vs_floor']:7.2f} "
              f"{row['wall_vs_one_piece']:6.2f} {row['peak_mb']:8.0f} {row['peak_vs_floor']:7.2f}")
    print(f"same text on every page as one piece: the book {same}, the edition "
          f"{results.get('same_pages_edition', 'not built')}; load average before "
          f"{results['load_before'][0]:.2f}, after {results['load_after'][0]:.2f}")
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
