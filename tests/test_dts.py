"""`edition build --format dts`: the static DTS 1.0 API. The fixture corpus of the EPUB tests
(tests/fixtures/epub: a book of parts, writings and numbered sections with page breaks
inside paragraphs and between divisions; an essay; the edition header), given the citation
trees ingest declares (a book's writings and pages; a text's divisions and paragraphs), and
another project's TEI (no refsDecl; its own refsDecl; a refsDecl whose XPath would read a
file). The whole API is walked from its entry point, every URI template expanded as
RFC 6570 says; what the units, pages and passages are is checked by hand. Built once per
module."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import FIXTURES
from edition.build import run_build
from edition.checks.dts import walk
from edition.dts.uri import expand, file_for
from edition.dts.xpaths import refusal
from edition.ingest.citation import declare
from edition.xml import TEI_NS, parse_bytes, parse_file

T = f"{{{TEI_NS}}}"
WRAPPER = "{https://w3id.org/api/dts#}wrapper"
EPOCH = "1700000000"


def own_corpus(tei: Path) -> Path:
    """The EPUB fixtures, with the trees ingest declares for a book and for a text."""
    shutil.copytree(FIXTURES / "epub", tei)
    for name, kind in (("book.xml", "book"), ("essay.xml", "text")):
        tree = parse_file(tei / name).tree
        declare(tree.getroot(), kind)
        tree.write(str(tei / name), xml_declaration=True, encoding="UTF-8")
    return tei


def build(tei: Path, out: Path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return run_build(tei, out, ["dts"], jobs=1)


@pytest.fixture(scope="module")
def api(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dts")
    result = build(own_corpus(root / "tei"), root / "out")
    assert result.ok, result.validation
    return root / "out" / "dts"


def get(api: Path, url: str):
    """What the static API answers to a URL (relative to the API), as a server with the
    README's rewrite rules would serve it."""
    path = api / file_for(url)
    data = path.read_bytes()
    return json.loads(data) if path.suffix == ".json" else parse_bytes(data, str(path)).root


def navigation(api: Path, **values):
    entry = get(api, "./")
    return get(api, expand(entry["navigation"], values))


def document(api: Path, **values):
    entry = get(api, "./")
    return get(api, expand(entry["document"], values))


def ids(response) -> list[str]:
    return [unit["identifier"] for unit in response["member"]]


def words(element) -> str:
    return " ".join("".join(element.itertext()).split())


# -- URI templates

@pytest.mark.parametrize("template, expected", [
    # RFC 6570 §1.2 and §3.2, levels 1 to 4 (string values).
    ("{var}", "value"), ("{hello}", "Hello%20World%21"), ("{+hello}", "Hello%20World!"),
    ("{+path}/here", "/foo/bar/here"), ("X{#var}", "X#value"), ("{x,y}", "1024,768"),
    ("{+x,hello,y}", "1024,Hello%20World!,768"), ("X{.var}", "X.value"),
    ("{/var,x}/here", "/value/1024/here"), ("{;x,y,empty}", ";x=1024;y=768;empty"),
    ("{?x,y,empty}", "?x=1024&y=768&empty="), ("?fixed=yes{&x}", "?fixed=yes&x=1024"),
    ("{?x,undef,y}", "?x=1024&y=768"), ("{var:3}", "val"), ("{?var:3}", "?var=val"),
    ("{undef}", ""), ("{?undef}", ""),
])
def test_uri_templates_expand_as_rfc_6570_says(template, expected):
    values = {"var": "value", "hello": "Hello World!", "path": "/foo/bar", "x": 1024,
              "y": 768, "empty": "", "undef": None}
    assert expand(template, values) == expected


def test_a_request_is_answered_by_the_file_named_by_its_query():
    assert file_for("navigation?resource=book&ref=w1&down=1") == (
        "navigation/resource=book&ref=w1&down=1.json")
    assert file_for("collection") == "collection/index.json"
    assert file_for("./") == file_for("") == "index.json"
    assert file_for("document?resource=book") == "document/resource=book.xml"
    assert file_for("elsewhere?x=1") is None


# -- the whole API, walked as a client walks it

