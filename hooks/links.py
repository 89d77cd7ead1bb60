"""Links and anchors in every language, beside MkDocs' own validation.

MkDocs validates each language build and logs its findings without line numbers;
mkdocs.yml sets those to info. This hook runs the cross-language checks in
handbook/links.py and reports them with file:line:col.
"""
from __future__ import annotations

from mkdocs.plugins import event_priority

from handbook.adapter import config_file, display_path, read_source
from handbook.findings import REPORT
from handbook.languages import build_language, from_config, is_nested_build
from handbook.links import Site, check_links, check_nav
from handbook.source import iter_links, split_front_matter

_state: dict = {"site": None, "links": {}}


# --- hooks ------------------------------------------------------------------

def on_config(config):
    if not is_nested_build(config):
        _state.update(site=None, links={})


def on_files(files, *, config):
    if is_nested_build(config):
        return files
    languages = from_config(config)
    site = Site(languages, {f.src_uri for f in files})
    for f in files:
        if f.src_uri.endswith(".md") and languages.split(f.src_uri)[1] == languages.default:
            meta = split_front_matter(read_source(f)).data or {}
            site.untranslated[f.src_uri] = set(meta.get("untranslated") or [])
    _state["site"] = site
    yml_path, yml_lines = config_file(config)
    REPORT.extend(check_nav(config.nav or [], site, yml_lines, yml_path))
    return files


def on_page_markdown(markdown, *, page, config, files):
    site = _state["site"]
    if site and site.languages.split(page.file.src_uri)[1] == build_language(config):
        fm = split_front_matter(read_source(page.file))
        _state["links"][page.file.src_uri] = list(iter_links(fm.body, fm.body_line))
    return markdown


def on_page_content(html, *, page, config, files):
    if _state["site"] is not None:
        _state["site"].anchors[(build_language(config), page.file.src_uri)] = set(page.present_anchor_ids or ())
    return html


@event_priority(-50)  # after MkDocs' anchor validation, before i18n starts the next language
def on_post_build(*, config):
    site, pending = _state["site"], _state["links"]
    if site is not None:
        for src_uri, links in pending.items():
            REPORT.extend(check_links(display_path(config, src_uri), src_uri, links, site))
    _state["links"] = {}
