"""Templates are compiled once per process, and again when their source changes
(hooks/template_cache.py, handbook.mkdocs_adapter.CompiledTemplates)."""
from __future__ import annotations

import pytest
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



@pytest.fixture
def processes(monkeypatch):
    """CompiledTemplates' memory as each test's processes set it, the suite's own after it."""
    monkeypatch.setattr(CompiledTemplates, "compiled", {})
    monkeypatch.setattr(CountingEnvironment, "compiled", [])


def build_in_process(templates: dict, folder, memory: dict) -> str:
    """A build in a process whose memory holds ``memory``: a new {} is a new process."""
    CompiledTemplates.compiled = memory
    env = CountingEnvironment(loader=DictLoader(templates))
    env.bytecode_cache = CompiledTemplates(str(folder))
    return env.get_template("page.html").render(title="Roles")


def test_the_next_process_loads_the_compiled_templates_from_disk_and_compiles_only_what_changed(tmp_path, processes):
    folder = tmp_path / ".cache" / "templates"
    templates = {"page.html": "<h1>{{ title }}</h1>{% include 'part.html' %}", "part.html": "<p>one</p>"}
    assert build_in_process(templates, folder, {}) == "<h1>Roles</h1><p>one</p>"
    assert CountingEnvironment.compiled == ["page.html", "part.html"]
    assert len(list(folder.glob("*.cache"))) == 2
    assert build_in_process(templates, folder, {}) == "<h1>Roles</h1><p>one</p>"
    assert CountingEnvironment.compiled == ["page.html", "part.html"]
    templates["part.html"] = "<p>two</p>"
    assert build_in_process(templates, folder, {}) == "<h1>Roles</h1><p>two</p>"
    assert build_in_process(templates, folder, {}) == "<h1>Roles</h1><p>two</p>"
    assert CountingEnvironment.compiled == ["page.html", "part.html", "part.html"]


def test_a_damaged_file_is_compiled_again_and_rewritten(tmp_path, processes):
    folder = tmp_path / "templates"
    templates = {"page.html": "<h1>{{ title }}</h1>"}
    build_in_process(templates, folder, {})
    (cached,) = folder.glob("*.cache")
    whole = cached.read_bytes()
    cached.write_bytes(whole[: len(whole) // 2])  # cut short, as by a full disk
    assert build_in_process(templates, folder, {}) == "<h1>Roles</h1>"
    assert CountingEnvironment.compiled == ["page.html", "page.html"]
    assert cached.read_bytes() == whole


def test_a_folder_it_cannot_make_or_write_leaves_the_cache_in_memory(tmp_path, processes):
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    templates = {"page.html": "<h1>{{ title }}</h1>"}
    memory: dict = {}
    assert build_in_process(templates, tmp_path / "a-file" / "templates", memory) == "<h1>Roles</h1>"
    assert build_in_process(templates, tmp_path / "a-file" / "templates", memory) == "<h1>Roles</h1>"
    assert CountingEnvironment.compiled == ["page.html"]

    folder = tmp_path / "gone"
    CompiledTemplates.compiled = {}
    env = CountingEnvironment(loader=DictLoader(templates))
    env.bytecode_cache = CompiledTemplates(str(folder))  # the folder is made here
    folder.rmdir()
    folder.write_text("", encoding="utf-8")  # and is a file when the build writes to it
    assert env.get_template("page.html").render(title="Roles") == "<h1>Roles</h1>"
    assert env.bytecode_cache.disk is None
    assert CountingEnvironment.compiled == ["page.html", "page.html"]
