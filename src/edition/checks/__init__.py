"""`edition check`: the release gate over what `edition build` wrote.

Each check runs the validator its trade uses and reports what it finds as messages with a
place (`output-path[:line:col]`) and a code (C0xx, src/edition/messages.py):

- tei: the sources (RELAX NG + Schematron for our own, what rendering needs and their own
  schema for another project's), as `edition validate` and `edition build` do;
- epubcheck, ace: every EPUB (checks/epub.py);
- nu, links: every page of the web edition, and every link and resource of the site
  (checks/html.py);
- pdf: every PDF (checks/pdf.py);
- pages: the page concordance of the print sources (checks/pages.py);
- dts: the DTS API, walked from its entry point: every request it advertises answered,
  every answer as DTS 1.0 requires (checks/dts.py);
- rebuild (with --rebuild): the build again in a scratch directory, byte for byte.

A check whose tool is missing stops the run before anything is checked (exit 2) unless it
is skipped; nothing is ever fetched.
"""

from __future__ import annotations

import filecmp
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from edition.checks.tools import ToolMissing
from edition.corpus import Corpus
from edition.errors import UsageError
from edition.messages import ERROR, Message
from edition.validate import Report
from edition.xml import Location

FORMATS = ("html", "epub", "pdf", "dts")


@dataclass
class Context:
    source: Path
    out: Path
    progress: Callable[[str], None] = lambda line: None
    checked: set[str] = field(default_factory=set)

    @property
    def corpus(self) -> Corpus:
        return Corpus(self.source)

    def outputs(self, fmt: str, pattern: str) -> list[Path]:
        directory = self.out / fmt
        found = sorted(directory.rglob(pattern)) if directory.is_dir() else []
        self.checked |= {str(p) for p in found}
        return found


def _tei(context: Context) -> list[Message]:
    corpus = context.corpus
    if corpus.foreign:
        from edition.foreign_check import ForeignChecker

        checker = ForeignChecker()
        return [m for t in corpus.texts for m in checker.check(t.path)]
    from edition.validate import Validator

    report = Validator().validate([context.source])
    context.checked |= set(report.files)
    return report.messages


def _each_epub(context: Context, tool: str, check) -> list[Message]:
    found = []
    for epub in context.outputs("epub", "*.epub"):
        context.progress(f"{tool} {epub.name}")
        found += check(epub)
    return found


def _epubcheck(context: Context) -> list[Message]:
    from edition.checks.epub import epubcheck

    return _each_epub(context, "EPUBCheck", epubcheck)


def _ace(context: Context) -> list[Message]:
    from edition.checks.epub import ace

    return _each_epub(context, "Ace", ace)


def _nu(context: Context) -> list[Message]:
    from edition.checks.html import vnu

    context.outputs("html", "*.html")
    context.progress("the Nu Html Checker")
    return vnu(context.out / "html") if (context.out / "html").is_dir() else []


def _links(context: Context) -> list[Message]:
    from edition.checks.html import links

    context.outputs("html", "*.html")
    return links(context.out / "html") if (context.out / "html").is_dir() else []


def _pdf(context: Context) -> list[Message]:
    from edition.checks.pdf import check_pdf
    from edition.sources import authors_of

    authors = {}
    for text in context.corpus.texts:
        try:
            authors[text.id] = authors_of(text.document.root)
        except Exception:  # unreadable: the tei check says why
            continue
        text.release()
    found = []
    for pdf in context.outputs("pdf", "*.pdf"):
        context.progress(f"PDF {pdf.name}")
        found += check_pdf(pdf, authors.get(pdf.stem))
    return found


def _pages(context: Context) -> list[Message]:
    from edition.checks.pages import concordance

    found = []
    for text in context.corpus.texts:
        try:
            found += concordance(text, context.out)
        except Exception as exc:  # an unreadable text is the tei check's to report
            if "XMLLoadError" not in type(exc).__name__:
                raise
        text.release()
    return found


