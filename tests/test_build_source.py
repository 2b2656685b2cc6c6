"""`edition build --source DIR` on another project's TEI: files found recursively, ids
from their paths, the edition header made from theirs, the lenient check (what rendering
needs, their own schema as warnings), a file that cannot be rendered skipped with its
place, and a path outside the source refused."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from shutil import which as shutil_which

import pytest
from lxml import etree

from conftest import FIXTURES, ROOT
from edition.corpus import Corpus
from edition.sources import natural_key, text_ids
from edition.xml import NSMAP, parse_file

TEI = "http://www.tei-c.org/ns/1.0"


def tei(title: str, body: str, header_extra: str = "", root_attributes: str = "",
        before: str = "") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>{before}
<TEI xmlns="{TEI}"{root_attributes}><teiHeader><fileDesc>
<titleStmt><title>{title}</title><author>A. Writer</author></titleStmt>
{header_extra}<publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Born digital.</p></sourceDesc></fileDesc>
<encodingDesc><editorialDecl><p>Spelling as in the source.</p></editorialDecl></encodingDesc>
</teiHeader><text><body>{body}</body></text></TEI>"""


def series(n: int) -> str:
    return (f'<seriesStmt><title>Collected plays</title><biblScope unit="volume" n="{n}"/>'
            "</seriesStmt>")


@pytest.fixture
def source(tmp_path):
    """A directory of another project's TEI: nested, a corpus file, a reserved name."""
    root = tmp_path / "plays"
    (root / "acts").mkdir(parents=True)
    (root / "acts" / "act10.xml").write_text(tei("Act ten", "<p>Words of act ten.</p>"))
    (root / "acts" / "act2.xml").write_text(tei("Act two", "<p>Words of act two.</p>"))
    (root / "index.xml").write_text(tei("An index", "<p>Index words.</p>"))
    (root / "corpus.xml").write_text(f"""<teiCorpus xmlns="{TEI}"><teiHeader><fileDesc>
<titleStmt><title>Two letters</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
{tei("First letter", "<p>Dear friend, first.</p>").split("?>", 1)[1]}
{tei("Second letter", "<p>Dear friend, second.</p>").split("?>", 1)[1]}
</teiCorpus>""")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "skip.xml").write_text(tei("Hidden", "<p>never</p>"))
    return root


def test_texts_found_recursively_with_ids_from_their_paths(source):
    corpus = Corpus(source)
    assert corpus.foreign
    ids = {t.relative: t.id for t in corpus.texts}
    assert ids == {"acts/act2.xml": "acts-act2", "acts/act10.xml": "acts-act10",
                   "corpus.xml": "corpus", "index.xml": "index-2"}
    # Reading order: by file name, numbers as numbers.
    assert [t.relative for t in corpus.texts] == [
        "acts/act2.xml", "acts/act10.xml", "corpus.xml", "index.xml"]


def test_ids_are_safe_names_and_never_collide():
    ids = text_ids(["a b/ç.xml", "a_b-_.xml", "1923.xml", "Index.xml", "search.xml",
                    "x/y.xml", "x-y.xml"])
    assert ids["1923.xml"] == "t1923"
    assert ids["Index.xml"] == "Index-2" and ids["search.xml"] == "search-2"
    assert ids["x/y.xml"] == "x-y" and ids["x-y.xml"] == "x-y-2"
    assert all(etree.XML(f'<a xml:id="{i}"/>') is not None for i in ids.values())
    assert len({i.casefold() for i in ids.values()}) == len(ids)
    assert sorted(["act10", "act2", "Act1"], key=natural_key) == ["Act1", "act2", "act10"]


def test_made_header_takes_title_and_order_from_the_texts(tmp_path):
    root = tmp_path / "collected"
    root.mkdir()
    # The series' numbers order the texts before their file names do.
    (root / "a.xml").write_text(tei("Third play", "<p>c</p>", series(3)))
    (root / "b.xml").write_text(tei("First play", "<p>a</p>", series(1)))
    (root / "c.xml").write_text(tei("Second play", "<p>b</p>", series(2)))
    corpus = Corpus(root)
    assert [t.relative for t in corpus.texts] == ["b.xml", "c.xml", "a.xml"]
    header = corpus.edition.root
    assert header.xpath("string(//tei:titleStmt/tei:title)", namespaces=NSMAP) == (
        "Collected plays")
    assert header.xpath("//tei:div[@type='contents']//tei:ref/@target", namespaces=NSMAP) == [
        "b.xml#b", "c.xml#c", "a.xml#a"]
    # The about page is made of the texts' editorial declarations, each said once.
    assert header.xpath("count(//tei:editorialDecl/tei:p)", namespaces=NSMAP) == 1


