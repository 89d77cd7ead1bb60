"""The built handbook: every page in every language, languages, direction, no outside assets, 404s."""
from __future__ import annotations

import re

import pytest

from sites import CONFIG, LANGUAGE_SETTINGS, LANGUAGES, ROOT

PAGES = sorted(
    str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md") if p.name.count(".") == 1
)


def url_of(page: str, lang: str) -> str:
    prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
    path = page[:-3]
    if path == "index" or path.endswith("/index"):
        path = path[: -len("index")]
    else:
        path += "/"
    return prefix + path


def html_lang(html: str) -> str:
    return re.search(r"<html[^>]*\blang=\"([^\"]+)\"", html).group(1)


def test_every_page_has_a_source_in_every_language_or_is_marked_untranslated():
    from handbook.core.source import split_front_matter

    def untranslated(page):
        return split_front_matter((ROOT / "docs" / page).read_text(encoding="utf-8")).data.get("untranslated") or []

    missing = [page.replace(".md", f".{lang}.md") for page in PAGES for lang in LANGUAGES[1:]
               if not (ROOT / "docs" / page.replace(".md", f".{lang}.md")).exists() and lang not in untranslated(page)]
    assert PAGES and not missing


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_is_built_at_its_url(site, lang):
    for page in PAGES:
        html = site.page(url_of(page, lang))
        assert html_lang(html) == lang, f"{url_of(page, lang)} has lang {html_lang(html)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_direction(site, lang):
    body = re.search(r"<body[^>]*>", site.page(url_of("postulates.md", lang))).group(0)
    assert f'dir="{LANGUAGE_SETTINGS[lang].direction}"' in body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_site_name_and_ui_language_per_language(site, lang):
    html = site.page(url_of("index.md", lang))
    assert LANGUAGE_SETTINGS[lang].site_name in re.search(r"<title>(.*?)</title>", html).group(1)
    # Material's own interface strings in the page's language (its "Search" label)
    search_label = re.search(r'placeholder="([^"]+)"', html).group(1)
    english = re.search(r'placeholder="([^"]+)"', site.page(url_of("index.md", LANGUAGES[0]))).group(1)
    assert (search_label == english) == (lang == LANGUAGES[0]), search_label


EXTERNAL = re.compile(
    r"<(?:script|img|iframe|audio|video|source)[^>]*\bsrc=\"(?:https?:)?//|"
    r"<link[^>]*\bhref=\"(?:https?:)?//[^\"]*\"[^>]*>|@import\s+url\((?:https?:)?//|"
    r"url\((?:\"|')?(?:https?:)?//", re.I)


def test_no_page_loads_anything_from_outside(site):
    offenders = []
    for path in site.site.rglob("*"):
        if path.suffix in (".html", ".css"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for m in EXTERNAL.finditer(text):
                tag = m.group(0)
                if 'rel="canonical"' in tag or 'rel="alternate"' in tag:
                    continue  # links for readers and crawlers, not loaded assets
                offenders.append(f"{path.relative_to(site.site)}: {tag[:100]}")
    assert not offenders, "\n".join(offenders[:20])
    assert "fonts.googleapis" not in site.page("")


def test_root_404_is_in_the_default_language(site):
    assert html_lang(site.page("404.html")) == "en"


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_each_language_has_its_own_404(site, lang):
    html = site.page(f"{lang}/404.html")
    assert html_lang(html) == lang
    home = re.search(r'<a href="([^"]+)"[^>]*class="md-header__button md-logo"', html)
    assert home and home.group(1).rstrip("/").endswith(f"/{lang}")


def test_404_pages_work_from_any_depth(site):
    html = site.page("fi/404.html")
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+main[^"]+\.css)"', html).group(1)
    assert stylesheet.startswith("/"), "a 404 is served at any URL depth, so its assets must be absolute"


def test_no_list_item_is_a_horizontal_rule(site):
    """A blank to fill in ('1. ______') must be written '1. \\______': Markdown reads a bare
    line of underscores as a horizontal rule, which prints as a line across the page."""
    found = [str(path.relative_to(site.site)) for path in site.site.rglob("*.html")
             if re.search(r"<li>\s*<hr", path.read_text(encoding="utf-8"))]
    assert found == []


def nav_sources(entries) -> list[str]:
    """mkdocs.yml's nav, flattened: the pages' sources in the order readers see them."""
    found = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        found += nav_sources(value) if isinstance(value, list) else [value]
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translation_status_lists_pages_in_navigation_order(site, lang):
    from urllib.parse import urljoin

    status = url_of("translation-status.md", lang)
    links = re.findall(r'<th scope="row"><a href="([^"]*)"', site.page(status))
    in_nav = nav_sources(CONFIG["nav"])
    assert "translation-status.md" not in in_nav  # the contributors' page, linked from the home page's end
    assert [urljoin("/" + status, href) for href in links] == ["/" + url_of(p, lang) for p in
                                                                [*in_nav, "translation-status.md"]]
