"""The Content-Security-Policy hashes a built site needs for its inline scripts.

Material for MkDocs writes a few small inline <script>s into every page; a policy
without 'unsafe-inline' must list each one's SHA-256 hash. They depend on the
Material version, the folder depth of pages and, on 404 pages, the site_url path,
so deploy/nginx/snippets/handbook-headers.conf is updated from this output.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
DATA_TYPES = ("application/json", "application/ld+json")  # data blocks are not executed


def sha256_source(text: str) -> str:
    """A CSP source expression: 'sha256-<base64>' of the exact script text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_script_hashes(site_dir: str) -> dict[str, str]:
    """Each executable inline script's hash -> the first page (relative path) that has it."""
    found: dict[str, str] = {}
    for folder, dirs, names in os.walk(site_dir):
        dirs.sort()
        for name in sorted(names):
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as handle:
                html = handle.read()
            for m in INLINE_SCRIPT.finditer(html):
                if any(kind in m.group(1).lower() for kind in DATA_TYPES):
                    continue
                found.setdefault(sha256_source(m.group(2)), os.path.relpath(path, site_dir).replace(os.sep, "/"))
    return found


def script_src(site_dir: str) -> str:
    """The script-src directive the built site needs, hashes sorted."""
    return " ".join(["script-src", "'self'", *sorted(inline_script_hashes(site_dir))])