def test_every_request_the_entry_point_advertises_is_answered(api):
    walked = walk(api)
    assert walked.messages == []
    files = {p.relative_to(api).as_posix() for p in api.rglob("*") if p.is_file()}
    assert walked.reached == files  # and no file is left unreached
    assert walked.requests >= len(files) > 200


def test_edition_check_finds_a_request_unanswered_and_a_broken_passage(api, tmp_path,
                                                                       run_cli):
    out = tmp_path / "out"
    shutil.copytree(api, out / "dts")
    (out / "dts" / "navigation" / "resource=book&ref=book-w1&down=0.json").unlink()
    (out / "dts" / "document" / "resource=book&ref=book-w2.p1.xml").write_text("<TEI")
    (out / "dts" / "navigation" / "resource=book&ref=gone.json").write_text("{}")
    code, stdout, _ = run_cli("check", "--out", str(out), "--source", str(api.parent.parent
                                                                          / "tei"),
                              "--only", "dts")
    assert code == 1
    assert "ref=book-w1&down=0.json: error: DTS: navigation?resource=book&ref=book-w1&" \
           "down=0: no file answers this request [C070]" in stdout
    assert "ref=book-w2.p1.xml: error: DTS: document?resource=book&ref=book-w2.p1: not " \
           "well-formed XML" in stdout
    assert "ref=gone.json: warning: DTS: a file no request of the API reaches" in stdout


def test_the_entry_point_and_the_edition_collection(api):
    entry = get(api, "./")
    assert entry["@type"] == "EntryPoint" and entry["dtsVersion"] == "1.0"
    assert entry["@context"] == "https://dtsapi.org/context/v1.0.json"
    root = get(api, expand(entry["collection"], {}))
    assert root == get(api, expand(entry["collection"], {"id": "edition"}))
    assert root["@type"] == "Collection" and root["totalParents"] == 0
    assert [m["@id"] for m in root["member"]] == ["book", "essay"]  # the reading order
    assert root["totalChildren"] == 2
    book = root["member"][0]
    assert book["@type"] == "Resource" and book["title"] == "A Book of Writings"
    dublin = book["dublinCore"]
    assert {"lang": "en", "value": "Leon Trotsky"} in dublin["creator"]
    assert dublin["license"] == ["https://creativecommons.org/licenses/by/4.0/"]
    assert dublin["language"] == ["en"] and dublin["created"] == ["1975"]
    assert any("Pathfinder Press" in s["value"] for s in dublin["source"])
    parents = get(api, expand(book["collection"], {"nav": "parents"}))
    assert [p["@id"] for p in parents["member"]] == ["edition"]


def test_the_book_declares_its_writings_and_its_pages(api):
    book = get(api, "collection?id=book")
    trees = book["citationTrees"]
    assert "identifier" not in trees[0] and trees[1]["identifier"] == "pages"
    assert [s["citeType"] for s in trees[0]["citeStructure"]] == ["writing", "section"]
    chapter = trees[0]["citeStructure"][0]["citeStructure"]
    assert [s["citeType"] for s in chapter] == ["chapter", "paragraph"]
    assert trees[1]["citeStructure"] == [{"@type": "CiteStructure", "citeType": "page"}]


def test_units_in_document_order_with_references_from_the_citestructure(api):
    whole = navigation(api, resource="book", down=-1)
    assert ids(whole) == [
        "book-preface", "book-preface.p1",
        "book-w1", "book-w1.p1", "book-w1.s1", "book-w1.s1.p1", "book-w1.s2", "book-w1.s2.p1",
        "book-w2", "book-w2.p1",
        "book-notes", "book-index"]
    first = whole["member"][2]
    assert first == {"identifier": "book-w1", "@type": "CitableUnit", "level": 1,
                     "parent": None, "citeType": "writing",
                     "dublinCore": {"title": [{"lang": "en", "value": "The first writing"}]}}
    assert whole["member"][4]["parent"] == "book-w1" and whole["member"][4]["level"] == 2
    assert ids(navigation(api, resource="book", down=1)) == [
        "book-preface", "book-w1", "book-w2", "book-notes", "book-index"]


