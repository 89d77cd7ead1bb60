"""What the reader tests share: page types and their URLs, Material's search box, and a
log of what a page asked the network for and printed on its console.

The tests drive Material's own interface in Chromium (tests/reader/).
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from handbook.core.source import split_front_matter
from sites import LANGUAGES, ROOT

# The page types a reader meets, by their source in the default language.
PAGE_TYPES = {
    "home": "index.md",
    "content": "roles.md",
    "deep": "charters/examples.md",
    "card": "card.md",
    "status": "translation-status.md",
    "glossary": "glossary.md",
    "404": "404.html",
}
DEEP_PAGES = ("charters/examples.md", "charters/template.md")

# Words a reader of each language would type, and the page that should come first.
QUERIES = {
    "en": [("crisis", "safety.md"), ("small talk", "working-differently.md"),
           ("pitfalls", "roles.md"), ("learning path", "learning-path.md"), ("template", "charters/template.md")],
    "fi": [("kriisiviestintä", "safety.md"), ("oppimispolku", "learning-path.md"),
           ("sudenkuopat", "roles.md"), ("jutustelu", "working-differently.md"), ("pohja", "charters/template.md")],
    "nb": [("risiko", "safety.md"), ("læringssti", "learning-path.md"),
           ("fallgruver", "roles.md"), ("småprat", "working-differently.md"), ("mal", "charters/template.md")],
    "he": [("סיכונים", "safety.md"), ("משבר", "safety.md"),
           ("חולין", "working-differently.md"), ("מסלול למידה", "learning-path.md"), ("מלכודות", "roles.md"),
           ("תבנית", "charters/template.md")],
}


def queries(lang: str) -> list[tuple[str, str]]:
    """What a reader of ``lang`` types and the page that should come first: the words
    above for the languages they cover, for any other language (one added as
    CONTRIBUTING.md says) the titles of a few of its pages."""
    if lang in QUERIES:
        return QUERIES[lang]
    found = []
    for source in ("safety.md", "learning-path.md", "roles.md", "charters/template.md"):
        path = source if lang == LANGUAGES[0] else source[:-3] + f".{lang}.md"
        title = split_front_matter((ROOT / "docs" / path).read_text(encoding="utf-8")).data["title"]
        found.append((title, source))
    return found


# Hebrew words that the page has only with a prefix attached (ב, ו, ה, ל + the word).
HEBREW_PREFIXED = [
    ("טכנולוגיה", "לטכנולוגיה", "adoption.md"),    # to technology
    ("מחלקה", "במחלקה", "adoption.md"),            # in a department
    ("קריירה", "לקריירה", "roles.md"),             # to a career
    ("כבישים", "בכבישים", "charters/examples.md"),  # on roads
]

# A bare Hebrew word and the same word typed with attached prefixes: "the", "and", "to" risks.
HEBREW_WITH_PREFIXES = [("סיכונים", ("הסיכונים", "והסיכונים", "לסיכונים"))]

WIDE = {"width": 1400, "height": 1000}  # wide enough for both sidebars (Material: 76.25em)
NARROW = {"width": 390, "height": 844}   # a phone: the navigation is a drawer
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "http://axe.test/axe.min.js"  # answered from node_modules: a script by URL is compiled once
BLOCKING = ("critical", "serious")


# --- URLs ------------------------------------------------------------------------

def page_path(source: str, lang: str, *, directory_urls: bool = True) -> str:
    """A page's path in the built site: ('charters/examples.md', 'fi') -> 'fi/charters/examples/'.

    Without directory URLs (the offline build): 'fi/charters/examples.html'.
    """
    prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
    if source.endswith(".html"):
        return prefix + source
    stem = source[: -len(".md")]
    if not directory_urls:
        return prefix + stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return prefix + stem[: -len("index")]
    return prefix + stem + "/"


def built_pages(site_dir: Path, lang: str) -> list[str]:
    """Every page the build wrote in ``lang``, as paths in the site ('fi/roles/', 'fi/404.html'):
    found in the built site, not listed, so a new page is checked without editing a test."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith("assets/") or html_lang(path.read_text(encoding="utf-8")) != lang:
            continue
        pages.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return pages


