"""The schema: a strict subset of TEI P5, kept in step with its compact source, and declared
in every TEI file so that XML editors validate live."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import FIXTURES, ROOT
from edition.xml import parse_file

SCHEMA = ROOT / "schema"
TEI = ROOT / "tei"


def tei_files():
    return sorted(TEI.glob("*.xml")) + sorted((FIXTURES / "valid").glob("*.xml"))


@pytest.mark.parametrize("path", tei_files(), ids=lambda p: p.name)
def test_valid_files_are_valid_tei_all(path, tei_all):
    """Whatever our schema accepts must be valid TEI: every valid file passes tei_all."""
    document = parse_file(path)
    assert tei_all.validate(document.tree), str(tei_all.error_log)


@pytest.mark.parametrize("path", tei_files(), ids=lambda p: p.name)
def test_files_declare_both_schemas(path):
    document = parse_file(path)
    models = [
        pi
        for pi in document.root.itersiblings(preceding=True)
        if getattr(pi, "target", None) == "xml-model"
    ]
    hrefs = sorted(pi.get("href").rsplit("/", 1)[-1] for pi in models)
    assert hrefs == ["edition.rng", "edition.sch"]
    for pi in models:
        assert (path.parent / pi.get("href")).resolve().is_file()


def test_rng_is_compiled_from_rnc(tmp_path):
    if not shutil.which("trang"):
        pytest.skip("trang is not installed (Debian package trang); cannot regenerate the RNG")
    subprocess.run(
        ["trang", str(SCHEMA / "edition.rnc"), str(tmp_path / "edition.rng")], check=True
    )
    assert (tmp_path / "edition.rng").read_text() == (SCHEMA / "edition.rng").read_text(), (
        "schema/edition.rng is stale: run `trang schema/edition.rnc schema/edition.rng`"
    )


def test_schematron_codes_are_catalogued():
    from edition.messages import CATALOGUE

    sch = parse_file(SCHEMA / "edition.sch").root
    ns = {"sch": "http://purl.oclc.org/dsdl/schematron"}
    codes = [a.get("id") for a in sch.xpath("//sch:assert | //sch:report", namespaces=ns)]
    assert codes and len(codes) == len(set(codes))
    assert set(codes) == {c for c in CATALOGUE if c.startswith("S")}
