"""'Did you mean ...?' suggestions."""
from __future__ import annotations

import difflib


def nearest(word: str, candidates, cutoff: float = 0.5) -> str | None:
    """The candidate closest to ``word``, or None when nothing is close."""
    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates, template: str = "did you mean '{}'?") -> str:
    match = nearest(word, candidates)
    return template.format(match) if match else ""


def nearest_page(path: str, pages) -> str | None:
    """The page whose path, without '.md', is closest to ``path``'s."""
    stems = {page[:-3] if page.endswith(".md") else page: page for page in pages}
    match = nearest(path[:-3] if path.endswith(".md") else path, stems, cutoff=0.6)
    return stems[match] if match else None
