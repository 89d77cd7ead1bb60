"""Compile each template once per process, not once per language.

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n
runs one build per language, so Material's templates and ours were compiled
again for each language (and on every `mkdocs serve` rebuild). Jinja's own
bytecode cache, kept in memory, hands the compiled code to the next build; a
template whose source changed is compiled again (the cache checks its checksum).
"""
from __future__ import annotations

from jinja2 import BytecodeCache

_compiled: dict[str, tuple[str, object]] = {}  # cache key -> (source checksum, code object)


class CompiledTemplates(BytecodeCache):
    def load_bytecode(self, bucket):
        cached = _compiled.get(bucket.key)
        if cached and cached[0] == bucket.checksum:
            bucket.code = cached[1]

    def dump_bytecode(self, bucket):
        _compiled[bucket.key] = (bucket.checksum, bucket.code)


def on_env(env, *, config, files):
    env.bytecode_cache = CompiledTemplates()
    return env
