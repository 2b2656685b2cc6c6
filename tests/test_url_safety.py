"""Untrusted TEI: a link goes live only when relative or of a safe scheme, CSS from the TEI
never loads anything, and our own schema refuses such URLs. Checked in the core and in every
format the build writes (tests/fixtures/foreign/unsafe-links.xml)."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest
from lxml import etree

from conftest import FIXTURES
from edition.xml import parse_file

UNSAFE = FIXTURES / "foreign" / "unsafe-links.xml"
CORE = FIXTURES.parent.parent / "xslt" / "core" / "core.xsl"
XHTML = "{http://www.w3.org/1999/xhtml}"
#: A scheme a link must never carry (whitespace and case as browsers ignore them).
HOSTILE = re.compile(r"^\s*(java\s*script|vb\s*script|data|file)\s*:", re.I)
HARMLESS = ["#top", "other.html", "https://example.org/", "mailto:editor@example.org",
            "urn:isbn:0873484967", "https://doi.org/10.1000/182"]  # a DOI as its resolver
WORDS = ["script link", "mixed case link", "data link", "file link", "vbscript link",
         "loud words", "green words", "local link", "web link", "a hostile picture"]


def links(tree) -> list[str]:
    """Every URL an element of the tree would follow or load."""
    found = []
    for element in tree.iter(etree.Element):
        for name, value in element.attrib.items():
            if etree.QName(name).localname in ("href", "src", "action", "formaction", "data"):
                found.append(value)
    return found


@pytest.fixture(scope="module")
def core_render():
    from edition.xslt import Stylesheet, to_xdm

    core = Stylesheet(CORE)
    html = core.apply(to_xdm(parse_file(UNSAFE)))
    return etree.fromstring(html.encode()), core.messages


def test_the_core_keeps_unsafe_links_as_text(core_render):
    tree, messages = core_render
    hrefs = links(tree)
    assert not [h for h in hrefs if HOSTILE.match(h)]
    for harmless in HARMLESS:
        assert harmless in hrefs
    text = " ".join("".join(tree.itertext()).split())
    for words in WORDS:
        assert words in text
    unsafe = [m for m in messages if m.startswith("T002|warning|")]
    assert any("javascript:alert(document.cookie)" in m for m in unsafe)
    assert any("file:///etc/passwd" in m for m in unsafe)
    assert any("<graphic>" in m for m in unsafe)


def test_css_from_the_tei_cannot_load_anything(core_render):
    tree, messages = core_render
    styles = [e.get("style") for e in tree.iter() if e.get("style")]
    assert "color: #800" in styles and "color: #080" in styles
    assert not [s for s in styles if "url" in s.lower()]
    assert any(m.startswith("T003|warning|") and "url(" in m for m in messages)


@pytest.mark.parametrize("url, safe", [
    ("javascript:alert(1)", False), (" JaVaScRiPt:alert(1)", False), ("java\tscript:x", False),
    ("data:text/html,x", False), ("FILE:///etc/passwd", False), ("vbscript:x", False),
    ("https://example.org", True), ("HTTP://example.org", True), ("mailto:a@b", True),
    ("urn:isbn:1", True), ("doi:10.1/2", True), ("#id", True), ("page.html", True),
    ("dir/a:b.html", True), ("//example.org/x", True), ("", True),
])
def test_which_schemes_are_safe(url, safe):
    from edition.xslt import Stylesheet

    sheet = Stylesheet(text=f"""<xsl:stylesheet version="3.0"
        xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:ed="urn:x-edition:functions">
      <xsl:import href="{CORE.as_uri()}"/>
      <xsl:param name="url"/>
      <xsl:template name="xsl:initial-template">
        <r><xsl:value-of select="ed:is-safe-url($url)"/></r>
      </xsl:template></xsl:stylesheet>""")
    result = sheet.call("{http://www.w3.org/1999/XSL/Transform}initial-template", {"url": url})
    assert ("true" in result) is safe


def test_the_schemes_allowed_are_a_parameter():
    from edition.xslt import Stylesheet, to_xdm

    core = Stylesheet(CORE)
    tree = etree.fromstring(core.apply(to_xdm(parse_file(UNSAFE)),
                                       {"safe-schemes": _strings(["https"])}).encode())
    hrefs = links(tree)
    assert "https://example.org/" in hrefs and "mailto:editor@example.org" not in hrefs


def _strings(values):
    from edition.xslt import sequence, value

    return sequence([value(v) for v in values])


def test_our_schema_refuses_unsafe_schemes(tmp_path, run_cli):
    tei = tmp_path / "tei"
    tei.mkdir()
    shutil.copy(FIXTURES / "valid" / "persons.xml", tei)
    letter = (FIXTURES / "valid" / "letter.xml").read_text()
    letter = letter.replace("An introductory note.</hi>",
                            'An introductory note.</hi> <ref target=" JavaScript:alert(1)">x</ref>'
                            , 1)
    (tei / "letter.xml").write_text(letter)
    code, out, _ = run_cli("validate", str(tei))
    assert code == 1
    line = next(n for n, text in enumerate(letter.splitlines(), 1) if "JavaScript" in text)
    assert f"letter.xml:{line}:" in out and "[S070]" in out and "JavaScript:alert(1)" in out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from edition.build import run_build

    root = tmp_path_factory.mktemp("unsafe")
    source = root / "source"
    source.mkdir()
    shutil.copy(UNSAFE, source)
    result = run_build(source, root / "out", ["html", "epub", "pdf"], jobs=1)
    assert result.ok
    return root / "out", result


def test_no_format_carries_an_unsafe_link(built):
    out, result = built
    checked = 0
    kept_styles = []
    for page in (out / "html").glob("*.html"):
        tree = etree.parse(str(page), etree.HTMLParser())
        assert not [h for h in links(tree) if HOSTILE.match(h)], page.name
        styles = [e.get("style") for e in tree.iter(etree.Element) if e.get("style")]
        assert not [s for s in styles if "url(" in s.lower()], page.name
        kept_styles += styles
        checked += 1
    for package in (out / "epub").glob("*.epub"):
        with zipfile.ZipFile(package) as epub:
            for name in epub.namelist():
                if name.endswith(".xhtml"):
                    tree = etree.fromstring(epub.read(name))
                    assert not [h for h in links(tree) if HOSTILE.match(h)], name
                    checked += 1
    for cached in (out / ".cache").rglob("*.xhtml"):  # what WeasyPrint set as the PDF
        tree = etree.parse(str(cached))
        assert not [h for h in links(tree) if HOSTILE.match(h)], cached.name
        checked += 1
    for pdf in (out / "pdf").rglob("*.pdf"):
        data = pdf.read_bytes()
        assert b"javascript:" not in data.lower() and b"file:///etc" not in data
        checked += 1
    assert checked > 6
    assert any("#080" in s for s in kept_styles)  # the harmless declaration stays
    assert any("T002|warning|" in m for m in result.messages)
    page = (out / "html" / "unsafe-links.html").read_text()
    for words in ("script link", "file link", "web link"):
        assert words in page


def test_weasyprint_fetches_nothing_but_inline_data(tmp_path):
    from edition.builders.pdf import PdfBuilder
    from edition.corpus import Corpus

    fetcher = PdfBuilder(Corpus(tmp_path), tmp_path / "out")._fetcher
    for url in ("file:///etc/passwd", "http://example.org/x.png", "https://example.org/",
                "ftp://example.org/f"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher(url)
