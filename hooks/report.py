"""Report every finding once, after all language builds, at the severity mkdocs.yml's
`extra.checks` gives its check (handbook.findings.CHECKS); an error then fails the
build, strict or not, while `mkdocs serve` keeps serving and shows it.

Other hooks add findings to ``handbook.findings.REPORT`` as they go. mkdocs-static-i18n
builds the other languages from inside the first build's ``on_post_build``, so the
report waits for the outermost build to finish (priority below i18n's -100). In a part of
`handbook build` (handbook.tools.parallel) the worker collects the findings instead, and
the process that assembles the site reports every part's, once.
"""
from __future__ import annotations

import logging
import re

from mkdocs.exceptions import ConfigurationError
from mkdocs.plugins import event_priority

from handbook.core.findings import REPORT, check_levels
from handbook.mkdocs_adapter import collecting, config_file, html_allowlist, is_nested_build, report_findings

_command = {"name": "build"}

# mkdocs-static-i18n logs every language's whole configuration at INFO level, which
# drowns the handbook's findings; its warnings still show.
logging.getLogger("mkdocs.plugins.mkdocs_static_i18n").setLevel(logging.WARNING)


# --- hooks ------------------------------------------------------------------

def on_startup(*, command, dirty):
    _command["name"] = command


@event_priority(100)  # before every other hook adds findings
def on_config(config):
    if is_nested_build(config):
        return
    REPORT.reset()
    checks = config.extra.get("checks")
    if checks is not None and not isinstance(checks, dict):
        raise ConfigurationError(f"{config_file(config)[0]}: extra.checks must map check ids to error, warning or info")
    try:
        REPORT.levels = check_levels(checks)
        html_allowlist(config)
    except ValueError as problem:
        raise ConfigurationError(_at_setting(config, str(problem))) from None


@event_priority(-200)
def on_post_build(*, config):
    if not is_nested_build(config) and not collecting():  # handbook build's parts: the assembling process reports
        report_findings(REPORT, fail=_command["name"] != "serve")


def on_build_error(*, error):
    if not collecting():
        report_findings(REPORT)  # a nested build failed: still show what was found before it


# --- helpers ----------------------------------------------------------------

def _at_setting(config, problem: str) -> str:
    """``problem`` at the line of mkdocs.yml that sets the check it names."""
    path, lines = config_file(config)
    # The most specific name it gives: a quoted name or element, else the setting.
    named = [m for pattern in (r"extra\.checks\.(\w+)", r"'([^']+)'", r"<([^>]+)>", r"extra\.(html_allowlist)")
             if (m := re.search(pattern, problem))]
    key = named[0].group(1) if named else None
    # The line that sets it: "key:" or a list item or flow list that names it.
    setting = re.compile(rf"\s+({re.escape(key)}\s*:|- *{re.escape(key)}\s*$|.*[\[, ]{re.escape(key)}[\],])") if key else None
    number = next((i for i, line in enumerate(lines, 1) if setting and setting.match(line)), 0)
    col = len(lines[number - 1]) - len(lines[number - 1].lstrip()) + 1 if number else 0
    where = f"{path}:{number}:{col}" if number else path
    return f"{where}: {problem}" + (f"\n    {number} | {lines[number - 1]}" if number else "")