def test_one_text_gives_the_edition_its_title(tmp_path):
    (tmp_path / "only.xml").write_text(tei("The only text", "<p>x</p>"))
    title = Corpus(tmp_path).edition.root.xpath("string(//tei:titleStmt/tei:title)",
                                               namespaces=NSMAP)
    assert title == "The only text"


def test_corpus_file_renders_every_member(source):
    text = next(t for t in Corpus(source).texts if t.relative == "corpus.xml")
    root = text.document.root
    assert root.tag == f"{{{TEI}}}TEI" and root.get("{http://www.w3.org/XML/1998/namespace}id") \
        == "corpus"
    words = " ".join(root.find(f"{{{TEI}}}text").itertext())
    assert "first." in words and "second." in words
    assert "First letter" in words and "Second letter" in words


def test_build_a_foreign_directory(source, tmp_path, run_cli):
    (source / "notes.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><p>")
    (source / "style.xml").write_text("<stylesheet/>")
    (source / "headless.xml").write_text(f"<TEI xmlns='{TEI}'><text><body><p>x</p></body>"
                                         "</text></TEI>")
    out = tmp_path / "out"
    code, stdout, err = run_cli("build", "--source", str(source), "--out", str(out),
                                "--format", "html,epub", "-j", "1")
    # The files that cannot be rendered are reported with their place and skipped.
    assert code == 1
    assert f"{source / 'notes.xml'}:1:" in err and "[X001]" in err
    assert f"{source / 'style.xml'}:1:1: error:" in err and "[R002]" in err
    assert f"{source / 'headless.xml'}:1:1: error:" in err and "[R010]" in err
    assert f"{source / 'style.xml'}: cannot be rendered, skipped" in err
    assert "invalid, not built" not in err  # our schema does not judge their files
    # The others are built, the edition-wide outputs with them.
    for name in ("acts-act2.html", "acts-act10.html", "corpus.html", "index-2.html",
                 "index.html", "about.html"):
        assert (out / "html" / name).is_file(), name
    for name in ("acts-act2.epub", "corpus.epub", "edition.epub"):
        assert (out / "epub" / name).is_file(), name
    assert not (out / "html" / "hidden-skip.html").exists()
    home = etree.parse(str(out / "html" / "index.html"), etree.HTMLParser())
    assert home.xpath("string(//h1)") == "plays"
    about = etree.parse(str(out / "html" / "about.html"), etree.HTMLParser())
    assert "Spelling as in the source." in about.xpath("string(//main)")
    page = etree.parse(str(out / "html" / "acts-act2.html"), etree.HTMLParser())
    assert "Words of act two." in page.xpath("string(//main)")
    # A second build has nothing to do.
    code, stdout, _ = run_cli("build", "--source", str(source), "--out", str(out),
                              "--format", "html,epub", "-j", "1")
    assert "html: 0 built" in stdout


def test_a_path_outside_the_source_is_refused(source, tmp_path, run_cli):
    elsewhere = tmp_path / "hamlet.xml"
    elsewhere.write_text(tei("Hamlet", "<p>To be.</p>"))
    code, _, err = run_cli("build", "--source", str(source), "--out", str(tmp_path / "o"),
                           "--format", "html", str(elsewhere))
    assert code == 2
    assert "hamlet.xml is not in the source directory" in err and "--source" in err
    assert not (tmp_path / "o").exists()


def test_paths_under_the_source_limit_the_build(source, tmp_path, run_cli):
    out = tmp_path / "o"
    code, _, _ = run_cli("build", "--source", str(source), "--out", str(out), "--format",
                         "epub", "-j", "1", str(source / "acts"))
    assert code == 0
    assert sorted(p.name for p in (out / "epub").glob("*.epub")) == [
        "acts-act10.epub", "acts-act2.epub"]


RNG = """<grammar xmlns="http://relaxng.org/ns/structure/1.0"
  ns="http://www.tei-c.org/ns/1.0"><start><element name="TEI"><attribute name="n"/>
  <ref name="any"/></element></start>
  <define name="any"><zeroOrMore><choice><text/><element><anyName/>
  <zeroOrMore><attribute><anyName/></attribute></zeroOrMore><ref name="any"/></element>
  </choice></zeroOrMore></define></grammar>"""


