"""One search index per language."""
from __future__ import annotations


def language_index(data: dict, prefix: str, search_lang: str) -> dict:
    """The entries under ``prefix`` ('fi/'), made relative to it, searched as ``search_lang``.

    Each language's pages load the index beside their own root (see the ``config``
    block in overrides/main.html), so locations are relative to that root.
    """
    docs = [dict(doc, location=doc["location"][len(prefix):])
            for doc in data.get("docs", []) if doc["location"].startswith(prefix)]
    config = dict(data.get("config", {}))
    if search_lang:
        config["lang"] = [search_lang]
    return {**data, "config": config, "docs": docs}
