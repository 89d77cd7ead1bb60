"""The handbook's own Markdown extensions (Python-Markdown, not MkDocs)."""
