"""Search in Chromium, in every language: native queries find the expected page first,
and only pages of the reader's language; Hebrew words are found with and without attached prefixes.

Material's own search box and worker are driven as a reader would; each language's
pages search that language's index (hooks/language_roots.py, overrides/main.html).
"""
from __future__ import annotations

import json
import re

import pytest

from handbook.core.search import index_settings, language_index, unprefixed_words
from handbook.core.switcher import site_relative
from reader_support import (HEBREW_PREFIXED, HEBREW_WITH_PREFIXES, Traffic, queries, html_lang, open_search,
                            page_path, search, site_path, switch_language)
from sites import LANGUAGE_SETTINGS, LANGUAGES


def result_pages(links: list[str], base: str) -> list[str]:
    """Result links as site paths of their pages, in order, each once."""
    pages: list[str] = []
    for link in links:
        path = site_path(link, base)
        if path not in pages:
            pages.append(path)
    return pages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_native_queries_find_the_page_first_and_only_this_language(site, served, browser, lang):
    context = browser.new_context()
    traffic = Traffic(context, served)
    page = context.new_page()
    page.goto(served + page_path("charters/examples.md", lang))
    strings = open_search(page)
    for query, expected in queries(lang):
        pages = result_pages(search(page, query, strings), served)
        assert pages, f"{lang}: {query!r} found nothing"
        assert pages[0] == page_path(expected, lang), f"{lang}: {query!r} -> {pages}"
        others = [p for p in pages if html_lang(site.page(p)) != lang]
        assert not others, f"{lang}: {query!r} found pages of another language: {others}"
    indexes = [site_path(url, served) for url in traffic.requests if url.endswith("search_index.json")]
    assert indexes == [page_path("index.md", lang) + "search/search_index.json"], "the language's own index"
    assert not traffic.failed and not traffic.errors, traffic.failed + traffic.errors
    context.close()


def test_hebrew_words_are_found_with_and_without_attached_prefixes(site, served, page):
    """A bare word finds pages that write it only with a prefix attached. A word typed with
    prefixes finds the bare word's pages, each once (one with the form as typed may rank
    higher), and no result calls it missing (docs/assets/search-prefixes.js)."""
    index = json.loads((site.site / "he/search/search_index.json").read_text(encoding="utf-8"))
    page.goto(served + page_path("roles.md", "he"))
    strings = open_search(page)
    found = {}
    for bare, written, expected in HEBREW_PREFIXED:
        text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]
                        if doc["location"].split("#")[0] == page_path(expected, "en"))
        assert re.search(rf"(?<![\u05d0-\u05ea]){written}", text), f"the page writes {written}"
        assert not re.search(rf"(?<![\u05d0-\u05ea]){bare}", text), f"the page never starts a word with {bare}"
        found[bare] = result_pages(search(page, bare, strings), served)
        assert found[bare] and found[bare][0] == page_path(expected, "he"), f"{bare!r} -> {found[bare]}"
    pairs = [(bare, written) for bare, written, _ in HEBREW_PREFIXED]
    pairs += [(bare, written) for bare, forms in HEBREW_WITH_PREFIXES for written in forms]
    for bare, written in pairs:
        if bare not in found:
            found[bare] = result_pages(search(page, bare, strings), served)
        pages = result_pages(search(page, written, strings), served)
        assert sorted(pages) == sorted(found[bare]), f"{written!r} -> {pages}, {bare!r} -> {found[bare]}"
        assert page.locator(".md-search-result__terms").count() == 0, f"{written!r}: a result says it is missing"
    typed = ["הסיכונים", "כבישים"]  # pages with one of them: "Missing" names the other, never a form of it
    search(page, " ".join(typed), strings)
    missing = page.locator(".md-search-result__terms del").evaluate_all("dels => dels.map(d => d.textContent)")
    assert missing and set(missing) <= set(typed), missing


