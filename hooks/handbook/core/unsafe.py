"""Raw HTML and link targets that must not reach an intranet page."""
from __future__ import annotations

import re

from handbook.core.findings import Finding

_TAG = re.compile(r"<\s*(script|iframe|object|embed|form)\b", re.I)
_EVENT_ATTR = re.compile(r"<[a-z][^>]*?\s(on[a-z]+)\s*=", re.I)
_BAD_SCHEME = re.compile(r"^\s*(javascript|data|vbscript):", re.I)
_EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def check_unsafe(page) -> list[Finding]:
    """Findings for one page (handbook.pages.SourcePage)."""
    path, found = page.path, []
    for number, line in page.prose:
        if "<" not in line:  # both patterns start at a tag
            continue
        for m in _TAG.finditer(line):
            tag = m.group(1).lower()
            found.append(Finding(path, number, m.start() + 1,
                                 f"raw <{tag}> is not allowed in content; remove it (embedded code and forms are not published on the intranet)",
                                 "unsafe_html", line))
        for m in _EVENT_ATTR.finditer(line):
            found.append(Finding(path, number, m.start(1) + 1,
                                 f"event-handler attribute '{m.group(1)}=' runs script; remove it",
                                 "unsafe_html", line))
    for link in page.links:
        if m := _BAD_SCHEME.match(link.target):
            found.append(Finding(path, link.line, link.col,
                                 f"'{m.group(1).lower()}:' link target is not allowed; link to a page or a file in docs/ instead",
                                 "unsafe_html", link.source_line))
        elif link.kind == "image" and _EXTERNAL.match(link.target):
            found.append(Finding(path, link.line, link.col,
                                 "image loads from another server, which intranet readers may not reach; save it under docs/ and link it relatively",
                                 "unsafe_html", link.source_line))
        elif link.target.lower().startswith("http://"):
            found.append(Finding(path, link.line, link.col,
                                 "plain http:// link; use https:// if the site supports it",
                                 "http_link", link.source_line))
    return found