def site_path(url: str, base: str) -> str:
    """The path of ``url`` inside the site served at ``base``, without query or fragment."""
    path = unquote(urlsplit(url).path)
    root = unquote(urlsplit(base).path)
    assert path.startswith(root), f"{url} is outside the site at {base}"
    return path[len(root):]


def html_lang(html: str) -> str:
    return re.search(r'<html[^>]*\blang="([^"]+)"', html).group(1)


# --- the network and the console -------------------------------------------------

class Traffic:
    """Every request of a browser context (its pages and their workers), failed
    responses, and console errors, from the moment it is attached."""

    def __init__(self, context, *allowed: str):
        self.allowed = allowed  # URL prefixes that are the site itself
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self._pending: set = set()
        context.on("request", self._request)
        context.on("response", self._response)
        context.on("requestfinished", lambda request: self._pending.discard(request))
        context.on("requestfailed", self._request_failed)
        context.on("console", self._console)
        context.on("weberror", lambda error: self.errors.append(str(error.error)))

    def outside(self) -> list[str]:
        """Requests to anything but the site (data: and blob: URLs are the page's own)."""
        return [url for url in self.requests
                if not url.startswith(self.allowed) and not url.startswith(("data:", "blob:", "about:"))]

    def settle(self, page, timeout: float = 10.0) -> None:
        """Wait until every request made so far has been answered (or has failed)."""
        for _ in range(int(timeout / 0.02)):
            if not self._pending:
                return
            page.wait_for_timeout(20)
        raise AssertionError(f"requests still unanswered: {[r.url for r in self._pending]}")

    def _request(self, request):
        self.requests.append(request.url)
        self._pending.add(request)

    def _request_failed(self, request):
        self._pending.discard(request)
        if request.failure != "net::ERR_ABORTED":  # cut short by leaving the page: not a failure
            self.failed.append(f"{request.url} ({request.failure})")

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.url} ({response.status})")

    def _console(self, message):
        if message.type == "error":
            self.errors.append(message.text)


# --- Material's language switcher ------------------------------------------------------

def switch_language(page, lang: str) -> None:
    """Choose ``lang`` in the header's language menu, as a reader does, and wait for the page."""
    page.locator(".md-header .md-select").hover()
    link = page.locator(f".md-header .md-select__link[hreflang={lang}]")
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state()


# --- Material's search ----------------------------------------------------------------

def open_search(page) -> dict:
    """Open Material's search and wait until its worker has built the index.

    Until then the result area reads "Initializing search"; once the index is
    built, the worker answers the empty query and it reads "Type to start searching".
    Returns Material's search strings in the page's language.
    """
    strings = page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations")
    page.locator("input.md-search__input").click()
    _wait_for_meta(page, "==", strings["search.result.placeholder"])
    return strings


def search(page, query: str, strings: dict) -> list[str]:
    """The links of every result of ``query``: each page's, then its sections', best first.

    The box goes back to empty first, so that the next answer is this query's.
    Material shows ten results and the rest as the list is scrolled: all are shown.
    """
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")  # Material reads the box on keyup
    _wait_for_meta(page, "==", strings["search.result.placeholder"])
    box.fill(query)
    box.press("End")
    _wait_for_meta(page, "!=", strings["search.result.placeholder"])
    count = result_count(page.locator(".md-search-result__meta").inner_text(), strings)
    items = page.locator(".md-search-result__item")
    for _ in range(50):
        if items.count() >= count:
            break
        page.locator(".md-search__scrollwrap").evaluate("e => { e.scrollTop = 0; e.scrollTop = e.scrollHeight }")
        page.wait_for_timeout(50)
    assert items.count() == count, f"{query!r}: {count} results announced, {items.count()} shown"
    return page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")


