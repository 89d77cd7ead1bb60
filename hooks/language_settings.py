"""Each language's build sees its own `extra` settings, never the previous language's
(see handbook.languages.language_extra), and its own tooltip on heading links (the toc
extension's permalink_title is one setting for all languages). Runs right after
mkdocs-static-i18n's on_config."""
from __future__ import annotations

from mkdocs.plugins import event_priority

from handbook.core.languages import language_extra
from handbook.mkdocs_adapter import build_language, from_config


@event_priority(-110)  # after mkdocs-static-i18n (-100) has applied the language's overrides
def on_config(config):
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return config
    own = {entry.locale: dict(entry.extra or {}) for entry in plugin.config.languages if entry.build}
    current = build_language(config)
    keys = {key for extra in own.values() for key in extra}
    settings = language_extra(dict(config.extra), own.get(current, {}), own[from_config(config).default], keys)
    config.extra.clear()
    config.extra.update(settings)
    permalink = (settings.get("strings") or {}).get("permalink")
    if permalink and isinstance(config.mdx_configs.get("toc"), dict):
        config.mdx_configs["toc"]["permalink_title"] = permalink
    return config
