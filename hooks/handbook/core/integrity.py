"""Files a build could not read as they are: not UTF-8, two elements with one id, a
snippet include (--8<--) from outside the snippet folders or of a missing file. Each is a
finding at its line, never a traceback."""
from __future__ import annotations

import os
import re

from handbook.core.findings import Finding
from handbook.core.pages import SourcePage, explicit_ids

# pymdownx.snippets' single-line form: --8<-- "file.md" (a leading ';' escapes it).
_SNIPPET = re.compile(r"""^\s*-{1,}8<-{1,}\s+(["'])([^"'\n]+)\1\s*$""")
_BLOCK = re.compile(r"^\s*-{1,}8<-{1,}\s*$")  # the block form: --8<--, file names, --8<--


def encoding_finding(page: SourcePage, line: int, col: int, byte: int) -> Finding:
    return Finding(page.path, line, col, f"the file is not UTF-8: byte 0x{byte:02X} cannot be read; "
                   "save the file as UTF-8 (your editor's 'Save with encoding')", "encoding",
                   page.lines[line - 1] if line <= len(page.lines) else "")


def check_duplicate_ids(page: SourcePage) -> list[Finding]:
    """An id given twice in one page: links to it land on the first only."""
    found, first = [], {}
    for line, col, ident in explicit_ids(page):
        if ident in first:
            found.append(Finding(page.path, line, col, f"id '{ident}' is already used in this page at line "
                                 f"{first[ident]}; give this one another id", "duplicate_id", page.lines[line - 1]))
        else:
            first[ident] = line
    return found


def snippet_includes(page: SourcePage) -> list[tuple[int, int, str]]:
    """(line, col, path) of every --8<-- include, code blocks too: snippets are included
    before Markdown sees fences."""
    found, in_block = [], False
    for number, text in enumerate(page.lines, 1):
        if number < page.front_matter.body_line:
            continue
        if _BLOCK.match(text):
            in_block = not in_block
        elif in_block and text.strip() and not text.lstrip().startswith(";"):
            found.append((number, len(text) - len(text.lstrip()) + 1, text.strip()))
        elif m := _SNIPPET.match(text):
            found.append((number, m.start(2) + 1, m.group(2)))
    return found


def bad_snippets(page: SourcePage, folders) -> list[tuple[int, int, str]]:
    """(line, col, 'what; how to fix it') for includes a build cannot make."""
    bad = []
    for line, col, path in snippet_includes(page):
        if re.match(r"^[a-z]+://", path):
            continue  # a URL: pymdownx.snippets refuses it unless url_download is on, and says so
        name = path.split(":", 1)[0] if re.search(r":\d", path) else path  # file.md:3:5 includes lines
        inside = [os.path.normpath(os.path.join(f, name)) for f in folders]
        if not any(p == f or p.startswith(os.path.join(f, "")) for p, f in zip(inside, folders)):
            bad.append((line, col, f"snippet '{path}' is outside the snippet folders ({_names(folders)}); "
                        "move the file into one and include it from there"))
        elif not any(os.path.isfile(p) for p in inside):
            bad.append((line, col, f"snippet '{path}' does not exist in {_names(folders)}; check the file name"))
    return bad


def check_snippets(page: SourcePage, folders) -> list[Finding]:
    if "8<" not in page.text:
        return []
    return [Finding(page.path, line, col, message, "snippet", page.lines[line - 1])
            for line, col, message in bad_snippets(page, folders)]


def without_bad_snippets(markdown: str, page: SourcePage, folders) -> str:
    """The page's Markdown without the includes a build cannot make, so that the build
    reports them instead of stopping with the snippet extension's error."""
    if "8<" not in markdown:
        return markdown
    bad = {page.lines[line - 1] for line, _, _ in bad_snippets(page, folders)}
    return "".join(text for text in markdown.splitlines(keepends=True) if text.rstrip("\r\n") not in bad)


def _names(folders) -> str:
    return ", ".join(os.path.relpath(f) + "/" for f in folders) or "none are set"
