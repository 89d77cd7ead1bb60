"""Front matter: allowed keys and their types, required keys, invalid YAML."""
from __future__ import annotations

from handbook.adapter import display_path, file_language, source_texts
from handbook.findings import REPORT
from handbook.front_matter import check_front_matter
from handbook.languages import from_config, is_nested_build


def on_files(files, *, config):
    if is_nested_build(config):
        return files  # the sources are the same in every language build: check them once
    languages = from_config(config)
    roles = set((config.extra.get("roles") or {}).keys())
    for src_uri, text in source_texts(files).items():
        lang = languages.split(src_uri)[1]
        REPORT.extend(check_front_matter(display_path(config, src_uri), text,
                                         roles=roles, languages=languages, lang=lang))
    return files
