"""Incremental builds: the manifest, what a rebuild redoes, removal, invalid texts, --force,
--jobs, and the state an interrupted build leaves.

The corpus is tests/fixtures/epub (a book, an essay, the personography and the edition
header). It is built once per module, in EPUB and PDF with two worker processes; each test
works on a copy of that build (file times kept), so that "nothing was rebuilt" can be read
from the files' modification times as well as from the manifest.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from edition.build import BLOCKED, BUILT, INVALID, UP_TO_DATE, _clear_leftovers, run_build
from edition.errors import EditionError
from edition.manifest import JOURNAL, NAME

CORPUS = FIXTURES / "epub"
EPOCH = "1700000000"
FORMATS = ["epub", "pdf"]


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def build(root: Path, formats=("epub",), texts=(), **options):
    return run_build(root / "tei", root / "output", list(formats), list(texts), **options)


def statuses(result) -> dict[str, str]:
    return {unit.id: unit.status for unit in result.units}


def output_files(root: Path) -> dict[str, Path]:
    """The build's products (not its state: manifest, lock)."""
    out = root / "output"
    return {
        p.relative_to(out).as_posix(): p
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name not in (NAME, JOURNAL, ".lock")
    }


def mtimes(root: Path) -> dict[str, int]:
    return {name: p.stat().st_mtime_ns for name, p in output_files(root).items()}


