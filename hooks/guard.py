"""What a page may publish: its rendered HTML (after Markdown, before the theme) against
the allowlist (handbook.core.allowlist), in every language build and in `mkdocs serve`.
What the allowlist does not allow is removed, whatever its severity, and reported once
at its place in the page's source."""
from __future__ import annotations

from mkdocs.plugins import event_priority

from handbook.core.checks import check_published
from handbook.core.findings import REPORT
from handbook.mkdocs_adapter import build_language, collecting, current_run, html_allowlist, markdown_renderer, only_language

_allowlist: dict = {}
# A preview's other languages: (page, its text, the settings) -> what the guard found in it.
_previewed: dict = {}


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


@event_priority(-50)  # before report.py shows the build's findings
def on_post_build(*, config):
    """A preview of one language (`handbook serve --lang`) renders no other language's
    pages: each is made here as `handbook check` makes it (Markdown, no theme) and
    guarded, so the preview reports what a full build would. A page's findings are kept
    while its text and the settings stay the same: a rebuild renders only what changed."""
    run = current_run()
    if run is None or not only_language() or collecting():
        return
    render, placeholders = None, run.settings.placeholders
    settings = (_allowlist["current"], tuple(sorted(placeholders.items())))
    kept = {}
    for uri, page in sorted(run.pages.items()):
        if page.lang == build_language(config) or uri in run.guarded:  # guarded as this build rendered it
            continue
        key = (uri, page.text, settings)
        found = _previewed.get(key)
        if found is None:
            render = render or markdown_renderer(config, run.pages, placeholders)
            found = check_published(run, uri, render(uri), _allowlist["current"])[1]
        if "--8<--" not in page.text:  # what a snippet includes may change while the page does not
            kept[key] = found
        REPORT.extend(found)
    _previewed.clear()
    _previewed.update(kept)  # the pages as they are now, no older texts
