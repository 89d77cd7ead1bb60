"""Bad input, one small fixture per failure kind: the exact message, file and line, and a failed strict build.

Each fixture is a tiny four-language handbook in tmp_path that inherits the real
mkdocs.yml, so these are the messages a contributor sees.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from handbook.core.source import split_front_matter
from handbook.core.translations import source_version
from sites import LANGUAGE_SETTINGS, LANGUAGES, FixtureSite, page_text

OTHER = """
## Shared heading {#shared}

Text.
"""


@pytest.fixture
def handbook(tmp_path) -> FixtureSite:
    """A clean fixture: a home page and one other page, in all four languages."""
    site = FixtureSite(tmp_path)
    site.page("index.md", "Home", "Read [the other page](other.md#shared).\n")
    site.page("other.md", "Other", OTHER)
    return site


def findings(build) -> list[str]:
    """The handbook's finding lines (without log level and logger name)."""
    return [m.group(1) for m in re.finditer(r"^(?:ERROR|WARNING|INFO)\s+-\s+handbook: ((?:docs/|mkdocs\.yml:)\S+ .*)$",
                                            build.output, re.M)]


# A translation recorded without its parts' versions has every part outdated.
EVERY_PART = (("the title", 1), ("the description", 1), ("the text before the first section", 6))


def outdated(handbook, original: str, langs=LANGUAGES[1:], parts=EVERY_PART, at: int = 1) -> list[str]:
    """The findings for the translations of ``original`` after a test changed ``parts`` of it
    (name, line in the original); ``at`` is where the first is in each translation."""
    now = source_version(handbook.docs.joinpath(original).read_text())
    named = ", ".join(f"{name} (docs/{original}:{line})" for name, line in parts)
    found = []
    for lang in langs:
        path = original[:-3] + f".{lang}.md"
        recorded = split_front_matter(handbook.docs.joinpath(path).read_text()).data["source_hash"]
        found.append(f"docs/{path}:{at}:1: translation is outdated: 'docs/{original}' changed since it was translated "
                     f"(recorded {recorded}, now {now}) in {named}; update {'it' if len(parts) == 1 else 'them'} "
                     f"('handbook translations diff docs/{path}' shows what changed), then run "
                     f"'handbook translations record docs/{path}'")
    return found


def checked(root) -> tuple[int, list[str]]:
    """`handbook check` in the fixture: its exit status and its findings' first lines."""
    done = subprocess.run([sys.executable, "-m", "handbook.tools.cli", "check"], cwd=root, capture_output=True, text=True)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, re.findall(r"^(?:error|warning|info): (\S+ .*)$", done.stdout, re.M)


def assert_fails_with(build, *expected: str) -> None:
    """The build fails with exactly these findings, each once, and `handbook check`
    finds the same without building."""
    assert not build.ok, build.output
    assert "Traceback" not in build.output, build.output
    lines = findings(build)
    assert sorted(lines) == sorted(expected), "got:\n  " + "\n  ".join(lines) + "\n" + build.output[-3000:]
    assert len(re.findall(r"^Aborted with", build.output, re.M)) == 1
    status, found = checked(build.site.parent)
    assert sorted(found) == sorted(lines), "handbook check differs from the build"
    assert status == (1 if "ERROR   -  handbook:" in build.output else 0)


def test_the_clean_fixture_builds(handbook):
    build = handbook.build()
    assert build.ok, build.output
    assert findings(build) == []
    assert checked(handbook.root) == (0, [])


# --- links and anchors ------------------------------------------------------

def test_translation_links_to_an_anchor_its_own_target_lacks(handbook):
    handbook.write("other.fi.md", handbook.docs.joinpath("other.fi.md").read_text().replace("{#shared}", "{#jaettu}"))
    handbook.write("other.he.md", handbook.docs.joinpath("other.he.md").read_text().replace("{#shared}", "{#meshutaf}"))
    build = handbook.build()
    assert_fails_with(
        build,
        "docs/index.fi.md:10:23: anchor '#shared' exists in the 'en' original but not in 'other.fi.md'; "
        "give the matching heading the same id: '{#shared}'",
        "docs/index.he.md:10:23: anchor '#shared' exists in the 'en' original but not in 'other.he.md'; "
        "give the matching heading the same id: '{#shared}'",
        *(f"docs/other.{lang}.md:10:1: section '#{ident}' stands where the original has section '#shared' "
          "(docs/other.md:9); give the translation the original's headings, ids and classes in the original's order"
          for lang, ident in (("fi", "jaettu"), ("he", "meshutaf"))),
    )
    assert "docs/index.nb.md" not in build.output  # Norwegian kept the id


