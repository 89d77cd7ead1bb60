"""`handbook translations diff`: what changed in the original since a translation was
made, part by part, so the translator sees exactly what to bring up to date.

The recorded version of each part (source_sections) names a text the original had; git
history holds it, so the tool looks back through the original's commits for the newest
one whose part has that version, and prints the difference to the part as it is now.
"""
from __future__ import annotations

import difflib
import os
import subprocess

from handbook.core.pages import SourcePage
from handbook.core.source import split_front_matter
from handbook.core.translations import part_name, outdated_parts, section_texts, section_versions

HISTORY = 200  # commits of the original to look back through


def part_diffs(original_path: str, original: SourcePage, recorded: dict, languages, label: str) -> list[str]:
    """The report's lines for one translation whose recorded parts are ``recorded``."""
    changed, _ = outdated_parts(original, recorded)
    now = section_texts(original)
    old = _recorded_texts(original_path, original, recorded, changed, languages)
    lines = []
    for key in changed:
        line, text = now[key]
        where = f"{label}:{line}"
        if key not in (recorded or {}):
            lines += [f"{part_name(key)} ({where}) is new; translate it:", *_indent(text), ""]
        elif key in old:
            lines += [f"{part_name(key)} ({where}) changed since it was translated (the original as of {old[key][0]}):"]
            lines += [d.rstrip("\n") for d in difflib.unified_diff(
                old[key][1].splitlines(keepends=True), text.splitlines(keepends=True),
                fromfile=f"{label} {part_name(key)}, as translated", tofile=f"{label} {part_name(key)}, now", n=2)]
            lines.append("")
        else:
            lines += [f"{part_name(key)} ({where}) changed; the version it was translated from is not in git "
                      "history. It now reads:", *_indent(text), ""]
    return lines


def _recorded_texts(path: str, original: SourcePage, recorded: dict, wanted, languages) -> dict:
    """part -> (commit, text) of the newest earlier text of each wanted part with its recorded version."""
    found, wanted = {}, {k for k in wanted if k in (recorded or {})}
    folder = os.path.dirname(os.path.abspath(path))
    try:
        log = subprocess.run(["git", "log", f"-{HISTORY}", "--format=%h", "--", os.path.basename(path)], cwd=folder,
                             capture_output=True, text=True, check=True).stdout.split()
        prefix = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=folder, capture_output=True,
                                text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return found
    for commit in log:
        if not wanted - set(found):
            break
        shown = subprocess.run(["git", "show", f"{commit}:{prefix}{os.path.basename(path)}"], cwd=folder,
                               capture_output=True, text=True)
        if shown.returncode:
            continue
        then = SourcePage(original.src_uri, shown.stdout, languages)
        versions, texts = section_versions(then), section_texts(then)
        for key in wanted - set(found):
            if versions.get(key) == str(recorded[key]):
                found[key] = (commit, texts[key][1])
    return found


def _indent(text: str) -> list[str]:
    return ["    " + line for line in text.splitlines()]


def recorded_sections(translation_text: str) -> dict:
    data = split_front_matter(translation_text).data or {}
    value = data.get("source_sections")
    return value if isinstance(value, dict) else {}
