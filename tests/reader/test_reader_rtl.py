"""Right to left in Chromium: Hebrew pages are laid out mirrored, and Latin words and
numbers inside them still read left to right; English stays left to right.

Screenshots of a Hebrew and an English page go to test-artifacts/ for a reviewer.
"""
from __future__ import annotations

import pytest

from reader_support import LATIN_LAYOUT, PAGE_TYPES, WIDE, page_path
from sites import LANGUAGE_SETTINGS, LANGUAGES

RTL = [lang for lang in LANGUAGES if LANGUAGE_SETTINGS[lang].direction == "rtl"]

LAYOUT = """() => {
  const box = s => { const e = document.querySelector(s); const r = e.getBoundingClientRect();
                     return {left: r.left, right: r.right, visible: r.width > 0 && e.checkVisibility()}; };
  return {
    direction: getComputedStyle(document.querySelector("article")).direction,
    body: getComputedStyle(document.body).direction,
    content: box(".md-content"), nav: box(".md-sidebar--primary"), toc: box(".md-sidebar--secondary"),
    logo: box(".md-header__button.md-logo"), search: box(".md-search"),
  };
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_direction_and_mirrored_sidebars(browser, served, artifacts, lang):
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.goto(served + page_path("charters/examples.md", lang))
    layout = page.evaluate(LAYOUT)
    assert layout["nav"]["visible"] and layout["toc"]["visible"], "both sidebars show at this width"
    content, nav, toc = layout["content"], layout["nav"], layout["toc"]
    if LANGUAGE_SETTINGS[lang].direction == "rtl":
        assert layout["direction"] == layout["body"] == "rtl"
        assert nav["left"] >= content["right"] - 1, f"navigation on the right: {layout}"
        assert toc["right"] <= content["left"] + 1, f"table of contents on the left: {layout}"
        assert layout["logo"]["left"] > layout["search"]["left"], "the logo starts the header, on the right"
    else:
        assert layout["direction"] == layout["body"] == "ltr"
        assert nav["right"] <= content["left"] + 1, f"navigation on the left: {layout}"
        assert toc["left"] >= content["right"] - 1, f"table of contents on the right: {layout}"
        assert layout["logo"]["left"] < layout["search"]["left"]
    if lang in (LANGUAGES[0], *RTL):
        page.screenshot(path=str(artifacts / f"reader-{lang}-charters-examples.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
@pytest.mark.parametrize("lang", RTL)
def test_latin_words_and_numbers_read_left_to_right_in_right_to_left_pages(browser, served, kind, lang):
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.goto(served + page_path(PAGE_TYPES[kind], lang))
    runs = page.evaluate(LATIN_LAYOUT, "body")
    assert runs, "the page has Latin words or numbers to check (the organisation's name, the footer)"
    scrambled = [run["text"] for run in runs if not run["ok"]]
    assert not scrambled, f"laid out right to left: {scrambled}"
    context.close()


def test_the_checks_see_scrambled_text(browser, served):
    """Control: the same check flags a Latin address laid out in a right-to-left run."""
    page = browser.new_page(viewport=WIDE)
    page.goto(served + "he/")
    page.evaluate("""() => { const p = document.createElement("p");
        p.innerHTML = 'כתובת: <span style="unicode-bidi: bidi-override; direction: rtl">intranet.example.org/handbook/</span> כאן';
        document.querySelector("article").append(p); }""")
    runs = page.evaluate(LATIN_LAYOUT, "article")
    assert "intranet.example.org/handbook/" in [run["text"] for run in runs if not run["ok"]]
    page.close()


def test_mixed_text_samples_on_hebrew_pages(browser, served):
    """The organisation's name, a directive's number, a paper size and an address inside Hebrew sentences."""
    page = browser.new_page(viewport=WIDE)
    found = set()
    for source in ("index.md", "adoption.md", "glossary.md"):
        page.goto(served + page_path(source, "he"))
        found |= {run["text"] for run in page.evaluate(LATIN_LAYOUT, "body") if run["ok"]}
    for sample in ("Example Organisation", "2019/1937", "A4", "intranet.example.org/handbook/",
                   "risikovurdering (ROS-analyse)"):
        assert sample in found, f"{sample!r} not found laid out left to right; found {sorted(found)[:40]}"
    page.close()