def test_the_files_own_schema_gives_warnings_not_refusals(tmp_path, run_cli):
    source = tmp_path / "src"
    (source / "schema").mkdir(parents=True)
    (source / "schema" / "strict.rng").write_text(RNG)
    model = ('<?xml-model href="schema/strict.rng" type="application/xml" '
             'schematypens="http://relaxng.org/ns/structure/1.0"?>')
    (source / "named.xml").write_text(tei("Named", "<p>x</p>", before=model))
    (source / "remote.xml").write_text(tei("Remote", "<p>y</p>", before=(
        '<?xml-model href="https://example.org/tei_all.rng" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>')))
    out = tmp_path / "out"
    code, _, err = run_cli("build", "--source", str(source), "--out", str(out), "--format",
                           "epub", "-j", "1", "--verbose")
    assert code == 0, err
    assert f"{source / 'named.xml'}:" in err and "strict.rng" in err and "[R020]" in err
    assert "https://example.org/tei_all.rng" in err and "never fetched" in err
    assert (out / "epub" / "named.epub").is_file()
    # --schema replaces the named schemas: every file is checked against it.
    (source / "schema" / "strict.rng").write_text(RNG.replace('<attribute name="n"/>', ""))
    code, _, err = run_cli("build", "--source", str(source), "--out", str(out), "--format",
                           "epub", "-j", "1", "--verbose", "--schema",
                           str(source / "schema" / "strict.rng"))
    assert code == 0 and "[R020]" not in err and "never fetched" not in err


def test_our_own_directory_keeps_the_strict_schema(tmp_path, run_cli):
    tei_dir = tmp_path / "tei"
    tei_dir.mkdir()
    for name in ("letter.xml", "persons.xml"):
        (tei_dir / name).write_bytes((FIXTURES / "valid" / name).read_bytes())
    (tei_dir / "extra.xml").write_text(tei("Extra", "<sp><speaker>A</speaker><p>x</p></sp>"))
    assert not Corpus(tei_dir).foreign
    code, _, err = run_cli("build", "--source", str(tei_dir), "--out", str(tmp_path / "o"),
                           "--format", "epub", "-j", "1")
    assert code == 1 and "extra.xml: invalid, not built" in err


@pytest.fixture(scope="module")
def foreign_build(tmp_path_factory):
    """The third-party-like fixtures built in every format by the command, in a child
    process (Saxon's warnings go to the process's own stderr, out of pytest's reach)."""
    import os
    import shutil

    tmp = tmp_path_factory.mktemp("foreign-build")
    source = tmp / "foreign"
    shutil.copytree(FIXTURES / "foreign", source)
    (source / "declared.xml").write_text(tei("Declared", "<p>x</p>"))  # the about page's
    out = tmp / "out"
    done = subprocess.run(
        [sys.executable, "-m", "edition", "build", "--source", str(source),
         "--out", str(out), "-q", "-j", "2", "--report", str(tmp / "report.json")],
        capture_output=True, text=True, cwd=tmp,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    return source, out, done, tmp / "report.json"


def test_saxon_and_weasyprint_say_nothing_on_stderr_for_foreign_tei(foreign_build):
    source, out, done, _ = foreign_build
    assert "XTDE" not in done.stderr and "Warning at" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    for text in Corpus(source).texts:
        for fmt, suffix in (("html", ".html"), ("epub", ".epub"), ("pdf", ".pdf")):
            found = list((out / fmt).rglob(f"{text.id}{suffix}"))
            assert found, f"{fmt} of {text.relative}"


def test_no_word_of_any_foreign_text_is_lost_in_any_format(foreign_build):
    import json

    source, _, done, report = foreign_build
    units = json.loads(report.read_text())["units"]
    counted = {u["id"]: u["words"] for u in units if u.get("words")}
    texts = Corpus(source).texts
    assert len(counted) == 3 * len(texts)
    assert {unit: words["lost"] for unit, words in counted.items() if words["lost"]} == {}
    assert all(words["in"] > 0 for words in counted.values())
    assert "W001" not in done.stderr


def test_the_pdfs_own_text_has_every_word(foreign_build):
    """The PDF's text as a reader's tools extract it (pdftotext), not only the XHTML it
    was set from. Extraction joins what the TEI splits at element boundaries (`<g>ſ</g>t`
    is "ſt" in the PDF), appends note calls to words ("Foot1") and reports small capitals
    in lower case: so a TEI word missing from the PDF's words must at least be in its text
    (case aside, spaces aside); a lost passage is in neither."""
    from collections import Counter

    from edition import wordcount

    if not shutil_which("pdftotext"):
        pytest.skip("pdftotext is not installed (Debian package poppler-utils)")
    source, out, _, _ = foreign_build
    losses = {}
    for text in Corpus(source).texts:
        (pdf,) = (out / "pdf").rglob(f"{text.id}.pdf")
        extracted = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                                   capture_output=True, text=True, check=True).stdout
        # A word hyphenated at a line end is one word; "mid-wo|rd" marks a page turning
        # inside a word.
        extracted = re.sub(r"(\w)[-\u2010\u00ad]\n(\w)", r"\1\2", extracted)
        extracted = re.sub(r"(\w)\|(\w)", r"\1\2", extracted).casefold()
        source_words = Counter()
        for word, count in wordcount.tei_words(parse_file(text.path).root).items():
            source_words[word.casefold()] += count
        missing = wordcount.lost(source_words, Counter(wordcount.words_of_text(extracted)))
        squashed = "".join(extracted.split())
        lost = {w: n for w, n in missing.items() if squashed.count(w) < n}
        if lost:
            losses[text.relative] = lost
    assert losses == {}


