"""Configurations for the benchmark builds, and running a build.

Every variant INHERITs the real mkdocs.yml, so theme features, Markdown
extensions, plugins and languages are the project's own; only docs_dir and nav
point at a generated handbook, and each variant changes one thing:

- ``project``: the project's hooks (absolute paths, in mkdocs.yml's order) and overrides/.
- ``plain``: Material + mkdocs-static-i18n alone: no hooks, no overrides/, no extra CSS/JS.
- ``unpruned``: ``plain`` without Material's ``navigation.prune``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils.yaml import get_yaml_loader

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
VARIANTS = ("project", "plain", "unpruned")


def project_config() -> dict:
    """The real mkdocs.yml, as MkDocs reads it (!ENV tags resolved)."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=get_yaml_loader())


def i18n_languages(config: dict) -> list[dict]:
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return [entry for entry in plugin["languages"] if entry.get("build", True)]


def write_config(folder: Path, docs: Path, nav: list, variant: str, languages: list[dict] | None = None) -> Path:
    """A config for ``variant`` in ``folder``, building ``docs``; with ``languages``
    (mkdocs-static-i18n entries, the default first) those instead of the project's."""
    project = project_config()
    child: dict = {"docs_dir": str(docs), "nav": nav}
    if languages is not None:  # MkDocs' INHERIT replaces a list: every plugin again, i18n's languages changed
        child["plugins"] = [_with_languages(entry, languages) for entry in project["plugins"]]
    if variant == "project":
        child["theme"] = {"custom_dir": str(ROOT / "overrides")}
        child["hooks"] = [str(ROOT / hook) for hook in project.get("hooks", [])]
    else:
        empty = folder / "no-overrides"  # MkDocs cannot unset an inherited custom_dir
        empty.mkdir(parents=True, exist_ok=True)
        child["theme"] = {"custom_dir": str(empty)}
        child["hooks"] = []
        child["extra_css"], child["extra_javascript"] = [], []
        if variant == "unpruned":
            child["theme"]["features"] = [f for f in project["theme"]["features"] if f != "navigation.prune"]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"mkdocs-{variant}.yml"
    path.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\n" + yaml.safe_dump(child, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def _with_languages(entry, languages: list[dict]):
    if isinstance(entry, dict) and "i18n" in entry:
        return {"i18n": {**entry["i18n"], "languages": languages}}
    if isinstance(entry, dict) and "git-revision-date-localized" in entry:  # generated pages are not in git
        return {"git-revision-date-localized": {**entry["git-revision-date-localized"], "enabled": False}}
    return entry


@dataclass
class Build:
    seconds: float  # wall clock of the whole command, as a contributor waits for it
    cpu: float  # CPU seconds of the command (steadier than wall clock on a busy machine)
    returncode: int
    output: str
    hooks: dict  # plugin or hook -> CPU seconds in its own event handlers
    hooks_wall: dict  # the same in wall-clock seconds
    site: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def build(config: Path, site: Path, *, strict: bool = True, env: dict | None = None) -> Build:
    """``mkdocs build`` in a fresh process, with each hook's time (benchmarks/timed_build.py)."""
    timings = site.parent / f"{site.name}.timings.json"
    command = [sys.executable, str(HERE / "timed_build.py"), str(timings),
               "build", "-f", str(config), "-d", str(site)] + (["--strict"] if strict else [])
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_GIT_DATES": "false", **(env or {})}
    seconds, cpu, returncode, output = run_timed(command, env=environment, cwd=config.parent)
    data = json.loads(timings.read_text(encoding="utf-8")) if timings.exists() else {}
    return Build(seconds, cpu, returncode, output, data.get("cpu", {}), data.get("wall", {}), site)


def run_timed(command: list[str], *, env: dict | None = None, cwd=None, watch=None) -> tuple[float, float, int, str]:
    """Run a command; (wall seconds, CPU seconds of the process and its children, exit code, output).
    ``watch``: called with the process id once it runs; its result's stop() with the
    process's resource usage once it has ended (benchmarks/parallel.py's memory)."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        watching = watch(process.pid) if watch else None
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if watching is not None:
            watching.stop(usage)
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", errors="replace")
    return seconds, usage.ru_utime + usage.ru_stime, process.returncode, output
