"""The DTS API's building blocks: RFC 6570 URI templates, the file that answers each URL,
and which XPath of a TEI header's citeStructure a build may evaluate."""

from __future__ import annotations

import pytest

from edition.dts.uri import expand, file_for
from edition.dts.xpaths import refusal

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
