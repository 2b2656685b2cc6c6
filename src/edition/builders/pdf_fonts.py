"""One font file per typeface in a book joined from pieces (pdf_pieces.join).

WeasyPrint embeds in a PDF only the glyphs of a typeface that the PDF draws: a subset of the
font file that keeps the glyphs' numbers. A book joined from pieces would carry one subset
per piece and typeface (the book in 8 pieces: 46 font files where its one-piece layout has
5, a megabyte more). So a piece is written with its typefaces' whole files (`WholeFonts`),
which are the same bytes in every piece; the join keeps one stream per file and cuts it once
to the glyphs the whole book draws (`subset_once`), with WeasyPrint's own subsetting. The
glyphs keep their numbers, so every piece's text still draws the right ones.
"""

from __future__ import annotations

import hashlib
import zlib
from collections import defaultdict

from edition.builders.pdf_glyphs import ENTRY

_FILE_KEYS = ("/FontFile2", "/FontFile3")
#: HarfBuzz's HB_MEMORY_MODE_DUPLICATE: the face keeps a copy of the bytes it is given.
_DUPLICATE = 0


class WholeFonts:
    """While active, WeasyPrint embeds each font's whole file instead of a subset (a font
    of a collection, whose face the join could not tell, is still subset)."""

    def __enter__(self):
        from weasyprint.pdf.fonts import Font

        self._font, self._subset = Font, Font.subset
        original = Font.subset

        def subset(font, to_unicode, hinting):
            if font.index:
                original(font, to_unicode, hinting)

        Font.subset = subset
        return self

    def __exit__(self, *exc_info):
        self._font.subset = self._subset
        return False


def subset_once(pdf, fonts, pikepdf, hinting: bool = False) -> None:
    """Cut each font file embedded in `pdf` (pikepdf) to the glyphs that the fonts using it
    map to text (their ToUnicode maps: every glyph drawn), one stream for all of them.
    `fonts` yields the PDF's font dictionaries."""
    users: dict[str, list] = defaultdict(list)  # the file's digest → its descriptors
    streams: dict[str, object] = {}
    glyphs: dict[str, set[int]] = defaultdict(set)
    seen = set()
    for font in fonts:
        if font.objgen in seen and font.objgen != (0, 0):
            continue
        seen.add(font.objgen)
        for descendant in font.get("/DescendantFonts") or []:
            descriptor = descendant.get("/FontDescriptor")
            key = next((k for k in _FILE_KEYS if descriptor is not None and k in descriptor),
                       None)
            if key is None:
                continue
            stream = descriptor[key]
            digest = hashlib.sha256(stream.read_raw_bytes()).hexdigest()
            users[digest].append((descriptor, key))
            streams.setdefault(digest, stream)
            to_unicode = font.get("/ToUnicode")
            if to_unicode is not None:
                glyphs[digest].update(int(m.group(1), 16) for m in ENTRY.finditer(
                    to_unicode.read_bytes()))
    for digest in sorted(users):
        if not glyphs[digest]:
            continue
        original = streams[digest]
        content = _subset(original.read_bytes(), glyphs[digest], hinting)
        extra = {k: v for k, v in original.items()
                 if k not in ("/Length", "/Filter", "/DecodeParms", "/Length1")}
        if "/Length1" in original:
            extra["/Length1"] = len(content)
        cut = pikepdf.Stream(pdf, b"")
        cut.write(zlib.compress(content), filter=pikepdf.Name.FlateDecode)
        for name, value in extra.items():
            cut[name] = value
        cut = pdf.make_indirect(cut)
        for descriptor, key in users[digest]:
            descriptor[key] = cut


def _subset(content: bytes, glyphs: set[int], hinting: bool) -> bytes:
    """The font file `content` cut to `glyphs`, as WeasyPrint cuts a font (Font.subset:
    HarfBuzz where it has it, else fontTools), glyph numbers kept."""
    from weasyprint.pdf.fonts import Font
    from weasyprint.text.ffi import ffi, harfbuzz

    try:
        harfbuzz.hb_face_create  # noqa: B018 (declared by WeasyPrint itself?)
    except AttributeError:
        ffi.cdef("""
            hb_blob_t * hb_blob_create (const char *data, unsigned int length, int mode,
                                        void *user_data, void *destroy);
            hb_face_t * hb_face_create (hb_blob_t *blob, unsigned int index);
        """)
    blob = harfbuzz.hb_blob_create(content, len(content), _DUPLICATE, ffi.NULL, ffi.NULL)
    face = ffi.gc(harfbuzz.hb_face_create(blob, 0), harfbuzz.hb_face_destroy)
    harfbuzz.hb_blob_destroy(blob)
    count = harfbuzz.hb_face_get_glyph_count(face)
    # A Font with what Font.subset reads of one: its face, its bytes, and whether it drew
    # glyphs that it lacks (then the subset keeps the outline of .notdef).
    font = Font.__new__(Font)
    font.hb_face, font.file_content, font.index, font.family = face, content, 0, ""
    font.missing = {g: g for g in glyphs if g >= count}
    font.subset(dict.fromkeys(sorted(glyphs), ""), hinting)
    return font.file_content
