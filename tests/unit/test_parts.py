"""The parts of a build one language at a time (handbook.core.parts): which part gives
each file of the site, and what a part file must be."""
from __future__ import annotations

import os

import pytest

from handbook.core.findings import Finding
from handbook.core.languages import Languages
from handbook.core.parts import Part, missing_files, share, site_files, sources_digest, whole_folders

LANGUAGES = Languages("en", ("en", "fi", "nb"))


def test_the_default_part_gives_what_it_has_and_the_others_their_own():
    trees = {"en": {"index.html", "404.html", "assets/a.css", "roles/index.html"},
             "fi": {"index.html", "404.html", "assets/a.css", "fi/index.html", "fi/404.html", "only-fi.txt"},
             "nb": {"404.html", "assets/a.css", "nb/index.html", "only-fi.txt"}}
    owner = site_files(trees, LANGUAGES)
    assert {path for path, lang in owner.items() if lang == "en"} == trees["en"]
    assert owner["fi/404.html"] == "fi" and owner["nb/index.html"] == "nb"
    assert owner["only-fi.txt"] == "nb"  # the last language to write it, as in one build folder
    assert whole_folders(owner) == {"assets": "en", "roles": "en", "fi": "fi", "nb": "nb"}


def test_a_folder_two_parts_give_files_of_is_moved_file_by_file():
    owner = site_files({"en": {"media/a.png"}, "fi": {"media/a.png", "media/b.png"}}, Languages("en", ("en", "fi")))
    assert owner == {"media/a.png": "en", "media/b.png": "fi"} and whole_folders(owner) == {}


def test_a_part_file_round_trips_and_another_format_is_refused():
    part = Part("fi", "abc", findings=[Finding("docs/a.fi.md", 3, 1, "message; fix", "link")], rendered=["a.fi.md"],
                anchors={"a.fi.md": ["x"]}, links={"a.fi.md": [["b.md#x", 3, 5, "[b](b.md#x)", "link"]]},
                written=["fi/a/index.html"])
    assert Part.from_json(part.to_json()) == part
    with pytest.raises(ValueError, match="build the part again"):
        Part.from_json({**part.to_json(), "format": 0})
    with pytest.raises(ValueError, match="not a handbook part"):
        Part.from_json({"format": part.to_json()["format"], "language": "fi", "colour": "red", "sources": ""})


def test_the_sources_digest_changes_with_any_file(tmp_path):
    def digest(files: dict[str, bytes]) -> str:
        paths = {}
        for number, (name, data) in enumerate(files.items()):
            (tmp_path / str(number)).write_bytes(data)
            paths[name] = str(tmp_path / str(number))
        return sources_digest(paths)

    sources = {"docs/a.md": b"one", "docs/a.fi.md": b"yksi", "config/1": b"site_name: A"}
    assert digest(sources) == digest(dict(reversed(list(sources.items()))))
    assert digest(sources) != digest({**sources, "docs/a.fi.md": b"kaksi"})
    assert digest(sources) != digest({**sources, "docs/logo.png": b"\x89PNG"})  # a file added
    assert digest(sources) != digest({**sources, "config/1": b"site_name: B"})
    assert digest(sources) != digest({"docs/a.md": b"one", "docs/b.fi.md": b"yksi", "config/1": b"site_name: A"})


def test_the_sources_are_the_files_mkdocs_reads_and_the_configurations(tmp_path):
    """build_sources: what MkDocs builds from (linked folders followed, exclude_docs and
    its default for dot-files applied, a dangling link or a pipe skipped), and each
    configuration file INHERIT names."""
    from mkdocs.config import load_config

    from handbook.mkdocs_adapter import build_sources

    docs, shared = tmp_path / "docs", tmp_path / "shared"
    (docs / "assets").mkdir(parents=True)
    shared.mkdir()
    (docs / "index.md").write_text("# Home\n")
    (docs / "drafts.txt").write_text("not built\n")
    (shared / "page.md").write_text("# Shared\n")
    (docs / "shared").symlink_to(shared)
    (docs / "assets" / ".#handbook.css").symlink_to("user@host.1:1")  # an editor's lock: dangling
    (docs / "assets" / "gone.css").symlink_to("nowhere.css")
    (docs / ".DS_Store").write_bytes(b"\0")
    os.mkfifo(docs / "assets" / "pipe")
    (tmp_path / "base.yml").write_text("site_name: Base\nexclude_docs: drafts.txt\n")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: 'base.yml'  # the shared settings\nsite_name: A\n")
    found = build_sources(load_config(str(tmp_path / "mkdocs.yml")))
    assert found == {"docs/index.md": str(docs / "index.md"), "docs/shared/page.md": str(docs / "shared" / "page.md"),
                     "config/1": str(tmp_path / "mkdocs.yml"), "config/2": str(tmp_path / "base.yml")}
    assert len(sources_digest(found)) == 16


def test_a_part_whose_site_folder_lost_or_gained_files_is_told_apart():
    part = Part("fi", "abc", written=["fi/index.html", "fi/404.html", "index.html"])
    assert missing_files(part, {"fi/index.html", "fi/404.html", "index.html"}) == []
    assert missing_files(part, {"fi/index.html"}) == ["fi/404.html", "index.html"]
    assert missing_files(part, set()) == ["fi/404.html", "fi/index.html", "index.html"]
    assert missing_files(part, {"fi/index.html", "fi/404.html", "index.html", "fi/old.html"}) == ["fi/old.html"]


def test_shares_hold_every_language_once_and_differ_by_one_at_most():
    languages = ("en", "fi", "nb", "he")
    assert [share(languages, k, 2) for k in (1, 2)] == [("en", "nb"), ("fi", "he")]
    assert [share(languages, k, 3) for k in (1, 2, 3)] == [("en", "he"), ("fi",), ("nb",)]
    assert [share(languages, k, 6) for k in range(1, 7)] == [("en",), ("fi",), ("nb",), ("he",), (), ()]
    for total in range(1, 8):
        shares = [share(languages, k, total) for k in range(1, total + 1)]
        assert sorted(lang for s in shares for lang in s) == sorted(languages)
        assert max(map(len, shares)) - min(map(len, shares)) <= 1
    for index, total in ((0, 2), (3, 2), (1, 0)):
        with pytest.raises(ValueError, match="counts from 1 to the second"):
            share(languages, index, total)
