"""The edition's book (every text in one EPUB, one PDF): made while the texts' TEI is small
enough (--edition-book auto), always or never when asked; when size decides against it the
build says so (B001), each text keeps its own book, and changing the choice remakes the
edition-wide units only."""

from __future__ import annotations

import pytest

from edition.builders import base

TEI = "http://www.tei-c.org/ns/1.0"


def _text(title: str, words: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Born digital.</p></sourceDesc>
</fileDesc></teiHeader><text><body><div><head>{title}</head><p>{words}</p></div></body></text>
</TEI>"""


@pytest.fixture
def archive(tmp_path):
    root = tmp_path / "letters"
    root.mkdir()
    (root / "first.xml").write_text(_text("First letter", "Dear friend, the first words."))
    (root / "second.xml").write_text(_text("Second letter", "Dear friend, the second words."))
    return root


def _build(archive, out, force=False, **options):
    from edition.build import run_build

    return run_build(archive, out, ["epub", "pdf"], [], options, jobs=1, force=force)


def _status(result) -> dict[str, str]:
    return {u.id: u.status for u in result.units}


def test_over_the_limit_the_book_is_not_made_and_the_build_says_so(archive, tmp_path,
                                                                   monkeypatch):
    out = tmp_path / "out"
    made = _build(archive, out)
    assert made.ok
    books = [out / "epub" / "edition.epub", out / "pdf" / "edition.pdf"]
    assert all(book.is_file() for book in books)  # 2 small texts: under the limit
    assert not [m for m in made.messages if m.startswith("B001")]

    monkeypatch.setattr(base, "EDITION_BOOK_LIMIT", 100)  # (a new limit is new code: force)
    over = _build(archive, out, force=True)
    assert over.ok
    said = [m for m in over.messages if m.startswith("B001|warning|")]
    assert len(said) == 2 and any("EPUB" in m for m in said) and any("PDF" in m for m in said)
    assert "its 2 texts in one book" in said[0] and "--edition-book always" in said[0]
    assert not any(book.exists() for book in books)  # the old books went with the choice
    for name in ("first", "second"):  # each text keeps its own
        assert (out / "epub" / f"{name}.epub").is_file()
        assert (out / "pdf" / f"{name}.pdf").is_file()

    asked = _build(archive, out, edition_book="always")
    assert asked.ok and all(book.is_file() for book in books)
    assert not [m for m in asked.messages if m.startswith("B001")]
    status = _status(asked)
    # The choice is an input of the edition-wide units only: no text was made again.
    assert {i: s for i, s in status.items() if not i.endswith(":*")} == {
        i: "up to date" for i in status if not i.endswith(":*")}
    assert status["epub:*"] == status["pdf:*"] == "built"


def test_never_makes_no_book_and_says_nothing(archive, tmp_path):
    out = tmp_path / "out"
    result = _build(archive, out, edition_book="never")
    assert result.ok
    assert not (out / "epub" / "edition.epub").exists()
    assert not (out / "pdf" / "edition.pdf").exists()
    assert (out / "pdf" / "first.pdf").is_file()
    assert not [m for m in result.messages if m.startswith("B001")]


def test_the_command_line_names_the_limit_it_applies(run_cli):
    code, said, _ = run_cli("build", "--help")
    assert code == 0
    assert f"at most {base.EDITION_BOOK_LIMIT // 1_000_000} MB" in " ".join(said.split())
