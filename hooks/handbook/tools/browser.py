"""Headless Chromium for the card PDFs and the browser tests.

Playwright cannot download its own browsers here, so this drives Debian's
chromium package; the flags keep Chromium from calling outside hosts.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import sys
import threading

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str:
    """CHROMIUM, else Debian's chromium-headless-shell, else its chromium.

    The headless shell is the same Chromium build without the browser's own interface,
    Playwright's default for headless runs: the browser tests' walk of every page of a
    language took 37 s with it, 44 s with chromium, and 69% of the CPU time.
    """
    path = (os.environ.get("CHROMIUM") or shutil.which("chromium-headless-shell") or shutil.which("chromium")
            or "/usr/bin/chromium")
    if not os.path.exists(path):
        raise FileNotFoundError(f"Chromium not found at {path}; install Debian's 'chromium' package or set CHROMIUM")
    return path


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: str, prefix: str = "", headers: dict | None = None):
    """Serve ``directory`` on 127.0.0.1 at ``/prefix/``, with ``headers`` on every
    response; yields the base URL."""
    handler = functools.partial(_PrefixHandler, directory=directory, prefix=prefix.strip("/"),
                                headers=dict(headers or {}))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        yield base + (prefix.strip("/") + "/" if prefix.strip("/") else "")
    finally:
        server.shutdown()
        server.server_close()


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that leaves a page drops the requests it no longer needs: not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _PrefixHandler(_QuietHandler):
    """Files of the site, mounted at /prefix/ (anything else is 404)."""

    def __init__(self, *args, prefix: str = "", headers: dict | None = None, **kwargs):
        self.prefix, self.headers_sent_always = prefix, headers or {}
        super().__init__(*args, **kwargs)

    def end_headers(self):
        for name, value in self.headers_sent_always.items():
            self.send_header(name, value)
        super().end_headers()

    def translate_path(self, path):
        if self.prefix:
            head = "/" + self.prefix
            if not (path == head or path.startswith(head + "/")):
                return os.path.join(self.directory, ".outside-prefix", "missing")  # answered with 404
            path = path[len(head):] or "/"
        return super().translate_path(path)
