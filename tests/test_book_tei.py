"""The committed TEI of the book: checks that need no seed (they run everywhere)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from edition.xml import parse_file

BOOK = ROOT / "tei" / "challenge-1923-25.xml"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def book():
    return parse_file(BOOK).tree


def test_every_printed_page_has_its_pb_in_order(book):
    numbered = book.xpath("//t:text//t:pb[@n]", namespaces=NS)
    numbers = [int(pb.get("n")) for pb in numbered]
    assert numbers == list(range(13, 430))  # complete, strictly increasing, no gaps
    assert all(pb.get(XML_ID) == f"p{pb.get('n')}" for pb in numbered)
    # The only page whose number is printed nowhere: the list of books (p. 429).
    supplied = [pb.get("n") for pb in numbered if pb.get("type") == "supplied"]
    assert supplied == ["429"]
    assert all(pb.get("resp") for pb in numbered if pb.get("type") == "supplied")


def test_unnumbered_pages_have_ids_and_no_number(book):
    unnumbered = book.xpath("//t:pb[@type='unnumbered']", namespaces=NS)
    assert [pb.get(XML_ID) for pb in unnumbered] == [
        "front-cover", "title-page", "copyright-page", "contents-page", "about-author-page",
        "back-cover",
    ]
    assert not any(pb.get("n") for pb in unnumbered)


def test_pages_break_mid_paragraph_and_mid_word(book):
    inside = book.xpath("//t:p/t:pb", namespaces=NS)
    assert len(inside) > 250  # most pages turn inside a paragraph
    no_break = book.xpath("//t:pb[@break='no']", namespaces=NS)
    assert len(no_break) > 40
    # "Opposi-" / "tion" across pages 17-18 and the like: text glued on both sides.
    for pb in no_break:
        before = pb.getprevious().tail if pb.getprevious() is not None else pb.getparent().text
        assert before is None or not before.endswith(" ")


def test_every_endnote_is_linked_once(book):
    notes = book.xpath("//t:div[@xml:id='notes']/t:note", namespaces=NS)
    assert [n.get("n") for n in notes] == [str(i) for i in range(1, 45)]
    calls = book.xpath("//t:ref[@type='noteref']", namespaces=NS)
    targets = [c.get("target") for c in calls]
    linked = [n for n in notes if targets.count("#" + n.get(XML_ID)) == 1]
    assert len(linked) / len(notes) >= 0.97  # the floor; in fact every note is linked
    assert len(linked) == 44
    # Calls stand in the order of the notes (the numbering runs through the book).
    assert targets == [f"#note-{i}" for i in range(1, 45)]
    assert all(n.get("resp") for n in notes)


def test_garbled_calls_keep_the_ocr_reading(book):
    call = book.xpath("//t:ref[@target='#note-19']", namespaces=NS)[0]
    assert call.xpath("string(t:choice/t:sic)", namespaces=NS) == "!9"
    assert call.xpath("string(t:choice/t:corr)", namespaces=NS) == "19"
    lost = book.xpath("//t:ref[@target='#note-6']/t:supplied", namespaces=NS)
    assert lost and lost[0].text == "6"


def test_footnotes_stand_at_their_calls(book):
    footnotes = book.xpath("//t:note[@place='foot']", namespaces=NS)
    assert len(footnotes) == 34
    assert all(n.get("resp") and n.get("n") in ("*", "**") for n in footnotes)
    # The footnote of p. 54 is called from the text of p. 54.
    note = book.xpath("//t:note[@xml:id='footnote-fn54']", namespaces=NS)[0]
    assert note.xpath("string(preceding::t:pb[1]/@n)", namespaces=NS) == "54"
    assert "Notes begin on" in "".join(note.itertext())


def test_writings_have_heads_dates_and_editorial_notes(book):
    writings = book.xpath("//t:div[@type='writing']", namespaces=NS)
    assert len(writings) >= 15
    for div in writings:
        assert div.find("t:head", NS) is not None
    letter = book.xpath("//t:div[@xml:id='first-letter']", namespaces=NS)[0]
    assert letter.xpath("string(t:dateline/t:docDate/@when)", namespaces=NS) == "1923-10-08"
    note = letter.find("t:note[@type='editorial']", NS)
    assert note is not None and note.get("resp")
    assert "".join(note.itertext()).rstrip().endswith("—Ed.")


def test_corrections_are_marked_never_silent(book):
    choices = book.xpath("//t:text//t:choice", namespaces=NS)
    assert len(choices) > 100
    for choice in choices:
        corr = choice.find("t:corr", NS)
        assert choice.find("t:sic", NS) is not None and corr is not None
        assert corr.get("resp")
    pathfinder = book.xpath("//t:choice[t:sic='Pathtinder']/t:corr", namespaces=NS)
    assert pathfinder and pathfinder[0].text == "Pathfinder"


def test_cross_references_point_at_pages(book):
    ids = set(book.xpath("//@xml:id", namespaces=NS))
    refs = book.xpath("//t:text//t:ref[not(@type)][starts-with(@target, '#p')]",
                      namespaces=NS)
    assert len(refs) >= 14
    for ref in refs:
        for target in ref.get("target").split():
            assert target[1:] in ids
    see_227 = [r for r in refs if r.get("target") == "#p227"]
    assert see_227 and re.fullmatch(r"p\. 227", "".join(see_227[0].itertext()))


def test_header_states_the_copyright_page(book):
    full = book.xpath("//t:sourceDesc/t:biblFull", namespaces=NS)[0]
    idnos = {(i.get("type"), i.get("n")): i.text for i in full.iterfind(".//t:idno", NS)}
    assert idnos[("ISBN", "cloth")] == "0-87348-424-X"
    assert idnos[("ISBN", "paper")] == "0-87348-450-9"
    assert idnos[("LCCN", None)] == "75-2714"
    assert full.xpath("string(t:publicationStmt/t:publisher)", namespaces=NS).startswith(
        "Pathfinder Press")
    assert full.xpath("string(t:publicationStmt/t:date/@when)", namespaces=NS) == "1975"


def test_index_entries_link_every_page_number(book):
    items = book.xpath("//t:div[@type='index']/t:list[@type='index']/t:item", namespaces=NS)
    assert len(items) > 250
    ids = set(book.xpath("//@xml:id", namespaces=NS))
    refs = book.xpath("//t:div[@type='index']//t:ref", namespaces=NS)
    assert len(refs) > 1200
    for ref in refs:
        for target in ref.get("target").split():
            assert target[1:] in ids, target
    adler = next(i for i in items
                 if "".join(i.find("t:term", NS).itertext()) == "Adler, V.")
    # "416n": the note printed on p. 416 that names Adler (note 18).
    assert [r.get("target") for r in adler.iterfind("t:ref", NS)] == ["#p125 #p126",
                                                                       "#note-18"]
    # An entry's page number in the OCR's text equals the page it points at.
    for ref in refs:
        text = "".join(ref.itertext())
        first = re.match(r"\d+", text)
        if first and ref.get("target").startswith("#p"):
            assert ref.get("target").split()[0] == f"#p{first.group(0)}"


def test_contents_entries_point_at_their_divisions_and_pages(book):
    items = book.xpath("//t:div[@type='contents']/t:list/t:item", namespaces=NS)
    assert len(items) == 73  # every entry the contents print
    ids = set(book.xpath("//@xml:id", namespaces=NS))
    for item in items:
        title = item.find("t:ref", NS)
        assert title.get("target")[1:] in ids
        page = item.find("t:ref[@type='page']", NS)
        if page is None:
            continue
        # the printed (or supplied) number is the page the division begins on
        div = book.xpath(f"//t:div[@xml:id='{title.get('target')[1:]}']", namespaces=NS)[0]
        own = div.find("t:pb", NS)
        start = own.get("n") if own is not None and div.index(own) == 0 else \
            div.xpath("string(preceding::t:pb[@n][1]/@n)", namespaces=NS)
        assert page.get("target") == f"#p{start}"


def test_persons_are_tagged_against_the_personography(book):
    names = book.xpath("//t:text//t:persName", namespaces=NS)
    assert len(names) > 1000
    persons = parse_file(ROOT / "tei" / "persons.xml").tree
    ids = set(persons.xpath("//t:person/@xml:id", namespaces=NS))
    refs = {n.get("ref") for n in names}
    assert all(r.startswith("persons.xml#") and r.split("#")[1] in ids for r in refs)
    # everyone the endnotes identify by role, e.g. Kuibyshev (note 3), Glazman (note 37)
    for person, note in (("kuibyshev", 3), ("glazman", 37), ("parvus", 39), ("dawes", 44)):
        tagged = book.xpath(f"//t:note[@xml:id='note-{note}']//t:persName/@ref",
                            namespaces=NS)
        assert f"persons.xml#{person}" in tagged


def test_back_matter_lists(book):
    gloss = book.xpath("//t:div[@xml:id='abbreviations']/t:list[@type='gloss']",
                       namespaces=NS)[0]
    labels = ["".join(label.itertext()) for label in gloss.iterfind("t:label", NS)]
    assert labels == ["Gosplan", "NEP", "Politburo", "Rabkrin", "smychka",
                      "Social Revolutionary Party (SRs)", "War communism"]
    assert len(gloss.findall("t:item", NS)) == len(labels)
    bibls = book.xpath("//t:div[@xml:id='further-reading']/t:listBibl/t:bibl", namespaces=NS)
    assert len(bibls) == 23
    books = book.xpath("//t:div[@xml:id='trotsky-books']/t:list/t:item", namespaces=NS)
    assert len(books) > 50
    note = book.xpath("//t:div[@xml:id='trotsky-books']/t:head/t:note", namespaces=NS)
    assert note and "This list includes" in "".join(note[0].itertext())


def test_tables_legible_as_tables_illegible_as_gaps(book):
    table = book.xpath("//t:table[@xml:id='table-order-1042']", namespaces=NS)[0]
    rows = table.findall("t:row", NS)
    assert len(rows) == 14 and rows[0].get("role") == "label"
    october = rows[5].findall("t:cell", NS)
    assert october[0].find("t:note[@place='foot']", NS) is not None  # its footnote call
    assert october[2].find("t:unclear", NS) is not None  # "öl": doubtful, not corrected
    assert rows[-1].find("t:cell/t:gap", NS) is not None
    gaps = book.xpath("//t:body//t:gap[@reason='illegible'][@unit='line']", namespaces=NS)
    pages = [g.xpath("string(preceding::t:pb[1]/@n)", namespaces=NS) for g in gaps]
    assert pages == ["377", "378", "379", "382"]
    assert all(g.find("t:desc", NS) is not None and int(g.get("quantity")) > 0 for g in gaps)


def test_covers_transcribed_as_far_as_legible(book):
    cover = book.xpath("//t:div[@xml:id='back-cover-text']", namespaces=NS)[0]
    text = "".join(cover.xpath(".//text()[not(ancestor::t:sic)][not(ancestor::t:unclear)]",
                               namespaces=NS))
    assert "letters to the Central Committee of October 1923" in text
    assert len(cover.findall(".//t:unclear", NS)) > 15
    assert all(u.get("reason") for u in cover.iterfind(".//t:unclear", NS))
    assert book.xpath("//t:pb[@xml:id='back-cover']/following-sibling::*[1]/@xml:id",
                      namespaces=NS) == ["back-cover-text"]


def test_footnotes_say_whose_they_are(book):
    resp = {n.get(XML_ID): n.get("resp") for n in book.xpath("//t:note[@place='foot']",
                                                             namespaces=NS)}
    assert resp["footnote-fn138"] == "persons.xml#trotsky"  # "—" / "L.T." on its own line
    assert resp["footnote-fn116"] == "persons.xml#trotsky"  # "—ET.:" corrected to "—L.T."
    assert resp["footnote-fn401"] == "persons.xml#carr"
    assert resp["footnote-fn61"] == "#challenge-1923-25-editor"
