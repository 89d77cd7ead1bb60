"""The handbook's code behind its MkDocs hooks (hooks/*.py).

core/            page model, checks, findings: no MkDocs import (a test checks it)
mkdocs_adapter   the one adapter: MkDocs' and mkdocs-static-i18n's objects -> the core's inputs
markup/          the handbook's own Markdown extensions
tools/           the handbook command, card PDFs, the CSP, browser helpers (not needed to build)
"""
