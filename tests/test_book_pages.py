"""Page segmentation of the OCR'd book: small excerpts, and the real seed when present."""

from __future__ import annotations

import re

import pytest

from conftest import SEEDS
from edition.ingest.book import profile as book_profile
from edition.ingest.book.pages import Marker, PageRules, segment
from edition.ingest.book.seed import Seed, SeedError

PROFILE = book_profile.profile_path("challenge-1923-25")
BOOK_SEED = SEEDS / "001_fccf330b856c718b.txt"

EXCERPT = """\
Preface


Some words of the preface that end
here.


13


14 Book Title (1923-25)


inner-party struggle, continued on
the next page.


Chapter Head 15


and a third page whose folio is
garbled.


1Z


Opening


A new division opens page 17 with its
folio printed at its foot.


17


18 Book Title (1923-25)


last page.
"""


def rules(**overrides) -> PageRules:
    values = dict(
        first=13,
        first_line=1,
        last_line=len(EXCERPT.split("\n")),
        head_patterns=[
            re.compile(r"(?P<n>\d{1,3}) Book Title \(1923-25\)"),
            re.compile(r"Chapter Head (?P<n>\d{1,3})"),
        ],
        bare_folio=re.compile(r"(?P<n>\d{1,3})"),
    )
    values.update(overrides)
    return PageRules(**values)


def line_of(text: str) -> int:
    return EXCERPT.split("\n").index(text) + 1


def test_heads_feet_and_a_garbled_folio():
    seed = Seed(EXCERPT)
    garbled = Marker(16, (line_of("1Z"),), "foot", sic="1Z")
    pages = segment(
        seed,
        rules(markers=[garbled]),
        {13: 1, 16: line_of("and a third page whose folio is"), 17: line_of("Opening")},
    )
    assert [p.n for p in pages] == [13, 14, 15, 16, 17, 18]
    assert [p.id for p in pages] == ["p13", "p14", "p15", "p16", "p17", "p18"]
    # The folios and running heads are gone from the pages' text.
    text = " ".join(line.text for p in pages for line in p.lines)
    assert "Book Title" not in text and "Chapter Head" not in text and "1Z" not in text
    assert pages[1].text_lines()[0].text == "inner-party struggle, continued on"
    assert pages[4].text_lines()[0].text == "Opening"
    assert pages[3].corrected and pages[3].marker.sic == "1Z"
    assert not any(p.supplied for p in pages)


def test_a_page_without_a_folio_is_supplied():
    # Without the explicit marker, page 16 has no folio the scanner can read: it still
    # begins where the outline says, and its number is marked as supplied.
    seed = Seed(EXCERPT)
    pages = segment(seed, rules(), {13: 1, 16: line_of("and a third page whose folio is"),
                                    17: line_of("Opening")})
    page16 = next(p for p in pages if p.n == 16)
    assert page16.supplied
    assert "1Z" in [line.text for line in page16.lines]


def test_out_of_sequence_numbers_are_not_folios():
    seed = Seed(EXCERPT.replace("14 Book Title", "15 Book Title"))
    with pytest.raises(SeedError):
        segment(seed, rules(), {13: 1, 17: line_of("Opening")})


def test_profile_anchor_mismatch_is_reported():
    seed = Seed(EXCERPT)
    with pytest.raises(SeedError, match="expects 'Prologue'"):
        seed.expect(1, "Prologue")


@pytest.fixture(scope="module")
def book_pages():
    if not BOOK_SEED.is_file():
        pytest.skip(f"the book's seed is not at {BOOK_SEED} (../shared is absent)")
    prof = book_profile.load(PROFILE)
    return segment(Seed.read(BOOK_SEED), prof.pages, prof.openings())


def test_book_has_every_printed_page_in_order(book_pages):
    numbers = [p.n for p in book_pages if p.n is not None]
    assert numbers == list(range(13, 430))
    supplied = [p.n for p in book_pages if p.supplied]
    assert supplied == [429]  # the list of books prints no folio


def test_book_pages_start_where_the_ocr_does(book_pages):
    by_number = {p.n: p for p in book_pages}
    first_of_14 = by_number[14].text_lines()[0].text
    assert first_of_14 == "inner-party struggle, his central position in the leadership of the"
    assert by_number[67].text_lines()[0].text == "Chapter 1"
    assert by_number[260].text_lines()[0].text.startswith("the course of the discussion)")
    assert by_number[259].corrected  # its folio reads "209" in the OCR

