"""The postulates card: made from the postulates page, printed on one A5 page per language."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from urllib.parse import urljoin

import pytest
from pypdf import PdfReader

from card_support import answer_links, card_items, pdf_text_span, postulates_items, unresolved_links
from handbook.tools.browser import serve
from handbook.tools.card_pdf import SIZE_PROPERTY, SMALLEST_READABLE_PT, STEP_PT, fit_card, measure_card
from sites import LANGUAGE_SETTINGS, LANGUAGES, ORGANISATION, ROOT

A5_PT = (419.5, 595.3)
SITE_URL = ORGANISATION["intranet_url"]
SMALLEST_SPAN = 0.8  # of the A5 page's height, for the card's text


def card_url(lang: str) -> str:
    return ("" if lang == "en" else f"{lang}/") + "card/"


def card_site(fixture_site, postulates_body: str):
    """A fixture handbook with a home page, a postulates page, a card page and what the card links to."""
    shutil.copytree(ROOT / "docs" / "assets", fixture_site.docs / "assets", dirs_exist_ok=True)
    fixture_site.page("index.md", "Home")
    fixture_site.page("roles.md", "Roles", "## Core group {#core-group}\n\nThe page owner.\n")  # the owner line
    fixture_site.page("postulates.md", "Postulates", postulates_body)
    fixture_site.page("card.md", "Card", "", extra="template: card.html\n")
    return fixture_site


def pdf_pages(data: bytes) -> list:
    return PdfReader(io.BytesIO(data)).pages


def handbook_findings(output: str) -> list[str]:
    return [line for line in output.splitlines() if "handbook: docs/" in line]


# --- made from the postulates page ------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_holds_the_definition_and_every_short_answer(site, lang):
    postulates = postulates_items(site.page(("" if lang == "en" else f"{lang}/") + "postulates/"))
    assert [id_ for id_, _, _ in postulates] == ["definition", "share", "relevance", "trust", "identity", "safety",
                                                 "success"]
    assert card_items(site.page(card_url(lang))) == postulates


@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_shows_the_organisations_name_and_logo(site, lang):
    card = site.page(card_url(lang))
    header = re.search(r'<header class="hb-card__header">.*?</header>', card, re.S).group(0)
    logos = [urljoin(SITE_URL + card_url(lang), src) for src in re.findall(r'<img [^>]*src="([^"]+)"', header)]
    assert logos == [SITE_URL + ORGANISATION["logo"]]
    assert re.findall(r'<p class="hb-card__org">(.*?)</p>', header) == [ORGANISATION["name"]]


def test_another_organisations_name_and_logo_show_on_every_card(fixture_site):
    fixture_site.config = "extra:\n  organisation:\n    name: Fjordby kommune\n    logo: assets/fjordby.svg\n"
    fixture_site.write("assets/fjordby.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"/>\n')
    card_site(fixture_site, "## Q? {#q .postulate}\n\nA.\n{: .answer }\n")
    build = fixture_site.build()
    assert build.ok, build.output
    for lang in LANGUAGES:
        header = re.search(r'<header class="hb-card__header">.*?</header>', build.page(card_url(lang)), re.S).group(0)
        assert re.findall(r'<p class="hb-card__org">(.*?)</p>', header) == ["Fjordby kommune"]
        assert [urljoin(SITE_URL + card_url(lang), src) for src in re.findall(r'src="([^"]+)"', header)] == \
            [SITE_URL + "assets/fjordby.svg"]
        assert unresolved_links(build.site, card_url(lang), SITE_URL) == []


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
    assert handbook_findings(build.output) == [
        f"ERROR   -  handbook: docs/{page}:{line}:1: postulate has no short answer; put it in one paragraph under "
        "the heading and end it with a line '{: .answer }'"
        for page, line in (("postulates.fi.md", 10), ("postulates.he.md", 10), ("postulates.md", 9),
                            ("postulates.nb.md", 10))]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_is_linked_from_home_and_postulates(site, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    assert re.search(r'href="(\./)?card/(#[\w-]+)?"', site.page(prefix)), "home links the card"
    assert re.search(r'href="\.\./card/(#[\w-]+)?"', site.page(prefix + "postulates/")), "postulates link the card"


# --- links ------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_link_of_the_card_page_resolves(site, lang):
    assert unresolved_links(site.site, card_url(lang), SITE_URL) == []


ANSWER_WITH_LINKS = """
## What about safety? {#safety .postulate}

