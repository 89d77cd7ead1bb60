"""The organisation's settings (mkdocs.yml ``extra.organisation``), set once, and what
MkDocs and Material settings follow from them: the published address, the repository
with its edit links, the logo and favicon, and colours that readers can read.
"""
from __future__ import annotations

import colorsys
import re
from html import escape
from urllib.parse import urlsplit

from handbook.core.findings import Finding

# Where the edit button opens a page, per forge: {branch} and the docs folder follow.
EDIT_PATHS = {"github": "edit/{branch}/{docs}/", "gitlab": "-/edit/{branch}/{docs}/"}
WHITE = "#ffffff"
AA_TEXT = 4.5  # WCAG 2 AA, normal text
# Each colour setting, what it is drawn against (Material's backgrounds) and what readers see in it.
COLOR_USES = {
    "primary": ("the header (white text on it) and links (on white)", WHITE),
    "accent": ("links under the pointer and search highlights (on white)", WHITE),
}
_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def forge(repository_url: str, declared: str = "") -> str:
    """'github' or 'gitlab': as declared, else by the host (gitlab.* or *gitlab*), else GitHub's layout."""
    if declared:
        return declared.lower()
    return "gitlab" if "gitlab" in (urlsplit(repository_url).hostname or "") else "github"


def repository_settings(repository: dict, docs_folder: str = "docs") -> dict:
    """repo_url, repo_name and edit_uri from ``extra.organisation.repository``."""
    url = str(repository.get("url") or "").rstrip("/")
    if not url:
        return {}
    path = urlsplit(url).path.strip("/")
    edit = repository.get("edit_path") or EDIT_PATHS[forge(url, repository.get("forge", ""))].format(
        branch=repository.get("branch", "main"), docs=docs_folder)
    return {"repo_url": url, "repo_name": str(repository.get("label") or path.rsplit("/", 1)[-1]), "edit_uri": edit}


def site_address(intranet_url: str, override: str = "") -> str:
    """The address pages are published at: the intranet's, unless a preview is published elsewhere."""
    address = (override or intranet_url or "").strip()
    return address if not address or address.endswith("/") else address + "/"


# --- colours ------------------------------------------------------------------

def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def darker_until_readable(color: str, background: str = WHITE) -> str:
    """The same hue, darkened in steps until it reaches AA against ``background``."""
    r, g, b = _rgb(color)
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    while lightness > 0:
        lightness = max(0.0, lightness - 0.01)
        candidate = "#" + "".join(f"{round(c * 255):02x}" for c in colorsys.hls_to_rgb(hue, lightness, saturation))
        if contrast(candidate, background) >= AA_TEXT:
            return candidate
    return "#000000"


def check_colors(colors: dict, path: str, yml_lines: list[str]) -> list[Finding]:
    """Each configured colour is a hex colour that reaches WCAG AA where Material draws it;
    a finding points at the line of ``yml_lines`` that sets it (0 when inherited)."""
    found = []
    for name, value in (colors or {}).items():
        line = next((i for i, text in enumerate(yml_lines, 1)
                     if re.match(rf"\s*{re.escape(name)}\s*:", text) and str(value) in text), 0)
        text = yml_lines[line - 1] if line else ""
        setting = f"extra.organisation.colors.{name}"
        if not isinstance(value, str) or not _HEX.fullmatch(value.strip()):
            found.append(Finding(path, line, 1, f"{setting} {value!r} is not a colour; write it as '#rrggbb'",
                                 "colors", text))
            continue
        if name not in COLOR_USES:
            continue
        use, background = COLOR_USES[name]
        ratio = contrast(value, background)
        if ratio < AA_TEXT:
            found.append(Finding(
                path, line, 1,
                f"{setting} '{value}' has a contrast of {ratio:.2f}:1 in {use}; WCAG AA needs {AA_TEXT}:1: "
                f"choose a darker colour, such as '{darker_until_readable(value, background)}'", "colors", text))
    return found


def _rgb(color: str) -> tuple[float, float, float]:
    digits = color.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))


def _luminance(color: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def footer_line(organisation: dict) -> str:
    """The footer's copyright line: the organisation and the handbook's official address,
    so that a copy read elsewhere (a preview, a saved page) says whose it is and where
    the current one lives. HTML, which Material's footer shows as `copyright`."""
    parts = []
    if organisation.get("name"):
        parts.append(f'<span class="hb-organisation">© {escape(organisation["name"])}</span>')
    url = organisation.get("intranet_url") or ""
    if url:
        shown = re.sub(r"^https?://", "", url)
        parts.append(f'<a class="hb-intranet-url" href="{escape(url)}">{escape(shown)}</a>')
    return " · ".join(parts)
