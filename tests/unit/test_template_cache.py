"""Templates are compiled once per process, and again when their source changes
(hooks/template_cache.py, handbook.mkdocs_adapter.CompiledTemplates)."""
from __future__ import annotations

from jinja2 import DictLoader, Environment

from handbook.mkdocs_adapter import CompiledTemplates


class CountingEnvironment(Environment):
    """An environment that counts what it compiles (MkDocs makes one per build)."""
    compiled: list[str] = []

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        if not raw:
            CountingEnvironment.compiled.append(name)
        return super().compile(source, name, filename, raw, defer_init)


def build(templates: dict) -> str:
    env = CountingEnvironment(loader=DictLoader(templates))
    env.bytecode_cache = CompiledTemplates()
    return env.get_template("page.html").render(title="Roles")


def test_a_template_is_compiled_once_for_every_build_and_again_when_it_changes():
    CountingEnvironment.compiled = []
    unique = "template-cache-test"  # a name no other test's templates share
    templates = {"page.html": f"<h1>{{{{ title }}}}</h1>{{% include '{unique}.html' %}}", f"{unique}.html": "<p>one</p>"}
    assert [build(templates) for _ in range(3)] == ["<h1>Roles</h1><p>one</p>"] * 3
    assert CountingEnvironment.compiled == ["page.html", f"{unique}.html"]
    templates[f"{unique}.html"] = "<p>two</p>"  # saved while mkdocs serve runs
    assert build(templates) == "<h1>Roles</h1><p>two</p>"
    assert CountingEnvironment.compiled == ["page.html", f"{unique}.html", f"{unique}.html"]
