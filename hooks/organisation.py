"""Organisation placeholders ({{ organisation }}, {{ contact }}, ...) filled from mkdocs.yml."""
from __future__ import annotations

from handbook.adapter import display_path, source_texts
from handbook.findings import REPORT
from handbook.languages import is_nested_build
from handbook.placeholders import check_placeholders, fill_placeholders, placeholder_values
from handbook.source import split_front_matter


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
