"""`edition validate`: valid fixtures pass; each broken fixture fails with the right code,
file, line and column, and nothing is written anywhere."""

from __future__ import annotations

import json
import os
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from lxml import etree

from conftest import FIXTURES

VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"

# case directory -> expected (file, line, column, code) of each error
EXPECTED = {
    "not-well-formed": [("not-well-formed.xml", 30, 44, "X001")],
    "wrong-namespace": [("wrong-namespace.xml", 2, 1, "R002")],
    "missing-header-parts": [("missing-header-parts.xml", 20, 5, "R001")],
    "missing-required-child": [("missing-required-child.xml", 3, 3, "R003")],
    "unresolved-note": [("unresolved-note.xml", 30, 15, "S001")],
    "duplicate-id": [("first.xml", 30, 7, "S020"), ("second.xml", 30, 7, "S020")],
    "pages-out-of-order": [("pages-out-of-order.xml", 34, 7, "S030")],
    "xxe": [("xxe.xml", 3, 3, "X002")],
    "billion-laughs": [("billion-laughs.xml", 3, 3, "X002")],
    "mismatched-choice": [("mismatched-choice.xml", 30, 10, "S040")],
    "no-licence": [("no-licence.xml", 9, 7, "S051")],
    "note-without-resp": [("note-without-resp.xml", 30, 15, "S060")],
    "wrong-ref-kind": [("wrong-ref-kind.xml", 30, 10, "S010")],
    "id-not-file-name": [("id-not-file-name.xml", 2, 1, "S050")],
    "bad-attribute": [("bad-attribute.xml", 30, 7, "R001")],
}


