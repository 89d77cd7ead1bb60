"""What the allowlist removed from a page (handbook.core.allowlist), as findings at the
construct in the page's source, named for what it is, with the safe alternative; and
plain http:// links, which are published but reported."""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from handbook.core.allowlist import Removal
from handbook.core.findings import Finding
from handbook.core.source import browser_url

NAMES = {  # what a reader or contributor calls each element
    "a": "a link", "img": "an image", "video": "a video", "audio": "an audio player", "source": "a media source",
    "track": "a caption track", "p": "a paragraph", "div": "a block", "span": "a span of text", "li": "a list item",
    "td": "a table cell", "th": "a table heading", "table": "a table", "iframe": "an embedded frame (<iframe>)",
    "frame": "a frame (<frame>)", "frameset": "a frameset", "object": "an embedded object (<object>)",
    "embed": "embedded content (<embed>)", "script": "a script (<script>)", "noscript": "a <noscript> block",
    "style": "a style sheet (<style>)", "link": "a linked resource (<link>)", "meta": "a <meta> element",
    "base": "a <base> element", "form": "a form", "input": "a form field", "button": "a button",
    "select": "a drop-down list", "textarea": "a text box", "svg": "inline SVG", "math": "inline MathML",
    "template": "a <template> element", "details": "a collapsible block", "summary": "a collapsible block's title",
}
for _level in range(1, 7):
    NAMES[f"h{_level}"] = "a heading"
VIDEO_HOSTS = re.compile(r"(^|\.)(youtube(-nocookie)?\.com|youtu\.be|vimeo\.com|dailymotion\.com|tiktok\.com"
                         r"|twitch\.tv|microsoftstream\.com|vimeo\.com)$", re.I)
ALLOWLIST_HINT = "or, if it is safe, add it to extra.html_allowlist in mkdocs.yml"


def check_http_links(page) -> list[Finding]:
    """Plain http:// links: published, but readers' traffic to them can be read or changed."""
    return [Finding(page.path, link.line, link.col, "plain http:// link; use https:// if the site supports it",
                    "http_link", link.source_line)
            for link in page.links if link.target.lower().startswith("http://")]


def removal_findings(page, removals: list[Removal]) -> list[Finding]:
    """One finding per removal, at its place in ``page``'s source (a SourcePage)."""
    found, seen = [], Counter()
    for removal in removals:
        where = _place(page, removal, seen)
        line, col = where[:2] if where else (page.front_matter.body_line, 1)
        quote = page.lines[line - 1] if where and line <= len(page.lines) else ""
        message = describe(removal)
        if where is None:
            message += " (it is not in the page's own text: look in the files it includes with --8<--)"
        found.append(Finding(page.path, line, col, message, "unsafe_html", quote))
    return found


def describe(removal: Removal) -> str:
    """'what is wrong; how to fix it' for one removal."""
    tag, name, value = removal.tag, removal.name, removal.value
    host = _host(value)
    if removal.kind == "url":
        if tag == "a":
            url = browser_url(value)
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if url.startswith("//"):
                return f"link to '{url}' has no scheme; write https:// in front of it"
            return (f"'{scheme}:' link is not allowed: it runs script or hides content in the address; "
                    "link to a page, an https:// address or a mailto: address")
        thing = NAMES.get(tag, f"<{tag}>")
        if host:
            fix = ("link to the video instead, or save it under docs/ and link it relatively" if tag in ("video", "source", "track", "audio")
                   else "save it under docs/ and link it relatively")
            return f"{thing} loads from another server ({host}), which readers' browsers would contact; {fix}"
        return f"{thing} has an address that is not a file of the site ('{value.strip()[:40]}'); save the file under docs/ and link it relatively"
    if removal.kind == "attribute":
        on = NAMES.get(tag, f"<{tag}>")
        if name.startswith("on"):
            return f"event handler '{name}' on {on} runs script; remove it"
        if name == "style":
            return (f"inline style on {on} is not published (it can load from other servers or hide text); "
                    "remove it, and use Markdown or a class the handbook's CSS defines")
        if name == "srcset":
            return f"'srcset' on {on} can load from other servers; remove it and keep one relative src"
        if tag == "input" and name == "type":
            return f"a form field (type '{value}') is not published; only task-list checkboxes are"
        return f"attribute '{name}' is not allowed on {on}; remove it, {ALLOWLIST_HINT}"
    thing = NAMES.get(name, f"<{name}>")
    if name in ("iframe", "object", "embed") and host and VIDEO_HOSTS.search(host):
        return f"an embedded video ({host}) is not published; link to the video instead: [Title of the video]({value.strip()})"
    fixes = {
        "iframe": "link to the page instead", "object": "link to the file instead", "embed": "link to the file instead",
        "frame": "link to the page instead", "frameset": "link to the pages instead",
        "script": "remove it: pages publish no scripts", "noscript": "remove it",
        "style": "remove it, and ask for a class in the handbook's CSS", "template": "remove it",
        "link": "remove it: the site's styles are set in mkdocs.yml (extra_css)",
        "meta": "remove it: a page's metadata goes in its front matter", "base": "remove it: it changes where every link on the page goes",
        "form": "link to the form instead", "input": "link to the form instead", "button": "link to the form instead",
        "select": "link to the form instead", "textarea": "link to the form instead",
        "svg": "save it as a file under docs/ and include it as an image", "math": "write the formula as text, or include it as an image",
    }
    fix = fixes.get(name, f"remove it, {ALLOWLIST_HINT}")
    return f"{thing} is not published; {fix}"


def _host(value: str) -> str:
    try:
        return (urlsplit(value.strip()).hostname or "").lower()
    except ValueError:
        return ""


def _place(page, removal: Removal, seen: Counter):
    """(line, col, source line) of the construct, or None. The n-th removal of a kind is
    looked for at the n-th place that kind appears in the page's prose (code excluded)."""
    if removal.kind == "url":
        value = browser_url(removal.value)
        matches = sorted({(link.line, link.col, link.source_line) for link in page.links if link.target == value})
        key = ("url", value)
    else:
        if removal.kind == "attribute":
            pattern = re.compile(rf"(?<![\w:</-]){re.escape(removal.name)}(?=\s*=|[\s>/}}])", re.I)
        else:
            pattern = re.compile(rf"<\s*{re.escape(removal.name)}(?![\w-])", re.I)
        matches = [(n, m.start() + 1, text) for n, text in page.prose for m in pattern.finditer(text)
                   if _in_markup(text, m.start())]
        key = (removal.kind, removal.name)
    index = seen[key]
    seen[key] += 1
    return matches[index] if index < len(matches) else (matches[-1] if matches else None)


def _in_markup(text: str, at: int) -> bool:
    """Whether position ``at`` is inside a tag or an attr_list block, not in prose: the
    nearest '<' or '{' before it is not closed before it (or the line continues a tag)."""
    opened = max(text.rfind("<", 0, at + 1), text.rfind("{", 0, at))
    closed = max(text.rfind(">", 0, at), text.rfind("}", 0, at))
    return opened > closed or (opened == -1 and closed == -1)
