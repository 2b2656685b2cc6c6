"""The preview's web server: the built web edition on 127.0.0.1, reloaded as it is rebuilt.

The standard library's ThreadingHTTPServer serves the files the build wrote, as they are on
disk; the build replaces each file by an atomic rename, so a page is always one build's
whole page. Two things are added at serve time, never to the files (so the preview's
outputs stay byte-identical to `edition build`'s):

- every HTML page gets a script (`live.js`) that listens to `/__edition/events`, a stream
  of Server-Sent Events announcing each new state of the preview (a *generation*), and
  reloads the page when it differs from the one the page was served in, keeping its scroll
  position;
- while the last build left problems (an invalid text, a failed output), every HTML page is
  the list of those problems instead (problems.py).

Only 127.0.0.1 is bound, and requests that name another host are refused (a web page
elsewhere cannot reach the preview through a DNS name it controls).
"""

from __future__ import annotations

import errno
import secrets
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from edition.errors import UsageError
from edition.serve import problems as pages

HOST = "127.0.0.1"
EVENTS = "/__edition/events"
SCRIPT = "/__edition/live.js"
LIVE_JS = Path(__file__).with_name("live.js")
#: An event stream with nothing to say writes a comment this often (seconds), which is how a
#: closed connection is noticed and its thread ends.
KEEPALIVE_SECONDS = 10.0
_LOCAL_NAMES = {HOST, "localhost"}


class LiveState:
    """What the pages are served from: a generation token, the problems, and whether the
    first build is done. Changed by the build loop, read by the request threads."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._boot = secrets.token_hex(4)  # a new server's pages are never taken as current
        self._count = 0
        self.problems: list[str] = []
        self.ready = False
        self.stopping = False

    @property
    def generation(self) -> str:
        return f"{self._boot}-{self._count}"

    def publish(self, problems: list[str]) -> None:
        """A new state: pages served before it reload."""
        with self._changed:
            self.problems = list(problems)
            self.ready = True
            self._count += 1
            self._changed.notify_all()

    def stop(self) -> None:
        with self._changed:
            self.stopping = True
            self._changed.notify_all()

    def wait_for_change(self, shown: str | None, timeout: float) -> str | None:
        """The generation once it differs from `shown` (or after `timeout`); None when the
        server stops."""
        with self._changed:
            self._changed.wait_for(lambda: self.stopping or self.generation != shown, timeout)
            return None if self.stopping else self.generation


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A page closed or reloaded while a file was on its way is no error of ours; the
        # standard server would print a traceback into the editor's terminal.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class PreviewServer:
    """Binds at once (a port in use is a usage error, before any build); serves from a
    thread once started."""

    def __init__(self, directory: Path, port: int, state: LiveState):
        self.state = state
        handler = partial(PreviewHandler, directory=str(directory), state=state)
        try:
            self.httpd = _Server((HOST, port), handler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(
                    f"port {port} on {HOST} is in use: stop what serves there, or choose "
                    "another port (--port N; --port 0 takes any free one)"
                ) from None
            raise UsageError(f"cannot serve on {HOST}:{port}: {exc.strerror}") from None
        self.port = self.httpd.server_address[1]
        self.url = f"http://{HOST}:{self.port}/"
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        # A short poll interval: Ctrl-C stops the server within a tenth of a second.
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.1,),
                                        name="edition-serve", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End the event streams, stop accepting requests, close the socket."""
        self.state.stop()
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join()
        self.httpd.server_close()


class PreviewHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".css": "text/css",
        ".woff2": "font/woff2",
        ".json": "application/json",
    }

    def __init__(self, *args, state: LiveState, **kwargs):
        self.state = state
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def _respond(self, with_body: bool) -> None:
        if not self._from_here():
            self.send_error(HTTPStatus.FORBIDDEN, "the preview answers to 127.0.0.1 only")
            return
        route = urlsplit(self.path).path
        if route == EVENTS:
            if with_body:
                self._events()
            else:
                self._send(b"", "text/event-stream; charset=utf-8", with_body)
            return
        if route == SCRIPT:
            self._send(LIVE_JS.read_bytes(), "text/javascript; charset=utf-8", with_body)
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not route.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", route + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        if target.suffix in (".html", ".htm"):
            self._page(target, with_body)
        elif with_body:
            super().do_GET()
        else:
            super().do_HEAD()

    def _page(self, target: Path, with_body: bool) -> None:
        state = self.state
        if state.problems:
            body = pages.problems_page(state.problems, self._script(problems=True))
        else:
            try:
                body = inject(target.read_bytes(), self._script())
            except OSError:
                if state.ready:
                    self.send_error(HTTPStatus.NOT_FOUND, "no such page in the preview")
                    return
                body = pages.building_page(self._script(problems=True))
        self._send(body, "text/html; charset=utf-8", with_body)

    def _script(self, problems: bool = False) -> str:
        marker = " data-problems" if problems else ""
        return (f'<script src="{SCRIPT}" data-generation="{self.state.generation}"{marker} '
                "defer></script>")

    def _send(self, body: bytes, content_type: str, with_body: bool) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _events(self) -> None:
        """The event stream: the current generation at once, then each new one."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        self.close_connection = True
        shown = None
        try:
            self.wfile.write(b"retry: 500\n\n")  # a restarted server is found again quickly
            while True:
                generation = self.state.wait_for_change(shown, KEEPALIVE_SECONDS)
                if generation is None:
                    return
                if generation != shown:
                    self.wfile.write(f"event: generation\ndata: {generation}\n\n".encode())
                    shown = generation
                else:
                    self.wfile.write(b": waiting\n\n")
        except (BrokenPipeError, ConnectionResetError):
            return  # the page was closed or reloaded

    def end_headers(self) -> None:
        # Every answer is of now: a stylesheet or page from the cache would hide an edit.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND, "no such page in the preview")
        return None

    def _from_here(self) -> bool:
        host = self.headers.get("Host")
        if host is None:
            return True
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name.lower() in _LOCAL_NAMES

    def log_message(self, format: str, *args) -> None:
        """Requests are not logged: the terminal is for the builds."""


def inject(page: bytes, script: str) -> bytes:
    """The page with the live-reload script at the end of its head."""
    tag = script.encode("utf-8")
    at = page.lower().find(b"</head>")
    if at < 0:
        return page + tag
    return page[:at] + tag + page[at:]
