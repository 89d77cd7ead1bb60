"""Each template compiled once per process, not once per language and rebuild
(handbook.mkdocs_adapter.CompiledTemplates)."""
from __future__ import annotations

from handbook.mkdocs_adapter import CompiledTemplates


def on_env(env, *, config, files):
    env.bytecode_cache = CompiledTemplates()
    return env
