"""Report every finding once, after all language builds; a strict build then fails once.

Other hooks add findings to ``handbook.findings.REPORT`` as they go. mkdocs-static-i18n
builds the other languages from inside the first build's ``on_post_build``, so the
report waits for the outermost build to finish (priority below i18n's -100).
"""
from __future__ import annotations

import logging

from mkdocs.plugins import event_priority, get_plugin_logger

from handbook.findings import ERROR, INFO, REPORT, WARNING
from handbook.languages import is_nested_build

log = get_plugin_logger("handbook")

# mkdocs-static-i18n logs every language's whole configuration at INFO level, which
# drowns the handbook's findings; its warnings still show.
logging.getLogger("mkdocs.plugins.mkdocs_static_i18n").setLevel(logging.WARNING)


# --- hooks ------------------------------------------------------------------

@event_priority(100)  # before every other hook adds findings
def on_config(config):
    if not is_nested_build(config):
        REPORT.reset()


@event_priority(-200)
def on_post_build(*, config):
    if not is_nested_build(config):
        _flush()


def on_build_error(*, error):
    _flush()  # a nested build failed: still show what was found before it


# --- helpers ----------------------------------------------------------------

def _flush() -> None:
    for finding in REPORT.of(INFO):
        log.info(finding.format())
    warnings, errors = REPORT.of(WARNING), REPORT.of(ERROR)
    for finding in warnings:
        log.warning(finding.format())
    for finding in errors:
        log.error(finding.format())
    if errors or warnings:
        log.info(f"{len(errors)} error(s) and {len(warnings)} warning(s) in the handbook's sources; "
                    "fix them at the places shown above, then build again")
    REPORT.reset()