def test_navigation_from_a_unit_follows_the_down_table(api):
    alone = navigation(api, resource="book", ref="book-w1")
    assert alone["ref"]["identifier"] == "book-w1" and "member" not in alone
    assert ids(navigation(api, resource="book", ref="book-w1", down=1)) == [
        "book-w1", "book-w1.p1", "book-w1.s1", "book-w1.s2"]
    assert ids(navigation(api, resource="book", ref="book-w1", down=-1)) == [
        "book-w1", "book-w1.p1", "book-w1.s1", "book-w1.s1.p1", "book-w1.s2",
        "book-w1.s2.p1"]
    assert ids(navigation(api, resource="book", ref="book-w1.s1", down=0)) == [
        "book-w1.p1", "book-w1.s1", "book-w1.s2"]  # its siblings, itself among them
    leaf = navigation(api, resource="book", ref="book-w2.p1", down=3)
    assert ids(leaf) == ["book-w2.p1"]
    assert leaf["@id"] == "navigation?resource=book&ref=book-w2.p1&down=3"


def test_pages_are_a_second_tree_cut_between_page_breaks(api):
    pages = navigation(api, resource="book", down=1, tree="pages")
    assert ids(pages) == ["book-cover", "1", "2", "3", "4", "5", "6"]
    page3 = document(api, resource="book", ref="3", tree="pages")
    passage = page3.find(WRAPPER)
    # From the pb between front and body into the paragraph that page 4 interrupts.
    assert passage is not None and passage[0].tag == f"{T}text"
    text = words(passage)
    assert "Part One" in text and text.endswith("and a word broken over the page: Opposi")
    assert "tion." not in text and "Preface" not in text
    page4 = words(document(api, resource="book", ref="4", tree="pages").find(WRAPPER))
    assert page4.startswith("tion. A second call") and "The second writing" not in page4
    last = words(document(api, resource="book", ref="6", tree="pages").find(WRAPPER))
    assert "The second endnote." in last and "Opposition, 3–4" in last


def test_a_unit_is_its_tei_in_a_dts_wrapper(api):
    fragment = document(api, resource="book", ref="book-w1.s2")
    assert fragment.tag == f"{T}TEI"
    wrapped = fragment.find(WRAPPER)
    assert [e.get("{http://www.w3.org/XML/1998/namespace}id") for e in wrapped] == [
        "book-w1-s2"]
    assert words(wrapped) == "II Another numbered part."
    header = fragment.find(f"{T}teiHeader")
    assert header.findtext(f".//{T}licence") == "CC BY 4.0"  # the text's own statement
    whole = document(api, resource="book")
    assert whole.tag == f"{T}TEI" and whole.find(WRAPPER) is None
    assert whole.find(f"{T}teiHeader/{T}encodingDesc/{T}refsDecl") is not None


def test_a_text_of_ours_is_cited_by_its_divisions_and_paragraphs(api):
    essay = navigation(api, resource="essay", down=-1)
    assert ids(essay) and all(i.split(".")[-1].startswith("p") or i[0].isdigit()
                              or i.startswith(("front", "back")) for i in ids(essay))
    paragraphs = [u for u in essay["member"] if u["citeType"] == "paragraph"]
    assert paragraphs and paragraphs[0]["identifier"].endswith("p1")


def test_the_export_is_the_same_bytes_when_built_again(api, tmp_path):
    again = tmp_path / "again"
    assert build(own_corpus(tmp_path / "tei"), again).ok
    ours = sorted(p.relative_to(api) for p in api.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(again / "dts") for p in (again / "dts").rglob("*")
                    if p.is_file())
    assert ours == theirs
    assert all((api / p).read_bytes() == (again / "dts" / p).read_bytes() for p in ours)


def test_the_export_is_packaged_for_an_archive(api, tmp_path, run_cli, monkeypatch):
    bagit = pytest.importorskip("bagit")
    import zipfile

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # as it was built
    tei, out = api.parent.parent / "tei", api.parent
    code, stdout, err = run_cli("package", "--source", str(tei), "--build-dir", str(out),
                                "--format", "dts", "--out", str(tmp_path / "api.zip"))
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "api.zip") as archive:
        archive.extractall(tmp_path)
    bag = bagit.Bag(str(tmp_path / "api"))
    bag.validate()
    assert (tmp_path / "api" / "data" / "output" / "dts" / "index.json").is_file()


