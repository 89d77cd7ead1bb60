"""The parts of a build made one language at a time: what each language's build leaves
for the step that assembles the site, and how that step puts them together.

`handbook build` builds each language in a process of its own (a CI matrix: in a job of
its own). A part is one language's built files and what the site-wide steps need of it:
its findings, the pages it rendered and their anchors, which the link check across
languages reads (a Finnish page's link to an anchor is checked against the Finnish and
the English anchors). Knows nothing of MkDocs: handbook.tools.parallel runs the builds.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass, field

from handbook.core.checks import CheckRun
from handbook.core.findings import Finding
from handbook.core.languages import Languages
from handbook.core.links import Site, check_links
from handbook.core.source import Link

FORMAT = 2  # of part.json; a part of another format is built again, not read


@dataclass
class Part:
    language: str
    sources: str  # sources_digest() of what it was built from: the docs folder's files and the configuration
    site_url: str | None = None  # the address it was built for (canonical links, 404 pages)
    files: list[str] = field(default_factory=list)  # every src_uri the build saw (link targets)
    findings: list[Finding] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)  # pages it rendered in its own language
    anchors: dict[str, list[str]] = field(default_factory=dict)  # src_uri -> ids, as it rendered them
    # The link check's input, from the check pass that read the sources: each rendered
    # page's links (handbook.core.source.Link's fields), and the pages each original says
    # are not translated (logical page -> languages).
    links: dict[str, list[list]] = field(default_factory=dict)
    untranslated: dict[str, list[str]] = field(default_factory=dict)
    error: str | None = None  # why its build stopped, if it did
    written: list[str] = field(default_factory=list)  # every file of its site folder, as its build left it
    log: list[str] = field(default_factory=list)  # what the build logged, formatted
    process: int = 0  # the worker process that built it (several parts may share one)
    max_rss_kb: int = 0  # that process's peak memory so far
    seconds: float = 0.0  # its build's wall-clock time, and its CPU time (the benchmark's profile)
    cpu: float = 0.0

    def to_json(self) -> dict:
        data = asdict(self)
        data["format"] = FORMAT
        return data

    @classmethod
    def from_json(cls, data: dict) -> Part:
        """A part from its part.json; ValueError ('what; fix') for anything else."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a part of this version's format ({FORMAT}); build the part again")
        data = dict(data)
        del data["format"]
        try:
            data["findings"] = [Finding(**f) for f in data.get("findings", [])]
            return cls(**data)
        except TypeError as problem:
            raise ValueError(f"not a handbook part ({problem}); build the part again") from None


def share(languages: tuple[str, ...], index: int, total: int) -> tuple[str, ...]:
    """The ``index``-th of ``total`` shares of the languages (1-based), for one of
    ``total`` CI jobs side by side: every ``total``-th language from the ``index``-th, so
    that the shares together hold every language once and differ by one at most. A job
    beyond the number of languages gets none."""
    if not 1 <= index <= total:
        raise ValueError(f"share {index}/{total}: the first number counts from 1 to the second")
    return languages[index - 1::total]


def link_data(run: CheckRun, language: str) -> dict:
    """What a part gives the link check across languages: its rendered pages' links and
    anchors, every file, and which originals are not translated on purpose."""
    rendered = run.rendered.get(language, [])
    return {"files": sorted(run.site.files), "rendered": list(rendered),
            "anchors": {uri: sorted(ids) for (lang, uri), ids in run.site.anchors.items() if lang == language},
            "links": {uri: [[link.target, link.line, link.col, link.source_line, link.kind]
                            for link in run.pages[uri].links] for uri in rendered},
            "untranslated": {uri: sorted(langs) for uri, langs in run.site.untranslated.items() if langs}}


def sources_digest(sources: dict[str, str]) -> str:
    """One value for every file a build is made from (its name -> its path), read a piece
    at a time: parts built from other sources, or from another set of files, differ."""
    digest = hashlib.sha256()
    for name in sorted(sources):
        digest.update(f"{name}\0{os.path.getsize(sources[name])}\0".encode())
        with open(sources[name], "rb") as handle:
            for piece in iter(lambda: handle.read(1 << 20), b""):
                digest.update(piece)
    return digest.hexdigest()[:16]


def missing_files(part: Part, found: set[str]) -> list[str]:
    """What a part's site folder (``found``: its files, '/'-separated) lacks or has that
    its build did not leave there: a part copied, unpacked or rebuilt only in part."""
    written = set(part.written)
    return sorted(written - found) + sorted(found - written)


def part_links(languages: Languages, parts: list[Part], docs: str = "docs") -> list[Finding]:
    """The links of every page each part rendered, against every part's anchors: what
    hooks/links.py finds in a sequential build, where each language's build knows its
    own anchors and the default language's (built first)."""
    site = Site(languages, set(parts[0].files) if parts else set())
    for part in parts:
        site.untranslated.update({uri: set(langs) for uri, langs in part.untranslated.items()})
        site.anchors.update({(part.language, uri): set(ids) for uri, ids in part.anchors.items()})
    found: list[Finding] = []
    for part in parts:
        for uri in part.rendered:
            found += check_links(f"{docs}/{uri}", uri, [Link(*fields) for fields in part.links.get(uri, [])], site)
    return found


def site_files(trees: dict[str, set[str]], languages: Languages) -> dict[str, str]:
    """path -> the language whose part gives the site that file, for the parts' trees
    (language -> paths in its part, '/'-separated).

    A sequential build writes every language into one folder: each language writes its
    pages under its own folder (/fi/), the theme's and docs' assets again at the root,
    and puts the default language's 404 page, sitemap and search index back at the root
    (hooks/language_roots.py). So the default language's part gives every file it has,
    and the other parts what it lacks (the last language in build order where several
    have one, as the last build to write it wins)."""
    owner: dict[str, str] = {}
    for lang in [lang for lang in languages.all if lang in trees and lang != languages.default]:
        owner.update(dict.fromkeys(trees[lang], lang))
    owner.update(dict.fromkeys(trees.get(languages.default, ()), languages.default))
    return owner


def whole_folders(owner: dict[str, str]) -> dict[str, str]:
    """folder -> language, for the top-level folders the site takes whole from one part
    (site_files()'s ``owner``: every file under it comes from that part): each can be
    moved in one step, not file by file ('fi' from the Finnish part, 'assets' from the
    default language's)."""
    langs: dict[str, set[str]] = {}
    for path, lang in owner.items():
        if "/" in path:
            langs.setdefault(path.split("/", 1)[0], set()).add(lang)
    return {top: next(iter(of)) for top, of in langs.items() if len(of) == 1}
