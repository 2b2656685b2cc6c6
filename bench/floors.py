"""The floors the build is measured against: the least any build of these files could cost.

    python3 bench/floors.py tei DIR          parse every TEI file of DIR with lxml (the
                                             project's safe loader) and run a Saxon identity
                                             transform over it: the floor of HTML and EPUB
    python3 bench/floors.py weasyprint DIR   WeasyPrint sets each XHTML file of DIR (the
                                             print builder's final XHTML, output/.cache/pdf)
                                             with the print style sheet and writes its PDF,
                                             nothing else: the floor of the PDFs

Each prints one JSON object: seconds of work (after imports and compilation), files, bytes,
and per file its seconds. One file at a time is in memory, as in the build.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

IDENTITY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:mode on-no-match="shallow-copy"/>
</xsl:stylesheet>"""


def tei_floor(directory: Path) -> dict:
    from edition.xml import parse_file
    from edition.xslt import Stylesheet, to_xdm

    identity = Stylesheet(text=IDENTITY)
    files = sorted(directory.glob("*.xml"))
    per_file = {}
    started = time.perf_counter()
    for path in files:
        clock = time.perf_counter()
        identity.apply(to_xdm(parse_file(path)))
        per_file[path.name] = time.perf_counter() - clock
    return _result(started, files, per_file)


def weasyprint_floor(directory: Path) -> dict:
    import tempfile

    from weasyprint import CSS, HTML

    from edition import paths
    from edition.builders.pdfconfig import FILE_NAME, PrintSettings

    sheet = paths.xslt_dir() / "print" / "print.css"
    stylesheets = [
        CSS(string=sheet.read_text(encoding="utf-8"), base_url=sheet.as_uri()),
        CSS(string=PrintSettings.load(paths.home() / FILE_NAME).page_css),
    ]
    files = sorted(directory.glob("*.xhtml"))
    per_file = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        for path in files:
            clock = time.perf_counter()
            document = HTML(string=path.read_text(encoding="utf-8"), base_url=None)
            document.write_pdf(Path(scratch) / f"{path.stem}.pdf", stylesheets=stylesheets,
                               pdf_variant="pdf/ua-1")
            per_file[path.name] = time.perf_counter() - clock
    return _result(started, files, per_file)


def _result(started: float, files: list[Path], per_file: dict[str, float]) -> dict:
    return {
        "seconds": time.perf_counter() - started,
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "per_file": per_file,
    }


if __name__ == "__main__":
    kind, directory = sys.argv[1], Path(sys.argv[2])
    floor = {"tei": tei_floor, "weasyprint": weasyprint_floor}[kind]
    print(json.dumps(floor(directory)))
