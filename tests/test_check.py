"""`edition check`: the release gate over a build. A clean build of the fixture edition
passes every check; each kind of damage an output can suffer is caught, named with its
file (and line), with its code."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest
from lxml import etree

from conftest import FIXTURES

SOURCE = FIXTURES / "html" / "tei"


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    from edition.build import run_build

    root = tmp_path_factory.mktemp("check")
    tei = root / "tei"
    shutil.copytree(SOURCE, tei)
    result = run_build(tei, root / "out", ["html", "epub", "pdf"], jobs=2)
    assert result.ok
    return tei, root / "out"


@pytest.fixture
def damaged(build, tmp_path):
    """A copy of the build to break."""
    tei, out = build
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    return tei, copy


def _check(run_cli, tei, out, *options):
    return run_cli("check", "--source", str(tei), "--out", str(out), *options)


def test_a_clean_build_passes(build, run_cli):
    """Ace is left to the EPUB tests, which run the same check (tests/epub_checks.py)."""
    tei, out = build
    code, stdout, _ = _check(run_cli, tei, out, "--skip", "ace")
    assert code == 0, stdout
    assert "0 errors" in stdout


def test_a_truncated_epub_is_named(damaged, run_cli):
    """Named by EPUBCheck at the EPUB itself; the other checks that read EPUBs (the page
    concordance: the book has printed pages) pass over it."""
    tei, out = damaged
    for name in ("letter", "book"):
        epub = out / "epub" / f"{name}.epub"
        epub.write_bytes(epub.read_bytes()[:2000])
    code, stdout, stderr = _check(run_cli, tei, out, "--only", "epubcheck", "--only", "pages")
    assert code == 1 and "Traceback" not in stderr
    errors = [line for line in stdout.splitlines() if "error:" in line]
    assert len(errors) == 2 and all("[C001]" in line for line in errors), stdout
    assert errors[0].startswith(f"{out / 'epub' / 'book.epub'}: error: EPUBCheck "), errors


def test_a_missing_anchor_and_a_script_link_are_named_with_their_line(damaged, run_cli):
    tei, out = damaged
    page = out / "html" / "letter.html"
    html = page.read_text()
    # Remove the id a link of the letter's notes points at.
    target = next(i for i in ("letter-n1", "n1") if f'id="{i}"' in html)
    html = html.replace(f'id="{target}"', 'id="gone"', 1)
    html = html.replace("<main", '<a href="javascript:alert(1)">x</a><main', 1)
    page.write_text(html)
    code, stdout, _ = _check(run_cli, tei, out, "--only", "links")
    assert code == 1
    broken = [line for line in stdout.splitlines() if "[C030]" in line and f"#{target}" in line]
    assert broken and broken[0].startswith(f"{out / 'html'}/")
    line_number = int(broken[0].split(":")[1])
    assert f"#{target}" in page.read_text().splitlines()[line_number - 1]
    assert any("[C032]" in line and "javascript:" in line for line in stdout.splitlines())


def test_a_removed_pdf_destination_is_named(damaged, run_cli):
    import pikepdf

    tei, out = damaged
    pdf_path = out / "pdf" / "book.pdf"
    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        tree = pikepdf.NameTree(pdf.Root.Names.Dests)
        assert "p50" in tree
        del tree["p50"]
        pdf.save(pdf_path)
    code, stdout, _ = _check(run_cli, tei, out, "--only", "pdf", "--only", "pages")
    assert code == 1
    assert f"{pdf_path}: error: page" in stdout and "destination p50" in stdout
    assert "[C044]" in stdout
    # The concordance names the page break in the TEI.
    assert any("book.xml:" in line and "page 50 (#p50)" in line and "[C052]" in line
               for line in stdout.splitlines())


def test_a_truncated_pdf_is_named_once_and_links_to_it_are_left_to_that(damaged, run_cli):
    """The book's PDF cut short: one error at it (C040); the concordance of its pages and
    the links of the letter and the essay to it (book.pdf#…) pass over it."""
    tei, out = damaged
    book = out / "pdf" / "book.pdf"
    book.write_bytes(book.read_bytes()[:3000])
    code, stdout, stderr = _check(run_cli, tei, out, "--only", "pdf", "--only", "pages")
    assert code == 1 and "Traceback" not in stderr
    errors = [line for line in stdout.splitlines() if "error:" in line]
    assert errors == [line for line in errors if line.startswith(f"{book}: error: not a "
                                                                 "readable PDF")], stdout
    assert len(errors) == 1 and "[C040]" in errors[0]


def test_the_page_concordance_sees_a_missing_page_list_entry(damaged, run_cli):
    tei, out = damaged
    epub = out / "epub" / "book.epub"
    with zipfile.ZipFile(epub) as archive:
        files = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    nav = files["OEBPS/nav.xhtml"].decode()
    files["OEBPS/nav.xhtml"] = nav.replace("#p7\"", "#nowhere\"").encode()
    with zipfile.ZipFile(epub, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    code, stdout, _ = _check(run_cli, tei, out, "--only", "pages")
    assert code == 1
    assert "page 7 (#p7) is not in the page-list of book.epub [C051]" in stdout


def test_json_and_junit_reports(damaged, run_cli):
    tei, out = damaged
    (out / "html" / "letter.html").write_text(
        (out / "html" / "letter.html").read_text().replace("<main", '<a href="nope.html">x</a><main', 1))
    code, stdout, _ = _check(run_cli, tei, out, "--only", "links", "--format", "json")
    assert code == 1
    report = json.loads(stdout)
    (message,) = [m for m in report["messages"] if "nope.html" in m["message"]]
    assert message["code"] == "C030" and message["line"] > 0
    code, stdout, _ = _check(run_cli, tei, out, "--only", "links", "--format", "junit")
    suite = etree.fromstring(stdout.encode()).find("testsuite")
    assert suite.get("name") == "edition check" and int(suite.get("failures")) >= 1


def test_rebuild_compares_every_byte(damaged, run_cli):
    tei, out = damaged
    code, stdout, _ = _check(run_cli, tei, out, "--only", "rebuild")
    assert code == 0, stdout
    page = out / "html" / "essay.html"
    page.write_text(page.read_text() + "\n")
    code, stdout, _ = _check(run_cli, tei, out, "--only", "rebuild")
    assert code == 1 and f"{page}: error: differs from a rebuild" in stdout


def test_a_missing_tool_is_a_usage_error_unless_skipped(build, run_cli, monkeypatch):
    from edition.checks import tools

    def absent():
        raise tools.ToolMissing("the Nu Html Checker is not at /nowhere")

    monkeypatch.setattr(tools, "vnu_jar", absent)
    tei, out = build
    code, _, err = _check(run_cli, tei, out, "--only", "nu", "--only", "links")
    assert code == 2 and "nu: the Nu Html Checker is not at /nowhere" in err
    assert "--skip NAME" in err
    code, _, _ = _check(run_cli, tei, out, "--only", "nu", "--only", "links", "--skip", "nu")
    assert code == 0


def test_no_build_and_no_such_check_are_usage_errors(tmp_path, run_cli):
    code, _, err = run_cli("check", "--out", str(tmp_path))
    assert code == 2 and "holds no build" in err
    (tmp_path / "html").mkdir()
    code, _, err = run_cli("check", "--out", str(tmp_path), "--skip", "spelling")
    assert code == 2 and "no such check: spelling" in err


def test_a_footnote_off_its_calls_page_is_named(tmp_path):
    """WeasyPrint may move a footnote to the next page (to save a widow): the PDF check sees
    the note's destination on another page than its call's."""
    from weasyprint import HTML

    from edition.checks.pdf import check_pdf

    def pdf(between: str):
        html = ("<html lang='en'><head><title>Notes</title></head><body><h1>Notes</h1>"
                "<p>Text<a id='call-footnote-n1' href='#footnote-n1'>1</a></p>" + between +
                "<p id='footnote-n1'>1 The note.</p></body></html>")
        path = tmp_path / "notes.pdf"
        HTML(string=html).write_pdf(path)
        return [m for m in check_pdf(path) if m.code == "C047"]

    assert pdf("") == []
    moved = pdf("<p style='break-before: page'>More text.</p>")
    assert [m.text for m in moved] == ["page 1: the footnote n1 is set on page 2, not on its "
                                       "call's page"]
