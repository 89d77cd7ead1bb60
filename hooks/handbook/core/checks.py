"""The check pass: every check over the page models, once per build or `handbook check`.

Knows nothing of MkDocs: the adapter (hooks/checks.py, handbook.cli's check) hands it
the pages and the settings it needs, and reports what it returns.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from handbook.core.card import read_card
from handbook.core.findings import Finding
from handbook.core.front_matter import check_front_matter
from handbook.core.integrity import check_duplicate_ids, check_snippets, encoding_finding
from handbook.core.languages import Languages
from handbook.core.links import Site, check_links, check_nav
from handbook.core.organisation import check_colors
from handbook.core.pages import SourcePage
from handbook.core.placeholders import check_placeholders
from handbook.core.structure import check_structure
from handbook.core.translations import OUTDATED, UP_TO_DATE, TranslationState, translation_findings, translation_states
from handbook.core.allowlist import Allowlist, allowlist, guard
from handbook.core.unsafe import check_http_links, removal_findings


@dataclass(frozen=True)
class Settings:
    """What the checks need from the site's configuration."""
    languages: Languages
    files: frozenset[str]  # every file under docs/ (src_uri), pages and assets
    roles: frozenset[str] = frozenset()  # role ids pages may name as owner
    placeholders: dict = field(default_factory=dict)  # {{ name }} -> value
    nav: list = field(default_factory=list)
    colors: dict = field(default_factory=dict)  # extra.organisation.colors
    config_path: str = "mkdocs.yml"
    config_lines: tuple[str, ...] = ()
    docs: str = "docs"  # the docs folder as contributors see it
    allowlist: Allowlist = field(default_factory=allowlist)  # what rendered pages may contain
    snippet_folders: tuple[str, ...] = ()  # absolute paths --8<-- may include from


@dataclass
class CheckRun:
    pages: dict[str, SourcePage]
    site: Site
    states: list[TranslationState]
    findings: list[Finding]
    guarded: set[str] = field(default_factory=set)  # pages whose rendered HTML was reported on
    settings: Settings | None = None
    # language -> the pages its build rendered in that language, when their links are
    # checked after every language's build (handbook build's parts: handbook.core.parts)
    rendered: dict[str, list[str]] = field(default_factory=dict)


def check_sources(pages: dict[str, SourcePage], settings: Settings, undecodable: dict | None = None) -> CheckRun:
    """Every check that reads sources: front matter, unsafe content, placeholders,
    translations, the cards, the nav and the colours. Links need each page's anchors:
    check_page_links()."""
    found: list[Finding] = [encoding_finding(pages[uri], *where) for uri, where in sorted((undecodable or {}).items())]
    for page in pages.values():
        found += check_front_matter(page, roles=settings.roles, languages=settings.languages)
        found += check_duplicate_ids(page)
        found += check_snippets(page, settings.snippet_folders)
        found += check_http_links(page)
        found += check_placeholders(page, settings.placeholders)
    states = translation_states(pages, settings.languages)
    found += translation_findings(states, settings.docs)
    for state in states:  # what is up to date mirrors the original; outdated parts are reported as such
        if state.state in (UP_TO_DATE, OUTDATED) and state.path in pages and state.page in pages:
            found += check_structure(pages[state.page], pages[state.path], state.sections)
    site = link_site(pages, settings.languages, settings.files)
    found += check_cards(pages, site)
    found += check_nav(settings.nav, site, list(settings.config_lines), settings.config_path)
    found += check_colors(settings.colors, settings.config_path, list(settings.config_lines))
    return CheckRun(pages, site, states, found, settings=settings)


def link_site(pages: dict[str, SourcePage], languages: Languages, files) -> Site:
    """What links may point at: every file, and the pages each original says are not translated."""
    site = Site(languages, set(files))
    for page in pages.values():
        if page.lang == languages.default:
            site.untranslated[page.src_uri] = set((page.front_matter.data or {}).get("untranslated") or [])
    return site


def check_cards(pages: dict[str, SourcePage], site: Site) -> list[Finding]:
    """Each language's card (template: card.html) and the postulates page it is made
    from (card_from), as that language's build shows them."""
    found: set[Finding] = set()
    cards = {p.logical for p in pages.values() if (p.front_matter.data or {}).get("template") == "card.html"}
    for logical in sorted(cards):
        for lang in site.languages.all:
            card = pages.get(site.resolve(logical, lang))
            if card is None:
                continue
            name = card.front_matter.data.get("card_from", "postulates.md")
            if name not in site.pages:
                found.add(Finding(card.path, 1, 1, f"card source '{name}' does not exist; "
                                  "set 'card_from' to the postulates page", "card"))
                continue
            found.update(read_card(pages[site.resolve(name, lang)])[1])
    return sorted(found)


def check_published(run: CheckRun, src_uri: str, html: str, allow: Allowlist) -> tuple[str, list[Finding]]:
    """(what to publish, findings) for one page's rendered HTML: removals are reported
    the first time this run renders the page (every language build renders a fallback)."""
    published, removals = guard(html, allow)
    if not removals or src_uri in run.guarded or src_uri not in run.pages:
        return published, []
    run.guarded.add(src_uri)
    return published, removal_findings(run.pages[src_uri], removals)


def check_page_links(run: CheckRun, src_uris) -> list[Finding]:
    """The links of these pages, against the anchors ``run.site`` knows."""
    found: list[Finding] = []
    for src_uri in src_uris:
        page = run.pages[src_uri]
        found += check_links(page.path, src_uri, page.links, run.site)
    return found


def source_anchors(run: CheckRun, slugify) -> None:
    """Each language's anchors as read from the sources, where no build rendered them (a
    check without a build, the languages a preview of one does not build): a page's
    anchors in a language are those of the file that language shows."""
    langs = run.site.languages
    placeholders = run.settings.placeholders if run.settings else None
    for logical in run.site.pages:
        for lang in langs.all:
            shown = run.site.resolve(logical, lang)
            if shown in run.pages and (lang, shown) not in run.site.anchors:
                run.site.anchors[(lang, shown)] = run.pages[shown].anchors(slugify, placeholders)


def check_all(pages: dict[str, SourcePage], settings: Settings, slugify, render, undecodable=None) -> list[Finding]:
    """Every check, with anchors from the sources and each page rendered by ``render``
    (src_uri -> HTML): `handbook check`."""
    run = check_sources(pages, settings, undecodable)
    source_anchors(run, slugify)
    found = run.findings + check_page_links(run, sorted(pages))
    for src_uri in sorted(pages):
        found += check_published(run, src_uri, render(src_uri), settings.allowlist)[1]
    return found
