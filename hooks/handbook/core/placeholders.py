"""Organisation placeholders such as ``{{ organisation }}`` in page content.

A few fixed names only: a full template engine (mkdocs-macros) would also treat
any stray ``{{`` or ``{%`` in translated prose as code and break the build.
"""
from __future__ import annotations

import re

from handbook.core.findings import Finding
from handbook.core.suggest import did_you_mean

PLACEHOLDER = re.compile(r"\{\{\s*([\w.-]+)\s*\}\}")


def placeholder_values(organisation: dict) -> dict[str, str]:
    """Names a page may use, from mkdocs.yml ``extra.organisation``."""
    return {
        "organisation": str(organisation.get("name", "")),
        "contact": str(organisation.get("contact", "")),
        "intranet_url": str(organisation.get("intranet_url", "")),
    }


def check_placeholders(page, values: dict) -> list[Finding]:
    """Unknown placeholders in one page (handbook.pages.SourcePage)."""
    path, found = page.path, []
    for number, line in page.prose:
        if "{{" not in line:
            continue
        for m in PLACEHOLDER.finditer(line):
            if m.group(1) not in values:
                hint = did_you_mean("{{ %s }}" % m.group(1), ["{{ %s }}" % v for v in values])
                found.append(Finding(path, number, m.start() + 1,
                                     f"unknown placeholder '{m.group(0)}'; {hint or 'known: ' + ', '.join(values)}",
                                     "placeholder", line))
    return found


def fill_placeholders(markdown: str, values: dict) -> str:
    """Replace known placeholders; unknown ones stay (and are reported by the check)."""
    if "{{" not in markdown:
        return markdown
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), markdown)
