"""The Builder base: a fixed pipeline with a few hooks, in the manner of Sphinx's builders.

    prepare()            once per process, before any other hook: settings, stylesheets
    write_text(text)     once per text: its outputs
    finish(texts)        once, after all texts: edition-wide outputs (index pages, the
                         whole-edition PDF or EPUB)

and, for formats that need them:

    survey(text)         once per text, before any write_text: what the other texts must
                         know of it (titles, where its ids are, for links between texts);
                         `combine_surveys` joins them, and every later hook reads the
                         result as `self.surveyed`
    survey_views(combined)
                         per text, the part of the combined surveys its outputs read
                         (`self.survey_view(text)` in write_text): a worker then holds
                         that part, not the whole, and a text is made again only when
                         its part changed
    write_static()       the files every output of the format shares (CSS, fonts)

The pipeline that calls them is `edition.build` (incremental and parallel); subclasses fill
in the hooks and never the pipeline. Each call may run in another worker process, so a hook
keeps nothing in memory for a later one: what `finish` needs from the texts, `write_text`
leaves in `cache_dir` (`write_cache`). Stylesheets are compiled once per builder (so once
per process), and only texts reach them through the safe loader.

A builder also says what its outputs are made from, so that a rebuild redoes only what
changed: the stylesheets (xslt/core/ and its layer, with the layer's directory: modules,
CSS), `extra_inputs()` (configuration, fonts), `settings()` and `text_settings()` (options
that change the outputs), `libraries` (whose upgrade changes them), `related_texts()` (other
TEI a text's outputs show) and `finish_reads()` (which of the texts' files finish reads).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from edition import paths
from edition.corpus import Corpus, Text
from edition.fsutil import atomic_write

#: In a builder's cache directory: the texts' surveys, one by one and combined.
SURVEYS = "survey"
SURVEYED = "surveyed"
#: In a builder's cache directory: per text, its view of the combined surveys.
VIEWS = "views"
#: --edition-book auto: the edition's book (every text in one EPUB, one PDF) is made while
#: its texts' TEI is at most this many bytes together (ten times our own edition's). An
#: archive's thousands of texts make a book no reader can use, and laying it out takes
#: time and memory that grow with it; each text still has its own.
EDITION_BOOK_LIMIT = 16_000_000


class Builder:
    #: The format's name (`edition build --format NAME`) and its directory under output/.
    name: ClassVar[str] = ""
    #: The layer stylesheet, relative to xslt/ (it imports xslt/core/core.xsl).
    stylesheet: ClassVar[str] = ""
    #: Distributions whose version shapes the outputs: upgrading one rebuilds the format.
    libraries: ClassVar[tuple[str, ...]] = ("saxonche", "lxml")
    #: Rough cost of a text relative to EPUB's, to start the longest work first when no
    #: earlier build has timed it.
    cost: ClassVar[float] = 1.0

    def __init__(self, corpus: Corpus, output_root: Path, options: dict[str, Any] | None = None):
        self.corpus = corpus
        self.output_root = Path(output_root)
        self.outdir = self.output_root / self.name
        self.options = dict(options or {})
        #: Warnings from the stylesheets ("CODE|severity|text"), each reported once.
        self.messages: dict[str, None] = {}

        #: Files written to cache_dir by the current hook (see write_cache).
        self.cached: list[Path] = []
        #: The current text's words in its TEI and in its output (see account_words).
        self.words: dict[str, Any] = {}

    # -- hooks

    def prepare(self) -> None:
        """Before any text. Default: nothing (the stylesheet compiles on first use)."""

    def write_text(self, text: Text) -> list[Path]:
        raise NotImplementedError(f"{type(self).__name__} must write its texts")

    def finish(self, texts: Sequence[Text]) -> list[Path]:
        """After all texts. Default: nothing more."""
        return []

    def survey(self, text: Text) -> bytes | None:
        """Hook: what the outputs of every text must know of this one, or None (the
        default: the format's texts are made independently)."""
        return None

    def combine_surveys(self, surveys: Sequence[bytes]) -> bytes:
        """Hook: the texts' surveys, in reading order, as one document."""
        return b"".join(surveys)

    def survey_views(self, combined: bytes) -> Iterator[tuple[str, bytes]]:
        """Hook: per text id, the part of the combined surveys that the text's outputs
        read. Default: none (write_text reads `surveyed`, the whole)."""
        return iter(())

    def write_static(self) -> list[Path]:
        """Hook: files shared by all the format's outputs. Default: none."""
        return []

    @classmethod
    def surveys_texts(cls) -> bool:
        return cls.survey is not Builder.survey

    @classmethod
    def has_survey_views(cls) -> bool:
        return cls.survey_views is not Builder.survey_views

    @classmethod
    def has_static_files(cls) -> bool:
        return cls.write_static is not Builder.write_static

    # -- what the outputs are made from (read by the build before any work; keep cheap)

    @property
    def scope(self) -> str:
        """This builder's name in the build's state (manifest, cache directory): the format,
        plus whatever makes its outputs a different set of files (PDF: the print master)."""
        return self.name

    def input_files(self) -> list[Path]:
        """Every file besides the TEI that this format's outputs are made from."""
        xslt = paths.xslt_dir()
        layer = xslt / self.stylesheet
        files = [layer]
        for directory in (xslt / "core", layer.with_suffix("")):
            if directory.is_dir() and directory != xslt:
                files += sorted(p for p in directory.rglob("*") if p.is_file())
        return [*files, *self.extra_inputs()]

    def extra_inputs(self) -> list[Path]:
        """Hook: further files the outputs depend on (configuration, fonts). Default: none."""
        return []

    def settings(self) -> dict[str, str]:
        """Hook: the options that change this format's outputs, as strings. Default: none."""
        return {}

    def text_settings(self, text_id: str) -> dict[str, str]:
        """Hook: settings that change one text's outputs only. Default: none."""
        return {}

    def edition_settings(self) -> dict[str, str]:
        """Hook: settings that change the edition-wide outputs only. Default: none."""
        return {}

    @property
    def edition_book(self) -> str:
        """--edition-book: auto (by size, EDITION_BOOK_LIMIT), always or never."""
        return self.options.get("edition_book") or "auto"

    def makes_edition_book(self, texts: Sequence[Text]) -> bool:
        """Whether finish makes the edition's book of these texts (--edition-book); when the
        size decides against it, a message says so."""
        if self.edition_book != "auto":
            return self.edition_book == "always"
        size = sum(t.path.stat().st_size for t in texts)
        if size <= EDITION_BOOK_LIMIT:
            return True
        self.messages[
            f"B001|warning|the edition's {self.name.upper()} (its {len(texts):,} texts in one "
            f"book) is not made: their TEI is {size / 1e6:,.0f} MB, over "
            f"{EDITION_BOOK_LIMIT / 1e6:.0f} MB; each text has its own "
            "(--edition-book always makes it)"] = None
        return False

    @cached_property
    def core_css(self) -> bytes:
        """The CSS every format shares (xslt/core/core.css), put before the layer's own."""
        return (Path(paths.xslt_dir()) / "core" / "core.css").read_bytes() + b"\n"

    def images(self, text: Text) -> list:
        """The pictures beside the TEI that this text's outputs carry (edition.media)."""
        from edition.media import images_of

        return images_of(text.document.root, text.path, self.corpus.tei_dir)

    def related_texts(self, text: Text) -> list[Path]:
        """Hook: other TEI files whose content this text's outputs show (called after the
        survey). Default: none."""
        return []

    def text_reads(self, text: Text) -> list[Path]:
        """Hook: the files under the output root that this text's write_text reads (what a
        worker with no shared storage must be sent, cluster.py). Default: none."""
        return []

    def finish_reads(self, relative: str) -> bool:
        """Hook: whether `finish` reads this file that a text's write_text wrote (a path
        relative to the output root). The edition-wide outputs are made again only when
        such a file changed. Default: every file."""
        return True

    # -- services for subclasses

    @property
    def cache_dir(self) -> Path:
        """Where write_text leaves what finish needs (kept between builds)."""
        return self.output_root / ".cache" / self.scope

    @cached_property
    def surveyed(self) -> bytes:
        """The combined surveys of the edition's valid texts (see `survey`)."""
        return (self.cache_dir / SURVEYED).read_bytes()

    def view_path(self, text_id: str) -> Path:
        """Where the build leaves a text's view of the combined surveys (survey_views)."""
        return self.cache_dir / VIEWS / text_id

    def survey_view(self, text: Text) -> bytes:
        """This text's view of the combined surveys (see survey_views)."""
        return self.view_path(text.id).read_bytes()

    def write_cache(self, relative: str | Path, data: bytes | str) -> Path:
        """Write a file for a later hook (maybe in another process), atomically."""
        path = atomic_write(self.cache_dir / relative, data)
        self.cached.append(path)
        return path

    @cached_property
    def transform(self):
        """The layer stylesheet, compiled once."""
        from edition.xslt import Stylesheet

        return Stylesheet(paths.xslt_dir() / self.stylesheet)

    @cached_property
    def authority_parameters(self) -> dict[str, Any]:
        """The personography and the edition header, as stylesheet parameters (for the
        edition-wide outputs)."""
        return self._authority(self.corpus.edition)

    @cached_property
    def text_authority_parameters(self) -> dict[str, Any]:
        """The same for a text's outputs (`render`, a survey): the header as they read it
        (Corpus.header_for_texts)."""
        if not self.corpus.foreign:
            return self.authority_parameters
        return self._authority(self.corpus.header_for_texts)

    def _authority(self, header) -> dict[str, Any]:
        from edition.xslt import to_xdm

        parameters = {}
        if self.corpus.persons is not None:
            parameters["persons"] = to_xdm(self.corpus.persons)
        if header is not None:
            parameters["edition"] = to_xdm(header)
        return parameters

    def render(
        self, source, parameters: dict[str, Any] | None = None, output_dir: Path | None = None
    ) -> str:
        """Apply the layer stylesheet to a Saxon document; collect its messages. Files the
        stylesheet writes with xsl:result-document go under output_dir."""
        result = self.transform.apply(
            source, {**self.text_authority_parameters, **(parameters or {})}, output_dir
        )
        self.messages.update(dict.fromkeys(self.transform.messages))
        return result

    def account_words(self, text: Text, output) -> None:
        """Words in, words out: count the words of the text's TEI (`text`, `sourceDoc`) and
        of its output (a Counter, wordcount.py); words of the TEI that the output lacks are
        a warning (W001) naming a few of them."""
        from edition import wordcount

        source = wordcount.tei_words(text.document.root)
        missing = wordcount.lost(source, output)
        self.words = {"in": sum(source.values()), "out": sum(output.values()),
                      "lost": sum(missing.values())}
        if missing:
            examples = [word for word, _ in missing.most_common(8)]
            self.words["examples"] = examples
            self.messages[
                f"W001|warning|{text.id}: {self.words['lost']} words of the TEI are not in "
                f"its {self.name} output (among them: {', '.join(examples)})"] = None

    def write(self, relative: str | Path, data: bytes | str) -> Path:
        """Write one output file under this builder's directory, atomically."""
        return atomic_write(self.outdir / relative, data)