def snapshot(*roots: Path) -> dict[str, tuple[int, int]]:
    """Every file under the roots with its size and modification time."""
    state = {}
    for root in roots:
        for path in root.rglob("*"):
            stat = path.stat()
            state[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return state


@pytest.fixture
def quiet_cwd(tmp_path, monkeypatch):
    """Run from an empty directory, to prove validation writes nothing there."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_valid_fixtures_pass(run_cli, quiet_cwd):
    code, out, _ = run_cli("validate", str(VALID))
    assert code == 0, out
    assert out.strip() == "2 files valid: 0 errors, 0 warnings"
    assert not any(quiet_cwd.iterdir())


def test_every_broken_fixture_has_an_expectation():
    assert sorted(p.name for p in INVALID.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_broken_fixture_fails_with_location(case, run_cli, quiet_cwd):
    directory = INVALID / case
    before = snapshot(directory, quiet_cwd)
    code, out, err = run_cli("validate", str(directory))
    assert code == 1, out + err
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert len(errors) == len(EXPECTED[case]), out
    for (name, line, column, code_), reported in zip(EXPECTED[case], errors, strict=True):
        assert reported.startswith(f"{directory / name}:{line}:{column}: error: "), reported
        assert reported.endswith(f"[{code_}]"), reported
    assert snapshot(directory, quiet_cwd) == before


def test_messages_say_what_to_fix(run_cli):
    _, out, _ = run_cli("validate", str(INVALID / "missing-header-parts"))
    assert "<teiHeader> holds: fileDesc, encodingDesc, profileDesc, revisionDesc" in out
    _, out, _ = run_cli("validate", str(INVALID / "duplicate-id"))
    assert 'xml:id="shared-id" is also used in second.xml' in out


def test_a_missing_required_child_is_named(run_cli):
    # libxml2 says only "Expecting an element , got nothing".
    _, out, _ = run_cli("validate", str(INVALID / "missing-required-child"))
    assert "<teiHeader> lacks <revisionDesc>, which it requires: add it." in out
    assert "got nothing" not in out


def test_xxe_never_reads_the_file(tmp_path, run_cli):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN-7f3a9c-never-to-be-seen")
    source = (INVALID / "xxe" / "xxe.xml").read_text()
    (tmp_path / "xxe.xml").write_text(source.replace("file:///etc/passwd", secret.as_uri()))
    for output_format in ("text", "json", "junit"):
        code, out, err = run_cli("validate", "--format", output_format, str(tmp_path / "xxe.xml"))
        assert code == 1
        assert "TOKEN-7f3a9c" not in out + err
        assert "X002" in out


def test_billion_laughs_is_refused_without_expansion(run_cli):
    code, out, _ = run_cli("validate", str(INVALID / "billion-laughs"))
    assert code == 1
    assert "lollol" not in out
    assert len(out) < 1000


def test_remote_dtd_is_never_fetched(tmp_path, run_cli):
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY x "fetched">')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/tei.dtd"
        source = (VALID / "persons.xml").read_text()
        source = source.replace("<TEI ", f'<!DOCTYPE TEI SYSTEM "{url}">\n<TEI ', 1)
        (tmp_path / "persons.xml").write_text(source)
        code, out, _ = run_cli("validate", str(tmp_path / "persons.xml"))
    finally:
        server.shutdown()
    assert code == 1
    assert f"{tmp_path / 'persons.xml'}:4:1: error: external DTDs are refused" in out
    assert "[X003]" in out
    assert requests == []


def test_json_format(run_cli):
    code, out, _ = run_cli("validate", "--format", "json", str(INVALID / "unresolved-note"))
    assert code == 1
    data = json.loads(out)
    assert data["valid"] is False
    assert data["errors"] == 1 and data["warnings"] == 1
    first = data["messages"][0]
    assert (first["line"], first["column"], first["code"]) == (30, 15, "S001")
    assert first["path"].endswith("unresolved-note.xml")


def test_junit_format(run_cli):
    code, out, _ = run_cli("validate", "--format", "junit", str(INVALID / "duplicate-id"))
    assert code == 1
    suite = etree.fromstring(out.encode()).find("testsuite")
    assert suite.get("tests") == "2" and suite.get("failures") == "2"
    failures = suite.findall("testcase/failure")
    assert len(failures) == 2 and "[S020]" in failures[0].text


def test_quiet_prints_errors_only(run_cli):
    code, out, _ = run_cli("validate", "--quiet", str(INVALID / "unresolved-note"))
    assert code == 1
    assert out.count("\n") == 1 and "[S001]" in out


def test_missing_path_is_a_usage_error(run_cli, tmp_path):
    code, _, err = run_cli("validate", str(tmp_path / "nowhere"))
    assert code == 2
    assert "no such file or directory" in err


def test_unknown_option_is_a_usage_error(run_cli):
    code, _, _ = run_cli("validate", "--no-such-option")
    assert code == 2


def test_one_file_is_checked_against_its_neighbours(run_cli):
    """Validating one file still resolves pointers into the personography beside it."""
    code, out, _ = run_cli("validate", str(VALID / "letter.xml"))
    assert code == 0, out
    assert out.strip() == "1 file valid: 0 errors, 0 warnings"


def test_foreign_schema_option(run_cli, tei_all):
    from conftest import TEI_ALL

    code, out, _ = run_cli("validate", "--schema", str(TEI_ALL), str(VALID))
    assert code == 0, out


def test_cross_document_page_refs_warn_until_the_file_exists(tmp_path, run_cli):
    source = (VALID / "letter.xml").read_text()
    source = source.replace('<ref target="#letter-p53">', '<ref target="book.xml#p67">')
    (tmp_path / "letter.xml").write_text(source)
    (tmp_path / "persons.xml").write_text((VALID / "persons.xml").read_text())
    code, out, _ = run_cli("validate", str(tmp_path))
    assert code == 0, out
    assert "warning" in out and "[S003]" in out and "book.xml#p67" in out


def test_help_does_not_import_heavy_modules():
    import subprocess
    import sys

    probe = (
        "import sys; from edition.cli import cli; "
        "heavy = [m for m in ('weasyprint', 'saxonche') if m in sys.modules]; "
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    env = dict(os.environ)
    assert subprocess.run([sys.executable, "-c", probe], env=env).returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "edition", "--help"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0 and "validate" in result.stdout