def test_misspelt_anchor_suggests_the_nearest(handbook):
    handbook.page("index.md", "Home", "Read [the other page](other.md#sharde).\n", languages=("en", "nb"))
    build = handbook.build()
    assert_fails_with(build,
                      "docs/index.md:9:23: 'other.md' has no anchor '#sharde'; did you mean '#shared'?",
                      "docs/index.nb.md:10:23: 'other.nb.md' has no anchor '#sharde'; did you mean '#shared'?",
                      *outdated(handbook, "index.md", ("fi", "he")))


# A translation's link to the other page, rewritten: what the build says about it.
LINK_REWRITES = [
    ("nb", "/fi/other/#shared", "docs/index.nb.md:10:23: absolute link '/fi/other/#shared' breaks when the handbook "
                                "is served under a sub-path and always opens the 'fi' page; did you mean 'other.md#shared'?"),
    ("fi", "other.nb.md#shared", "docs/index.fi.md:10:23: link names the 'nb' file 'other.nb.md', so 'fi' readers land "
                                 "on a 'nb' page; did you mean 'other.md#shared'? (the build picks each language's own page)"),
    ("he", "../nb/other/", "docs/index.he.md:10:23: link '../nb/other/' points at a built URL of the 'nb' site, not a "
                           "page; did you mean 'other.md'?"),  # /he/ -> /nb/other/
]


@pytest.mark.parametrize("lang, target, finding", LINK_REWRITES)
def test_a_link_to_another_languages_page_or_url(handbook, lang, target, finding):
    page = f"index.{lang}.md"
    handbook.write(page, handbook.docs.joinpath(page).read_text().replace("(other.md#shared)", f"({target})"))
    # A link to the same page in another language's form is the same target for the structure
    # check; a built URL is not a page, so the translation lacks the original's link.
    structure = ([] if target.endswith(".md#shared") else
                 [f"docs/{page}:7:1: the text before the first section links to 1 targets, the original "
                  f"(docs/index.md:6) to 1: 'other.md#shared' is missing; '{target}' is not in the original"])
    assert_fails_with(handbook.build(), finding, *structure)


def test_link_silently_landing_on_the_original(handbook):
    handbook.write("extra.md", page_text("Extra", "Only in English.\n", extra="untranslated: [nb, he]\n"))
    handbook.nav = ["index.md", "other.md", "extra.md"]
    handbook.write("other.fi.md", handbook.docs.joinpath("other.fi.md").read_text() + "\nSee [extra](extra.md).\n")
    build = handbook.build()
    assert_fails_with(build,
                      "docs/other.fi.md:14:13: link lands on the 'en' page because 'extra.fi.md' does not exist; "
                      "translate that page, or mark the original 'untranslated: [fi]'",
                      "docs/extra.md:1:1: no 'fi' translation: 'docs/extra.fi.md' does not exist; write it, or add "
                      "'untranslated: [fi]' to this page's front matter to show the original with a notice",
                      "docs/other.fi.md:10:1: section '#shared' has 2 paragraphs, the original (docs/other.md:9) 1; "
                      "make them match",
                      "docs/other.fi.md:10:1: section '#shared' links to 1 targets, the original (docs/other.md:9) "
                      "to 0: 'extra.md' is not in the original")


def test_missing_page_suggests_the_nearest(handbook):
    handbook.page("index.md", "Home", "Read [the other page](othr.md).\n", languages=("en", "fi", "nb", "he"))
    build = handbook.build()
    assert_fails_with(build,
                      "docs/index.md:9:23: link target 'othr.md' does not exist in any language; did you mean 'other.md'?",
                      *(f"docs/index.{lang}.md:10:23: link target 'othr.md' does not exist in any language; "
                        "did you mean 'other.md'?" for lang in LANGUAGES[1:]))
    # MkDocs' own message for the same links stays, as info (mkdocs.yml's validation).
    assert re.findall(r"^(\w+) .*is not found among documentation files", build.output, re.M) == ["INFO"] * 4


