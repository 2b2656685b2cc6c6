"""Shared test set-up: paths to fixtures, the reference TEI schema, and a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = Path(os.environ.get("EDITION_SHARED", ROOT.parent / "shared"))
TEI_ALL = SHARED / "schemas" / "tei_all.rng"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def tei_all():
    """The TEI Consortium's tei_all, compiled once per session (about 5 s)."""
    if not TEI_ALL.is_file():
        pytest.skip(f"tei_all.rng not found at {TEI_ALL} (../shared is absent in a user's clone)")
    from lxml import etree

    from edition.xml import parse_file

    return etree.RelaxNG(parse_file(TEI_ALL).tree)


@pytest.fixture
def run_cli(capsys):
    """Run `edition ARGS…` in-process; returns (exit code, stdout, stderr)."""
    from edition.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        else:
            code = 0
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium, headless, driven by Playwright (one per test module)."""
    from browser import launch_chromium

    yield from launch_chromium()


@pytest.fixture
def browser_page(chromium):
    """A fresh page that fails the test on any outside request or script error."""
    from browser import watched_page

    yield from watched_page(chromium)
