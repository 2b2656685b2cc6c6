"""Output builders, one module per format, registered here by name.

Builders are imported only when asked for, so that e.g. `edition build --format html` never
loads WeasyPrint.
"""

from __future__ import annotations

from importlib import import_module

from edition.builders.base import Builder
from edition.errors import UsageError

# format name -> "module:class"; a new format is one line here and one module beside this.
REGISTRY: dict[str, str] = {
    "html": "edition.builders.html:HtmlBuilder",
    "pdf": "edition.builders.pdf:PdfBuilder",
    "epub": "edition.builders.epub:EpubBuilder",
    "dts": "edition.builders.dts:DtsBuilder",
}
#: What `edition build` makes when no --format is named. The DTS API (thousands of small
#: files for the book) is made when asked for, and then packaged and checked with the rest.
DEFAULT_FORMATS: tuple[str, ...] = ("html", "pdf", "epub")


def builder_class(name: str) -> type[Builder]:
    try:
        module_name, class_name = REGISTRY[name].split(":")
    except KeyError:
        known = ", ".join(sorted(REGISTRY)) or "none yet"
        raise UsageError(f"unknown format {name!r} (known: {known})") from None
    return getattr(import_module(module_name), class_name)
