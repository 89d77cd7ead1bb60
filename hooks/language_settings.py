"""Each language's build sees its own `extra` settings, never the previous language's
(see handbook.languages.language_extra), and its own tooltip on heading links (the toc
extension's permalink_title is one setting for all languages). Runs right after
mkdocs-static-i18n's on_config."""
from __future__ import annotations

from mkdocs.plugins import event_priority

from handbook.mkdocs_adapter import build_language, language_view


@event_priority(-110)  # after mkdocs-static-i18n (-100) has applied the language's overrides
def on_config(config):
    if config.plugins.get("i18n") is None:
        return config
    settings = language_view(config, build_language(config))
    config.extra.clear()
    config.extra.update(settings)
    permalink = (settings.get("strings") or {}).get("permalink")
    if permalink and isinstance(config.mdx_configs.get("toc"), dict):
        config.mdx_configs["toc"]["permalink_title"] = permalink
    return config
