"""The pure functions behind the hooks, without a build."""
from __future__ import annotations

import re

import markdown
import pytest

from handbook.core.card import read_card
from handbook.core.findings import CHECKS, ERROR, INFO, WARNING, Finding, Report, check_levels
from handbook.core.front_matter import check_front_matter
from handbook.core.languages import Languages
from handbook.core.links import Site, check_links, check_nav
from handbook.core.placeholders import check_placeholders, fill_placeholders, placeholder_values
from handbook.core.search import MAX_PREFIX, QUERY_MIN_LENGTH, language_index, query_prefixes
from handbook.core.pages import SourcePage, read_pages
from handbook.core.source import split_front_matter
from handbook.core.suggest import nearest, nearest_page
from handbook.core.translations import (MISSING, OUTDATED, UNTRANSLATED, UP_TO_DATE, record_version,
                                   source_version, translation_states)
from handbook.core.allowlist import allowlist, check_allowlist_setting, guard, passes
from handbook.core.unsafe import check_http_links, removal_findings

LANGS = Languages("en", ("en", "fi", "nb", "he"))
ROLES = {"management", "employees", "community-manager", "core-group", "channel-owner"}


def test_languages_split_and_join():
    assert LANGS.split("charters/index.fi.md") == ("charters/index.md", "fi")
    assert LANGS.split("charters/index.md") == ("charters/index.md", "en")
    assert LANGS.split("v1.2.md") == ("v1.2.md", "en")
    assert LANGS.path_for("charters/index.md", "he") == "charters/index.he.md"
    assert LANGS.path_for("safety.md", "en") == "safety.md"


def test_finding_format_quotes_the_line_with_a_caret():
    text = Finding("docs/a.md", 3, 7, "bad; fix", "link", "Read [x](y.md).").format()
    assert text.splitlines() == ["docs/a.md:3:7: bad; fix", "    3 | Read [x](y.md).", "              ^"]


def test_finding_format_shortens_long_lines_around_the_column():
    line = "word " * 60 + "[x](bad.md)" + " tail" * 30
    col = line.index("bad.md") + 1
    quote, caret = Finding("docs/a.md", 1, col, "m", "link", line).format().splitlines()[1:]
    assert len(quote) < 110 and "bad.md" in quote
    assert quote[caret.index("^")] == "b"


def test_report_keeps_each_finding_once_at_its_checks_severity():
    report = Report()
    finding = Finding("docs/a.md", 1, 1, "m", "link")
    report.add(finding, finding)
    http = Finding("docs/a.md", 1, 1, "w", "http_link")
    report.extend([finding, http])
    assert (report.of(ERROR), report.of(WARNING), report.of(INFO)) == ([finding], [http], [])
    report.levels = check_levels({"http_link": "error", "link": "info"})
    assert (report.of(ERROR), report.of(WARNING), report.of(INFO)) == ([http], [], [finding])


def test_check_levels_reject_unknown_checks_and_severities():
    assert check_levels(None) == CHECKS and check_levels({"nav": "warning"}) == {**CHECKS, "nav": "warning"}
    problems = []
    for configured in ({"links": "error"}, {"nav": "fatal"}):
        try:
            check_levels(configured)
        except ValueError as problem:
            problems.append(str(problem))
    assert problems == [
        "unknown check 'links' under extra.checks; the checks are: " + ", ".join(CHECKS),
        "extra.checks.nav is 'fatal'; write one of: error, warning, info"]


def test_front_matter_line_numbers_and_invalid_yaml():
    fm = split_front_matter("---\ntitle: A\nowner: x\n---\n\nBody\n")
    assert fm.data == {"title": "A", "owner": "x"} and fm.body_line == 5 and fm.key_lines == {"title": 2, "owner": 3}
    bad = split_front_matter("---\ntitle: A\ndescription: x: y\n---\n")
    assert bad.data is None and bad.error[0] == 3
    assert split_front_matter("---\ntitle: A\n").error[2].startswith("front matter opened")


