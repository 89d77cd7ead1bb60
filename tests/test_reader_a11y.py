"""Accessibility: axe-core (npm, node_modules/axe-core, pinned in package.json) injected
into every page type in every language finds no critical or serious violation, also
with the search open and showing results, and with the language menu open.

axe runs with its default rules: nothing is disabled. The fixes are in the palette and
overrides (docs/assets/handbook.css, overrides/main.html).
"""
from __future__ import annotations

import json

import pytest

from reader_support import AXE, PAGE_TYPES, axe, blocking, open_search, page_path, queries, reader, search
from sites import LANGUAGES, ROOT


def test_axe_is_the_pinned_npm_package():
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]
    assert AXE.is_file(), "npm install (the README's test command) installs axe-core, pinned in package.json"
    installed = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == pinned


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
