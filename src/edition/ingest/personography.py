"""The personography (profile kind ``personography``): ``tei/persons.xml`` from data.

The profile (``profiles/persons.toml``) holds one ``[[person]]`` table per person and one
``[[org]]`` per organisation. A person has an ``id`` (a short lowercase surname, unique in
the edition), ``names`` (every form the texts print; the first is the main form), and,
only where a text of the edition states them, ``birth`` and ``death`` (``when``, ``text``,
``source``: a pointer to the passage that says so) and a one-line ``role`` (with
``role_source``). Nothing that the texts do not say goes in.

The same names are the forms ``edition ingest`` tags in the texts (``name_forms``), so a new
text or the book extends the personography by adding entries or names here, then re-running
``edition ingest --profile persons``.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from edition.ingest.header import build_header
from edition.ingest.profile import Profile, ProfileError, load_profile
from edition.ingest.report import IngestReport
from edition.ingest.teixml import el, fragment

PERSONOGRAPHY = "persons"
PROJECT_ORG = "edition-project"  # notes in the personography are the project's

_PERSON_KEYS = {"id", "names", "birth", "death", "role", "role_source", "note", "sex"}
_ORG_KEYS = {"id", "names", "note"}
_DATED_KEYS = {"when", "text", "source", "notBefore", "notAfter"}


def _check_entry(entry: Any, keys: set[str], where: str) -> None:
    if not isinstance(entry, dict):
        raise ProfileError(f"{where}: expected a table")
    unknown = set(entry) - keys
    if unknown:
        raise ProfileError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(keys)})")
    if not isinstance(entry.get("id"), str) or not entry.get("names"):
        raise ProfileError(f"{where}: needs an id and at least one name")
    for key in ("birth", "death"):
        if key in entry:
            if not isinstance(entry[key], dict) or set(entry[key]) - _DATED_KEYS:
                raise ProfileError(f"{where}.{key}: a table of {sorted(_DATED_KEYS)}")
            if "source" not in entry[key]:
                raise ProfileError(f"{where}.{key}: say which text states it (source)")
    if "role" in entry and "role_source" not in entry:
        raise ProfileError(f"{where}.role: say which text states it (role_source)")


def entries(profile: Profile) -> tuple[list[dict], list[dict]]:
    persons = profile.section("person", [])
    orgs = profile.section("org", [])
    for index, person in enumerate(persons):
        _check_entry(person, _PERSON_KEYS, f"{profile.name}: person[{index}]")
    for index, org in enumerate(orgs):
        _check_entry(org, _ORG_KEYS, f"{profile.name}: org[{index}]")
    ids = [e["id"] for e in persons + orgs]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ProfileError(f"{profile.name}: ids used twice: {duplicates}")
    return persons, orgs


def name_forms(profile: Profile | None = None) -> dict[str, str]:
    """Every printed name form of the personography → the id of its person."""
    profile = profile or load_profile(PERSONOGRAPHY)
    persons, _ = entries(profile)
    forms: dict[str, str] = {}
    for person in persons:
        for name in person["names"]:
            if forms.get(name, person["id"]) != person["id"]:
                raise ProfileError(
                    f"{profile.name}: the form {name!r} names both {forms[name]} and "
                    f"{person['id']}: give each a form of its own"
                )
            forms[name] = person["id"]
    return forms


def _dated(tag: str, data: dict) -> etree._Element:
    attrs = {k: data.get(k) for k in ("when", "notBefore", "notAfter", "source")}
    return el(tag, attrs, *fragment(data.get("text", data.get("when", ""))))


def _person(entry: dict) -> etree._Element:
    names = entry["names"]
    person = el("person", {"xml:id": entry["id"], "sex": entry.get("sex")})
    person.append(el("persName", None, names[0]))
    for name in names[1:]:
        person.append(el("persName", {"type": "variant"}, name))
    for key in ("birth", "death"):
        if key in entry:
            person.append(_dated(key, entry[key]))
    if "role" in entry:
        person.append(el("occupation", {"source": entry["role_source"]}, *fragment(entry["role"])))
    if "note" in entry:
        person.append(el("note", {"resp": f"#{PROJECT_ORG}"}, *fragment(entry["note"])))
    return person


def _org(entry: dict) -> etree._Element:
    org = el("org", {"xml:id": entry["id"]})
    for index, name in enumerate(entry["names"]):
        org.append(el("orgName", {"type": "variant"} if index else None, name))
    if "note" in entry:
        org.append(el("note", {"resp": f"#{PROJECT_ORG}"}, *fragment(entry["note"])))
    return org


def build_document(profile: Profile, seed: Any = None) -> tuple[etree._Element, IngestReport]:
    """The personography's TEI tree and its report (it reads no seed)."""
    persons, orgs = entries(profile)
    name_forms(profile)  # refuses a form given to two persons
    provenance = f"Made by edition ingest from the profile {profile.path.name}."
    div = el("div", {"type": "personography"})
    if persons:
        div.append(el("listPerson", None, *[_person(p) for p in persons]))
    if orgs:
        div.append(el("listOrg", None, *[_org(o) for o in orgs]))
    root = el(
        "TEI",
        {"xml:id": profile.id},
        build_header(profile, provenance),
        el("text", {"xml:lang": profile.language}, el("body", None, div)),
    )
    report = IngestReport(doc_id=profile.id, profile=profile.name)
    dated = sum(1 for p in persons if "birth" in p or "death" in p)
    report.add("persons", len(persons), [f"{dated} with life dates from the texts"])
    report.add("organisations", len(orgs))
    report.add("name forms", sum(len(p["names"]) for p in persons))
    return root, report
