"""Print each language's card page to a PDF with Chromium (what a reader's Print does).

Chromium rather than WeasyPrint: it is the engine the test suite checks the card
in and the one most readers print from, so the PDF matches what they get; it also
shapes Hebrew and applies Material's print styles exactly as the browser does.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from .browser import launch, serve
from .languages import Languages

CARD_PATH = "card/"
A5_MM = (148, 210)
MARGIN_MM = 9  # docs/assets/card.css: @page margin
PX_PER_MM = 96 / 25.4


def card_pdf_name(lang: str) -> str:
    return f"postulates-card-{lang}.pdf"


@dataclass(frozen=True)
class CardFit:
    lang: str
    overflow_mm: float  # how far the card runs past the A5 printable area (0 when it fits)
    smallest_text_pt: float

    @property
    def fits(self) -> bool:
        return self.overflow_mm <= 0

    def problem(self) -> str | None:
        if self.fits:
            return None
        return (f"{self.lang}: the postulates card overflows its A5 page by {self.overflow_mm:.0f} mm; "
                "shorten the short answers on the postulates page")


def measure_card(page, lang: str) -> CardFit:
    """Lay the loaded card page out as print on A5 and measure the card."""
    width, height = (A5_MM[0] - 2 * MARGIN_MM) * PX_PER_MM, (A5_MM[1] - 2 * MARGIN_MM) * PX_PER_MM
    page.emulate_media(media="print")
    page.set_viewport_size({"width": round(width), "height": round(height)})
    box = page.evaluate("""() => {
        const card = document.querySelector('.hb-card');
        const top = document.documentElement.getBoundingClientRect().top;
        const sizes = [...card.querySelectorAll('*')].filter(e => e.childNodes.length && e.innerText && e.innerText.trim())
            .map(e => parseFloat(getComputedStyle(e).fontSize));
        return {bottom: card.getBoundingClientRect().bottom - top, smallest: Math.min(...sizes)};
    }""")
    overflow = max(0.0, (box["bottom"] - height) / PX_PER_MM)
    return CardFit(lang, round(overflow, 1), round(box["smallest"] * 0.75, 1))


def missing_prerequisites() -> list[str]:
    """What card-pdf needs and this machine lacks, each with how to install it."""
    import importlib.util

    from .browser import chromium_path
    missing = []
    if importlib.util.find_spec("playwright") is None:
        missing.append("Playwright is not installed; install it with: pip install -e '.[test]'")
    try:
        chromium_path()
    except FileNotFoundError as exc:
        missing.append(str(exc))
    return missing


def write_card_pdfs(site_dir: str, languages: Languages) -> list[str]:
    """Write site/<lang>/card/postulates-card-<lang>.pdf; refuse a card that overflows A5."""
    from playwright.sync_api import sync_playwright

    written, problems = [], []
    with serve(site_dir) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        for lang in languages.all:
            folder = os.path.join(site_dir, languages.url_prefix(lang), CARD_PATH)
            if not os.path.isdir(folder):
                continue
            page.goto(base + languages.url_prefix(lang) + CARD_PATH)
            fit = measure_card(page, lang)
            if not fit.fits:
                problems.append(fit.problem())
                continue
            target = os.path.join(folder, card_pdf_name(lang))
            page.pdf(path=target, prefer_css_page_size=True, print_background=True)
            written.append(target)
        browser.close()
    if problems:
        raise SystemExit("\n".join(problems))
    return written
