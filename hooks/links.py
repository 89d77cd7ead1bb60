"""Links and anchors in every language, beside MkDocs' own validation.

MkDocs validates each language build and logs its findings without line numbers;
mkdocs.yml sets those to info. This hook checks each language's pages with the
anchors that build rendered (handbook/links.py), with file:line:col; the pages were
parsed once by the check pass (hooks/checks.py), which also checked the nav.
"""
from __future__ import annotations

from mkdocs.plugins import event_priority

from handbook.core.checks import check_page_links, source_anchors
from handbook.core.findings import REPORT
from handbook.mkdocs_adapter import build_language, collecting, current_run, is_nested_build, only_language, toc_slugify

_rendered: dict = {"pages": []}  # the pages the current language build rendered in its language


# --- hooks ------------------------------------------------------------------

def on_config(config):
    if not is_nested_build(config):
        _rendered["pages"] = []  # a build that failed half-way leaves none behind


def on_page_markdown(markdown, *, page, config, files):
    run = current_run()
    if run and run.site.languages.split(page.file.src_uri)[1] == build_language(config):
        _rendered["pages"].append(page.file.src_uri)
    return markdown


def on_page_content(html, *, page, config, files):
    run = current_run()
    if run is not None:
        run.site.anchors[(build_language(config), page.file.src_uri)] = set(page.present_anchor_ids or ())
    return html


@event_priority(-50)  # after MkDocs' anchor validation, before i18n starts the next language
def on_post_build(*, config):
    run, pages = current_run(), _rendered["pages"]
    _rendered["pages"] = []
    if run is None:
        return
    pages = [p for p in pages if p in run.pages]
    if collecting():  # one part of `handbook build`: checked where every language's anchors are known
        run.rendered[build_language(config)] = pages
        return
    REPORT.extend(check_page_links(run, pages))
    if only_language():  # a preview of one language: the others' links, against their sources' anchors
        others = [uri for uri, page in run.pages.items() if page.lang != build_language(config)]
        source_anchors(run, toc_slugify(config))
        REPORT.extend(check_page_links(run, others))
