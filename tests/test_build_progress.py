"""What `edition build` tells: plain lines in a log, a bar on a terminal, the closing
summary, --quiet, --verbose and the JSON of --report."""

from __future__ import annotations

import io
import json
import shutil

import pytest

from conftest import FIXTURES
from edition import progress
from edition.build import BUILT, FAILED, UnitResult
from edition.plan import Unit

EPOCH = "1700000000"


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES / "epub", tmp_path / "tei")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return tmp_path


def test_log_lines_summary_and_report(project, run_cli):
    code, out, err = run_cli("build", "--format", "epub", "--jobs", "1", "--report", "b.json")
    assert code == 0
    lines = err.splitlines()
    assert lines[0].startswith("[1/3] built epub ")
    assert lines[-1].startswith("[3/3] built epub edition (")
    assert out.splitlines()[0].startswith("epub: 3 built, 0 up to date in ")
    assert out.splitlines()[-1].startswith("done in ")
    report = json.loads((project / "b.json").read_text())
    assert report["ok"] is True
    assert report["formats"]["epub"]["built"] == 3
    assert {u["id"]: u["status"] for u in report["units"]} == {
        "epub:book": "built", "epub:essay": "built", "epub:*": "built"
    }
    book = next(u for u in report["units"] if u["id"] == "epub:book")
    assert book["outputs"] == ["epub/book.epub"] and book["reason"] == "not built before"

    code, out, err = run_cli("build", "--format", "epub", "-v", "--report", "b.json")
    assert code == 0
    assert "up to date  epub book" in err
    assert out.startswith("epub: 0 built, 3 up to date\n")
    report = json.loads((project / "b.json").read_text())
    assert {u["status"] for u in report["units"]} == {"up to date"}

    code, out, err = run_cli("build", "--format", "epub", "--quiet")
    assert (code, out, err) == (0, "", "")


def test_invalid_text_in_summary_and_exit_status(project, run_cli):
    essay = project / "tei" / "essay.xml"
    essay.write_text(essay.read_text().replace("<p>", "<p><bogus/>", 1))
    code, out, err = run_cli("build", "--format", "epub", "--report", "b.json")
    assert code == 1
    assert "essay.xml: invalid, not built" in err
    assert "epub: 1 built, 0 up to date, 1 blocked, 1 invalid" in out
    report = json.loads((project / "b.json").read_text())
    assert report["ok"] is False and report["invalid"] == ["tei/essay.xml"]
    assert any(m["code"] == "R001" for m in report["validation"]["messages"])


class Terminal(io.StringIO):
    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


def test_bar_on_a_terminal_shows_the_texts_being_built():
    screen = Terminal()
    shown = progress.reporter_for(screen, quiet=False, verbose=False)
    assert isinstance(shown, progress.Bar)
    units = [Unit("pdf", "pdf", "edition", None, {}, 1.0, reason="new"),
             Unit("epub", "epub", "edition", None, {}, 1.0, reason="new")]
    shown.begin(units)
    shown.started(units[0])
    assert "building ░░░░░░░░░░░░░░░░░░░░ 0/2" in screen.getvalue()
    assert screen.getvalue().rstrip().endswith("pdf edition")
    shown.finished(UnitResult("pdf:*", "pdf", "edition", BUILT, seconds=2.0))
    assert "██████████░░░░░░░░░░ 1/2" in screen.getvalue()
    shown.finished(UnitResult("epub:*", "epub", "edition", FAILED, error="it broke"))
    shown.close()
    assert "[2/2] failed epub edition: it broke\n" in screen.getvalue()
    assert screen.getvalue().endswith("\r\x1b[K")  # the bar is gone at the end


def test_plain_lines_off_a_terminal():
    shown = progress.reporter_for(io.StringIO(), quiet=False, verbose=False)
    assert type(shown) is progress.Lines
    assert type(progress.reporter_for(Terminal(), quiet=True, verbose=False)).__name__ == (
        "Reporter"
    )


def test_durations_read_well():
    assert progress.duration(0.04) == "0.0 s"
    assert progress.duration(12.34) == "12.3 s"
    assert progress.duration(101) == "1m41s"


def test_warnings_are_counted_by_default_and_shown_with_verbose(project, run_cli, monkeypatch):
    from edition import build
    from edition.validate import Report

    def with_a_warning(tei, output_root, formats, paths, options, **_):
        return build.BuildResult(Report(), output_root,
                                 messages=["P001|warning|WeasyPrint: No anchor #p9"])

    monkeypatch.setattr(build, "run_build", with_a_warning)
    code, _, err = run_cli("build", "--format", "epub")
    assert code == 0
    assert "1 warning from the stylesheets or WeasyPrint (--verbose shows them)" in err
    assert "No anchor" not in err
    _, _, err = run_cli("build", "--format", "epub", "--verbose")
    assert "warning: WeasyPrint: No anchor #p9 [P001]" in err
    assert run_cli("build", "--format", "epub", "--quiet")[2] == ""
