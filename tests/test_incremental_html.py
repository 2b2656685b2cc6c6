"""Incremental builds of the web edition, whose texts link to each other: what each text
says of itself (its survey) decides which pages are made again, and a text's parallel
view makes it depend on the text it shows beside it.

The corpus is tests/fixtures/html/tei (a book split into pages whose first writing
corresponds to the letter, the letter, an essay), built once per module; each test works
on a copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_incremental import edit, mtimes, statuses

from conftest import FIXTURES
from edition.build import BUILT, UP_TO_DATE, run_build

CORPUS = FIXTURES / "html" / "tei"
OPTIONS = {"chunk_size": 1000}  # the fixture book is split into pages (tests/html_site.py)


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def build(root: Path, texts=(), **options):
    return run_build(root / "tei", root / "output", ["html"], list(texts), OPTIONS, **options)


def built(result) -> set[str]:
    return {u for u, s in statuses(result).items() if s == BUILT}


@pytest.fixture(scope="module")
def first(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("html-incremental")
    shutil.copytree(CORPUS, root / "tei")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        result = build(root, jobs=2)
    assert result.ok, result.validation
    assert built(result) == {
        "html:@static", "html:*", "html:book", "html:essay", "html:letter",
        "html:book@survey", "html:essay@survey", "html:letter@survey",
    }
    return root


@pytest.fixture
def copy(first, tmp_path) -> Path:
    root = tmp_path / "copy"
    shutil.copytree(first, root)
    return root


def test_second_build_builds_nothing(copy):
    before = mtimes(copy)
    result = build(copy)
    assert set(statuses(result).values()) == {UP_TO_DATE}
    assert mtimes(copy) == before


def test_new_wording_rebuilds_that_text_only(copy):
    before = mtimes(copy)
    edit(copy / "tei" / "essay.xml", "appears only here", "appears here alone")
    result = build(copy)
    assert built(result) == {"html:essay@survey", "html:essay"}
    assert statuses(result)["html:*"] == UP_TO_DATE  # the site pages show nothing of it
    after = mtimes(copy)
    assert after["html/essay.html"] != before["html/essay.html"]
    for name in ("html/letter.html", "html/index.html", "html/persons.html",
                 "html/assets/edition.css"):
        assert after[name] == before[name], name
    assert all(after[n] == before[n] for n in before if n.startswith("html/book"))


def test_a_new_name_rebuilds_the_persons_page(copy):
    edit(copy / "tei" / "essay.xml", "appears only here",
         'appears only here, as <persName ref="persons.xml#dzerzhinsky">Dzerzhinsky</persName>'
         " knew")
    result = build(copy)
    assert built(result) == {"html:essay@survey", "html:essay", "html:*"}


def test_a_new_title_rebuilds_the_pages_that_may_show_it_and_no_other(copy):
    # No text points at the essay: its title is on its own pages and the site's.
    edit(copy / "tei" / "essay.xml", "<title>The New Course Controversy</title>",
         "<title>The Controversy of the New Course</title>")
    result = build(copy)
    assert built(result) == {"html:essay@survey", "html:essay", "html:*"}
    assert statuses(result)["html:@static"] == UP_TO_DATE
    # The essay links into the book and the letter is its parallel: both show its title.
    edit(copy / "tei" / "book.xml", "<title>The Challenge of the Left Opposition (1923-25)",
         "<title>The Left Opposition's Challenge (1923-25)")
    result = build(copy)
    assert built(result) == {
        "html:book@survey", "html:book", "html:essay", "html:letter", "html:*"
    }
    assert next(u for u in result.units if u.id == "html:essay").reason == (
        "changed: what the texts' survey found"
    )


def test_a_texts_view_of_the_site_holds_the_entries_its_pages_read(copy):
    from lxml import etree

    views = copy / "output" / ".cache" / "html" / "views"
    files = {view.name: [e.get("file") for e in etree.parse(str(view)).getroot()]
             for view in views.iterdir()}
    assert files == {  # each in the site's (reading) order
        "book": ["letter.xml", "book.xml"],  # its parallel view shows the letter
        "letter": ["letter.xml", "book.xml"],  # the book's parallel view concerns it
        "essay": ["book.xml", "essay.xml"],  # it links into the book
    }


def test_a_text_shown_beside_another_rebuilds_both(copy):
    edit(copy / "tei" / "letter.xml", "One of the proposals", "One of the first proposals")
    result = build(copy)
    assert built(result) == {"html:letter@survey", "html:letter", "html:book"}
    book = next(u for u in result.units if u.id == "html:book")
    assert book.reason == "changed: tei/letter.xml"


def test_static_files_are_made_again_when_missing(copy):
    (copy / "output" / "html" / "assets" / "edition.css").unlink()
    assert built(build(copy)) == {"html:@static"}
    assert (copy / "output" / "html" / "assets" / "edition.css").is_file()


def test_a_selection_gets_its_pages_and_the_static_files(tmp_path):
    shutil.copytree(CORPUS, tmp_path / "tei")
    result = build(tmp_path, texts=[tmp_path / "tei" / "essay.xml"])
    assert result.ok
    assert built(result) == {
        "html:@static", "html:essay", "html:book@survey", "html:essay@survey",
        "html:letter@survey",
    }
    html = tmp_path / "output" / "html"
    assert (html / "essay.html").is_file() and (html / "assets" / "edition.css").is_file()
    assert not (html / "index.html").exists()


def test_a_removed_text_takes_its_pages_and_survey_along(copy):
    (copy / "tei" / "letter.xml").unlink()
    result = build(copy)
    assert result.ok, result.validation
    gone = set(result.removed)
    assert {"html/letter.html", "html/search/letter.js", ".cache/html/survey/letter",
            ".cache/html/names/letter.json"} <= gone
    assert not (copy / "output" / "html" / "letter.html").exists()
    assert not (copy / "output" / ".cache" / "html" / "views" / "letter").exists()
    # The site changed; of the texts, only the book's pages showed the letter.
    assert built(result) == {"html:book", "html:*"}


def test_a_texts_pages_are_made_from_its_view_without_the_whole_survey(copy):
    # What a worker reads for a text's pages: its view; the combined survey (one entry per
    # text of the edition, the memory of a large edition) is not needed.
    from edition.builders.html import HtmlBuilder
    from edition.corpus import Corpus

    output = copy / "output"
    before = (output / "html" / "essay.html").read_bytes()
    (output / ".cache" / "html" / "surveyed").unlink()
    corpus = Corpus(copy / "tei")
    builder = HtmlBuilder(corpus, output, OPTIONS)
    builder.write_text(corpus.text_at(copy / "tei" / "essay.xml"))
    assert (output / "html" / "essay.html").read_bytes() == before
    assert "site" not in builder.__dict__  # the whole site was never parsed


def test_a_large_editions_site_pages_are_made_a_list_page_at_a_time(tmp_path, monkeypatch):
    # One text per list page: the home page's first page lists the letter, yet names the
    # parallel view of the letter and the book, whose entry is on another page.
    from lxml import html as lxml_html

    from edition.builders import html
    from edition.corpus import Corpus

    shutil.copytree(CORPUS, tmp_path / "tei")
    options = {**OPTIONS, "list_page_size": 1, "search": "offline"}
    assert build(tmp_path, jobs=1).ok  # the pages of the texts
    builder = html.HtmlBuilder(Corpus(tmp_path / "tei"), tmp_path / "output", options)
    made: list[list[str]] = []
    whole = html._site_of

    def noted(entries):
        entries = list(entries)
        made.append([e.id for e in entries])
        return whole(entries)

    # The whole survey is never read at once: its entries are read one at a time.
    monkeypatch.setattr(html.HtmlBuilder, "surveyed", property(
        lambda self: pytest.fail("the site pages read the whole survey")))
    monkeypatch.setattr(html, "_site_of", noted)
    builder.finish(builder.corpus.texts)
    # The first list page's entries, the parallels', then each further list page's.
    assert made[:4] == [["letter"], ["letter", "book"], ["book"], ["essay"]]
    page = lxml_html.fromstring((tmp_path / "output" / "html" / "index.html").read_bytes())
    assert [a.get("href") for a in page.xpath("//ul[@class='parallel-list']//a")] == [
        "parallel-b-first-letter.html"]
    assert len(page.xpath("//ol[@class='text-list']/li")) == 1
    later = lxml_html.fromstring((tmp_path / "output" / "html" / "index-3.html").read_bytes())
    assert later.xpath("//ol[@class='text-list']/@start") == ["3"]
