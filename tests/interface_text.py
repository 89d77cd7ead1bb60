"""Interface text on a built page that belongs to another language.

A page's interface text is what Material and the handbook's templates write around
the content: visible text outside the page's own words (CONTENT; inside the article
only the templates' parts count: CHROME), the attributes a reader or a screen reader meets anywhere
(aria-label, title, alt, placeholder) and the strings handed to Material's JavaScript. A string is
another language's when it is one of Material's or the handbook's strings of another
language and not one of the page language's own. Text inside an element that declares
its language (lang="en", the language menu's names) is announced, so it counts as that
language's.
"""
from __future__ import annotations

import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import material

from sites import LANGUAGE_SETTINGS

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
# Settings, not words a reader sees.
_NOT_TEXT = ("language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator")
_ENTRY = re.compile(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)",?\s*$', re.M)
ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
# English that Material and Python-Markdown write outside Material's language files.
ENGLISH_DEFAULTS = {"Permanent link", "Made with", "logo"}
# Where the page's own words are: the article, and the titles and headings that the
# navigation, the table of contents, the header and the footer repeat from pages.
CONTENT = {"md-content__inner", "md-nav__link", "md-ellipsis"}
# The templates' parts inside the article: heading links, buttons, notices, the page owner, the
# last-updated date, the card's actions and footer, the status table, the 404 heading.
CHROME = {"headerlink", "md-content__button", "md-source-file", "hb-translation-notice", "hb-page-owner", "hb-card-actions",
          "hb-card__footer", "hb-status", "hb-not-found"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@cache
def material_strings(locale: str) -> dict[str, str]:
    """Material's strings for ``locale`` (its partials/languages/<locale>.html), by key."""
    path = MATERIAL_LANGUAGES / f"{locale}.html"
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    return {key: json.loads(f'"{value}"') for key, value in _ENTRY.findall(text) if key not in _NOT_TEXT}


def project_strings(extra: dict) -> set[str]:
    """The strings a language sets in mkdocs.yml: its templates' strings, role names,
    and its corrections of Material's."""
    values = list((extra.get("strings") or {}).values()) + list((extra.get("roles") or {}).values())
    values += list((extra.get("interface_strings") or {}).values())
    return {str(v) for v in values}


def own_strings(locale: str, settings=LANGUAGE_SETTINGS) -> set[str]:
    """A language's own strings: its project strings, and Material's strings for it
    that are really translated (Material leaves some in English)."""
    english = material_strings("en")
    translated = {v for k, v in material_strings(locale).items() if locale == "en" or v != english.get(k)}
    return project_strings(settings[locale].extra) | translated | (ENGLISH_DEFAULTS if locale == "en" else set())


def foreign_strings(locale: str, settings=LANGUAGE_SETTINGS) -> set[str]:
    """Every other language's strings, Material's and the project's, that ``locale`` does not share;
    plus Material's English, which it falls back to for a string a language lacks."""
    others = set(material_strings("en").values()) | ENGLISH_DEFAULTS
    for other, language in settings.items():
        if other != locale:
            others |= project_strings(language.extra) | set(material_strings(other).values())
    return {s for s in others - own_strings(locale, settings) if s.strip()}


class _InterfaceText(HTMLParser):
    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._langs = [page_lang]
        self._tags: list[str] = []
        self._content = [False]  # inside the page's own words, not in CHROME
        self._classes: list[str] = []  # the classes of the open elements
        self._added: list[int] = []  # how many of them each open element added
        self._config = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang") or self._langs[-1]
        classes = set((attrs.get("class") or "").split())
        content = (bool(classes & CONTENT) or tag == "title" or self._content[-1]) and not classes & CHROME
        # A section of the navigation or the table of contents is named after its page or heading.
        titled = tag == "nav" and "md-nav__item" in self._classes
        if lang == self._langs[0] and not content and not titled:
            self.texts += [attrs[name] for name in ATTRIBUTES if attrs.get(name)]
        self._classes.extend(classes)
        self._config = tag == "script" and attrs.get("id") == "__config"
        if tag not in _VOID:
            self._tags.append(tag)
            self._langs.append(lang)
            self._content.append(content)
            self._added.append(len(classes))
        else:
            del self._classes[len(self._classes) - len(classes):]

    def handle_endtag(self, tag):
        if tag in self._tags:
            index = len(self._tags) - 1 - self._tags[::-1].index(tag)
            del self._classes[len(self._classes) - sum(self._added[index:]):]
            del self._tags[index:], self._langs[index + 1:], self._content[index + 1:], self._added[index:]
        self._config = False

    def handle_data(self, data):
        if self._config:
            self.texts += list(json.loads(data).get("translations", {}).values())
        elif (self._langs[-1] == self._langs[0] and not self._content[-1]
              and (not self._tags or self._tags[-1] not in ("script", "style"))):
            self.texts.append(data)


def interface_texts(html: str, page_lang: str) -> list[str]:
    """The page's texts in its own language: text, the attributes above, Material's
    JavaScript strings; whitespace collapsed, and the separators around a string
    ("Page owner:", " · ") taken off."""
    parser = _InterfaceText(page_lang)
    parser.feed(html)
    return [text for text in (" ".join(t.split()).strip(" :·|–-") for t in parser.texts) if text]


def other_languages_text(html: str, page_lang: str, settings=LANGUAGE_SETTINGS) -> list[str]:
    """The page's interface texts that are another language's strings, in page order."""
    foreign = foreign_strings(page_lang, settings)
    return [text for text in interface_texts(html, page_lang) if text in foreign]