def test_nav_entry_pointing_nowhere(handbook):
    handbook.nav = ["index.md", "other.md", "gone.md", "othre.md"]
    build = handbook.build()
    yml = (handbook.root / "mkdocs.yml").read_text().splitlines()
    gone, othre = yml.index("  - gone.md") + 1, yml.index("  - othre.md") + 1
    assert_fails_with(build,
                      f"mkdocs.yml:{gone}:5: nav entry 'gone.md' points to no page in docs/; create the page or remove the entry",
                      f"mkdocs.yml:{othre}:5: nav entry 'othre.md' points to no page in docs/; did you mean 'other.md'?")
    assert {level for level in re.findall(r"^(\w+) .*is included in the 'nav' configuration", build.output, re.M)} \
        == {"INFO"}


# --- translations -----------------------------------------------------------

def test_missing_translation_is_an_error(handbook):
    handbook.docs.joinpath("other.nb.md").unlink()
    build = handbook.build()
    assert_fails_with(build,
                      "docs/other.md:1:1: no 'nb' translation: 'docs/other.nb.md' does not exist; write it, or add "
                      "'untranslated: [nb]' to this page's front matter to show the original with a notice",
                      "docs/index.nb.md:10:23: link lands on the 'en' page because 'other.nb.md' does not exist; "
                      "translate that page, or mark the original 'untranslated: [nb]'")


def test_intentionally_untranslated_page_shows_a_notice_in_the_readers_language(handbook):
    handbook.docs.joinpath("other.nb.md").unlink()
    handbook.docs.joinpath("other.he.md").unlink()
    handbook.write("other.md", page_text("Other", OTHER, extra="untranslated: [nb, he]\n"))
    build = handbook.build()
    assert build.ok, build.output
    nb = build.page("nb/other/")
    assert 'data-translation-state="untranslated"' in nb
    assert LANGUAGE_SETTINGS["nb"].extra["strings"]["untranslated"] in nb
    assert LANGUAGE_SETTINGS["he"].extra["strings"]["untranslated"] in build.page("he/other/")
    assert "data-translation-state" not in build.page("fi/other/")


TWO_SECTIONS = """
## Shared heading {#shared}

Text.

## Second {#second}

More text.
"""


def test_a_changed_section_outdates_only_that_section_in_every_language(handbook):
    handbook.page("other.md", "Other", TWO_SECTIONS, sections=True)
    handbook.page("translation-status.md", "Status", extra="template: translation-status.html\n")
    handbook.write("other.md", page_text("Other", TWO_SECTIONS.replace("More text.", "More text, changed.")))
    build = handbook.build()
    assert build.ok, build.output  # outdated is reported, but does not block (extra.checks.outdated_translation)
    # Where '#second' stands in each translation (its front matter lists every part's version).
    assert sorted(findings(build)) == sorted(outdated(handbook, "other.md", parts=(("section '#second'", 13),), at=20))
    strings = LANGUAGE_SETTINGS["fi"].extra["strings"]
    fi = build.page("fi/other/")
    top = re.search(r'data-translation-state="outdated">\s*<p>(.*?)</p>', fi, re.S).group(1)
    assert top == (f'{strings["outdated"]} {strings["outdated_count"].replace("{count}", "1")} '
                   f'<a href="../../other/" hreflang="en">{strings["outdated_link"]}</a>')
    # The notice stands under the changed section's heading only, and links that section of the original.
    notices = re.findall(r'<h2 id="([\w-]+)">.*?</h2>\s*(<div class="admonition warning hb-section-notice".*?</div>)?', fi, re.S)
    assert [(ident, bool(notice)) for ident, notice in notices] == [("shared", False), ("second", True)]
    assert (f'<p>{strings["outdated_section"]} <a href="../../other/#second" hreflang="en">'
            f'{strings["outdated_link"]}</a></p>') in fi
    status = re.search(r'<th scope="row"><a href="[^"]*other/">.*?</tr>', build.page("fi/translation-status/"), re.S)
    assert re.findall(r"<small>(.*?)</small>", status.group(0)) == [f'{strings["status_sections"]} <code>#second</code>'] * 3
    diff = subprocess.run([sys.executable, "-m", "handbook.tools.cli", "translations", "diff", "docs/other.fi.md"],
                          cwd=handbook.root, capture_output=True, text=True)
    assert diff.returncode == 1 and diff.stdout.splitlines()[:2] == [
        "docs/other.fi.md: outdated",
        "section '#second' (docs/other.md:13) changed; the version it was translated from is not in git history. "
        "It now reads:"]
    assert "    More text, changed." in diff.stdout