def test_made_header_is_written_once_for_the_workers(source, tmp_path):
    from edition.build import run_build

    out = tmp_path / "o"
    run_build(source, out, ["epub"], jobs=1)
    made = parse_file(out / ".cache" / "source" / "edition.xml")
    assert made.root.xpath("count(//tei:div[@type='contents']//tei:ref)", namespaces=NSMAP) == 4


def test_the_report_gives_each_texts_words_in_and_out(source, tmp_path):
    import json

    from edition.build import run_build

    result = run_build(source, tmp_path / "o", ["html", "epub", "pdf"], jobs=1)
    report = json.loads(json.dumps(result.as_dict()))
    counted = {u["id"]: u["words"] for u in report["units"] if "words" in u}
    for fmt in ("html", "epub", "pdf"):
        words = counted[f"{fmt}:acts-act2"]
        assert words["in"] == 4 and words["out"] >= 4 and words["lost"] == 0
    from edition.progress import summary

    assert "words, none lost" in summary(result)


def test_words_an_output_lacks_are_a_warning(source):
    from collections import Counter

    from edition.builders.base import Builder

    class Probe(Builder):
        name = "probe"

    builder = Probe(Corpus(source), source / "out")
    text = Corpus(source).texts[0]
    builder.account_words(text, Counter({"Words": 1, "of": 1}))
    assert builder.words == {"in": 4, "out": 2, "lost": 2, "examples": ["act", "two"]}
    (message,) = builder.messages
    assert message == ("W001|warning|acts-act2: 2 words of the TEI are not in its probe output "
                       "(among them: act, two)")


def test_foreign_pages_load_nothing_from_outside_and_run_no_error(foreign_build,
                                                                  browser_page):
    """Every page of the foreign site in Chromium: the watched page fails the test on any
    request beyond the site and on any script error."""
    _, out, _, _ = foreign_build
    pages = sorted((out / "html").glob("*.html"))
    assert len(pages) > 10
    for page in pages:
        browser_page.goto(page.as_uri())
        assert browser_page.title()


# -- what the outputs are made of: valid EPUBs, pictures, blocks inside running text

def test_foreign_epubs_pass_epubcheck(foreign_build):
    """The edition's EPUB holds every text's content documents; the text with a picture
    beside its TEI is checked on its own as well (its package lists the picture)."""
    from epub_checks import epubcheck

    _, out, _, _ = foreign_build
    found = epubcheck(out / "epub" / "edition.epub", out / "epub" / "gaps-figures.epub")
    assert found == {path: [] for path in found}


def test_weasyprint_has_nothing_to_say_about_foreign_tei(foreign_build):
    """No anchor without its target, no picture that fails to load, no image without its
    alternative text: WeasyPrint's warnings (P001) are bugs of ours."""
    import json

    _, _, _, report = foreign_build
    said = [f"{u['id']}: {m}" for u in json.loads(report.read_text())["units"]
            for m in u.get("messages", []) if "P001" in str(m)]
    assert said == []


