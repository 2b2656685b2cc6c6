"""`edition package`: a build as a BagIt 1.0 bag (bagit-python, the Library of Congress's
implementation): valid to bagit's validator, tampering caught and named, byte-identical
when made again or from a copy of the build elsewhere, bag-info from the edition header
with the build date, a provenance note per output, and no package of a build that is
missing, incomplete, stale or of invalid TEI. Built once per module (HTML and EPUB of the
EPUB fixture corpus: a book, an essay, the personography and the edition header)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES

bagit = pytest.importorskip("bagit")

FORMATS = "html,epub"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(source, build directory) of the fixture corpus, built in HTML and EPUB."""
    from edition.build import run_build

    root = tmp_path_factory.mktemp("package")
    source = root / "tei"
    shutil.copytree(FIXTURES / "epub", source)
    result = run_build(source, root / "out", FORMATS.split(","), jobs=1)
    assert result.ok
    return source, root / "out"


def package(run_cli, source: Path, build_dir: Path, target: Path, *more: str):
    return run_cli("package", "--source", str(source), "--build-dir", str(build_dir),
                   "--format", FORMATS, "--out", str(target), *more)


@pytest.fixture(scope="module")
def made(built, tmp_path_factory) -> Path:
    """The package, made by the command (in-process)."""
    from edition.cli import main

    source, out = built
    target = tmp_path_factory.mktemp("made") / "fixture-edition.zip"
    with pytest.raises(SystemExit) as exit_status:
        main(["package", "--source", str(source), "--build-dir", str(out), "--format", FORMATS,
              "--out", str(target)])
    assert exit_status.value.code == 0
    return target


