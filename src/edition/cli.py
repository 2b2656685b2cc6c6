"""The `edition` command: a thin layer that parses options, calls the library and reports.

Heavy modules (saxonche, weasyprint) are imported inside the commands that need them, so
`edition --help` stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from edition import __version__
from edition.errors import EditionError

#: How validate and check print their reports.
_report_format = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "junit"]),
    default="text",
    show_default=True,
    help="How to print the results.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edition")
def cli() -> None:
    """Publish the edition: validate TEI, ingest sources, build HTML, PDF and EPUB, package."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_report_format
@click.option(
    "--schema",
    "schema",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Validate against this RELAX NG schema instead of the edition's (no Schematron).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only, no warnings or summary.")
def validate(paths: tuple[Path, ...], output_format: str, schema: Path | None, quiet: bool) -> None:
    """Check TEI files against the edition's schema (default: tei/).

    One line per problem, `path:line:column: error|warning: message [code]`. Exit status:
    0 valid (warnings allowed), 1 invalid, 2 bad usage or unreadable files.
    """
    from edition import reporting
    from edition.validate import Validator

    targets = list(paths) or [_default_tei()]
    validator = Validator(rng_path=schema)
    report = validator.validate(targets)
    click.echo(reporting.render(report, output_format, quiet=quiet), nl=False)
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_report_format
@click.option(
    "--lexicon",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Another word list to accept, besides the lexicon.txt beside the files.",
)
@click.option("--no-suggest", is_flag=True, help="Do not look for suggestions (faster).")
@click.option("-q", "--quiet", is_flag=True, help="Print the suspicious words only, no summary.")
def proof(paths: tuple[Path, ...], output_format: str, lexicon: Path | None, no_suggest: bool,
          quiet: bool) -> None:
    """Proofread the reading text of TEI files (default: tei/) against English dictionaries
    and the edition's lexicon.

    One line per word or page turn left undecided, `path:line:column: error: message
    [code]`. Exit status: 0 nothing undecided, 1 something is, 2 bad usage, unreadable
    files or no dictionaries.
    """
    from edition import reporting
    from edition.proof import proofread

    report = proofread(list(paths) or [_default_tei()], lexicon, suggest=not no_suggest)
    rendered = reporting.render(report, output_format, quiet=quiet, suite="edition proof")
    if output_format == "text" and not quiet:
        # The summary speaks of words, not of validity.
        rendered = "".join(rendered.splitlines(keepends=True)[:-1])
        files = len(report.files)
        # Undecided words and page turns; apart from them, files or lexicon lines that
        # could not be read.
        undecided = sum(1 for m in report.errors if m.code < "L020" and m.code[0] == "L")
        other = len(report.errors) - undecided
        rendered += (f"{files} file{'s' * (files != 1)} proofread: {undecided} undecided"
                     + (f", {other} unreadable" if other else "") + "\n")
    click.echo(rendered, nl=False)
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--source",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="The directory of TEI to build (default: tei/). Without an edition header of ours "
    "(edition.xml) it is another project's TEI: found recursively, checked for what "
    "rendering needs, its header made from the files' own.",
)
@click.option(
    "--schema",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Another project's TEI: also check it against this RELAX NG schema (.rng); its "
    "messages are warnings. Default: the schema each file names in <?xml-model?>, if on disk.",
)
@click.option(
    "--format",
    "formats",
    default="",
    metavar="LIST",
    help="Comma-separated formats to build: html, pdf, epub, dts (default: html, pdf, epub).",
)
@click.option(
    "--out",
    "output_root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Where the outputs go (one directory per format).",
)
@click.option(
    "--pdf-variant",
    type=click.Choice(["ua", "print"]),
    default="ua",
    show_default=True,
    help="PDF: tagged and accessible (PDF/UA-1), or the print master (PDF/A-3b, in pdf/print/).",
)
@click.option(
    "--pdf-pieces",
    type=click.IntRange(min=0),
    default=0,
    help="PDF: lay a long book out in N pieces in parallel, with the pages of a one-piece "
    "layout (1: one piece; default: by the book's size).",
)
@click.option(
    "--edition-book",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="EPUB and PDF: also make the edition's book, every text in one (auto: while the "
    "texts' TEI is at most 16 MB together).",
)
@click.option(
    "--list-page-size",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="HTML: an edition of more than N texts (default 200) is large: its lists of texts "
    "are paged by N, its persons index has a page per initial.",
)
@click.option(
    "--search",
    type=click.Choice(["auto", "offline", "pagefind"]),
    default="auto",
    show_default=True,
    help="HTML: the site's own offline search (works from disk), Pagefind's (the site must "
    "be served), or auto: Pagefind for a large edition.",
)
@click.option("--force", is_flag=True, help="Rebuild everything, even what is up to date.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the number of cores).",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Run the units on a Dask cluster: local[:N] (N worker processes here) or a "
    "scheduler's address (tcp://HOST:PORT). Needs pip install 'edition[cluster]'.",
)
@click.option(
    "--cluster-outputs",
    type=click.Choice(["auto", "shared", "returned"]),
    default="auto",
    show_default=True,
    help="With --cluster: the workers write the outputs into the output directory "
    "(shared: they see it at the same path) or return them to this command, which writes "
    "them (returned); auto: shared when every worker sees the output directory.",
)
@click.option(
    "--cluster-source",
    type=click.Choice(["auto", "shared", "sent"]),
    default="auto",
    show_default=True,
    help="With --cluster: the workers read the TEI in the source directory (shared: they "
    "see it at the same path) or are sent what each unit reads (sent); auto: shared when "
    "every worker sees the source directory.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option(
    "-v", "--verbose", is_flag=True,
    help="Say why each output is rebuilt; list those up to date; every stylesheet warning.",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write what was done as JSON to this file.",
)
def build(
    paths: tuple[Path, ...],
    source: Path | None,
    schema: Path | None,
    formats: str,
    output_root: Path,
    pdf_variant: str,
    pdf_pieces: int,
    edition_book: str,
    list_page_size: int | None,
    search: str,
    force: bool,
    jobs: int | None,
    cluster: str | None,
    cluster_outputs: str,
    cluster_source: str,
    quiet: bool,
    verbose: bool,
    report: Path | None,
) -> None:
    """Validate the TEI (default: tei/), then bring the edition's outputs up to date.

    PATHS (files or directories under the source) limit the build to those texts. Only what
    changed since the last build is rebuilt (output/.manifest.json records what each output
    was made from). An invalid text is reported and not built; the others still are (exit
    status 1, as when a build fails).
    """
    import json

    from edition import build as building
    from edition import progress, reporting
    from edition.fsutil import atomic_write

    for name, value in (("outputs", cluster_outputs), ("source", cluster_source)):
        if value != "auto" and not cluster:
            raise click.UsageError(f"--cluster-{name} is for a build on a cluster (--cluster)")
    chosen = [f.strip() for f in formats.split(",") if f.strip()] or building.default_formats()
    if not chosen:
        raise click.UsageError("no output formats are available yet")
    options = {"pdf_variant": pdf_variant, "pdf_pieces": pdf_pieces,
               "edition_book": edition_book, "list_page_size": list_page_size,
               "search": search}
    shown = progress.reporter_for(sys.stderr, quiet, verbose)
    try:
        result = building.run_build(
            source or _default_tei(), output_root, chosen, list(paths), options,
            jobs=jobs or building.default_jobs(), force=force, reporter=shown, schema=schema,
            cluster=cluster, cluster_outputs=cluster_outputs, cluster_source=cluster_source,
        )
    finally:
        if isinstance(shown, progress.Bar):
            shown.close()
    if not result.validation.ok or (verbose and result.validation.messages):
        click.echo(reporting.render(result.validation, "text", quiet=not verbose), nl=False,
                   err=True)
        for text in result.invalid:
            # Another project's file is not judged by our schema: it could not be rendered.
            why = "cannot be rendered, skipped" if text.foreign else "invalid, not built"
            click.echo(f"edition: {text.path}: {why}", err=True)
    hidden = 0
    for message in result.messages:
        code, severity, text = (message.split("|", 2) + ["", ""])[:3]
        if verbose or severity == "error":
            click.echo(f"{severity}: {text} [{code}]", err=True)
        else:
            hidden += 1
    if hidden and not quiet:
        # A warning can be a defect (a dead link in a PDF): say there are some.
        click.echo(f"edition: {hidden} warning{'s' if hidden > 1 else ''} from the "
                   "stylesheets or WeasyPrint (--verbose shows them)", err=True)
    if quiet:
        for unit in result.units:
            if unit.status == building.FAILED:
                click.echo(f"edition: {unit.format} {unit.label}: {unit.error}", err=True)
    else:
        click.echo(progress.summary(result), nl=False)
    if report is not None:
        atomic_write(report, json.dumps(result.as_dict(), indent=1) + "\n")
    sys.exit(0 if result.ok else 1)