def test_a_picture_beside_the_tei_is_published_in_every_format(foreign_build):
    import zipfile

    from epub_checks import NS, Epub

    source, out, done, report = foreign_build
    picture = (source / "mill.png").read_bytes()
    assert (out / "html" / "media" / "mill.png").read_bytes() == picture
    page = etree.parse(str(out / "html" / "gaps-figures.html"), etree.HTMLParser())
    (img,) = page.xpath("//img[@src='media/mill.png']")
    assert img.get("alt") == "scan of plate four A second view of the mill race"
    epub = Epub(out / "epub" / "gaps-figures.epub")
    assert epub.files["OEBPS/gaps-figures/media/mill.png"] == picture
    (item,) = epub.opf.xpath("//opf:item[@href='gaps-figures/media/mill.png']", namespaces=NS)
    assert item.get("media-type") == "image/png"
    with zipfile.ZipFile(out / "epub" / "edition.epub") as whole:
        assert whole.read("OEBPS/gaps-figures/media/mill.png") == picture
    if shutil_which("pdfimages"):  # poppler-utils: the picture is in the PDF itself
        listed = subprocess.run(["pdfimages", "-list", str(out / "pdf" / "gaps-figures.pdf")],
                                capture_output=True, text=True, check=True).stdout
        assert re.search(r"^\s*\d+\s+\d+\s+image\s+4\s+3\s+rgb", listed, re.M), listed
    # A picture named but not there: its description, no link, a warning with its name.
    assert "T004" in done.stderr or "leaf1r.jpg" in report.read_text()
    diplomatic = (out / "html" / "genetic-sourcedoc.html").read_text()
    assert "leaf1r.jpg" not in diplomatic.split("<main", 1)[1]


def test_blocks_inside_running_text_stay_valid_xhtml(foreign_build):
    """A TEI paragraph may hold a figure, a floating text, a cast item's role: in XHTML
    they become spans that say what they were (core/phrasing.xsl), in every format."""
    import zipfile

    phrasing = {"p", "span", "a", "em", "i", "b", "q", "cite", "abbr", "sup", "sub", "small",
                "h1", "h2", "h3", "h4", "h5", "h6", "label"}
    blocks = {"div", "p", "figure", "figcaption", "table", "tr", "td", "ul", "ol", "li", "dl",
              "blockquote", "section", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "pre"}
    _, out, _, _ = foreign_build
    documents = {}
    with zipfile.ZipFile(out / "epub" / "edition.epub") as whole:
        for name in whole.namelist():
            if name.endswith(".xhtml"):
                documents[name] = etree.fromstring(whole.read(name))
    for cached in (out / ".cache" / "pdf").glob("*.xhtml"):
        documents[cached.name] = etree.parse(str(cached)).getroot()
    misplaced, mended = [], 0
    for name, root in documents.items():
        for element in root.iter("{http://www.w3.org/1999/xhtml}*"):
            mended += " as-" in f" {element.get('class', '')}"
            if etree.QName(element).localname in blocks and any(
                    etree.QName(a).localname in phrasing for a in element.iterancestors()):
                misplaced.append(f"{name}: {etree.QName(element).localname}")
    assert misplaced == []
    assert mended >= 5  # the figure, the floating text, the roles… were there to mend


def test_links_out_of_an_epub_keep_their_words_without_a_link(foreign_build):
    from epub_checks import NS, Epub

    _, out, _, _ = foreign_build
    epub = Epub(out / "epub" / "unsafe-links.epub")
    body = epub.xml("OEBPS/unsafe-links/unsafe-links-body.xhtml")
    hrefs = body.xpath("//h:a/@href", namespaces=NS)
    assert "other.html" not in hrefs and "https://doi.org/10.1000/182" in hrefs
    assert "relative link" in "".join(body.itertext())


# -- collections: a teiCorpus (members, a corpus inside it) and a text's group of texts

def _nav_outline(epub_path) -> list[tuple[int, str]]:
    """The EPUB's contents as (depth, label), depth 0 for the top entries."""
    with zipfile.ZipFile(epub_path) as epub:
        nav = etree.fromstring(epub.read("OEBPS/nav.xhtml"))
    toc = nav.xpath("//h:nav[@id='toc']", namespaces={"h": "http://www.w3.org/1999/xhtml"})[0]
    return [(len(list(a.iterancestors("{*}ol"))) - 1, a.text)
            for a in toc.iter("{http://www.w3.org/1999/xhtml}a")]


