"""The one adapter: what the hooks and tools need from MkDocs' and mkdocs-static-i18n's
objects, turned into the core's inputs (handbook.core knows nothing of MkDocs)."""
from __future__ import annotations

import os
from functools import lru_cache

from handbook.core.languages import Languages


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
    """src_uri -> text for every Markdown page, all languages: read once per build, by the
    check pass. A file that is not UTF-8 is read with its bad bytes replaced, and kept in
    undecodable() for the check that reports it and for the build, which reads it from there."""
    from handbook.core.source import decode

    texts, _current["undecodable"] = {}, {}
    for f in files:
        if f.src_uri.endswith(".md"):
            with open(f.abs_src_path, "rb") as handle:
                texts[f.src_uri], problem = decode(handle.read())
            if problem:
                _current["undecodable"][f.src_uri] = (f.abs_src_path, texts[f.src_uri], problem)
    return texts


def undecodable() -> dict:
    """src_uri -> (absolute path, text with replacements, (line, col, byte)) of files that are not UTF-8."""
    return _current.get("undecodable") or {}


# --- mkdocs-static-i18n's languages ----------------------------------------------

def from_config(config) -> Languages:
    """Languages from the i18n plugin's configuration (one language without it)."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        lang = config.theme.get("language") or "en"
        return Languages(lang, (lang,))
    langs = [entry.locale for entry in plugin.config.languages if entry.build]
    default = next(e.locale for e in plugin.config.languages if e.default)
    return Languages(default, tuple([default] + [lang for lang in langs if lang != default]))


def build_language(config) -> str:
    """The language the current (possibly nested) i18n build renders."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return from_config(config).default
    return plugin.current_language or from_config(config).default


def is_nested_build(config) -> bool:
    """True inside the per-language builds that mkdocs-static-i18n starts from the first."""
    plugin = config.plugins.get("i18n")
    return bool(plugin is not None and getattr(plugin, "building", False))


# --- the check pass of the current build ------------------------------------

_current: dict = {"run": None}


def check_settings(config, files):
    """The core's settings (handbook.checks.Settings) from MkDocs' config and files."""
    from handbook.core.checks import Settings
    from handbook.core.placeholders import placeholder_values

    path, lines = config_file(config)
    return Settings(
        languages=from_config(config), files=frozenset(f.src_uri for f in files),
        roles=frozenset((config.extra.get("roles") or {}).keys()),
        placeholders=placeholder_values(config.extra.get("organisation") or {}),
        nav=config.nav or [], colors=(config.extra.get("organisation") or {}).get("colors") or {},
        config_path=path, config_lines=tuple(lines), docs=docs_label(config),
        allowlist=html_allowlist(config), snippet_folders=snippet_folders(config))


def snippet_folders(config) -> tuple[str, ...]:
    """Where pymdownx.snippets includes from: its base_path, as it resolves it (from the
    working directory)."""
    import os

    settings = config.mdx_configs.get("pymdownx.snippets")
    if settings is None:
        return ()
    base = settings.get("base_path", ["."])
    return tuple(os.path.abspath(b) for b in ([base] if isinstance(base, str) else base))


def html_allowlist(config):
    """The allowlist for rendered pages, widened by ``extra.html_allowlist``; ValueError
    ('what; how to fix it') for a setting that would let unsafe content through."""
    from handbook.core.allowlist import allowlist, check_allowlist_setting

    widen = config.extra.get("html_allowlist")
    problems = check_allowlist_setting(widen)
    if problems:
        raise ValueError(problems[0])
    return allowlist(widen)


def start_run(config, files):
    """Parse every page once and run the source checks; later hooks read the result."""
    from handbook.core.checks import check_sources
    from handbook.core.pages import read_pages

    settings = check_settings(config, files)
    texts = source_texts(files)
    pages = read_pages(texts, settings.languages, settings.docs)
    _current["run"] = check_sources(pages, settings, {uri: problem for uri, (_, _, problem) in undecodable().items()})
    return _current["run"]


def current_run():
    """The check pass of the build under way (handbook.checks.CheckRun), or None."""
    return _current["run"]


# --- compiled templates ------------------------------------------------------

def compiled_templates():
    """A Jinja bytecode cache in memory, for every build of this process.

    MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n runs
    one build per language, so every template was compiled again for each language
    (and on every `mkdocs serve` rebuild). Jinja's own bytecode cache hands the
    compiled code to the next build; a template whose source changed is compiled
    again, as the cache compares checksums. Kept here, in an imported module, because
    MkDocs loads the hook files anew with the configuration on every rebuild.
    """
    from jinja2 import BytecodeCache

    class CompiledTemplates(BytecodeCache):
        def load_bytecode(self, bucket):
            cached = _compiled.get(bucket.key)
            if cached and cached[0] == bucket.checksum:
                bucket.code = cached[1]

        def dump_bytecode(self, bucket):
            _compiled[bucket.key] = (bucket.checksum, bucket.code)

    return CompiledTemplates()


_compiled: dict[str, tuple[str, object]] = {}  # cache key (template name and file) -> (checksum, code)