Follow the [rules](safety.md#rules); [why](#why).
{: .answer }

## Why {#why}

Because.
"""


def test_links_in_a_short_answer_lead_to_the_pages_of_the_cards_language(fixture_site):
    fixture_site.page("safety.md", "Safety", "## Rules {#rules}\n\nText.\n")
    card_site(fixture_site, ANSWER_WITH_LINKS)
    build = fixture_site.build()
    assert build.ok, build.output
    for lang in LANGUAGES:
        card = build.page(card_url(lang))
        assert answer_links(card) == ["../safety/#rules", "../postulates/#why"], lang
        assert unresolved_links(build.site, card_url(lang), SITE_URL) == [], lang


def test_a_short_answer_linking_to_nothing_is_a_finding(fixture_site):
    fixture_site.page("safety.md", "Safety", "## Rules {#rules}\n\nText.\n")
    card_site(fixture_site, ANSWER_WITH_LINKS.replace("safety.md#rules", "safety.md#rulez"))
    build = fixture_site.build()
    assert not build.ok
    quote = "Follow the [rules](safety.md#rulez); [why](#why)."
    assert handbook_findings(build.output) == [
        f"ERROR   -  handbook: docs/postulates{suffix}.md:{line}:20: '{target}' has no anchor '#rulez'; "
        "did you mean '#rules'?"
        for suffix, line, target in ((".fi", 12, "safety.fi.md"), (".he", 12, "safety.he.md"), ("", 11, "safety.md"),
                                     (".nb", 12, "safety.nb.md"))]
    assert build.output.count(f"| {quote}") == 4
    # Each problem once as a finding; MkDocs' own message for it is info (mkdocs.yml's validation).
    assert {line.split()[0] for line in build.output.splitlines() if "Doc file" in line} <= {"INFO"}


# --- on screen and on paper -------------------------------------------------

@pytest.fixture(scope="module")
def fitted(site, tmp_path_factory):
    """A copy of the handbook after 'handbook card-pdf': the cards fitted, their PDFs written."""
    copy = tmp_path_factory.mktemp("fitted") / "site"
    shutil.copytree(site.site, copy)
    done = subprocess.run([sys.executable, "-m", "handbook.tools.cli", "-f", str(ROOT / "mkdocs.yml"), "card-pdf",
                           "--site", str(copy)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str(copy / card_url(lang) / f"postulates-card-{lang}.pdf") for lang in LANGUAGES]
    with serve(str(copy)) as base:
        yield copy, base


def printed_size(html: str) -> float:
    return float(re.search(rf'<article class="hb-card" style="{SIZE_PROPERTY}: ([\d.]+)pt"', html).group(1))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_pdf_prints_the_largest_type_that_fits_one_a5_page(fitted, page, lang):
    copy, base = fitted
    pages, span = pdf_text_span((copy / card_url(lang) / f"postulates-card-{lang}.pdf").read_bytes())
    assert pages == 1
    assert span >= SMALLEST_SPAN, f"{lang}: the card's text spans {span:.0%} of the A5 page"
    size = printed_size((copy / card_url(lang) / "index.html").read_text(encoding="utf-8"))
    page.goto(base + card_url(lang))
    fit = measure_card(page, lang)
    assert (fit.size_pt, fit.fits) == (size, True)
    larger = measure_card(page, lang, size + STEP_PT)
    assert not larger.fits, f"{lang}: {size + STEP_PT} pt fits too"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ctrl_p_prints_the_fitted_card_on_one_a5_page_and_on_one_a4_page(fitted, page, artifacts, lang):
    copy, base = fitted
    page.goto(base + card_url(lang))
    assert page.locator("button[data-print-card]").is_visible()
    a5 = page.pdf(prefer_css_page_size=True, print_background=True)
    (artifacts / f"card-{lang}.pdf").write_bytes(a5)
    pages, span = pdf_text_span(a5)
    assert pages == 1, f"{lang}: card prints on {pages} A5 pages"
    assert span >= SMALLEST_SPAN, f"{lang}: the card's text spans {span:.0%} of the A5 page"
    box = pdf_pages(a5)[0].mediabox
    assert abs(float(box.width) - A5_PT[0]) < 2 and abs(float(box.height) - A5_PT[1]) < 2, box
    a4 = page.pdf(format="A4", print_background=True)
    assert len(pdf_pages(a4)) == 1, f"{lang}: card prints on more than one A4 page"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_fits_with_readable_text_and_only_the_card_prints(page, served, lang):
    """A build without card-pdf (a preview) prints in the stylesheet's own size, which fits too."""
    page.goto(served + card_url(lang))
    fit = measure_card(page, lang)
    assert fit.fits, fit.problem()
    assert fit.smallest_text_pt >= SMALLEST_READABLE_PT, f"{lang}: smallest card text is {fit.smallest_text_pt} pt"
    assert fit.text_span >= SMALLEST_SPAN, f"{lang}: the card's text spans {fit.text_span:.0%} of the A5 page"
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer',
        '.hb-card-actions', '.md-search'].map(s => document.querySelector(s))
        .filter(e => e && e.getClientRects().length > 0).map(e => e.className)""")
    assert hidden == [], f"{lang}: these still print: {hidden}"
    clipped = page.evaluate("""() => [...document.querySelectorAll('.hb-card *')]
        .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible').length""")
    assert clipped == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_on_paper_starts_at_its_languages_side_with_the_definition_set_apart(page, served, lang):
    page.goto(served + card_url(lang))
    measure_card(page, lang)  # print media, A5
    layout = page.evaluate("""() => {
        const box = s => document.querySelector(s).getBoundingClientRect();
        const style = s => getComputedStyle(document.querySelector(s));
        const logo = document.querySelector('.hb-card__logo');
        const definition = style('.hb-card__definition'), postulate = style('.hb-card__postulates li');
        return {
            direction: style('.hb-card').direction,
            logoShown: logo.complete && logo.naturalWidth > 0 && logo.getClientRects().length > 0,
            logoFirst: box('.hb-card__logo').left < box('.hb-card__titles').left ? 'left' : 'right',
            bar: parseFloat(definition.borderLeftWidth) > 2 ? 'left' : parseFloat(definition.borderRightWidth) > 2 ? 'right' : 'none',
            panel: definition.backgroundColor !== style('.hb-card').backgroundColor,
            postulateBar: parseFloat(postulate.borderLeftWidth) + parseFloat(postulate.borderRightWidth),
            postulatePanel: postulate.backgroundColor,
            definitionAbove: box('.hb-card__definition').bottom <= box('.hb-card__postulates').top,
        };
    }""")
    start = "right" if LANGUAGE_SETTINGS[lang].direction == "rtl" else "left"
    assert layout == {"direction": LANGUAGE_SETTINGS[lang].direction, "logoShown": True, "logoFirst": start,
                      "bar": start, "panel": True, "postulateBar": 0, "postulatePanel": "rgba(0, 0, 0, 0)",
                      "definitionAbove": True}


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
        fit = fit_card(page, "fi")
        pdf = page.pdf(prefer_css_page_size=True)
    page.close()
    assert len(pdf_pages(pdf)) == 2  # what the measurement predicts, the printer does
    assert fit.smallest_text_pt == SMALLEST_READABLE_PT  # it tried the smallest readable type
    message = fit.problem()
    assert re.fullmatch(r"fi: the postulates card overflows its A5 page by \d+ mm even at [\d.]+ pt; shorten the "
                        r"short answers on the postulates page", message), message
    assert fit.overflow_mm > 5


