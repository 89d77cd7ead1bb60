"""Where the handbook is read: from a sub-path of a server (http://host/handbook/), and
offline from the file system (the HANDBOOK_OFFLINE=true build), in Chromium.

Under a sub-path, pages, search and the language switcher work from the same build,
as every link is relative. (A 404 page is served at any depth, so it needs the site's
address at build time: HANDBOOK_SITE_URL; tests/publishing/test_publishing_nginx.py serves one.)
Offline, search loads each language's index as a script and runs in Material's
iframe-worker shim, served from inside the site, not from a CDN.
"""
from __future__ import annotations

import pytest

from handbook.tools.browser import serve
from reader_support import (HEBREW_PREFIXED, PAGE_TYPES, Traffic, open_search, page_path, queries, search,
                            site_path, switch_language)
from sites import LANGUAGES, ROOT, mkdocs_build

# One page of each template (Material's page, the card, the status table) at two depths.
READ_PAGES = {kind: PAGE_TYPES[kind] for kind in ("home", "deep", "card", "status")}
SHIM = "assets/vendor/iframe-worker/shim.js"


def next_language(lang: str) -> str:
    """en -> fi -> nb -> he -> en: each language switched to and from once."""
    return LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]


# --- a sub-path -------------------------------------------------------------------

@pytest.fixture(scope="module")
def subpath(site):
    """The session's build, served at http://127.0.0.1:PORT/handbook/ (nothing outside it)."""
    with serve(str(site.site), prefix="handbook") as base:
        yield base


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_search_and_switcher_under_a_subpath(browser, subpath, lang):
    assert subpath.endswith("/handbook/")
    context = browser.new_context()
    traffic = Traffic(context, subpath)
    page = context.new_page()
    for source in READ_PAGES.values():
        page.goto(subpath + page_path(source, lang))
        assert page.locator("html").get_attribute("lang") == lang
    query, expected = queries(lang)[0]
    strings = open_search(page)
    results = [site_path(link, subpath) for link in search(page, query, strings)]
    assert results[0] == page_path(expected, lang), results
    page.keyboard.press("Escape")
    for source in ("index.md", "charters/examples.md"):  # every direction: test_reader_switcher.py
        page.goto(subpath + page_path(source, lang))
        switch_language(page, next_language(lang))
        assert page.url == subpath + page_path(source, next_language(lang))
    context.close()
    assert not traffic.outside(), traffic.outside()
    assert not traffic.failed, f"failed (outside /handbook/?): {traffic.failed}"
    assert not traffic.errors, traffic.errors


# --- offline, from the file system -------------------------------------------------------

@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    """The real handbook built once for the file system (Material's offline plugin)."""
    build = mkdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("offline") / "site",
                         env={"HANDBOOK_OFFLINE": "true"})
    assert build.ok, build.output
    return build


def file_url(build, source: str, lang: str) -> str:
    return (build.site / page_path(source, lang, directory_urls=False)).as_uri()


def test_offline_build_has_the_shim_and_an_index_script_per_language(offline):
    vendored = (ROOT / "overrides" / SHIM).read_bytes()
    npm = ROOT / "node_modules/iframe-worker/shim/index.js"
    assert npm.is_file(), "npm install (the README's test command) installs iframe-worker, pinned in package.json"
    assert npm.read_bytes() == vendored, "overrides/assets/vendor/iframe-worker/shim.js is the npm package's shim"
    assert (offline.site / SHIM).read_bytes() == vendored
    for lang in LANGUAGES:
        prefix = page_path("index.md", lang)
        html = offline.page(prefix + "index.html")
        assert 'src="' + "../" * prefix.count("/") + SHIM + '"' in html
        assert "unpkg.com" not in html
        script = (offline.site / prefix / "search/search_index.js").read_text(encoding="utf-8")
        index = (offline.site / prefix / "search/search_index.json").read_text(encoding="utf-8")
        assert script == "var __index = " + index


def test_offline_page_owner_links_reach_the_roles_page_of_their_language(offline):
    """The owner link is resolved by the build (use_directory_urls: false here), not built by hand."""
    import re
    from urllib.parse import urljoin

    checked = 0
    for page in sorted(offline.site.rglob("*.html")):
        owner = re.search(r'<aside class="hb-page-owner">.*?<a href="([^"#]+)#([\w-]+)"', page.read_text(encoding="utf-8"), re.S)
        if owner:
            target = offline.site / urljoin(page.relative_to(offline.site).as_posix(), owner.group(1))
            assert target.is_file() and f'id="{owner.group(2)}"' in target.read_text(encoding="utf-8"), (page, owner.groups())
            checked += 1
    assert checked >= 4 * 14  # every page with an owner, in every language


def test_card_pdf_writes_each_card_beside_its_page_in_the_offline_build(offline, tmp_path):
    """card.html in this layout: each PDF lands beside it, where the card's link points."""
    import shutil
    import subprocess
    import sys

    copy = tmp_path / "site"
    shutil.copytree(offline.site, copy)
    done = subprocess.run([sys.executable, "-m", "handbook.tools.cli", "-f", str(ROOT / "mkdocs.yml"), "card-pdf",
                           "--site", str(copy)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    expected = [copy / page_path("card.md", lang, directory_urls=False) for lang in LANGUAGES]
    assert done.stdout.splitlines() == [str(card.parent / f"postulates-card-{lang}.pdf")
                                        for card, lang in zip(expected, LANGUAGES)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_offline_pages_search_and_switcher_from_the_file_system(browser, offline, lang):
    root = offline.site.as_uri() + "/"
    context = browser.new_context()
    traffic = Traffic(context, root)
    page = context.new_page()
    for source in READ_PAGES.values():
        page.goto(file_url(offline, source, lang))
        assert page.locator("html").get_attribute("lang") == lang
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", \
            "Material's styles loaded"
    page.goto(file_url(offline, "charters/examples.md", lang))
    strings = open_search(page)
    typed = queries(lang)[:3] + ([(bare, expected) for bare, _, expected in HEBREW_PREFIXED[:1]] if lang == "he" else [])
    for query, expected in typed:
        results = [site_path(link, root) for link in search(page, query, strings)]
        assert results and results[0] == page_path(expected, lang, directory_urls=False), f"{query!r}: {results}"
        assert all(r.startswith(page_path("index.md", lang)) if lang != "en" else
                   not r.startswith(tuple(f"{other}/" for other in LANGUAGES[1:])) for r in results), results
    page.keyboard.press("Escape")
    for source in ("index.md", "charters/examples.md"):
        page.goto(file_url(offline, source, lang))
        switch_language(page, next_language(lang))
        assert page.url == file_url(offline, source, next_language(lang))
    context.close()
    assert not traffic.outside(), f"requests off the file system: {traffic.outside()}"
    assert not traffic.failed, traffic.failed
    assert not traffic.errors, traffic.errors
