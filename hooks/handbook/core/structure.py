"""Each translation mirrors its original section by section: the same headings (ids and
classes) in the same order, and per section the same number of paragraphs, list items,
table rows and columns, admonitions of each type, task items, images, code blocks and
short answers, the same internal link targets and the same placeholders.

Read from the sources (the page model), so `handbook check` and the build agree. A
section a translation adds on purpose, for a country's own law or practice, carries the
class ``.local`` (``## Arkivering i Norge {#local-archiving .local}``): it is exempt.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from handbook.core.findings import Finding
from handbook.core.placeholders import PLACEHOLDER

LOCAL = "local"
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TASK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+([\w-]+)")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_ANSWER = re.compile(r"^\s*\{:\s*\.answer\s*\}\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\(")
_ATTR_ONLY = re.compile(r"^\s*\{:[^}]*\}\s*$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)


@dataclass
class Section:
    key: str  # "#id", or "" for the text before the first heading
    line: int
    heading: tuple = ()  # (level, id, classes)
    # Counts as plain dictionaries (kind -> n, target -> n): a Counter is made only
    # where two differ, as building three per section cost more than the rest.
    counts: defaultdict = field(default_factory=lambda: defaultdict(int))
    links: defaultdict = field(default_factory=lambda: defaultdict(int))  # internal targets, page.md#anchor
    placeholders: defaultdict = field(default_factory=lambda: defaultdict(int))

    @property
    def local(self) -> bool:
        return LOCAL in (self.heading[2] if self.heading else ())


def sections(page, languages=None) -> list[Section]:
    """The page's sections in order (headings of level 2 and below; the title's text is the first)."""
    headings = {h.line: h for h in page.headings if h.level >= 2}
    current = Section("", page.front_matter.body_line)
    found, in_block, fenced = [current], False, False
    for number, text in _lines(page):
        stripped = text.strip()
        first = stripped[:1]
        # The patterns are tried only on lines that start with their character: most
        # lines are prose, and this runs over every page of every language.
        if first in "`~" and first and _FENCE.match(text):
            if not fenced:
                current.counts["code blocks"] += 1
            fenced = not fenced
            continue
        if fenced:
            continue
        if number in headings:
            h = headings[number]
            current = Section(f"#{h.id}" if h.id else h.text, number, (h.level, h.id, tuple(sorted(h.classes))))
            found.append(current)
            in_block = False
            continue
        if not first or first == "#":
            in_block = False
            continue
        if first in "!?" and (m := _ADMONITION.match(text)):
            current.counts[f"'{m.group(1)}' admonitions"] += 1
            in_block = False
            continue
        if first == "{":
            if _ANSWER.match(text):
                current.counts["short answers"] += 1
                continue
            if _ATTR_ONLY.match(text):
                continue
        if "{{" in text:
            for m in PLACEHOLDER.finditer(text):
                current.placeholders[m.group(0).replace(" ", "")] += 1
        if first == "|":
            if not _TABLE_SEPARATOR.match(stripped):
                current.counts["table rows"] += 1
            else:
                current.counts["table columns"] += stripped.strip("|").count("|") + 1
            in_block = True
            continue
        if (first in "-*+" or first.isdigit()) and _LIST_ITEM.match(text):
            current.counts["task items" if _TASK.match(text) else "list items"] += 1
            in_block = True
            continue
        if not in_block:
            current.counts["paragraphs"] += 1
            in_block = True
        if "![" in text:
            current.counts["images"] += len(_IMAGE.findall(text))
    _count_links(page, found, languages)
    return found


def _lines(page):
    """The body's lines as written (fences included: they are counted)."""
    start = page.front_matter.body_line
    return enumerate(page.lines[start - 1:], start)


def _logical(target: str, languages) -> str:
    """A link's target with a language's file named as its original (other.nb.md#a -> other.md#a):
    the link check reports the file name; here only what it points at counts."""
    path, hash_, anchor = target.partition("#")
    if languages is not None and path.endswith(".md"):
        path = languages.split(path)[0]
    return path + hash_ + anchor


