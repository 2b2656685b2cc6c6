"""A large edition's web edition: its lists paged, its persons index a page per initial
(built a page at a time from its own passages), its search Pagefind's.

The corpus: eight copies of the short texts (bench/synth.py), built once as a small edition
(the default: one page per list, the offline search) and once as a large one, with a list
page of 3 texts, persons pages of about 10 passages and Pagefind's index in parts of about
300 KB of pages, so that every kind of page and cut appears."""

from __future__ import annotations

import functools
import http.server
import json
import re
import sys
import threading
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

SHORT = ("trotsky-1923-10-08.xml", "north-1993.xml", "cliff-new-course.xml", "ivp-2017.xml")
COPIES = 8
LARGE = {"list_page_size": 3, "persons_page_passages": 10, "pagefind_part_bytes": 300_000}


def _build(source: Path, out: Path, options: dict) -> None:
    from edition import build

    result = build.run_build(source, out, ["html"], [], options, jobs=1)
    failed = [(u.label, u.error) for u in result.units if u.error]
    assert result.ok and not failed, failed


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("large")
    tei = root / "tei"
    tei.mkdir()
    synth.make_corpus([ROOT / "tei" / name for name in SHORT], COPIES, tei)
    _build(tei, root / "small", {})
    _build(tei, root / "large", LARGE)
    return tei, root / "small" / "html", root / "large" / "html"


def _page(path: Path):
    return lxml_html.fromstring(path.read_bytes())


def _text_links(site: Path, name: str) -> list[str]:
    """The texts a list page links to, in order."""
    return [a.get("href") for a in _page(site / name).xpath(
        "//main//*[contains(@class, 'card-title') or self::h3[starts-with(@id, 'about-')]]/a")]


def test_a_small_edition_keeps_one_page_per_list_and_the_offline_search(sites):
    _, small, _ = sites
    assert not list(small.glob("index-*.html")) and not list(small.glob("persons-*.html"))
    assert not (small / "pagefind").exists()
    assert len(_text_links(small, "index.html")) == COPIES
    assert "data-pagefind-body" not in (small / "syn-00001.html").read_text()
    assert 'data-index="search/' in (small / "search.html").read_text()


def test_the_lists_of_texts_are_paged_each_text_once_in_reading_order(sites):
    _, small, large = sites
    for base in ("index", "about"):
        parts = [f"{base}.html", f"{base}-2.html", f"{base}-3.html"]
        assert not (large / f"{base}-4.html").exists()
        listed = [href for part in parts for href in _text_links(large, part)]
        assert listed == _text_links(small, f"{base}.html")  # all of them, the same order
        assert [len(_text_links(large, part)) for part in parts] == [3, 3, 2]
        for number, part in enumerate(parts, 1):
            pager = _page(large / part).xpath("//nav[@class='pager']//a")
            assert [a.get("href") for a in pager] == parts
            assert [a.text for a in pager] == ["1–3", "4–6", "7–8"]
            assert [a.get("aria-current") for a in pager].index("page") == number - 1
    assert _page(large / "index-2.html").xpath("//ol[@class='text-list']/@start") == ["4"]


def _passages(site: Path, pages) -> set[tuple[str, str, str]]:
    """(person, passage's href, its label) for every passage link of the persons pages."""
    found = set()
    for name in pages:
        for section in _page(site / name).xpath("//section[@class='person']"):
            person = section.get("id").removesuffix("-continued")
            for link in section.xpath(".//ul[@class='mentions']//a"):
                found.add((person, link.get("href"), link.text_content()))
    return found


def test_the_persons_index_has_every_passage_once_a_page_per_initial(sites):
    _, small, large = sites
    pages = sorted(p.name for p in large.glob("persons-*.html"))
    assert "persons-t.html" in pages and "persons-t-2.html" in pages  # Trotsky's run on
    assert _passages(large, pages) == _passages(small, ["persons.html"])
    for name in pages:  # about the size asked for: a text's passages are never cut
        count = sum(len(s.xpath(".//ul[@class='mentions']//a"))
                    for s in _page(large / name).xpath("//section[@class='person']"))
        assert count <= 10 or len(_page(large / name).xpath("//ul[@class='mentions']/li")) == 1
    # Every person is on the index page, linked to where their entry is.
    index = _page(large / "persons.html")
    people = index.xpath("//ul[@class='person-names']/li/a/@href")
    assert len(people) == len(_page(small / "persons.html").xpath("//section[@class='person']"))
    for href in people:
        page, anchor = href.split("#")
        assert _page(large / page).get_element_by_id(anchor) is not None, href
    # On an initial's first page, a person whose entry is on a later part has a line with
    # their id that leads to that part, where the entry is.
    leads = [(name, li.get("id"), li.xpath("a/@href")[0]) for name in pages
             for li in _page(large / name).xpath("//ul[@class='person-names']/li[@id]")]
    assert leads
    for name, person, href in leads:
        page, anchor = href.split("#")
        assert anchor == person and page != name and page.startswith(name[:-len(".html")])
        assert _page(large / page).xpath(f"//section[@class='person'][@id='{person}']"), href


