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


# ---------------------------------------------------------------- other projects' TEI

#: What decides a foreign file's verdict besides the file and its schemas.
FOREIGN_CODE = ("foreign_check.py", "xml.py", "messages.py")


def validate_foreign(targets: Sequence[Path], digests: Digests, recorded: dict[str, Any] | None,
                     schema: Path | None = None):
    """(report, record) for another project's files. Their checks look at one file at a
    time, so each file's verdict is remembered on its own: a changed file is checked again,
    the others are not (at 10,000 files a schema check of every file would be minutes)."""
    from edition.foreign_check import ForeignChecker
    from edition.validate import Report

    common = {name: digests(paths.PACKAGE_DIR / name) for name in FOREIGN_CODE}
    common["lib:lxml"] = library_version("lxml")
    common["schema"] = digests(schema) if schema is not None else ""
    common["cwd"] = os.getcwd()  # messages name files as they were given
    known = (recorded or {}).get("foreign", {})
    checker = None
    report = Report(files=[str(t) for t in targets])
    files: dict[str, Any] = {}
    for target in targets:
        key = text_digest(json.dumps({**common, "file": digests(target)}, sort_keys=True))
        entry = known.get(str(target))
        if not (entry and entry.get("key") == key and all(
                digests(Path(s)) == d for s, d in entry.get("schemas", {}).items())):
            checker = checker or ForeignChecker(schema)
            messages = checker.check(Path(target))
            entry = {"key": key, "schemas": {str(s): digests(s) for s in checker.used},
                     "messages": [m.as_dict() for m in messages]}
        files[str(target)] = entry
        report.messages += from_record({"files": [], "messages": entry["messages"]}).messages
    # A schema that cannot be used is said once, whichever file named it first.
    seen: set[str] = set()
    kept = []
    for message in report.messages:
        if message.code == "R021":
            if message.text in seen:
                continue
            seen.add(message.text)
        kept.append(message)
    report.messages = kept
    record = {"foreign": {**known, **files}}  # a selection keeps the others' verdicts
    return report, (record if record != recorded else None)