@pytest.fixture
def bag_dir(made, tmp_path) -> Path:
    """The package unpacked: one top-level directory named after the file."""
    with zipfile.ZipFile(made) as archive:
        archive.extractall(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["fixture-edition"]
    return tmp_path / "fixture-edition"


def test_bag_is_valid_bagit_1_0_with_sha256_and_sha512(bag_dir):
    bag = bagit.Bag(str(bag_dir))
    bag.validate()  # raises on any problem
    assert bag.version_info == (1, 0)
    assert (bag_dir / "bagit.txt").read_text() == (
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
    assert sorted(bag.algorithms) == ["sha256", "sha512"]
    for name in ("manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt",
                 "tagmanifest-sha512.txt"):
        assert (bag_dir / name).is_file()


def test_bagit_command_line_validates_it(bag_dir):
    done = subprocess.run([sys.executable, "-m", "bagit", "--validate", str(bag_dir)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "is valid" in done.stderr


def test_payload_holds_tei_schemas_outputs_and_build_records(bag_dir, built):
    source, out = built
    payload = {p.relative_to(bag_dir / "data").as_posix()
               for p in (bag_dir / "data").rglob("*") if p.is_file()}
    assert {f"tei/{p.name}" for p in source.glob("*.xml")} <= payload
    assert {"schema/edition.rnc", "schema/edition.rng", "schema/edition.sch"} <= payload
    built_files = {p.relative_to(out).as_posix() for p in out.rglob("*")
                   if p.is_file() and p.relative_to(out).parts[0] in ("html", "epub")}
    assert {f"output/{p}" for p in built_files} <= payload
    assert {"build/manifest.json", "build/provenance.json"} <= payload
    assert not any(p.startswith("output/.cache") for p in payload)
    # The copies are the files built, byte for byte.
    assert (bag_dir / "data/output/epub/book.epub").read_bytes() == (
        out / "epub/book.epub").read_bytes()
    manifest = json.loads((bag_dir / "data/build/manifest.json").read_text())
    assert "stat" not in manifest  # the build's cache of absolute paths and times
    assert "epub:book" in manifest["units"] and "html:*" in manifest["units"]


def test_tampered_payload_file_is_caught_and_named(bag_dir):
    # One byte changed, the size kept (so only the checksums can tell).
    page = bag_dir / "data/output/html/book.html"
    data = page.read_bytes()
    assert b"</body>" in data
    page.write_bytes(data.replace(b"</body>", b"</bodx>"))
    with pytest.raises(bagit.BagValidationError) as caught:
        bagit.Bag(str(bag_dir)).validate()
    named = " ".join(str(d) for d in caught.value.details)
    assert "data/output/html/book.html" in named and "sha256" in named and "sha512" in named
    done = subprocess.run([sys.executable, "-m", "bagit", "--validate", str(bag_dir)],
                          capture_output=True, text=True)
    assert done.returncode != 0
    assert "data/output/html/book.html" in done.stderr and "is invalid" in done.stderr


def test_a_payload_file_grown_is_caught(bag_dir):
    page = bag_dir / "data/output/epub/book.epub"
    page.write_bytes(page.read_bytes() + b"x")
    with pytest.raises(bagit.BagValidationError, match="Payload-Oxum"):
        bagit.Bag(str(bag_dir)).validate()


def test_removed_or_added_payload_file_is_caught(bag_dir):
    (bag_dir / "data/tei/essay.xml").unlink()
    (bag_dir / "data/output/extra.txt").write_text("not in the manifest")
    bag = bagit.Bag(str(bag_dir))
    assert not bag.is_valid()
    assert bag.compare_manifests_with_fs() == (["data/tei/essay.xml"], ["data/output/extra.txt"])


def test_tampered_bag_info_is_caught(bag_dir):
    info = bag_dir / "bag-info.txt"
    info.write_text(info.read_text().replace("Bagging-Date: ", "Bagging-Date: 1"))
    assert not bagit.Bag(str(bag_dir)).is_valid()


def test_bag_info_from_the_edition_header_and_the_build_date(bag_dir, built):
    from edition.corpus import Corpus

    source, _ = built
    date = Corpus(source).build_date().date().isoformat()
    info = bagit.Bag(str(bag_dir)).info
    assert info["Bagging-Date"] == date == "2026-11-24"
    assert info["Source-Organization"] == "The edition project"
    assert info["External-Identifier"] == "edition"
    assert info["External-Description"].startswith("A fixture edition. The TEI P5 of its 2 texts")
    assert "edition 0.1.0" in info["Bag-Software-Agent"]
    assert "bagit.py" in info["Bag-Software-Agent"]
    files = [p for p in (bag_dir / "data").rglob("*") if p.is_file()]
    assert info["Payload-Oxum"] == f"{sum(p.stat().st_size for p in files)}.{len(files)}"


def test_provenance_names_each_output_with_its_tei_and_software(bag_dir):
    provenance = json.loads((bag_dir / "data/build/provenance.json").read_text())
    listed = {entry["path"]: entry for entry in provenance["outputs"]}
    outputs = {p.relative_to(bag_dir).as_posix()
               for p in (bag_dir / "data/output").rglob("*") if p.is_file()}
    assert set(listed) == outputs
    book = listed["data/output/epub/book.epub"]
    assert book["unit"] == "epub:book" and book["format"] == "epub"
    assert "data/tei/book.xml" in book["made-from"]
    assert "data/tei/essay.xml" not in book["made-from"]
    assert {"data/tei/book.xml", "data/tei/essay.xml"} <= set(
        listed["data/output/epub/edition.epub"]["made-from"])
    software = book["made-by"]
    assert software["edition"] == "0.1.0"
    assert software["saxon"].startswith("SaxonC")
    assert {"saxonche", "lxml", "python"} <= set(software)
    assert "weasyprint" not in software  # no PDF in this package
    for path, entry in listed.items():  # each file's digest as the build recorded it
        import hashlib

        assert hashlib.sha256((bag_dir / path).read_bytes()).hexdigest() == entry["sha256"]
    assert provenance["build"]["date"] == "2026-11-24"


def test_archive_entries_are_sorted_dated_and_fixed(made):
    with zipfile.ZipFile(made) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names[0] == "fixture-edition/"
    assert all(i.date_time == (2026, 11, 24, 0, 0, 0) for i in infos)
    assert {i.external_attr >> 16 for i in infos if not i.is_dir()} == {0o100644}
    assert {i.external_attr >> 16 for i in infos if i.is_dir()} == {0o040755}
    assert {i.compress_type for i in infos if i.filename.endswith(".epub")} == {
        zipfile.ZIP_STORED}


def test_packages_are_byte_identical_again_and_from_a_copy(built, made, run_cli, tmp_path):
    source, out = built
    again = tmp_path / "again" / made.name
    assert package(run_cli, source, out, again)[0] == 0
    assert again.read_bytes() == made.read_bytes()
    elsewhere = tmp_path / "elsewhere" / "build"
    shutil.copytree(out, elsewhere)  # new times, another path
    copied = tmp_path / "copied" / made.name
    assert package(run_cli, source, elsewhere, copied)[0] == 0
    assert copied.read_bytes() == made.read_bytes()


def test_package_does_not_depend_on_how_the_source_is_named(built, made, run_cli, tmp_path,
                                                            monkeypatch):
    source, out = built
    monkeypatch.chdir(source.parent)  # --source tei, not the absolute path
    relative = tmp_path / "relative" / made.name
    code, _, err = run_cli("package", "--source", source.name, "--build-dir", str(out),
                           "--format", FORMATS, "--out", str(relative))
    assert code == 0, err
    assert relative.read_bytes() == made.read_bytes()
    with zipfile.ZipFile(made) as archive:
        manifest = json.loads(archive.read("fixture-edition/data/build/manifest.json"))
    assert manifest["validation"]["files"] == [
        "data/tei/book.xml", "data/tei/edition.xml", "data/tei/essay.xml", "data/tei/persons.xml"]
    assert str(tmp_path.parent) not in json.dumps(manifest)


def test_tar_packages_are_byte_identical_and_valid(built, run_cli, tmp_path):
    source, out = built
    first, second = tmp_path / "a" / "bag.tar", tmp_path / "b" / "bag.tar"
    assert package(run_cli, source, out, first)[0] == 0
    assert package(run_cli, source, out, second)[0] == 0
    assert first.read_bytes() == second.read_bytes()
    with tarfile.open(first) as archive:
        members = archive.getmembers()
        assert {(m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, "", "")}
        assert {m.mtime for m in members} == {1795478400}  # 2026-11-24T00:00:00Z
        archive.extractall(tmp_path / "x", filter="data")
    bagit.Bag(str(tmp_path / "x" / "bag")).validate()


def test_default_name_is_the_edition_id_and_build_date(built, run_cli, tmp_path, monkeypatch):
    source, out = built
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run_cli("package", "--source", str(source), "--build-dir", str(out),
                              "--format", FORMATS)
    assert code == 0
    assert (tmp_path / "edition-2026-11-24.zip").is_file()
    assert "BagIt 1.0" in stdout and "Bagging-Date 2026-11-24" in stdout


# ---------------------------------------------------------------- refusals


def test_no_build_is_refused(built, run_cli, tmp_path):
    source, _ = built
    target = tmp_path / "p.zip"
    code, _, err = package(run_cli, source, tmp_path / "nothing", target)
    assert code == 1 and "holds no build" in err and "edition build" in err
    assert not target.exists()


def test_a_format_not_built_is_refused(built, run_cli, tmp_path):
    source, out = built
    target = tmp_path / "p.zip"
    code, _, err = run_cli("package", "--source", str(source), "--build-dir", str(out),
                           "--out", str(target))  # every format: the PDFs were never built
    assert code == 1
    assert "pdf book: not built before" in err and "not packaged" in err
    assert not target.exists() and not list(tmp_path.iterdir())


@pytest.fixture
def copy(built, tmp_path) -> tuple[Path, Path]:
    """A copy of the source and of its build, to spoil."""
    source, out = built
    shutil.copytree(source, tmp_path / "tei")
    shutil.copytree(out, tmp_path / "out")
    return tmp_path / "tei", tmp_path / "out"


def test_changed_tei_is_refused_as_stale(copy, run_cli, tmp_path):
    source, out = copy
    essay = source / "essay.xml"
    essay.write_text(essay.read_text().replace("</TEI>", "</TEI>\n<!-- revised -->"))
    code, _, err = package(run_cli, source, out, tmp_path / "p.zip")
    assert code == 1 and "changed: tei/essay.xml" in err
    assert f"edition build --source {source} --out {out}" in err
    assert not (tmp_path / "p.zip").exists()


def test_output_changed_since_the_build_is_refused(copy, run_cli, tmp_path):
    source, out = copy
    (out / "epub/essay.epub").write_bytes(b"truncated")
    code, _, err = package(run_cli, source, out, tmp_path / "p.zip")
    assert code == 1 and "epub/essay.epub was changed since it was built" in err
    (out / "epub/essay.epub").unlink()
    code, _, err = package(run_cli, source, out, tmp_path / "p.zip")
    assert code == 1 and "epub/essay.epub is missing" in err


def test_invalid_tei_is_refused(copy, run_cli, tmp_path):
    source, out = copy
    essay = source / "essay.xml"
    essay.write_text(essay.read_text().replace("<body>", "<body><unknown/>", 1))
    code, _, err = package(run_cli, source, out, tmp_path / "p.zip")
    assert code == 1 and "invalid TEI" in err and "essay.xml" in err


def test_interrupted_build_is_refused(copy, run_cli, tmp_path):
    source, out = copy
    (out / ".manifest.journal").write_text("")
    code, _, err = package(run_cli, source, out, tmp_path / "p.zip")
    assert code == 1 and "interrupted" in err


def test_a_build_in_progress_is_not_packaged(built, run_cli, tmp_path):
    import fcntl

    source, out = built
    with open(out / ".lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        code, _, err = package(run_cli, source, out, tmp_path / "p.zip")
    assert code == 1 and "another edition build is writing" in err
    assert not (tmp_path / "p.zip").exists()


def test_bad_usage_exits_2(built, run_cli, tmp_path):
    source, out = built
    assert package(run_cli, source, out, tmp_path / "p.rar")[0] == 2
    code, _, err = run_cli("package", "--source", str(source), "--build-dir", str(out),
                           "--format", "html,nonesuch", "--out", str(tmp_path / "p.zip"))
    assert code == 2 and "nonesuch" in err


def test_another_projects_tei_is_packaged_with_its_made_header(run_cli, tmp_path):
    from edition.build import run_build

    source = tmp_path / "letters"
    source.mkdir()
    for name in ("abbreviations.xml", "drama.xml"):
        shutil.copy(FIXTURES / "foreign" / name, source / name)
    assert run_build(source, tmp_path / "out", ["epub"], jobs=1).ok
    target = tmp_path / "letters.tar"
    code, _, err = run_cli("package", "--source", str(source), "--build-dir",
                           str(tmp_path / "out"), "--format", "epub", "--out", str(target))
    assert code == 0, err
    with tarfile.open(target) as archive:
        archive.extractall(tmp_path / "x", filter="data")
    bag = bagit.Bag(str(tmp_path / "x" / "letters"))
    bag.validate()
    assert "data/build/edition-header.xml" in bag.payload_entries()
    assert "data/tei/drama.xml" in bag.payload_entries()
    assert "External-Identifier" not in bag.info  # the made header has no idno


def test_the_command_line_does_not_import_bagit():
    probe = ("import sys, edition.cli; sys.exit('bagit' in sys.modules or "
             "'edition.package' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", probe]).returncode == 0
