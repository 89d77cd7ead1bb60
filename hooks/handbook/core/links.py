"""Links and anchors across languages.

MkDocs already validates links inside one language build, without line numbers.
These checks add what it cannot know: the line and column, the language a link
lands on, absolute links written as built URLs, and the nearest fix.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property

from handbook.core.findings import Finding
from handbook.core.languages import Languages
from handbook.core.source import Link
from handbook.core.suggest import nearest, nearest_page

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)

def language_name(code: str) -> str:
    return f"'{code}'"


@dataclass
class Site:
    """What links may point at: source files of every language and each page's anchors."""

    languages: Languages
    files: set[str]  # every src_uri under docs/, all languages
    anchors: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (lang, src_uri) -> ids
    untranslated: dict[str, set[str]] = field(default_factory=dict)  # logical page -> languages

    @cached_property  # asked for every link; the files do not change once the Site is made
    def pages(self) -> set[str]:
        return {self.languages.split(f)[0] for f in self.files if f.endswith(".md")}

    def resolve(self, logical: str, lang: str) -> str:
        """The file a link to ``logical`` opens in a ``lang`` build (i18n's fallback rule)."""
        own = self.languages.path_for(logical, lang)
        return own if own in self.files else logical

    def page_for_url(self, url_path: str) -> tuple[str | None, str]:
        """Map a built URL path ('fi/roles/', 'roles/index.html') to (logical page, language)."""
        parts = [p for p in url_path.strip("/").split("/") if p]
        lang = self.languages.default
        if parts and parts[0] in self.languages.others:
            lang = parts.pop(0)
        if parts and parts[-1] in ("index.html", "index.htm"):
            parts.pop()
        elif parts and parts[-1].endswith(".html"):
            parts[-1] = parts[-1][:-5]
        stem = "/".join(parts)
        for candidate in ([f"{stem}.md", f"{stem}/index.md"] if stem else ["index.md"]):
            if candidate in self.pages:
                return candidate, lang
        return None, lang


def check_links(path: str, src_uri: str, links, site: Site) -> list[Finding]:
    """Findings for one page's links.

    ``path`` is how the contributor sees the page ("docs/roles.fi.md"); ``src_uri``
    is its path inside docs/.
    """
    langs = site.languages
    _, lang = langs.split(src_uri)
    found: list[Finding] = []

    def report(link: Link, message: str) -> None:
        found.append(Finding(path, link.line, link.col, message, "link", link.source_line))

    for link in links:
        target = link.target
        if not target or _SCHEME.match(target) or target.startswith("//"):
            continue
        url, _, anchor = target.partition("#")
        url = url.split("?", 1)[0]
        if not url:
            if anchor:
                _check_anchor(report, link, site, lang, src_uri, anchor, same_page=True)
            continue
        if url.startswith("/"):
            logical, url_lang = site.page_for_url(url)
            fix = _relative(src_uri, logical) + (f"#{anchor}" if anchor else "") if logical else None
            hint = f"did you mean '{fix}'?" if fix else "link to the Markdown file relative to this page"
            report(link, f"absolute link '{target}' breaks when the handbook is served under a sub-path"
                         f"{' and always opens the ' + language_name(url_lang) + ' page' if url_lang != lang else ''}; {hint}")
            continue
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), url))
        if url.endswith("/"):
            joined += "/"
        if not joined.endswith(".md"):
            if joined in site.files:
                continue  # an image or a download
            # Not a file: the browser resolves it against the page's built URL.
            built = posixpath.normpath(posixpath.join(_url_dir(src_uri, langs), url)) + ("/" if url.endswith("/") else "")
            logical, url_lang = site.page_for_url(built)
            if logical:
                fix = _relative(src_uri, logical) + (f"#{anchor}" if anchor else "")
                other = f" of the {language_name(url_lang)} site" if url_lang != lang else ""
                report(link, f"link '{target}' points at a built URL{other}, not a page; did you mean '{fix}'?")
            else:
                guess = nearest(posixpath.basename(joined.rstrip("/")), site.files)
                report(link, f"link target '{url}' does not exist in docs/"
                             + (f"; did you mean '{_relative(src_uri, guess)}'?" if guess else "; check the path"))
            continue
        logical, target_lang = langs.split(joined)
        if logical not in site.pages:
            guess = nearest_page(logical, site.pages)
            report(link, f"link target '{url}' does not exist in any language"
                         + (f"; did you mean '{_relative(src_uri, guess)}'?" if guess else "; check the file name"))
            continue
        if target_lang != langs.default and target_lang != lang:
            report(link, f"link names the {language_name(target_lang)} file '{posixpath.basename(joined)}', "
                         f"so {language_name(lang)} readers land on a {language_name(target_lang)} page; "
                         f"did you mean '{_relative(src_uri, logical)}{'#' + anchor if anchor else ''}'? (the build picks each language's own page)")
            continue
        resolved = site.resolve(logical, lang)
        if lang != langs.default and resolved == logical and lang not in site.untranslated.get(logical, set()):
            report(link, f"link lands on the {language_name(langs.default)} page because "
                         f"'{langs.path_for(logical, lang)}' does not exist; translate that page, "
                         f"or mark the original 'untranslated: [{lang}]'")
            continue
        if anchor:
            _check_anchor(report, link, site, lang, resolved, anchor)
    return found