def test_outdated_translation_can_be_an_error_by_configuration(handbook):
    handbook.write("other.md", page_text("Other", OTHER + "\nChanged.\n"))
    handbook.config = "extra:\n  checks:\n    outdated_translation: error\n"
    build = handbook.build()
    assert not build.ok
    assert "ERROR   -  handbook: docs/other.he.md:1:1: translation is outdated" in build.output


def test_unrecorded_translation(handbook):
    handbook.write("other.fi.md", page_text("Toinen", OTHER))
    build = handbook.build()
    assert_fails_with(build,
                      "docs/other.fi.md:1:1: translation does not record which version of the original it matches; "
                      "once it does, run 'handbook translations record docs/other.fi.md' (adds 'source_hash: \""
                      + source_version(handbook.docs.joinpath("other.md").read_text()) + "\"')")


# --- front matter -----------------------------------------------------------

def test_unknown_front_matter_key_suggests_the_nearest(handbook):
    handbook.write("other.fi.md", handbook.docs.joinpath("other.fi.md").read_text().replace("owner:", "ownr:"))
    build = handbook.build()
    assert_fails_with(build,
                      "docs/other.fi.md:4:1: unknown front matter key 'ownr'; did you mean 'owner'?",
                      "docs/other.fi.md:1:1: front matter lacks 'owner'; add 'owner: ...' (every page has title, description and owner)")


def test_invalid_front_matter_yaml(handbook):
    text = handbook.docs.joinpath("other.nb.md").read_text().replace("description: A page for a test.",
                                                                     "description: [unclosed")
    handbook.write("other.nb.md", text)
    build = handbook.build()
    assert_fails_with(build, "docs/other.nb.md:4:6: invalid YAML in front matter: expected ',' or ']', but got ':'; "
                             "fix the syntax (quote values that contain ':' or '#')")


def test_wrong_type_and_unknown_role(handbook):
    handbook.write("other.md", page_text("Other", OTHER, owner="comunity-manager", extra="hide: toc\n"))
    build = handbook.build()
    assert_fails_with(build,
                      "docs/other.md:4:1: owner 'comunity-manager' is not a role id; did you mean 'community-manager'?",
                      "docs/other.md:5:1: 'hide' must be a list, not the text 'toc'")


# --- reporting --------------------------------------------------------------

def test_each_finding_is_reported_once_and_the_build_fails_once(handbook):
    handbook.write("other.md", page_text("Other", OTHER + "\n[x](http://example.org/) <iframe></iframe>\n"))
    build = handbook.build()
    assert build.output.count("docs/other.md:13:5: plain http:// link") == 1
    assert build.output.count("docs/other.md:13:26: an embedded frame (<iframe>) is not published") == 1
    assert build.output.count("Aborted with") == 1


# --- severity ---------------------------------------------------------------

def test_an_error_fails_a_build_that_is_not_strict(handbook):
    handbook.write("index.md", page_text("Home", "Read [the other page](othr.md).\n"))
    build = handbook.build(strict=False)
    assert not build.ok
    assert "ERROR   -  1 error(s) and 0 warning(s) in the handbook's sources" in build.output


def test_a_lowered_check_lets_the_build_pass_and_still_shows(handbook):
    handbook.config = "extra:\n  checks:\n    link: warning\n"
    handbook.page("other.md", "Other", OTHER + "\n[x](othr.md)\n")  # every language, recorded
    build = handbook.build(strict=False)
    assert build.ok, build.output
    assert sorted(findings(build)) == [f"docs/other{suffix}.md:{line}:5: link target 'othr.md' does not exist in any "
                                       "language; did you mean 'other.md'?"
                                       for suffix, line in ((".fi", 14), (".he", 14), ("", 13), (".nb", 14))]
    assert "WARNING -  handbook: docs/other.fi.md:14:5:" in build.output


