"""The check pass: every page is read and parsed once (handbook.pages), and every check
that reads sources runs over it (handbook.checks), once per build: the sources are the
same in every language build. The links are checked per language (hooks/links.py),
against the anchors each build renders."""
from __future__ import annotations

from handbook.core.findings import REPORT
from handbook.mkdocs_adapter import is_nested_build, start_run


def on_files(files, *, config):
    if not is_nested_build(config):
        REPORT.extend(start_run(config, files).findings)
    return files
