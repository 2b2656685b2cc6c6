"""The book's divisions and their blocks, cut from the page stream by the profile's outline.

Each division of the outline is found at the seed line the profile names, its heading
lines checked against the OCR. What follows a heading is read in a fixed order: the
dateline, the editor's introduction ("NOTE: ... —Ed."), an opener (salutation), the
body's paragraphs, and at the end a closer (signature) and postscript.

Paragraphs: the OCR separates blocks by blank lines, but also splits paragraphs where a
page turns and, now and then, inside a page. A block continues the previous one when
the previous does not end a sentence or the block begins in lower case; the profile can
force a join or a break where the typography alone cannot tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from edition.ingest.book.flow import ORNAMENT, Item
from edition.ingest.book.profile import DivSpec
from edition.ingest.book.seed import SeedError

# A sentence may end in closing quotes, brackets, note-call garble or a footnote star.
SENTENCE_END = re.compile(r"[.?!:;][\"”’'\])]*\s*[*!?°®‘’'0-9]{0,3}$|—(?:L\.T|Ed|E\.H\.C)\.$")
EDITORIAL_END = re.compile(r"—\s?Ed\.\s*$")


@dataclass
class Block:
    kind: str  # "p", "milestone", "region", "page"
    items: list[Item] = field(default_factory=list)

    @property
    def lines(self) -> list[Item]:
        return [i for i in self.items if i.kind == "line"]

    @property
    def first_line(self) -> int:
        return self.lines[0].line.no if self.lines else 0


@dataclass
class Division:
    spec: DivSpec
    leading: list[Item] = field(default_factory=list)  # page breaks before the heading
    head: list[Item] = field(default_factory=list)
    date: list[Item] = field(default_factory=list)
    editorial: list[Block] = field(default_factory=list)
    opener: list[Item] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    closer: list[Item] = field(default_factory=list)
    postscript: list[Block] = field(default_factory=list)
    postscript_closer: list[Item] = field(default_factory=list)
    children: list[Division] = field(default_factory=list)
    trailing: list[Item] = field(default_factory=list)  # page breaks after the last block
    raw: list[Item] = field(default_factory=list)  # the body's items before paragraphing


@dataclass
class ParagraphRules:
    join_after: set[int] = field(default_factory=set)  # seed lines: continue past them
    break_after: set[int] = field(default_factory=set)  # seed lines: a paragraph ends
    # Breaks made by default where a page turns after a full line that ends a sentence and
    # the next page begins a sentence: typography alone cannot tell (reported).
    ambiguous: list[int] = field(default_factory=list)

    FULL_LINE = 56  # characters: a line this long may end a paragraph or not


def _ends_paragraph(last: str, nxt: str) -> bool:
    if nxt[:1].islower():
        return False
    if last.endswith("-") or last.endswith("—"):
        return False
    return bool(SENTENCE_END.search(last))


def paragraphs(items: list[Item], rules: ParagraphRules) -> list[Block]:
    """Group lines into paragraphs; page breaks and regions keep their places."""
    blocks: list[Block] = []
    current: Block | None = None
    pending: list[Item] = []  # page breaks met since the last line
    seen_blank = False
    for item in items:
        if item.kind == "blank":
            seen_blank = True
            continue
        if item.kind == "page":
            pending.append(item)
            continue
        if item.kind == "region" or ORNAMENT.match(item.text):
            blocks.extend(Block("page", [p]) for p in pending)
            pending = []
            blocks.append(Block("region" if item.kind == "region" else "milestone", [item]))
            current = None
            seen_blank = False
            continue
        if current is not None and (seen_blank or pending):
            last = current.lines[-1]
            join = last.line.no not in rules.break_after and (
                last.line.no in rules.join_after
                or not _ends_paragraph(last.text, item.text)
            )
            if not join:
                if (pending and last.line.no not in rules.break_after
                        and len(last.text) >= rules.FULL_LINE):
                    rules.ambiguous.append(last.line.no)
                current = None
        if current is None:
            blocks.extend(Block("page", [p]) for p in pending)
            pending = []
            current = Block("p")
            blocks.append(current)
        current.items.extend(pending)
        pending = []
        current.items.append(item)
        seen_blank = False
    blocks.extend(Block("page", [p]) for p in pending)
    return blocks


def _take_lines(items: list[Item], start: int, texts: tuple[str, ...],
                what: str) -> tuple[list[Item], int]:
    """Consume `texts` as consecutive lines from items[start:] (page breaks kept)."""
    taken: list[Item] = []
    index = start
    for text in texts:
        while index < len(items) and items[index].kind in ("blank", "page"):
            if items[index].kind == "page":
                taken.append(items[index])
            index += 1
        if index >= len(items) or items[index].text != text.strip():
            found = items[index].text if index < len(items) else "the end"
            no = items[index].line.no if index < len(items) and items[index].line else "?"
            raise SeedError(f"line {no}: {what}: expected {text!r}, found {found!r}")
        taken.append(items[index])
        index += 1
    return taken, index


def _take_closer(items: list[Item], texts: tuple[str, ...], what: str) -> tuple[list[Item],
                                                                               list[Item]]:
    """Split `texts` off the end of items: (rest, closer lines with their page breaks)."""
    if not texts:
        return items, []
    lines = [i for i, item in enumerate(items) if item.kind == "line"]
    if len(lines) < len(texts):
        raise SeedError(f"{what}: too short for its closer")
    start = lines[-len(texts)]
    found = [items[i].text for i in lines[-len(texts):]]
    if found != [t.strip() for t in texts]:
        raise SeedError(f"line {items[start].line.no}: {what}: closer {found!r} "
                        f"is not {list(texts)!r}")
    return items[:start], [i for i in items[start:] if i.kind in ("line", "page")]


def build(items: list[Item], specs: list[DivSpec], rules: ParagraphRules) -> list[Division]:
    """The outline's divisions (level 1, children nested), from the page stream."""
    index_of_line = {item.line.no: i for i, item in enumerate(items)
                     if item.kind in ("line", "region")}
    starts = []
    for spec in specs:
        if spec.line not in index_of_line:
            raise SeedError(f"line {spec.line}: division {spec.id} starts on no text line")
        starts.append(index_of_line[spec.line])
    # Page breaks just before a heading belong to the division that the page opens.
    bounds = []
    for start in starts:
        while start > 0 and items[start - 1].kind in ("page", "blank"):
            start -= 1
        bounds.append(start)
    # A division's closer (a signature) is printed after its last subdivision: strip it
    # from the end of the last descendant's range before that one is read.
    last_descendant = {}
    for k, spec in enumerate(specs):
        j = k
        while j + 1 < len(specs) and specs[j + 1].level > spec.level:
            j += 1
        if j != k and spec.closer:
            last_descendant.setdefault(j, []).append(k)
    divisions = []
    inherited: dict[int, list[Item]] = {}
    for k, spec in enumerate(specs):
        end = bounds[k + 1] if k + 1 < len(specs) else _end_of(items, spec)
        own = items[bounds[k]:end]
        for ancestor in sorted(last_descendant.get(k, [])):  # outermost prints last
            own, inherited[ancestor] = _take_closer(own, specs[ancestor].closer,
                                                    f"division {specs[ancestor].id}")
        divisions.append(_division(spec, own, rules, strip_closer=k not in
                                   last_descendant.get(k, []) and spec.closer and
                                   not _has_children(specs, k)))
    for k, closer in inherited.items():
        divisions[k].closer = closer
    return _nest(divisions)