def _check_anchor(report, link: Link, site: Site, lang: str, target_file: str, anchor: str, same_page=False):
    ids = site.anchors.get((lang, target_file))
    if ids is None or anchor in ids:
        return
    where = "this page" if same_page else f"'{target_file}'"
    logical, _ = site.languages.split(target_file)
    original = site.anchors.get((site.languages.default, logical), set())
    if target_file != logical and anchor in original:
        guess = nearest(anchor, ids)
        report(link, f"anchor '#{anchor}' exists in the {language_name(site.languages.default)} original "
                     f"but not in {where}; give the matching heading the same id: '{{#{anchor}}}'"
                     + (f" (the closest id there is '#{guess}')" if guess else ""))
        return
    guess = nearest(anchor, ids)
    report(link, f"{where} has no anchor '#{anchor}'"
                 + (f"; did you mean '#{guess}'?" if guess else "; link to an existing heading id"))


def _url_dir(src_uri: str, languages: Languages) -> str:
    """The folder of a page's built URL: 'roles.fi.md' -> 'fi/roles', 'index.md' -> '.'."""
    logical, lang = languages.split(src_uri)
    stem = logical[:-3]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    return posixpath.join(languages.url_prefix(lang), stem) or "."


def _relative(src_uri: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(src_uri) or ".")


def check_nav(nav, site: Site, yml_lines: list[str], yml_path: str = "mkdocs.yml") -> list[Finding]:
    """Nav entries (Markdown paths) that no language has."""
    found = []
    for entry in _nav_paths(nav):
        if _SCHEME.match(entry) or entry.startswith("/") or entry in site.pages:
            continue
        # The entry as a whole value ("- x.md", "Title: x.md"), not inside a longer path.
        whole = re.compile(rf"(?:^|[\s:])['\"]?{re.escape(entry)}['\"]?\s*(?:#.*)?$")
        number = next((i for i, line in enumerate(yml_lines, 1)
                       if whole.search(line) and not line.lstrip().startswith("#")), 0)
        quote = yml_lines[number - 1] if number else ""
        col = quote.find(entry) + 1 if number else 0
        guess = nearest_page(entry, site.pages)
        found.append(Finding(yml_path, number, col,
                             f"nav entry '{entry}' points to no page in docs/"
                             + (f"; did you mean '{guess}'?" if guess else "; create the page or remove the entry"),
                             "nav", quote))
    return found


def _nav_paths(nav):
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_paths(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_paths(value)
