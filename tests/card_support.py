"""Helpers for the card tests: where a built page's links lead, where a PDF's text lies."""
from __future__ import annotations

import io
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from pypdf import PdfReader

_LINKING = {"a": "href", "link": "href", "img": "src", "script": "src"}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if attrs.get(_LINKING.get(tag, "")):
            self.links.append(attrs[_LINKING[tag]])


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def _built_file(site: Path, path: str) -> Path:
    return site / unquote(path).lstrip("/") / "index.html" if path.endswith("/") or not path else \
        site / unquote(path).lstrip("/")


def unresolved_links(site: Path, url_path: str, site_url: str) -> list[str]:
    """The links of the built page at ``url_path`` whose file or anchor the built site lacks.

    Relative links and links into ``site_url`` are followed; other hosts are not.
    """
    base = urlsplit(site_url)
    page_url = urljoin(site_url, url_path)
    own = _parse(_built_file(site, url_path).read_text(encoding="utf-8"))
    broken = []
    for link in own.links:
        target = urlsplit(urljoin(page_url, link))
        if (target.scheme, target.netloc) != (base.scheme, base.netloc):
            continue
        if not target.path.startswith(base.path):
            broken.append(f"{link}: outside the site")
            continue
        path = target.path[len(base.path):]
        file = _built_file(site, path)
        if not file.is_file():
            broken.append(f"{link}: no {file.relative_to(site)}")
        elif target.fragment:
            ids = own.ids if path == url_path else _parse(file.read_text(encoding="utf-8")).ids
            if unquote(target.fragment) not in ids:
                broken.append(f"{link}: no id '{unquote(target.fragment)}' in {file.relative_to(site)}")
    return broken


def pdf_text_span(data: bytes) -> tuple[int, float]:
    """(pages, how much of the first page's height lies between its highest and lowest line of text).

    Measured between baselines, so a little less than the text really covers: a
    lower bound of the span.
    """
    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    baselines: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            # The text matrix's origin in page space: tm, then the current transformation cm.
            baselines.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return len(reader.pages), (max(baselines) - min(baselines)) / float(page.mediabox.height)


# --- what the card says ---------------------------------------------------------

def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


def postulates_items(html: str) -> list[tuple[str, str, str]]:
    """(id, question, short answer) of each definition and postulate on the built postulates page."""
    found = re.findall(r'<h2 class="(?:definition|postulate)" id="([^"]+)">(.*?)<a class="headerlink".*?</h2>\s*'
                       r'<p class="answer">(.*?)</p>', html, re.S)
    return [(id_, _text(question), _text(answer)) for id_, question, answer in found]


def card_items(html: str) -> list[tuple[str, str, str]]:
    """(id, question, short answer) of the definition, then of each postulate, on the built card page."""
    definition = re.findall(r'<div class="hb-card__definition" id="([^"]+)">\s*<p class="hb-card__term">(.*?)</p>\s*'
                            r'<p class="hb-card__meaning">(.*?)</p>', html, re.S)
    postulates = re.findall(r'<li id="([^"]+)"><strong class="hb-card__question">(.*?)</strong> '
                            r'<span class="hb-card__answer">(.*?)</span></li>', html, re.S)
    return [(id_, _text(question), _text(answer)) for id_, question, answer in definition + postulates]


def answer_links(html: str) -> list[str]:
    """The href of every link inside the card's short answers, in order."""
    answers = re.findall(r'<(?:p class="hb-card__meaning"|span class="hb-card__answer")>(.*?)</(?:p|span)>', html, re.S)
    return [href for answer in answers for href in re.findall(r'<a href="([^"]*)"', answer)]
