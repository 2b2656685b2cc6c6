"""Benchmark of the book's PDF set in pieces (builders/pdf_pieces.py), beside its floor.

    python3 bench/pdf_pieces.py                 # 3 rounds: about 15 minutes on 2 cores
    python3 bench/pdf_pieces.py --runs 1        # a quick look

In each of --runs rounds, on a copy of tei/: the book's PDF built with `--pdf-pieces 1` (one
piece); the floor (WeasyPrint setting that build's print XHTML of the book in one piece,
nothing else: bench/floors.py weasyprint); the book's PDF by size (pieces), with 1 and 2
jobs; a clean build of every format, one piece and pieces, with 2 jobs. Each figure is the
median over the rounds of a fresh process's wall time and of the peak memory of its largest
process (the build's or a worker's); each ratio, to the floor and to the one-piece build, is
the median of the rounds' own ratios (the rows of a round are measured back to back).
Prints a table, writes JSON (default bench/pdf_pieces.json), and checks that the pieces'
PDF has the same text on every page as the one-piece PDF.
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


def build(project: Path, pieces: int, jobs: int, formats: str, paths=()) -> dict:
    """One clean build: its wall time and the peak memory of its largest process."""
    shutil.rmtree(project / "output", ignore_errors=True)
    result = run(edition("build", "-q", "--format", formats, "--jobs", str(jobs),
                         "--pdf-pieces", str(pieces), *paths), project)
    if result.status:
        raise SystemExit(f"the build failed in {project}")
    return {"wall": result.wall, "peak_mb": result.peak_mb}


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
        floor_dir = Path(scratch) / "floor"
        floor_dir.mkdir()
        one_text = edition_text = None
        # One round measures every row once, in this order; the rows' figures are the
        # medians over the rounds, and each ratio the median of the rounds' own ratios, so
        # that a slow spell of the shared machine weighs on a round's rows alike.
        rounds: list[dict] = []
        for _ in range(args.runs):
            found = {"one piece, 1 job": build(project, 1, 1, "pdf", book)}
            if one_text is None:
                one_text = page_texts(project / "output" / "pdf" / f"{BOOK}.pdf")
                shutil.copy(project / "output" / ".cache" / "pdf" / f"{BOOK}.xhtml",
                            floor_dir)
            floor = measure_floor("weasyprint", floor_dir, 1)
            found["floor: WeasyPrint, one piece"] = {"wall": floor["wall"],
                                                     "peak_mb": floor["peak_mb"]}
            found["pieces, 1 job"] = build(project, 0, 1, "pdf", book)
            found["pieces, 2 jobs"] = build(project, 0, 2, "pdf", book)
            same = page_texts(project / "output" / "pdf" / f"{BOOK}.pdf") == one_text
            if not args.no_clean_build:
                edition_pdf = project / "output" / "pdf" / "edition.pdf"
                found["clean build, all formats, one piece, 2 jobs"] = build(
                    project, 1, 2, "html,pdf,epub")
                edition_text = edition_text or page_texts(edition_pdf)
                found["clean build, all formats, pieces, 2 jobs"] = build(
                    project, 0, 2, "html,pdf,epub")
                results["same_pages_edition"] = page_texts(edition_pdf) == edition_text
            results["same_pages"] = results.get("same_pages", True) and same
            rounds.append(found)
        rows = {name: _medians(name, rounds) for name in rounds[0]}
    results["load_after"] = os.getloadavg()
    same = results["same_pages"]
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


def _medians(name: str, rounds: list[dict]) -> dict:
    """Row `name`'s medians over the rounds, and its ratios: to the floor and to the
    one-piece book (a clean build: to the one-piece clean build), each the median of the
    rounds' own ratios."""
    found = [r[name] for r in rounds]

    def ratio(key, base):
        return median(f[key] / r[base][key] for f, r in zip(found, rounds, strict=True))

    one = ("clean build, all formats, one piece, 2 jobs" if name.startswith("clean build")
           else "one piece, 1 job")
    floor = "floor: WeasyPrint, one piece"
    return {"wall": median(f["wall"] for f in found),
            "peak_mb": median(f["peak_mb"] for f in found), "runs": len(found),
            "walls": [round(f["wall"], 2) for f in found],
            "wall_vs_floor": ratio("wall", floor), "peak_vs_floor": ratio("peak_mb", floor),
            "wall_vs_one_piece": ratio("wall", one)}


if __name__ == "__main__":
    main()
