"""The postulates card: made from the postulates page, printed on one A5 page per language."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from handbook.browser import serve
from handbook.card_pdf import measure_card
from sites import LANGUAGES, ROOT

A5_PT = (419.5, 595.3)


def card_url(lang: str) -> str:
    return ("" if lang == "en" else f"{lang}/") + "card/"


def card_site(fixture_site, postulates_body: str):
    """A fixture handbook with a home page, a postulates page and a card page."""
    fixture_site.page("index.md", "Home")
    fixture_site.page("postulates.md", "Postulates", postulates_body)
    fixture_site.page("card.md", "Card", "", extra="template: card.html\n")
    return fixture_site


def pdf_pages(data: bytes) -> list:
    return PdfReader(io.BytesIO(data)).pages


# --- made from the postulates page ------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_holds_the_definition_and_every_short_answer(site, lang):
    postulates = site.page(("" if lang == "en" else f"{lang}/") + "postulates/")
    answers = [re.sub(r"<[^>]+>", "", a).strip() for a in re.findall(r'<p class="answer">(.*?)</p>', postulates, re.S)]
    card = site.page(card_url(lang))
    article = re.search(r'<article class="hb-card".*?</article>', card, re.S).group(0)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", article))
    assert len(answers) == 7
    for answer in answers:
        assert re.sub(r"\s+", " ", answer) in text
    assert "Example Organisation" in article  # the organisation's name is on the card
    assert article.count("<li ") == 6


def test_no_postulate_text_is_kept_in_the_card_sources():
    for path in (ROOT / "docs").glob("card*.md"):
        body = path.read_text(encoding="utf-8").split("---", 2)[2]
        assert [line for line in body.splitlines() if line.strip()] == [line for line in body.splitlines()
                                                                          if line.startswith("# ")], path


def test_changing_a_short_answer_changes_the_card(fixture_site):
    postulates = """
    ## What are social media? {#definition .definition}

    Platforms for relationships.
    {: .answer }

    ## What should I share? {#share .postulate}

    FIRST ANSWER.
    {: .answer }
    """
    card_site(fixture_site, postulates)
    first = fixture_site.build()
    assert first.ok, first.output
    assert "FIRST ANSWER." in first.page("card/") and "FIRST ANSWER." in first.page("he/card/")
    fixture_site.page("postulates.md", "Postulates", postulates.replace("FIRST ANSWER.", "SECOND ANSWER."))
    second = fixture_site.build()
    assert "SECOND ANSWER." in second.page("card/") and "FIRST ANSWER." not in second.page("card/")


def test_a_postulate_without_a_short_answer_is_reported(fixture_site):
    card_site(fixture_site, "## What should I share? {#share .postulate}\n\nNo mark.\n")
    build = fixture_site.build()
    assert not build.ok
    assert ("docs/postulates.fi.md:10:1: postulate has no short answer; put it in one paragraph under the heading "
            "and end it with a line '{: .answer }'") in build.output


@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_is_linked_from_home_and_postulates(site, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    assert re.search(r'href="(\./)?card/(#[\w-]+)?"', site.page(prefix)), "home links the card"
    assert re.search(r'href="\.\./card/(#[\w-]+)?"', site.page(prefix + "postulates/")), "postulates link the card"


# --- on screen and on paper -------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_prints_on_one_a5_page_and_on_one_a4_page(page, served, artifacts, lang):
    page.goto(served + card_url(lang))
    assert page.get_by_role("button").filter(has=page.locator("[data-print-card]")).count() or \
        page.locator("button[data-print-card]").is_visible()
    a5 = page.pdf(prefer_css_page_size=True, print_background=True)
    (artifacts / f"card-{lang}.pdf").write_bytes(a5)
    pages = pdf_pages(a5)
    assert len(pages) == 1, f"{lang}: card prints on {len(pages)} A5 pages"
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert abs(width - A5_PT[0]) < 2 and abs(height - A5_PT[1]) < 2, (width, height)
    a4 = page.pdf(format="A4", print_background=True)
    assert len(pdf_pages(a4)) == 1, f"{lang}: card prints on more than one A4 page"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_fits_with_readable_text_and_only_the_card_prints(page, served, lang):
    page.goto(served + card_url(lang))
    fit = measure_card(page, lang)
    assert fit.fits, fit.problem()
    assert fit.smallest_text_pt >= 9, f"{lang}: smallest card text is {fit.smallest_text_pt} pt"
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer',
        '.hb-card-actions', '.md-search'].map(s => document.querySelector(s))
        .filter(e => e && e.getClientRects().length > 0).map(e => e.className)""")
    assert hidden == [], f"{lang}: these still print: {hidden}"
    clipped = page.evaluate("""() => [...document.querySelectorAll('.hb-card *')]
        .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible').length""")
    assert clipped == 0
    direction = page.evaluate("getComputedStyle(document.querySelector('.hb-card')).direction")
    assert direction == ("rtl" if lang == "he" else "ltr")


