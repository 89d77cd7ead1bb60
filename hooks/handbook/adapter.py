"""What every hook needs from MkDocs objects, in one place."""
from __future__ import annotations

import os
from functools import lru_cache



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


def source_texts(files) -> dict[str, str]:
    """src_uri -> text for every Markdown page, all languages: read once per build, by the check pass."""
    texts = {}
    for f in files:
        if f.src_uri.endswith(".md"):
            with open(f.abs_src_path, encoding="utf-8-sig") as handle:
                texts[f.src_uri] = handle.read()
    return texts


# --- the check pass of the current build ------------------------------------

_current: dict = {"run": None}


def check_settings(config, files):
    """The core's settings (handbook.checks.Settings) from MkDocs' config and files."""
    from .checks import Settings
    from .languages import from_config
    from .placeholders import placeholder_values

    path, lines = config_file(config)
    return Settings(
        languages=from_config(config), files=frozenset(f.src_uri for f in files),
        roles=frozenset((config.extra.get("roles") or {}).keys()),
        placeholders=placeholder_values(config.extra.get("organisation") or {}),
        nav=config.nav or [], config_path=path, config_lines=tuple(lines), docs=docs_label(config))


def start_run(config, files):
    """Parse every page once and run the source checks; later hooks read the result."""
    from .checks import check_sources
    from .pages import read_pages

    settings = check_settings(config, files)
    _current["run"] = check_sources(read_pages(source_texts(files), settings.languages, settings.docs), settings)
    return _current["run"]


def current_run():
    """The check pass of the build under way (handbook.checks.CheckRun), or None."""
    return _current["run"]
