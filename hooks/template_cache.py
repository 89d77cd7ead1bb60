"""Each template compiled once, not once per language, rebuild and process: kept in
memory and in .cache/handbook/ (handbook.mkdocs_adapter.CompiledTemplates)."""
from __future__ import annotations

from handbook.mkdocs_adapter import CompiledTemplates, template_cache_folder


def on_env(env, *, config, files):
    env.bytecode_cache = CompiledTemplates(template_cache_folder(config, env))
    return env
