"""Every page speaks its reader's language: no other language's interface text on any
page (Material's strings, the handbook's own, the toc's heading-link tooltip), corrected
Material strings where they show, each language's cells in multilingual tables marked
with it, and a page shown in its original language announced as such.
"""
from __future__ import annotations

import json
import re

import pytest

from interface_text import other_languages_text
from publishing_support import find
from reader_support import built_pages, page_path
from sites import LANGUAGE_SETTINGS, LANGUAGES, ROOT, FixtureSite

PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md") if p.name.count(".") == 1)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_shows_another_languages_interface_text(site, lang):
    pages = built_pages(site.site, lang)
    assert len(pages) == len(PAGES) + 1, "every page and the 404 page were built in this language"
    found = {path: texts for path in pages
             if (texts := other_languages_text(site.page(path), lang))}
    assert found == {}


def test_the_check_finds_english_interface_text_on_a_finnish_page():
    html = ('<html lang="fi"><body><a class="md-skip" href="#x">Skip to content</a>'
            '<h2 id="a">Roolit</h2>'
            '<img src="l.svg" alt="logo"><nav aria-label="Footer">Made with <a>Material</a></nav>'
            '<p>Roolit</p><a hreflang="en" lang="en">English</a><td lang="he">הנהלה</td><p>הנהלה</p>'
            '<article class="md-content__inner"><h2>Management<a class="headerlink" title="Permanent link">¶</a></h2>'
            '<p title="Footer">Search</p></article><li class="md-nav__item"><nav aria-label="Footer"></nav></li>'
            '<article class="md-content__inner"><aside class="hb-page-owner">Page owner: <a>Core group</a></aside></article>'
            '<script id="__config" type="application/json">{"translations": {"search.result.none": '
            '"No matching documents", "search.result.one": "1 hakutulos"}}</script></body></html>')
    assert other_languages_text(html, "fi") == [
        "Skip to content", "logo", "Footer", "Made with", "הנהלה", "Permanent link", "Page owner", "Core group",
        "No matching documents"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_corrected_material_strings_show_where_material_puts_them(site, lang):
    corrected = LANGUAGE_SETTINGS[lang].extra.get("interface_strings") or {}
    html = site.page(page_path("roles.md", lang))
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
    shown = {
        "action.skip": [a["text"].strip() for a in find(html, "a", class_="md-skip")],
        "header": [n["attrs"]["aria-label"] for n in find(html, "nav", class_="md-header__inner")],
        "footer": [n["attrs"]["aria-label"] for n in find(html, "nav", class_="md-footer__inner")],
        "nav": [n["attrs"]["aria-label"] for n in find(html, "nav", class_="md-nav--primary")],
        "source": [a["attrs"]["title"] for a in find(html, "a", class_="md-source")],
        "search.reset": [b["attrs"]["aria-label"] for b in find(html, "button", type="reset")],
        "search.result.initializer": [d["text"].strip() for d in find(html, "div", class_="md-search-result__meta")],
    }
    for key, value in corrected.items():
        where = [config["translations"][key]] if key in config["translations"] else shown[key]
        assert where and set(where) == {value}, f"{lang} {key}: {where!r}, configured {value!r}"


def test_language_columns_carry_their_language(site):
    names = {language.name: locale for locale, language in LANGUAGE_SETTINGS.items()}
    for lang in LANGUAGES:
        html = site.page(page_path("glossary.md", lang))
        table = re.search(r"<table>.*?</table>", html, re.S).group(0)
        heads = [th["text"].strip() for th in find(table, "th")]
        assert sorted(heads) == sorted(names), f"{lang}: the terms table has one column per language"
        rows = re.findall(r"<tr>.*?</tr>", table, re.S)
        for row in rows:
            cells = [c["attrs"].get("lang") for c in find(row, "td") + find(row, "th")]
            assert cells == [names[h] for h in heads], f"{lang}: {row}"


def test_a_page_shown_in_its_original_language_says_whether_a_translation_is_coming(tmp_path):
    """Not translated on purpose ('untranslated: [nb]') and not translated yet (a missing
    translation the site lets through) read differently, in the reader's language, and
    the original's text is marked as English."""
    fixture = FixtureSite(tmp_path, nav=["index.md", "kept.md", "coming.md"],
                          config="extra:\n  checks:\n    missing_translation: warning\n")
    fixture.page("index.md", "Home", "Welcome.\n")
    fixture.page("kept.md", "Kept", "Only in English.\n", extra="untranslated: [nb, he]\n", languages=("en",))
    fixture.page("coming.md", "Coming", "Not yet translated.\n", languages=("en",))
    build = fixture.build(strict=False)
    assert build.ok, build.output
    seen = {}
    for lang in LANGUAGES[1:]:
        for name in ("kept", "coming"):
            html = build.page(f"{lang}/{name}/")
            notice = find(html, "div", class_="hb-translation-notice")[0]
            original = [d["attrs"] for d in find(html, "div") if d["attrs"].get("lang") == LANGUAGES[0]]
            seen[lang, name] = (notice["attrs"]["data-translation-state"], notice["text"].strip(), original)
    strings = {lang: LANGUAGE_SETTINGS[lang].extra["strings"] for lang in LANGUAGES}
    marked = [{"lang": LANGUAGES[0], "dir": LANGUAGE_SETTINGS[LANGUAGES[0]].direction}]
    untranslated = ("nb", "he")
    assert seen == {(lang, name): ("untranslated", strings[lang]["untranslated"], marked)
                    if name == "kept" and lang in untranslated else ("missing", strings[lang]["missing"], marked)
                    for lang in LANGUAGES[1:] for name in ("kept", "coming")}
    assert len({strings[lang]["missing"] for lang in LANGUAGES} | {strings[lang]["untranslated"] for lang in LANGUAGES}) \
        == 2 * len(LANGUAGES), "each language words the two notices differently"
