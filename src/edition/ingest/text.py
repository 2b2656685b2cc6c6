"""Ingest of a seed text (profile kind ``text``): seed → blocks → classified → TEI.

The steps, each driven by the profile's ``[text]`` tables:

1. ``blocks``: split the seed at blank lines; drop the lines ``[[text.remove]]`` lists.
2. ``titlepage``: the seed's first lines, as listed, become the front's ``titlePage``.
3. classify every other block: the ``regions`` it falls in (front, body, back, notes), and
   its kind there: a ``role`` (opener, salute, signed...), a head, a numbered section, a
   quotation, a table, a note, or a paragraph.
4. rejoin paragraphs split at page ends (``[text.join]``).
5. build ``text`` (front, body, back) with inline markup (``edition.ingest.inline``).
6. passes over the built text: persons, phrases, corrections, citations, the project's own
   notes (``edition.ingest.phrases``); then link every note call to its note.

The result carries the tree and a report of everything that was removed, joined, corrected,
tagged and linked.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from edition.ingest import blocks as blocks_mod
from edition.ingest.assemble import ROLES, Assembler
from edition.ingest.blocks import Block, Join, Removed
from edition.ingest.header import Pointers, pointers_for
from edition.ingest.inline import DEFAULT_GLOSS, InlineParser, InlineRules, whole_italic
from edition.ingest.notes import NoteLinks, link_calls, note_id, note_start
from edition.ingest.phrases import (
    add_editorial_notes,
    apply_corrections,
    link_citations,
    mark_bare_calls,
    tag_persons,
    tag_phrases,
)
from edition.ingest.profile import Profile, ProfileError
from edition.ingest.tables import build_table
from edition.ingest.teixml import el, elements

TITLE_PARTS = {"title", "sub", "desc", "author", "date", "imprint"}


@dataclass
class Item:
    """A block with what the profile makes of it."""

    block: Block
    region: str
    region_rule: dict[str, Any] | None
    kind: str  # p, head, section, role, quote, table, note
    rule: dict[str, Any] | None = None
    number: str | None = None
    table_lines: list[str] = field(default_factory=list)
    starts_region: bool = False


@dataclass
class TextResult:
    text: etree._Element
    removed: list[Removed]
    joins: list[Join]
    links: NoteLinks
    corrections: list[tuple[str, str, int]]
    persons: Counter[str]
    phrases: Counter[str]
    citations: int
    project_notes: int
    glosses: int
    dead_links: int
    kept_lines: list[tuple[int, str]]


def _matches(rule: dict[str, Any], text: str) -> bool:
    if "line" in rule:
        return text.strip() == rule["line"].strip()
    if "starts" in rule:
        return text.lstrip().startswith(rule["starts"])
    if "pattern" in rule:
        return re.match(rule["pattern"], text) is not None
    raise ProfileError(f"a rule needs line, starts or pattern: {rule}")


class TextIngest:
    """Makes the ``text`` element of one seed according to its profile."""

    def __init__(self, profile: Profile, persons: dict[str, str]):
        self.profile = profile
        self.spec = profile.text
        self.ptr: Pointers = pointers_for(profile)
        self.persons = persons  # printed form → person id, from the personography
        markup = self.spec.get("markup", {})
        glosses = markup.get("glosses", {})
        notes = self.spec.get("notes", {})
        self.rules = InlineRules(
            calls=notes.get("calls", []),
            italic=markup.get("italic", "hi"),
            italic_hi=frozenset(markup.get("italic_hi", [])),
            bold=markup.get("bold", "hi"),
            gloss_pattern=glosses.get("pattern", DEFAULT_GLOSS) if glosses else None,
            gloss_resp=self.ptr.resp(glosses["resp"]) if glosses.get("resp") else None,
            gloss_reason=glosses.get("reason", "gloss"),
            escapes=markup.get("escapes", True),
        )
        self.gloss_regions = set(glosses.get("regions", ["body"]))
        self.whole_italic = markup.get("whole_italic", True)
        self.parser = InlineParser(self.rules)

    # ------------------------------------------------------------ steps 1-4

    def _titlepage(self, items: list[Block]) -> tuple[list[tuple[dict, str]], list[Block]]:
        wanted = list(self.spec.get("titlepage", []))
        parts: list[tuple[dict, str]] = []
        rest = list(items)
        while wanted:
            if not rest:
                raise ProfileError(f"{self.profile.name}: the seed ends inside the title page")
            block = rest[0]
            line = block.lines[0].strip()
            entry = wanted.pop(0)
            if line != entry["line"].strip():
                raise ProfileError(
                    f"{self.profile.name}: title page line {entry['line']!r} expected at seed "
                    f"line {block.line}, found {line!r}"
                )
            if entry.get("part") not in TITLE_PARTS:
                raise ProfileError(f"{self.profile.name}: unknown title page part {entry}")
            parts.append((entry, line))
            if len(block.lines) > 1:
                rest[0] = Block(block.lines[1:], block.line + 1)
            else:
                rest.pop(0)
        return parts, rest

    def _classify(self, items: list[Block]) -> list[Item]:
        spec = self.spec
        regions = spec.get("regions", [])
        roles = spec.get("roles", [])
        heads = {h["line"].strip(): h for h in spec.get("heads", [])}
        sections = spec.get("sections")
        section_re = re.compile(sections["pattern"]) if sections else None
        quotes = spec.get("quotes", [])
        tables = spec.get("tables", [])
        notes_spec = spec.get("notes", {})
        note_re = note_start(notes_spec["note"]) if "note" in notes_spec else None

        region, region_rule = "body", None
        out: list[Item] = []
        pending: list[str] = []  # lines still owed to the table being read
        table_item: Item | None = None
        used_heads: set[str] = set()
        for block in items:
            text = block.text
            if pending:
                for line in block.lines:
                    if not pending:
                        raise ProfileError(
                            f"{self.profile.name}: seed line {block.line}: a table's last "
                            "line shares its block with other text"
                        )
                    expected = pending.pop(0)
                    if line.strip() != expected.strip():
                        raise ProfileError(
                            f"{self.profile.name}: table line {expected!r} expected, found "
                            f"{line.strip()!r} (seed line {block.line})"
                        )
                    assert table_item is not None
                    table_item.table_lines.append(line.strip())
                continue
            starts_region = False
            for rule in regions:
                if _matches(rule, text):
                    region, region_rule, starts_region = rule["region"], rule, True
                    break
            if starts_region and region_rule and region_rule.get("head"):
                out.append(Item(block, region, region_rule, "head", starts_region=True))
                continue
            item = Item(block, region, region_rule, "p", starts_region=starts_region)
            if region == "notes":
                match = note_re.match(text) if note_re else None
                if match:
                    item.kind, item.number = "note", match.group("n")
                out.append(item)
                continue
            table = next((t for t in tables if block.lines[0].strip() == t["lines"][0]), None)
            if table is not None:
                item.kind, item.rule = "table", table
                pending = list(table["lines"])
                table_item = item
                for line in block.lines:
                    if not pending:
                        raise ProfileError(f"{self.profile.name}: table overruns its lines")
                    expected = pending.pop(0)
                    if line.strip() != expected.strip():
                        raise ProfileError(
                            f"{self.profile.name}: table line {expected!r} expected, found "
                            f"{line.strip()!r}"
                        )
                    item.table_lines.append(line.strip())
                out.append(item)
                continue
            role = next((r for r in roles if _matches(r, text)), None)
            if role is not None:
                if role["role"] not in ROLES:
                    raise ProfileError(f"{self.profile.name}: unknown role {role['role']!r}")
                item.kind, item.rule = "role", role
            elif text.strip() in heads:
                item.kind, item.rule = "head", heads[text.strip()]
                used_heads.add(text.strip())
            elif section_re is not None and (m := section_re.match(text)):
                item.kind, item.rule, item.number = "section", sections, m.group("n")
            elif any(text.lstrip().startswith(q["starts"]) for q in quotes):
                item.kind = "quote"
                item.rule = next(q for q in quotes if text.lstrip().startswith(q["starts"]))
            out.append(item)
        if pending:
            raise ProfileError(f"{self.profile.name}: the seed ends inside a table")
        unused = set(heads) - used_heads
        if unused:
            raise ProfileError(
                f"{self.profile.name}: heads not found in the seed: {sorted(unused)}"
            )
        for quote in quotes:
            if not any(i.rule is quote for i in out):
                raise ProfileError(f"{self.profile.name}: quote {quote['starts']!r} not found")
        return out

    def _join(self, items: list[Item]) -> tuple[list[Item], list[Join]]:
        # blocks are known by their first seed line (join_page_splits works on copies)
        by_line = {i.block.line: i for i in items}
        continuable = {"p", "section", "note", "quote"}

        def is_boundary(block: Block) -> bool:
            item = by_line[block.line]
            return item.kind != "p" or item.starts_region

        def can_continue(block: Block) -> bool:
            item = by_line.get(block.line)
            return item is not None and item.kind in continuable

        joined_blocks, joins = blocks_mod.join_page_splits(
            [i.block for i in items],
            self.spec.get("join", {}),
            is_boundary,
            can_continue,
            self.rules.calls or blocks_mod.DEFAULT_CALLS,
        )
        out = []
        for block in joined_blocks:
            item = by_line[block.line]
            item.block = block
            out.append(item)
        return out, joins

    # ------------------------------------------------------------ step 5

    def inline(self, text: str, region: str, calls: bool = True) -> list:
        return self.parser.parse(text, glosses=region in self.gloss_regions, calls=calls)

    def paragraph(self, item: Item, text: str | None = None, tag: str = "p") -> etree._Element:
        text = item.block.text if text is None else text
        inner = whole_italic(text) if self.whole_italic else None
        if inner is not None:
            return el(tag, {"rend": "italic"}, *self.inline(inner, item.region))
        return el(tag, None, *self.inline(text, item.region))

    def _title_page(self, parts: list[tuple[dict, str]]) -> etree._Element | None:
        if not parts:
            return None
        page = el("titlePage")
        doc_title = None
        for entry, line in parts:
            part = entry["part"]
            text = re.sub(r"^#+\s*", "", line)
            nodes = self.inline(text, "front", calls=False)
            if part in ("title", "sub", "desc"):
                if doc_title is None:
                    doc_title = el("docTitle")
                    page.append(doc_title)
                kind = {"title": "main", "sub": "sub", "desc": "desc"}[part]
                doc_title.append(el("titlePart", {"type": kind}, *nodes))
                continue
            doc_title = None
            if part == "author":
                page.append(el("byline", None, el("docAuthor", None, *nodes)))
            elif part == "date":
                page.append(el("docDate", {"when": entry.get("when")}, *nodes))
            elif part == "imprint":
                page.append(el("docImprint", None, *nodes))
        return page

    def table(self, item: Item) -> etree._Element:
        return build_table(
            item.rule or {},
            item.table_lines,
            lambda text: self.inline(text, item.region),
            self.ptr.resp("project"),
            f"{self.profile.name}: table at seed line {item.block.line}",
        )

    def note(self, item: Item, parts: list[Item]) -> etree._Element:
        notes = self.spec.get("notes", {})
        pattern = note_start(notes["note"])
        first = pattern.match(item.block.text)
        assert first is not None
        texts = [item.block.text[first.end() :]] + [p.block.text for p in parts]
        calls = notes.get("calls_in_notes", False)
        attrs = {
            "xml:id": note_id(self.profile.id, item.number or ""),
            "n": item.number,
            "type": notes.get("type", "editorial"),
            "place": notes.get("place", "end"),
            "resp": self.ptr.resp(notes.get("resp", "project")),
        }
        if len(texts) == 1:
            return el("note", attrs, *self.inline(texts[0], "notes", calls))
        return el(
            "note",
            attrs,
            *[el("p", None, *self.inline(t, "notes", calls)) for t in texts],
        )

    def build(self, seed_text: str) -> TextResult:
        name = self.profile.name
        raw = blocks_mod.read_blocks(seed_text)
        kept, removed = blocks_mod.remove_lines(raw, self.spec.get("remove", []), name)
        parts, rest = self._titlepage(kept)
        items, joins = self._join(self._classify(rest))

        assembler = Assembler(self, name, self.rules.calls or list(blocks_mod.DEFAULT_CALLS))
        title_page = self._title_page(parts)
        if title_page is not None:
            assembler.front.append(title_page)
        assembler.add_all(items)

        text = el("text", {"xml:lang": self.profile.language})
        for part in (assembler.front, assembler.body, assembler.back):
            if len(part) or part is assembler.body:
                text.append(part)
        result = self._passes(text)
        return TextResult(
            text=text,
            removed=removed,
            joins=joins,
            kept_lines=_kept_lines(seed_text, removed),
            glosses=self.parser.glosses,
            dead_links=self.parser.dead_links,
            **result,
        )

    def region_div(self, rule: dict[str, Any]) -> etree._Element:
        return el(
            "div",
            {
                "type": rule.get("type"),
                "resp": self.ptr.resp(rule["resp"]) if "resp" in rule else None,
                "rend": rule.get("rend"),
            },
        )

    def role(self, item: Item) -> etree._Element:
        rule = item.rule or {}
        role = rule["role"]
        nodes = self.inline(item.block.text, item.region)
        if role in ("dateline", "closer-dateline"):
            return el("dateline", None, el("date", {"when": rule.get("when")}, *nodes))
        if role in ("salute", "signed", "byline", "trailer"):
            return el(role, None, *nodes)
        return el("seg", {"type": rule.get("type", role)}, *nodes)

    # ------------------------------------------------------------ step 6

    def _passes(self, text: etree._Element) -> dict[str, Any]:
        spec, name = self.spec, self.profile.name
        persons_spec = spec.get("persons", {})
        wanted = set(persons_spec.get("tag", []))
        forms = {form: pid for form, pid in self.persons.items() if pid in wanted}
        unknown = wanted - set(self.persons.values())
        if unknown:
            raise ProfileError(f"{name}: persons not in the personography: {sorted(unknown)}")
        for form, pid in persons_spec.get("forms", {}).items():
            if pid not in set(self.persons.values()):
                raise ProfileError(f"{name}: form {form!r} names unknown person {pid!r}")
            forms[form] = pid
        mark_bare_calls(text, spec.get("notes", {}).get("bare_calls", []), name)
        persons = tag_persons(text, forms, self.ptr, persons_spec.get("ignore", []))
        untagged = wanted - set(persons)
        if untagged:
            raise ProfileError(f"{name}: persons listed but never found: {sorted(untagged)}")
        phrases = tag_phrases(text, spec.get("phrases", []), name)
        corrections = apply_corrections(text, spec.get("corrections", []), self.ptr, name)
        notes = [n for n in elements(text, "note") if n.get("place") == "end"]
        citations = link_citations(notes, spec.get("citations", []), name)
        project_notes = add_editorial_notes(text, spec.get("editorial_notes", []), self.ptr, name)
        links = link_calls(text, self.profile.id)
        if links.unresolved:
            raise ProfileError(f"{name}: note calls without a note: {links.unresolved}")
        return {
            "links": links,
            "corrections": corrections,
            "persons": persons,
            "phrases": phrases,
            "citations": citations,
            "project_notes": project_notes,
        }


def _kept_lines(seed_text: str, removed: list[Removed]) -> list[tuple[int, str]]:
    gone = {r.line for r in removed}
    return [
        (number, line)
        for number, line in enumerate(seed_text.splitlines(), 1)
        if line.strip() and number not in gone
    ]


# ---------------------------------------------------------------- the document


@dataclass(frozen=True)
class Seed:
    """A seed file as read: its path, bytes and text."""

    path: Any
    data: bytes

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")

    @property
    def name(self) -> str:
        from pathlib import Path

        return Path(self.path).name


def build_document(profile: Profile, seed: Seed | None) -> tuple[etree._Element, Any]:
    """The TEI tree of a seed text, its report, and the seed lines it keeps."""
    import hashlib

    from edition.ingest.header import build_header
    from edition.ingest.personography import name_forms
    from edition.ingest.report import IngestReport

    if seed is None:
        raise ProfileError(f"profile {profile.name!r} makes a text: give its seed file")
    profile.check_seed(seed.data, seed.path)
    result = TextIngest(profile, name_forms()).build(seed.text)
    digest = hashlib.sha256(seed.data).hexdigest()
    provenance = (
        f"Made by edition ingest from the seed {seed.name} (sha256 {digest}) "
        f"with the profile {profile.path.name}."
    )
    root = el("TEI", {"xml:id": profile.id}, build_header(profile, provenance), result.text)

    report = IngestReport(doc_id=profile.id, profile=profile.name, seed=seed.name)
    links = result.links
    details = []
    if links.uncalled:
        details.append("notes never called: " + ", ".join(links.uncalled))
    if links.out_of_order:
        details.append("calls out of sequence: " + ", ".join(links.out_of_order))
    report.add(
        "notes", f"{links.notes} notes, {links.linked} of {links.calls} calls linked", details
    )
    report.add(
        "corrections",
        sum(n for _, _, n in result.corrections),
        [f"{sic} → {corr} ×{n}" for sic, corr, n in result.corrections],
    )
    report.add(
        "removed lines",
        len(result.removed),
        [f"line {r.line}: {r.text!r} ({r.reason})" for r in result.removed],
    )
    report.add(
        "paragraphs joined across page ends",
        len(result.joins),
        [f"line {j.line} “…{j.end}” + line {j.next_line} “{j.start}…”" for j in result.joins],
    )
    report.add(
        "persons tagged",
        f"{sum(result.persons.values())} names of {len(result.persons)} persons",
    )
    extras = []
    if result.glosses:
        extras.append(f"translator's glosses: {result.glosses}")
    if result.dead_links:
        extras.append(f"dead links kept without address: {result.dead_links}")
    if result.citations:
        extras.append(f"page citations linked: {result.citations}")
    if result.project_notes:
        extras.append(f"notes of the edition project: {result.project_notes}")
    if sum(result.phrases.values()):
        extras.append(f"phrases tagged: {sum(result.phrases.values())}")
    if extras:
        report.add("encoded", "; ".join(extras))
    report.seed_lines = [line for _, line in result.kept_lines]
    return root, report
