"""Passes over the text nodes of a built TEI text: names, phrases, corrections, citations.

Each pass rewrites text (never attributes) and leaves alone the elements listed in its
``skip`` set, so that a name is not tagged inside a note call or a correction applied twice.
Every pass counts what it did; a profile entry with a ``count`` that does not match what was
found is an error, so that a correction or a tag never lands where nobody meant it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from lxml import etree

from edition.ingest.header import Pointers
from edition.ingest.profile import ProfileError
from edition.ingest.teixml import append, el, fragment, local, split_text, text_of

Node = etree._Element | str
Maker = Callable[[re.Match[str]], list[Node] | None]

# Inside these a pass never rewrites text.
ALWAYS_SKIP = frozenset({"ref", "choice", "idno", "gap"})


def rewrite_text(
    element: etree._Element, pattern: re.Pattern[str], make: Maker, skip: Iterable[str] = ()
) -> None:
    """Replace every match of ``pattern`` in the text under ``element`` by ``make(match)``.

    ``make`` returns the replacement nodes, or None to leave that match as it is.
    """
    skipped = ALWAYS_SKIP | set(skip)

    def split(text: str) -> list[Node]:
        return split_text(text, pattern, make)

    def walk(node: etree._Element) -> None:
        if not isinstance(node.tag, str) or local(node) in skipped:
            return
        nodes: list[Node] = split(node.text) if node.text else []
        for child in list(node):
            tail, child.tail = child.tail, None
            walk(child)
            nodes.append(child)
            if tail:
                nodes.extend(split(tail))
        node.text = None
        for child in list(node):
            node.remove(child)
        append(node, *nodes)

    walk(element)


def _word_pattern(forms: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    alternatives = "|".join(re.escape(f) for f in ordered)
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)")


def tag_persons(
    text: etree._Element,
    forms: dict[str, str],
    ptr: Pointers,
    ignore: Iterable[str] = (),
) -> Counter[str]:
    """Tag every occurrence of a person's name form as ``persName`` with ``@ref``.

    ``forms`` maps each printed form to a person id; the longest form wins where forms
    overlap ("S.S. Kamenev" before "Kamenev"). Forms in ``ignore`` are ambiguous in this
    source and stay untagged, as the editorial declaration says.
    """
    counts: Counter[str] = Counter()
    ignored = set(ignore)
    if not forms:
        return counts
    pattern = _word_pattern(list(forms) + list(ignored))

    def make(match: re.Match[str]) -> list[Node] | None:
        form = match.group(0)
        if form in ignored:
            return None
        person = forms[form]
        counts[person] += 1
        return [el("persName", {"ref": ptr.authority(person)}, form)]

    rewrite_text(text, pattern, make, skip={"persName", "title", "supplied"})
    return counts


def tag_phrases(text: etree._Element, entries: list[dict], source: str) -> Counter[str]:
    """Wrap phrases in the element the profile names (``title``, ``ref``, ``foreign``...).

    An entry gives the exact ``text``, or a regular expression ``pattern`` where the phrase
    needs context to be told apart ("The New Course" the pamphlet, not "The New Course
    Controversy"). ``count``, if given, is how often it must be found; it must be found once.
    """
    counts: Counter[str] = Counter()
    for entry in entries:
        if ("text" in entry) == ("pattern" in entry):
            raise ProfileError(f"{source}: a phrase needs either text or pattern: {entry}")
        key = entry.get("text") or entry["pattern"]
        expression = re.escape(entry["text"]) if "text" in entry else entry["pattern"]
        element = entry.get("element", "title")
        attrs = dict(entry.get("attrs", {}))
        pattern = re.compile(rf"(?<!\w){expression}(?!\w)")

        def make(match: re.Match[str], element=element, attrs=attrs, key=key):
            counts[key] += 1
            return [el(element, attrs, match.group(0))]

        rewrite_text(text, pattern, make, skip={element, "title", "persName"})
        expected = entry.get("count")
        if expected is not None and counts[key] != expected:
            raise ProfileError(
                f"{source}: phrase {key!r} should be tagged {expected} time(s), found {counts[key]}"
            )
        if not counts[key]:
            raise ProfileError(f"{source}: phrase {key!r} does not occur in the text")
    return counts


def apply_corrections(
    text: etree._Element, entries: list[dict], ptr: Pointers, source: str
) -> list[tuple[str, str, int]]:
    """Encode each correction as choice/sic/corr where its context occurs.

    ``context`` is the passage that identifies the place (it defaults to ``sic``); within it,
    ``sic`` is replaced by the choice. ``count`` is how often the context must occur.
    """
    done = []
    for entry in entries:
        sic, corr = entry["sic"], entry["corr"]
        context = entry.get("context", sic)
        if sic not in context:
            raise ProfileError(f"{source}: correction context {context!r} lacks {sic!r}")
        before, after = context.split(sic, 1)
        pattern = re.compile(f"{re.escape(before)}({re.escape(sic)}){re.escape(after)}")
        resp = ptr.resp(entry.get("resp", "project"))
        found = 0

        def make(match: re.Match[str], sic=sic, corr=corr, resp=resp):
            nonlocal found
            found += 1
            choice = el("choice", None, el("sic", None, sic), el("corr", {"resp": resp}, corr))
            head = match.string[match.start() : match.start(1)]
            tail = match.string[match.end(1) : match.end()]
            return [head, choice, tail]

        rewrite_text(text, pattern, make, skip={"sic", "corr"})
        expected = entry.get("count", 1)
        if found != expected:
            raise ProfileError(
                f"{source}: correction {sic!r} → {corr!r} should apply {expected} time(s) "
                f"(context {context!r}) but applies {found}"
            )
        done.append((sic, corr, found))
    return done


def add_editorial_notes(
    text: etree._Element, entries: list[dict], ptr: Pointers, source: str
) -> int:
    """Insert the project's own notes right after the passage each entry names."""
    added = 0
    for entry in entries:
        anchor = entry["after"]
        pattern = re.compile(re.escape(anchor))
        placed = 0

        def make(match: re.Match[str], entry=entry):
            nonlocal placed
            if placed:
                return None
            placed += 1
            note = el(
                "note",
                {"type": "project", "resp": ptr.resp(entry.get("resp", "project"))},
                *fragment(entry["text"]),
            )
            return [match.group(0), note]

        rewrite_text(text, pattern, make, skip={"note"})
        if not placed:
            raise ProfileError(f"{source}: editorial note anchor {anchor!r} not found")
        added += placed
    return added


_PAGE_LIST = re.compile(r"(?P<prefix>pp?\.?\s?)(?P<list>\d+(?:-\d+)?(?:,\s*\d+(?:-\d+)?)*)")


def link_citations(notes: list[etree._Element], entries: list[dict], source: str) -> int:
    """Turn page citations of a work in the notes into refs to that work's page anchors.

    A note that names the work (``work``, a regular expression) sets it as current; a note
    starting with ``ibid`` (a regular expression, e.g. ``Ibid\\.``) keeps it; any other note
    clears it. In a note whose current work is set, every page number (``p.67``,
    ``pp.55-6``, ``pp.80-1, 86``) becomes a ref to ``target`` with ``{page}`` filled in; an
    ibid without a page points at the page cited last.
    """
    linked = 0
    for entry in entries:
        work = re.compile(entry["work"])
        ibid = re.compile(entry.get("ibid", r"Ibid\b"))
        template = entry["target"]
        current = False
        last_page: str | None = None
        for note in notes:
            content = text_of(note).strip()
            if work.search(content):
                current = True
            elif not (current and ibid.match(content)):
                current = False
            if not current:
                continue
            pages: list[str] = []

            def make(match: re.Match[str], pages=pages, template=template) -> list[Node]:
                nodes: list[Node] = []
                prefix = match.group("prefix")
                for index, part in enumerate(re.split(r"(,\s*)", match.group("list"))):
                    if index % 2:
                        nodes.append(part)
                        continue
                    page = part.split("-")[0]
                    pages.append(page)
                    label = (prefix if index == 0 else "") + part
                    nodes.append(el("ref", {"target": template.format(page=page)}, label))
                return nodes

            start = work.search(content)
            rewrite_text(note, _PAGE_LIST, make)
            if pages:
                linked += len(pages)
                last_page = pages[-1]
            elif last_page is not None and start is None:
                # "Ibid." alone: the same place as the citation before it
                target = template.format(page=last_page)
                rewrite_text(
                    note,
                    re.compile(ibid.pattern),
                    lambda m, target=target: [el("ref", {"target": target}, m.group(0))],
                )
                linked += 1
    if entries and not linked:
        raise ProfileError(f"{source}: [[text.citations]] linked no page at all")
    return linked


def mark_bare_calls(text: etree._Element, entries: list[dict], source: str) -> int:
    """Note calls the transcription prints as plain text (a bare "15" where a superscript
    was lost): within the passage ``context``, the string ``call`` becomes a note call."""
    made = 0
    for entry in entries:
        context, call = entry["context"], entry["call"]
        if call not in context:
            raise ProfileError(f"{source}: bare call {call!r} is not in its context {context!r}")
        before, after = context.split(call, 1)
        pattern = re.compile(f"{re.escape(before)}({re.escape(call)}){re.escape(after)}")
        found = 0

        def make(match: re.Match[str], call=call) -> list[Node]:
            nonlocal found
            found += 1
            head = match.string[match.start() : match.start(1)]
            tail = match.string[match.end(1) : match.end()]
            number = re.sub(r"\D", "", call)
            return [head, el("ref", {"type": "noteref", "n": number}, call), tail]

        rewrite_text(text, pattern, make)
        if found != 1:
            raise ProfileError(f"{source}: bare call context {context!r} found {found} times")
        made += found
    return made
