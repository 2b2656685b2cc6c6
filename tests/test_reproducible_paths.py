"""Reproducible across checkouts: the same commit built in two directories gives the same
bytes in every output, and no output holds a path of the machine that built it.

Two copies of the checkout (the package, the stylesheets, the schema, pdf.toml; for TEI the
EPUB fixtures, an essay that cites a page of a book and the book as a whole) lie at paths of
different lengths; each builds html, epub and pdf in a process of its own, from its own
`src/`. Links between texts were the leak: WeasyPrint made `book.pdf#book-p4` absolute against
the base URL the print XHTML was set with (file:///<checkout>/xslt/book.pdf#book-p4). A text's
PDF now links to the other text's PDF beside it, relatively; the edition's PDF links within
itself.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

pikepdf = pytest.importorskip("pikepdf")

#: Run in the checkout: the package it imports must be its own (PYTHONPATH), not another.
BUILD = """
import sys
from pathlib import Path
import edition.paths
assert edition.paths.home() == Path.cwd(), (edition.paths.home(), Path.cwd())
from edition.cli import main
main(["build", "--out", "output", "--format", "html,epub,pdf", "--jobs", "1", "--quiet"])
"""


def checkout(where: Path) -> Path:
    """A copy of what a build reads from the checkout, with the fixtures as its TEI."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for part in ("src", "xslt", "schema"):
        shutil.copytree(ROOT / part, where / part, ignore=ignore)
    shutil.copy(ROOT / "pdf.toml", where / "pdf.toml")
    (where / "tei").mkdir()
    for source in (FIXTURES / "epub").glob("*.xml"):
        shutil.copy(source, where / "tei" / source.name)
    return where


def build(home: Path) -> dict[str, bytes]:
    """Every output (not the build's own state: .manifest.json, .cache) by relative path."""
    env = {k: v for k, v in os.environ.items() if k != "EDITION_HOME"}
    env["PYTHONPATH"] = str(home / "src")
    done = subprocess.run([sys.executable, "-c", BUILD], cwd=home, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    out = home / "output"
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and not path.relative_to(out).parts[0].startswith(".")
    }


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("checkouts")
    short = checkout(root / "a")
    long = checkout(root / "a-checkout-with-a-much-longer-name" / "edition")
    return {short: build(short), long: build(long)}


@pytest.fixture(scope="module")
def outputs(builds):
    return next(iter(builds.values()))


def uncompressed(name: str, data: bytes) -> bytes:
    """What an output says once its compression is undone: a PDF's streams, an EPUB's
    members."""
    if name.endswith(".pdf"):
        buffer = io.BytesIO()
        with pikepdf.open(io.BytesIO(data)) as pdf:
            pdf.save(buffer, qdf=True, compress_streams=False,
                     object_stream_mode=pikepdf.ObjectStreamMode.disable,
                     stream_decode_level=pikepdf.StreamDecodeLevel.generalized)
        return buffer.getvalue()
    if name.endswith(".epub"):
        with zipfile.ZipFile(io.BytesIO(data)) as epub:
            return b"\n".join(epub.read(member) for member in epub.namelist())
    return data


def link_actions(data: bytes) -> list[tuple[str, str]]:
    """Each link annotation of a PDF as ("dest", name) or (action type, target)."""
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                if annotation.get("/Subtype") != "/Link":
                    continue
                if "/Dest" in annotation:
                    found.append(("dest", str(annotation.Dest)))
                    continue
                action = annotation.A
                kind = str(action.S)
                if kind == "/GoTo":
                    found.append(("dest", str(action.D)))
                elif kind == "/URI":
                    found.append(("uri", str(action.URI)))
                else:  # /Launch, /GoToR…: named by their file
                    found.append((kind, repr(action)))
    return found


def named_destinations(data: bytes) -> set[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/Names" not in pdf.Root or "/Dests" not in pdf.Root.Names:
            return set()
        return set(pikepdf.NameTree(pdf.Root.Names.Dests).keys())


def test_every_output_is_the_same_bytes_in_both_checkouts(builds):
    first, second = builds.values()
    assert {name.split("/")[0] for name in first} == {"epub", "html", "pdf"}
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert not differing


def test_no_output_holds_a_path_of_the_build_machine(builds):
    leaks = [
        (name, leak)
        for home, outputs in builds.items()
        for name, data in outputs.items()
        for text in [uncompressed(name, data)]
        for leak in (str(home).encode(), str(home.parent).encode(), b"file:")
        if leak in text
    ]
    assert not leaks


def test_a_texts_pdf_links_to_the_other_texts_pdf_beside_it(outputs):
    links = link_actions(outputs["pdf/essay.pdf"])
    external = [target for kind, target in links if kind != "dest"]
    # The essay's note cites a page of the book and the book itself.
    assert sorted(external) == ["book.pdf#book", "book.pdf#book-p4"]
    for target in external:
        file, _, fragment = target.partition("#")
        assert f"pdf/{file}" in outputs, target  # beside the essay's PDF
        assert fragment in named_destinations(outputs[f"pdf/{file}"]), target


def test_the_editions_pdf_links_within_itself(outputs):
    data = outputs["pdf/edition.pdf"]
    links = link_actions(data)
    assert [link for link in links if link[0] != "dest"] == []
    destinations = named_destinations(data)
    targets = {target for _, target in links}
    assert {"book", "book-p4"} <= targets  # the essay's citations, now within the book
    assert targets <= destinations
