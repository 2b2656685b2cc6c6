"""The edition's own texts (tei/) as EPUBs, built once for this module: EPUBCheck on every
EPUB, Ace on the edition's EPUB (it holds every text's content documents), the page list of
every text against its TEI, every note call's round trip, reproducibility."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from epub_checks import NS, Epub, ace, epubcheck

from conftest import ROOT
from edition.build import run_build
from edition.corpus import Corpus
from edition.xml import NSMAP, parse_file

TEI = ROOT / "tei"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def texts() -> list[Path]:
    return [t.path for t in Corpus(TEI).texts] if TEI.is_dir() else []


pytestmark = pytest.mark.skipif(not texts(), reason="no TEI texts under tei/ yet")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("corpus-epub")
    shutil.copytree(TEI, tmp / "tei")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        result = run_build(tmp / "tei", tmp / "output", ["epub"])
    assert result.ok, result.validation
    return tmp / "output" / "epub"


def test_every_text_has_its_epub(out):
    built = {p.stem for p in out.glob("*.epub")}
    assert {p.stem for p in texts()} <= built


def test_page_list_maps_every_printed_page(out):
    for source in texts():
        pbs = parse_file(source).root.xpath("//tei:text//tei:pb", namespaces=NSMAP)
        epub = Epub(out / f"{source.stem}.epub")
        entries = epub.nav.findall(".//h:nav[@epub:type='page-list']//h:a", NS)
        assert len(entries) == len(pbs), source.name
        for a, pb in zip(entries, pbs, strict=True):
            marker = epub.resolve(a.get("href"))
            assert marker is not None, (source.name, a.get("href"))
            assert marker.get("role") == "doc-pagebreak"
            if pb.get(XML_ID):
                assert marker.get("id") == pb.get(XML_ID)
            if pb.get("n"):
                assert a.text == pb.get("n").strip()


def test_every_note_call_leads_to_its_note_and_back(out):
    for source in texts():
        epub = Epub(out / f"{source.stem}.epub")
        for name in epub.files:
            if not (name.endswith(".xhtml") and name.count("/") == 2):
                continue
            for call in epub.xml(name).xpath("//h:a[@epub:type='noteref']", namespaces=NS):
                note = epub.resolve(call.get("href"), name)
                assert note is not None, (name, call.get("href"))
                note_file = name if call.get("href").startswith("#") else (
                    name.rsplit("/", 1)[0] + "/" + call.get("href").split("#")[0])
                backs = note.xpath(".//h:a[@role='doc-backlink']/@href", namespaces=NS)
                back_ids = {getattr(epub.resolve(b, note_file), "get", lambda _: None)("id") for b in backs}
                assert call.get("id") in back_ids, (name, call.get("id"))


def test_same_tei_same_bytes(out, tmp_path):
    shutil.copytree(TEI, tmp_path / "tei")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        run_build(tmp_path / "tei", tmp_path / "output", ["epub"])
    for epub in out.glob("*.epub"):
        assert (tmp_path / "output" / "epub" / epub.name).read_bytes() == epub.read_bytes()


@pytest.mark.slow
def test_epubcheck_finds_nothing(out):
    found = epubcheck(*sorted(out.glob("*.epub")))
    assert found == {path: [] for path in found}


@pytest.mark.slow
def test_ace_finds_no_violation_in_the_edition(out):
    edition = [p for p in out.glob("*.epub") if p.stem not in {t.stem for t in texts()}]
    target = edition[0] if edition else sorted(out.glob("*.epub"))[0]
    assert ace(target) == []
