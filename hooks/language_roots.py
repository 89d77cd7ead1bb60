"""Give every language its own 404 page, sitemap and search index under its root.

mkdocs-static-i18n renders every language into the same site_dir, so each build
overwrites site/404.html, site/sitemap.xml and site/search/search_index.json, and
at the end it merges all languages into one search index. That leaves a Hebrew
root 404, Norwegian results in English searches, and Hebrew searched with the
English pipeline. Here each language build's copies move to /<lang>/, the default
language's are put back at the root, and each index carries its own search language,
separator and pipeline (handbook.search.SETTINGS, from each language's `extra`). An
offline build (Material's offline plugin) also gets each index as search_index.js.
Pages of a language with prefixes get the rules to strip them from queries too.
"""
from __future__ import annotations

import json
import os

from mkdocs.plugins import event_priority

from handbook.core.search import index_script, index_settings, language_index, query_prefixes
from handbook.mkdocs_adapter import build_language, from_config, is_default_language_build, only_language

PER_LANGUAGE = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json")
INDEX = "search/search_index.json"
SCRIPT = "search/search_index.js"  # the index for file://, written by the offline plugin
_kept: dict[str, bytes] = {}  # the default language's copies, while other languages build
_default: dict = {}  # the default language's search settings


def on_pre_build(*, config):
    if is_default_language_build(config):
        _kept.clear()
        _default.clear()
        _default.update(index_settings(config.extra))
        return
    if only_language():  # no default language's build wrote the root's: this language's stay there
        return
    for name in PER_LANGUAGE:  # the default build wrote these already: keep them
        path = os.path.join(config.site_dir, name)
        if name not in _kept and os.path.exists(path):
            with open(path, "rb") as handle:
                _kept[name] = handle.read()


def on_env(env, *, config, files):
    # Each language's build renders its own pages: the search box strips that
    # language's prefixes from queries (overrides/main.html, extrahead).
    env.globals["search_query_prefixes"] = query_prefixes(config.extra)
    return env


def on_template_context(context, *, template_name, config):
    # The sitemap lists its own language's pages (each with its alternates): i18n hands
    # it every language built so far, so /nb/ listed English and Finnish pages too, and
    # a language's sitemap depended on the languages built before it.
    alternates = context.get("i18n_alternates")
    if template_name == "sitemap.xml" and isinstance(alternates, dict):
        lang = build_language(config)
        context["i18n_alternates"] = {lang: alternates[lang]} if lang in alternates else {}
    return context


@event_priority(-150)  # after the search plugin, and after i18n's merged index
def on_post_build(*, config):
    root_index = os.path.join(config.site_dir, INDEX)
    if is_default_language_build(config):
        raw = _kept.get(INDEX) or (_read(root_index) if os.path.exists(root_index) else None)
        if raw is not None:  # undo i18n's merge of every language into the root index
            _write_index(config, root_index, _retarget(raw, "", _default))
        return
    prefix = from_config(config).url_prefix(build_language(config))
    for name in PER_LANGUAGE:
        src = os.path.join(config.site_dir, name)
        if not os.path.exists(src):
            continue
        dest = os.path.join(config.site_dir, prefix, name)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        content = _read(src)
        if name == INDEX:
            _write_index(config, dest, _retarget(content, prefix, index_settings(config.extra)))
        else:
            _write(dest, content)
        if name in _kept:
            _write(src, _kept[name])


def _retarget(raw: bytes, prefix: str, settings: dict) -> bytes:
    data = language_index(json.loads(raw), prefix, **settings)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# The index, and beside it its script when the offline plugin is on.
def _write_index(config, path: str, content: bytes) -> None:
    _write(path, content)
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if offline is not None and offline.config.enabled:
        _write(os.path.join(os.path.dirname(path), os.path.basename(SCRIPT)), index_script(content))


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _write(path: str, content: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(content)
