"""How big the built site is, and what a reader's browser downloads to open a page.

Pages load in Debian's Chromium (Playwright, handbook.browser) from a local HTTP
server with an empty cache, until the network is idle (Material's search worker
fetches the language's search index then too). Bytes are counted as served
(no compression), and as nginx would send them with the project's deploy
configuration (gzip level 5 for text types of 256 bytes or more).
"""
from __future__ import annotations

import gzip
from pathlib import Path

from handbook.tools.browser import launch, serve

_TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def site_size(site: Path) -> dict:
    """Bytes and files of the built site, in total and by kind."""
    kinds = {"html": 0, "search index": 0, "theme assets": 0, "other": 0}
    total = files = 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total, files = total + size, files + 1
        rel = path.relative_to(site).as_posix()
        if rel.endswith(".html"):
            kinds["html"] += size
        elif rel.endswith("search_index.json"):
            kinds["search index"] += size
        elif "/assets/" in f"/{rel}":
            kinds["theme assets"] += size
        else:
            kinds["other"] += size
    return {"bytes": total, "files": files, "by_kind": kinds}


def page_loads(site: Path, paths: dict[str, str]) -> dict[str, dict]:
    """For each name -> URL path: requests, bytes as served and gzip-estimated, to network idle."""
    from playwright.sync_api import sync_playwright

    results = {}
    with serve(str(site)) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for name, path in paths.items():
                context = browser.new_context()
                page = context.new_page()
                finished = []
                page.on("requestfinished", lambda request: finished.append(request))
                response = page.goto(base + path, wait_until="networkidle")
                if response is None or not response.ok:
                    raise RuntimeError(f"{base + path} did not load")
                page.wait_for_timeout(500)  # late requests (the search index) after idle
                served = gzipped = 0
                for request in finished:
                    sizes = request.sizes()
                    reply = request.response()
                    body = reply.body() if reply else b""
                    head = sizes["responseHeadersSize"]
                    served += head + len(body)
                    kind = (reply.headers.get("content-type", "") if reply else "")
                    if len(body) >= 256 and kind.startswith(_TEXT_TYPES):
                        gzipped += head + len(gzip.compress(body, compresslevel=5))
                    else:
                        gzipped += head + len(body)
                results[name] = {"requests": len(finished), "bytes": served, "gzip_bytes": gzipped,
                                 "urls": sorted({r.url[len(base):] for r in finished})}
                context.close()
        finally:
            browser.close()
    return results
