"""No outside requests: every page type in every language, with its search opened and
its language menu shown, asks nothing of any host but the handbook's own server.

The browser runs with networking flags that keep Chromium itself quiet
(handbook.browser.CHROMIUM_ARGS), so what is left is what the pages ask for.
"""
from __future__ import annotations

import pytest

from reader_support import PAGE_TYPES, Traffic, open_search, page_path, site_path
from sites import LANGUAGES


@pytest.mark.parametrize("kind", PAGE_TYPES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_loads_only_from_the_local_server(browser, served, lang, kind):
    context = browser.new_context()
    traffic = Traffic(context, served)
    page = context.new_page()
    page.goto(served + page_path(PAGE_TYPES[kind], lang))
    open_search(page)  # the search worker, its index and its language scripts
    page.keyboard.press("Escape")
    page.locator(".md-header .md-select").hover()  # the language menu
    page.wait_for_load_state("networkidle")
    context.close()
    requested = {site_path(url, served) for url in traffic.requests if url.startswith(served)}
    assert page_path("index.md", lang) + "search/search_index.json" in requested, "the search worker ran"
    assert not traffic.outside(), f"requests to other hosts: {traffic.outside()}"
    assert not traffic.failed, f"failed requests: {traffic.failed}"
    assert not traffic.errors, f"console errors: {traffic.errors}"


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
