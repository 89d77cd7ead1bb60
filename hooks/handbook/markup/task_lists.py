"""Checklists (pymdownx.tasklist) whose checkboxes have names: the item's own text moves
into the checkbox's label, as in <label><input> Text</label>.

pymdownx.tasklist's label holds only the checkbox and its drawn box, so a screen reader
announces "checkbox, not checked" with no words (axe: label, critical), and no option of
the extension changes that. The extension stores its label as raw HTML, so the element
tree never sees it: this works on the finished HTML, on the extension's own fixed markup.
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

_BLOCK = r"(?:ul|ol|li|p|div|pre|table|blockquote|dl|details|hr|h[1-6])\b"
# The label, then the item's text up to its end or its first block (a nested list).
_TASK = re.compile(r'(<label class="task-list-control">)(.*?)(</label>)((?:[^<]|<(?!/?' + _BLOCK + r'))*)', re.S)


def name_checkboxes(html: str) -> str:
    def moved(match: re.Match) -> str:
        text = match.group(4)
        kept = text.rstrip()
        return match.group(1) + match.group(2) + kept + match.group(3) + text[len(kept):]

    return _TASK.sub(moved, html)


class _NamedCheckboxes(Postprocessor):
    def run(self, text: str) -> str:
        return name_checkboxes(text) if "task-list-control" in text else text


class NamedCheckboxes(Extension):
    def extendMarkdown(self, md):
        # Lowest priority: after the raw HTML (30) and the escapes (20) are restored.
        md.postprocessors.register(_NamedCheckboxes(md), "handbook_named_checkboxes", 1)
