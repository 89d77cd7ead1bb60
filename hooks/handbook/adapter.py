"""What every hook needs from MkDocs objects, in one place."""
from __future__ import annotations

import os
from functools import lru_cache

from .languages import Languages


def docs_label(config) -> str:
    """The docs folder as a contributor sees it from the project root ("docs")."""
    root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    return os.path.relpath(config.docs_dir, root).replace(os.sep, "/")


def display_path(config, src_uri: str) -> str:
    return f"{docs_label(config)}/{src_uri}"


@lru_cache(maxsize=512)
def _read(path: str, mtime: float) -> str:
    with open(path, encoding="utf-8-sig") as handle:
        return handle.read()


def read_source(file) -> str:
    """A documentation file's text (cached until the file changes)."""
    return _read(file.abs_src_path, os.path.getmtime(file.abs_src_path))


def source_texts(files) -> dict[str, str]:
    """src_uri -> text for every Markdown page, all languages."""
    return {f.src_uri: read_source(f) for f in files if f.src_uri.endswith(".md")}


def file_language(file, languages: Languages) -> str:
    return languages.split(file.src_uri)[1]