def source(src_uri: str, text: str, first_line: int = 1) -> SourcePage:
    """A page whose text (``text``) starts at ``first_line``."""
    return SourcePage(src_uri, "\n" * (first_line - 1) + text, LANGS)


def test_check_front_matter():
    ok = "---\ntitle: A\ndescription: B\nowner: core-group\n---\n"
    assert check_front_matter(source("a.md", ok), roles=ROLES, languages=LANGS) == []
    found = check_front_matter(source("a.fi.md", ok.replace("owner", "ownre")), roles=ROLES, languages=LANGS)
    assert [f.message for f in found] == [
        "unknown front matter key 'ownre'; did you mean 'owner'?",
        "front matter lacks 'owner'; add 'owner: ...' (every page has title, description and owner)"]
    found = check_front_matter(source("a.fi.md", ok.replace("---\n", "---\nuntranslated: [sv]\n", 1)),
                               roles=ROLES, languages=LANGS)
    assert {f.message.split(";")[0] for f in found} == {
        "'untranslated' belongs in the original page's front matter, not in a translation",
        "'untranslated' names unknown language 'sv'"}
    assert check_front_matter(source("a.md", "# No front matter\n"), roles=ROLES, languages=LANGS)[0].line == 1


def test_iter_links_skips_code_and_keeps_columns():
    body = "See [a](a.md) and `[b](b.md)`.\n\n```\n[c](c.md)\n```\n[d]: d.md\n<a href=\"e.md\">e</a> ![i](img.png)\n"
    links = [(l.target, l.line, l.col, l.kind) for l in source("a.md", body, 10).links]
    assert sorted(links) == [("a.md", 10, 9, "link"), ("d.md", 15, 6, "link"), ("e.md", 16, 10, "html"),
                             ("img.png", 16, 27, "image")]


def test_a_footnote_definition_is_not_a_link():
    body = "Text[^n1].\n\n[^n1]: Tekst, not a target.\n[ref]: ref.md\n"
    assert [(l.target, l.line) for l in source("a.md", body).links] == [("ref.md", 4)]


def test_the_anchors_read_from_the_source_are_the_rendered_pages():
    """What a page's source says its ids are (for the languages no build renders) is what
    the build's Markdown gives it: placeholders filled in before the heading becomes an
    id, repeated headings, attr_list and raw HTML ids, and the footnotes'."""
    from pymdownx.slugs import slugify

    slug = slugify(case="lower")
    values = {"organisation": "Example Organisation"}
    body = ("## Om {{ organisation }}\n\nText[^n1] and again[^n1] and [^x], [^none], Note[^my note]: see.\n\n"
            "## Om {{ organisation }}\n\n## Own {#own-id}\n\nA paragraph.\n{: #para }\n\n<div id=\"box\">x</div>\n\n"
            "[^n1]: Note.\n[^x]: Other.\n[^my note]: With a space.\n[^unused]: Never referenced.\n")
    html = markdown.Markdown(extensions=["attr_list", "footnotes", "md_in_html", "toc"],
                             extension_configs={"toc": {"slugify": slug}}).convert(fill_placeholders(body, values))
    rendered = set(re.findall(r'\bid="([^"]+)"', html))
    assert source("a.md", body).anchors(slug, values) == rendered == {
        "om-example-organisation", "om-example-organisation_1", "own-id", "para", "box",
        "fn:n1", "fn:x", "fn:my note", "fn:unused", "fnref:n1", "fnref2:n1", "fnref:x", "fnref:my note"}


def test_iter_headings_reads_ids_and_classes():
    headings = source("a.md", "## Share? {#share .postulate}\n\n### Plain\n").headings
    assert headings[0].id == "share" and headings[0].classes == ("postulate",) and headings[0].text == "Share?"
    assert headings[1].id is None and headings[1].level == 3


