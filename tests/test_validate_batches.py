"""The rules run in batches, the rest of the corpus as skeletons: the verdict must be the
same as with the whole corpus in one batch, for the rules that look across files too."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, ROOT
from edition import validate
from edition.validate import Validator


def messages(targets, monkeypatch, batch_bytes: int) -> list[str]:
    monkeypatch.setattr(validate, "BATCH_BYTES", batch_bytes)
    report = Validator().validate(targets)
    return [str(m) for m in report.sorted_messages()]


@pytest.mark.parametrize("case", ["duplicate-id", "wrong-ref-kind", "unresolved-note"])
def test_cross_file_rules_in_batches_of_one_file(case, monkeypatch):
    targets = [FIXTURES / "invalid" / case]
    whole = messages(targets, monkeypatch, 10**9)
    assert whole  # the case is broken
    assert messages(targets, monkeypatch, 1) == whole


def test_a_corpus_in_batches_finds_what_it_finds_whole(tmp_path, monkeypatch):
    tei = tmp_path / "tei"
    shutil.copytree(FIXTURES / "epub", tei)
    # An id of the book used again in the essay, a pointer into the book that resolves and
    # one that does not, and a persName pointing at the wrong kind of entry.
    essay = tei / "essay.xml"
    text = essay.read_text()
    first_p = text.index("<p>", text.index("<body>"))
    text = (text[:first_p]
            + '<p xml:id="book-twice">Again <ref target="book.xml#nowhere">x</ref>'
            + ' <persName ref="essay.xml#essay">y</persName></p>' + text[first_p:])
    essay.write_text(text)
    book = tei / "book.xml"
    book.write_text(book.read_text().replace("<p>", '<p xml:id="book-twice">', 1))
    whole = messages([tei], monkeypatch, 10**9)
    codes = {m.rsplit("[", 1)[1] for m in whole}
    assert {"S002]", "S010]", "S020]"} <= codes
    assert messages([tei], monkeypatch, 1) == whole
    assert messages([essay], monkeypatch, 1) == messages([essay], monkeypatch, 10**9)


def test_the_edition_in_batches(monkeypatch):
    tei = ROOT / "tei"
    if not any(tei.glob("*.xml")):
        pytest.skip("no TEI in tei/")
    assert messages([tei], monkeypatch, 1) == messages([tei], monkeypatch, 10**9)
