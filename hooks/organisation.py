"""The organisation, set once in mkdocs.yml `extra.organisation`: the published address
(site_url), the repository (repo_url, repo_name, edit_uri), the logo, favicon and the
footer's copyright line follow from it; its colours are checked for contrast (in hooks/checks.py); pages' placeholders ({{ organisation }},
{{ contact }}, ...) are filled from it (and checked in hooks/checks.py).
"""
from __future__ import annotations

from mkdocs.plugins import event_priority

from handbook.core.organisation import footer_line, repository_settings
from handbook.core.placeholders import fill_placeholders, placeholder_values
from handbook.mkdocs_adapter import docs_label, published_address

_command = {"name": "build"}


def on_startup(*, command, dirty):
    _command["name"] = command


@event_priority(50)  # before mkdocs-static-i18n (-100) makes the language switcher's links from site_url
def on_config(config):
    organisation = config.extra.get("organisation") or {}
    # `mkdocs serve` serves at its own address (http://127.0.0.1:8000/): left as it set it.
    if _command["name"] != "serve":
        config.site_url = published_address(config)
    for key, value in repository_settings(organisation.get("repository") or {}, docs_label(config)).items():
        config[key] = value
    if not config.copyright:
        config.copyright = footer_line(organisation)
    if organisation.get("logo"):
        config.theme["logo"] = organisation["logo"]
        config.theme["favicon"] = organisation.get("favicon") or organisation["logo"]
    return config


def on_page_markdown(markdown, *, page, config, files):
    return fill_placeholders(markdown, placeholder_values(config.extra.get("organisation") or {}))
