"""Print each language's card page to a PDF with Chromium (what a reader's Print does)."""
from __future__ import annotations

import os

from .browser import launch, serve
from .languages import Languages

CARD_PATH = "card/"


def card_pdf_name(lang: str) -> str:
    return f"postulates-card-{lang}.pdf"


def write_card_pdfs(site_dir: str, languages: Languages) -> list[str]:
    from playwright.sync_api import sync_playwright

    written = []
    with serve(site_dir) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        for lang in languages.all:
            folder = os.path.join(site_dir, languages.url_prefix(lang), CARD_PATH)
            if not os.path.isdir(folder):
                continue
            page.goto(base + languages.url_prefix(lang) + CARD_PATH)
            target = os.path.join(folder, card_pdf_name(lang))
            page.pdf(path=target, prefer_css_page_size=True, print_background=True)
            written.append(target)
        browser.close()
    return written
