"""The EPUBs against the trade's validators: EPUBCheck (the conformance checker of the W3C
EPUB 3.3 specification) and DAISY Ace (accessibility, EPUB Accessibility 1.1 / WCAG)."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from edition.checks import tools
from edition.messages import ERROR, WARNING, Message
from edition.xml import Location

SEVERITIES = {"FATAL": ERROR, "ERROR": ERROR, "WARNING": WARNING}


def epubcheck(epub: Path) -> list[Message]:
    """EPUBCheck's findings (fatal, error, warning), each at its file inside the EPUB."""
    run = subprocess.run(
        [tools.java(), "-jar", str(tools.epubcheck_jar()), str(epub), "--json", "-", "-q"],
        capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        detail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
        return [Message(Location(str(epub)), ERROR, f"EPUBCheck did not run: {detail[0]}",
                        "C001")]
    found = []
    for message in report.get("messages", []):
        severity = SEVERITIES.get(message.get("severity"))
        if severity is None:
            continue
        text = f"EPUBCheck {message['ID']}: {message['message']}"
        places = message.get("locations") or [{}]
        for place in places[:5]:  # the same message at many places: the first few
            inner = place.get("path", "")
            # A fault of the whole file (not a ZIP) is placed at the EPUB itself.
            inner = "" if inner in (str(epub), epub.name) else inner
            location = Location(f"{epub}/{inner}" if inner else str(epub),
                                max(int(place.get("line", 0)), 0),
                                max(int(place.get("column", 0)), 0))
            found.append(Message(location, severity, text,
                                 "C001" if severity == ERROR else "C002"))
    return found


def ace(epub: Path) -> list[Message]:
    """Ace's accessibility violations, each at its content document."""
    command = tools.ace_cli()
    with tempfile.TemporaryDirectory() as out:
        env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(tools.CHROMIUM)}
        run = subprocess.run([str(command), "--silent", "--force", "--outdir", out, str(epub)],
                             env=env, capture_output=True, text=True, timeout=900)
        report_file = Path(out) / "report.json"
        if run.returncode != 0 or not report_file.is_file():
            detail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no report"]
            return [Message(Location(str(epub)), ERROR, f"Ace did not run: {detail[0]}",
                            "C010")]
        report = json.loads(report_file.read_text(encoding="utf-8"))
    found = []
    for document in report.get("assertions", []):
        inner = document.get("earl:testSubject", {}).get("url", "")
        for finding in document.get("assertions", []):
            test = finding["earl:test"]
            impact = test.get("earl:impact", "")
            severity = ERROR if impact in ("critical", "serious") else WARNING
            description = finding.get("earl:result", {}).get("dct:description", "")
            found.append(Message(Location(f"{epub}/{inner}" if inner else str(epub)), severity,
                                 f"Ace ({impact}): {test.get('dct:title', '')}: {description}",
                                 "C010"))
    outcome = report.get("earl:result", {}).get("earl:outcome")
    if outcome != "pass" and not found:
        found.append(Message(Location(str(epub)), ERROR, f"Ace's outcome is {outcome}", "C010"))
    return found
