"""No outside requests: every page type in every language, with its search worker
ready and its language menu shown, asks nothing of any host but the handbook's own
server, and nothing it asks for fails.

The browser runs with networking flags that keep Chromium itself quiet
(handbook.browser.CHROMIUM_ARGS), so what is left is what the pages ask for.
"""
from __future__ import annotations

import pytest

from reader_support import PAGE_TYPES, Traffic, page_path, site_path
from sites import LANGUAGES

SEARCH_READY = """() => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  return document.querySelector(".md-search-result__meta").textContent.trim()
      === config.translations["search.result.placeholder"];
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_type_loads_only_from_the_local_server(browser, served, lang):
    problems = {}
    for kind, source in PAGE_TYPES.items():
        context = browser.new_context()
        traffic = Traffic(context, served)
        page = context.new_page()
        page.goto(served + page_path(source, lang))
        page.wait_for_function(SEARCH_READY)  # the worker has loaded its scripts and the index
        page.locator(".md-header .md-select").hover()  # the language menu
        traffic.settle(page)
        context.close()
        requested = {site_path(url, served) for url in traffic.requests if url.startswith(served)}
        found = {"outside": traffic.outside(), "failed": traffic.failed, "console": traffic.errors}
        if page_path("index.md", lang) + "search/search_index.json" not in requested:
            found["index"] = ["the language's search index was not loaded"]
        if any(found.values()):
            problems[kind] = {key: value for key, value in found.items() if value}
    assert not problems, problems


def test_the_log_sees_outside_requests(browser, served):
    """Control: a request to another host is seen, even one that cannot be answered."""
    context = browser.new_context()
    traffic = Traffic(context, served)
    page = context.new_page()
    page.goto(served)
    page.evaluate("() => { const img = new Image(); img.src = 'https://cdn.example.invalid/x.png'; document.body.append(img); }")
    page.wait_for_timeout(200)
    context.close()
    assert traffic.outside() == ["https://cdn.example.invalid/x.png"]
