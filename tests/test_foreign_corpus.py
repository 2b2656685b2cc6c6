"""The synthetic archive of other projects' TEI (bench/foreign_corpus.py, which
bench/foreign.py builds at scale): 14 files hold every kind, the same seed gives the same
bytes, every file is valid tei_all, and `edition build --source` builds it into HTML and
EPUB without losing a word."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import foreign_corpus  # noqa: E402

FILES = 14
NS = {"t": foreign_corpus.TEI_NS}
#: What each kind is made to show: at least one of each in the 14 files.
FEATURES = (
    "//t:castList/t:castItem/t:role", "//t:sp/t:speaker", "//t:sp/t:stage", "//t:sp/t:l",
    "//t:sp/t:p", "//t:text//t:persName", "//t:text//t:placeName",
    "//t:note[@place='foot']", "//t:note[@place='margin']", "//t:note[@place='end']",
    "//t:quote", "//t:hi[@rend]", "//t:correspAction[@type='sent']",
    "//t:correspAction[@type='received']", "//t:opener/t:dateline", "//t:opener/t:salute",
    "//t:closer/t:salute", "//t:closer/t:signed", "//t:choice[t:abbr][t:expan]",
    "//t:choice[t:sic][t:corr]", "//t:choice[t:orig][t:reg]", "//t:lb[@break='no']",
    "//t:pb[@break='no']", "//t:gap/t:desc", "//t:unclear", "//t:text//t:add",
    "//t:text//t:del", "//t:sourceDoc/t:surface/t:zone/t:line", "//t:app/t:lem[@wit]",
    "//t:app/t:rdg[@wit]", "//t:sourceDesc/t:listWit/t:witness", "//t:table[@rows][@cols]",
    "//t:figure[t:graphic]/t:figDesc", "//t:encodingDesc/t:charDecl/t:glyph", "//t:g[@ref]",
    "/t:teiCorpus/t:TEI", "//t:editorialDecl", "//t:seriesStmt/t:biblScope[@n]",
    "/t:TEI[t:sourceDoc][t:text]", "/t:TEI[t:sourceDoc][not(t:text)]",
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("archive")
    foreign_corpus.make_archive(directory, FILES)
    return directory


def contents(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def test_every_kind_and_feature(archive):
    files = foreign_corpus.tei_files(archive)
    assert len(files) == FILES
    assert {foreign_corpus.kind_of_path(p, archive) for p in files} == set(
        foreign_corpus.MAKERS)
    trees = [etree.parse(str(p)) for p in files]
    missing = [q for q in FEATURES if not any(t.xpath(q, namespaces=NS) for t in trees)]
    assert not missing
    sizes = sorted(p.stat().st_size for p in files)
    assert sizes[0] < 10_000 < 50_000 < sizes[-1] < 250_000


def test_same_seed_same_bytes(archive, tmp_path):
    again, other = tmp_path / "again", tmp_path / "other"
    written = foreign_corpus.make_archive(again, FILES)
    assert contents(again) == contents(archive)
    assert written == sum(len(data) for data in contents(again).values())
    foreign_corpus.make_archive(other, FILES, seed=7)
    assert contents(other) != contents(archive)
    # A smaller archive is the start of a larger one.
    smaller = tmp_path / "smaller"
    foreign_corpus.make_archive(smaller, 5)
    assert contents(smaller).items() <= contents(archive).items()


def test_valid_against_tei_all(archive, tei_all):
    for path in foreign_corpus.tei_files(archive):
        assert tei_all.validate(etree.parse(str(path))), (
            f"{path.relative_to(archive)}: {tei_all.error_log.last_error}")


@pytest.fixture(scope="module")
def built(archive, tmp_path_factory):
    """(exit status, report) of `edition build --source ARCHIVE --format html,epub`."""
    work = tmp_path_factory.mktemp("build")
    report = work / "report.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run(
        [sys.executable, "-m", "edition", "build", "-q", "--source", str(archive), "--out",
         str(work / "out"), "--format", "html,epub", "--jobs", "2", "--report", str(report)],
        cwd=work, env=env, capture_output=True, text=True, timeout=300)
    return done.returncode, json.loads(report.read_text()), done.stderr


def test_build_succeeds(built):
    status, report, stderr = built
    assert status == 0, stderr
    assert report["ok"] and not report["invalid"]
    assert not [u["id"] for u in report["units"] if u["status"] in ("failed", "blocked")]
    texts = [u for u in report["units"] if u.get("words")]
    assert len(texts) == 2 * FILES


def _losses(report) -> dict[str, int]:
    """The text units that lost words: {unit: words lost}."""
    return {u["id"]: u["words"]["lost"] for u in report["units"]
            if u.get("words", {}).get("lost")}


def test_no_word_lost(built):
    """Every text, in HTML and EPUB, the teiCorpus files' members too; a lost word would
    also be warned of (W001)."""
    _, report, stderr = built
    assert _losses(report) == {}
    assert "W001" not in stderr
