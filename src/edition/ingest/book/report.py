"""What an ingest of the book did, as a short report (and as data for tests)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from edition.ingest.book.accounting import Accounting


@dataclass
class BookReport:
    doc_id: str
    seed: str
    out: str = ""
    state: str = "not written"
    entries: list[tuple[str, str, list[str]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, label: str, value: str, details: list[str] | None = None) -> None:
        self.entries.append((label, value, list(details or [])))

    def value(self, label: str) -> str | None:
        return next((v for k, v, _ in self.entries if k == label), None)

    def render(self, verbose: bool = False, limit: int = 8) -> str:
        lines = [f"{self.out or self.doc_id} from {self.seed} (profile {self.doc_id}): "
                 f"{self.state}"]
        for label, value, details in self.entries:
            lines.append(f"  {label}: {value}")
            shown = details if verbose else details[:limit]
            lines.extend(f"    {d}" for d in shown)
            if len(shown) < len(details):
                lines.append(f"    … {len(details) - len(shown)} more (--verbose)")
        lines.extend(f"  problem: {p}" for p in self.problems)
        return "\n".join(lines) + "\n"


def build_report(doc_id: str, seed: str, result, accounting: Accounting) -> BookReport:
    report = BookReport(doc_id, seed)
    pages = result.pages
    numbered = [p for p in pages if p.n is not None]
    supplied = [p.n for p in numbered if p.supplied]
    corrected = [f"{p.n} (the OCR reads {p.marker.sic!r})" for p in numbered if p.corrected]
    report.add(
        "pages",
        f"{len(pages)} page breaks: {len(numbered)} numbered "
        f"({numbered[0].n}-{numbered[-1].n}), {len(supplied)} number(s) supplied "
        f"({', '.join(map(str, supplied)) or 'none'}), {len(corrected)} folio(s) misread, "
        f"{len(pages) - len(numbered)} unnumbered",
        [f"folio misread: {c}" for c in corrected]
        + [f"unnumbered: {p.id}" for p in pages if p.n is None],
    )
    annotations = result.stats["annotations"]
    sites = result.stats["endnotes"]
    missing = result.stats["calls_missing"]
    count = len(sites) + len(missing)
    methods = Counter(site.method for site in sites.values())
    report.add(
        "endnotes",
        f"{len(sites)} of {count} linked ({methods['read']} read from the OCR's garbled "
        f"figures, {methods['profile']} placed by the profile, {methods['supplied']} "
        "supplied where the OCR lost the call)",
        [f"note {s.n}: line {s.line}, {s.method}: {s.note}" for s in sites.values()
         if s.method != "read"] + [f"note {n}: call not found" for n in missing],
    )
    placed = annotations.footnotes_placed
    report.add("footnotes", f"{len(result.footnotes)}, {len(placed)} placed at their calls",
               [f"{f.id}: not placed" for f in result.footnotes if f not in placed])
    kinds = Counter()
    for correction in annotations.corrections:
        kinds[correction.kind] += annotations.applied[correction.index]
    calls_garbled = sum(1 for s in sites.values() if s.method != "supplied" and not s.clean)
    kinds["note-call"] += calls_garbled
    report.add("corrections", f"{sum(kinds.values())} (" + ", ".join(
        f"{kind} {n}" for kind, n in sorted(kinds.items())) + ")",
        [f"{c.sic!r} → {c.corr!r} ×{annotations.applied[c.index]}"
         for c in annotations.corrections])
    joins = result.joiner.hyphen_joins
    evidence = Counter(j.decision.evidence for j in joins)
    undecided = [j for j in joins if not j.decision.decided]
    report.add(
        "hyphenation",
        f"{len(joins)} line-end hyphens: {sum(j.decision.join for j in joins)} joined, "
        f"{sum(not j.decision.join for j in joins)} kept; by evidence: "
        + ", ".join(f"{k} {v}" for k, v in sorted(evidence.items()))
        + f"; undecided {len(undecided)}",
        [f"line {j.line}: {j.left}-{j.right} → "
         f"{(j.left + j.right) if j.decision.join else j.left + '-' + j.right}"
         for j in undecided]
        + [f"profile: line {j.line}: {j.left}-{j.right} → "
           f"{(j.left + j.right) if j.decision.join else j.left + '-' + j.right}"
           for j in joins if j.decision.evidence.startswith("profile")],
    )
    persons = result.stats.get("persons", {})
    report.add("persons", f"{sum(persons.values())} names of {len(persons)} persons tagged "
                          "(persName/@ref into persons.xml)",
               [f"{person}: {n}" for person, n in sorted(persons.items(), key=lambda x: -x[1])])
    breaks = result.stats.get("paragraph_breaks", [])
    report.add("paragraphs", f"rejoined across page turns; {len(breaks)} break(s) at a page "
                             "turn made by default (a full line ends a sentence, the next page "
                             "begins one)", [f"after line {no}" for no in breaks])
    gaps = result.stats.get("gaps", [])
    report.add("gaps", f"{len(gaps)}", gaps)
    report.add("cross-references",
               f"{len(annotations.crossrefs_made)} to pages of the book, "
               f"{len(annotations.crossrefs_unresolved)} unresolved",
               annotations.crossrefs_unresolved)
    if "index_entries" in result.stats:
        stats = result.stats
        report.add("index",
                   f"{stats['index_entries']} entries, {stats['index_refs']} locators linked "
                   f"({stats['index_to_notes']} to notes), {len(stats['index_unresolved'])} "
                   f"not; {stats['index_see_links']} \"see\" targets linked to their entries, "
                   f"{len(stats['index_see_unresolved'])} not (no entry, or not one, has "
                   "that name)",
                   [f"locator: {u}" for u in stats["index_unresolved"]]
                   + [f"see: {u}" for u in stats["index_see_unresolved"]])
    order = "page by page exact" if not accounting.page_problems else \
        f"{len(accounting.page_problems)} page(s) differ"
    report.add("words", f"{accounting.tei} of the OCR's {accounting.ocr} running words in the "
                        f"TEI, {sum(accounting.missing.values())} missing; {order}",
               accounting.describe().splitlines()[1:])
    if not accounting.complete:
        report.problems.append("words of the OCR are missing from the TEI")
    if missing:
        report.problems.append(f"{len(missing)} endnote call(s) not found")
    return report
