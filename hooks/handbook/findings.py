"""Findings: what a check found, where, and how to fix it; collected, then reported once."""
from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # as the contributor sees it, e.g. "docs/safety.fi.md" or "mkdocs.yml"
    line: int  # 1-based; 0 when the problem is the whole file
    col: int  # 1-based; 0 when unknown
    message: str  # "what is wrong; how to fix it"
    severity: str = ERROR
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


@dataclass
class Report:
    """Findings from every language build, each kept once."""

    findings: set[Finding] = field(default_factory=set)

    def add(self, *findings: Finding) -> None:
        self.findings.update(findings)

    def extend(self, findings) -> None:
        self.findings.update(findings)

    def reset(self) -> None:
        self.findings.clear()

    def of(self, severity: str) -> list[Finding]:
        return sorted(f for f in self.findings if f.severity == severity)


# One report per MkDocs process: every hook module adds to it, report.py empties it.
REPORT = Report()


def severity_from(config_extra: dict, check: str, default: str) -> str:
    """Severity of a check, configurable in mkdocs.yml under extra.checks."""
    value = (config_extra.get("checks") or {}).get(check, default)
    return value if value in SEVERITIES else default
