"""The ingest of an OCR'd printed book (profile kind "book"): page-faithful TEI.

``edition ingest SEED --profile challenge-1923-25`` runs ``build_document`` through the
ingest framework (``edition.ingest.KINDS``). The steps live in their own modules: pages
(folios and running heads out, page numbers in), flow (footnotes lifted, regions cut),
outline (divisions and paragraphs), inline and annotate (lines joined, spans marked),
notes, index, header; accounting proves that every word of the OCR is in the TEI, page
by page, and build_document refuses a book that would lose one.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from edition.errors import EditionError
from edition.ingest.book import accounting
from edition.ingest.book import build as book_build
from edition.ingest.book import profile as book_profile
from edition.ingest.book.flow import ORNAMENT
from edition.ingest.book.report import build_report
from edition.ingest.book.seed import Seed


class WordsLostError(EditionError):
    """The TEI would lack words of the OCR: nothing is written."""


def declared_lines(profile: book_profile.BookProfile) -> set[int]:
    """Seed lines that are declared not to be running text: illegible regions (gap) and
    the contents' misread numerals."""
    lines = {no for region in book_build.regions(profile) if region.kind == "gap"
             for no in range(region.first, region.last + 1)}
    lines |= {int(r["line"]) for r in profile.section("contents").get("residue", [])}
    return lines


def account(result: book_build.BookResult,
            profile: book_profile.BookProfile) -> accounting.Accounting:
    """Word accounting of a built book against its OCR, page by page."""
    declared = declared_lines(profile)
    ocr = {page.id: [line.text for line in page.lines
                     if line.no not in declared and not ORNAMENT.match(line.text.strip())]
           for page in result.pages}
    moved = {f"p{c['page']}": f"p{int(c['page']) - 1}"
             for c in profile.section("footnotes").get("continuation", [])}
    pages = accounting.tei_pages(accounting.tei_text_element(result.tree),
                                 profile.data["resp"]["project"])
    return accounting.account(ocr, pages, moved)


def build_book(profile, seed_text: str, seed_name: str):
    """(result, book profile, accounting) for a seed and a loaded framework profile."""
    import hashlib

    from edition.ingest.header import build_header

    book = book_profile.from_data(profile.data)
    digest = hashlib.sha256(seed_text.encode("utf-8")).hexdigest()
    provenance = (f"Made by edition ingest from the seed {seed_name} (sha256 {digest}) "
                  f"with the profile {profile.path.name}.")
    result = book_build.ingest(Seed(seed_text, name=seed_name), book,
                               build_header(profile, provenance))
    result.stats["persons"] = tag_persons(result, profile, book)
    return result, book, account(result, book)


def tag_persons(result: book_build.BookResult, profile, book) -> dict[str, int]:
    """Tag the personography's name forms in the book's text (persName/@ref), with the
    framework's tagger; forms the profile lists as ambiguous in this book stay untagged."""
    from edition.ingest.header import pointers_for
    from edition.ingest.personography import name_forms
    from edition.ingest.phrases import tag_persons as tag

    text = accounting.tei_text_element(result.tree)
    ignore = book.section("persons").get("ignore", [])
    return dict(tag(text, name_forms(), pointers_for(profile), ignore))


def build_document(profile, seed) -> tuple[etree._Element, Any]:
    """The ingest framework's entry point for kind "book": (TEI root, report)."""
    from edition.ingest.report import IngestReport

    if seed is None:
        raise book_profile.ProfileError(f"profile {profile.name!r} makes a book: give its seed")
    profile.check_seed(seed.data, seed.path)
    result, book, counted = build_book(profile, seed.text, seed.name)
    mine = build_report(book.id, seed.name, result, counted)
    if not counted.complete:
        raise WordsLostError(f"{profile.name}: the TEI would lack words of the OCR; nothing "
                             f"written.\n{counted.describe()}")
    report = IngestReport(doc_id=profile.id, profile=profile.name, seed=seed.name)
    for label, value, details in mine.entries:
        report.add(label, value, details)
    report.problems.extend(mine.problems)
    # The words are accounted page by page above (footnotes move to their calls, the
    # contents' columns are read across), so the framework's in-order check is not run.
    report.seed_lines = None
    return result.tree.getroot(), report
