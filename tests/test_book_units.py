"""The book ingest's parts on small excerpts: hyphenation, paragraphs, note calls, inline."""

from __future__ import annotations

from lxml import etree

from edition.ingest.book.flow import Item
from edition.ingest.book.hyphenation import Lexicon, split_at_line_end
from edition.ingest.book.index import link_cross_references
from edition.ingest.book.inline import Joiner, Span, element, render
from edition.ingest.book.notes import find_calls, parse_endnotes, readings
from edition.ingest.book.outline import ParagraphRules, paragraphs
from edition.ingest.book.pages import Page
from edition.ingest.book.seed import SeedLine
from edition.xml import TEI_NS

LEXICON_TEXT = """\
the Left Opposition grew; the Opposition was a pro-kulak
bogey, said the critics of the opposition and of the half-hearted.
"""


def items(*texts: str, start: int = 1) -> list[Item]:
    out = []
    for offset, text in enumerate(texts):
        if text == "<page>":
            out.append(Item("page", page=Page(99, "p99", start + offset)))
        elif text == "":
            out.append(Item("blank", line=SeedLine(start + offset, "")))
        else:
            out.append(Item("line", line=SeedLine(start + offset, text)))
    return out


def test_hyphenation_follows_the_books_evidence():
    lexicon = Lexicon(LEXICON_TEXT.splitlines())
    assert lexicon.decide("Opposi", "tion").join  # printed whole mid-line
    assert not lexicon.decide("pro", "kulak").join  # printed with its hyphen
    assert not lexicon.decide("half", "hearted").join
    assert lexicon.decide("opposi", "tions").evidence == "whole-stem"
    assert lexicon.decide("interpola", "tions").evidence == "fragment"
    undecided = lexicon.decide("the", "critics")  # both words, no evidence either way
    assert not undecided.decided
    assert split_at_line_end("the Opposi-", "tion grew") == ("Opposi", "tion")
    # A prefix printed in compounds elsewhere ("pro-tsarist"), before a word: a compound.
    compounds = Lexicon(["the pro-tsarist press and the capitalist class"])
    assert compounds.decide("pro", "capitalist").evidence == "compound-head"
    assert not compounds.decide("pro", "capitalist").join
    assert split_at_line_end("in 1924-", "25 the") is None  # a number range is no word


def test_joiner_places_a_page_break_inside_a_hyphenated_word():
    joiner = Joiner(Lexicon(LEXICON_TEXT.splitlines()), set(), set())
    joined = joiner.join(items("the Left Opposi-", "<page>", "tion grew"),
                         lambda page, no_break: _pb(page, no_break))
    assert joined.text == "the Left Opposition grew"
    p = etree.Element(f"{{{TEI_NS}}}p", nsmap={None: TEI_NS})
    render(p, joined.text, joined.events)
    assert etree.tostring(p, encoding="unicode").endswith(
        'the Left Opposi<pb n="99" break="no"/>tion grew</p>')
    assert joiner.hyphen_joins[0].across_page


def _pb(page, no_break):
    def build(parent, _inner):
        pb = element(parent, "pb", n=str(page.n))
        if no_break:
            pb.set("break", "no")
    return build


def test_nested_spans_render_as_elements():
    p = etree.Element(f"{{{TEI_NS}}}p", nsmap={None: TEI_NS})

    def choice(parent, inner):
        c = element(parent, "choice")
        inner(element(c, "sic"))
        element(c, "corr").text = "Pathfinder"

    render(p, "Pathtinder Press", [Span(0, 10, choice, "correction")])
    assert etree.tostring(p, encoding="unicode").endswith(
        "<choice><sic>Pathtinder</sic><corr>Pathfinder</corr></choice> Press</p>")


