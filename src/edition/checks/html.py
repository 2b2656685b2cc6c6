"""The web edition: the Nu Html Checker (the W3C's validator) over every page, and a link
check over the whole site (every internal link and #fragment resolves; nothing is loaded
from outside the site)."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from edition.checks import tools
from edition.messages import ERROR, WARNING, Message
from edition.xml import Location

#: Schemes a link of the edition must never carry (the stylesheets make them text).
UNSAFE_SCHEMES = ("javascript", "vbscript", "data", "file")


def vnu(site: Path) -> list[Message]:
    """The Nu checker's errors and warnings, at their page, line and column."""
    pages = sorted(str(p) for p in site.rglob("*.html"))
    if not pages:
        return []
    run = subprocess.run([tools.java(), "-jar", str(tools.vnu_jar()), "--format", "json",
                          "--exit-zero-always", *pages],
                         capture_output=True, text=True, timeout=1800)
    try:
        report = json.loads(run.stderr or run.stdout)
    except json.JSONDecodeError:
        detail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
        return [Message(Location(str(site)), ERROR, f"the Nu checker did not run: {detail[0]}",
                        "C020")]
    found = []
    for message in report.get("messages", []):
        kind = message.get("type")
        severity = ERROR if kind in ("error", "non-document-error") else WARNING
        if kind == "info" and message.get("subType") != "warning":
            continue
        url = message.get("url", "")
        path = unquote(urlsplit(url).path) if url.startswith("file:") else url
        found.append(Message(Location(path, int(message.get("lastLine", 0)),
                                      int(message.get("firstColumn", 0))),
                             severity, f"Nu checker: {message.get('message', '')}",
                             "C020" if severity == ERROR else "C021"))
    return found


@dataclass
class Page:
    path: Path
    ids: set[str] = field(default_factory=set)
    #: (tag, attribute, url, line, column) of every href and src.
    links: list[tuple[str, str, str, int, int]] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.page.ids.add(attributes["id"])
        line, column = self.getpos()
        for name in ("href", "src"):
            if attributes.get(name) is not None:
                self.page.links.append((tag, name, attributes[name], line, column + 1))


def read_page(path: Path) -> Page:
    page = Page(path)
    _Collector(page).feed(path.read_text(encoding="utf-8"))
    return page


def links(site: Path) -> list[Message]:
    """Every internal link of every page that leads to no file or to no such id there
    (C030), every resource a page or stylesheet would load from elsewhere (C031), every
    link of a scheme that can run or read something (C032)."""
    pages = {p: read_page(p) for p in sorted(site.rglob("*.html"))}
    found = []
    for path, page in pages.items():
        for tag, attribute, url, line, column in page.links:
            where = Location(str(path), line, column)
            parts = urlsplit(url)
            scheme = re.sub(r"[\s\x00-\x1f]", "", url).partition(":")[0].lower()
            if ":" in url and scheme in UNSAFE_SCHEMES:
                found.append(Message(where, ERROR, f"<{tag} {attribute}=\"{url}\">: a link "
                                     f"of the scheme {scheme}:, which can run or read "
                                     "something", "C032"))
                continue
            if parts.scheme or parts.netloc or url.startswith("//"):
                if attribute == "src" or tag == "link":
                    found.append(Message(where, ERROR, f"<{tag} {attribute}=\"{url}\"> loads "
                                         "something from outside the site", "C031"))
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file():
                found.append(Message(where, ERROR, f"<{tag} {attribute}=\"{url}\">: there is "
                                     f"no file {parts.path} in the site", "C030"))
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else read_page(target).ids
                if unquote(parts.fragment) not in ids:
                    found.append(Message(where, ERROR, f"<{tag} {attribute}=\"{url}\">: "
                                         f"{target.name} has no id {parts.fragment}", "C030"))
    for path in sorted(site.rglob("*.css")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"url\(\s*['\"]?([^'\")]+)", text):
            url = match.group(1)
            line = text.count("\n", 0, match.start()) + 1
            where = Location(str(path), line, match.start() - text.rfind("\n", 0, match.start()))
            if urlsplit(url).scheme and not url.startswith("data:") or url.startswith("//"):
                found.append(Message(where, ERROR, f"url({url}) loads something from "
                                     "outside the site", "C031"))
            elif not url.startswith("data:") and not (path.parent / url.split("#")[0]).is_file():
                found.append(Message(where, ERROR, f"url({url}): no such file", "C030"))
    return found
