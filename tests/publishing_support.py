"""Helpers shared by the contributing, customisation and publishing tests.

The configuration is read the way MkDocs reads it (``!ENV`` resolved), so the
tests follow mkdocs.yml instead of repeating its values.
"""
from __future__ import annotations

import contextlib
import getpass
import os
import re
import shutil
import socket
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

from sites import ROOT, language


# --- URLs ------------------------------------------------------------------------

def prefix(lang: str, config: dict | None = None) -> str:
    """'' for the default language, 'fi/' for Finnish."""
    return "" if language(lang, config).get("default") else f"{lang}/"


# --- HTML ------------------------------------------------------------------------

class _Elements(HTMLParser):
    """Start tags with their attributes and the text inside them (enough for assertions)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in ("meta", "link", "img", "input", "br", "hr", "source"):
            self._open.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i]["tag"] == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data


def elements(html: str) -> list[dict]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def find(html: str, tag: str, **attrs) -> list[dict]:
    """Elements by tag and attributes; ``class_`` matches one class among several."""
    wanted_class = attrs.pop("class_", None)
    found = []
    for element in elements(html):
        if element["tag"] != tag:
            continue
        if wanted_class and wanted_class not in element["attrs"].get("class", "").split():
            continue
        if all(element["attrs"].get(k) == v for k, v in attrs.items()):
            found.append(element)
    return found


# --- Content-Security-Policy ---------------------------------------------------------

def parse_csp(value: str) -> dict[str, list[str]]:
    """'default-src 'none'; script-src 'self' ...' -> {'default-src': ["'none'"], ...}."""
    policy = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            policy[words[0].lower()] = words[1:]
    return policy


def shipped_csp() -> str:
    """The Content-Security-Policy value in deploy/nginx/snippets/handbook-headers.conf."""
    text = (NGINX_DIR / "snippets" / "handbook-headers.conf").read_text(encoding="utf-8")
    found = re.findall(r'^\s*add_header\s+Content-Security-Policy\s+"([^"]+)"\s+always;', text, re.M)
    assert len(found) == 1, "one Content-Security-Policy line in handbook-headers.conf"
    return found[0]


# --- nginx ------------------------------------------------------------------------

NGINX_DIR = ROOT / "deploy" / "nginx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def substitute(text: str, replacements: dict[str, str]) -> str:
    """Replace each marker exactly once, so a changed example config fails loudly."""
    for old, new in replacements.items():
        count = text.count(old)
        assert count == 1, f"expected {old!r} once in the nginx example, found it {count} times"
        text = text.replace(old, new)
    return text


def nginx_main_conf(server_blocks: str, work: Path) -> str:
    """A minimal nginx.conf around the shipped server block(s), with every path in ``work``."""
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    mime = "/etc/nginx/mime.types"
    return (
        f"{user}worker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log warn;\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        f"  include {mime};\n  default_type application/octet-stream;\n"
        f"  access_log {work}/access.log;\n"
        f"  client_body_temp_path {work}/body;\n  proxy_temp_path {work}/proxy;\n"
        f"  fastcgi_temp_path {work}/fastcgi;\n  uwsgi_temp_path {work}/uwsgi;\n  scgi_temp_path {work}/scgi;\n"
        f"{server_blocks}\n"
        "}\n"
    )


@contextlib.contextmanager
def run_nginx(conf_text: str, work: Path, port: int):
    """Start Debian's nginx in the foreground on a generated config listening on
    127.0.0.1:``port``; yield its base URL; stop it."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert os.path.exists(nginx), "nginx is not installed (the README's test command installs it)"
    conf = work / "nginx.conf"
    conf.write_text(conf_text, encoding="utf-8")
    test = subprocess.run([nginx, "-t", "-c", str(conf), "-p", str(work), "-e", str(work / "error.log")],
                          capture_output=True, text=True)
    assert test.returncode == 0, f"nginx -t failed:\n{test.stderr}\n{conf_text}"
    process = subprocess.Popen([nginx, "-c", str(conf), "-p", str(work), "-e", str(work / "error.log"),
                                "-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_port(port: int, process: subprocess.Popen) -> None:
    """Until nginx accepts connections (or has exited, which fails with its error output)."""
    for _ in range(200):
        if process.poll() is not None:
            raise AssertionError("nginx exited: " + process.stderr.read().decode(errors="replace"))
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nginx did not listen on 127.0.0.1:{port}")


def http_get(url: str, headers: dict | None = None):
    """(status, headers, body) without following redirects; errors are answers too."""
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


# --- the browser -------------------------------------------------------------------

# Injected by Playwright before any page script runs (so not subject to the page's CSP):
# records Content-Security-Policy violations, and notices when Material's search
# worker reports its index ready (message type 1), since a query typed earlier is dropped.
WATCH_SCRIPT = """
window.__hb = {violations: [], searchReady: false};
document.addEventListener("securitypolicyviolation", (e) => window.__hb.violations.push(
  e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber));
(() => {
  const Native = window.Worker;
  if (!Native) return;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        if (e.data && e.data.type === 1) {
          window.__hb.searchReady = true;
          document.documentElement.setAttribute("data-hb-search-ready", "");
        }
      });
    }
  };
})();
"""


def watch(page) -> list[str]:
    """Watch a Playwright page from its next navigation; returns the console's CSP complaints."""
    complaints: list[str] = []
    page.add_init_script(WATCH_SCRIPT)
    page.on("console", lambda m: complaints.append(m.text)
            if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text else None)
    return complaints


def violations(page) -> list[str]:
    return page.evaluate("() => window.__hb ? window.__hb.violations : ['page not watched']")


def search(page, query: str) -> list[tuple[str, str]]:
    """Type into Material's search box once its worker is ready; (href, text) of the results.

    The page must be watched (``watch(page)`` before ``goto``)."""
    # A DOM attribute, not wait_for_function: the CSP forbids the eval that would need.
    page.locator("html[data-hb-search-ready]").wait_for(state="attached")
    box = page.locator("input.md-search__input")
    box.click()
    # The whole query at once: typed letter by letter, each prefix's results would
    # show and be replaced while they are read. Material reads the box on a key event.
    box.fill(query)
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    # One read of the whole list, so no result can be replaced between two reads.
    return [tuple(link) for link in page.locator(".md-search-result__link").evaluate_all(
        "links => links.map(a => [a.getAttribute('href'), a.innerText])")]
