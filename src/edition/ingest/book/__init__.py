"""The ingest of an OCR'd printed book (profile kind "book"): page-faithful TEI.

Public API: ``run(seed_path, profile, out=None, check=False) -> (report, data)``; the
steps live in their own modules (see build.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from edition.errors import UsageError
from edition.ingest.book import accounting
from edition.ingest.book import build as book_build
from edition.ingest.book import profile as book_profile
from edition.ingest.book.flow import ORNAMENT
from edition.ingest.book.report import BookReport, build_report
from edition.ingest.book.seed import Seed


def declared_lines(profile) -> set[int]:
    """Seed lines that are declared not to be running text: illegible regions (gap) and
    the contents' misread numerals."""
    lines = {no for region in book_build.regions(profile) if region.kind == "gap"
             for no in range(region.first, region.last + 1)}
    lines |= {int(r["line"]) for r in profile.section("contents").get("residue", [])}
    return lines


def account(result, profile) -> accounting.Accounting:
    """Word accounting of a built book against its OCR pages."""
    gap_lines = declared_lines(profile)
    ocr = {page.id: [line.text for line in page.lines
                     if line.no not in gap_lines and not ORNAMENT.match(line.text.strip())]
           for page in result.pages}
    moved = {f"p{c['page']}": f"p{int(c['page']) - 1}"
             for c in profile.section("footnotes").get("continuation", [])}
    pages = accounting.tei_pages(accounting.tei_text_element(result.tree),
                                 profile.data["resp"]["project"])
    return accounting.account(ocr, pages, moved)


def run(seed_path: Path, profile_name: str, out: Path | None = None,
        check: bool = False) -> tuple[BookReport, bytes]:
    """Ingest the book; write `out` (default tei/ID.xml) unless `check`. Returns the report
    and the TEI bytes; the report's problems say whether anything went wrong."""
    profile = book_profile.load(book_profile.profile_path(profile_name))
    try:
        raw = Path(seed_path).read_bytes()
    except OSError as exc:
        raise UsageError(f"{seed_path}: cannot read the seed: {exc.strerror}") from None
    expected = profile.data.get("seed_sha256")
    if expected and hashlib.sha256(raw).hexdigest() != expected:
        raise book_profile.ProfileError(
            f"{seed_path}: not the seed profile {profile.id!r} was written for (sha256 differs)"
        )
    seed = Seed(raw.decode("utf-8"), name=Path(seed_path).name)
    result = book_build.ingest(seed, profile)
    report = build_report(profile.id, seed.name, result, account(result, profile))
    data = book_build.serialise(result)
    target = Path(out) if out is not None else Path("tei") / f"{profile.id}.xml"
    report.out = str(target)
    current = target.read_bytes() if target.is_file() else None
    if check:
        report.state = "unchanged" if current == data else "differs"
        if current != data:
            report.problems.append(f"{target} differs from what ingest makes")
    elif report.problems and not accounting_complete(report):
        report.state = "not written"
    elif current == data:
        report.state = "unchanged"
    else:
        book_build.write_bytes(data, target)
        report.state = "written"
    return report, data


def accounting_complete(report: BookReport) -> bool:
    return "words of the OCR are missing from the TEI" not in report.problems
