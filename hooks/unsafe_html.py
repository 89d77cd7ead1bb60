"""Unsafe content: raw script/iframe/object/embed/form, event handlers, javascript:/data: links."""
from __future__ import annotations

from handbook.adapter import display_path, source_texts
from handbook.findings import REPORT
from handbook.languages import is_nested_build
from handbook.source import split_front_matter
from handbook.unsafe import check_unsafe


def on_files(files, *, config):
    if is_nested_build(config):
        return files
    for src_uri, text in source_texts(files).items():
        fm = split_front_matter(text)
        REPORT.extend(check_unsafe(display_path(config, src_uri), fm.body, fm.body_line))
    return files