def test_paragraphs_join_across_pages_and_spurious_blanks():
    blocks = paragraphs(items(
        "The first paragraph runs on to the next", "<page>", "", "page and ends here.",
        "", "A new one starts in his own", "", "", "mind? It goes on.",
        "", "Short and done.", "", "Another.",
    ), ParagraphRules())
    texts = [" ".join(i.text for i in b.items if i.kind == "line") for b in blocks
             if b.kind == "p"]
    assert texts == [
        "The first paragraph runs on to the next page and ends here.",
        "A new one starts in his own mind? It goes on.",
        "Short and done.",
        "Another.",
    ]
    forced = paragraphs(items("Why?", "", "How? Not so."), ParagraphRules(join_after={1}))
    assert len([b for b in forced if b.kind == "p"]) == 1


def test_garbled_note_calls_are_read_in_sequence():
    confusions = {"!": "1", "?": "237", "°": "05", "‘": "4"}
    assert "19" in readings("!9", confusions)
    assert "40" in readings("‘°", confusions)
    lines = items(
        "we have an answer? Not at all.",  # a real question mark is no call
        "the seizure of power.!",  # note 1
        "the trade unions.?",  # note 2
        "attracted attention.3 Why?",
        "the otsovists!° invariably",  # 10 is not due yet: not taken for 4
    )
    sites, missing = find_calls(lines, 4, 1, 5, confusions, [
        {"n": 4, "line": 5, "after": "the otsovists", "call": "!°", "why": "stated"},
    ])
    assert [(s.n, s.line, s.ocr, s.method) for s in sites.values()] == [
        (1, 2, "!", "read"), (2, 3, "?", "read"), (3, 4, "3", "read"),
        (4, 5, "!°", "profile"),
    ]
    assert missing == []


def test_endnotes_are_split_by_their_numbers():
    notes = parse_endnotes(items(
        "1. The first note, which runs", "over two lines.", "<page>",
        "2. The second note, on the events of", "1922. and after: a number, not a note.",
        "3. The third note.",
    ), 3)
    assert [n.n for n in notes] == [1, 2, 3]
    assert [i.text for i in notes[1].items if i.kind == "line"] == [
        "2. The second note, on the events of", "1922. and after: a number, not a note."]
    assert notes[1].before and notes[1].before[0].kind == "page"


INDEX = f"""<list xmlns="{TEI_NS}" type="index">
<item><term>Comintern</term>, see Communist International</item>
<item><term>Democracy</term>, see Workers’ democracy</item>
<item><term>Kulaks</term>, <ref target="#p30">30</ref>; see also Peasantry and Smychka</item>
<item><term>Left faction</term>, <ref target="#p81">81</ref>; see also<pb n="426"/>Trotsky, L.</item>
<item><term>Peasantry</term>, <ref target="#p20">20</ref></item>
<item><term>Party, role of</term>, <ref target="#p5">5</ref></item>
<item><term>Smychka (alliance of workers and peasants)</term>, <ref target="#p9">9</ref></item>
<item><term>Trotsky, L.</term>, <ref target="#p1">1</ref></item>
<item xml:id="wd"><term>Workers’ democracy</term>, <ref target="#p7">7</ref></item>
</list>"""


def test_index_see_references_link_the_entries_they_name():
    listing = etree.fromstring(INDEX)
    made, unresolved = link_cross_references(listing, {"index-peasantry"})
    refs = {r.text: r.get("target") for r in listing.iter(f"{{{TEI_NS}}}ref")
            if r.get("type") == "see"}
    assert refs == {
        "Workers’ democracy": "#wd",  # an entry's own id is kept
        "Peasantry": "#index-peasantry-2",  # a new id never takes one in use
        "Smychka": "#index-smychka",  # named without its parenthesis
        "Trotsky, L.": "#index-trotsky-l",  # across a page break, with its full stop
    }
    # No entry is called "Communist International"; "Party, role of" is not its target.
    assert (made, unresolved) == (4, ["Communist International"])
    kulaks = listing[2]
    assert "".join(kulaks.itertext()) == "Kulaks, 30; see also Peasantry and Smychka"
