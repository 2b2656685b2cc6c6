"""`edition build`: validate, then run each requested builder over the valid texts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edition.builders import REGISTRY, builder_class
from edition.corpus import Corpus, Text
from edition.validate import Report, Validator


@dataclass
class BuildResult:
    validation: Report
    built: dict[str, list[Path]] = field(default_factory=dict)
    skipped: list[Text] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.validation.ok


def default_formats() -> list[str]:
    return list(REGISTRY)


def run_build(
    tei_dir: Path,
    output_root: Path,
    formats: Sequence[str],
    paths: Sequence[Path] = (),
    options: dict[str, Any] | None = None,
) -> BuildResult:
    corpus = Corpus(tei_dir)
    texts = corpus.select(paths) if paths else corpus.texts
    classes = [builder_class(name) for name in formats]  # unknown names fail before any work
    report = Validator().validate([t.path for t in texts] or [tei_dir])
    invalid = report.invalid_files()
    result = BuildResult(validation=report)
    result.skipped = [t for t in texts if str(t.path) in invalid]
    valid = [t for t in texts if str(t.path) not in invalid]
    for cls in classes:
        builder = cls(corpus, output_root, options)
        result.built[cls.name] = builder.build(valid)
        result.messages += [m for m in builder.messages if m not in result.messages]
    return result