def _site() -> Site:
    files = {"index.md", "index.fi.md", "roles.md", "roles.fi.md", "extra.md", "img/logo.png"}
    site = Site(LANGS, files, untranslated={"extra.md": {"nb"}})
    site.anchors = {("en", "roles.md"): {"management", "core-group"}, ("fi", "roles.fi.md"): {"management"},
                    ("fi", "index.fi.md"): {"intro"}}
    return site


def _messages(src_uri: str, body: str) -> list[str]:
    found = check_links(f"docs/{src_uri}", src_uri, source(src_uri, body).links, _site())
    return [f.message for f in found]


def test_check_links_across_languages():
    assert _messages("index.fi.md", "[r](roles.md#management) [i](img/logo.png) [x](https://example.org)") == []
    assert _messages("index.fi.md", "[r](roles.md#core-group)") == [
        "anchor '#core-group' exists in the 'en' original but not in 'roles.fi.md'; give the matching heading the "
        "same id: '{#core-group}'"]
    assert _messages("index.fi.md", "[r](#intro) [s](#intr)") == ["this page has no anchor '#intr'; did you mean '#intro'?"]
    assert _messages("index.fi.md", "[e](extra.md)")[0].startswith("link lands on the 'en' page because 'extra.fi.md'")
    assert _messages("index.md", "[r](/roles/)")[0].endswith("did you mean 'roles.md'?")
    assert _messages("index.fi.md", "[r](roles/)") == ["link 'roles/' points at a built URL, not a page; did you mean 'roles.md'?"]


def test_check_nav_reports_the_line():
    found = check_nav(["index.md", {"Roles": "rolse.md"}], _site(), ["nav:", "  - index.md", "  - Roles: rolse.md"])
    assert [(f.line, f.col, f.message) for f in found] == [
        (3, 12, "nav entry 'rolse.md' points to no page in docs/; did you mean 'roles.md'?")]
    # The line of the entry itself, not of a longer path that contains it.
    found = check_nav(["charters/examples.md", "examples.md"], _site(),
                      ["nav:", "  - charters/examples.md", "  - examples.md"])
    assert [(f.line, f.col) for f in found] == [(2, 5), (3, 5)]


def test_unsafe_content_is_found_at_its_source():
    body = ("<script>x</script>\n<p onmouseover=\"x\">y</p>\n\n[a](javascript:x) [b](http://x.org) "
            "![c](https://cdn.x/c.png)\n\n`<iframe>`\n")
    page = source("a.md", body, 5)
    _, removals = guard(markdown.markdown(body, extensions=["attr_list", "md_in_html"]), allowlist())
    found = [(f.line, f.col, f.check, f.message.split(";")[0]) for f in check_http_links(page) + removal_findings(page, removals)]
    assert found == [
        (8, 23, "http_link", "plain http:// link"),
        (5, 1, "unsafe_html", "a script (<script>) is not published"),
        (6, 4, "unsafe_html", "event handler 'onmouseover' on a paragraph runs script"),
        (8, 5, "unsafe_html", "'javascript:' link is not allowed: it runs script or hides content in the address"),
        (8, 42, "unsafe_html", "an image loads from another server (cdn.x), which readers' browsers would contact"),
    ]


@pytest.mark.parametrize("html", [
    '<p>Text <a href="page.md#a">in</a>, <a href="https://x.org">out</a>, <a href="mailto:a@b.org">mail</a></p>',
    '<table><tr><th style="text-align: center;">h</th></tr><tr><td style="text-align: right;">1</td></tr></table>',
    '<ul class="task-list"><li class="task-list-item"><label class="task-list-control">'
    '<input type="checkbox" disabled checked><span class="task-list-indicator"></span></label> Done</li></ul>',
    '<details class="note" open><summary>Title</summary><p>Body</p></details>',
    '<div class="admonition tip"><p class="admonition-title">Tip</p></div><img src="../x.png" alt="X">',
    '<p>Code: <code>&lt;script&gt;</code>, 3 &lt; 5</p><!-- a comment -->',
])
def test_what_the_markdown_extensions_make_passes_unchanged(html):
    assert passes(html, allowlist())  # the fast path lets it through, and JustHTML would too
    assert guard(html, allowlist()) == (html, [])


