"""`edition proof`: the reading text proofread against Hunspell's English dictionaries and
the lexicon; every suspicious word placed at its line and column in the TEI.

The fixture (tests/fixtures/proof/clean/) proofreads clean; each test breaks one thing in a
copy of it and checks what is said, and where.
"""

from __future__ import annotations

import json
import shutil

import pytest
from lxml import etree

from conftest import FIXTURES, ROOT

CLEAN = FIXTURES / "proof" / "clean"

pytest.importorskip("enchant", reason="PyEnchant is not installed (scripts/setup.sh)")


@pytest.fixture
def copy(tmp_path):
    """A copy of the clean fixture directory; returns (directory, text file)."""
    target = tmp_path / "tei"
    shutil.copytree(CLEAN, target)
    return target, target / "reading.xml"


def edit(path, old: str, new: str) -> tuple[int, int]:
    """Replace `old` (once) in a file; returns the line and column where `new` begins."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    index = text.index(old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def errors(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": error: " in line]


def test_clean_fixture_passes(run_cli):
    code, out, _ = run_cli("proof", str(CLEAN))
    assert code == 0, out
    assert out == "2 files proofread: 0 undecided\n"


def test_misspelling_is_flagged_at_its_line_and_column(run_cli, copy):
    directory, text = copy
    line, column = edit(text, "commission of", "commision of")
    code, out, _ = run_cli("proof", str(directory))
    assert code == 1
    [message] = errors(out)
    assert message.startswith(f"{text}:{line}:{column}: error: “commision”"), message
    assert "perhaps “commission”" in message and message.endswith("[L001]")
    assert out.endswith("2 files proofread: 1 undecided\n")


def test_column_counts_characters_not_bytes(run_cli, copy):
    # "Orgburo’s" before the word: the curly apostrophe is three bytes, one character.
    directory, text = copy
    line, column = edit(text, "plans.</p>", "plnas.</p>")
    _, out, _ = run_cli("proof", str(directory))
    [message] = errors(out)
    assert message.startswith(f"{text}:{line}:{column}: "), message


def test_lexicon_words_pass_and_only_because_of_the_lexicon(run_cli, copy):
    directory, _ = copy
    (directory / "lexicon.txt").unlink()
    code, out, _ = run_cli("proof", "--no-suggest", str(directory))
    assert code == 1
    flagged = {m.split("“")[1].split("”")[0] for m in errors(out)}
    assert flagged == {"smychka", "bureaucratism", "NEP", "Orgburo’s", "personography"}


def test_lexicon_case_rules(run_cli, copy):
    directory, text = copy
    # A word entered in lower case may be capitalised; one entered with capitals may not
    # be lowered.
    edit(text, "of the\n        smychka", "of the\n        Smychka")
    assert run_cli("proof", str(directory))[0] == 0
    line, column = edit(text, "of the NEP", "of the nep")
    _, out, _ = run_cli("proof", "--no-suggest", str(directory))
    [message] = errors(out)
    assert message.startswith(f"{text}:{line}:{column + 7}: error: “nep”"), message


def test_lexicon_paragraph_end_without_words_is_an_error(run_cli, copy):
    directory, _ = copy
    with (directory / "lexicon.txt").open("a", encoding="utf-8") as lexicon:
        lexicon.write("¶   # the last words forgotten\n")
    code, out, _ = run_cli("proof", str(directory))
    assert code == 1
    [message] = errors(out)
    assert "lexicon.txt:" in message and message.endswith("[L020]")


def test_words_split_by_break_no_are_joined(run_cli, copy):
    directory, text = copy
    # Joined: "Opposi<lb break="no"/>tion" and "com<pb break="no"/>\n mittee" pass.
    assert run_cli("proof", str(directory))[0] == 0
    edit(text, '<lb break="no"/>', "<lb/>")
    edit(text, 'xml:id="reading-p2" break="no"/>', 'xml:id="reading-p2"/>')
    _, out, _ = run_cli("proof", "--no-suggest", str(directory))
    flagged = [m.split("“")[1].split("”")[0] for m in errors(out)]
    assert flagged == ["Opposi", "tion", "mittee"], out


def test_doubled_word(run_cli, copy):
    directory, text = copy
    line, column = edit(text, "spoke of the\n", "spoke of the the\n")
    code, out, _ = run_cli("proof", str(directory))
    assert code == 1
    [message] = errors(out)
    assert message.startswith(f"{text}:{line}:{column + 13}: error: “the the”"), message
    assert message.endswith("[L002]")


def test_had_had_is_grammar(run_cli, copy):
    directory, _ = copy
    assert run_cli("proof", str(directory))[0] == 0  # the fixture says "He had had enough"


def test_hidden_sic_and_shown_corr(run_cli, copy):
    directory, text = copy
    # The fixture's sic "tbe" is hidden; a misspelt correction is what readers see.
    line, column = edit(text, ">the</corr>", ">tbe</corr>")
    _, out, _ = run_cli("proof", str(directory))
    [message] = errors(out)
    assert message.startswith(f"{text}:{line}:{column + 1}: error: “tbe”"), message
    assert "perhaps “the”" in message


def test_foreign_words_judged_by_their_language(run_cli, copy):
    directory, text = copy
    edit(text, 'xml:lang="ru"', 'xml:lang="en"')
    _, out, _ = run_cli("proof", "--no-suggest", str(directory))
    flagged = [m.split("“")[1].split("”")[0] for m in errors(out)]
    assert flagged == ["Sotsialistichesky", "Vestnik"]


def test_names_of_the_personography_are_known(run_cli, copy):
    directory, text = copy
    # "Feliks" stands untagged in the fixture; it is known from persons.xml.
    (directory / "persons.xml").unlink()
    _, out, _ = run_cli("proof", "--no-suggest", str(directory))
    flagged = [m.split("“")[1].split("”")[0] for m in errors(out)]
    assert "Feliks" in flagged


def test_compound_kept_where_only_the_joined_word_is_known(run_cli, copy):
    directory, text = copy
    edit(text, "met in the 1920s", "met in the in-dustry of the 1920s")
    _, out, _ = run_cli("proof", str(directory))
    [message] = errors(out)
    assert "“in-dustry”: the dictionaries know only “industry”" in message
    assert message.endswith("[L003]")


def test_word_joined_where_only_the_compound_is_known(run_cli, copy):
    directory, text = copy
    edit(text, "met in the 1920s", "met in the farfetched 1920s")
    _, out, _ = run_cli("proof", str(directory))
    [message] = errors(out)
    assert "“far-fetched”" in message and message.endswith("[L004]")


def test_letters_and_figures_mixed(run_cli, copy):
    directory, text = copy
    edit(text, "met in the 1920s", "met in tbe1 1920s")
    _, out, _ = run_cli("proof", str(directory))
    [message] = errors(out)
    assert message.endswith("[L005]") and "“tbe1”" in message


def test_paragraph_broken_by_a_page_turn(run_cli, copy):
    directory, text = copy
    line, column = edit(text, "ends where the page turns.</p>", "ends where the page</p>")
    code, out, _ = run_cli("proof", str(directory))
    assert code == 1
    [message] = errors(out)
    assert message.startswith(f"{text}:{line}:{column + 18}: error: the paragraph ends "
                              "without closing punctuation where the page turns"), message
    assert "p. 3: “A new paragraph begins" in message and message.endswith("[L010]")
    # Decided in the lexicon: the paragraph does end there.
    with (directory / "lexicon.txt").open("a", encoding="utf-8") as lexicon:
        lexicon.write("¶ ends where the page   # as printed\n")
    assert run_cli("proof", str(directory))[0] == 0


def test_paragraph_continued_in_lower_case(run_cli, copy):
    directory, text = copy
    edit(text, "<p>A new paragraph", "<p>a new paragraph")
    _, out, _ = run_cli("proof", str(directory))
    [message] = errors(out)
    assert "is continued in lower case" in message and message.endswith("[L010]")


def test_json_output(run_cli, copy):
    directory, text = copy
    line, column = edit(text, "commission of", "commision of")
    code, out, _ = run_cli("proof", "--format", "json", str(directory))
    assert code == 1
    data = json.loads(out)
    assert data["valid"] is False and data["errors"] == 1
    [message] = data["messages"]
    assert message["path"] == str(text)
    assert (message["line"], message["column"], message["code"]) == (line, column, "L001")
    assert message["message"].startswith("“commision”")


def test_junit_output(run_cli, copy):
    directory, text = copy
    edit(text, "commission of", "commision of")
    code, out, _ = run_cli("proof", "--format", "junit", str(directory))
    assert code == 1
    suites = etree.fromstring(out.encode())
    suite = suites.find("testsuite")
    assert suite.get("name") == "edition proof" and suite.get("failures") == "1"
    failing = [c for c in suite.iter("testcase") if c.find("failure") is not None]
    assert [c.get("name") for c in failing] == [str(text)]
    assert "“commision”" in failing[0].find("failure").text


def test_unsafe_xml_is_refused(run_cli, copy):
    directory, text = copy
    edit(text, "<TEI ", '<!DOCTYPE TEI [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<TEI ')
    code, out, _ = run_cli("proof", str(directory))
    assert code == 1
    [message] = errors(out)
    assert message.endswith("[X002]") and "/etc/passwd" not in out, out
    assert out.endswith("2 files proofread: 0 undecided, 1 unreadable\n")


def test_missing_path_is_a_usage_error(run_cli, tmp_path):
    code, _, err = run_cli("proof", str(tmp_path / "nothing.xml"))
    assert code == 2 and "no such file" in err


def test_paragraph_broken_without_a_page_turn(run_cli, copy):
    # A blank line of the source made two paragraphs of one sentence.
    directory, text = copy
    edit(text, "the personography gives.</p>\n      <p>This paragraph",
         "the personography</p>\n      <p>gives. This paragraph")
    _, out, _ = run_cli("proof", str(directory))
    [message] = errors(out)
    assert ("ends without closing punctuation and the next goes on in lower case" in message
            and message.endswith("[L010]")), message


def test_doubling_decided_in_the_lexicon(run_cli, copy):
    directory, text = copy
    edit(text, "spoke of the\n", "spoke of the the\n")
    with (directory / "lexicon.txt").open("a", encoding="utf-8") as lexicon:
        lexicon.write("of the the   # a phrase: two column heads read as one line\n")
    assert run_cli("proof", str(directory))[0] == 0


def test_titles_are_judged_only_when_said_to_be_english(run_cli, copy):
    directory, text = copy
    edit(text, "printed\n        it,", "printed\n        it in <title>Sotsialistichesky Vestnik</title>,")
    assert run_cli("proof", str(directory))[0] == 0
    edit(text, "<title>Sotsialistichesky", "<title xml:lang=\"en\">Sotsialistichesky")
    _, out, _ = run_cli("proof", "--no-suggest", str(directory))
    flagged = [m.split("“")[1].split("”")[0] for m in errors(out)]
    assert flagged == ["Sotsialistichesky", "Vestnik"]


def test_unused_lexicon_entry_is_a_warning(run_cli, copy):
    directory, _ = copy
    with (directory / "lexicon.txt").open("a", encoding="utf-8") as lexicon:
        lexicon.write("glasnost   # no text of the fixture says it\n")
    code, out, _ = run_cli("proof", str(directory))
    assert code == 0
    [warning] = [line for line in out.splitlines() if ": warning: " in line]
    assert "lexicon.txt:" in warning and "“glasnost”" in warning
    assert warning.endswith("[L021]")
    # Proofreading one text of several says nothing of the entries the others may need.
    _, out, _ = run_cli("proof", str(directory / "reading.xml"))
    assert ": warning: " not in out


def test_lone_letters_are_judged_in_their_place(run_cli, copy):
    directory, text = copy
    # Labels, the letters of "i.e." and an abbreviation before a figure pass.
    edit(text, "A new paragraph begins on the next page.",
         "A new paragraph: (a) one, b) two, i.e. three (see p. 215). f. Four.")
    assert run_cli("proof", str(directory))[0] == 0
    # A letter standing alone mid-sentence is a misreading ("when w. recall").
    line, column = edit(text, "He had had enough", "He w. had enough")
    _, out, _ = run_cli("proof", "--no-suggest", str(directory))
    [message] = errors(out)
    assert message.startswith(f"{text}:{line}:{column + 3}: error: “w”"), message


def test_phrases_of_the_lexicon_accept_their_words_only_together(run_cli, copy):
    directory, text = copy
    edit(text, "He had had enough", "Zapad i Vostok had enough, and i")
    _, out, _ = run_cli("proof", "--no-suggest", str(directory))
    assert [m.split("“")[1].split("”")[0] for m in errors(out)] == ["Zapad", "i", "i"]
    with (directory / "lexicon.txt").open("a", encoding="utf-8") as lexicon:
        lexicon.write("Zapad i Vostok   # Trotsky's West and East\n")
    _, out, _ = run_cli("proof", "--no-suggest", str(directory))
    assert [m.split("“")[1].split("”")[0] for m in errors(out)] == ["i"]


# ---------------------------------------------------------------- the edition's own TEI

TEI = ROOT / "tei"


def test_the_committed_tei_is_proofread(run_cli):
    # Every suspicious word of the edition is decided: corrected in its ingest profile or
    # entered in tei/lexicon.txt (and no entry of the lexicon is left unneeded).
    code, out, _ = run_cli("proof", "--no-suggest", str(TEI))
    assert code == 0, out
    assert ": warning: " not in out, out
    assert out.endswith(" undecided\n") and out.splitlines()[-1].endswith(": 0 undecided")


def test_a_misspelling_in_any_text_of_the_edition_is_placed(run_cli, tmp_path):
    copy = tmp_path / "tei"
    shutil.copytree(TEI, copy)
    expected = {}
    for path in sorted(copy.glob("*.xml")):
        text = path.read_text(encoding="utf-8")
        body = text.find("<body>")
        start = text.find("<p>", body) if body >= 0 else -1
        if start < 0:
            continue
        index = start + len("<p>")
        path.write_text(text[:index] + "goverment " + text[index:], encoding="utf-8")
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        expected[str(path)] = (line, column)
    assert len(expected) >= 5  # the letter, the book and the three essays at least
    code, out, _ = run_cli("proof", "--no-suggest", str(copy))
    assert code == 1
    found = {m.split(":")[0]: tuple(map(int, m.split(":")[1:3])) for m in errors(out)}
    assert found == expected, out
    assert all("“goverment”" in m for m in errors(out))
