"""The project's link and anchor check next to linkchecker's, on deliberately broken links.

Both sides are reduced to (page, link) pairs: the page as its source file
("s01/topic-04.fi.md"), the link by the token its planted target carries
("nowhere-6", "no-anchor-6", ...) or else by the target as written.
"""
from __future__ import annotations

import csv
import io
import os
import re
import sys
from pathlib import Path

from handbook.core.source import iter_links, prose_lines, split_front_matter
from handbook.tools.browser import serve

from builds import run_timed
from generate import Handbook

FINDING = re.compile(r"^(?:ERROR|WARNING)\s+-\s+handbook: (docs/\S+?\.md):(\d+):(\d+): (.*)$", re.M)
PLANTED = re.compile(r"(?:nowhere|no-anchor|no-self-anchor|missing-image)-\d+")
_LOG_LINE = re.compile(r"^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL) linkcheck")
LINKCHECKER = Path(sys.executable).with_name("linkchecker")


def key(target: str) -> str:
    m = PLANTED.search(target)
    return m.group(0) if m else target


def planted_pairs(book: Handbook) -> dict[tuple[str, str], str]:
    """(page, link) -> kind, for every planted broken link."""
    return {(src, key(target)): kind for src, kind, target in book.planted}


def project_pairs(output: str, docs: Path) -> set[tuple[str, str]]:
    """The link findings of a strict build's report, as (page, link)."""
    pairs = set()
    for m in FINDING.finditer(output):
        src, line, col = m.group(1)[len("docs/"):], int(m.group(2)), int(m.group(3))
        fm = split_front_matter((docs / src).read_text(encoding="utf-8-sig"))
        target = next((link.target for link in iter_links(prose_lines(fm.body, fm.body_line))
                       if (link.line, link.col) == (line, col)), None)
        if target is not None:
            pairs.add((src, key(target)))
    return pairs


def linkchecker(site: Path, work: Path) -> tuple[float, float, set[tuple[str, str]], list[str], str]:
    """linkchecker over the built site on 127.0.0.1, anchors checked (its AnchorCheck plugin).

    Returns (wall seconds, CPU seconds, broken (parent URL path, href) pairs, other
    warnings, output). Internal URLs only (no --check-extern); mailto: not checked.
    """
    # linkchecker drops root privileges to 'nobody': its configuration must be readable by all.
    config = work / "linkcheckerrc"
    config.write_text("[checking]\nmaxrequestspersecond=1000\n\n[AnchorCheck]\n", encoding="utf-8")
    os.chmod(work, 0o755)
    os.chmod(config, 0o644)
    # The header lets linkchecker go faster than ~3 requests a second (maxrequestspersecond in linkcheckerrc(5)).
    with serve(str(site), headers={"LinkChecker": "unthrottled"}) as base:
        wall, cpu, _, output = run_timed(
            [str(LINKCHECKER), "--no-status", "-f", str(config), "-o", "csv", "--ignore-url=^mailto:", base])
    broken, other = set(), []
    lines = output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("urlname;parentname;"))
    table = [line for line in lines[header:] if not line.startswith("# ") and not _LOG_LINE.match(line)]
    rows = csv.DictReader(io.StringIO("\n".join(table)), delimiter=";")
    for row in rows:
        if not row.get("parentname"):
            continue
        parent = "/" + row["parentname"][len(base):].split("#", 1)[0]  # a page reached by an anchor link
        if row["valid"] == "False" or "Anchor `" in (row["warningstring"] or ""):
            broken.add((parent, row["urlname"]))
        elif row["warningstring"]:
            other.append(f"{parent} -> {row['urlname']}: {row['warningstring'][:120]}")
    return wall, cpu, broken, other, output


def linkchecker_pairs(broken, book: Handbook) -> set[tuple[str, str]]:
    """linkchecker's (parent URL path, href) as (page, link)."""
    sources = {"/" + book.url(page, lang): book.src(page, lang) for page in book.pages for lang in book.languages}
    return {(sources.get(parent, parent), key(href)) for parent, href in broken}
