"""Images beside the TEI: the pictures a text's `graphic` elements name, carried into the
outputs.

A `graphic/@url` (or `media/@url`) that is a relative reference to an image file inside
the source directory is published with the text: copied into the web edition
(`media/<path in the source>`), packaged in the EPUB (`OEBPS/<text>/media/<path>`) and
embedded in the PDF (as a data: URI, so that WeasyPrint's fetcher still fetches nothing).
Anything else (a URL on the web, a file outside the source, a file that is not a picture
of a kind every reader shows) stays a link or the image's description, as before: nothing
of an untrusted directory is read but what it names below itself, and a file is taken for
an image only when its first bytes say it is one.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
#: Where the images go, beside the pages that show them (web edition) or the text's content
#: documents (EPUB).
MEDIA_DIR = "media/"

#: Suffix → (media type, the file's first bytes). EPUB 3's core image types but SVG, which
#: can carry scripts and is not worth the risk from untrusted hands.
IMAGE_TYPES = {
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    ".webp": ("image/webp", (b"RIFF",)),
}


@dataclass(frozen=True)
class Image:
    url: str  # as the TEI writes it
    path: Path  # the file
    name: str  # its path below the source directory, with / (the name in every output)
    media_type: str

    def href(self, prefix: str = "") -> str:
        """Its URL in an output, below `prefix` (e.g. "media/")."""
        return prefix + quote(self.name)

    def data_uri(self) -> str:
        encoded = base64.b64encode(self.path.read_bytes()).decode("ascii")
        return f"data:{self.media_type};base64,{encoded}"


def images_of(root: etree._Element, tei_path: Path, source_dir: Path) -> list[Image]:
    """The images a text names that can be published with it, once each, in document
    order."""
    source = Path(source_dir).resolve()
    found: dict[str, Image] = {}
    for element in root.iter(f"{TEI}graphic", f"{TEI}media"):
        url = (element.get("url") or "").strip()
        if url and url not in found:
            image = _local_image(url, Path(tei_path).resolve().parent, source)
            if image is not None:
                found[url] = image
    return list(found.values())


def images_in_file(tei_path: Path, source_dir: Path) -> list[Image]:
    """The images of a TEI file (parsed only when its bytes name a graphic or media; an
    unreadable file has none: the checks report it)."""
    from edition.xml import XMLLoadError, parse_file

    data = Path(tei_path).read_bytes()
    if b"graphic" not in data and b"media" not in data:
        return []
    try:
        root = parse_file(tei_path).root
    except (XMLLoadError, OSError):
        return []
    return images_of(root, tei_path, source_dir)


def _local_image(url: str, base: Path, source: Path) -> Image | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    candidate = (base / unquote(parts.path)).resolve()
    if source not in candidate.parents or not candidate.is_file():
        return None
    kind = IMAGE_TYPES.get(candidate.suffix.lower())
    if kind is None:
        return None
    media_type, signatures = kind
    with candidate.open("rb") as file:
        head = file.read(12)
    if not any(head.startswith(s) for s in signatures):
        return None
    if media_type == "image/webp" and head[8:12] != b"WEBP":
        return None
    name = PurePosixPath(*candidate.relative_to(source).parts).as_posix()
    return Image(url, candidate, name, media_type)


def parameters(images: list[Image], hrefs: list[str]) -> dict:
    """The stylesheets' parameters: each image's URL as written and its URL in the output
    (xslt/core/functions.xsl builds the map from the two sequences)."""
    from edition.xslt import sequence, value

    return {
        "media-urls": sequence(value(i.url) for i in images),
        "media-hrefs": sequence(value(h) for h in hrefs),
        "media-types": sequence(value(i.media_type) for i in images),
    }