def _count_links(page, found: list[Section], languages=None) -> None:
    """Each internal link counted in the section it stands in."""
    starts = [s.line for s in found]
    for link in page.links:
        if link.kind == "image" or not link.target or link.target.startswith("{{") or _SCHEME.match(link.target):
            continue
        found[max(bisect_right(starts, link.line) - 1, 0)].links[_logical(link.target, languages)] += 1


def check_structure(original, translation, outdated=()) -> list[Finding]:
    """Where ``translation`` (a SourcePage) differs in structure from ``original``, leaving
    out the parts that are outdated (TranslationState.sections: ids, or "_intro"): the
    translator has yet to bring them up to date."""
    skip = {"" if key == "_intro" else f"#{key}" for key in outdated}
    skip |= {key for key in outdated if not key.startswith("_")}  # a heading without an id: its text
    mine = [s for s in translation.sections if not s.local and s.key not in skip]
    theirs = [s for s in original.sections if not s.local and s.key not in skip]
    path, found = translation.path, []

    def at(section: Section, message: str) -> None:
        quote = translation.lines[section.line - 1] if section.line <= len(translation.lines) else ""
        found.append(Finding(path, section.line, 1, message, "structure", quote))

    if [s.heading for s in mine] != [s.heading for s in theirs]:
        for index, (a, b) in enumerate(zip(mine, theirs)):
            if a.heading != b.heading:
                at(a, f"{_name(a)} stands where the original has {_name(b)} ({original.path}:{b.line}); "
                      "give the translation the original's headings, ids and classes in the original's order")
                break
        else:
            short, extra = (mine, theirs[len(mine):]) if len(mine) < len(theirs) else (theirs, mine[len(theirs):])
            if len(mine) < len(theirs):
                at(mine[-1], f"the translation ends before the original's section {_name(extra[0])} "
                             f"({original.path}:{extra[0].line}); translate it")
            else:
                at(extra[0], f"{_name(extra[0])} is not in the original; remove it, or mark it as a "
                             "local section with the class .local")
        return found
    for a, b in zip(mine, theirs):
        name = _name(a)
        for kind in sorted(set(a.counts) | set(b.counts)):
            mine_n, theirs_n = a.counts.get(kind, 0), b.counts.get(kind, 0)
            if mine_n != theirs_n:
                at(a, f"{name} has {mine_n} {kind}, the original ({original.path}:{b.line}) "
                      f"{theirs_n}; make them match")
        if a.links != b.links:
            missing = sorted((Counter(b.links) - Counter(a.links)).elements())
            extra = sorted((Counter(a.links) - Counter(b.links)).elements())
            detail = "; ".join(filter(None, [", ".join(f"'{t}'" for t in dict.fromkeys(missing)) + " is missing" if missing else "",
                                             ", ".join(f"'{t}'" for t in dict.fromkeys(extra)) + " is not in the original" if extra else ""]))
            at(a, f"{name} links to {sum(a.links.values())} targets, the original ({original.path}:{b.line}) "
                  f"to {sum(b.links.values())}: {detail}")
        if a.placeholders != b.placeholders:
            at(a, f"{name} has placeholders {_list(a.placeholders)}, the original ({original.path}:{b.line}) "
                  f"{_list(b.placeholders)}; use the original's")
    return found


def _name(section: Section) -> str:
    return f"section '{section.key}'" if section.key else "the text before the first section"


def _list(counts: dict) -> str:
    return ", ".join(sorted(Counter(counts).elements())) or "none"


def local_sections(pages: dict) -> dict[str, list[str]]:
    """src_uri -> the ids of its sections declared local (.local), for the status page."""
    return {uri: [h.id or h.text for h in page.headings if LOCAL in h.classes]
            for uri, page in pages.items() if any(LOCAL in h.classes for h in page.headings)}
