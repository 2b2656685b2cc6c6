"""Headless Chromium (Debian's) driven by Playwright, and the checkers the web edition's
quality tests run: the Nu Html Checker (vnu.jar) and axe-core. Each helper skips the test,
saying why, when its tool is not installed (`scripts/setup.sh --test` installs them all).
Test modules wrap the generators below in fixtures of their own scope."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
NPM_TOOLS = ROOT / ".cache" / "npm" / "node_modules"
VNU_JAR = NPM_TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NPM_TOOLS / "axe-core" / "axe.min.js"


def launch_chromium():
    """A headless Chromium browser, for the lifetime of the generator."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} not found (Debian package chromium; scripts/setup.sh --test)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


LOCAL = ("file:", "data:", "about:")


def watched_page(chromium, allowed: tuple[str, ...] = LOCAL, viewport=None):
    """A fresh page that fails the test on any request leaving the machine (any URL not
    beginning with one of `allowed`: local files; a test of the preview adds its server)
    or any script error."""
    context = chromium.new_context(viewport=viewport or {"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []

    def watch(request):
        if not request.url.startswith(allowed):
            outside.append(request.url)

    def refuse(route):
        # Nothing beyond the files on this machine is ever fetched, even when a page asks.
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", refuse)
    page.on("request", watch)
    page.on("pageerror", lambda error: outside.append(f"script error: {error}"))
    yield page
    context.close()
    assert outside == [], f"requests beyond the site or script errors: {outside}"


def vnu_command() -> list[str]:
    java = shutil.which("java")
    if not java:
        pytest.skip("java not found (the Nu Html Checker needs a Java runtime)")
    if not VNU_JAR.is_file():
        pytest.skip(f"{VNU_JAR} not found (npm package vnu-jar; scripts/setup.sh --test)")
    return [java, "-jar", str(VNU_JAR)]


def axe_script() -> Path:
    if not AXE_JS.is_file():
        pytest.skip(f"{AXE_JS} not found (npm package axe-core; scripts/setup.sh --test)")
    return AXE_JS
