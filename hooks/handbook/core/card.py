"""The postulates card, read from the postulates page's source.

A section counts when its h2 carries the class ``.definition`` or ``.postulate``;
its short answer is the first paragraph marked ``{: .answer }``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from handbook.core.findings import Finding


_ANSWER_MARK = re.compile(r"^\s*\{:?\s*\.answer\s*\}\s*$")


@dataclass(frozen=True)
class CardItem:
    id: str
    question: str
    answer: str  # Markdown, one paragraph


@dataclass(frozen=True)
class Card:
    definition: CardItem | None
    postulates: tuple[CardItem, ...]


def read_card(page) -> tuple[Card, list[Finding]]:
    """The card read from the postulates page (handbook.pages.SourcePage)."""
    path, lines = page.path, dict(page.prose)
    sections = [h for h in page.headings if h.level == 2]
    found, items = [], []
    for i, heading in enumerate(sections):
        kind = next((c for c in heading.classes if c in ("definition", "postulate")), None)
        if not kind:
            continue
        end = sections[i + 1].line if i + 1 < len(sections) else max(lines, default=0) + 1
        answer = _answer(lines, heading.line + 1, end)
        if answer is None:
            found.append(Finding(path, heading.line, 1,
                                 "postulate has no short answer; put it in one paragraph under the heading "
                                 "and end it with a line '{: .answer }'", "card", lines.get(heading.line, "")))
            continue
        items.append((kind, CardItem(heading.id or "", heading.text, answer)))
    definition = next((item for kind, item in items if kind == "definition"), None)
    return Card(definition, tuple(item for kind, item in items if kind == "postulate")), found


def _answer(lines: dict[int, str], start: int, end: int) -> str | None:
    paragraph: list[str] = []
    for number in range(start, end):
        line = lines.get(number, "")
        if _ANSWER_MARK.match(line):
            return " ".join(paragraph) if paragraph else None
        if not line.strip():
            paragraph = []
        else:
            paragraph.append(line.strip())
    return None
