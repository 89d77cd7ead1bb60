"""`handbook check`: the build's checks without building the site.

The same page models, checks and messages as a build (handbook.checks), read from
mkdocs.yml and docs/ directly. What a build learns from rendering, each page's
anchors, comes from the sources here (SourcePage.anchors).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass

from handbook.core.checks import check_all
from handbook.core.findings import check_levels, Finding
from handbook.core.pages import read_pages
from handbook.mkdocs_adapter import (DocsFile, check_settings, markdown_renderer, source_texts, toc_slugify,
                                    undecodable)


@dataclass(frozen=True)
class Checked:
    findings: list[Finding]
    levels: dict[str, str]  # check id -> severity
    pages: int
    seconds: float


def check_project(config) -> Checked:
    """Every check over the project that ``config`` (MkDocs' loaded mkdocs.yml) describes."""
    start = time.perf_counter()
    plugin = config.plugins.get("i18n")
    if plugin is not None:  # the outer build's settings: the default language's own extra (role ids)
        config.extra.update(next(dict(e.extra or {}) for e in plugin.config.languages if e.default))
    levels = check_levels(config.extra.get("checks"))
    files = [DocsFile(os.path.relpath(os.path.join(folder, name), config.docs_dir).replace(os.sep, "/"),
                   os.path.join(folder, name))
             for folder, _, names in os.walk(config.docs_dir) for name in names]
    settings = check_settings(config, files)
    pages = read_pages(source_texts(files), settings.languages, settings.docs)
    problems = {uri: problem for uri, (_, _, problem) in undecodable().items()}
    found = check_all(pages, settings, toc_slugify(config), markdown_renderer(config, pages, settings.placeholders),
                      problems)
    return Checked(sorted(found), levels, len(pages), time.perf_counter() - start)

