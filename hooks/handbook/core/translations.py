"""Translation completeness and staleness.

Each translation records in its front matter (``source_hash``) the version of the
original it was made from. The version is a short hash of the original's title,
description and body, so a change to the page owner does not outdate translations.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from handbook.core.findings import Finding
from handbook.core.languages import Languages
from handbook.core.source import split_front_matter

UP_TO_DATE, OUTDATED, MISSING, UNTRANSLATED, UNRECORDED = (
    "up_to_date", "outdated", "missing", "untranslated", "unrecorded")


def source_version(original_text: str) -> str:
    fm = split_front_matter(original_text)
    data = fm.data or {}
    # Line endings are how an editor saves the text, not what it says.
    body = fm.body.replace("\r\n", "\n").strip()
    payload = json.dumps([data.get("title"), data.get("description"), body], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class TranslationState:
    page: str  # the original's path inside docs/
    lang: str
    state: str
    path: str  # the translation's path inside docs/ (may not exist)
    recorded: str | None = None
    current: str | None = None


def translation_states(pages: dict, languages: Languages) -> list[TranslationState]:
    """The state of every page in every other language. ``pages``: src_uri -> SourcePage."""
    states = []
    for page in sorted(p for p, source in pages.items() if source.lang == languages.default):
        original = pages[page].front_matter.data or {}
        untranslated = set(original.get("untranslated") or [])
        current = pages[page].version
        for lang in languages.others:
            path = languages.path_for(page, lang)
            if path not in pages:
                state = UNTRANSLATED if lang in untranslated else MISSING
                states.append(TranslationState(page, lang, state, path, None, current))
                continue
            data = pages[path].front_matter.data
            if data is None:
                continue  # invalid front matter: reported by the front matter check
            recorded = data.get("source_hash")
            recorded = None if recorded is None else str(recorded)
            state = UNRECORDED if not recorded else (UP_TO_DATE if recorded == current else OUTDATED)
            states.append(TranslationState(page, lang, state, path, recorded, current))
    return states


def translation_findings(states, docs: str) -> list[Finding]:
    """``docs`` is the docs folder as the contributor sees it ("docs"). A missing
    translation is an error unless the site lowers it (extra.checks.missing_translation;
    the page then shows the original with a "not translated yet" notice)."""
    found = []
    for s in states:
        if s.state == MISSING:
            found.append(Finding(f"{docs}/{s.page}", 1, 1,
                                 f"no '{s.lang}' translation: '{docs}/{s.path}' does not exist; write it, "
                                 f"or add 'untranslated: [{s.lang}]' to this page's front matter to show the original with a notice",
                                 "missing_translation"))
        elif s.state == UNRECORDED:
            found.append(Finding(f"{docs}/{s.path}", 1, 1,
                                 "translation does not record which version of the original it matches; once it does, run "
                                 f"'handbook translations record {docs}/{s.path}' (adds 'source_hash: \"{s.current}\"')",
                                 "unrecorded_translation"))
        elif s.state == OUTDATED:
            found.append(Finding(f"{docs}/{s.path}", 1, 1,
                                 f"translation is outdated: '{docs}/{s.page}' changed since it was translated "
                                 f"(recorded {s.recorded}, now {s.current}); update it, then run "
                                 f"'handbook translations record {docs}/{s.path}'",
                                 "outdated_translation"))
    return found


_HASH_LINE = re.compile(r"^source_hash\s*:.*$", re.M)


def record_version(translation_text: str, version: str) -> str:
    """The translation's text with ``source_hash`` set to ``version``; the rest untouched."""
    fm = split_front_matter(translation_text)
    if fm.error or fm.data is None:
        raise ValueError("front matter is not valid YAML; fix it first")
    if not translation_text.startswith("---"):
        return f'---\nsource_hash: "{version}"\n---\n\n{translation_text}'
    # The front matter ends at its closing line, '---' or '...' (as split_front_matter reads it).
    head_end = re.search(r"\n(?:---|\.\.\.)[ \t]*(?:\n|$)", translation_text[3:]).start() + 3
    head, rest = translation_text[:head_end], translation_text[head_end:]
    if _HASH_LINE.search(head):
        head = _HASH_LINE.sub(f'source_hash: "{version}"', head, count=1)
    else:
        head += f'\nsource_hash: "{version}"'
    return head + rest
