"""A preview of the edition's own TEI follows its ingest profiles: a profile that changed is
ingested again, so a correction made in the profile shows in the page like an edit of the TEI.

Texts and the book are made from a seed (`--seeds DIR`); the personography and the edition
header from their profile alone. `project.toml` is part of every profile.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from edition.errors import EditionError


@dataclass
class Reingested:
    written: list[Path] = field(default_factory=list)  # TEI files whose bytes changed
    notes: list[str] = field(default_factory=list)  # for the terminal
    problems: list[str] = field(default_factory=list)  # for the pages too


def profiles_dir() -> Path:
    from edition.ingest.profile import PROFILES_DIR

    return PROFILES_DIR


def reingest(changed: Iterable[Path], tei_dir: Path, seeds: Path | None) -> Reingested:
    """Ingest again the profiles among `changed` (all of them when project.toml changed),
    the personography first, as `edition ingest --all` does."""
    from edition.ingest import available_profiles, default_out, ingest, load_profile, seed_for
    from edition.ingest.profile import PROJECT_FILE

    outcome = Reingested()
    changed = {Path(p).resolve() for p in changed}
    known = available_profiles()
    if PROJECT_FILE.resolve() in changed:
        names = known
    else:
        names = [n for n in known if (profiles_dir() / f"{n}.toml").resolve() in changed]
    for name in sorted(names, key=lambda n: (n != "persons", n)):
        try:
            profile = load_profile(name)
            reads_seed = profile.kind == "text" or profile.seed_name is not None
            if reads_seed and seeds is None:
                outcome.notes.append(f"profile {name} changed: its text is ingested again "
                                     "only with --seeds DIR")
                continue
            target = default_out(profile, tei_dir)
            result = ingest(profile, seed_for(profile, seeds) if reads_seed else None, target)
        except EditionError as exc:
            outcome.problems.append(f"profile {name}: {exc}")
            continue
        state = "written" if result.report.written else "unchanged"
        outcome.notes.append(f"profile {name} ingested again: {target} {state}")
        if result.report.written:
            outcome.written.append(target)
    return outcome
