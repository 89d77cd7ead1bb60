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
    values = {"organisation": str(organisation.get("name", ""))}
    values.update({key: str(organisation.get(key) or "") for key in SETTINGS})
    return values


# Placeholders named after their key in extra.organisation. The rules and the
# channel pages need the organisation's own contacts and tools, not generic ones.
SETTINGS = ("contact", "intranet_url", "privacy_contact", "whistleblowing_contact", "internal_platform")


def check_placeholders(page, values: dict) -> list[Finding]:
    """Unknown placeholders in one page (handbook.pages.SourcePage)."""
    path, found = page.path, []
    for number, line in page.prose:
        if "{{" not in line:
            continue
        for m in PLACEHOLDER.finditer(line):
            name = m.group(1)
            if name not in values:
                hint = did_you_mean("{{ %s }}" % name, ["{{ %s }}" % v for v in values])
                message = f"unknown placeholder '{m.group(0)}'; {hint or 'known: ' + ', '.join(values)}"
            elif not values[name].strip():
                key = "name" if name == "organisation" else name
                message = f"'{m.group(0)}' has no value; set extra.organisation.{key} in mkdocs.yml"
            else:
                continue
            found.append(Finding(path, number, m.start() + 1, message, "placeholder", line))
    return found


def fill_placeholders(markdown: str, values: dict) -> str:
    """Replace known placeholders; unknown ones stay (and are reported by the check)."""
    if "{{" not in markdown:
        return markdown
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), markdown)
