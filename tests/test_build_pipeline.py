"""The build pipeline itself: corpus order, build date, the Builder hooks, skipping
invalid texts, atomic writes. A tiny builder over the core stylesheet stands in for the
real formats."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from edition import build as building
from edition.builders import REGISTRY, base, builder_class
from edition.corpus import Corpus
from edition.errors import UsageError
from edition.fsutil import atomic_write

EDITION_XML = (FIXTURES / "valid" / "persons.xml").read_text().replace(
    'xml:id="persons"', 'xml:id="edition"'
).replace(
    '<div type="personography">',
    '<div type="contents"><list><item><ref target="zeta.xml">Z</ref></item>'
    '<item><ref target="letter.xml">L</ref></item></list></div><div type="personography">',
).replace('xml:id="trotsky"', 'xml:id="e-trotsky"').replace(
    'xml:id="dzerzhinsky"', 'xml:id="e-dz"'
).replace('xml:id="moscow"', 'xml:id="e-moscow"').replace('xml:id="rcp"', 'xml:id="e-rcp"').replace(
    'xml:id="fixture-encoder"', 'xml:id="e-encoder"'
).replace('who="#fixture-encoder"', 'who="#e-encoder"')


class CoreBuilder(base.Builder):
    """Renders each text with the bare core: one XHTML file per text, plus an index."""

    name = "core-test"
    stylesheet = "core/core.xsl"
    calls: list[str] = []

    def prepare(self):
        self.calls.append("prepare")

    def write_text(self, text):
        from edition.xslt import to_xdm

        self.calls.append(f"text:{text.id}")
        return [self.write(f"{text.id}.xhtml", self.render(to_xdm(text.document)))]

    def finish(self, texts):
        self.calls.append("finish")
        return [self.write("index.txt", "\n".join(t.id for t in texts))]


@pytest.fixture
def corpus_dir(tmp_path):
    tei = tmp_path / "tei"
    tei.mkdir()
    for name in ("letter.xml", "persons.xml"):
        shutil.copy(FIXTURES / "valid" / name, tei / name)
    zeta = (FIXTURES / "valid" / "letter.xml").read_text().replace('"letter', '"zeta').replace(
        "#letter", "#zeta"
    )
    (tei / "zeta.xml").write_text(zeta)
    (tei / "edition.xml").write_text(EDITION_XML)
    return tei


@pytest.fixture
def registered(monkeypatch):
    monkeypatch.setitem(REGISTRY, "core-test", f"{__name__}:CoreBuilder")
    CoreBuilder.calls = []


def test_reading_order_comes_from_the_edition_header(corpus_dir):
    corpus = Corpus(corpus_dir)
    assert [t.id for t in corpus.texts] == ["zeta", "letter"]
    assert corpus.persons is not None and corpus.edition is not None


def test_reading_order_refs_may_point_into_the_files(corpus_dir):
    edition = corpus_dir / "edition.xml"
    edition.write_text(edition.read_text().replace('target="zeta.xml"', 'target="zeta.xml#zeta"'))
    assert [t.id for t in Corpus(corpus_dir).texts] == ["zeta", "letter"]


def test_build_date_honours_source_date_epoch(corpus_dir, monkeypatch):
    corpus = Corpus(corpus_dir)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert corpus.build_date().date().isoformat() == "2026-11-24"  # newest change/@when
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert corpus.build_date().year == 1970


def test_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown format"):
        builder_class("no-such-format")


def test_pipeline_runs_hooks_in_order_and_writes(corpus_dir, tmp_path, registered):
    result = building.run_build(corpus_dir, tmp_path / "out", ["core-test"])
    assert result.ok
    # Texts run longest first; finish gets them in reading order, after all of them.
    assert CoreBuilder.calls[0] == "prepare" and CoreBuilder.calls[-1] == "finish"
    assert sorted(CoreBuilder.calls[1:3]) == ["text:letter", "text:zeta"]
    out = tmp_path / "out" / "core-test"
    assert sorted(p.name for p in out.iterdir()) == ["index.txt", "letter.xhtml", "zeta.xhtml"]
    assert (out / "index.txt").read_text() == "zeta\nletter"
    assert "Pathfinder" in (out / "letter.xhtml").read_text()


def test_invalid_text_is_skipped_and_others_built(corpus_dir, tmp_path, registered):
    broken = corpus_dir / "zeta.xml"
    broken.write_text(broken.read_text().replace("<revisionDesc>", "<revisionDesc><bogus/>"))
    result = building.run_build(corpus_dir, tmp_path / "out", ["core-test"])
    assert not result.ok
    assert [t.id for t in result.invalid] == ["zeta"]
    assert CoreBuilder.calls == ["prepare", "text:letter"]  # no edition-wide outputs


def test_cli_build_exit_status(corpus_dir, tmp_path, registered, run_cli, monkeypatch):
    monkeypatch.chdir(corpus_dir.parent)
    code, out, _ = run_cli("build", "--format", "core-test", "--out", str(tmp_path / "o"))
    assert code == 0 and "core-test: 3 built, 0 up to date" in out
    (corpus_dir / "zeta.xml").write_text("<TEI>")
    code, _, err = run_cli("build", "--format", "core-test", "--out", str(tmp_path / "o"))
    assert code == 1 and "zeta.xml: invalid, not built" in err


def test_atomic_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "a" / "file.txt"
    atomic_write(target, "first")
    assert target.stat().st_mode & 0o777 == 0o666 & ~_current_umask()

    def explode(*args):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", explode)
    with pytest.raises(OSError):
        atomic_write(target, "second")
    assert target.read_text() == "first"
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]


def _current_umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_builders_are_not_imported_eagerly():
    import subprocess
    import sys

    probe = "import sys, edition.build; sys.exit('weasyprint' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe]).returncode == 0


def test_stylesheet_path_is_relative_to_xslt():
    assert (Path(base.paths.xslt_dir()) / CoreBuilder.stylesheet).is_file()
