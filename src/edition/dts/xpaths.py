"""Which XPath expressions of a TEI header's citeStructure the build will evaluate.

A citeStructure's @match and @use, and a citeData's @use, are XPath that the build runs
over the text. Another project's header is not trusted: XPath can read files
(`doc('file:///etc/passwd')`, `unparsed-text()`), the environment, or call functions by
name, and what it reads would end up in the published API. So an expression may call only
functions that look at the text itself (string, position, count, name…); one that names
any other function, a function by reference (`name#1`, `Q{…}`) or an inline function is
refused, and the text gets the default citation tree instead (message D001).
"""

from __future__ import annotations

import re

#: Functions of the XPath 3.1 library that see nothing but their arguments and the text.
ALLOWED_FUNCTIONS = frozenset("""
    abs avg boolean ceiling codepoints-to-string compare concat contains count data
    distinct-values empty ends-with exists false floor format-integer format-number head
    id index-of last lang local-name lower-case matches max min name namespace-uri
    normalize-space normalize-unicode not number position replace reverse root round
    starts-with string string-join string-length string-to-codepoints subsequence substring
    substring-after substring-before sum tail tokenize translate true upper-case
""".split())
#: Names followed by "(" that are kind tests, type tests, keywords or operators.
NOT_CALLS = frozenset("""
    and array attribute cast castable comment div document-node element else
    empty-sequence eq every except ge gt idiv if in instance intersect is item le let lt
    map mod namespace-node ne node or processing-instruction return satisfies
    schema-attribute schema-element some text then to treat union
""".split())

_STRING = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
_CALL = re.compile(r"(?<![\w.\-:@$])((?:[A-Za-z_][\w.\-]*:)?[A-Za-z_][\w.\-]*)\s*\(")


def refusal(expression: str) -> str:
    """Why this expression will not be evaluated, or "" when it may be."""
    if not expression.strip():
        return "it is empty"
    if "(:" in expression:
        # A comment could hide a quote, and with it a call, from the reading below.
        return "it holds a comment"
    code = _STRING.sub("''", expression)
    if "'" in code.replace("''", "") or '"' in code:
        return "a string literal is not closed"
    if "Q{" in code:
        return "it names something by its namespace URI (Q{…})"
    if "#" in code:
        return "it refers to a function by name (name#arity)"
    for name in _CALL.findall(code):
        prefix, _, local = name.rpartition(":")
        if prefix == "xs":
            continue  # casts to XML Schema types: xs:integer(@n)
        if prefix not in ("", "fn") or local not in ALLOWED_FUNCTIONS | NOT_CALLS:
            return f"it calls {name}(), which could read outside the text"
    return ""
