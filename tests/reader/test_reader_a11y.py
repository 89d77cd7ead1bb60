"""Accessibility: axe-core (npm, node_modules/axe-core, pinned in package.json) finds no
critical or serious violation on any page the build wrote, in any language (404 pages
included), nor in the states a reader reaches: every collapsible block open, a phone's
390 px viewport with the navigation drawer open, the search showing
results, the language menu open.

axe runs with its default rules: nothing is disabled. The fixes are in markup, CSS and
overrides (docs/assets/handbook.css, overrides/, hooks/).
"""
from __future__ import annotations

import json
import shutil

import pytest

from reader_support import (AXE, NARROW, axe, axe_results, blocking, built_pages, open_search, page_path, queries, reader,
                            search, start_axe)
from sites import LANGUAGES, ROOT, FixtureSite


def test_axe_is_the_pinned_npm_package():
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]
    assert AXE.is_file(), "npm install (the README's test command) installs axe-core, pinned in package.json"
    installed = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == pinned


def open_collapsibles(page) -> int:
    """Open every closed collapsible block as a reader does, by its summary; how many."""
    closed = page.locator("details:not([open]) > summary")
    count = closed.count()
    for _ in range(count):
        closed.first.click()
    assert page.locator("details:not([open])").count() == 0
    return count


def open_drawer(page) -> None:
    """Open the navigation drawer with its button (it shows the current page's section)."""
    page.locator("label.md-header__button[for=__drawer]").click()
    page.locator(".md-sidebar--primary").wait_for(state="visible")
    assert page.locator("#__drawer").is_checked()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_on_a_desktop_and_on_a_phone_with_the_drawer_open(browser, served, site, lang):
    """axe on each page the build wrote, wide and on a phone with the navigation drawer
    open (the two run side by side), then wide again with its collapsible blocks open."""
    paths = built_pages(site.site, lang)
    assert page_path("404.html", lang) in paths and page_path("index.md", lang) in paths
    (wide_context, wide), (phone_context, phone) = reader(browser), reader(browser, viewport=NARROW)
    found = {}
    for path in paths:
        wide.goto(served + path)
        phone.goto(served + path)
        open_drawer(phone)
        start_axe(wide)
        start_axe(phone)
        states = {path: axe_results(wide), f"{path} on a phone, drawer open": axe_results(phone)}
        if open_collapsibles(wide):
            states[f"{path} collapsibles open"] = axe(wide)
        found.update({state: blocking(result) for state, result in states.items() if blocking(result)})
    wide_context.close()
    phone_context.close()
    assert found == {}


def test_collapsible_blocks_open_and_closed(browser, tmp_path):
    """The handbook's pages have no collapsible block yet; the first one a contributor
    writes is checked here, with the handbook's theme, in every language."""
    from handbook.tools.browser import serve

    body = ('??? note "Before you post"\n\n    Read the [rules](#rules) once more.\n\n'
            '???+ warning "In a crisis"\n\n    Call the channel owner first.\n\n## Rules {#rules}\n\nBe kind.\n')
    fixture = FixtureSite(tmp_path, nav=["index.md"])
    shutil.copytree(ROOT / "docs" / "assets", fixture.docs / "assets")  # the handbook's styles and script
    fixture.page("index.md", "Home", body)
    build = fixture.build()
    assert build.ok, build.output
    with serve(str(build.site)) as base:
        context, page = reader(browser)
        found = {}
        for lang in LANGUAGES:
            page.goto(base + page_path("index.md", lang))
            assert page.locator("details").count() == 2
            closed = blocking(axe(page))
            assert open_collapsibles(page) == 1
            found[lang] = closed + blocking(axe(page))
        context.close()
    assert found == {lang: [] for lang in LANGUAGES}


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
