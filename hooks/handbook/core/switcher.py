"""The language switcher's links, relative to the site so they work wherever it is opened."""
from __future__ import annotations

from urllib.parse import urlsplit


def site_relative(link: str, site_url: str | None) -> str:
    """'/fi/' -> 'fi/', '/handbook/he/index.html' -> 'he/index.html' (site_url http://x/handbook/).

    mkdocs-static-i18n links the language homes (and 404 pages) to absolute paths made
    from site_url; MkDocs' ``url`` filter keeps absolute paths as they are, so these break
    under another sub-path and from the file system. Relative to the site, the filter
    makes them relative to each page (and absolute from the site's root on 404 pages).
    Other links (already relative, or to another host) are returned unchanged.
    """
    if not link.startswith("/") or link.startswith("//"):
        return link
    root = urlsplit(site_url or "/").path.rstrip("/") + "/"
    if link.rstrip("/") + "/" == root:  # the site's own root: '/', '/handbook', '/handbook/'
        return "./"
    return link[len(root):] if link.startswith(root) else link


def relative_alternates(alternates: list[dict], site_url: str | None) -> list[dict]:
    """Material's ``extra.alternate`` entries with site-relative links."""
    return [dict(alt, link=site_relative(alt.get("link", ""), site_url)) for alt in alternates]
