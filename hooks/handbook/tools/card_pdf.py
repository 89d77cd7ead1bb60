"""Print each language's card page to a PDF with Chromium (what a reader's Print does).

Chromium rather than WeasyPrint: it is the engine the test suite checks the card
in and the one most readers print from, so the PDF matches what they get; it also
shapes Hebrew and applies Material's print styles exactly as the browser does.

The type size is fitted here, at print time, by measuring: how tall a card's text
is depends on the language, the organisation's name and the fonts Chromium lays
it out with, none of which the build can measure. Each language's largest size
that fits A5 is written into its built card page too, so a reader's Ctrl+P of
the published site prints the same card as the PDF, with no script and no wait.
Debian's DejaVu Sans, which Chromium lays the card out in here, is wider than
the fonts of most readers' systems, so a card that fits here fits theirs.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass

from handbook.core.languages import Languages
from handbook.tools.browser import launch, serve

CARD_PATH = "card/"
A5_MM = (148, 210)
MARGIN_MM = 9  # docs/assets/card.css: @page margin
PX_PER_MM = 96 / 25.4
SIZE_PROPERTY = "--hb-card-print-size"  # docs/assets/card.css: the card's type size in print
SMALLEST_READABLE_PT = 9  # no text on the card (labels, footer) smaller than this
LARGEST_PT = 40
STEP_PT = 0.25
_CARD_TAG = re.compile(r'<article class="hb-card"(?: style="[^"]*")?')


def card_pdf_name(lang: str) -> str:
    return f"postulates-card-{lang}.pdf"


@dataclass(frozen=True)
class CardFit:
    lang: str
    size_pt: float  # the card's type size (its postulates' text)
    overflow_mm: float  # how far the card runs past the A5 printable area (0 when it fits)
    smallest_text_pt: float
    text_span: float  # top of the first line to the foot of the last, as a fraction of the A5 page height

    @property
    def fits(self) -> bool:
        return self.overflow_mm <= 0

    def problem(self) -> str | None:
        if self.fits:
            return None
        return (f"{self.lang}: the postulates card overflows its A5 page by {self.overflow_mm:.0f} mm even at "
                f"{self.size_pt:g} pt; shorten the short answers on the postulates page")


def measure_card(page, lang: str, size_pt: float | None = None) -> CardFit:
    """Lay the loaded card page out as print on A5 (at ``size_pt`` if given) and measure the card."""
    width, height = (A5_MM[0] - 2 * MARGIN_MM) * PX_PER_MM, (A5_MM[1] - 2 * MARGIN_MM) * PX_PER_MM
    page.emulate_media(media="print")
    # Whole pixels, rounded down, as Chromium lays out a printed page (100vh is the page area).
    page.set_viewport_size({"width": math.floor(width), "height": math.floor(height)})
    box = page.evaluate("""([property, size]) => {
        const card = document.querySelector('.hb-card');
        if (size !== null) card.style.setProperty(property, size + 'pt');
        const top = document.documentElement.getBoundingClientRect().top;
        const texts = [...card.querySelectorAll('*')].filter(e => [...e.childNodes].some(
            n => n.nodeType === Node.TEXT_NODE && n.textContent.trim()));
        const lines = [], walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT), range = document.createRange();
        while (walker.nextNode()) {
            range.selectNodeContents(walker.currentNode);
            lines.push(...[...range.getClientRects()].filter(r => r.height > 0));
        }
        return {
            bottom: Math.max(card.getBoundingClientRect().bottom - top, document.documentElement.scrollHeight),
            size: parseFloat(getComputedStyle(card.querySelector('.hb-card__postulates') || card).fontSize),
            smallest: Math.min(...texts.map(e => parseFloat(getComputedStyle(e).fontSize))),
            textTop: Math.min(...lines.map(r => r.top)) - top,
            textBottom: Math.max(...lines.map(r => r.bottom)) - top,
        };
    }""", [SIZE_PROPERTY, size_pt])
    overflow = max(0.0, (box["bottom"] - math.floor(height)) / PX_PER_MM)
    span = (box["textBottom"] - box["textTop"]) / PX_PER_MM / A5_MM[1]
    return CardFit(lang, round(box["size"] * 0.75, 2), round(overflow, 1), round(box["smallest"] * 0.75, 2),
                   round(span, 3))


def fit_card(page, lang: str) -> CardFit:
    """The largest type size, in steps of STEP_PT, at which the loaded card fits its A5 page.

    A binary search over measured layouts: the card grows with its type, so the
    largest size that fits lies between one that fits and one that does not.
    """
    probe = measure_card(page, lang, LARGEST_PT)
    if probe.fits:
        return probe
    smallest_ratio = probe.smallest_text_pt / probe.size_pt  # labels and footer are set smaller
    low = math.ceil(SMALLEST_READABLE_PT / smallest_ratio / STEP_PT - 1e-9)  # in steps; fits, or nothing does
    high = math.floor(LARGEST_PT / STEP_PT)  # does not fit
    smallest = measure_card(page, lang, low * STEP_PT)
    if not smallest.fits:
        return smallest  # too long even in the smallest readable type
    while high - low > 1:
        middle = (low + high) // 2
        if measure_card(page, lang, middle * STEP_PT).fits:
            low = middle
        else:
            high = middle
    return measure_card(page, lang, low * STEP_PT)  # and leaves the page laid out at that size


def set_card_size(html: str, size_pt: float) -> str:
    """The card page's HTML with the card's type size for print set on the card itself."""
    return _CARD_TAG.sub(f'<article class="hb-card" style="{SIZE_PROPERTY}: {size_pt:g}pt"', html, count=1)


def missing_prerequisites() -> list[str]:
    """What card-pdf needs and this machine lacks, each with how to install it."""
    import importlib.util

    from handbook.tools.browser import chromium_path
    missing = []
    if importlib.util.find_spec("playwright") is None:
        missing.append("Playwright is not installed; install it with: pip install -e '.[pdf]'")
    try:
        chromium_path()
    except FileNotFoundError as exc:
        missing.append(str(exc))
    return missing


def card_page(site_dir: str, prefix: str) -> tuple[str, str] | None:
    """(file, URL path) of a language's card page: card/index.html, or card.html in the
    offline build (use_directory_urls: false); the PDF goes beside it."""
    for name in (CARD_PATH + "index.html", CARD_PATH.rstrip("/") + ".html"):
        path = os.path.join(site_dir, prefix, name)
        if os.path.isfile(path):
            return path, prefix + (CARD_PATH if name.endswith("/index.html") else name)
    return None


def write_card_pdfs(site_dir: str, languages: Languages) -> list[str]:
    """Fit each card to A5, write the size into its page, and print site/<lang>/card/postulates-card-<lang>.pdf.

    A card that overflows A5 even in the smallest readable type is refused.
    """
    from playwright.sync_api import sync_playwright

    written, problems = [], []
    with serve(site_dir) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        for lang in languages.all:
            card = card_page(site_dir, languages.url_prefix(lang))
            if card is None:
                continue
            html_path, url = card[0], base + card[1]
            folder = os.path.dirname(html_path)
            page.goto(url)
            fit = fit_card(page, lang)
            if not fit.fits:
                problems.append(fit.problem())
                continue
            with open(html_path, encoding="utf-8") as handle:
                html = handle.read()
            with open(html_path, "w", encoding="utf-8") as handle:
                handle.write(set_card_size(html, fit.size_pt))
            page.goto(url)  # the PDF is printed from the page as published, as Ctrl+P prints it
            target = os.path.join(folder, card_pdf_name(lang))
            page.pdf(path=target, prefer_css_page_size=True, print_background=True)
            written.append(target)
        browser.close()
    if problems:
        raise SystemExit("\n".join(problems))
    return written
