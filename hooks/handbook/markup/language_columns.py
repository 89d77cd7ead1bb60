"""Tables whose columns are languages (the glossary: | English | Suomi | ... |): each
cell is marked with its column's language, so a screen reader reads a Hebrew term as
Hebrew on a Finnish page, and the term's script runs in its own direction.

A Markdown table cannot carry attributes, and writing every cell as <span lang> would
bury the terms in markup; Python-Markdown's treeprocessor sees the finished table.
"""
from __future__ import annotations

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

RIGHT_TO_LEFT = {"ar", "dv", "fa", "he", "ps", "ur", "yi"}


def direction(locale: str) -> str:
    return "rtl" if locale.split("_")[0].split("-")[0] in RIGHT_TO_LEFT else "ltr"


class _LanguageColumns(Treeprocessor):
    def __init__(self, md, locales: dict[str, str]):
        super().__init__(md)
        self.locales = locales  # a language's name as it heads a column -> its locale

    def run(self, root):
        for table in root.iter("table"):
            heads = [" ".join("".join(th.itertext()).split()) for th in table.iter("th")]
            if not heads or any(head not in self.locales for head in heads):
                continue
            for row in table.iter("tr"):
                for cell, head in zip([c for c in row if c.tag in ("th", "td")], heads):
                    cell.set("lang", self.locales[head])
                    cell.set("dir", direction(self.locales[head]))


class LanguageColumns(Extension):
    """``locales``: {"English": "en", "Suomi": "fi", ...}."""

    def __init__(self, locales: dict[str, str]):
        self.locales = dict(locales)
        super().__init__()

    def extendMarkdown(self, md):
        # Low priority: after the inline processor (20), so a heading's text is final.
        md.treeprocessors.register(_LanguageColumns(md, self.locales), "handbook_language_columns", 5)
