"""Reading a Markdown page's source: front matter, lines outside code, links, headings.

Each is read once per page, by handbook.pages.SourcePage; links and headings are read
from the lines outside code."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import NamedTuple

import yaml

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True)
class FrontMatter:
    data: dict | None  # None when the YAML is invalid
    text: str  # the whole page, front matter included
    body_line: int  # 1-based line number of the body's first line
    error: tuple[int, int, str] | None = None  # (line, col, problem) for invalid YAML
    key_lines: dict | None = None  # top-level key -> 1-based line
    body_start: int = 0  # where the body starts in ``text``

    @property
    def body(self) -> str:
        """The Markdown after the front matter. Cut from the text when asked: page models
        live for the whole build, and a copy of every body was a sixth of their memory."""
        return self.text[self.body_start:]


def decode(data: bytes) -> tuple[str, tuple[int, int, int] | None]:
    """(text, None) for UTF-8 (with or without a byte order mark); else the text with each
    bad byte replaced and (line, col, byte) of the first, so the page can still be checked."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as problem:
        start = problem.start
        before = data[:start].decode("utf-8-sig", errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        return data.decode("utf-8-sig", errors="replace"), (line, col, data[start])


def split_front_matter(text: str) -> FrontMatter:
    """Split ``---`` front matter from the body, keeping line numbers."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return FrontMatter({}, text, 1)
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return FrontMatter(None, text, 1, (1, 1, "front matter opened with '---' is never closed"))
    yaml_text = "".join(lines[1:end])
    body_start = len(lines[0]) + len(yaml_text) + len(lines[end])
    key_lines = {
        m.group(1): i + 2
        for i, line in enumerate(lines[1:end])
        if (m := re.match(r"^([A-Za-z_][\w-]*)\s*:", line))
    }
    try:
        data = _safe_load(yaml_text) if yaml_text.strip() else {}
    except yaml.YAMLError as exc:
        # Where the mistake is: for an unclosed quote or bracket PyYAML's problem is at the
        # end of the text, and its context ("while scanning a quoted scalar") is where it opened.
        context, mark = getattr(exc, "context", None), getattr(exc, "problem_mark", None)
        if context and getattr(exc, "context_mark", None) and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark
        line = mark.line + 2 if mark else 2
        col = mark.column + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if mark is getattr(exc, "context_mark", None):
            opened = "quote" if "quoted" in context else context.removeprefix("while scanning ").removeprefix("while parsing ")
            problem = f"the {opened} opened here is never closed"
        return FrontMatter(None, text, end + 2, (line, col, problem), key_lines, body_start)
    if not isinstance(data, dict):
        return FrontMatter(None, text, end + 2, (2, 1, "front matter must be a mapping of keys to values"),
                           key_lines, body_start)
    return FrontMatter(data, text, end + 2, None, key_lines, body_start)


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _safe_load(text: str):
    """yaml.safe_load, by libyaml (much faster) when it is installed and PyYAML's reader
    would accept the text; on any error PyYAML's own parser decides and words the message."""
    if _FAST_LOADER is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            return yaml.load(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def prose_lines(body: str | tuple[str, ...], first_line: int = 1) -> tuple[tuple[int, str], ...]:
    """(line_number, line) for lines outside fenced code, with inline code blanked out,
    of ``body`` (its text, or its lines: the page model passes the lines it holds, so
    that a line without inline code is the same string, not a second copy).

    Blanking (not deleting) keeps column numbers true.
    """
    return tuple(_prose_lines(body.splitlines() if isinstance(body, str) else body, first_line))


def _prose_lines(lines, first_line: int):
    fence = None
    for offset, line in enumerate(lines):
        m = _FENCE.match(line) if "``" in line or "~~" in line else None
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        yield first_line + offset, _INLINE_CODE.sub(lambda c: " " * len(c.group(0)), line) if "`" in line else line


class Link(NamedTuple):  # a tuple, not a frozen dataclass: a build makes one per link, 2.5 times faster
    target: str
    line: int
    col: int  # 1-based column of the target
    source_line: str
    kind: str = "link"  # link | image | html


# A target may hold balanced parentheses, as Markdown reads them: (javascript:alert(1)).
# Possessive quantifiers (Python 3.11): no part can match in a second way, so nothing is
# given back, and the pattern runs three times faster on the lines that hold links.
_MD_LINK = re.compile(r"(!?)\[(?:[^\[\]]++|\[[^\]]*+\])*+\]\(\s*+<?((?:[^\s()<>]++|\([^\s()<>]*+\))*+)>?(?:\s+[\"'(][^)]*)?\)")
_REF_DEF = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")  # [^1]: is a footnote
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto|javascript|data):[^>\s]+)>", re.I)
_HTML_URL = re.compile(r"""\b(href|src|action|data|formaction|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^"'\s>]+))""", re.I)


def iter_links(prose) -> tuple[Link, ...]:
    """Every link, image and HTML URL attribute in ``prose`` (prose_lines()), with its position."""
    return tuple(_iter_links(prose))


def _iter_links(prose):
    for number, line in prose:
        # Each pattern needs its literal ("](", "<", "="): lines without it skip the slower search.
        for m in _MD_LINK.finditer(line) if "](" in line else ():
            yield Link(m.group(2), number, m.start(2) + 1, line, "image" if m.group(1) else "link")
        if "]:" in line and (m := _REF_DEF.match(line)):
            yield Link(m.group(1), number, m.start(1) + 1, line)
        for m in _AUTOLINK.finditer(line) if "<" in line else ():
            yield Link(m.group(1), number, m.start(1) + 1, line)
        for m in _HTML_URL.finditer(line) if "=" in line else ():
            kind = "image" if m.group(1).lower() in ("src", "data", "poster") else "html"
            group = next(g for g in (2, 3, 4) if m.group(g) is not None)
            if m.group(group).strip():
                yield Link(browser_url(m.group(group)), number, m.start(group) + 1, line, kind)


def browser_url(value: str) -> str:
    """An HTML attribute's URL as a browser reads it: entities decoded, tabs and line
    breaks removed, and spaces and control characters trimmed from both ends."""
    value = html.unescape(value) if "&" in value else value
    return value.translate(_LINE_BREAKS).strip(_C0_AND_SPACE)


_LINE_BREAKS = str.maketrans("", "", "\t\n\r")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{([^}]*)\})?\s*#*\s*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([\w-]+)")
_ATTR_CLASS = re.compile(r"(?:^|\s)\.([\w-]+)")


class Heading(NamedTuple):  # a tuple, as Link
    level: int
    text: str
    id: str | None
    classes: tuple[str, ...]
    line: int


def iter_headings(prose):
    """ATX headings in ``prose`` (prose_lines()) with their explicit ``{#id .class}`` attributes."""
    for number, line in prose:
        m = _HEADING.match(line) if line[:1] == "#" else None
        if not m:
            continue
        attrs = m.group(3) or ""
        ident = _ATTR_ID.search(attrs)
        yield Heading(
            len(m.group(1)), m.group(2).strip(), ident.group(1) if ident else None,
            tuple(_ATTR_CLASS.findall(attrs)), number,
        )
