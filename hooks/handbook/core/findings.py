"""Findings: what a check found, where, and how to fix it; collected, then reported once."""
from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)

# Every check by its id, and how serious its findings are unless mkdocs.yml sets
# `extra.checks: {id: error|warning|info}`. An error fails the build; the others are shown.
CHECKS = {
    "encoding": ERROR,                # a file that is not UTF-8
    "front_matter": ERROR,            # keys, their types, YAML syntax; an empty page
    "duplicate_id": ERROR,            # two headings or elements of a page with the same id
    "snippet": ERROR,                 # a --8<-- include outside the snippet folders, or missing
    "unsafe_html": ERROR,             # what the allowlist over rendered pages removes
    "http_link": WARNING,             # a plain http:// link
    "placeholder": ERROR,             # an unknown {{ placeholder }}
    "link": ERROR,                    # links and anchors, across languages
    "nav": ERROR,                     # a nav entry that points to no page
    "missing_translation": ERROR,     # a page with no translation and no 'untranslated' mark
    "unrecorded_translation": ERROR,  # a translation that does not record its original's version
    "outdated_translation": INFO,     # a translation older than its original
    "structure": ERROR,               # an up-to-date translation that does not mirror its original
    "card": ERROR,                    # the postulates card's source
    "colors": ERROR,                  # the organisation's colours: not a colour, or too little contrast
}


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # as the contributor sees it, e.g. "docs/safety.fi.md" or "mkdocs.yml"
    line: int  # 1-based; 0 when the problem is the whole file
    col: int  # 1-based; 0 when unknown
    message: str  # "what is wrong; how to fix it"
    check: str  # its check's id in CHECKS, which decides its severity
    quote: str = ""  # the offending source line, shown under the message

    def location(self) -> str:
        parts = [self.path]
        if self.line:
            parts.append(str(self.line))
            if self.col:
                parts.append(str(self.col))
        return ":".join(parts)

    def format(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.quote.strip():
            quote, col = _excerpt(self.quote.rstrip(), self.col)
            gutter = f"{self.line} | " if self.line else "| "
            text += f"\n    {gutter}{quote}"
            if col:
                text += "\n    " + " " * (len(gutter) + col - 1) + "^"
        return text


def _excerpt(line: str, col: int, width: int = 90) -> tuple[str, int]:
    """At most ``width`` characters of ``line`` around column ``col`` (1-based)."""
    if len(line) <= width:
        return line, col
    start = max(0, min(col - 1 - width // 3, len(line) - width)) if col else 0
    text = line[start:start + width]
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(line) else ""
    return prefix + text + suffix, (col - start + len(prefix)) if col else 0


def check_levels(configured: dict | None) -> dict[str, str]:
    """Each check's severity: CHECKS, with what ``configured`` (mkdocs.yml's extra.checks)
    sets. Raises ValueError naming an unknown check or severity."""
    levels = dict(CHECKS)
    for check, severity in (configured or {}).items():
        if check not in CHECKS:
            raise ValueError(f"unknown check '{check}' under extra.checks; the checks are: {', '.join(CHECKS)}")
        if severity not in SEVERITIES:
            raise ValueError(f"extra.checks.{check} is '{severity}'; write one of: {', '.join(SEVERITIES)}")
        levels[check] = severity
    return levels


@dataclass
class Report:
    """Findings from every language build, each kept once, and each check's severity."""

    findings: set[Finding] = field(default_factory=set)
    levels: dict[str, str] = field(default_factory=lambda: dict(CHECKS))

    def add(self, *findings: Finding) -> None:
        self.findings.update(findings)

    def extend(self, findings) -> None:
        self.findings.update(findings)

    def reset(self) -> None:
        self.findings.clear()

    def severity(self, finding: Finding) -> str:
        return self.levels[finding.check]

    def of(self, severity: str) -> list[Finding]:
        return sorted(f for f in self.findings if self.severity(f) == severity)


# One report per MkDocs process: every hook module adds to it, report.py empties it.
REPORT = Report()