def _pdf_outline(pdf_path) -> list[tuple[int, str]]:
    import pikepdf

    found: list[tuple[int, str]] = []

    def walk(items, depth):
        for item in items:
            found.append((depth, item.title))
            walk(item.children, depth + 1)

    with pikepdf.open(pdf_path) as pdf, pdf.open_outline() as outline:
        walk(outline.root, 0)
    return found


def test_a_collections_members_nest_in_the_epub_contents_and_the_pdf_outline(foreign_build):
    """Each member of a teiCorpus, and of a corpus inside it, has its title in the EPUB's
    contents and the PDF's outline, its own divisions one level under it; an anthology's
    headed groups are levels of both, and its untitled piece is "[Text 1]" in the EPUB's
    contents (an entry needs words) but no heading in print."""
    _, out, _, _ = foreign_build
    assert _nav_outline(out / "epub" / "collection-corpus.epub") == [
        (0, "Title page"), (0, "A note on the mill's accounts"),
        (0, "Letters between the brothers"), (1, "Samuel to Thomas"), (2, "From Samuel"),
        (2, "A second letter from Samuel"), (1, "Thomas's reply"),
        (2, "Diplomatic transcription")]
    assert _pdf_outline(out / "pdf" / "collection-corpus.pdf") == [
        (0, "Contents"), (0, "A note on the mill's accounts"),
        (0, "Letters between the brothers"), (1, "Samuel to Thomas"), (2, "From Samuel"),
        (2, "A second letter from Samuel"), (1, "Thomas's reply"),
        (2, "Diplomatic transcription")]
    assert _nav_outline(out / "epub" / "anthology-group.epub") == [
        (0, "Title page"), (0, "Preface"), (0, "Songs of the valley"), (1, "The ferryman"),
        (1, "Harvest evening"), (2, "The carts"), (1, "Later songs"), (2, "[Text 1]"),
        (3, "Winter wharf"), (3, "Thaw"), (3, "Afterword"), (0, "Index of first lines")]
    assert _pdf_outline(out / "pdf" / "anthology-group.pdf") == [
        (0, "Contents"), (0, "Preface"), (0, "Songs of the valley"), (1, "The ferryman"),
        (1, "Harvest evening"), (2, "The carts"), (1, "Later songs"), (2, "Winter wharf"),
        (2, "Thaw"), (2, "Afterword"), (0, "Index of first lines")]


def test_a_members_title_is_printed_once(foreign_build):
    """The member's heading says its title; its title page (or its first heading) does
    not say it again beside it."""
    _, out, _, _ = foreign_build
    done = subprocess.run(["pdftotext", str(out / "pdf" / "anthology-group.pdf"), "-"],
                          capture_output=True, text=True, check=True)
    lines = [line.strip() for line in done.stdout.splitlines()]
    assert lines.count("The ferryman") == 1  # the heading (the contents line has dots)
    assert lines.count("Harvest evening") == 1
    assert [line for line in lines if line.startswith("The ferryman .")]
    assert "by Joan Carter" in lines


def test_a_foreign_pdfs_colophon_says_how_it_was_checked_and_no_false_date(foreign_build):
    """Another project's file was not validated against our schema, and a file without a
    revision date (the fixtures have none; SOURCE_DATE_EPOCH unset) was not built in 1970."""
    import os

    if os.environ.get("SOURCE_DATE_EPOCH"):
        pytest.skip("SOURCE_DATE_EPOCH gives the build a date")
    _, out, _, _ = foreign_build
    done = subprocess.run(["pdftotext", str(out / "pdf" / "letter-correspdesc.pdf"), "-"],
                          capture_output=True, text=True, check=True)
    text = " ".join(done.stdout.split())
    assert "Typeset from the TEI P5 file letter-correspdesc.xml, checked for what its " \
        "rendering needs" in text
    assert "validated against the edition’s schema" not in text
    assert "1970" not in text and "Built" not in text
    whole = subprocess.run(["pdftotext", str(out / "pdf" / "edition.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "Typeset from the TEI P5 files of the directory foreign, each checked" in " ".join(
        whole.split())
    assert "file edition.xml" not in " ".join(whole.split())
