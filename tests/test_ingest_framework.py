"""The ingest framework on a tiny source: profile checks, markup, notes, joins, corrections,
word accounting, deterministic and atomic output, the command and its report."""

from __future__ import annotations

import shutil

import pytest
from lxml import etree

from conftest import FIXTURES
from edition.ingest import AccountingError, build, ingest, load_profile
from edition.ingest.profile import ProfileError
from edition.xml import NSMAP, parse_bytes

MINI = FIXTURES / "ingest"


@pytest.fixture
def mini(tmp_path):
    """A copy of the tiny profile and seed, so a test may edit them."""
    shutil.copy(MINI / "mini.toml", tmp_path / "mini.toml")
    shutil.copy(MINI / "mini.txt", tmp_path / "mini.txt")
    return tmp_path


def made(mini) -> etree._Element:
    result = build(load_profile(str(mini / "mini.toml")), mini / "mini.txt")
    return parse_bytes(result.data).root


def xp(root, path):
    return root.xpath(path, namespaces=NSMAP)


def test_unknown_profile_key_is_named(mini):
    path = mini / "mini.toml"
    path.write_text(path.read_text().replace("page_splits = true", "page_split = true"))
    with pytest.raises(ProfileError, match=r"text\.join: unknown key 'page_split'"):
        load_profile(str(path))


def test_structure_markup_and_notes(mini):
    root = made(mini)
    assert xp(root, "string(//tei:titlePart[@type='main'])") == "A Small Letter"
    assert xp(root, "string(//tei:opener/tei:seg[@type='classification'])") == "Top secret"
    assert [d.get("n") for d in xp(root, "//tei:body/tei:div[@type='section']")] == ["1", "2"]
    assert xp(root, "string(//tei:div[@n='1']/tei:p/tei:label)") == "1."
    assert xp(root, "string(//tei:hi[@rend='bold'])") == "smychka"
    assert xp(root, "string(//tei:body//tei:title)") == "Challenge"
    gloss = xp(root, "//tei:supplied[@reason='gloss']")[0]
    assert gloss.text == "an alliance" and gloss.get("resp") == "#mini-letter-translator"
    assert xp(root, "//tei:ref[@target='https://example.org/x']/text()") == ["the site"]
    assert xp(root, "//tei:ref[@type='dead-link']/text()") == ["a lost page"]
    calls = xp(root, "//tei:ref[@type='noteref']")
    assert [c.get("target") for c in calls] == ["#mini-letter-n1", "#mini-letter-n2"]
    notes = xp(root, "//tei:back/tei:div[@type='notes']/tei:note")
    assert [n.get("n") for n in notes] == ["1", "2"]
    assert all(n.get("resp") == "#mini-letter-translator" for n in notes)
    assert len(xp(notes[1], "tei:p")) == 2, "a note of two blocks has two paragraphs"
    assert xp(root, "string(//tei:back//tei:title)") == "Title"


def test_page_split_is_joined_and_boilerplate_removed(mini):
    root = made(mini)
    first = "".join(xp(root, "//tei:div[@n='1']/tei:p")[0].itertext())
    assert "where the page ended and goes on here." in first
    assert len(xp(root, "//tei:div[@n='1']/tei:p")) == 1
    assert "Site footer" not in "".join(root.itertext())


def test_persons_and_corrections(mini):
    root = made(mini)
    names = xp(root, "//tei:text//tei:persName")
    assert {n.get("ref") for n in names} == {"persons.xml#trotsky"}
    assert [n.text for n in names] == ["Trotsky", "Leon Trotsky"]
    choice = xp(root, "//tei:choice")[0]
    assert xp(choice, "string(tei:sic)") == "Pathtinder"
    assert xp(choice, "string(tei:corr)") == "Pathfinder"
    assert xp(choice, "string(tei:corr/@resp)") == "persons.xml#edition-project"


