"""Translation status: missing and outdated translations, reader notices, the status page."""
from __future__ import annotations

from handbook.core.structure import local_sections
from handbook.core.translations import OUTDATED, UNTRANSLATED, section_notices
from handbook.mkdocs_adapter import build_language, current_run, from_config, is_nested_build

STATUS_TEMPLATE = "translation-status.html"
_state: dict = {"states": [], "outdated": set(), "on_purpose": set()}


# --- hooks ------------------------------------------------------------------

def on_files(files, *, config):
    """The states come from the check pass (hooks/checks.py, listed before this hook)."""
    if is_nested_build(config):
        return files
    states = current_run().states
    _state["states"] = states
    _state["outdated"] = {s.path: s for s in states if s.state == OUTDATED}  # looked up for every page
    _state["on_purpose"] = {(s.page, s.lang) for s in states if s.state == UNTRANSLATED}
    return files


def on_page_markdown(markdown, *, page, config, files):
    """Mark pages that need a notice; overrides/partials/translation-notice.html shows it:
    the original shown because it is not translated on purpose ("untranslated") or not
    yet ("missing"), or a translation older than its original ("outdated")."""
    languages = from_config(config)
    lang, file_lang = build_language(config), languages.split(page.file.src_uri)[1]
    if file_lang != lang:
        on_purpose = (page.file.src_uri, lang) in _state["on_purpose"]
        page.meta["translation_state"] = "untranslated" if on_purpose else "missing"
    elif page.file.src_uri in _state["outdated"]:
        state = _state["outdated"][page.file.src_uri]
        page.meta["translation_state"] = "outdated"
        page.meta["outdated_sections"] = len(state.sections)
        return section_notices(markdown, state.sections, _original_url(page, languages, config),
                               config.extra.get("strings") or {}, languages.default)
    return markdown


def on_page_context(context, *, page, config, nav):
    # The page owner's link (overrides/partials/page-owner.html): the roles page of this language's build.
    context["roles_page_url"] = _roles_url(nav, from_config(config))
    if page.meta.get("template") == STATUS_TEMPLATE:
        context["translation_rows"] = _rows(config, nav, page)
    return context


# --- helpers ----------------------------------------------------------------

_roles: dict = {}


def _roles_url(nav, languages):
    """The roles page's URL in this build's nav, found once per nav (every page asks)."""
    if _roles.get("nav") is not nav:
        roles = next((p for p in nav.pages if languages.split(p.file.src_uri)[0] == "roles.md"), None)
        _roles.update(nav=nav, url=roles.url if roles else None)
    return _roles["url"]

def _original_url(page, languages, config) -> str:
    """The original's page, relative to this translation's."""
    from mkdocs.utils import get_relative_url

    prefix = languages.url_prefix(build_language(config))
    url = page.url[len(prefix):].lstrip("/") if prefix and page.url.startswith(prefix) else page.url
    return get_relative_url(url or ".", page.url or ".")

def _rows(config, nav, status_page):
    """One row per original page: its title and URL, and each language's state. The
    status page itself is on the contributors' side, outside the navigation."""
    languages = from_config(config)
    shown = [*nav.pages, status_page]
    titles = {p.file.src_uri: p.title for p in shown}
    urls = {p.file.src_uri: p.url for p in shown}
    rows = {}
    local = local_sections(current_run().pages) if current_run() else {}
    for s in _state["states"]:
        row = rows.setdefault(s.page, {"page": s.page, "states": {}, "sections": {}, "local": {}})
        row["states"][s.lang] = s.state
        row["sections"][s.lang] = [key for key in s.sections if not key.startswith("_")]
        row["local"][s.lang] = local.get(s.path, [])
    for page, row in rows.items():
        own = languages.path_for(page, build_language(config))
        row["title"] = titles.get(own) or titles.get(page) or page
        row["url"] = urls.get(own) or urls.get(page) or ""
    # In the navigation's order, as readers know the pages; pages outside it after, by name.
    order = {languages.split(p.file.src_uri)[0]: i for i, p in enumerate(nav.pages)}
    return [rows[p] for p in sorted(rows, key=lambda page: (order.get(page, len(order)), page))]
