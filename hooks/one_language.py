"""One language in this process: each part of `handbook build` (one process per
language, run side by side) and `handbook serve --lang fi` build only the language
that handbook.mkdocs_adapter.only_language() names, at the URLs it has in the whole
site. The check pass still reads every language's sources (hooks/checks.py)."""
from __future__ import annotations

from mkdocs.plugins import event_priority

from handbook.mkdocs_adapter import start_only_language


@event_priority(110)  # before every other hook, and before mkdocs-static-i18n's on_config (-100)
def on_config(config):
    start_only_language(config)