@cli.command()
@click.option(
    "--out",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The package: FILE.zip, or FILE.tar (default: <edition id>-<build date>.zip here).",
)
@click.option(
    "--build-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="The build to package (`edition build --out DIR`).",
)
@click.option(
    "--source",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="The TEI it was built from (`edition build --source DIR`; default: tei/).",
)
@click.option(
    "--format",
    "formats",
    default="",
    metavar="LIST",
    help="Comma-separated formats to package (default: html, pdf, epub, and dts when the "
    "build has it).",
)
@click.option(
    "--pdf-variant",
    type=click.Choice(["ua", "print"]),
    default="ua",
    show_default=True,
    help="Which PDFs were built (`edition build --pdf-variant`).",
)
def package(target: Path | None, build_dir: Path, source: Path | None, formats: str,
            pdf_variant: str) -> None:
    """Package a build for an archive: a BagIt 1.0 bag (zip or tar) of the TEI, the
    schemas, every output, the build's manifest and the outputs' provenance.

    Only a complete build that is current with the TEI is packaged; anything missing or
    stale is named, and the exit status is 1 (2 for bad usage). The same build gives a
    byte-identical package.
    """
    from edition.builders import DEFAULT_FORMATS, REGISTRY
    from edition.package import make_package

    chosen = [f.strip() for f in formats.split(",") if f.strip()] or [
        *DEFAULT_FORMATS,
        *(f for f in REGISTRY if f not in DEFAULT_FORMATS and (build_dir / f).is_dir())]
    packaged = make_package(source or _default_tei(), build_dir, target, chosen,
                            {"pdf_variant": pdf_variant})
    counts = ", ".join(f"{name} {n}" for name, n in packaged.counts.items())
    click.echo(f"{packaged.target}: BagIt 1.0 bag, {packaged.files} files in data/ "
               f"({packaged.bytes / 1e6:.1f} MB: {counts}), SHA-256 and SHA-512 manifests")
    click.echo(f"  Bagging-Date {packaged.info.get('Bagging-Date')} (the build date), "
               f"Payload-Oxum {packaged.info.get('Payload-Oxum')}")
    if packaged.skipped:
        click.echo(f"  not rendered by the build (their TEI is in data/tei/): "
                   f"{', '.join(packaged.skipped)}")
    sys.exit(0)


