"""Links and anchors in every language, on top of MkDocs' own validation.

MkDocs validates each language build and logs warnings without line numbers.
This hook runs the cross-language checks in handbook/links.py, then holds back
MkDocs' message for any link it has already reported with file:line:col, so a
contributor sees each problem once; every other MkDocs message passes unchanged.
"""
from __future__ import annotations

import logging
import re

from mkdocs.plugins import event_priority

from handbook.adapter import config_file, display_path, read_source
from handbook.findings import REPORT
from handbook.languages import build_language, from_config, is_nested_build
from handbook.links import Site, check_links, check_nav
from handbook.source import iter_links, split_front_matter

_MKDOCS_LINK = re.compile(r"Doc file '([^']+)' contains (?:a|an absolute|an unrecognized relative) link '([^']+)'")
_MKDOCS_NAV = re.compile(r"A reference to '([^']+)' is included in the 'nav' configuration")
_LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav")


class _HeldMessages(logging.Filter):
    """Holds MkDocs' link warnings of one build until this hook has run its checks."""

    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def filter(self, record):
        if getattr(record, "handbook_released", False) or record.levelno < logging.WARNING:
            return True
        self.records.append(record)
        return False

    def release(self, covered: set[tuple[str, str]]) -> None:
        records, self.records = self.records, []
        for record in records:
            message = record.getMessage()
            m = _MKDOCS_LINK.match(message)
            n = _MKDOCS_NAV.match(message)
            if (m and (m.group(1), m.group(2)) in covered) or (n and ("nav", n.group(1)) in covered):
                continue
            record.handbook_released = True
            logging.getLogger(record.name).handle(record)


_held = _HeldMessages()
_state: dict = {"site": None, "links": {}, "covered": set()}


# --- hooks ------------------------------------------------------------------

def on_config(config):
    if not is_nested_build(config):
        _state.update(site=None, links={}, covered=set())
        for name in _LOGGERS:
            logger = logging.getLogger(name)
            if _held not in logger.filters:
                logger.addFilter(_held)


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
    nav_findings = check_nav(config.nav or [], site, yml_lines, yml_path)
    REPORT.extend(nav_findings)
    _state["nav_covered"] = {("nav", f.message.split("'")[1]) for f in nav_findings}
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
    covered = set(_state.get("nav_covered", ()))
    if site is not None:
        for src_uri, links in pending.items():
            found, targets = check_links(display_path(config, src_uri), src_uri, links, site)
            REPORT.extend(found)
            covered.update((src_uri, target) for target in targets)
    _state["links"] = {}
    _held.release(covered)
    if not is_nested_build(config) and config.plugins.get("i18n") is None:
        _detach()


def on_shutdown():
    _detach()


def _detach():
    for name in _LOGGERS:
        logging.getLogger(name).removeFilter(_held)
