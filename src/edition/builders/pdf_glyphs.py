"""The text behind each glyph of a PDF (its fonts' ToUnicode maps), chosen the same way
however the book was laid out.

WeasyPrint maps a glyph to the text it was first drawn for. Some glyphs stand for more than
one text: in `all-small-caps` the small capital of "l" is drawn both for "L" and for "l", so
a running head read back from the PDF came out as "leon TroTsky" or "ConTenTs", depending on
which came first in the document. A book set in pieces (pdf_pieces.py) sees other "firsts"
in each piece. Here every text a glyph is drawn for is recorded, and the glyph maps to one
chosen from them by a fixed rule (small letters first: a small capital is the small letter's
glyph, drawn for a capital only in `all-small-caps`); the join
of pieces applies the same rule to the texts of all pieces (`unify`), so the pieces' PDF
reads back as the one-piece layout's.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict


def choose(texts) -> str:
    """The text a glyph drawn for each of `texts` stands for."""
    return min(texts, key=lambda t: (t != t.lower(), t))


class _GlyphTexts(dict):
    """A font's glyph → text map that sees every drawing of a glyph, not only its first
    (WeasyPrint asks `glyph in map` before it works out a glyph's text)."""

    def __init__(self, seen: dict[int, set[str]]):
        super().__init__()
        self.seen = seen  # shared by the fonts of one font file

    def __contains__(self, glyph) -> bool:
        return False

    def __setitem__(self, glyph, text) -> None:
        texts = self.seen[glyph]
        texts.add(text)
        super().__setitem__(glyph, choose(texts))


class Recording:
    """While active, every font WeasyPrint makes keeps all the texts of its glyphs;
    `texts` gives them by the font's PDF name (/TAG+Family: the same in every process)."""

    def __enter__(self):
        from weasyprint.pdf.fonts import Font

        self._font, self._init = Font, Font.__init__
        self._seen: dict[bytes, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        recording, original = self, Font.__init__

        def init(font, *args, **kwargs):
            original(font, *args, **kwargs)
            font.to_unicode = _GlyphTexts(recording._seen[font.name])

        Font.__init__ = init
        return self

    def __exit__(self, *exc_info):
        self._font.__init__ = self._init
        return False

    def texts(self) -> dict[str, dict[int, list[str]]]:
        return {name.decode("latin-1").lstrip("/"): {g: sorted(t) for g, t in glyphs.items()}
                for name, glyphs in self._seen.items()}


#: A glyph's entry in a ToUnicode map (WeasyPrint writes bfchar entries only).
ENTRY = re.compile(rb"<([0-9a-fA-F]{4})> <([0-9a-fA-F]*)>")


def unify(pdf, texts_of_pieces, pikepdf) -> None:
    """Rewrite the ToUnicode maps of the joined `pdf` (pikepdf) so that each glyph maps to
    the text chosen from what every piece drew it for; `texts_of_pieces` holds each piece's
    `Recording.texts()`."""
    merged: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for texts in texts_of_pieces:
        for name, glyphs in texts.items():
            for glyph, found in glyphs.items():
                merged[name][int(glyph)].update(found)
    chosen = {name: {g: choose(t) for g, t in glyphs.items()} for name, glyphs in merged.items()}
    done = set()
    for font in fonts_of(pdf, pikepdf):
        stream = font.get("/ToUnicode")
        if stream is None or stream.objgen in done:
            continue
        done.add(stream.objgen)
        mine = chosen.get(str(font.get("/BaseFont", "")).lstrip("/"))
        if not mine:
            continue
        data = stream.read_bytes()

        def entry(match, mine=mine):
            glyph = int(match.group(1), 16)
            if glyph not in mine:
                return match.group(0)
            code = mine[glyph].encode("utf-16-be").hex()
            return b"<" + match.group(1) + b"> <" + code.encode() + b">"

        rewritten = ENTRY.sub(entry, data)
        if rewritten != data:
            stream.write(zlib.compress(rewritten), filter=pikepdf.Name.FlateDecode)


def fonts_of(pdf, pikepdf):
    """The font dictionaries that the pages of `pdf` use (a font used on several pages: as
    many times)."""
    for page in pdf.pages:
        yield from _fonts(page.obj.get("/Resources"), pikepdf)


def _fonts(resources, pikepdf, seen=None):
    """The font dictionaries a page's resources use, its form XObjects' included."""
    seen = set() if seen is None else seen
    if resources is None or resources.objgen in seen and resources.objgen != (0, 0):
        return
    seen.add(resources.objgen)
    yield from (resources.get("/Font") or {}).values()
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == pikepdf.Name.Form:
            yield from _fonts(xobject.get("/Resources"), pikepdf, seen)
