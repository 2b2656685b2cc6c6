"""`edition serve`: the live preview.

In a real browser (Debian's Chromium, driven by Playwright), over a copy of the web
edition's fixtures: the page follows an edit of its TEI, shows the validator's message
while the TEI is invalid and comes back after the next valid save, where it was scrolled
to. Without a browser: the watcher, the server (what it adds to pages and what it refuses)
and the command's usage errors.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from html_site import SITE_FIXTURES

from conftest import ROOT
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


# -- the browser


@pytest.fixture
def preview(tmp_path):
    """`edition serve --port 0` over a copy of the fixtures, run as a user would (in
    tmp_path, the default output directory); yields (url, tmp_path, log, process)."""
    shutil.copytree(SITE_FIXTURES, tmp_path / "tei")
    log = tmp_path / "serve.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "edition", "serve", "--port", "0", "--source", "tei"],
            cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        found = wait_until(lambda: re.search(r"http://127\.0\.0\.1:\d+/", log.read_text()),
                           "the server's address", log)
        yield found.group(0), tmp_path, log, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_open_page_follows_edits_shows_problems_and_keeps_its_place(preview, chromium):
    from browser import watched_page
    from playwright.sync_api import expect

    url, root, log, process = preview
    letter = root / "tei" / "letter.xml"
    original = letter.read_text(encoding="utf-8")
    sentence = "The Twelfth Congress was assembled under the slogan of smychka."
    assert original.splitlines()[76].strip().startswith(f"<p>{sentence}")

    def save(replacement: str) -> None:
        letter.write_text(original.replace(sentence, replacement), encoding="utf-8")

    pages = watched_page(chromium, allowed=(url, "data:", "about:"),
                         viewport={"width": 900, "height": 300})
    page = next(pages)
    page.goto(url + "letter.html")  # may be the "building" page first: it reloads itself
    page.wait_for_selector("article#letter", timeout=WAIT_SECONDS * 1000)
    assert page.evaluate("document.documentElement.scrollHeight") > 600
    page.evaluate("window.scrollTo(0, 250)")
    place = page.evaluate("window.scrollY")
    assert place == 250

    body = page.locator("body")
    save("The Twelfth Congress was assembled, as edited in the preview.")
    expect(body).to_contain_text("as edited in the preview", timeout=WAIT_SECONDS * 1000)
    wait_until(lambda: page.evaluate("window.scrollY") == place, "the place kept", log)

    save("The Twelfth Congress <bogus>was</bogus> assembled.")
    expect(body).to_contain_text(
        re.compile(r"tei/letter\.xml:77:\d+: error: .*bogus.*\[R001\]"),
        timeout=WAIT_SECONDS * 1000)
    expect(page.locator("article#letter")).to_have_count(0)  # not the old content

    save("The Twelfth Congress was assembled, as saved again.")
    expect(body).to_contain_text("as saved again", timeout=WAIT_SECONDS * 1000)
    wait_until(lambda: page.evaluate("window.scrollY") == place,
               "the place kept across the problems page", log)
    next(pages, None)  # closes the page; fails on any request beyond the preview

    # The injected script is the server's: the files are those `edition build` writes.
    built = (root / "output" / "preview" / "html" / "letter.html").read_text(encoding="utf-8")
    assert "as saved again" in built and "__edition" not in built

    process.send_signal(signal.SIGINT)  # Ctrl-C
    assert process.wait(timeout=WAIT_SECONDS) == 0
    said = log.read_text()
    assert "edition serve: stopped" in said and "Traceback" not in said
    assert "no problems left; the pages are back" in said


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


def test_a_tree_slow_to_look_at_is_looked_at_less_often(tmp_path):
    pauses: list[float] = []

    def sleep(seconds):
        pauses.append(seconds)
        if len(pauses) == 1:
            (tmp_path / "letter.xml").write_text("saved")

    watcher = Watcher([tmp_path], poll=0.01, quiet=0.05, sleep=sleep)
    look = watcher._snapshot

    def slow_look():  # as a source of some ten thousand files would be
        time.sleep(0.02)
        return look()

    watcher._snapshot = slow_look
    assert watcher.wait() == {tmp_path / "letter.xml"}
    assert pauses[0] >= 0.9 * 0.02 * 9  # looking takes at most a tenth of the time


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


def test_the_problems_are_the_validation_errors_then_each_failure_once():
    from edition.build import BUILT, FAILED, BuildResult, UnitResult
    from edition.messages import Message
    from edition.serve.problems import of_build
    from edition.validate import Report
    from edition.xml import Location

    report = Report(messages=[
        Message(Location("tei/letter.xml", 7, 3), "error", "<bogus> is not allowed", "R001"),
        Message(Location("tei/essay.xml", 2, 1), "warning", "an endnote never called", "S061"),
    ])
    broken = "xslt/html.xsl: does not compile"
    units = [UnitResult("html:book", "html", "book", FAILED, error=broken),
             UnitResult("html:essay", "html", "essay", BUILT),
             UnitResult("html:letter", "html", "letter", FAILED, error=broken)]
    assert of_build(BuildResult(report, Path("out"), units)) == [
        "tei/letter.xml:7:3: error: <bogus> is not allowed [R001]",
        f"html book, html letter: could not be built: {broken}",
    ]


# -- the command


def test_a_port_in_use_is_a_usage_error_before_any_build(tmp_path, run_cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run_cli("serve", "--port", str(port), "--source", str(SITE_FIXTURES),
                               "--out", str(tmp_path / "out"))
    assert code == 2
    assert f"port {port} on 127.0.0.1 is in use" in err
    assert not (tmp_path / "out").exists()


def test_the_preview_must_include_the_web_edition(tmp_path, run_cli):
    code, _, err = run_cli("serve", "--format", "pdf", "--source", str(SITE_FIXTURES),
                           "--out", str(tmp_path / "out"))
    assert code == 2 and "--format must include html" in err
    code, _, err = run_cli("serve", "--format", "html,docx", "--source", str(SITE_FIXTURES))
    assert code == 2 and "unknown format 'docx'" in err


def test_the_preview_code_is_not_among_what_outputs_are_made_from():
    from edition import paths
    from edition.plan import code_files

    serve = paths.PACKAGE_DIR / "serve"
    assert (serve / "server.py").is_file()
    assert not [p for p in code_files() if serve in p.parents]


def test_a_changed_profile_is_ingested_again_into_the_preview_s_tei(tmp_path):
    from edition.ingest.profile import PROFILES_DIR
    from edition.serve.profiles import reingest

    changed = [PROFILES_DIR / "persons.toml", PROFILES_DIR / "north-1993.toml"]
    outcome = reingest(changed, tmp_path, seeds=None)
    made = tmp_path / "persons.xml"
    assert outcome.written == [made]
    assert made.read_bytes() == (ROOT / "tei" / "persons.xml").read_bytes()
    assert outcome.problems == []
    assert "profile north-1993 changed: its text is ingested again only with --seeds DIR" \
        in outcome.notes
    again = reingest(changed[:1], tmp_path, seeds=None)
    assert again.written == [] and "unchanged" in again.notes[0]


def test_a_page_closed_mid_answer_is_no_traceback_but_a_real_error_is(capsys):
    from edition.serve.server import _Server

    server = _Server.__new__(_Server)  # handle_error needs no socket
    for error, shown in ((ConnectionResetError(), False), (BrokenPipeError(), False),
                         (ValueError("a bug"), True)):
        try:
            raise error
        except Exception:
            server.handle_error(None, ("127.0.0.1", 50000))
        assert ("Traceback" in capsys.readouterr().err) is shown, error
