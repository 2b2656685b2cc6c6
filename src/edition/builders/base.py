"""The Builder base: a fixed pipeline with a few hooks, in the manner of Sphinx's builders.

    prepare()            once, before any text: compile stylesheets, copy static files
    write_text(text)     once per text: its outputs
    finish(texts)        once, after all texts: edition-wide outputs (index pages, the
                         whole-edition PDF or EPUB)

`build()` runs them in that order; subclasses fill in the hooks and never the pipeline.
Stylesheets are compiled once per builder (so once per process), and only texts reach them
through the safe loader.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from edition import paths
from edition.corpus import Corpus, Text
from edition.fsutil import atomic_write


class Builder:
    #: The format's name (`edition build --format NAME`) and its directory under output/.
    name: ClassVar[str] = ""
    #: The layer stylesheet, relative to xslt/ (it imports xslt/core/core.xsl).
    stylesheet: ClassVar[str] = ""

    def __init__(self, corpus: Corpus, output_root: Path, options: dict[str, Any] | None = None):
        self.corpus = corpus
        self.output_root = Path(output_root)
        self.outdir = self.output_root / self.name
        self.options = dict(options or {})
        #: Warnings from the stylesheets ("CODE|severity|text"), each reported once.
        self.messages: dict[str, None] = {}

    # -- the pipeline (final)

    def build(self, texts: Sequence[Text]) -> list[Path]:
        self.prepare()
        written: list[Path] = []
        for text in texts:
            written += self.write_text(text)
            text.release()
        written += self.finish(texts)
        return written

    # -- hooks

    def prepare(self) -> None:
        """Before any text. Default: nothing (the stylesheet compiles on first use)."""

    def write_text(self, text: Text) -> list[Path]:
        raise NotImplementedError(f"{type(self).__name__} must write its texts")

    def finish(self, texts: Sequence[Text]) -> list[Path]:
        """After all texts. Default: nothing more."""
        return []

    # -- services for subclasses

    @cached_property
    def transform(self):
        """The layer stylesheet, compiled once."""
        from edition.xslt import Stylesheet

        return Stylesheet(paths.xslt_dir() / self.stylesheet)

    @cached_property
    def authority_parameters(self) -> dict[str, Any]:
        """The personography and the edition header, as stylesheet parameters."""
        from edition.xslt import to_xdm

        parameters = {}
        if self.corpus.persons is not None:
            parameters["persons"] = to_xdm(self.corpus.persons)
        if self.corpus.edition is not None:
            parameters["edition"] = to_xdm(self.corpus.edition)
        return parameters

    def render(
        self, source, parameters: dict[str, Any] | None = None, output_dir: Path | None = None
    ) -> str:
        """Apply the layer stylesheet to a Saxon document; collect its messages. Files the
        stylesheet writes with xsl:result-document go under output_dir."""
        result = self.transform.apply(
            source, {**self.authority_parameters, **(parameters or {})}, output_dir
        )
        self.messages.update(dict.fromkeys(self.transform.messages))
        return result

    def write(self, relative: str | Path, data: bytes | str) -> Path:
        """Write one output file under this builder's directory, atomically."""
        return atomic_write(self.outdir / relative, data)
