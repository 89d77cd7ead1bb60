"""The check pass: every page is read and parsed once (handbook.pages), and every check
that reads sources runs over it (handbook.checks), once per build: the sources are the
same in every language build. The links are checked per language (hooks/links.py),
against the anchors each build renders.

What the build could not read as it is, it gets in a form it can: a file that is not
UTF-8 with its bad bytes replaced, a page without its impossible snippet includes. Both
were reported, so the build still fails, but with the findings instead of a traceback."""
from __future__ import annotations

from handbook.core.findings import REPORT
from handbook.core.integrity import without_bad_snippets
from handbook.mkdocs_adapter import current_run, is_nested_build, start_run, undecodable


def on_files(files, *, config):
    if not is_nested_build(config):
        REPORT.extend(start_run(config, files).findings)
    return files


def on_page_read_source(*, page, config):
    for path, text, _ in undecodable().values():
        if path == page.file.abs_src_path:
            return text
    return None


def on_page_markdown(markdown, *, page, config, files):
    run = current_run()
    source = run.pages.get(page.file.src_uri) if run else None
    if source is None:
        return markdown
    return without_bad_snippets(markdown, source, run.settings.snippet_folders)
