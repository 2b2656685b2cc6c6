"""The safe loader: what it refuses, what it never does, and where it says the fault is."""

from __future__ import annotations

import pytest

from edition.xml import XMLLoadError, parse_bytes, tostring


def test_plain_document_parses_with_positions():
    document = parse_bytes(b'<a>\n  <b/><c x="1"/>\n</a>', "t.xml")
    b, c = document.root
    assert str(document.locate(b)) == "t.xml:2:3"
    assert str(document.locate(c)) == "t.xml:2:7"


def test_xinclude_is_never_processed(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_text("<s>TOKEN-xinclude</s>")
    source = (
        '<a xmlns:xi="http://www.w3.org/2001/XInclude">'
        f'<xi:include href="{secret.as_uri()}"/></a>'
    ).encode()
    document = parse_bytes(source, "t.xml")
    assert b"TOKEN" not in tostring(document.root).encode()


def test_internal_entity_declaration_is_refused_at_its_line():
    source = b'<?xml version="1.0"?>\n<!DOCTYPE a [\n  <!ENTITY e "x">\n]>\n<a>&e;</a>'
    with pytest.raises(XMLLoadError) as caught:
        parse_bytes(source, "t.xml")
    assert (caught.value.location.line, caught.value.location.column) == (3, 3)
    assert caught.value.code == "X002"


def test_bare_doctype_without_declarations_is_accepted():
    document = parse_bytes(b"<!DOCTYPE a>\n<a/>", "t.xml")
    assert "DOCTYPE" not in tostring(document.root)


def test_external_dtd_is_refused():
    with pytest.raises(XMLLoadError) as caught:
        parse_bytes(b'<!DOCTYPE a SYSTEM "http://127.0.0.1:9/a.dtd">\n<a/>', "t.xml")
    assert caught.value.code == "X003"


def test_excessive_depth_is_refused_without_huge_tree_mode():
    depth = 300
    source = b"<a>" * depth + b"</a>" * depth
    with pytest.raises(XMLLoadError) as caught:
        parse_bytes(source, "t.xml")
    assert caught.value.code == "X001"


def test_not_well_formed_reports_line_and_column():
    with pytest.raises(XMLLoadError) as caught:
        parse_bytes(b"<a>\n<b></a>", "t.xml")
    assert caught.value.location.line == 2
    assert caught.value.code == "X001"


def test_a_document_with_many_escaped_characters_reaches_saxon():
    # The JDK parser under Saxon stops at 100,000 entity references unless told otherwise;
    # a long survey or text has that many &amp; &lt; &quot;.
    from edition.xml import parse_bytes
    from edition.xslt import to_xdm

    body = '<m label="a &amp; b &lt; c"/>' * 60_000
    document = parse_bytes(f"<r>{body}</r>".encode(), "many.xml")
    assert to_xdm(document) is not None