@pytest.mark.parametrize("html, published, removed", [
    ('<p onclick="x()">T</p>', "<p>T</p>", [("attribute", "p", "onclick")]),
    ('<a href=" JaVaScRiPt:x">a</a>', "<a>a</a>", [("url", "a", "href")]),
    ('<a href="java&#x0A;script:x">a</a>', "<a>a</a>", [("url", "a", "href")]),
    ('<img src="//cdn.x/a.png" alt="">', "<img alt>", [("url", "img", "src")]),
    ('<p style="color: red">s</p>', "<p>s</p>", [("attribute", "p", "style")]),
    ('<table><tr><td style="text-align: left; background: url(https://x)">c</td></tr></table>',
     "<table><tbody><tr><td>c</td></tr></tbody></table>", [("attribute", "td", "style")]),
    ('<p>x <input name="q"></p>', "<p>x </p>", [("element", "input", "input")]),
    ("<style>p {}</style><p>k</p>", "<p>k</p>", [("element", "style", "style")]),
])
def test_what_the_allowlist_removes(html, published, removed):
    assert not passes(html, allowlist())
    cleaned, removals = guard(html, allowlist())
    assert [(r.kind, r.tag, r.name) for r in removals] == removed
    assert cleaned == published


def test_the_allowlist_can_be_widened_but_not_to_unsafe_content():
    wide = allowlist({"elements": ["figure"], "attributes": {"figure": ["data-kind"]}, "media_hosts": ["media.x.org"]})
    assert guard('<figure data-kind="a"><img src="https://media.x.org/a.png" alt=""></figure>', wide)[1] == []
    assert check_allowlist_setting({"elements": ["iframe"], "attributes": {"p": ["onclick", "style"]}, "hosts": []}) == [
        "extra.html_allowlist has no setting 'hosts'; use elements, attributes or media_hosts",
        "extra.html_allowlist cannot allow <iframe>: it runs script, loads from elsewhere or takes input; remove it from elements",
        "extra.html_allowlist cannot allow 'onclick' on <p>: it runs script or loads from elsewhere; remove it from attributes",
        "extra.html_allowlist cannot allow 'style' on <p>: it runs script or loads from elsewhere; remove it from attributes",
    ]


def test_translation_states_and_recording():
    original = "---\ntitle: A\ndescription: B\nowner: core-group\nuntranslated: [he]\n---\n\nBody\n"
    version = source_version(original)
    assert version == source_version(original.replace("owner: core-group", "owner: management"))  # owner is not content
    assert version != source_version(original.replace("Body", "Body!"))
    fi = record_version("---\ntitle: A fi\ndescription: B\nowner: core-group\n---\n\nKeho\n", version)
    assert f'source_hash: "{version}"\n---' in fi
    nb = record_version(fi, "000000000000").replace(version, "000000000000")
    pages = read_pages({"a.md": original, "a.fi.md": fi, "a.nb.md": nb}, LANGS)
    states = {s.lang: s.state for s in translation_states(pages, LANGS)}
    assert states == {"fi": UP_TO_DATE, "nb": OUTDATED, "he": UNTRANSLATED}
    alone = read_pages({"a.md": original.replace("untranslated: [he]\n", "")}, LANGS)
    assert {s.state for s in translation_states(alone, LANGS)} == {MISSING}
    # Front matter closed by '...' (YAML's end of document) gets the hash inside it.
    dots = record_version("---\ntitle: A fi\n...\n\n----\n\nKeho\n", version)
    assert dots == f'---\ntitle: A fi\nsource_hash: "{version}"\n...\n\n----\n\nKeho\n'