def test_hebrew_search_messages_read_naturally(served, page):
    """Material's Hebrew "מסמך1 תואם" glues the number to the word (extra.interface_strings)."""
    page.goto(served + "he/")
    strings = open_search(page)
    search(page, "טכנולוגיה", strings)  # on one page only
    assert page.locator(".md-search-result__meta").inner_text().strip() == "מסמך תואם אחד"
    search(page, "תמצאו", strings)  # on two
    assert page.locator(".md-search-result__meta").inner_text().strip() == "2 מסמכים תואמים"


def test_other_languages_pages_only_after_switching(served, page):
    """A Norwegian word on an English page finds no Norwegian page; in Norwegian it does."""
    page.goto(served + page_path("charters/examples.md", "en"))
    strings = open_search(page)
    assert not [p for p in result_pages(search(page, "risiko", strings), served) if p.startswith("nb/")]
    page.keyboard.press("Escape")
    switch_language(page, "nb")
    assert page.url == served + page_path("charters/examples.md", "nb")
    strings = open_search(page)
    assert result_pages(search(page, "risiko", strings), served)[0] == page_path("safety.md", "nb")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_index_holds_its_language_with_its_settings(site, lang):
    prefix = page_path("index.md", lang)
    index = json.loads((site.site / prefix / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [LANGUAGE_SETTINGS[lang].extra["search_lang"]]
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert pages and all(html_lang(site.page(prefix + p)) == lang for p in pages)
    prefixes = bool(LANGUAGE_SETTINGS[lang].extra.get("search_prefixes"))
    assert ("title_unprefixed" in index["config"]["fields"]) == prefixes
    assert ("assets/search-prefixes.js" in site.page(prefix)) == prefixes, "only its pages widen queries"


# --- the functions behind it -------------------------------------------------------------

def test_unprefixed_words():
    assert unprefixed_words("<p>ולהנהלה, (בדף) שלב A4</p>", "והבל") == ["להנהלה", "הנהלה", "נהלה", "דף"]
    assert unprefixed_words("<p>ב</p><p>בית</p>", "ב") == ["ית"]
    assert unprefixed_words("<p>Hello world</p>", "") == []


def test_language_index_takes_the_languages_settings():
    data = {"config": {"lang": ["en"], "separator": "[\\s]+", "pipeline": ["stopWordFilter"],
                       "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
            "docs": [{"location": "he/x/", "title": "הבטיחות", "text": "<p>ולמידה</p>"},
                     {"location": "x/", "title": "Safety", "text": ""}]}
    extra = {"search_lang": "he", "search_separator": "[\\s\\-]+", "search_pipeline": [],
             "search_prefixes": ["ו", "ה", "ל"], "strings": {}}
    index = language_index(data, "he/", **index_settings(extra))
    assert index["config"] == {"lang": ["he"], "separator": "[\\s\\-]+", "pipeline": [],
                               "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0},
                                          "title_unprefixed": {"boost": 1000.0}, "text_unprefixed": {"boost": 1.0}}}
    assert index["docs"] == [{"location": "x/", "title": "הבטיחות", "text": "<p>ולמידה</p>",
                              "title_unprefixed": "בטיחות", "text_unprefixed": "למידה מידה"}]
    assert index_settings({"search_lang": "fi", "search_separator": ""}) == {"search_lang": "fi"}


def test_switcher_links_relative_to_the_site():
    assert site_relative("/fi/", "http://127.0.0.1:8000/") == "fi/"
    assert site_relative("/", "http://127.0.0.1:8000/") == "./"
    assert site_relative("/handbook/he/index.html", "https://intranet.example/handbook/") == "he/index.html"
    assert site_relative("/handbook/", "https://intranet.example/handbook") == "./"
    assert site_relative("../../roles/", "http://x/") == "../../roles/"
    assert site_relative("https://other.example/fi/", "http://x/") == "https://other.example/fi/"
    assert site_relative("/elsewhere/", "http://x/handbook/") == "/elsewhere/"
