"""The ingest framework on a tiny source: profile checks, markup, notes, joins, corrections,
word accounting, deterministic and atomic output, the command and its report."""

from __future__ import annotations

import shutil

import pytest
from lxml import etree

from conftest import FIXTURES, ROOT
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


# ---------------------------------------------------------------- one feature at a time

BASE = """
[profile]
id = "case"
kind = "text"
[header]
title = "A case"
sources = ['<bibl>Test.</bibl>']
[[header.resp]]
id = "author"
resp = "written by"
names = [{ name = "Someone" }]
[[header.changes]]
when = "2026-11-24"
text = "Test."
"""


def case(tmp_path, seed: str, profile: str):
    (tmp_path / "case.toml").write_text(BASE + profile)
    (tmp_path / "case.txt").write_text(seed)
    result = build(load_profile(str(tmp_path / "case.toml")), tmp_path / "case.txt")
    return result, parse_bytes(result.data).root


def test_running_heads_removed_only_where_listed(tmp_path):
    seed = "Title\n\nFirst paragraph, cut\n\nTitle\n\noff by a page.\n"
    profile = """
[[text.titlepage]]
line = "Title"
part = "title"
[[text.remove]]
line = "Title"
reason = "running head"
at = [5]
[text.join]
page_splits = true
"""
    result, root = case(tmp_path, seed, profile)
    assert xp(root, "string(//tei:titlePart)") == "Title"
    assert xp(root, "string(//tei:body/tei:p)") == "First paragraph, cut off by a page."
    assert result.accounting.exact


def test_join_exceptions_must_be_used(tmp_path):
    seed = "A heading without stop\n\nA paragraph.\n"
    with pytest.raises(ProfileError, match="also_after entries never used"):
        case(tmp_path, seed, '[text.join]\npage_splits = true\nalso_after = ["nothing"]\n')
    result, root = case(
        tmp_path, seed, '[text.join]\npage_splits = true\nnever_after = ["without stop"]\n'
    )
    assert len(xp(root, "//tei:body/tei:p")) == 2


def test_quotations_nest_and_merge(tmp_path):
    seed = (
        "He said, as it were,\n\nquoted words that end here.\n\nHe wrote:\n\n"
        "First quoted paragraph.\n\nSecond quoted paragraph. [1]\n\nThird, another quote. [2]"
        "\n\n[1] One.\n\n[2] Two.\n"
    )
    profile = """
[[text.quotes]]
starts = "quoted words"
[[text.quotes]]
starts = "First quoted"
[[text.quotes]]
starts = "Second quoted"
[[text.quotes]]
starts = "Third, another"
[[text.regions]]
starts = "[1] One"
region = "notes"
[text.notes]
calls = ['\\[(?P<n>\\d+)\\]']
note = '^\\[(?P<n>\\d+)\\]\\s*'
resp = "author"
"""
    result, root = case(tmp_path, seed, profile)
    first = xp(root, "//tei:body/tei:p")[0]
    assert xp(first, "string(tei:quote)") == "quoted words that end here."
    quotes = xp(root, "//tei:body/tei:quote")
    assert len(quotes) == 2, "the quote ending with its call is not merged with the next"
    assert len(xp(quotes[0], "tei:p")) == 2
    assert result.accounting.exact


def test_table_cells_must_hold_the_lines_words(tmp_path):
    seed = "Year Figure\n1922 100\n"
    table = """
[[text.tables]]
lines = ["Year Figure", "1922 100"]
header = ["Year", "Figure"]
rows = [["1922", {{ text = "{cell}", cert = "low" }}]]
"""
    result, root = case(tmp_path, seed, table.format(cell="100"))
    assert xp(root, "string(//tei:row[2]/tei:cell[2]/@cert)") == "low"
    assert xp(root, "string(//tei:row[1]/@role)") == "label"
    with pytest.raises(ProfileError, match="exactly the words of its lines"):
        case(tmp_path, seed, table.format(cell="1000"))


def test_citations_follow_ibid_chains(tmp_path):
    seed = (
        "Text [1] and [2] and [3] and [4].\n\n1. Author, Work (1975), pp.55-6.\n\n"
        "2. Ibid., p.58, 60-1.\n\n3. Ibid.\n\n4. Other, Book, p.9.\n"
    )
    profile = """
[[text.regions]]
starts = "1. Author"
region = "notes"
[text.notes]
calls = ['\\[(?P<n>\\d+)\\]']
note = '^(?P<n>\\d+)\\.\\s+'
resp = "author"
[[text.citations]]
work = 'Work \\(1975\\)'
ibid = 'Ibid\\.'
target = "work.xml#p{page}"
"""
    result, root = case(tmp_path, seed, profile)
    targets = [t for t in xp(root, "//tei:note//tei:ref/@target")]
    assert targets == ["work.xml#p55", "work.xml#p58", "work.xml#p60", "work.xml#p60"]
    assert not xp(root, "//tei:note[@n='4']//tei:ref")
    assert result.accounting.exact


def test_bare_calls_and_project_notes(tmp_path):
    seed = "It was “independent” 15 people.\n\n[15] The note.\n"
    profile = """
[[text.regions]]
starts = "[15] The note"
region = "notes"
[text.notes]
calls = ['<sup>\\[(?P<n>\\d+)\\]</sup>']
bare_calls = [{ context = "“independent” 15 people", call = "15" }]
note = '^\\[(?P<n>\\d+)\\]\\s*'
resp = "author"
[[text.editorial_notes]]
after = "people."
text = "A note of the project."
"""
    result, root = case(tmp_path, seed, profile)
    assert xp(root, "string(//tei:ref[@type='noteref']/@target)") == "#case-n15"
    note = xp(root, "//tei:body//tei:note[@type='project']")[0]
    assert note.get("resp") == "persons.xml#edition-project"
    assert result.accounting.exact, "the project's note is not counted as the seed's words"


def test_unresolved_call_is_an_error(tmp_path):
    seed = "Text [2].\n\n[1] Note.\n"
    profile = """
[[text.regions]]
starts = "[1] Note"
region = "notes"
[text.notes]
calls = ['\\[(?P<n>\\d+)\\]']
note = '^\\[(?P<n>\\d+)\\]\\s*'
resp = "author"
"""
    with pytest.raises(ProfileError, match=r"note calls without a note: \['2'\]"):
        case(tmp_path, seed, profile)


def test_unknown_resp_is_an_error(tmp_path):
    with pytest.raises(ProfileError, match="resp 'nobody'"):
        case(tmp_path, "[1] x\n", '[text.notes]\nnote = \'^\\[(?P<n>\\d+)\\]\'\nresp = "nobody"\n'
             '[[text.regions]]\nstarts = "[1]"\nregion = "notes"\n')


def test_personography_refuses_a_form_for_two_persons(tmp_path):
    from edition.ingest.personography import name_forms

    text = (ROOT / "src/edition/ingest/profiles/persons.toml").read_text()
    text += '\n[[person]]\nid = "other"\nnames = ["Trotsky"]\n'
    path = tmp_path / "persons.toml"
    path.write_text(text)
    with pytest.raises(ProfileError, match="'Trotsky' names both trotsky and other"):
        name_forms(load_profile(str(path)))
    path.write_text(text.replace('names = ["Trotsky"]', 'names = ["X"]\nrole = "r"'))
    from edition.ingest.personography import entries

    with pytest.raises(ProfileError, match="role_source"):
        entries(load_profile(str(path)))
