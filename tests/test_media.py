"""Pictures beside the TEI (edition.media): which files a text may publish, and blocks
inside running text (core/phrasing.xsl)."""

from __future__ import annotations

from lxml import etree

from conftest import FIXTURES
from edition.media import images_of

PNG = (FIXTURES / "foreign" / "mill.png").read_bytes()
CORE = FIXTURES.parent.parent / "xslt" / "core" / "core.xsl"
TEI_NS = "http://www.tei-c.org/ns/1.0"


def _tei(*urls: str):
    graphics = "".join(f'<graphic url="{u}"/>' for u in urls)
    return etree.fromstring(f'<TEI xmlns="{TEI_NS}"><text><body><p>{graphics}</p></body></text></TEI>')


def test_only_images_inside_the_source_with_an_image_inside_are_published(tmp_path):
    source = tmp_path / "source"
    (source / "plates").mkdir(parents=True)
    (source / "plates" / "one.png").write_bytes(PNG)
    (source / "plates" / "two words.png").write_bytes(PNG)
    (source / "plates" / "fake.png").write_text("<script>not a picture</script>")
    (source / "plates" / "drawing.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "secret.png").write_bytes(PNG)  # beside the source, not in it
    (source / "plates" / "link.png").symlink_to(tmp_path / "secret.png")
    tei = source / "texts" / "a.xml"
    tei.parent.mkdir()
    root = _tei("../plates/one.png", "../plates/one.png", "../plates/two%20words.png",
                "../plates/fake.png", "../plates/drawing.svg", "../../secret.png",
                "../plates/link.png", "/etc/passwd", "file:///x.png",
                "https://example.org/x.png", "../plates/missing.png")
    found = images_of(root, tei, source)
    assert [(i.url, i.name, i.media_type) for i in found] == [
        ("../plates/one.png", "plates/one.png", "image/png"),
        ("../plates/two%20words.png", "plates/two words.png", "image/png"),
    ]
    assert found[1].href("media/") == "media/plates/two%20words.png"
    assert found[0].data_uri().startswith("data:image/png;base64,iVBOR")


def _core(tei: str, **parameters) -> etree._Element:
    from edition.xml import parse_bytes
    from edition.xslt import Stylesheet, to_xdm

    document = parse_bytes(tei.encode(), "t.xml")
    return etree.fromstring(Stylesheet(CORE).apply(to_xdm(document), parameters).encode())


def test_a_block_inside_a_paragraph_becomes_a_span_that_says_what_it_was():
    tree = _core(f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>T</title>
      </titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
      </fileDesc></teiHeader><text><body><p>Before <floatingText><body><p>inner</p>
      <table><row><cell>cell</cell></row></table></body></floatingText> after.</p>
      <p>Plain.</p></body></text></TEI>""")
    x = {"h": "http://www.w3.org/1999/xhtml"}
    (outer,) = tree.xpath("//h:p[contains(., 'Before')]", namespaces=x)
    assert not outer.xpath(".//h:p | .//h:div | .//h:table | .//h:tr | .//h:td", namespaces=x)
    classes = " ".join(outer.xpath(".//h:span/@class", namespaces=x))
    for name in ("as-div", "as-p", "as-table", "as-tr", "as-td"):
        assert name in classes
    assert "inner" in "".join(outer.itertext()) and "cell" in "".join(outer.itertext())
    # Where nothing needed mending, nothing changed.
    assert tree.xpath("//h:p[. = 'Plain.']", namespaces=x)
