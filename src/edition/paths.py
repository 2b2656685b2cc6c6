"""Where the edition's own files live: the schema, the stylesheets and the TEI.

The package is meant to run from a checkout of the edition (installed with `pip install -e .`);
`schema/`, `xslt/` and `tei/` sit beside `src/`. EDITION_HOME overrides the checkout's place.
"""

from __future__ import annotations

import os
from pathlib import Path

from edition.errors import UsageError

PACKAGE_DIR = Path(__file__).resolve().parent


def home() -> Path:
    """The edition's checkout: EDITION_HOME, else the directory above `src/`."""
    configured = os.environ.get("EDITION_HOME")
    root = Path(configured) if configured else PACKAGE_DIR.parent.parent
    if not (root / "schema" / "edition.rng").is_file():
        raise UsageError(
            f"cannot find the edition's schema under {root}; run from a checkout installed "
            "with `pip install -e .`, or set EDITION_HOME to the checkout"
        )
    return root


def schema_rng() -> Path:
    return home() / "schema" / "edition.rng"


def schema_sch() -> Path:
    return home() / "schema" / "edition.sch"


def tei_dir() -> Path:
    return home() / "tei"


def xslt_dir() -> Path:
    return home() / "xslt"


def schematron_compiler() -> Path:
    return PACKAGE_DIR / "schematron.xsl"
