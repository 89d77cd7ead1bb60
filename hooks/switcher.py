"""Language switcher links that work under any sub-path and from the file system.

mkdocs-static-i18n points each page's switcher at the same page in every language
(relative links), except on the language homes, where it uses absolute paths made
from site_url ('/fi/'). Served from another sub-path, or opened from the file system
(the offline build), those lead nowhere. Here they become relative to the site, and
MkDocs' url filter makes them relative to each page.

i18n keeps the language roots in ``config.extra["alternate"]`` and sets each page's
links as the attribute ``config.extra.alternate``, which is what templates read.
"""
from __future__ import annotations

from mkdocs.plugins import event_priority

from handbook.core.switcher import relative_alternates


# --- hooks ------------------------------------------------------------------

@event_priority(-50)  # after i18n (50) has set this page's links
def on_page_context(context, *, page, config, nav):
    _relative(getattr(config.extra, "alternate", None), config)
    return context


def on_template_context(context, *, template_name, config):
    # 404 pages are served at any depth: i18n's absolute language roots, not the
    # links the last page left behind.
    roots = config.extra.get("alternate")
    if template_name == "404.html" and isinstance(roots, list):
        config.extra.alternate = [dict(alt) for alt in roots]
    return context


# --- helpers ----------------------------------------------------------------

# Set the links templates read, relative to the site.
def _relative(alternates, config) -> None:
    if isinstance(alternates, list):
        config.extra.alternate = relative_alternates(alternates, config.site_url)