@pytest.mark.parametrize("setting, problem", [
    ("links: error", "unknown check 'links' under extra.checks; the checks are: encoding, front_matter, "
                     "duplicate_id, snippet, unsafe_html, http_link, placeholder, link, nav, missing_translation, "
                     "unrecorded_translation, outdated_translation, structure, card, colors"),
    ("nav: fatal", "extra.checks.nav is 'fatal'; write one of: error, warning, info"),
])
def test_an_unknown_check_or_severity_is_a_configuration_error_at_its_line(handbook, setting, problem):
    handbook.config = f"extra:\n  checks:\n    {setting}\n"
    build = handbook.build()
    line = (handbook.root / "mkdocs.yml").read_text().splitlines().index(f"    {setting}") + 1
    assert not build.ok and "Traceback" not in build.output
    assert f"Error: mkdocs.yml:{line}:5: {problem}\n    {line} |     {setting}" in build.output


def test_serve_shows_findings_as_they_appear_clear_and_come_back(handbook, caplog):
    """Three builds in one process, as `mkdocs serve` makes them: the findings follow the
    sources each time, and an error does not stop the server. The check pass freezes its
    page models for the garbage collector (handbook.mkdocs_adapter.start_run): a rebuild
    lets what the previous build froze go (its configuration), and leaves the collector on."""
    import gc
    import logging
    import weakref

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    handbook.build()  # writes mkdocs.yml
    broken = page_text("Other", OTHER + "\nSee [x](othr.md).\n")
    fine = handbook.docs.joinpath("other.md").read_text()
    seen, configs = [], []
    for text in (broken, fine, broken):
        handbook.write("other.md", text)
        caplog.clear()
        config = load_config(str(handbook.root / "mkdocs.yml"), site_dir=str(handbook.root / "served"))
        config.plugins.on_startup(command="serve", dirty=False)
        with caplog.at_level(logging.INFO):
            build(config, serve_url="http://127.0.0.1:8000/")
        config.plugins.on_shutdown()
        configs.append(weakref.ref(config))
        seen.append(sorted(r.getMessage().splitlines()[0] for r in caplog.records
                           if r.name == "mkdocs.plugins.handbook" and r.levelno == logging.ERROR))
    error = "handbook: docs/other.md:13:9: link target 'othr.md' does not exist in any language; did you mean 'other.md'?"
    assert seen == [[error], [], [error]]
    gc.collect()
    assert gc.isenabled() and [config() is None for config in configs] == [True, True, False]


# --- files a build cannot read as they are -----------------------------------

def test_broken_files_are_findings_at_their_line_not_tracebacks(handbook):
    head = "---\ntitle: T\ndescription: D\nowner: core-group\nuntranslated: [fi, nb, he]\n---\n\n# T\n\n"
    handbook.write("latin.md", "x")
    handbook.docs.joinpath("latin.md").write_bytes((head + "Caf").encode() + b"\xe9 au lait.\n")
    (handbook.root / "includes").mkdir()
    (handbook.root / "includes" / "ok.md").write_text("Included text.\n")
    handbook.write("snippets.md", head + '--8<-- "../mkdocs.yml"\n\n--8<-- "missing.md"\n\n--8<-- "ok.md"\n')
    handbook.write("ids.md", head + "## One {#same}\n\n## Two {#same}\n")
    handbook.write("empty.md", "")
    handbook.write("yaml.md", '---\ntitle: "Unclosed\ndescription: D\nowner: core-group\n---\n\n# Y\n')
    handbook.nav = ["index.md", "other.md", "latin.md", "snippets.md", "ids.md"]
    missing = [f"docs/{page}:1:1: no '{lang}' translation: 'docs/{page[:-3]}.{lang}.md' does not exist; write it, or "
               f"add 'untranslated: [{lang}]' to this page's front matter to show the original with a notice"
               for page in ("empty.md", "yaml.md") for lang in ("fi", "he", "nb")]
    build = handbook.build()
    assert_fails_with(
        build, *missing,
        "docs/latin.md:10:4: the file is not UTF-8: byte 0xE9 cannot be read; save the file as UTF-8 (your "
        "editor's 'Save with encoding')",
        "docs/snippets.md:10:9: snippet '../mkdocs.yml' is outside the snippet folders (includes/); move the file "
        "into one and include it from there",
        "docs/snippets.md:12:9: snippet 'missing.md' does not exist in includes/; check the file name",
        "docs/ids.md:12:9: id 'same' is already used in this page at line 10; give this one another id",
        "docs/empty.md:1:1: the page is empty; write its front matter (title, description, owner) and its text, "
        "or delete the file",
        "docs/yaml.md:2:8: invalid YAML in front matter: the quote opened here is never closed; fix the syntax "
        "(quote values that contain ':' or '#')")
    assert "Traceback" not in build.output


