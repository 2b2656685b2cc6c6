"""URI templates (RFC 6570) as the DTS API advertises them, and the file that answers each
URL a client builds from them.

The API is a set of static files: a request `navigation?resource=X&ref=Y&down=1` is answered
by the file `navigation/resource=X&ref=Y&down=1.json`, its query string as the client's
template expansion wrote it. So one rewrite rule per endpoint serves the whole API (README,
"Harvesting: the DTS API"), and the query's parameters come in the order the template lists
them, which is the order of the names here.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

#: The endpoints, each with the suffix of its files. A request without a query (the root
#: collection) is answered by `index`.
ENDPOINTS = {"collection": ".json", "navigation": ".json", "document": ".xml"}
NO_QUERY = "index"

_EXPRESSION = re.compile(r"\{([^}]*)\}")
_VARSPEC = re.compile(r"^([A-Za-z0-9_.%]+)(\*|:([1-9][0-9]{0,3}))?$")
# RFC 6570 §3.2.1: per operator, what comes first, between values, whether values are
# named, what an empty named value gets, and whether reserved characters pass unencoded.
_OPERATORS = {
    "": ("", ",", False, "", False),
    "+": ("", ",", False, "", True),
    "#": ("#", ",", False, "", True),
    ".": (".", ".", False, "", False),
    "/": ("/", "/", False, "", False),
    ";": (";", ";", True, "", False),
    "?": ("?", "&", True, "=", False),
    "&": ("&", "&", True, "=", False),
}
_RESERVED = ":/?#[]@!$&'()*+,;="


class TemplateError(ValueError):
    """A URI template this module cannot expand."""


def encode(value: str, reserved: bool = False) -> str:
    """A value as RFC 6570 expansion writes it: everything but the unreserved characters
    (letters, digits, - . _ ~) percent-encoded as UTF-8, in upper-case hexadecimal."""
    return quote(value, safe=_RESERVED if reserved else "")


def expand(template: str, values: dict[str, object]) -> str:
    """Expand a URI template (levels 1 to 4, string values) with these values; a value
    that is None, or not given, is undefined and leaves its variable out."""

    def expression(match: re.Match) -> str:
        body = match.group(1)
        operator = body[:1] if body[:1] in _OPERATORS and body[:1] else ""
        first, separator, named, if_empty, reserved = _OPERATORS[operator]
        parts = []
        for spec in body[len(operator):].split(","):
            found = _VARSPEC.match(spec)
            if not found:
                raise TemplateError(f"{template!r}: bad variable {spec!r}")
            name, _modifier, prefix = found.groups()
            value = values.get(name)
            if value is None:
                continue
            text = str(value)
            if prefix:
                text = text[: int(prefix)]
            text = encode(text, reserved)
            if named:
                text = f"{name}={text}" if text else f"{name}{if_empty}"
            parts.append(text)
        return first + separator.join(parts) if parts else ""

    if template.count("{") != template.count("}"):
        raise TemplateError(f"{template!r}: unbalanced braces")
    return _EXPRESSION.sub(expression, template)


def file_for(url: str) -> str | None:
    """The file (relative to the API's directory) that answers a URL of the API, relative
    or absolute: `navigation?resource=X&down=1` → `navigation/resource=X&down=1.json`; the
    entry point (the directory itself) is `index.json`. None for a URL outside the API."""
    parts = urlsplit(url)
    name = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if parts.path.endswith("/") or name in ("", "."):
        return "index.json" if not parts.query else None
    if name not in ENDPOINTS:
        return None
    return f"{name}/{parts.query or NO_QUERY}{ENDPOINTS[name]}"


def query_file(endpoint: str, query: str) -> str:
    """The file of a request to an endpoint, given its query string (without the "?")."""
    return f"{endpoint}/{query or NO_QUERY}{ENDPOINTS[endpoint]}"
