"""`edition serve`: the live preview's watcher and server (what it adds to pages and what it
refuses)."""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from edition.serve.server import EVENTS, SCRIPT, LiveState, PreviewServer
from edition.serve.watch import Watcher

WAIT_SECONDS = 30  # a bound on waiting, never an expected time


def wait_until(condition, what: str, log: Path | None = None):
    """Poll `condition` until it gives something true; fail, saying what, after
    WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    told = f"\n--- edition serve said:\n{log.read_text()}" if log else ""
    pytest.fail(f"gave up waiting for {what}{told}")


# -- the watcher


def test_the_watcher_sees_edits_additions_and_removals_not_scratch_files(tmp_path):
    (tmp_path / "a.xml").write_text("a")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.xsl").write_text("b")
    (tmp_path / "out").mkdir()
    watcher = Watcher([tmp_path], exclude=[tmp_path / "out"])
    assert watcher.changes() == set()
    (tmp_path / "a.xml").write_text("a, edited")
    (tmp_path / "sub" / "c.css").write_text("c")
    (tmp_path / "sub" / "b.xsl").unlink()
    for scratch in (".a.xml.swp", "a.xml~", "#a.xml#", ".hidden"):
        (tmp_path / scratch).write_text("x")
    (tmp_path / "out" / "page.html").write_text("built")
    assert watcher.changes() == {tmp_path / "a.xml", tmp_path / "sub" / "c.css",
                                 tmp_path / "sub" / "b.xsl"}
    assert watcher.changes() == set()
    # A file replaced by a rename, as many editors save: same size, new inode.
    (tmp_path / "new").write_text("a, edited")
    os.replace(tmp_path / "new", tmp_path / "a.xml")
    assert watcher.changes() == {tmp_path / "a.xml"}


def test_the_watcher_waits_for_a_burst_of_saves_to_end(tmp_path):
    first, second = tmp_path / "one.xml", tmp_path / "two.xml"
    first.write_text("1")
    burst = [lambda: first.write_text("1, edited"), lambda: second.write_text("2")]

    def sleep(seconds):  # each poll, the next save of the burst, then quiet
        if burst:
            burst.pop(0)()
        time.sleep(seconds)

    watcher = Watcher([tmp_path], poll=0.01, quiet=0.05, sleep=sleep)
    assert watcher.wait() == {first, second}


def test_files_the_preview_wrote_itself_are_not_changes(tmp_path):
    tei = tmp_path / "letter.xml"
    tei.write_text("old")
    watcher = Watcher([tmp_path])
    tei.write_text("ingested again")
    watcher.accept([tei])
    assert watcher.changes() == set()


# -- the server


@pytest.fixture
def served(tmp_path):
    site = tmp_path / "html"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<!DOCTYPE html><html><head><title>T</title></head>"
                                     "<body><p>The home page.</p></body></html>")
    (site / "assets" / "edition.css").write_text("p { color: black }")
    state = LiveState()
    server = PreviewServer(site, 0, state)
    server.start()
    try:
        yield server, state, site
    finally:
        server.stop()


def fetch(url: str, host: str | None = None):
    """(status, headers, body)."""
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=WAIT_SECONDS) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_pages_get_the_live_script_and_the_files_stay_as_built(served):
    server, state, site = served
    state.publish([])
    status, headers, body = fetch(server.url)
    assert status == 200 and headers["Cache-Control"] == "no-store"
    script = (f'<script src="{SCRIPT}" data-generation="{state.generation}" defer></script>'
              "</head>")
    assert script.encode() in body and b"The home page." in body
    assert b"__edition" not in (site / "index.html").read_bytes()
    status, headers, body = fetch(server.url + "assets/edition.css")
    assert (status, body) == (200, b"p { color: black }")
    assert headers["Content-Type"].startswith("text/css")
    status, headers, body = fetch(server.url + SCRIPT.lstrip("/"))
    assert status == 200 and b"EventSource" in body and b"sessionStorage" in body


def test_while_there_are_problems_every_page_lists_them(served):
    server, state, _ = served
    state.publish(["tei/letter.xml:7:3: error: <bogus> is not allowed here [R001]"])
    for path in ("", "index.html", "a-page-not-built-yet.html"):
        status, _, body = fetch(server.url + path)
        assert status == 200
        assert b"tei/letter.xml:7:3: error: &lt;bogus&gt; is not allowed here [R001]" in body
        assert b"The home page." not in body and b"data-problems" in body
    state.publish([])
    assert b"The home page." in fetch(server.url)[2]
    assert fetch(server.url + "a-page-not-built-yet.html")[0] == 404


def test_before_the_first_build_a_missing_page_waits_for_it(served):
    server, state, _ = served
    status, _, body = fetch(server.url + "letter.html")
    assert status == 200 and b"Building the preview" in body and SCRIPT.encode() in body


def test_the_server_refuses_other_hosts_and_lists_no_directory(served):
    server, state, _ = served
    state.publish([])
    assert fetch(server.url, host="attacker.example")[0] == 403
    assert fetch(server.url, host=f"localhost:{server.port}")[0] == 200
    assert fetch(server.url + "assets/")[0] == 404
    assert server.httpd.server_address[0] == "127.0.0.1"


def test_the_event_stream_announces_each_new_generation(served):
    server, state, _ = served
    with urllib.request.urlopen(server.url + EVENTS.lstrip("/"), timeout=WAIT_SECONDS) as stream:
        assert stream.headers["Content-Type"].startswith("text/event-stream")

        def next_generation() -> str:
            while True:
                line = stream.readline().decode()
                if line.startswith("data: "):
                    return line[len("data: "):].strip()

        first = next_generation()
        assert first == state.generation
        state.publish(["a problem"])
        assert next_generation() == state.generation != first
