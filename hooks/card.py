"""The postulates card: built from the postulates page of the same language.

The card page (``template: card.html``) holds no postulate text of its own; this
hook reads the definition and each postulate's question and short answer from
the page named by ``card_from`` (default postulates.md) in the build's language,
and overrides/card.html lays them out.
"""
from __future__ import annotations

from dataclasses import dataclass

import markdown as markdown_lib
from mkdocs.structure.pages import _RelativePathTreeprocessor

from handbook.core.card import read_card
from handbook.core.placeholders import fill_placeholders, placeholder_values
from handbook.mkdocs_adapter import current_run

CARD_TEMPLATE = "card.html"


def on_page_markdown(markdown, *, page, config, files):
    if page.meta.get("template") != CARD_TEMPLATE:
        return markdown
    name = page.meta.get("card_from", "postulates.md")
    source = files.get_file_from_path(name)  # mkdocs-static-i18n picks this language's file
    if source is None:
        return markdown  # reported by the check pass (handbook.core.checks.check_cards)
    card, _ = read_card(current_run().pages[source.src_uri])  # its findings: the check pass's
    inline = _inline_renderer(config, files, source, page.file)

    def item(i):
        return {"id": i.id, "question": inline(i.question), "answer": inline(i.answer)}

    page.meta["card"] = {"source": source, "definition": item(card.definition) if card.definition else None,
                         "postulates": [item(i) for i in card.postulates]}
    return markdown


@dataclass(frozen=True)
class _AnswerHome:
    """Where an answer's links start from: the source page's folder, the card page's URL.

    MkDocs' link processing takes one file for both; the answers were written in
    the postulates page, so their links name files relative to it, while the
    browser follows them from the card page.
    """
    src_uri: str
    url: str
    inclusion: object


class _AnswerLinks(_RelativePathTreeprocessor):
    """MkDocs' own page-link resolution (same language, directory URLs, its warnings).

    A broken target is already a finding with file:line:col for the postulates
    page (hooks/links.py); MkDocs' own message for it is info (mkdocs.yml's validation).
    """

    def path_to_url(self, url: str) -> str:
        if url.startswith("#"):  # an anchor of the postulates page, not of the card
            url = self.file.src_uri.rsplit("/", 1)[-1] + url
        return super().path_to_url(url)


def _inline_renderer(config, files, source, card_file):
    """Markdown of one short answer to HTML, with the site's extensions, placeholders and links."""
    values = placeholder_values(config.extra.get("organisation") or {})
    md = markdown_lib.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    home = _AnswerHome(source.src_uri, card_file.url, card_file.inclusion)
    _AnswerLinks(home, files, config)._register(md)

    def inline(text: str) -> str:
        html = md.reset().convert(fill_placeholders(text, values))
        return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") else html

    return inline
