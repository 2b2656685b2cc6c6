"""``edition ingest``: raw source texts → the edition's TEI, one declarative profile per source.

The library behind the command. A run loads a profile (``edition.ingest.profile``), builds
the document with the module registered for the profile's kind (``KINDS``), accounts for
every word of the seed (``edition.ingest.accounting``), and writes the bytes atomically
(``edition.ingest.teixml``), returning a report (``edition.ingest.report``).

The API other modules build on:

- ``load_profile(name)``: a checked ``Profile``.
- ``edition.ingest.header.build_header(profile, provenance)``: the teiHeader from profile data.
- ``edition.ingest.inline.InlineParser``: Markdown-like emphasis, links and note calls.
- ``edition.ingest.notes.link_calls``: every call to its note.
- ``edition.ingest.phrases``: persons, phrases, corrections, page citations, project notes.
- ``edition.ingest.accounting``: the word-accounting proof.
- ``edition.ingest.citation``: the citation trees a text declares (refsDecl), for DTS.
- ``ingest(profile, seed_path, out)``: the whole run.

A new kind of document is a module with ``build_document(profile, seed) -> (tree, report)``
registered in ``KINDS``; the run (accounting, writing, report) stays the same for all.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from edition.errors import EditionError, UsageError
from edition.ingest import accounting, citation
from edition.ingest.profile import Profile, ProfileError, available_profiles, load_profile
from edition.ingest.report import IngestReport
from edition.ingest.teixml import serialise, write_atomic
from edition.ingest.text import Seed

__all__ = [
    "KINDS",
    "IngestResult",
    "ProfileError",
    "available_profiles",
    "ingest",
    "load_profile",
]

# Profile kind → the module that builds it.
KINDS: dict[str, str] = {
    "text": "edition.ingest.text",
    "personography": "edition.ingest.personography",
    "edition": "edition.ingest.editionheader",
    "book": "edition.ingest.book",
}


class AccountingError(EditionError):
    """The TEI lacks words of its seed: nothing is written."""


@dataclass
class IngestResult:
    profile: Profile
    tree: etree._Element
    data: bytes
    report: IngestReport
    accounting: accounting.Accounting | None


def build(profile: Profile, seed_path: Path | None) -> IngestResult:
    """Make a document in memory: tree, bytes, report, word accounting. Writes nothing."""
    module_name = KINDS.get(profile.kind)
    if module_name is None:
        raise ProfileError(
            f"{profile.name}: unknown kind {profile.kind!r} (known: {', '.join(sorted(KINDS))})"
        )
    seed = None
    if seed_path is not None:
        try:
            seed = Seed(seed_path, Path(seed_path).read_bytes())
        except OSError as exc:
            raise UsageError(f"{seed_path}: cannot read the seed: {exc.strerror}") from None
    module = importlib.import_module(module_name)
    tree, report = module.build_document(profile, seed)
    citation.declare(tree, profile.kind)
    account = None
    seed_lines = report.seed_lines
    if seed_lines is not None:
        text = tree.find("{http://www.tei-c.org/ns/1.0}text")
        project = f"persons.xml#{profile.project['id']}"
        account = accounting.compare(
            accounting.seed_words(seed_lines), accounting.tei_words(text, project)
        )
        order = "in the seed's order" if account.exact else "NOT in the seed's order"
        report.add(
            "words",
            f"{account.tei} of the seed's {account.seed} in the TEI, "
            f"{sum(account.missing.values())} missing, {order}",
            [] if account.exact else account.describe().splitlines()[1:],
        )
    return IngestResult(profile, tree, serialise(tree), report, account)


def default_out(profile: Profile, tei_dir: Path | None = None) -> Path:
    if tei_dir is None:
        local = Path("tei")
        if local.is_dir():
            tei_dir = local
        else:
            from edition import paths

            tei_dir = paths.tei_dir()
    return Path(tei_dir) / f"{profile.id}.xml"


def ingest(
    profile: str | Profile,
    seed_path: Path | None = None,
    out: Path | None = None,
    check: bool = False,
) -> IngestResult:
    """Build a document and write it to ``out`` (default ``tei/<id>.xml``).

    With ``check``, nothing is written: the report says whether ``out`` already holds
    exactly these bytes. A text missing any word of its seed is refused (AccountingError).
    """
    if not isinstance(profile, Profile):
        profile = load_profile(profile)
    result = build(profile, seed_path)
    target = Path(out) if out is not None else default_out(profile)
    result.report.out = str(target)
    if result.accounting is not None and not result.accounting.complete:
        raise AccountingError(
            f"{profile.name}: the TEI would lack words of the seed; nothing written.\n"
            + result.accounting.describe()
        )
    current = target.read_bytes() if target.is_file() else None
    result.report.unchanged = current == result.data
    if check:
        if not result.report.unchanged:
            result.report.problems.append(f"{target} differs from what ingest makes")
        return result
    if not result.report.unchanged:
        write_atomic(target, result.data)
        result.report.written = True
    return result


def seed_for(profile: Profile, seeds_dir: Path) -> Path | None:
    """The seed file a text profile names, looked up in ``seeds_dir``."""
    if profile.seed_name is None:
        return None
    path = Path(seeds_dir) / profile.seed_name
    if not path.is_file():
        raise UsageError(f"{path}: the seed of profile {profile.name!r} is not there")
    return path
