"""Each template compiled once per process, not once per language and rebuild
(handbook.mkdocs_adapter.compiled_templates)."""
from __future__ import annotations

from handbook.mkdocs_adapter import compiled_templates


def on_env(env, *, config, files):
    env.bytecode_cache = compiled_templates()
    return env
