"""Helpers for the web edition's tests: build the fixture site, read its pages, check links.

Pages are HTML5 (not XML), so they are read with the standard library's HTML parser.
"""

from __future__ import annotations

from pathlib import Path

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


def broken_links(site: Path) -> list[str]:
    """Every internal link of every page that leads to no file, or to no such id there,
    and every link of an unsafe scheme: `edition check`'s link check (C030, C032)."""
    from edition.checks.html import links

    return [str(m) for m in links(site) if m.code in ("C030", "C032")
            and not m.location.path.endswith(".css")]


def external_resources(site: Path) -> list[str]:
    """Resources a page or stylesheet would fetch from elsewhere, and stylesheet urls that
    lead nowhere: `edition check`'s (C031, and C030 in CSS)."""
    from edition.checks.html import links

    return [str(m) for m in links(site) if m.code == "C031"
            or m.code == "C030" and m.location.path.endswith(".css")]
