"""The language switcher in Chromium: from any page, the chosen language's same page
(or its not-yet-translated notice), in every direction, without failed requests.

Material fetched a sitemap.xml beside every <link rel="alternate"> (404s on every page);
the head no longer has those links (overrides/main.html), and the switcher's links are
relative to the page, also on the language homes (hooks/switcher.py).
"""
from __future__ import annotations

import re
import shutil
from urllib.parse import urljoin, urlsplit

import pytest

from handbook.tools.browser import serve
from handbook.core.translations import source_version
from publishing_support import find
from reader_support import DEEP_PAGES, Traffic, page_path, site_path, switch_language
from sites import LANGUAGES, ORGANISATION, ROOT, FixtureSite, page_text

SOURCES = sorted(str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md") if p.name.count(".") == 1)


def every_direction(languages) -> list[str]:
    """A walk through the languages that switches once from each to each other one."""
    left = {lang: [other for other in languages if other != lang] for lang in languages}
    walk, stack = [], [languages[0]]
    while stack:  # Hierholzer's algorithm: every switch is an edge, used once
        if left[stack[-1]]:
            stack.append(left[stack[-1]].pop(0))
        else:
            walk.append(stack.pop())
    return walk[::-1]


def test_the_walk_switches_in_every_direction():
    walk = every_direction(LANGUAGES)
    pairs = list(zip(walk, walk[1:]))
    assert sorted(pairs) == sorted((a, b) for a in LANGUAGES for b in LANGUAGES if a != b)


@pytest.mark.parametrize("source", DEEP_PAGES)
def test_switching_lands_on_the_same_page_in_every_direction(served, browser, source):
    context = browser.new_context()
    traffic = Traffic(context, served)
    page = context.new_page()
    walk = every_direction(LANGUAGES)
    page.goto(served + page_path(source, walk[0]))
    for lang, target in zip(walk, walk[1:]):
        switch_language(page, target)
        assert site_path(page.url, served) == page_path(source, target), f"{lang} -> {target}"
        assert page.locator("html").get_attribute("lang") == target
        assert page.locator("[data-translation-state]").count() == 0
    assert not traffic.failed, f"failed requests (sitemaps beside alternate links?): {traffic.failed}"
    assert not traffic.errors, traffic.errors
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_pages_switcher_links_to_the_same_page(site, lang):
    for source in SOURCES:
        path = page_path(source, lang)
        links = find(site.page(path), "a", class_="md-select__link")
        assert sorted(link["attrs"]["hreflang"] for link in links) == sorted(LANGUAGES), path
        for link in links:
            href = link["attrs"]["href"]
            assert not href.startswith(("/", "http")), f"{path}: {href} works only at one address"
            target = urljoin("http://host/handbook/" + path, href)
            assert target == "http://host/handbook/" + page_path(source, link["attrs"]["hreflang"]), path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_pages_switch_to_the_language_homes(site, lang):
    """A 404 page is served at any depth: its switcher links are absolute, from site_url."""
    links = find(site.page(page_path("404.html", lang)), "a", class_="md-select__link")
    assert {link["attrs"]["hreflang"]: link["attrs"]["href"] for link in links} == {
        target: urlsplit(ORGANISATION["intranet_url"]).path + page_path("index.md", target) for target in LANGUAGES}


def test_no_alternate_links_in_the_head(site):
    """Material fetches a sitemap.xml beside each; the sitemaps list the alternates instead."""
    for path in site.site.rglob("*.html"):
        assert not find(path.read_text(encoding="utf-8"), "link", rel="alternate"), path
    sitemap = (site.site / "he/sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r'<xhtml:link rel="alternate" hreflang="fi" href="[^"]*/fi/charters/examples/"/>', sitemap)


def test_switching_to_an_untranslated_page_shows_its_notice(tmp_path, browser):
    fixture = FixtureSite(tmp_path)
    shutil.copytree(ROOT / "docs" / "assets", fixture.docs / "assets")  # the logo and styles mkdocs.yml names
    fixture.page("index.md", "Home", "Read [the other page](other.md).\n")
    original = page_text("Other", "Some text.\n", extra="untranslated: [nb, he]\n")
    fixture.write("other.md", original)
    fixture.write("other.fi.md", page_text("Toinen", "Tekstiä.\n", extra=f'source_hash: "{source_version(original)}"\n'))
    build = fixture.build()
    assert build.ok, build.output
    context = browser.new_context()
    page = context.new_page()
    with serve(str(build.site)) as base:
        traffic = Traffic(context, base)
        for lang, target in (("fi", "nb"), ("fi", "he"), ("he", "fi"), ("nb", "en")):
            page.goto(base + page_path("other.md", lang))
            switch_language(page, target)
            assert site_path(page.url, base) == page_path("other.md", target)
            assert page.locator("html").get_attribute("lang") == target
            notice = page.locator("[data-translation-state=untranslated]")
            assert notice.count() == (1 if target in ("nb", "he") else 0), f"{lang} -> {target}"
            if target in ("nb", "he"):
                assert notice.is_visible()
        assert not traffic.failed and not traffic.errors, traffic.failed + traffic.errors
    context.close()
