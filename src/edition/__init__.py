"""edition: TEI P5 in, validated; a web edition, a printed book and an EPUB out."""

__version__ = "0.1.0"