def test_read_card():
    body = ("## What? {#definition .definition}\n\nA definition.\n{: .answer }\n\nMore.\n\n"
            "## Share? {#share .postulate}\n\nShare **well**.\n{: .answer }\n\n## Other {#other}\n\nx\n"
            "## Broken? {#broken .postulate}\n\nNo answer mark.\n")
    card, found = read_card(source("p.md", body))
    assert card.definition.answer == "A definition."
    assert [(p.id, p.question, p.answer) for p in card.postulates] == [("share", "Share?", "Share **well**.")]
    assert [(f.line, f.message.split(";")[0]) for f in found] == [(16, "postulate has no short answer")]


def test_placeholders():
    values = {"organisation": "Acme", "contact": "a@b"}
    assert fill_placeholders("At {{ organisation }} ({{contact}}), {{ nope }}", values) == "At Acme (a@b), {{ nope }}"
    found = check_placeholders(source("a.md", "Hi {{ organization }}\n", 7), values)
    assert [(f.line, f.col, f.message) for f in found] == [
        (7, 4, "unknown placeholder '{{ organization }}'; did you mean '{{ organisation }}'?")]


def test_a_placeholder_without_a_value_names_its_setting():
    values = placeholder_values({"name": "Acme", "contact": "a@b"})
    found = check_placeholders(source("a.md", "Ask {{ privacy_contact }} or {{ contact }}.\n", 3), values)
    assert [(f.line, f.col, f.message) for f in found] == [
        (3, 5, "'{{ privacy_contact }}' has no value; set extra.organisation.privacy_contact in mkdocs.yml")]


def test_language_index_keeps_one_language():
    data = {"config": {"lang": ["en", "fi"]}, "docs": [{"location": "fi/roles/", "title": "Roolit", "text": ""}]}
    assert language_index(data, "fi/", "fi") == {"config": {"lang": ["fi"]}, "docs": [{"location": "roles/", "title": "Roolit", "text": ""}]}


def test_query_prefixes_for_the_search_box():
    assert query_prefixes({"search_lang": "he", "search_prefixes": ["ו", "ה", "ב"]}) == {
        "letters": "ו ה ב", "max": MAX_PREFIX, "min": QUERY_MIN_LENGTH}
    assert query_prefixes({"search_lang": "fi"}) is None
    assert query_prefixes({"search_prefixes": []}) is None
    assert query_prefixes(None) is None


def test_suggestions():
    assert nearest("shrae", ["share", "trust"]) == "share"
    assert nearest("zzz", ["share"]) is None
    assert nearest_page("gone.md", ["other.md", "index.md"]) is None
    assert nearest_page("charters/exmaples.md", ["charters/examples.md", "roles.md"]) == "charters/examples.md"


# --- the organisation and each language's settings --------------------------------

def test_a_language_keeps_only_its_own_extra_settings():
    from handbook.core.languages import language_extra

    hebrew_left = {"card_pdf": False, "search_lang": "he", "search_prefixes": ["ו"], "strings": {"owner": "אחראי"}}
    own = {"en": {"search_lang": "en", "strings": {"owner": "Page owner"}},
           "he": {"search_lang": "he", "search_prefixes": ["ו"], "strings": {"owner": "אחראי"}},
           "sv": {"search_lang": "sv"}}
    keys = {key for extra in own.values() for key in extra}
    assert language_extra(hebrew_left, own["sv"], own["en"], keys) == {
        "card_pdf": False, "search_lang": "sv", "strings": {"owner": "Page owner"}}


def test_repository_settings_per_forge():
    from handbook.core.organisation import repository_settings

    assert repository_settings({"url": "https://github.com/org/handbook/"}) == {
        "repo_url": "https://github.com/org/handbook", "repo_name": "handbook", "edit_uri": "edit/main/docs/"}
    assert repository_settings({"url": "https://gitlab.example.test/comms/hb", "branch": "trunk", "label": "HB"},
                               "content") == {
        "repo_url": "https://gitlab.example.test/comms/hb", "repo_name": "HB", "edit_uri": "-/edit/trunk/content/"}
    assert repository_settings({"url": "https://code.example.test/a/b", "forge": "GitLab"})["edit_uri"] == \
        "-/edit/main/docs/"
    assert repository_settings({"url": "https://code.example.test/a/b", "edit_path": "src/docs/"})["edit_uri"] == \
        "src/docs/"
    assert repository_settings({}) == {}