@pytest.fixture(scope="module")
def first(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("incremental")
    shutil.copytree(CORPUS, root / "tei")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = build(root, FORMATS, jobs=2)
    assert result.ok, result.validation
    assert set(statuses(result).values()) == {BUILT}
    assert result.workers == 2
    return root


@pytest.fixture
def copy(first, tmp_path) -> Path:
    root = tmp_path / "copy"
    shutil.copytree(first, root)  # copy2: modification times kept
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_unit_and_output_is_recorded(first):
    manifest = json.loads((first / "output" / NAME).read_text())
    assert set(manifest["units"]) == {
        f"{f}:{t}" for f in FORMATS for t in ("book", "essay", "*")
    }
    book = manifest["units"]["pdf:book"]
    assert set(book["outputs"]) == {"pdf/book.pdf", ".cache/pdf/book.xhtml"}
    assert {"tei/book.xml", "tei/persons.xml", "tei/edition.xml", "toolchain"} <= set(
        book["inputs"]
    )
    assert "xslt/core/blocks.xsl" in manifest["toolchains"]["pdf"]
    assert "xslt/print/print.css" in manifest["toolchains"]["pdf"]
    assert "lib:weasyprint" in manifest["toolchains"]["pdf"]
    assert "lib:weasyprint" not in manifest["toolchains"]["epub"]
    assert not (first / "output" / JOURNAL).exists()  # folded into the manifest


def test_second_build_builds_nothing(copy):
    before = mtimes(copy)
    units = json.loads((copy / "output" / NAME).read_text())["units"]
    result = build(copy, FORMATS, jobs=2)
    assert result.ok
    assert set(statuses(result).values()) == {UP_TO_DATE}
    assert result.workers == 0  # no process started
    assert mtimes(copy) == before
    assert json.loads((copy / "output" / NAME).read_text())["units"] == units


def test_one_changed_text_rebuilds_its_outputs_and_the_editions(copy):
    before = mtimes(copy)
    edit(copy / "tei" / "essay.xml", "The book says so.", "The book says otherwise.")
    result = build(copy, FORMATS, jobs=2)
    assert result.ok
    built = {u for u, s in statuses(result).items() if s == BUILT}
    assert built == {"pdf:essay", "epub:essay", "pdf:*", "epub:*"}
    after = mtimes(copy)
    for name in ("pdf/book.pdf", "epub/book.epub", ".cache/pdf/book.xhtml"):
        assert after[name] == before[name], f"{name} was rewritten"
    for name in ("pdf/essay.pdf", "epub/essay.epub", "pdf/edition.pdf", "epub/edition.epub"):
        assert after[name] != before[name], f"{name} was not rebuilt"
    essay = next(u for u in result.units if u.id == "epub:essay")
    assert essay.reason == "changed: tei/essay.xml"


def test_core_stylesheet_change_rebuilds_everything(copy, tmp_path, monkeypatch):
    home = tmp_path / "home"
    for name in ("xslt", "schema"):
        shutil.copytree(ROOT / name, home / name)
    shutil.copy(ROOT / "pdf.toml", home / "pdf.toml")
    monkeypatch.setenv("EDITION_HOME", str(home))
    assert set(statuses(build(copy)).values()) == {UP_TO_DATE}  # the same files elsewhere
    with open(home / "xslt" / "core" / "inline.xsl", "a", encoding="utf-8") as sheet:
        sheet.write("<!-- changed -->\n")
    result = build(copy)
    assert set(statuses(result).values()) == {BUILT}
    assert all("xslt/core/inline.xsl" in u.reason for u in result.units if u.label != "edition")


def test_removed_text_loses_its_outputs(copy):
    (copy / "tei" / "essay.xml").unlink()
    result = build(copy, FORMATS)
    assert result.ok, result.validation
    files = output_files(copy)
    for name in ("pdf/essay.pdf", "epub/essay.epub", ".cache/pdf/essay.xhtml"):
        assert name not in files
        assert name in result.removed
    assert {"pdf/book.pdf", "pdf/edition.pdf", "epub/book.epub"} <= set(files)
    assert statuses(result) == {
        "epub:book": UP_TO_DATE, "epub:*": BUILT, "pdf:book": UP_TO_DATE, "pdf:*": BUILT
    }
    manifest = json.loads((copy / "output" / NAME).read_text())
    assert "pdf:essay" not in manifest["units"]


def test_invalid_text_is_not_built_and_keeps_its_outputs(copy):
    before = mtimes(copy)
    edit(copy / "tei" / "essay.xml", "<p>", "<p><bogus/>")
    result = build(copy, FORMATS)
    assert not result.ok
    assert [t.id for t in result.invalid] == ["essay"]
    assert statuses(result) == {
        "epub:book": UP_TO_DATE, "epub:essay": INVALID, "epub:*": BLOCKED,
        "pdf:book": UP_TO_DATE, "pdf:essay": INVALID, "pdf:*": BLOCKED,
    }
    assert mtimes(copy) == before  # the last good outputs stay
    edit(copy / "tei" / "essay.xml", "<p><bogus/>", "<p>")
    edit(copy / "tei" / "essay.xml", "The book says so.", "The book says otherwise.")
    result = build(copy, ["epub"])
    assert result.ok
    assert statuses(result) == {"epub:book": UP_TO_DATE, "epub:essay": BUILT, "epub:*": BUILT}


def test_validation_verdict_is_remembered(copy):
    edit(copy / "tei" / "essay.xml", "<p>", "<p><bogus/>")
    first = build(copy)
    again = build(copy)
    assert [str(m) for m in again.validation.messages] == [
        str(m) for m in first.validation.messages
    ]
    assert not again.validation.ok


def test_a_changed_or_missing_output_is_built_again(copy):
    (copy / "output" / "epub" / "book.epub").unlink()
    with open(copy / "output" / "epub" / "essay.epub", "ab") as damaged:
        damaged.write(b"x")
    result = build(copy)
    assert statuses(result) == {"epub:book": BUILT, "epub:essay": BUILT, "epub:*": UP_TO_DATE}
    reasons = {u.id: u.reason for u in result.units}
    assert reasons["epub:book"] == "epub/book.epub is missing"
    assert reasons["epub:essay"] == "epub/essay.epub was changed since it was built"


def test_force_and_an_old_manifest_rebuild_everything(copy):
    assert set(statuses(build(copy, force=True)).values()) == {BUILT}
    path = copy / "output" / NAME
    state = json.loads(path.read_text())
    path.write_text(json.dumps({**state, "version": state["version"] - 1}))
    result = build(copy)
    assert set(statuses(result).values()) == {BUILT}
    assert "another version" in result.notes[0]


def test_a_setting_of_one_text_rebuilds_that_text(copy, tmp_path):
    config = tmp_path / "pdf.toml"
    config.write_text('[notes]\ndefault = "foot"\n[notes.texts]\nessay = "end"\n')
    result = build(copy, ["pdf"], options={"pdf_config": config})
    assert statuses(result) == {"pdf:book": UP_TO_DATE, "pdf:essay": BUILT, "pdf:*": BUILT}


def test_jobs_do_not_change_the_bytes(first, tmp_path):
    root = tmp_path / "serial"
    shutil.copytree(CORPUS, root / "tei")
    assert build(root, FORMATS, jobs=1).ok
    serial, parallel = output_files(root), output_files(first)
    assert serial.keys() == parallel.keys()
    for name in serial:
        assert serial[name].read_bytes() == parallel[name].read_bytes(), name


def test_a_selection_builds_no_edition_wide_outputs(copy):
    edit(copy / "tei" / "essay.xml", "The book says so.", "The book says otherwise.")
    result = build(copy, FORMATS, texts=[copy / "tei" / "essay.xml"])
    assert statuses(result) == {"epub:essay": BUILT, "pdf:essay": BUILT}
    assert "whole corpus" in result.notes[0]
    assert statuses(build(copy, FORMATS)) == {
        "epub:book": UP_TO_DATE, "epub:essay": UP_TO_DATE, "epub:*": BUILT,
        "pdf:book": UP_TO_DATE, "pdf:essay": UP_TO_DATE, "pdf:*": BUILT,
    }


def test_one_build_at_a_time(copy):
    import fcntl

    with open(copy / "output" / ".lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(EditionError, match="another edition build"):
            build(copy)


def test_no_op_build_starts_neither_saxon_nor_weasyprint(copy):
    build(copy, FORMATS)  # validates here (the verdict names files by their paths)
    probe = (
        "import sys; from pathlib import Path; from edition.build import run_build\n"
        f"r = run_build(Path({str(copy / 'tei')!r}), Path({str(copy / 'output')!r}),"
        " ['epub', 'pdf'], jobs=2)\n"
        "assert r.ok and {u.status for u in r.units} == {'up to date'}, r.units\n"
        "heavy = [m for m in ('saxonche', 'weasyprint') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_killed_build_leaves_no_partial_pdf_and_the_next_finishes(copy):
    shutil.rmtree(copy / "output")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "edition", "build", "--format", "pdf", "--jobs", "1"]
    process = subprocess.Popen(
        command, cwd=copy, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    journal = copy / "output" / JOURNAL
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if journal.is_file() and '"unit"' in journal.read_text():
            break  # one unit is done, the next is being made
        time.sleep(0.02)
    os.killpg(process.pid, 9)
    process.wait()
    assert process.returncode == -9, "the build ended before it could be killed"
    recorded = [json.loads(line)["unit"] for line in journal.read_text().splitlines()
                if '"unit"' in line]
    for pdf in (copy / "output" / "pdf").glob("*.pdf"):
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), pdf
    result = build(copy, ["pdf"])
    assert result.ok
    done = statuses(result)
    assert all(done[u] == UP_TO_DATE for u in recorded)
    assert sorted(done.values()).count(BUILT) == 3 - len(recorded)
    assert not list((copy / "output").rglob("*.part"))
    assert not journal.exists()


def test_workers_end_with_a_killed_build(copy):
    shutil.rmtree(copy / "output")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "edition", "build", "--format", "pdf", "--jobs", "2"]
    process = subprocess.Popen(command, cwd=copy, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    children: set[int] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and len(children) < 2:
        children = _children(process.pid)
        time.sleep(0.05)
    assert len(children) >= 2, "the build started no workers"
    process.kill()  # the build's own process only, as a crash or the OOM killer would
    process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in children):
        time.sleep(0.05)
    assert not [pid for pid in children if _alive(pid)], "workers outlived the build"
    result = build(copy, ["pdf"])
    assert result.ok and not list((copy / "output").rglob("*.part"))


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_build_leaves_the_files_of_a_preview_nested_in_its_output(tmp_path):
    output = tmp_path / "output"
    preview = output / "preview"
    (preview / "html" / ".staging-x").mkdir(parents=True)
    (preview / ".lock").write_text("")
    in_flight = preview / "html" / ".letter.html.abc.part"
    in_flight.write_text("half")
    (output / "html" / ".staging-y").mkdir(parents=True)
    leftover = output / "html" / ".letter.html.def.part"
    leftover.write_text("half")
    _clear_leftovers(output)
    assert not leftover.exists() and not (output / "html" / ".staging-y").exists()
    assert in_flight.exists() and (preview / "html" / ".staging-x").is_dir()