def test_header_from_profile_and_project(mini):
    root = made(mini)
    assert root.get("{http://www.w3.org/XML/1998/namespace}id") == "mini-letter"
    assert xp(root, "string(//tei:author/@ref)") == "persons.xml#trotsky"
    assert xp(root, "string(//tei:licence/@target)").startswith("https://creativecommons.org/")
    assert xp(root, "string(//tei:availability/tei:p)") == "Test rights statement."
    assert xp(root, "string(//tei:sourceDesc/tei:bibl)") == "A test fixture."
    assert xp(root, "count(//tei:respStmt[@xml:id='mini-letter-translator'])") == 1
    models = [pi for pi in root.itersiblings(preceding=True) if pi.target == "xml-model"]
    assert sorted(pi.get("href") for pi in models) == [
        "../schema/edition.rng",
        "../schema/edition.sch",
    ]


def test_word_accounting_is_exact(mini):
    result = build(load_profile(str(mini / "mini.toml")), mini / "mini.txt")
    assert result.accounting is not None
    assert result.accounting.complete and result.accounting.exact, result.accounting.describe()
    # the corrected reading and the removed footer are not counted as the seed's words
    assert result.accounting.tei == result.accounting.seed


def test_a_lost_word_is_refused(mini, monkeypatch):
    from edition.ingest import accounting

    original = accounting.tei_words
    monkeypatch.setattr(accounting, "tei_words", lambda text, p: original(text, p)[1:])
    out = mini / "out.xml"
    with pytest.raises(AccountingError, match="missing from the TEI"):
        ingest(str(mini / "mini.toml"), mini / "mini.txt", out)
    assert not out.exists()


def test_counts_in_the_profile_are_enforced(mini):
    path = mini / "mini.toml"
    path.write_text(path.read_text().replace('reason = "boilerplate"', 'reason = "x"\ncount = 2'))
    with pytest.raises(ProfileError, match="should occur 2 time"):
        build(load_profile(str(path)), mini / "mini.txt")
    path.write_text(path.read_text().replace("count = 2", "count = 1").replace(
        'corr = "Pathfinder"', 'corr = "Pathfinder"\ncount = 3'))
    with pytest.raises(ProfileError, match="should apply 3 time"):
        build(load_profile(str(path)), mini / "mini.txt")


def test_output_is_deterministic_and_atomic(mini):
    out = mini / "tei" / "mini-letter.xml"
    first = ingest(str(mini / "mini.toml"), mini / "mini.txt", out)
    assert first.report.written
    data = out.read_bytes()
    again = ingest(str(mini / "mini.toml"), mini / "mini.txt", out)
    assert again.report.unchanged and not again.report.written
    assert out.read_bytes() == data
    assert [p.name for p in out.parent.iterdir()] == ["mini-letter.xml"], "no temporary left"


def test_command_reports_and_checks(mini, run_cli):
    out = mini / "mini-letter.xml"
    code, stdout, _ = run_cli(
        "ingest", str(mini / "mini.txt"), "--profile", str(mini / "mini.toml"), "--out", str(out)
    )
    assert code == 0, stdout
    assert "notes: 2 notes, 2 of 2 calls linked" in stdout
    assert "corrections: 1" in stdout and "Pathtinder → Pathfinder ×1" in stdout
    assert "removed lines: 1" in stdout and "'Site footer to remove' (boilerplate)" in stdout
    assert "paragraphs joined across page ends: 1" in stdout
    assert "0 missing, in the seed's order" in stdout
    code, stdout, _ = run_cli(
        "ingest", str(mini / "mini.txt"), "--profile", str(mini / "mini.toml"),
        "--out", str(out), "--check",
    )
    assert code == 0 and "unchanged" in stdout
    out.write_bytes(out.read_bytes().replace(b"small", b"smaller"))
    code, stdout, _ = run_cli(
        "ingest", str(mini / "mini.txt"), "--profile", str(mini / "mini.toml"),
        "--out", str(out), "--check",
    )
    assert code == 1 and "differs" in stdout


def test_command_usage_errors(mini, run_cli):
    code, _, err = run_cli("ingest", str(mini / "mini.txt"))
    assert code == 2 and "--profile" in err
    code, _, err = run_cli("ingest", "--profile", str(mini / "mini.toml"))
    assert code == 2 and "seed" in err
    code, _, err = run_cli("ingest", "--profile", "no-such-profile")
    assert code == 2 and "no profile named" in err