def test_colours_that_are_not_colours_or_too_light_are_findings_at_their_line():
    from handbook.core.organisation import check_colors, contrast

    lines = ["    colors:", '      primary: "navy"', '      accent: "#ffcc00"']
    found = check_colors({"primary": "navy", "accent": "#ffcc00"}, "mkdocs.yml", lines)
    assert [(f.line, f.message) for f in found] == [
        (2, "extra.organisation.colors.primary 'navy' is not a colour; write it as '#rrggbb'"),
        (3, "extra.organisation.colors.accent '#ffcc00' has a contrast of 1.51:1 in links under the pointer and "
            "search highlights (on white); WCAG AA needs 4.5:1: choose a darker colour, such as '#8f7200'")]
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert check_colors({"primary": "#1d4f73", "accent": "#a4372a"}, "mkdocs.yml", lines) == []


def test_site_address_is_the_intranet_unless_a_preview_names_another():
    from handbook.core.organisation import site_address

    assert site_address("https://intra.test/handbook") == "https://intra.test/handbook/"
    assert site_address("https://intra.test/handbook/", "https://preview.test/") == "https://preview.test/"
    assert site_address("") == ""


def test_the_core_imports_nothing_of_mkdocs_nor_of_the_tools():
    """handbook.core and handbook.markup stand alone: the adapter and the hooks know MkDocs."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "hooks" / "handbook"
    found = {}
    for folder in ("core", "markup"):
        for path in sorted((package / folder).glob("*.py")):
            names = set()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names.add(node.module)
            wrong = sorted(n for n in names if n.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n",
                                                                   "playwright") or n.startswith(("handbook.tools",
                                                                                                  "handbook.mkdocs")))
            if wrong:
                found[f"{folder}/{path.name}"] = wrong
    assert found == {}


STRUCTURED = """---
title: T
description: D
owner: core-group
---

# T

Intro with {{ organisation }}.

## Rules {#rules}

