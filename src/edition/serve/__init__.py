"""`edition serve`: a live preview of the web edition while the TEI is being edited.

It builds the web edition into its own output directory (`output/preview` by default, so
that `edition build`'s outputs are never touched), serves it on 127.0.0.1 (server.py) and
watches what the edition is made from (watch.py): the TEI, the stylesheets and their CSS,
the schema and, for the edition's own TEI, the ingest profiles (profiles.py). After each
change it runs the build again, which redoes only what changed (build.py, plan.py), and
the open pages reload. While the TEI is invalid the pages list the validator's messages
(problems.py).

Modules: watch.py (polling the files), server.py (http.server, the event stream, the
script injected into pages), live.js (the page's side), problems.py (the pages that stand
in for the edition), profiles.py (ingest again after a profile changed).
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from edition import paths
from edition.errors import EditionError, UsageError

#: The format the server shows; the others are rebuilt only when asked for.
SHOWN = "html"
DEFAULT_PORT = 8000
DEFAULT_OUT = Path("output") / "preview"


@dataclass
class Settings:
    source: Path
    output_root: Path = DEFAULT_OUT
    formats: tuple[str, ...] = (SHOWN,)
    port: int = DEFAULT_PORT
    jobs: int = 1
    seeds: Path | None = None
    verbose: bool = False


def _print(line: str) -> None:
    print(line, flush=True)


def _warn(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def serve(settings: Settings, say: Callable[[str], None] = _print,
          warn: Callable[[str], None] = _warn) -> int:
    """Serve until interrupted (Ctrl-C, SIGTERM); the exit status (0).

    A port in use, an unknown format or a source that is not a directory is a UsageError,
    raised before anything is built."""
    from edition.builders import REGISTRY
    from edition.serve.server import LiveState, PreviewServer
    from edition.serve.watch import Watcher

    unknown = [f for f in settings.formats if f not in REGISTRY]
    if unknown:
        raise UsageError(f"unknown format {unknown[0]!r} (known: {', '.join(REGISTRY)})")
    if SHOWN not in settings.formats:
        raise UsageError("the preview shows the web edition: --format must include html")
    if not Path(settings.source).is_dir():
        raise UsageError(f"{settings.source}: the source is not a directory")
    state = LiveState()
    server = PreviewServer(Path(settings.output_root) / SHOWN, settings.port, state)
    own_tei = Path(settings.source).resolve() == paths.tei_dir().resolve()
    roots = watched(settings, own_tei)
    watcher = Watcher(roots, exclude=[settings.output_root])
    preview = Preview(settings, state, say, warn, own_tei, ingested=watcher.accept)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.start()
        say(f"edition serve: {server.url} (the web edition in "
            f"{Path(settings.output_root) / SHOWN}; Ctrl-C stops)")
        say(f"edition serve: watching {', '.join(_shown(p) for p in roots)}")
        preview.rebuild(set())
        while True:
            changed = watcher.wait()
            say(f"edition serve: {_listed(changed)} changed")
            preview.rebuild(changed)
    except KeyboardInterrupt:
        say("edition serve: stopped")
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.stop()
    return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def watched(settings: Settings, own_tei: bool) -> list[Path]:
    """What the preview is made from: the TEI, the stylesheets (with their CSS), the
    schema, the web edition's scripts and CSS, the ingest profiles when the TEI is the
    edition's own, pdf.toml when PDFs are rebuilt."""
    from edition.builders.html import ASSETS

    roots = [Path(settings.source), paths.xslt_dir(), paths.home() / "schema", ASSETS]
    if own_tei:
        from edition.serve.profiles import profiles_dir

        roots.append(profiles_dir())
    if "pdf" in settings.formats:
        from edition.builders.pdfconfig import FILE_NAME

        roots.append(paths.home() / FILE_NAME)
    return roots


class Preview:
    """Builds the preview and tells the server what to show."""

    def __init__(self, settings: Settings, state, say, warn, own_tei: bool,
                 ingested: Callable[[list[Path]], None] = lambda paths: None):
        self.settings = settings
        self.state = state
        self.say = say
        self.warn = warn
        # The ingest profiles make the edition's own tei/, and nothing else.
        self.own_tei = own_tei
        #: Told of the TEI files an ingest wrote, at once (the watcher takes them as seen).
        self.ingested = ingested

    def rebuild(self, changed: set[Path]) -> None:
        """Bring the preview up to date after `changed`."""
        problems: list[str] = []
        had_problems = bool(self.state.problems)
        if self.own_tei:
            from edition.serve.profiles import profiles_dir, reingest

            profiles = {p for p in changed if p.resolve().parent == profiles_dir()}
            if profiles:
                outcome = reingest(profiles, Path(self.settings.source), self.settings.seeds)
                for note in outcome.notes:
                    self.say(f"edition serve: {note}")
                problems += outcome.problems
                self.ingested(outcome.written)
        problems += self._build()
        if problems:
            for problem in problems:
                self.warn(problem)
            self.warn(f"edition serve: the pages show {len(problems)} problem"
                      f"{'s' * (len(problems) != 1)} until a save fixes them")
        elif had_problems:
            self.say("edition serve: no problems left; the pages are back")

    def _build(self) -> list[str]:
        """Run the build; publish a new generation when the pages or the problems changed.
        Returns the problems."""
        from edition import build as building
        from edition import progress
        from edition.content_models import content_models
        from edition.serve.problems import of_build

        content_models.cache_clear()  # the schema may have been edited too
        settings = self.settings
        reporter = progress.Lines(sys.stderr, verbose=True) if settings.verbose else None
        try:
            result = building.run_build(
                Path(settings.source), Path(settings.output_root), list(settings.formats),
                options={"pdf_variant": "ua"}, jobs=settings.jobs, reporter=reporter,
            )
        except EditionError as exc:
            problems, new_pages = [str(exc)], False
        except Exception as exc:  # the preview outlives whatever broke this build
            traceback.print_exc(file=sys.stderr)
            problems, new_pages = [f"the build failed: {type(exc).__name__}: {exc}"], False
        else:
            problems = of_build(result)
            new_pages = bool(result.removed) or any(
                u.status == building.BUILT for u in result.units)
            self.say(progress.summary(result).rstrip("\n"))
        if new_pages or problems != self.state.problems or not self.state.ready:
            self.state.publish(problems)
        return problems


def _listed(changed: set[Path], most: int = 3) -> str:
    names = sorted(_shown(p) for p in changed)
    if len(names) > most:
        names = [*names[:most], f"and {len(names) - most} more"]
    return ", ".join(names)


def _shown(path: Path) -> str:
    """A path as the editor knows it: relative to the current directory where it lies
    below it."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative
