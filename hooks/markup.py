"""The handbook's own Markdown extensions, added to the site's: checkboxes named by their
items (handbook.task_lists), and each cell of a table whose columns are languages marked
with its language (handbook.language_columns). Every page, and the card's answers, are
rendered with them."""
from __future__ import annotations

from handbook.markup.language_columns import LanguageColumns
from handbook.markup.task_lists import NamedCheckboxes


def on_config(config):
    plugin = config.plugins.get("i18n")
    names = {entry.name: entry.locale for entry in plugin.config.languages} if plugin else {}
    ours = [NamedCheckboxes(), LanguageColumns(names)]
    config.markdown_extensions[:] = [e for e in config.markdown_extensions
                                     if not isinstance(e, (NamedCheckboxes, LanguageColumns))] + ours
    return config