@cli.command()
@click.argument("seed", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--profile", "profile_name", metavar="NAME", help="Profile name or .toml file.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Default: tei/ID.xml.")
@click.option("--all", "run_all", is_flag=True, help="Every profile; text seeds from --seeds.")
@click.option(
    "--seeds",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Directory of the seed files (with --all).",
)
@click.option("--check", is_flag=True, help="Write nothing; fail if a file differs from ingest's.")
@click.option("--list", "list_profiles", is_flag=True, help="List the profiles and exit.")
@click.option("-v", "--verbose", is_flag=True, help="Show every detail of the report.")
def ingest(
    seed: Path | None,
    profile_name: str | None,
    out: Path | None,
    run_all: bool,
    seeds: Path | None,
    check: bool,
    list_profiles: bool,
    verbose: bool,
) -> None:
    """Make TEI from a raw source text with its profile, and report what was done.

    `edition ingest SEED --profile NAME` makes one text; `edition ingest --profile persons`
    (or `edition`) makes the personography or the edition header, which read no seed;
    `edition ingest --all --seeds DIR` remakes every file of tei/. Exit status: 0 done,
    1 a word of the seed would be lost or --check found a difference, 2 bad profile or usage.
    """
    from edition.ingest.run import run

    sys.exit(run(seed, profile_name, out, run_all, seeds, check, list_profiles, verbose))


@cli.command()
@click.option(
    "--out",
    "output_root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="The build to check (what `edition build --out` wrote).",
)
@click.option(
    "--source",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The TEI the build was made from (default: tei/).",
)
@_report_format
@click.option("--skip", multiple=True, metavar="NAME",
              help="Leave a check out (repeatable): tei, epubcheck, ace, nu, links, pdf, pages, "
              "dts.")
@click.option("--only", multiple=True, metavar="NAME", help="Run only these checks (repeatable).")
@click.option("--rebuild", is_flag=True,
              help="Also build again into a scratch directory and compare every byte.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only, no warnings or summary.")
@click.option("-v", "--verbose", is_flag=True, help="Say which check is running.")
def check(output_root: Path, source: Path | None, output_format: str, skip: tuple[str, ...],
          only: tuple[str, ...], rebuild: bool, quiet: bool, verbose: bool) -> None:
    """Check what `edition build` wrote, with the validators of each trade.

    TEI (schema and Schematron), EPUB (EPUBCheck, DAISY Ace), HTML (the Nu Html Checker,
    every link and resource of the site), PDF (fonts, outline, metadata, links, tagging),
    the page concordance across the formats, the DTS API (every request its entry point
    advertises), and with --rebuild reproducibility. One line
    per problem, `output-path[:line:col]: error|warning: message [code]`. Exit status: 0
    clean (warnings allowed), 1 problems, 2 bad usage or a check's tool missing.
    """
    from edition import checks, reporting

    def say(line: str) -> None:
        if verbose:
            click.echo(f"edition check: {line}", err=True)

    report = checks.run(source or _default_tei(), output_root, skip=skip, rebuild=rebuild,
                        only=only, progress=say)
    rendered = reporting.render(report, output_format, quiet=quiet, suite="edition check")
    if output_format == "text" and not quiet:
        # The summary speaks of outputs, not TEI files.
        rendered = "".join(line for line in rendered.splitlines(keepends=True)[:-1])
        errors, warnings = len(report.errors), len(report.warnings)
        rendered += (f"{len(report.files)} files checked: {errors} error{'s' * (errors != 1)}, "
                     f"{warnings} warning{'s' * (warnings != 1)}\n")
    click.echo(rendered, nl=False)
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port on 127.0.0.1 (0: any free port).")
@click.option(
    "--source",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="The directory of TEI to preview (default: tei/), as for `edition build --source`.",
)
@click.option(
    "--out",
    "output_root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output") / "preview",
    show_default=True,
    help="Where the preview is built (kept apart from `edition build`'s outputs).",
)
@click.option("--format", "formats", default="html", show_default=True, metavar="LIST",
              help="Comma-separated formats to rebuild on each change (html, plus pdf, epub).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for each rebuild.")