- One, see [risks](safety.md#risks).
- Two
    - Two and a half

| A | B |
|---|---|
| 1 | 2 |

!!! tip "Tip"
    Text.

## Local law {#local .local}

Only here.
"""


@pytest.mark.parametrize("change, expected", [
    (lambda t: t, []),
    (lambda t: t.replace("## Local law {#local .local}\n\nOnly here.\n", ""), []),  # a local section is exempt
    (lambda t: t.replace("- Two\n", ""), [(11, "section '#rules' has 2 list items, the original (docs/p.md:11) 3")]),
    (lambda t: t.replace("| 1 | 2 |\n", ""), [(11, "section '#rules' has 1 table rows, the original (docs/p.md:11) 2")]),
    (lambda t: t.replace("!!! tip", "!!! note"),
     [(11, "section '#rules' has 1 'note' admonitions, the original (docs/p.md:11) 0"),
      (11, "section '#rules' has 0 'tip' admonitions, the original (docs/p.md:11) 1")]),
    (lambda t: t.replace("safety.md#risks", "safety.md#risk"),
     [(11, "section '#rules' links to 1 targets, the original (docs/p.md:11) to 1: 'safety.md#risks' is missing; "
           "'safety.md#risk' is not in the original")]),
    (lambda t: t.replace("{{ organisation }}", "Acme"),
     [(6, "the text before the first section has placeholders none, the original (docs/p.md:6) {{organisation}}")]),
    (lambda t: t.replace("{#rules}", "{#regler}"),
     [(11, "section '#regler' stands where the original has section '#rules' (docs/p.md:11)")]),
])
def test_a_translation_mirrors_its_original_section_by_section(change, expected):
    from handbook.core.structure import check_structure

    languages = Languages("en", ("en", "fi"))
    original = SourcePage("p.md", STRUCTURED.replace("## Local law {#local .local}\n\nOnly here.\n", ""), languages)
    translation = SourcePage("p.fi.md", change(STRUCTURED), languages)
    found = check_structure(original, translation)
    assert [(f.line, re.sub(r"; (make|give|use) .*$", "", f.message)) for f in found] == expected
    assert {f.check for f in found} <= {"structure"}


def test_no_hostile_construct_passes_the_fast_path():
    from builds.test_guard_corpus import HOSTILE

    md = markdown.Markdown(extensions=["attr_list", "md_in_html"])
    for _, construct, _, _ in HOSTILE:
        assert not passes(md.reset().convert(construct), allowlist()), construct
    for html in ('<body onload="x()">', '<p><a href="/\\evil.example/x">x</a></p>', '<img src="\\\\evil.example/x.png">',
                 '<a href="java\tscript:x">x</a>', '<blockquote cite="https://x.org">q</blockquote>'):
        assert not passes(html, allowlist()), html


def test_a_translation_records_each_part_and_only_a_changed_part_is_outdated():
    from handbook.core.translations import section_versions, translation_states

    languages = Languages("en", ("en", "fi"))
    original = "---\ntitle: A\ndescription: B\nowner: core-group\n---\n\n# A\n\nIntro.\n\n## One {#one}\n\nX.\n\n## Two {#two}\n\nY.\n"
    page = SourcePage("p.md", original, languages)
    parts = section_versions(page)
    assert list(parts) == ["_title", "_description", "_intro", "one", "two"]
    fi = record_version("---\ntitle: A fi\ndescription: B\nowner: core-group\n---\n\n# A\n\nJohdanto.\n",
                        source_version(original), parts)
    assert fi.count("source_sections:") == 1 and '  "two": "' in fi
    assert record_version(fi, source_version(original), parts) == fi  # recording again changes nothing
    for changed, expected in ((original, ()), (original.replace("Y.", "Y!"), ("two",)),
                              (original.replace("title: A", "title: A2").replace("X.", "X!"), ("_title", "one"))):
        pages = read_pages({"p.md": changed, "p.fi.md": fi}, languages)
        [state] = translation_states(pages, languages)
        assert (state.state, state.sections) == ((UP_TO_DATE if not expected else OUTDATED), expected)


@pytest.mark.parametrize("text", [
    "---\ntitle: A\n---\n\n# A\n\nText [x](b.md).\n",
    "---\r\ntitle: A\r\n...\r\nBody\u2028line\rlast\n",
    "No front matter\n",
    "---\ntitle: [unclosed\n---\nBody\n",
])
def test_the_front_matter_body_is_the_text_after_it_exactly(text):
    fm = split_front_matter(text)
    lines = text.splitlines(keepends=True)
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
    expected = "".join(lines[closing + 1:]) if text.startswith("---") and closing else text
    assert fm.body == expected
    assert source_version(text) == SourcePage("a.md", text, LANGS).version


def test_a_released_page_model_parses_its_lines_and_sections_again_alike():
    text = "---\ntitle: A\n---\n\n# A\n\n## One {#one}\n\nSee [b](b.md#x) and `[c](c.md)`.\n\n- item\n"
    page = SourcePage("a.md", text, LANGS)
    before = (page.lines, page.prose, page.links, page.headings,
              [(s.key, s.line, dict(s.counts), dict(s.links)) for s in page.sections])
    page.release()
    assert not {"lines", "prose", "sections"} & set(vars(page))
    assert {"links", "headings", "front_matter"} <= set(vars(page))  # what later hooks read stays
    assert (page.lines, page.prose, page.links, page.headings,
            [(s.key, s.line, dict(s.counts), dict(s.links)) for s in page.sections]) == before
