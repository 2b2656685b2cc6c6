"""The build's validation, remembered: the same TEI and schemas give the same verdict.

The rules look across files (pointers into persons.xml, ids used twice), so the verdict
depends on every TEI file of the directory, not only on the texts asked about. Its key is
the digests of all of them, of the schemas and of the validating code; while that key holds,
a build reuses the recorded messages and starts neither Saxon nor the schema compiler.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from edition import paths
from edition.digests import Digests, text_digest
from edition.plan import label, library_version

#: The modules whose code decides a verdict (besides the schemas).
CODE = ("validate.py", "xml.py", "messages.py", "content_models.py", "xslt.py",
        "schematron.xsl")


def validation_key(tei_dir: Path, targets: Sequence[Path], digests: Digests) -> str:
    # Messages name files as they were given: the same files named from elsewhere differ.
    inputs: dict[str, Any] = {"targets": [str(t) for t in targets], "cwd": os.getcwd()}
    for path in sorted(Path(tei_dir).glob("*.xml")):
        inputs[label(path)] = digests(path)
    for path in [paths.schema_rng(), paths.schema_sch()]:
        inputs[label(path)] = digests(path)
    for name in CODE:
        inputs[name] = digests(paths.PACKAGE_DIR / name)
    for name in ("saxonche", "lxml"):
        inputs[f"lib:{name}"] = library_version(name)
    return text_digest(json.dumps(inputs, sort_keys=True))


def validate(targets: Sequence[Path], key: str, recorded: dict[str, Any] | None):
    """(report, record): the recorded verdict when its key matches, else a new one."""
    if recorded and recorded.get("key") == key:
        return from_record(recorded["report"]), None
    from edition.validate import Validator

    report = Validator().validate(list(targets))
    return report, {"key": key, "report": to_record(report)}


def to_record(report) -> dict[str, Any]:
    return {"files": report.files, "messages": [m.as_dict() for m in report.messages]}


def from_record(record: dict[str, Any]):
    from edition.messages import Message
    from edition.validate import Report
    from edition.xml import Location

    messages = [
        Message(Location(m["path"], m["line"], m["column"]), m["severity"], m["message"],
                m["code"])
        for m in record["messages"]
    ]
    return Report(files=list(record["files"]), messages=messages)
