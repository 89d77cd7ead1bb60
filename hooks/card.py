"""The postulates card: built from the postulates page of the same language.

The card page (``template: card.html``) holds no postulate text of its own; this
hook reads the definition and each postulate's question and short answer from
the page named by ``card_from`` (default postulates.md) in the build's language,
and overrides/card.html lays them out.
"""
from __future__ import annotations

import markdown as markdown_lib

from handbook.adapter import display_path, read_source
from handbook.card import read_card
from handbook.findings import REPORT, Finding
from handbook.placeholders import fill_placeholders, placeholder_values
from handbook.source import split_front_matter

CARD_TEMPLATE = "card.html"


def on_page_markdown(markdown, *, page, config, files):
    if page.meta.get("template") != CARD_TEMPLATE:
        return markdown
    name = page.meta.get("card_from", "postulates.md")
    source = files.get_file_from_path(name)  # mkdocs-static-i18n picks this language's file
    if source is None:
        REPORT.add(Finding(display_path(config, page.file.src_uri), 1, 1,
                           f"card source '{name}' does not exist; set 'card_from' to the postulates page"))
        return markdown
    fm = split_front_matter(read_source(source))
    card, found = read_card(display_path(config, source.src_uri), fm.body, fm.body_line)
    REPORT.extend(found)
    inline = _inline_renderer(config)
    items = ([card.definition] if card.definition else []) + list(card.postulates)
    page.meta["card"] = {
        "source": source,
        "items": [{"id": i.id, "question": inline(i.question), "answer": inline(i.answer),
                   "is_definition": i is card.definition} for i in items],
    }
    return markdown


def _inline_renderer(config):
    """Markdown of one short answer to HTML, with the site's extensions and placeholders."""
    values = placeholder_values(config.extra.get("organisation") or {})
    md = markdown_lib.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)

    def inline(text: str) -> str:
        html = md.reset().convert(fill_placeholders(text, values))
        return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") else html

    return inline