def _has_children(specs: list[DivSpec], k: int) -> bool:
    return k + 1 < len(specs) and specs[k + 1].level > specs[k].level


def _end_of(items: list[Item], spec: DivSpec) -> int:
    """The last division runs to the end of the numbered pages (unnumbered ones follow)."""
    for i, item in enumerate(items):
        if item.kind == "page" and item.page.n is None and i > 0 and any(
            it.kind == "page" and it.page.n is not None for it in items[:i]
        ):
            return i
    return len(items)


def _division(spec: DivSpec, items: list[Item], rules: ParagraphRules,
              strip_closer: bool = True) -> Division:
    division = Division(spec)
    index = 0
    while index < len(items) and items[index].kind in ("page", "blank"):
        if items[index].kind == "page":
            division.leading.append(items[index])
        index += 1
    what = f"division {spec.id}"
    division.head, index = _take_lines(items, index, spec.head, what + " heading")
    if spec.date:
        division.date, index = _take_lines(items, index, (spec.date.text,), what + " date")
    body = items[index:]
    if spec.editorial_note:
        blocks = paragraphs(body, rules)
        taken = next((k + 1 for k, block in enumerate(blocks)
                      if block.kind == "p" and EDITORIAL_END.search(block.lines[-1].text)), 0)
        if not taken:
            raise SeedError(f"{what}: no paragraph ends the editor's note with '—Ed.'")
        division.editorial = blocks[:taken]
        consumed = sum(len(b.items) for b in blocks[:taken])
        body = _after(body, division.editorial, consumed)
    if spec.opener:
        division.opener, rest = _take_lines(body, 0, spec.opener, what + " opener")
        body = body[rest:]
    if spec.postscript_line is not None:
        cut = next((i for i, it in enumerate(body)
                    if it.line is not None and it.line.no == spec.postscript_line), None)
        if cut is None:
            raise SeedError(f"{what}: postscript line {spec.postscript_line} not found")
        post, division.postscript_closer = _take_closer(body[cut:], spec.postscript_closer,
                                                        what + " postscript")
        division.postscript = paragraphs(post, rules)
        body = body[:cut]
    if strip_closer:
        body, division.closer = _take_closer(body, spec.closer, what)
    division.raw = body
    division.blocks = paragraphs(body, rules)
    while division.blocks and division.blocks[-1].kind == "page" and not division.closer:
        division.trailing.insert(0, division.blocks.pop().items[0])
    return division


def _after(body: list[Item], blocks: list[Block], consumed: int) -> list[Item]:
    """The items of `body` after the last item of `blocks`."""
    last = blocks[-1].items[-1]
    position = next(i for i, item in enumerate(body) if item is last)
    return body[position + 1:]


def _nest(divisions: list[Division]) -> list[Division]:
    top: list[Division] = []
    stack: list[Division] = []
    for division in divisions:
        level = division.spec.level
        while stack and stack[-1].spec.level >= level:
            stack.pop()
        if level == 1:
            top.append(division)
        elif not stack or stack[-1].spec.level != level - 1:
            raise SeedError(f"division {division.spec.id}: level {level} has no parent")
        else:
            stack[-1].children.append(division)
        stack.append(division)
    return top
