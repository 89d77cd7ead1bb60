"""Building sites for tests: the real handbook, and small fixture sites in tmp_path."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The hooks as mkdocs.yml lists them, by absolute path (a fixture's mkdocs.yml is elsewhere).
HOOKS = [str(ROOT / hook) for hook in re.findall(r"^  - (hooks/\S+\.py)$",
                                                 (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)]
# Scripts written right to left: Material sets dir="rtl" for these languages.
RIGHT_TO_LEFT = {"ar", "dv", "fa", "he", "ps", "ur", "yi"}


@dataclass(frozen=True)
class Language:
    """One language of the handbook, as mkdocs.yml configures it."""
    locale: str
    name: str
    site_name: str
    extra: dict

    @property
    def direction(self) -> str:
        return "rtl" if self.locale.split("_")[0] in RIGHT_TO_LEFT else "ltr"


# --- mkdocs.yml ------------------------------------------------------------------

def load_config(path: Path = ROOT / "mkdocs.yml") -> dict:
    """mkdocs.yml as MkDocs loads it (INHERIT followed, !ENV resolved), plugins untouched."""
    from mkdocs.utils.yaml import yaml_load

    with open(path, "rb") as handle:
        return yaml_load(handle)


def plugin_config(config: dict, name: str) -> dict:
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
        if entry == name:
            return {}
    raise KeyError(f"plugin {name!r} is not in mkdocs.yml")


def languages(config: dict | None = None) -> list[dict]:
    """The i18n plugin's language entries, default first."""
    entries = plugin_config(config or load_config(), "i18n")["languages"]
    return sorted(entries, key=lambda e: not e.get("default"))


def language(lang: str, config: dict | None = None) -> dict:
    return next(e for e in languages(config) if e["locale"] == lang)


# The languages mkdocs.yml builds, the default first: the tests know no other list,
# so a language added as CONTRIBUTING.md says is tested without editing a test.
CONFIG = load_config()
ORGANISATION: dict = CONFIG["extra"]["organisation"]
LANGUAGE_SETTINGS = {e["locale"]: Language(e["locale"], e["name"], e.get("site_name") or CONFIG["site_name"],
                                           dict(e.get("extra") or {}))
                     for e in languages(CONFIG) if e.get("build", True)}
LANGUAGES = tuple(LANGUAGE_SETTINGS)


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def page(self, url_path: str) -> str:
        """The HTML of a built page: 'fi/roles/' -> site/fi/roles/index.html."""
        path = self.site / url_path
        if url_path == "" or url_path.endswith("/"):
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


def mkdocs_build(config_file: Path, site_dir: Path, *, strict: bool = True, env: dict | None = None) -> Build:
    """Run ``mkdocs build`` as a contributor would, and keep what it printed."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=config_file.parent)
    return Build(done.returncode, done.stdout + done.stderr, site_dir)


def page_text(title: str, body: str = "", *, owner: str = "core-group", extra: str = "") -> str:
    """A page with valid front matter."""
    head = f"---\ntitle: {title}\ndescription: A page for a test.\nowner: {owner}\n{extra}---\n\n"
    return head + f"# {title}\n\n" + textwrap.dedent(body).lstrip("\n")


class FixtureSite:
    """A small handbook in tmp_path that inherits the real mkdocs.yml (hooks, theme, languages)."""

    def __init__(self, root: Path, nav: list[str] | None = None, config: str = ""):
        self.root = root
        self.docs = root / "docs"
        self.docs.mkdir(parents=True, exist_ok=True)
        self.nav = nav
        self.config = config

    def write(self, path: str, text: str) -> Path:
        target = self.docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def page(self, path: str, title: str, body: str = "", languages=LANGUAGES, sections: bool = False,
             **kwargs) -> None:
        """The same page in several languages; translations record the current original:
        its version (source_hash), and with ``sections`` each part's (source_sections), as
        `handbook translations record` does; without, as translations recorded before it did."""
        from handbook.core.languages import Languages
        from handbook.core.pages import SourcePage
        from handbook.core.translations import record_version, section_versions, source_version

        original = page_text(title, body, **kwargs)
        self.write(path, original)
        version = source_version(original)
        parts = section_versions(SourcePage(path, original, Languages("en", tuple(LANGUAGES))))
        stem, suffix = path.rsplit(".", 1)
        for lang in languages:
            if lang != "en":
                text = page_text(f"{title} {lang}", body, **kwargs)
                self.write(f"{stem}.{lang}.{suffix}", record_version(text, version, parts if sections else None))

    def write_config(self) -> Path:
        """Its mkdocs.yml: the real one inherited, its own docs, nav and ``config``."""
        nav = self.nav if self.nav is not None else sorted(
            str(p.relative_to(self.docs)) for p in self.docs.rglob("*.md") if p.name.count(".") == 1)
        hooks = "".join(f"  - {h}\n" for h in HOOKS)
        nav_yaml = "".join(f"  - {entry}\n" for entry in nav)
        (self.root / "mkdocs.yml").write_text(
            f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\n"
            f"theme:\n  custom_dir: {ROOT / 'overrides'}\n"
            f"hooks:\n{hooks}nav:\n{nav_yaml}{self.config}",
            encoding="utf-8")
        return self.root / "mkdocs.yml"

    def build(self, *, strict: bool = True, env: dict | None = None) -> Build:
        return mkdocs_build(self.write_config(), self.root / "site", strict=strict,
                            env={"HANDBOOK_GIT_DATES": "false", **(env or {})})


def handbook_build(config_file: Path, site_dir: Path | None, *args: str, env: dict | None = None,
                   timeout: float = 600, start_method: str | None = None) -> Build:
    """Run ``handbook build`` (the languages side by side) as a contributor would; with
    ``start_method``, its worker processes start that way (multiprocessing's "spawn":
    afresh, as on macOS and Windows) instead of this system's default."""
    program = ["-m", "handbook.tools.cli"] if start_method is None else [
        "-c", f"import multiprocessing, sys; multiprocessing.set_start_method({start_method!r}); "
              "from handbook.tools.cli import main; sys.exit(main())"]
    command = [sys.executable, *program, "build", "-f", str(config_file), *args]
    if site_dir is not None:
        command += ["-d", str(site_dir)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=config_file.parent,
                          timeout=timeout)
    return Build(done.returncode, done.stdout + done.stderr, site_dir or config_file.parent / "site")
