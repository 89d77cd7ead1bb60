"""Translation completeness and staleness.

Each translation records in its front matter the version of the original it was made
from: ``source_hash``, a short hash of the original's title, description and body (so a
change to the page owner does not outdate translations), and ``source_sections``, the
version of each part: the title, the description, the text before the first section
(``_intro``) and each section by its id. A change to one section of the original then
outdates only that section of each translation.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass

from handbook.core.findings import Finding
from handbook.core.languages import Languages
from handbook.core.source import iter_headings, prose_lines, split_front_matter

UP_TO_DATE, OUTDATED, MISSING, UNTRANSLATED, UNRECORDED = (
    "up_to_date", "outdated", "missing", "untranslated", "unrecorded")


def source_version(original_text: str) -> str:
    """The version of an original that its translations record (source_hash)."""
    return front_matter_version(split_front_matter(original_text))


def front_matter_version(fm) -> str:
    """source_version() of the page ``fm`` (handbook.source.FrontMatter) was read from."""
    data = fm.data or {}
    # Line endings are how an editor saves the text, not what it says.
    body = fm.body.replace("\r\n", "\n").strip()
    payload = json.dumps([data.get("title"), data.get("description"), body], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def _short(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def section_texts(page) -> dict[str, tuple[int, str]]:
    """part -> (line, text) of an original (a SourcePage): _title, _description, _intro,
    then each section (heading level 2 and below) by its id, in order."""
    data = page.front_matter.data or {}
    parts = {"_title": (1, str(data.get("title", ""))), "_description": (1, str(data.get("description", "")))}
    starts = [(h.line, h.id or h.text) for h in page.headings if h.level >= 2]
    body_start = page.front_matter.body_line
    bounds = [(body_start, "_intro"), *starts, (len(page.lines) + 1, None)]
    for (start, key), (end, _) in zip(bounds, bounds[1:]):
        text = "\n".join(page.lines[start - 1:end - 1]).strip()
        parts[key] = (start, text)
    return parts


def section_versions(page) -> dict[str, str]:
    """What a translation of ``page`` records as source_sections."""
    return {key: _short(text) for key, (_, text) in section_texts(page).items()}


@dataclass(frozen=True)
class TranslationState:
    page: str  # the original's path inside docs/
    lang: str
    state: str
    path: str  # the translation's path inside docs/ (may not exist)
    recorded: str | None = None
    current: str | None = None
    sections: tuple[str, ...] = ()  # of an outdated translation: the original's parts that changed
    lines: tuple[int, ...] = ()  # where each of those parts starts in the original
    at: int = 1  # where the first of them is in the translation


def outdated_parts(original, recorded_sections) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The parts of ``original`` whose version differs from what was recorded (all, if nothing was)."""
    texts, current = section_texts(original), section_versions(original)
    recorded_sections = recorded_sections if isinstance(recorded_sections, dict) else {}
    changed = [key for key, version in current.items() if str(recorded_sections.get(key, "")) != version]
    return tuple(changed), tuple(texts[key][0] for key in changed)


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
            sections, lines = ((), ())
            if state == OUTDATED:
                sections, lines = outdated_parts(pages[page], data.get("source_sections"))
                if not sections:  # only the space between parts changed
                    state = UP_TO_DATE
            at = _line_of(pages[path], sections[0]) if sections else 1
            states.append(TranslationState(page, lang, state, path, recorded, current, sections, lines, at))
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
            parts = ", ".join(f"{part_name(key)} ({docs}/{s.page}:{line})" for key, line in zip(s.sections, s.lines))
            found.append(Finding(f"{docs}/{s.path}", s.at, 1,
                                 f"translation is outdated: '{docs}/{s.page}' changed since it was translated "
                                 f"(recorded {s.recorded}, now {s.current}) in {parts}; update "
                                 f"{'it' if len(s.sections) == 1 else 'them'} ('handbook translations diff "
                                 f"{docs}/{s.path}' shows what changed), then run "
                                 f"'handbook translations record {docs}/{s.path}'",
                                 "outdated_translation"))
    return found


def _line_of(translation, key: str) -> int:
    """Where part ``key`` of the original stands in ``translation`` (its heading), else line 1."""
    if key == "_intro":
        return translation.front_matter.body_line
    return next((h.line for h in translation.headings if (h.id or h.text) == key), 1)


def part_name(key: str) -> str:
    return {"_title": "the title", "_description": "the description",
            "_intro": "the text before the first section"}.get(key, f"section '#{key}'")


_HASH_LINE = re.compile(r"^source_hash\s*:.*$", re.M)
_SECTIONS_BLOCK = re.compile(r"^source_sections\s*:.*(?:\n[ \t]+.*)*", re.M)


def record_version(translation_text: str, version: str, sections: dict | None = None) -> str:
    """The translation's text with ``source_hash`` set to ``version`` and, given
    ``sections`` (section_versions()), ``source_sections`` to them; the rest untouched."""
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
    if sections is not None:
        block = "source_sections:" + "".join(f'\n  {json.dumps(k, ensure_ascii=False)}: "{v}"' for k, v in sections.items())
        head = _SECTIONS_BLOCK.sub(lambda m: block, head, count=1) if _SECTIONS_BLOCK.search(head) else head + "\n" + block
    return head + rest


def section_notices(markdown: str, sections, original_url: str, strings: dict, original_lang: str) -> str:
    """The translation's Markdown with a notice under the heading of each outdated section,
    in the reader's language, linking the same section of the original."""
    wanted = {key for key in sections if not key.startswith("_")}
    if not wanted:
        return markdown
    # The headings as the page model reads them: fenced code is not a heading.
    after = {h.line: h.id for h in iter_headings(prose_lines(markdown)) if h.level >= 2 and h.id in wanted}
    text = html.escape(str(strings.get("outdated_section", "")))
    link = html.escape(str(strings.get("outdated_link", "")))
    out = []
    for number, line in enumerate(markdown.splitlines(keepends=True), 1):
        out.append(line)
        if number in after:
            href = html.escape(f"{original_url}#{after[number]}")
            out.append(f'\n<div class="admonition warning hb-section-notice" role="note">\n'
                       f'<p>{text} <a href="{href}" hreflang="{original_lang}">{link}</a></p>\n</div>\n\n')
    return "".join(out)