def result_count(meta: str, strings: dict) -> int:
    """The number of results Material announces ('7 matching documents')."""
    meta = meta.strip()
    if meta == strings["search.result.none"]:
        return 0
    if meta == strings["search.result.one"]:
        return 1
    pattern = re.escape(strings["search.result.other"]).replace("\\#", "#").replace("#", r"(\d+)")
    found = re.fullmatch(pattern, meta)
    assert found, f"unexpected search message {meta!r}"
    return int(found.group(1))


def _wait_for_meta(page, op: str, text: str) -> None:
    page.wait_for_function(
        f"t => document.querySelector('.md-search-result__meta').textContent.trim() {op}= t", arg=text)


# --- right to left -------------------------------------------------------------------

# For each stretch of Latin script or digits in ``selector``, whether its characters
# are laid out left to right: whole elements in Latin script inside a right-to-left
# element (a link, code, a table cell, a footer line) with their punctuation, and
# inside mixed text each run from its first to its last letter or digit.
# Characters on different lines are not compared.
LATIN_LAYOUT = r"""
(selector) => {
  const hebrew = /[\u0590-\u05FF]/, latin = /[A-Za-z0-9\u00C0-\u024F]/;
  const visible = e => e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const boxes = (node, from, to) => {
    const out = [];
    for (let i = from; i < to; i++) {
      if (/\s/.test(node.data[i])) continue;
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (rect && rect.width) out.push({x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, c: node.data[i]});
    }
    return out;
  };
  const leftToRight = chars => chars.every((c, i) => i === 0 || Math.abs(c.y - chars[i - 1].y) > 4 || c.x > chars[i - 1].x);
  const results = [];
  const scope = document.querySelector(selector);
  // Whole elements in Latin script inside Hebrew
  for (const el of scope.querySelectorAll("a, code, kbd, td, th, li, p, div, span, small, strong, em")) {
    const text = el.textContent;
    if (!latin.test(text) || hebrew.test(text) || !el.parentElement) continue;
    if (getComputedStyle(el.parentElement).direction !== "rtl") continue;
    if (!visible(el)) continue;
    const chars = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n; (n = walker.nextNode());) chars.push(...boxes(n, 0, n.data.length));
    if (chars.length) results.push({text: text.trim().replace(/\s+/g, " "), ok: leftToRight(chars)});
  }
  // Runs of Latin script and digits inside Hebrew text
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  const run = /[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F .,:@\/-]*[A-Za-z0-9\u00C0-\u024F])?/g;
  for (let n; (n = walker.nextNode());) {
    if (!hebrew.test(n.data) || !visible(n.parentElement)) continue;
    for (const m of n.data.matchAll(run)) {
      const chars = boxes(n, m.index, m.index + m[0].length);
      if (chars.length) results.push({text: m[0], ok: leftToRight(chars)});
    }
  }
  return results;
}
"""


# --- axe-core ----------------------------------------------------------------------

def reader(browser, viewport: dict | None = None):
    """A page (wide unless ``viewport`` says otherwise) that can load axe-core."""
    context = browser.new_context(viewport=viewport or WIDE)
    context.route(AXE_URL, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    return context, context.new_page()


def axe(page) -> dict:
    """axe-core's results for the page as it is now, with its default rules."""
    start_axe(page)
    return axe_results(page)


def start_axe(page) -> None:
    """Start axe-core on the page as it is now, without waiting: pages of different
    browser contexts run it side by side, in their own processes."""
    page.add_script_tag(url=AXE_URL)
    page.evaluate("() => { window.__axeRun = axe.run(document, {resultTypes: ['violations']}); }")


def axe_results(page) -> dict:
    """The results of the run start_axe() started."""
    return page.evaluate("() => window.__axeRun")


def blocking(result: dict) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
            for v in result["violations"] if v["impact"] in BLOCKING]