@click.option(
    "--seeds",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="The seed files: a changed ingest profile of a text is then ingested again.",
)
@click.option("-v", "--verbose", is_flag=True, help="Say what each rebuild made, and why.")
def serve(port: int, source: Path | None, output_root: Path, formats: str, jobs: int,
          seeds: Path | None, verbose: bool) -> None:
    """Preview the web edition on http://127.0.0.1:PORT/, rebuilt as the TEI is edited.

    Watches the TEI, the stylesheets, the schema and the ingest profiles; after each save
    the build redoes what changed and the open pages reload where they were. While the TEI
    is invalid the pages list the validator's messages instead. Ctrl-C stops. Exit status:
    0 stopped, 2 bad usage (a port in use).
    """
    from edition.serve import Settings
    from edition.serve import serve as run_preview

    chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
    settings = Settings(source or _default_tei(), output_root, chosen, port, jobs, seeds,
                        verbose)
    sys.exit(run_preview(settings))


def _default_tei() -> Path:
    local = Path("tei")
    if local.is_dir():
        return local
    from edition import paths

    return paths.tei_dir()


def main(argv: list[str] | None = None) -> None:
    """Entry point; `main([...])` is callable from tests."""
    try:
        cli.main(args=argv, prog_name="edition", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except EditionError as exc:
        click.echo(f"edition: {exc}", err=True)
        sys.exit(exc.exit_code)
    sys.exit(0)
