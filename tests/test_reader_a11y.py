"""Accessibility: axe-core (npm, node_modules/axe-core, pinned in package.json) injected
into every page type in every language finds no critical or serious violation, also
with the search open and showing results, and with the language menu open.

axe runs with its default rules: nothing is disabled. The fixes are in the palette and
overrides (docs/assets/handbook.css, overrides/main.html).
"""
from __future__ import annotations

import json

import pytest

from reader_support import AXE, PAGE_TYPES, WIDE, open_search, page_path, queries, search
from sites import LANGUAGES, ROOT

BLOCKING = ("critical", "serious")
AXE_URL = "http://axe.test/axe.min.js"  # answered from node_modules: a script by URL is compiled once


def axe(page) -> dict:
    """axe-core's results for the page as it is now, with its default rules."""
    page.add_script_tag(url=AXE_URL)
    return page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")


def blocking(result: dict) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
            for v in result["violations"] if v["impact"] in BLOCKING]


def test_axe_is_the_pinned_npm_package():
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]
    assert AXE.is_file(), "npm install (the README's test command) installs axe-core, pinned in package.json"
    installed = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == pinned


def reader(browser):
    """A wide page that can load axe-core."""
    context = browser.new_context(viewport=WIDE)
    context.route(AXE_URL, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    return context, context.new_page()


@pytest.mark.parametrize("kind", PAGE_TYPES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_violations(browser, served, lang, kind):
    context, page = reader(browser)
    page.goto(served + page_path(PAGE_TYPES[kind], lang))
    found = axe(page)
    context.close()
    assert not blocking(found), "\n".join(blocking(found))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_violations_with_search_results_and_language_menu(browser, served, lang):
    context, page = reader(browser)
    page.goto(served + page_path("charters/examples.md", lang))
    strings = open_search(page)
    assert search(page, queries(lang)[0][0], strings)
    dialog = page.locator(".md-search[role=dialog]")
    assert dialog.get_attribute("aria-label"), "the search dialog has a name"
    with_results = axe(page)
    checked = {rule["id"] for rule in with_results["passes"]}
    assert {"aria-dialog-name", "color-contrast", "link-in-text-block"} <= checked, "the rules that failed before ran"
    page.keyboard.press("Escape")
    page.locator(".md-header .md-select").hover()
    page.locator(".md-header .md-select__link").first.wait_for(state="visible")
    # The state axe must see: the menu fully shown (no fade is running: reduced motion).
    page.wait_for_function("() => getComputedStyle(document.querySelector('.md-header .md-select__inner')).opacity === '1'")
    with_menu = axe(page)
    context.close()
    assert not blocking(with_results), "search open:\n" + "\n".join(blocking(with_results))
    assert not blocking(with_menu), "language menu open:\n" + "\n".join(blocking(with_menu))
