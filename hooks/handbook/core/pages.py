"""The page model: one documentation page's source, each part parsed once and on demand.

Every check reads pages through this model (handbook.checks), so a page is read and
parsed once per build or per `handbook check`, whichever check asks first.
"""
from __future__ import annotations

from functools import cached_property

import re

from handbook.core.languages import Languages
from handbook.core.placeholders import fill_placeholders
from handbook.core.structure import Section, sections
from handbook.core.source import FrontMatter, Heading, Link, iter_headings, iter_links, prose_lines, split_front_matter
from handbook.core.translations import front_matter_version

_ATTR_ID = re.compile(r"\{:?[^}\n]*?#([\w-]+)[^}\n]*\}")  # attr_list: {#id}, {: #id .class }
_HTML_ID = re.compile(r"""<[a-z][^>]*?\sid\s*=\s*["']([^"']+)["']""", re.I)
_FOOTNOTE_DEFINITION = re.compile(r"\s{0,3}\[\^([^\]]+)\]:")  # at a line's start, as the footnotes extension reads it
_FOOTNOTE = re.compile(r"\[\^([^\]]+)\]")  # a reference, anywhere else
_RELEASED = ("lines", "prose", "sections")  # cached_property keeps each in the instance's __dict__


class SourcePage:
    def __init__(self, src_uri: str, text: str, languages: Languages, docs: str = "docs"):
        self.src_uri = src_uri  # inside docs/: "roles.fi.md"
        self.text = text
        self.path = f"{docs}/{src_uri}"  # as the contributor sees it: "docs/roles.fi.md"
        self.logical, self.lang = languages.split(src_uri)  # "roles.md", "fi"
        self.languages = languages

    @cached_property
    def front_matter(self) -> FrontMatter:
        return split_front_matter(self.text)

    @cached_property
    def lines(self) -> tuple[str, ...]:
        """The source's lines as written, for quoting: lines[n - 1] is line n."""
        return tuple(self.text.splitlines())

    @cached_property
    def prose(self) -> tuple[tuple[int, str], ...]:
        """(line, text) outside fenced code, inline code blanked: what checks read."""
        start = self.front_matter.body_line
        return prose_lines(self.lines[start - 1:], start)

    @cached_property
    def links(self) -> tuple[Link, ...]:
        return iter_links(self.prose)

    @cached_property
    def sections(self) -> list[Section]:
        """Its sections and what each holds, for the structure check: once per page,
        although an original is compared with each of its translations."""
        return sections(self, self.languages)

    @cached_property
    def headings(self) -> tuple[Heading, ...]:
        return tuple(iter_headings(self.prose))

    @cached_property
    def version(self) -> str:
        """The version translations record (source_hash) when this page is an original."""
        return front_matter_version(self.front_matter)

    def release(self) -> None:
        """Forget the parts only the check pass reads (lines, lines outside code, sections):
        a build keeps its page models to its end, for the link check and the guard, and
        those parts were half of their memory. A part asked for again is parsed again."""
        for name in _RELEASED:
            self.__dict__.pop(name, None)

    def anchors(self, slugify, placeholders: dict | None = None) -> set[str]:
        """The ids the rendered page will have, read from the source: each heading's own
        {#id}, or its text as ``slugify`` (the toc extension's) makes it, with its
        placeholders filled in as the build fills them, unique as the toc extension makes
        them; attr_list ids; raw HTML ids; the footnotes' (fn:x, and fnref:x, fnref2:x, ...
        for each reference)."""
        ids: set[str] = set()
        for heading in self.headings:
            ident = heading.id or slugify(_plain(fill_placeholders(heading.text, placeholders or {})), "-")
            unique, n = ident, 0
            while unique in ids:
                n += 1
                unique = f"{ident}_{n}"
            ids.add(unique)
        defined, referenced = set(), []
        for _, line in self.prose:
            ids.update(_ATTR_ID.findall(line) if "{" in line else ())
            ids.update(_HTML_ID.findall(line) if "<" in line and "id" in line else ())
            if "[^" in line:
                definition = _FOOTNOTE_DEFINITION.match(line)
                if definition:
                    defined.add(definition[1])
                referenced += _FOOTNOTE.findall(line, definition.end() if definition else 0)
        ids.update(f"fn:{label}" for label in defined)
        count: dict[str, int] = {}
        for label in referenced:  # a reference to no footnote stays text
            if label in defined:
                count[label] = n = count.get(label, 0) + 1
                ids.add(f"fnref{n if n > 1 else ''}:{label}")
        return ids


def explicit_ids(page: SourcePage) -> list[tuple[int, int, str]]:
    """(line, col, id) of every id the page's source gives: {#id} on headings and attr_list
    blocks, id="..." in raw HTML."""
    found = []
    for number, line in page.prose:
        if "{" in line:
            found += [(number, m.start(1), m.group(1)) for m in _ATTR_ID.finditer(line)]
        if "<" in line and "id" in line:  # the pattern needs a tag
            found += [(number, m.start(1) + 1, m.group(1)) for m in _HTML_ID.finditer(line)]
    return sorted(found)


def _plain(text: str) -> str:
    """A heading's text as the toc extension slugifies it: without Markdown marks."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text)


def read_pages(texts: dict[str, str], languages: Languages, docs: str = "docs") -> dict[str, SourcePage]:
    """src_uri -> page, for every Markdown text in ``texts`` (src_uri -> text)."""
    return {src_uri: SourcePage(src_uri, text, languages, docs) for src_uri, text in texts.items()
            if src_uri.endswith(".md")}
