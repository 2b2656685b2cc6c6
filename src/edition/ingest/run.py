"""What ``edition ingest`` does with its options: one profile, or all of them."""

from __future__ import annotations

from pathlib import Path

import click

from edition.errors import UsageError
from edition.ingest import available_profiles, ingest, load_profile, seed_for


def run(
    seed: Path | None,
    profile_name: str | None,
    out: Path | None,
    run_all: bool,
    seeds: Path | None,
    check: bool,
    list_profiles: bool,
    verbose: bool,
) -> int:
    """Run the command; returns the exit status."""
    if list_profiles:
        for name in available_profiles():
            profile = load_profile(name)
            seed_name = profile.seed_name or "(no seed)"
            click.echo(f"{name:24} {profile.kind:14} {seed_name}")
        return 0
    if run_all:
        if seed is not None or profile_name is not None or out is not None:
            raise UsageError("--all takes no SEED, --profile or --out")
        if seeds is None:
            raise UsageError("--all needs --seeds DIR, the directory of the seed files")
        status = 0
        # the personography first: the texts tag persons against it
        names = sorted(available_profiles(), key=lambda n: (n != "persons", n))
        for name in names:
            profile = load_profile(name)
            result = ingest(profile, seed_for(profile, seeds), None, check)
            click.echo(result.report.render(verbose), nl=False)
            status = max(status, 1 if result.report.problems else 0)
        return status
    if profile_name is None:
        raise UsageError("name the source's profile: --profile NAME (see --list)")
    if seeds is not None:
        raise UsageError("--seeds goes with --all; give the seed file as SEED")
    profile = load_profile(profile_name)
    reads_seed = profile.kind == "text" or profile.seed_name is not None  # texts, books
    if seed is None and reads_seed:
        raise UsageError(f"profile {profile.name!r} makes a text: give its seed file as SEED")
    if seed is not None and not reads_seed:
        raise UsageError(f"profile {profile.name!r} ({profile.kind}) reads no seed")
    result = ingest(profile, seed, out, check)
    click.echo(result.report.render(verbose), nl=False)
    return 1 if result.report.problems else 0
