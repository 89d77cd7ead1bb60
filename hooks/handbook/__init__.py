"""Pure functions behind the handbook's MkDocs hooks.

Each hook in ``hooks/`` is a thin adapter that feeds MkDocs objects into these
functions; tests call them directly, without a build.
"""
