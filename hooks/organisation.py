"""The organisation, set once in mkdocs.yml `extra.organisation`: the published address
(site_url), the repository (repo_url, repo_name, edit_uri), the logo and favicon follow
from it; its colours are checked for contrast; pages' placeholders ({{ organisation }},
{{ contact }}, ...) are filled from it.
"""
from __future__ import annotations

import os

from mkdocs.plugins import event_priority

from handbook.adapter import display_path, source_texts
from handbook.findings import REPORT
from handbook.languages import is_nested_build
from handbook.organisation import check_colors, repository_settings, setting_lines, site_address
from handbook.placeholders import check_placeholders, fill_placeholders, placeholder_values
from handbook.source import split_front_matter

_command = {"name": "build"}


def on_startup(*, command, dirty):
    _command["name"] = command


@event_priority(50)  # before mkdocs-static-i18n (-100) makes the language switcher's links from site_url
def on_config(config):
    organisation = config.extra.get("organisation") or {}
    # `mkdocs serve` serves at its own address (http://127.0.0.1:8000/): left as it set it.
    if _command["name"] != "serve":
        address = site_address(organisation.get("intranet_url", ""), os.environ.get("HANDBOOK_SITE_URL", ""))
        if address:
            config.site_url = address
    for key, value in repository_settings(organisation.get("repository") or {},
                                          os.path.relpath(config.docs_dir, os.path.dirname(config.config_file_path))
                                          .replace(os.sep, "/")).items():
        config[key] = value
    if organisation.get("logo"):
        config.theme["logo"] = organisation["logo"]
        config.theme["favicon"] = organisation.get("favicon") or organisation["logo"]
    if not is_nested_build(config):
        REPORT.extend(_color_findings(config, organisation.get("colors") or {}))
    return config


def on_files(files, *, config):
    if is_nested_build(config):
        return files
    values = placeholder_values(config.extra.get("organisation") or {})
    for src_uri, text in source_texts(files).items():
        fm = split_front_matter(text)
        REPORT.extend(check_placeholders(display_path(config, src_uri), fm.body, fm.body_line, values))
    return files


def on_page_markdown(markdown, *, page, config, files):
    return fill_placeholders(markdown, placeholder_values(config.extra.get("organisation") or {}))


def _color_findings(config, colors: dict):
    """Contrast findings at the colour's line in the file that sets it."""
    path = config.config_file_path
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    lines = setting_lines(text, list(colors), after="colors")
    if len(lines) < len(colors):  # set in an inherited file (INHERIT): no line to point at
        lines = {**setting_lines(_inherited_text(text, path), list(colors), after="colors"), **lines}
    return check_colors(colors, os.path.basename(path), lines)


def _inherited_text(text: str, path: str) -> str:
    for line in text.splitlines():
        if line.startswith("INHERIT:"):
            parent = os.path.join(os.path.dirname(path), line.split(":", 1)[1].strip())
            with open(parent, encoding="utf-8") as handle:
                return handle.read()
    return ""
