"""`edition proof`: the reading text of TEI files read as a proofreader reads it.

`proofread(paths)` returns a validation Report (the same messages, codes and renderings
as `edition validate`): one error per word or page turn left undecided, placed at the
word in the TEI source. What is decided is either corrected in the TEI (a `choice` whose
`corr` the reading text shows) or in the lexicon (`lexicon.txt` beside the texts).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from edition.messages import ERROR, WARNING, Message
from edition.proof.checks import Locator, Proofreader
from edition.proof.lexicon import FILE_NAME, Lexicon, add_names, read_lexicon
from edition.proof.reading import reading_blocks
from edition.proof.spelling import Speller
from edition.validate import Report, collect_files
from edition.xml import Location, XMLLoadError, parse_bytes

PERSONOGRAPHY = "persons.xml"


def lexicon_for(files: Sequence[Path], extra: Path | None = None) -> Lexicon:
    """The lexicons beside the files (and `extra`), with the names of the personographies
    beside them."""
    lexicon = Lexicon()
    directories = sorted({f.parent for f in files})
    for directory in directories:
        read_lexicon(directory / FILE_NAME, lexicon)
        add_names(lexicon, directory / PERSONOGRAPHY)
    if extra is not None:
        read_lexicon(extra, lexicon)
    return lexicon


def proofread(targets: Sequence[str | Path], lexicon_path: Path | None = None,
              suggest: bool = True) -> Report:
    """Proofread the TEI files named or found under the directories named."""
    files = collect_files(targets)
    lexicon = lexicon_for(files, lexicon_path)
    report = Report()
    report.messages.extend(lexicon.problems)
    reader = Proofreader(Speller(lexicon), suggest=suggest)
    for path in files:
        report.files.append(str(path))
        try:
            data = path.read_bytes()
            parse_bytes(data, str(path))  # the safe loader's checks, before any reading
        except XMLLoadError as exc:
            report.messages.append(Message(exc.location, ERROR, exc.message, exc.code))
            continue
        except OSError as exc:
            report.messages.append(Message(Location(str(path), 1, 1), ERROR,
                                           f"cannot read: {exc.strerror}", "X001"))
            continue
        report.messages.extend(reader.read(reading_blocks(data), Locator(str(path), data)))
    report.messages.extend(_unused_entries(lexicon, files))
    return report


def _unused_entries(lexicon: Lexicon, files: Sequence[Path]) -> list[Message]:
    """Entries of a directory's lexicon that none of its texts needs, when every text of
    that directory was proofread (a single file needs few of them)."""
    read = {f.resolve() for f in files}
    messages = []
    for directory in sorted({f.parent for f in files}):
        if all(p.resolve() in read for p in directory.glob("*.xml")):
            messages += lexicon.unused(directory / FILE_NAME)
    return messages


__all__ = ["proofread", "lexicon_for", "ERROR", "WARNING"]