def test_overlong_postulate_is_caught(fixture_site, browser):
    long_answer = " ".join(["Kerro aina kaikille kaikesta mitä ajattelet juuri nyt"] * 30) + "."
    body = "".join(f"## Kysymys {n}? {{#q{n} .postulate}}\n\nLyhyt vastaus {n}.\n{{: .answer }}\n\n" for n in range(1, 6))
    body += f"## Kysymys 6? {{#q6 .postulate}}\n\n{long_answer}\n{{: .answer }}\n"
    card_site(fixture_site, body)
    build = fixture_site.build()
    assert build.ok, build.output
    page = browser.new_page()
    with serve(str(build.site)) as base:
        page.goto(base + "fi/card/")
        pdf = page.pdf(prefer_css_page_size=True)
        fit = measure_card(page, "fi")
    page.close()
    assert len(pdf_pages(pdf)) == 2  # what the measurement predicts, the printer does
    message = fit.problem()
    assert re.fullmatch(r"fi: the postulates card overflows its A5 page by \d+ mm; shorten the short answers on the "
                        r"postulates page", message), message
    assert fit.overflow_mm > 5


def test_card_pdf_command_writes_one_a5_pdf_per_language(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site.site, copy)
    done = subprocess.run([sys.executable, "-m", "handbook.cli", "-f", str(ROOT / "mkdocs.yml"), "card-pdf",
                           "--site", str(copy)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    for lang in LANGUAGES:
        pdf = copy / card_url(lang) / f"postulates-card-{lang}.pdf"
        pages = pdf_pages(pdf.read_bytes())
        assert len(pages) == 1 and abs(float(pages[0].mediabox.width) - A5_PT[0]) < 2


def test_card_links_its_pdf_when_the_build_makes_them(fixture_site):
    card_site(fixture_site, "## Q? {#q .postulate}\n\nA.\n{: .answer }\n")
    build = fixture_site.build(env={"HANDBOOK_CARD_PDF": "true"})
    assert build.ok, build.output
    assert 'href="postulates-card-fi.pdf" download' in build.page("fi/card/")
    assert "postulates-card" not in fixture_site.build().page("fi/card/")


# --- ordinary pages ---------------------------------------------------------

def test_ordinary_pages_print_content_only_with_link_targets(page, served):
    page.goto(served + "nb/safety/")
    page.emulate_media(media="print")
    shown = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer']
        .map(s => document.querySelector(s)).filter(e => e && getComputedStyle(e).display !== 'none').length""")
    assert shown == 0
    page.evaluate("""() => { const a = document.createElement('a'); a.href = 'https://intranet.example.org/x';
        a.id = 'probe'; a.textContent = 'x'; document.querySelector('.md-typeset').appendChild(a); }""")
    after = page.evaluate("getComputedStyle(document.getElementById('probe'), '::after').content")
    assert "https://intranet.example.org/x" in after
    pdf = page.pdf(format="A4")
    assert len(pdf_pages(pdf)) >= 1