def test_card_links_its_pdf_when_the_build_makes_them(fixture_site):
    card_site(fixture_site, "## Q? {#q .postulate}\n\nA.\n{: .answer }\n")
    build = fixture_site.build(env={"HANDBOOK_CARD_PDF": "true"})
    assert build.ok, build.output
    assert 'href="postulates-card-fi.pdf" download' in build.page("fi/card/")
    assert "postulates-card" not in fixture_site.build().page("fi/card/")


# --- ordinary pages ---------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_ordinary_pages_print_content_only_with_link_targets(page, served, lang):
    page.goto(served + ("" if lang == LANGUAGES[0] else f"{lang}/") + "safety/")
    page.emulate_media(media="print")
    shown = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer']
        .map(s => document.querySelector(s)).filter(e => e && getComputedStyle(e).display !== 'none').length""")
    assert shown == 0
    page.evaluate("""() => { const a = document.createElement('a'); a.href = 'https://intranet.example.org/x';
        a.id = 'probe'; a.textContent = 'x'; document.querySelector('.md-typeset').appendChild(a); }""")
    after = page.evaluate("getComputedStyle(document.getElementById('probe'), '::after').content")
    assert after == '" (\u2066https://intranet.example.org/x\u2069)"', "the address is isolated left to right"
    pdf = page.pdf(format="A4")
    assert len(pdf_pages(pdf)) >= 1
