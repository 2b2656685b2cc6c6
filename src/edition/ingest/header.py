"""The teiHeader of a document, written from its profile's ``[header]`` and ``project.toml``.

What every document shares (publisher, the licence of our encoding, the project description,
the common editorial principles) comes from ``project.toml``; what is peculiar to one source
(titles, authors, the responsibilities of translators and editors, the publication chain,
rights as the source states them) from the profile. Rich bibliographic parts (``sources``:
``bibl``, ``listBibl``, ``biblFull``, ``msDesc``) are written in the profile as TEI markup
and parsed safely; everything else is plain strings.

Pointers in a profile are short: a person or organisation id (``trotsky``) becomes
``persons.xml#trotsky``; a responsibility id declared in ``[[header.resp]]`` (``translator``)
becomes ``#<doc-id>-translator``; ``project`` is the edition project itself.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from edition import __version__
from edition.ingest.profile import Profile, ProfileError
from edition.ingest.teixml import el, fragment

PERSONS_FILE = "persons.xml"

_DECL_ORDER = (
    "correction",
    "normalization",
    "quotation",
    "hyphenation",
    "segmentation",
    "interpretation",
    "punctuation",
    "p",
)
_DECL_ATTRS = {"correction": {"method": "markup"}, "normalization": {"method": "markup"}}


class Pointers:
    """Turns a profile's short references into the edition's pointers."""

    def __init__(self, doc_id: str, project_id: str, local_resp: set[str] | None = None):
        self.doc_id = doc_id
        self.project_id = project_id
        self.local_resp = local_resp or set()

    def authority(self, entry_id: str) -> str:
        """A person, organisation or place of the personography."""
        return f"{PERSONS_FILE}#{entry_id}"

    def resp(self, token: str) -> str:
        """``project``, a local responsibility id, or a pointer given in full."""
        out = []
        for part in token.split():
            if part == "project":
                out.append(self.authority(self.project_id))
            elif "#" in part:
                out.append(part)
            elif part in self.local_resp:
                out.append(f"#{self.doc_id}-{part}")
            else:
                raise ProfileError(
                    f"{self.doc_id}: resp {part!r} is neither 'project' nor declared in "
                    "[[header.resp]] (known: " + ", ".join(sorted(self.local_resp)) + ")"
                )
        return " ".join(out)


def pointers_for(profile: Profile) -> Pointers:
    local = {entry["id"] for entry in profile.header.get("resp", [])}
    return Pointers(profile.id, profile.project["id"], local)


def _names(entry: dict[str, Any], ptr: Pointers) -> list[etree._Element]:
    names = []
    for name in entry.get("names", []):
        ref = ptr.authority(name["ref"]) if "ref" in name else None
        if "person" in name:
            names.append(el("persName", {"ref": ref}, name["person"]))
        elif "org" in name:
            names.append(el("orgName", {"ref": ref}, name["org"]))
        elif "name" in name:
            names.append(el("name", {"ref": ref}, name["name"]))
        else:
            raise ProfileError(f"{ptr.doc_id}: a resp name needs person, org or name")
    if not names:
        raise ProfileError(f"{ptr.doc_id}: resp {entry['id']!r} names nobody")
    return names


def _paragraphs(texts: list[str]) -> list[etree._Element]:
    return [el("p", None, *fragment(text)) for text in texts]


def title_stmt(profile: Profile, ptr: Pointers) -> etree._Element:
    header, project = profile.header, profile.project
    if "title" not in header:
        raise ProfileError(f"{profile.name}: [header] needs a title")
    stmt = el("titleStmt", None, el("title", {"type": "main"}, *fragment(header["title"])))
    if "subtitle" in header:
        stmt.append(el("title", {"type": "sub"}, *fragment(header["subtitle"])))
    for tag, key in (("author", "authors"), ("editor", "editors")):
        for person in header.get(key, []):
            ref = ptr.authority(person["ref"]) if "ref" in person else None
            stmt.append(el(tag, {"ref": ref, "role": person.get("role")}, person["name"]))
    for entry in header.get("resp", []):
        note = el("note", None, *fragment(entry["note"])) if "note" in entry else None
        stmt.append(
            el(
                "respStmt",
                {"xml:id": f"{profile.id}-{entry['id']}"},
                el("resp", None, *fragment(entry["resp"])),
                *_names(entry, ptr),
                note,
            )
        )
    stmt.append(
        el(
            "respStmt",
            {"xml:id": f"{profile.id}-encoding"},
            el("resp", None, "TEI encoding, editorial notes and corrections"),
            el("orgName", {"ref": ptr.authority(project["id"])}, project["name"]),
        )
    )
    return stmt


def publication_stmt(profile: Profile) -> etree._Element:
    header, project = profile.header, profile.project
    licence = project["licence"]
    availability = el(
        "availability",
        {"status": header.get("availability", "unknown")},
        el("licence", {"target": licence["target"]}, *fragment(licence["text"])),
        *_paragraphs(header.get("rights", [])),
    )
    return el(
        "publicationStmt",
        None,
        el("publisher", {"ref": f"{PERSONS_FILE}#{project['id']}"}, project["publisher"]),
        el("pubPlace", None, project["pub_place"]),
        el("date", {"when": project["date"]}, project["date"]),
        el("idno", {"type": "edition"}, profile.id),
        availability,
    )


def source_desc(profile: Profile) -> etree._Element:
    sources = profile.header.get("sources", [])
    if not sources:
        raise ProfileError(f"{profile.name}: [header] needs sources (bibl, listBibl, msDesc)")
    desc = el("sourceDesc")
    for markup in sources:
        for node in fragment(markup):
            if isinstance(node, str):
                if node.strip():
                    raise ProfileError(f"{profile.name}: text outside an element in sources")
                continue
            desc.append(node)
    return desc


def encoding_desc(profile: Profile, provenance: str) -> etree._Element:
    project = profile.project
    decl = el("editorialDecl")
    shared, own = project.get("decl", {}), profile.header.get("decl", {})
    for kind in _DECL_ORDER:
        texts = list(shared.get(kind, [])) + list(own.get(kind, []))
        if not texts:
            continue
        if kind == "p":
            decl.extend(_paragraphs(texts))
        else:
            decl.append(el(kind, _DECL_ATTRS.get(kind), *_paragraphs(texts)))
    application = el(
        "application",
        {"ident": "edition", "version": __version__},
        el("label", None, "edition ingest"),
        el("p", None, provenance),
    )
    return el(
        "encodingDesc",
        None,
        el("projectDesc", None, *_paragraphs(project["description"])),
        decl,
        el("appInfo", None, application),
    )


def profile_desc(profile: Profile) -> etree._Element:
    header = profile.header
    desc = el("profileDesc")
    if header.get("abstract"):
        desc.append(el("abstract", None, *_paragraphs(header["abstract"])))
    creation = header.get("creation", {})
    desc.append(
        el(
            "creation",
            None,
            el("date", {"when": creation.get("when")}, *fragment(creation.get("text", "")))
            if creation
            else None,
        )
    )
    languages = header.get("languages") or [{"ident": profile.language, "text": "English"}]
    desc.append(
        el(
            "langUsage",
            None,
            *[
                el(
                    "language",
                    {"ident": lang["ident"], "usage": _str(lang.get("usage"))},
                    lang["text"],
                )
                for lang in languages
            ],
        )
    )
    if header.get("keywords"):
        terms = [el("term", None, term) for term in header["keywords"]]
        desc.append(el("textClass", None, el("keywords", None, *terms)))
    return desc


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def revision_desc(profile: Profile, ptr: Pointers) -> etree._Element:
    changes = profile.header.get("changes", [])
    if not changes:
        raise ProfileError(f"{profile.name}: [header] needs at least one [[header.changes]]")
    return el(
        "revisionDesc",
        None,
        *[
            el(
                "change",
                {"when": c["when"], "who": ptr.resp(c.get("who", "project"))},
                *fragment(c["text"]),
            )
            for c in changes
        ],
    )


def build_header(profile: Profile, provenance: str) -> etree._Element:
    """The complete teiHeader. ``provenance`` says how the document was made (appInfo)."""
    ptr = pointers_for(profile)
    extent = el("extent", None, profile.header["extent"]) if "extent" in profile.header else None
    file_desc = el(
        "fileDesc",
        None,
        title_stmt(profile, ptr),
        extent,
        publication_stmt(profile),
        source_desc(profile),
    )
    return el(
        "teiHeader",
        None,
        file_desc,
        encoding_desc(profile, provenance),
        profile_desc(profile),
        revision_desc(profile, ptr),
    )
