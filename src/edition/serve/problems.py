"""What the preview shows instead of the edition while it cannot be built, and why.

While a text is invalid the build keeps its last good pages; a preview showing them would
suggest the edit had done nothing. So every page of the preview becomes a page listing the
problems, each as the validator or the build reported it (`file:line:col: message [code]`),
until a build succeeds again. These pages are made by the server, never written to disk.
"""

from __future__ import annotations

from html import escape

from edition.build import FAILED, BuildResult

#: How a page the server makes looks: small, self-contained, nothing fetched.
_STYLE = (
    "body{font:1rem/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}"
    "h1{font-size:1.4rem}ol{padding-left:1.5rem}li{margin:.4rem 0}"
    "code{font:.95rem/1.4 ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere}"
    ".problems h1{color:#a00}"
)


def of_build(result: BuildResult) -> list[str]:
    """The problems a build leaves: its validation errors, then the outputs that failed."""
    problems = [str(m) for m in result.validation.sorted_messages() if m.severity == "error"]
    # One broken stylesheet fails every unit alike: each error once, with the units it hit.
    failures: dict[str, list[str]] = {}
    for unit in result.units:
        if unit.status == FAILED:
            failures.setdefault(unit.error, []).append(f"{unit.format} {unit.label}")
    for error, units in failures.items():
        problems.append(f"{', '.join(units)}: could not be built: {error}")
    return problems


def problems_page(problems: list[str], script: str) -> bytes:
    """The page served for every page of the preview while there are problems."""
    count = len(problems)
    items = "".join(f"<li><code>{escape(p)}</code></li>" for p in problems)
    body = (
        f"<h1>The preview is not up to date: {count} problem{'s' * (count != 1)}</h1>"
        "<p>The edition's pages come back as soon as a save fixes "
        f"{'them' if count != 1 else 'it'}.</p><ol>{items}</ol>"
    )
    return _page("Problems · edition serve", "problems", body, script)


def building_page(script: str) -> bytes:
    """The page served for a page the first build has not written yet."""
    body = ("<h1>Building the preview…</h1>"
            "<p>This page is shown as soon as the build is done.</p>")
    return _page("Building · edition serve", "building", body, script)


def _page(title: str, kind: str, body: str, script: str) -> bytes:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style>{script}</head>"
        f'<body class="{kind}"><main>{body}</main></body></html>'
    ).encode()