# --- translation structure --------------------------------------------------------

def test_an_up_to_date_translation_that_does_not_mirror_its_original_fails(handbook):
    fi = handbook.docs / "other.fi.md"
    fi.write_text(fi.read_text() + "\nA paragraph the original does not have, with [a link](index.md).\n")
    build = handbook.build()
    assert_fails_with(
        build,
        "docs/other.fi.md:10:1: section '#shared' has 2 paragraphs, the original (docs/other.md:9) 1; make them match",
        "docs/other.fi.md:10:1: section '#shared' links to 1 targets, the original (docs/other.md:9) to 0: "
        "'index.md' is not in the original")


RICH = """
## Steps {#steps}

- One, see [the other page](other.md#shared).
- Two

| A | B |
|---|---|
| 1 | 2 |
"""


def test_a_dropped_list_item_a_dropped_link_and_an_extra_row_are_three_findings(handbook):
    handbook.page("rich.md", "Rich", RICH, sections=True)
    fi = handbook.docs / "rich.fi.md"
    fi.write_text(fi.read_text().replace("- Two\n", "").replace(", see [the other page](other.md#shared)", "")
                  .replace("| 1 | 2 |\n", "| 1 | 2 |\n| 3 | 4 |\n"))
    build = handbook.build()
    line = next(n for n, text in enumerate(fi.read_text().splitlines(), 1) if text.startswith("## Steps"))
    assert_fails_with(
        build,
        f"docs/rich.fi.md:{line}:1: section '#steps' has 1 list items, the original (docs/rich.md:9) 2; make them match",
        f"docs/rich.fi.md:{line}:1: section '#steps' has 3 table rows, the original (docs/rich.md:9) 2; make them match",
        f"docs/rich.fi.md:{line}:1: section '#steps' links to 0 targets, the original (docs/rich.md:9) to 1: "
        "'other.md#shared' is missing")
    # Recording does not certify it: the translation is refused with the same differences.
    before = fi.read_text()
    done = subprocess.run([sys.executable, "-m", "handbook.tools.cli", "translations", "record", "docs/rich.fi.md"],
                          cwd=handbook.root, capture_output=True, text=True)
    assert done.returncode == 1 and fi.read_text() == before
    assert re.findall(r"^docs/rich\.fi\.md:\d+:1: (section .*?)(?:; make them match)?$", done.stderr, re.M) == [
        "section '#steps' has 1 list items, the original (docs/rich.md:9) 2",
        "section '#steps' has 3 table rows, the original (docs/rich.md:9) 2",
        "section '#steps' links to 0 targets, the original (docs/rich.md:9) to 1: 'other.md#shared' is missing"]
    assert done.stderr.splitlines()[-1] == ("docs/rich.fi.md: not recorded: it does not mirror docs/rich.md yet; "
                                            "fix the places above, then record again")


def test_a_translation_recorded_before_versions_per_section_stays_up_to_date(handbook):
    """The migration: a page-level source_hash that matches still means up to date."""
    text = handbook.docs.joinpath("other.fi.md").read_text()
    assert "source_hash:" in text and "source_sections" not in text
    build = handbook.build()
    assert build.ok and findings(build) == []
    status = subprocess.run([sys.executable, "-m", "handbook.tools.cli", "translations", "status", "--json"],
                            cwd=handbook.root, capture_output=True, text=True)
    entries = [json.loads(line) for line in status.stdout.splitlines()]
    assert {(e["translation"], e["section"], e["state"]) for e in entries if e["lang"] == "fi"} == {
        ("docs/index.fi.md", "", "up_to_date"), ("docs/index.fi.md", "_intro", "up_to_date"),
        ("docs/other.fi.md", "", "up_to_date"), ("docs/other.fi.md", "_intro", "up_to_date"),
        ("docs/other.fi.md", "shared", "up_to_date")}
    recorded = subprocess.run([sys.executable, "-m", "handbook.tools.cli", "translations", "record", "docs/other.fi.md"],
                              cwd=handbook.root, capture_output=True, text=True)
    assert recorded.returncode == 0 and "source_sections:" in handbook.docs.joinpath("other.fi.md").read_text()
