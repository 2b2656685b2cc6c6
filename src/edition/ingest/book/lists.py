"""The book's lists in the back matter: glossary, further reading, list of books.

Each is read from the division's raw lines (blank lines kept), by rules of its own:

* glossary: "term—explanation" paragraphs → list type="gloss" of label/item; a paragraph
  without a term (the glossary's opening explanation) stays a paragraph;
* further reading: paragraphs that introduce a group ("The following works ...") stay
  paragraphs, the others are bibl entries of a listBibl;
* list of books: one item per title, a title running on over lines while its parentheses
  are open, its line ends in a hyphen, colon or short function word, or the next line
  begins in lower case or with "(".
"""

from __future__ import annotations

import re

from edition.ingest.book.flow import Item
from edition.ingest.book.outline import ParagraphRules, paragraphs

GLOSS = re.compile(r"^(?P<term>[^—]{1,60}?)\s?—\s?")
RUNS_ON = re.compile(r"(?:-|:|\b(?:and|of|the|to|in|for|on|with|after|by))$", re.IGNORECASE)


def gloss_entries(items: list[Item]) -> list[tuple[str | None, list[Item]]]:
    """(term or None, the paragraph's items) for each paragraph of a glossary.

    A glossary's terms may begin in lower case ("smychka—"): a block that opens with a
    term always begins an entry."""
    starts = {i.line.no for i in items if i.kind == "line" and GLOSS.match(i.text)}
    lines = [i for i in items if i.kind == "line"]
    rules = ParagraphRules(break_after={
        lines[k - 1].line.no for k in range(1, len(lines)) if lines[k].line.no in starts})
    out = []
    for block in paragraphs(items, rules):
        if block.kind != "p":
            out.append((None, block.items))
            continue
        match = GLOSS.match(block.lines[0].text)
        out.append((match.group("term") if match else None, block.items))
    return out


def bibliography(items: list[Item], intro_starts: tuple[str, ...]):
    """("p" | "bibl", items) for each paragraph of a reading list."""
    out = []
    for block in paragraphs(items, ParagraphRules()):
        if block.kind != "p":
            out.append(("page", block.items))
            continue
        kind = "p" if block.lines[0].text.startswith(intro_starts) else "bibl"
        out.append((kind, block.items))
    return out


def titles(items: list[Item], stop: tuple[str, ...] = ()) -> list[list[Item]]:
    """One list of items per title of a list of books (see the module's rules)."""
    groups: list[list[Item]] = []
    current: list[Item] = []
    pending: list[Item] = []
    for item in items:
        if item.kind in ("blank",):
            continue
        if item.kind == "page":
            pending.append(item)
            continue
        if item.kind != "line":
            continue
        text = item.text
        if current and not text.startswith(stop):
            previous = " ".join(i.text for i in current if i.kind == "line")
            open_parens = previous.count("(") > previous.count(")")
            continues = (open_parens or RUNS_ON.search(previous) is not None
                         or text[:1].islower() or text.startswith("("))
            if not continues:
                groups.append(current)
                current = []
        elif current:
            groups.append(current)
            current = []
        current.extend(pending)
        pending = []
        current.append(item)
        if text.startswith(stop):
            groups.append(current)
            current = []
    if current:
        groups.append(current + pending)
    elif pending and groups:
        groups[-1].extend(pending)
    return groups
