"""The web edition's text face: Linux Libertine from the machine, made small for the web.

The OpenType files of Debian's fonts-linuxlibertine are 1.6 MB for four styles; subset to
the scripts the edition's texts use (Latin with its extensions, Greek, Cyrillic, punctuation,
arrows) and compressed as WOFF2 they are about a quarter of that, with every OpenType
feature kept (small capitals, old-style figures, ligatures, kerning). Subsetting takes a few
seconds, so the results are kept in .cache/fonts/ under a key of the source file's hash and
the subsetting recipe; a build then only copies them. Same source, same bytes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from edition import paths
from edition.fsutil import atomic_write

FONT_DIR = Path("/usr/share/fonts/opentype/linux-libertine")
#: (CSS weight, CSS style) -> the Debian file.
FACES = {
    ("400", "normal"): "LinLibertine_R.otf",
    ("400", "italic"): "LinLibertine_RI.otf",
    ("700", "normal"): "LinLibertine_RB.otf",
    ("700", "italic"): "LinLibertine_RBI.otf",
}
UNICODE_RANGES = [
    (0x0020, 0x024F),  # Basic Latin to Latin Extended-B
    (0x0300, 0x036F),  # combining diacritics
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # General Punctuation
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x214F),  # letterlike (№)
    (0x2190, 0x21FF),  # arrows (← → ↩)
]
RECIPE = json.dumps(
    {"ranges": UNICODE_RANGES, "features": "*", "flavor": "woff2", "drop": ["FFTM"]}
)


def web_font(source: Path) -> bytes:
    """The WOFF2 subset of one OpenType file (from the cache, or made and cached)."""
    from fontTools import subset, version

    digest = hashlib.sha256(source.read_bytes() + RECIPE.encode() + version.encode()).hexdigest()
    cached = paths.home() / ".cache" / "fonts" / f"{source.stem}-{digest[:16]}.woff2"
    if cached.is_file():
        return cached.read_bytes()
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    # FontForge's timestamp table: not needed on the web, and fontTools would warn that it
    # cannot subset it.
    options.drop_tables += ["FFTM"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[u for lo, hi in UNICODE_RANGES for u in range(lo, hi + 1)])
    subsetter.subset(font)
    cached.parent.mkdir(parents=True, exist_ok=True)
    temporary = cached.with_suffix(".part")
    subset.save_font(font, str(temporary), options)
    temporary.replace(cached)
    return cached.read_bytes()


def install_fonts(fonts_dir: Path) -> tuple[list[Path], list[str]]:
    """Write the text face into fonts_dir as WOFF2. Returns the files written and the
    source files that were missing."""
    written, missing = [], []
    for name in FACES.values():
        source = FONT_DIR / name
        if source.is_file():
            written.append(atomic_write(fonts_dir / f"{source.stem}.woff2", web_font(source)))
        else:
            missing.append(str(source))
    return written, missing