def test_a_name_in_a_text_links_to_its_initial_s_page_and_lands_on_the_person(sites):
    _, _, large = sites
    links = set(re.findall(r'href="(persons[^"]*#[^"]*)"', (large / "syn-00002.html").read_text()))
    assert links and all(re.fullmatch(r"persons-[a-z]+\.html#[\w-]+", h) for h in links)
    for href in links:
        page, anchor = href.split("#")
        # On the initial's first page: the entry, or a line leading to the part it is on.
        target = _page(large / page).get_element_by_id(anchor)
        assert target is not None, href
        if target.tag == "li":
            onward = target.xpath("a/@href")[0]
            assert _page(large / onward.split("#")[0]).get_element_by_id(anchor) is not None


def test_the_large_site_s_links_all_resolve(sites, run_cli):
    tei, _, large = sites
    code, out, err = run_cli("check", "--out", str(large.parent), "--source", str(tei),
                             "--only", "links")
    assert code == 0, out + err


def test_pagefind_indexes_the_texts_pages_in_parts_and_not_the_lists(sites):
    _, _, large = sites
    parts = sorted((large / "pagefind").glob("part-*/pagefind-entry.json"))
    assert len(parts) > 1
    counts = [sum(language["page_count"] for language in json.loads(p.read_text())
                  ["languages"].values()) for p in parts]
    texts = [p for p in large.glob("syn-*.html") if p.is_file()]
    assert sum(counts) == len(texts)
    assert all("data-pagefind-body" in p.read_text() for p in texts)
    assert "data-pagefind-body" not in (large / "persons-t.html").read_text()
    search = (large / "search.html").read_text()
    assert "pagefind/part-1/pagefind-ui.js" in search and "data-index" not in search
    listed = re.search(r'data-parts="([^"]*)"', search).group(1).split()
    assert listed == [f"pagefind/part-{n}/" for n in range(1, len(parts) + 1)]


def test_the_large_site_is_the_same_bytes_when_built_again(sites, tmp_path):
    tei, _, large = sites
    _build(tei, tmp_path / "again", LARGE)
    again = tmp_path / "again" / "html"
    files = sorted(p.relative_to(large) for p in large.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert [f for f in files if (large / f).read_bytes() != (again / f).read_bytes()] == []


@pytest.fixture
def server(sites):
    _, _, large = sites
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(large))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_the_search_box_finds_a_passage_with_pagefind_when_served(server, chromium):
    from browser import watched_page

    for page in watched_page(chromium, allowed=(server, "data:", "about:")):
        page.goto(f"{server}/search.html?q=smychka")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=20_000)
        page.wait_for_timeout(1000)  # every part's results are in
        links = page.eval_on_selector_all(".pagefind-ui__result-link",
                                          "links => links.map(a => a.getAttribute('href'))")
        # The word is in two of the four texts, so in half the copies, across the parts.
        copies = {re.search(r"syn-(\d+)", h).group(1) for h in links}
        assert len(copies) == COPIES // 2, links
        href = links[0]
        assert re.search(r"/syn-\d+(\.[\w-]+)?\.html", href), href
        page.goto(server + href if href.startswith("/") else href)
        assert "smychka" in page.inner_text("main").lower()


NEW_PAGES = ("index-2.html", "about-2.html", "persons.html", "persons-t.html",
             "persons-t-2.html", "search.html", "syn-00001.html")


def test_the_large_site_s_new_pages_are_valid_html(sites):
    import subprocess

    from browser import vnu_command

    _, _, large = sites
    done = subprocess.run([*vnu_command(), "--errors-only", *NEW_PAGES], cwd=large,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def test_axe_reports_no_violations_on_the_large_site_s_new_pages(sites, browser_page):
    from test_html_quality import axe_violations

    _, _, large = sites
    for name in NEW_PAGES[:-2]:  # the search page needs a server: above
        assert axe_violations(browser_page, (large / name).as_uri()) == [], name


def test_pagefinds_languages_are_listed_in_one_order_whatever_its_hash_map_gave(tmp_path):
    from edition.builders.html import _sort_pagefind_entry

    entry = tmp_path / "pagefind-entry.json"
    languages = {code: {"hash": f"{code}_0", "wasm": code, "page_count": 1}
                 for code in ("nl", "en", "it", "de")}
    entry.write_text(json.dumps({"version": "1", "languages": languages,
                                 "include_characters": ["_", "‿"]}, ensure_ascii=False))
    _sort_pagefind_entry(entry)
    again = json.loads(entry.read_text(encoding="utf-8"))
    assert list(again["languages"]) == ["de", "en", "it", "nl"]
    assert again["languages"]["nl"] == languages["nl"]
    assert list(again) == ["version", "languages", "include_characters"]
    assert again["include_characters"] == ["_", "‿"]
