"""Helpers for the web edition's tests: build the fixture site, read its pages, check links.

Pages are HTML5 (not XML), so they are read with the standard library's HTML parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import FIXTURES

SITE_FIXTURES = FIXTURES / "html" / "tei"
#: Small enough that the fixture book is split into pages and the letter is not.
FIXTURE_CHUNK_SIZE = 1000


def build_site(output_root: Path, tei_dir: Path = SITE_FIXTURES, **options) -> Path:
    from edition.build import run_build

    result = run_build(
        tei_dir, output_root, ["html"], options={"chunk_size": FIXTURE_CHUNK_SIZE, **options}
    )
    assert result.ok, result.validation
    return output_root / "html"


@dataclass
class Page:
    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, url)


class _Collector(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.page.ids.add(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name) is not None:
                self.page.links.append((tag, name, attributes[name]))


def read_page(path: Path) -> Page:
    page = Page(path)
    _Collector(page).feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path) -> list[str]:
    """Every internal link of every page that leads to no file, or to no such id there."""
    pages = {p: read_page(p) for p in sorted(site.rglob("*.html"))}
    problems = []
    for path, page in pages.items():
        for tag, attribute, url in page.links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file():
                problems.append(f"{path.name}: {tag}@{attribute}={url}: no file {parts.path}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else read_page(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{path.name}: {url}: no id {parts.fragment} in {target.name}")
    return problems


def external_resources(site: Path) -> list[str]:
    """Resources a page or stylesheet would fetch from elsewhere (scripts, styles, fonts,
    images): none may be remote. Plain links to other sites are not resources."""
    found = []
    for path in sorted(site.rglob("*.html")):
        for tag, attribute, url in read_page(path).links:
            is_resource = attribute == "src" or tag == "link"
            if is_resource and (urlsplit(url).scheme or url.startswith("//")):
                found.append(f"{path.name}: {tag}@{attribute}={url}")
    import re

    for path in sorted(site.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", path.read_text(encoding="utf-8")):
            if urlsplit(url).scheme or url.startswith("//"):
                found.append(f"{path.name}: url({url})")
            elif not (path.parent / url).is_file():
                found.append(f"{path.name}: url({url}) is missing")
    return found