def _dts(context: Context) -> list[Message]:
    from edition.checks.dts import walk

    api = context.out / "dts"
    if not api.is_dir():
        return []
    context.progress("the DTS API, from its entry point")
    walked = walk(api)
    context.checked |= {str(api / relative) for relative in walked.reached}
    return walked.messages


def _rebuild(context: Context) -> list[Message]:
    from edition.build import run_build

    formats = [f for f in FORMATS if (context.out / f).is_dir()]
    found = []
    with tempfile.TemporaryDirectory(prefix="edition-check-") as scratch:
        context.progress(f"rebuilding {', '.join(formats)} in a scratch directory")
        run_build(context.source, Path(scratch), formats, force=True)
        for fmt in formats:
            ours = {p.relative_to(context.out) for p in (context.out / fmt).rglob("*")
                    if p.is_file()}
            theirs = {p.relative_to(scratch) for p in (Path(scratch) / fmt).rglob("*")
                      if p.is_file()}
            for relative in sorted(ours | theirs):
                where = Location(str(context.out / relative))
                if relative not in theirs:
                    found.append(Message(where, ERROR, "not made by a rebuild (left over "
                                         "from an earlier build?)", "C060"))
                elif relative not in ours:
                    found.append(Message(where, ERROR, "made by a rebuild, missing here",
                                         "C060"))
                elif not filecmp.cmp(context.out / relative, Path(scratch) / relative,
                                     shallow=False):
                    found.append(Message(where, ERROR, "differs from a rebuild of the same "
                                         "TEI: the build is not reproducible", "C060"))
    return found


def _needs(name: str) -> None:
    """Raise ToolMissing when a check's tool is absent."""
    from edition.checks import tools

    needs = {
        "epubcheck": (tools.java, tools.epubcheck_jar),
        "ace": (tools.ace_cli,),
        "nu": (tools.java, tools.vnu_jar),
        "pdf": (tools.pikepdf,),
        "pages": (tools.pikepdf,),
    }
    for need in needs.get(name, ()):
        need()


CHECKS: dict[str, Callable[[Context], list[Message]]] = {
    "tei": _tei, "epubcheck": _epubcheck, "ace": _ace, "nu": _nu, "links": _links,
    "pdf": _pdf, "pages": _pages, "dts": _dts, "rebuild": _rebuild,
}
#: Run unless skipped; "rebuild" only when asked (it builds everything again).
DEFAULT = ("tei", "epubcheck", "ace", "nu", "links", "pdf", "pages", "dts")


def run(source: Path, out: Path, skip: Sequence[str] = (), rebuild: bool = False,
        only: Sequence[str] = (), progress: Callable[[str], None] | None = None) -> Report:
    """Run the checks (all but `skip`; or `only` those) over the build in `out`."""
    unknown = sorted((set(skip) | set(only)) - set(CHECKS))
    if unknown:
        raise UsageError(f"no such check: {', '.join(unknown)} (checks: {', '.join(CHECKS)})")
    names = [n for n in (only or DEFAULT) if n not in skip]
    if rebuild and "rebuild" not in names and "rebuild" not in skip:
        names.append("rebuild")
    if not Path(out).is_dir() or not any((Path(out) / f).is_dir() for f in FORMATS):
        raise UsageError(f"{out} holds no build (no html/, epub/, pdf/ or dts/): run "
                         "`edition build` first, or name the build with --out")
    missing = []
    for name in names:
        try:
            _needs(name)
        except ToolMissing as exc:
            missing.append(f"{name}: {exc}")
    if missing:
        raise UsageError("the tools of some checks are missing (install them, or leave the "
                         "checks out with --skip NAME):\n  " + "\n  ".join(missing))
    context = Context(Path(source), Path(out), progress or (lambda line: None))
    messages: list[Message] = []
    for name in names:
        context.progress(f"check {name}")
        messages += CHECKS[name](context)
    files = sorted(context.checked | {m.location.path for m in messages})
    return Report(files=files, messages=messages)
