"""What a page may publish: its rendered HTML (after Markdown, before the theme) against
the allowlist (handbook.core.allowlist), in every language build and in `mkdocs serve`.
What the allowlist does not allow is removed, whatever its severity, and reported once
at its place in the page's source."""
from __future__ import annotations

from mkdocs.plugins import event_priority

from handbook.core.checks import check_published
from handbook.core.findings import REPORT
from handbook.mkdocs_adapter import current_run, html_allowlist

_allowlist: dict = {}


def on_config(config):
    _allowlist["current"] = html_allowlist(config)  # report.py rejected a bad setting first


@event_priority(100)  # before any other hook reads the page's HTML
def on_page_content(html, *, page, config, files):
    run = current_run()
    if run is None:  # no check pass ran (its hook is not listed): still publish nothing unsafe
        from handbook.core.allowlist import guard

        return guard(html, _allowlist["current"])[0]
    published, found = check_published(run, page.file.src_uri, html, _allowlist["current"])
    REPORT.extend(found)
    return published
