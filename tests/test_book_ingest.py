"""The book's ingest from its OCR seed (skipped where ../shared/seeds is absent)."""

from __future__ import annotations

import random
import re

import pytest

from conftest import ROOT, SEEDS
from edition.ingest import book, load_profile
from edition.ingest import build as ingest_build
from edition.ingest.book import accounting

SEED = SEEDS / "001_fccf330b856c718b.txt"
COMMITTED = ROOT / "tei" / "challenge-1923-25.xml"
NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def built():
    if not SEED.is_file():
        pytest.skip(f"the book's seed is not at {SEED} (../shared is absent)")
    result, profile, _counted = book.build_book(load_profile("challenge-1923-25"),
                                                SEED.read_text(encoding="utf-8"), SEED.name)
    return profile, result


@pytest.fixture(scope="module")
def framework(built):
    """The book made through the ingest framework (edition ingest), as the CLI does."""
    return ingest_build(load_profile("challenge-1923-25"), SEED)


def test_committed_tei_is_what_ingest_makes(framework):
    assert not framework.report.problems
    assert framework.data == COMMITTED.read_bytes(), "re-run edition ingest, commit the TEI"


def test_every_word_of_the_ocr_is_in_the_tei_page_by_page(built):
    profile, result = built
    counted = book.account(result, profile)
    assert counted.complete, counted.describe()
    assert not counted.extra, counted.describe()
    assert not counted.page_problems, counted.describe()
    assert counted.ocr > 160_000


def test_random_pages_start_with_the_ocr_words(built):
    """Pages chosen at random begin, in the TEI, with the words their OCR page begins with."""
    profile, result = built
    project = profile.data["resp"]["project"]
    tei = accounting.tei_pages(accounting.tei_text_element(result.tree), project)
    gap_lines = book.declared_lines(profile)
    pages = [p for p in result.pages if p.n is not None]
    for page in random.Random(1923).sample(pages, 40):
        lines = [line.text for line in page.lines if line.no not in gap_lines]
        ocr_start = accounting.words("\n".join(lines))[:6]
        assert tei.words_by_page[page.id][:6] == ocr_start, page.id


def test_report_names_pages_notes_corrections_and_joins(framework):
    text = framework.report.render(verbose=True)
    assert "417 numbered (13-429)" in text
    assert "44 of 44 linked" in text
    assert re.search(r"footnotes: 34, 34 placed", text)
    assert re.search(r"corrections: \d+ \(digits 6, doubled 1, ellipsis 41, letters \d+, noise 6, "
                     r"note-call 35, spacing \d+\)", text)
    assert "undecided 0" in text
    assert "0 missing; page by page exact" in text


def test_cli_ingest_check(run_cli):
    if not SEED.is_file():
        pytest.skip("the book's seed is absent")
    code, out, _ = run_cli("ingest", str(SEED), "--profile", "challenge-1923-25", "--check",
                           "--out", str(COMMITTED))
    assert code == 0, out
    assert "unchanged" in out.splitlines()[0]
