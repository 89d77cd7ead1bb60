"""What every hook needs from MkDocs objects, in one place."""
from __future__ import annotations

import os
from functools import lru_cache

from .languages import Languages


def docs_label(config) -> str:
    """The docs folder as a contributor sees it from the project root ("docs")."""
    return _docs_label(config.config_file_path or "mkdocs.yml", config.docs_dir, os.getcwd())


@lru_cache(maxsize=64)  # asked once per finding and per page
def _docs_label(config_file_path: str, docs_dir: str, cwd: str) -> str:
    root = os.path.dirname(os.path.abspath(config_file_path))
    return os.path.relpath(docs_dir, root).replace(os.sep, "/")


def config_file(config) -> tuple[str, list[str]]:
    """mkdocs.yml as findings name it, and its lines (to point at a setting)."""
    with open(config.config_file_path, encoding="utf-8") as handle:
        return os.path.basename(config.config_file_path), handle.read().splitlines()


def display_path(config, src_uri: str) -> str:
    return f"{docs_label(config)}/{src_uri}"


@lru_cache(maxsize=8192)  # every page, in every language: several hooks read each one
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