def test_the_files_of_a_unit_no_longer_cited_are_removed(tmp_path):
    tei = own_corpus(tmp_path / "tei")
    assert build(tei, tmp_path / "out").ok
    api = tmp_path / "out" / "dts"
    gone = api / "navigation" / "resource=book&ref=book-w1.s2.p1&down=0.json"
    assert gone.is_file()
    book = tei / "book.xml"  # the section loses its paragraph
    book.write_text(book.read_text().replace(
        "<head>II</head>\n            <p>Another numbered part.</p>", "<head>II</head>"))
    assert build(tei, tmp_path / "out").ok
    assert not gone.is_file() and not (api / "document" / "resource=book&ref=book-w1.s2.p1"
                                               ".xml").is_file()
    assert walk(api).messages == []


# -- another project's TEI

def foreign(title: str, header: str, body: str) -> str:
    return f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>{title}</title>
</titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
</fileDesc><encodingDesc>{header}</encodingDesc></teiHeader><text><body>{body}</body></text>
</TEI>"""


ACTS = ('<div type="act" n="I"><head>Act <choice><sic>0ne</sic><corr>One</corr></choice>'
        '</head><div type="scene"><p>First scene.</p></div><div type="scene"><p>Second.</p>'
        '</div></div><div type="act" n="II"><head>Act Two</head><p>Only words.</p></div>')


@pytest.fixture(scope="module")
def foreign_api(tmp_path_factory) -> tuple[Path, list[str]]:
    source = tmp_path_factory.mktemp("foreign") / "plays"
    source.mkdir()
    (source / "plain.xml").write_text(foreign("Plain", "", ACTS))
    (source / "verses.xml").write_text(foreign("Verses", """<refsDecl>
  <citeStructure unit="act" match="/TEI/text/body/div" use="@n">
    <citeStructure unit="scene" match="div" use="position()" delim=":"/>
  </citeStructure></refsDecl>""", ACTS))
    (source / "thief.xml").write_text(foreign("Thief", """<refsDecl>
  <citeStructure unit="act" match="/TEI/text/body/div"
                 use="(: ' :) unparsed-text('/etc/passwd') (: ' :)"/></refsDecl>""", ACTS))
    members = "".join(foreign(title, "", body).replace(f' xmlns="{TEI_NS}"', "")
                      for title, body in (("First", "<div><p>One.</p></div>"),
                                          ("Second", "<p>Two.</p>")))
    (source / "letters.xml").write_text(
        f'<teiCorpus xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Letters'
        "</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x"
        f"</p></sourceDesc></fileDesc></teiHeader>{members}</teiCorpus>")
    result = build(source, source.parent / "out")
    assert result.ok, result.validation
    return source.parent / "out" / "dts", result.messages


def test_foreign_tei_without_refsdecl_gets_the_divisions_by_position(foreign_api):
    api, _ = foreign_api
    whole = navigation(api, resource="plain", down=-1)
    assert ids(whole) == ["1", "1.1", "1.2", "2"]
    assert whole["member"][0]["dublinCore"]["title"][0]["value"] == "Act One"
    assert walk(api).messages == []


def test_the_texts_of_a_teicorpus_are_units_with_their_divisions(foreign_api):
    api, _ = foreign_api
    whole = navigation(api, resource="letters", down=-1)
    assert ids(whole) == ["1", "1.1", "2", "2.p1"]
    assert [u.get("dublinCore", {}).get("title", [{}])[0].get("value") for u in
            whole["member"]] == ["First", None, "Second", None]
    assert words(document(api, resource="letters", ref="2.p1").find(WRAPPER)) == "Two."


def test_foreign_refsdecl_followed_and_its_references_percent_encoded(foreign_api):
    api, _ = foreign_api
    assert ids(navigation(api, resource="verses", down=-1)) == ["I", "I:1", "I:2", "II"]
    scene = "I:2"
    path = api / "document" / f"resource=verses&ref={quote(scene, safe='')}.xml"
    assert path.is_file() and "%3A" in path.name
    assert words(document(api, resource="verses", ref=scene).find(WRAPPER)) == "Second."


def test_an_xpath_that_could_read_a_file_is_never_evaluated(foreign_api):
    api, messages = foreign_api
    assert any(m.startswith("D001|warning|thief:") and "unparsed-text" in m
               for m in messages)
    assert ids(navigation(api, resource="thief", down=-1)) == ["1", "1.1", "1.2", "2"]
    assert not any(b"root:" in p.read_bytes() for p in api.rglob("*") if p.is_file())


@pytest.mark.parametrize("expression", [
    "@n", "position()", "concat('p', position())", "/TEI/text/body/div[@type='writing']",
    "if (starts-with(@xml:id, concat(../@xml:id, '-'))) then substring-after(@xml:id, "
    "concat(../@xml:id, '-')) else @xml:id", "(@n, @xml:id)[1]", "child::node()",
    "xs:integer(@n) + 1", "div[head and not(@type = 'notes')]", "'doc(' || @n",
])
def test_xpath_that_looks_only_at_the_text_is_allowed(expression):
    assert refusal(expression) == ""


@pytest.mark.parametrize("expression", [
    "doc('file:///etc/passwd')", "fn:unparsed-text('/etc/passwd')", "@n => doc()",
    "collection('file:///')", "environment-variable('HOME')", "Q{http://www.w3.org/2005/"
    "xpath-functions}doc('x')", "function-lookup(xs:QName('fn:doc'), 1)('x')",
    "let $f := doc#1 return $f('x')", "(: ' :) doc('x') (: ' :)", "saxon:evaluate('1')",
    "function() { 1 }()", "'unclosed", "",
])
def test_xpath_that_could_read_outside_the_text_is_refused(expression):
    assert refusal(expression) != ""


# -- ranges (start/end)

def test_a_range_is_the_units_of_one_level_from_the_first_to_the_last(api):
    entry = get(api, "./")
    essay = get(api, expand(entry["collection"], {"id": "essay"}))
    assert "{&ref,start,end,tree}" in essay["document"]
    units = navigation(api, resource="essay", down=-1)["member"]
    level = [u["identifier"] for u in units if u["level"] == units[0]["level"]]
    assert len(level) >= 3
    first, last = level[0], level[2]
    answer = get(api, expand(essay["document"], {"start": first, "end": last}))
    wrapped = answer.find(WRAPPER)
    singles = [document(api, resource="essay", ref=r).find(WRAPPER) for r in level[:3]]
    assert [words(e) for e in wrapped] == [words(s[0]) for s in singles]
    assert answer.findtext(f"{T}teiHeader//{T}title[@type='sub']").endswith(
        f"{first}–{last}")


def test_a_range_of_pages_runs_from_the_first_break_to_the_break_after_the_last(api):
    entry = get(api, "./")
    book = get(api, expand(entry["collection"], {"id": "book"}))
    answer = get(api, expand(book["document"], {"start": "3", "end": "4", "tree": "pages"}))
    text = words(answer.find(WRAPPER))
    page3 = words(document(api, resource="book", ref="3", tree="pages").find(WRAPPER))
    page5 = words(document(api, resource="book", ref="5", tree="pages").find(WRAPPER))
    assert text.startswith(page3[:40]) and "tion. A second call" in text
    assert page5[-30:] not in text


def test_a_text_with_too_many_ranges_offers_none(tmp_path, monkeypatch):
    from edition.dts import api as dts_api

    monkeypatch.setattr(dts_api, "RANGE_LIMIT", 10)
    out = tmp_path / "out"
    assert build(own_corpus(tmp_path / "tei"), out).ok
    book = get(out / "dts", "collection?id=book")
    assert "start" not in book["document"] and "{&ref,tree}" in book["document"]
    assert not [p for p in (out / "dts" / "document").iterdir() if "start=" in p.name]
    assert walk(out / "dts").messages == []
