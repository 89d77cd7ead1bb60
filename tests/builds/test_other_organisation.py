"""The real handbook built for other organisations, with nothing but extra.organisation
changed: one on GitHub, one on a GitLab host. No value of the example organisation is
left in the site, the reader checks pass on it (no outside request, axe-core on every
page type in every language), and a colour that readers could not read stops the build.
"""
from __future__ import annotations

import filecmp
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from handbook.tools.browser import serve
from publishing_support import find
from reader_support import AXE_URL, PAGE_TYPES, Traffic, axe, blocking, page_path, reader
from sites import HOOKS, LANGUAGES, ORGANISATION, ROOT, FixtureSite, mkdocs_build

MATERIAL = Path(__import__("material").__file__).parent / "templates"
ORGANISATIONS = {
    "github": {"name": "Aurora Health Trust", "contact": "comms@aurorahealth.test",
               "privacy_contact": "dpo@aurorahealth.test", "whistleblowing_contact": "speakup@aurorahealth.test",
               "internal_platform": "Aurora Connect",
               "intranet_url": "https://intra.aurorahealth.test/social/", "logo": "assets/aurora.svg",
               "repository": {"url": "https://github.com/aurora-health/handbook", "label": "aurora-handbook"},
               "colors": {"primary": "#00573f", "accent": "#9c3d00"}},
    "gitlab": {"name": "Fjordby kommune", "contact": "kommunikasjon@fjordby.test",
               "privacy_contact": "personvern@fjordby.test", "whistleblowing_contact": "varsling@fjordby.test",
               "internal_platform": "Fjordby Workplace",
               "intranet_url": "https://intranett.fjordby.test/", "logo": "assets/fjordby.svg",
               # No label of its own (null: INHERIT would keep the example's): the project's name.
               "repository": {"url": "https://gitlab.fjordby.test/kommunikasjon/handbok", "branch": "trunk",
                              "label": "null"},
               "colors": {"primary": "#3a2a6e", "accent": "#8a1c4a"}},
}
LABEL = {"github": "aurora-handbook", "gitlab": "handbok"}
EDIT = {"github": "https://github.com/aurora-health/handbook/edit/main/docs/",
        "gitlab": "https://gitlab.fjordby.test/kommunikasjon/handbok/-/edit/trunk/docs/"}


def organisation_yaml(org: dict) -> str:
    repo = "".join(f"      {key}: {value}\n" for key, value in org["repository"].items())
    return (f"extra:\n  organisation:\n    name: {org['name']}\n    contact: {org['contact']}\n"
            f"    privacy_contact: {org['privacy_contact']}\n    whistleblowing_contact: {org['whistleblowing_contact']}\n"
            f"    internal_platform: {org['internal_platform']}\n"
            f"    intranet_url: {org['intranet_url']}\n    logo: {org['logo']}\n    repository:\n{repo}"
            f"    colors:\n      primary: \"{org['colors']['primary']}\"\n      accent: \"{org['colors']['accent']}\"\n")


def build_for(root: Path, org: dict):
    """The real docs and mkdocs.yml, with this organisation's values and logo."""
    shutil.copytree(ROOT / "docs", root / "docs")
    (root / "docs" / org["logo"]).write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>\n',
        encoding="utf-8")
    hooks = "".join(f"  - {hook}\n" for hook in HOOKS)
    (root / "mkdocs.yml").write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\n"
                                     f"theme:\n  custom_dir: {ROOT / 'overrides'}\nhooks:\n{hooks}"
                                     + organisation_yaml(org),
                                     encoding="utf-8")
    return mkdocs_build(root / "mkdocs.yml", root / "site", env={"HANDBOOK_GIT_DATES": "false"})


@pytest.fixture(scope="module", params=sorted(ORGANISATIONS))
def other(request, tmp_path_factory):
    build = build_for(tmp_path_factory.mktemp(request.param), ORGANISATIONS[request.param])
    assert build.ok, build.output
    return request.param, build


def test_no_value_of_the_example_organisation_is_left(other):
    forge, build = other
    example = ORGANISATION
    leftovers = ["example.org", example["name"], example["contact"], "127.0.0.1", example["logo"],
                 example["repository"]["url"], example["repository"]["label"],
                 example["colors"]["primary"], example["colors"]["accent"], example["internal_platform"]]
    found = []
    for path in sorted(build.site.rglob("*")):
        relative = path.relative_to(build.site)
        if path.is_dir() or path.suffix not in (".html", ".css", ".js", ".json", ".xml", ".map", ".svg", ".txt"):
            continue
        material = MATERIAL / relative
        if material.is_file() and filecmp.cmp(material, path, shallow=False):
            continue  # Material's own file, as the theme ships it
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{relative}: {value}" for value in leftovers if value in text]
    assert found == []


def test_site_url_repository_and_edit_links_follow_the_organisation(other):
    forge, build = other
    org = ORGANISATIONS[forge]
    for lang in LANGUAGES:
        html = build.page(page_path("roles.md", lang))
        assert f'<link rel="canonical" href="{org["intranet_url"]}{page_path("roles.md", lang)}">' in html
        assert f'href="{org["repository"]["url"]}" title=' in html
        assert 'data-md-component="source"' not in html, "no call to the forge's API"
        source = "roles.md" if lang == LANGUAGES[0] else f"roles.{lang}.md"
        assert f'href="{EDIT[forge]}{source}"' in html
        assert f'<div class="md-source__repository">\n    {LABEL[forge]}\n  </div>' in html
        icons = [link["attrs"]["href"] for link in find(html, "link", rel="icon")]
        assert [urljoin(f"http://host/{page_path('roles.md', lang)}", href) for href in icons] == \
            [f"http://host/{org['logo']}"]
    sitemap = (build.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{org['intranet_url']}</loc>" in sitemap


def test_reader_checks_pass_on_the_other_organisations_site(browser, other):
    """axe and the network on every page type in the default language, and each other
    language's home page: an organisation changes colours, logo, name and links, the same
    in every language (the main suite walks every page of every language)."""
    forge, build = other
    prefix = urlsplit(ORGANISATIONS[forge]["intranet_url"]).path
    pages = [(kind, source, LANGUAGES[0]) for kind, source in PAGE_TYPES.items()]
    pages += [("home", "index.md", lang) for lang in LANGUAGES[1:]]
    with serve(str(build.site), prefix=prefix) as base:
        context, page = reader(browser)
        traffic = Traffic(context, base, AXE_URL)
        problems = []
        for kind, source, lang in pages:
            page.goto(base + page_path(source, lang))
            problems += [f"{lang} {kind}: {v}" for v in blocking(axe(page))]
        traffic.settle(page)
        context.close()
    assert problems == []
    assert traffic.outside() == []
    assert traffic.failed == [] and traffic.errors == []


def test_a_colour_readers_cannot_read_stops_the_build(tmp_path):
    fixture = FixtureSite(tmp_path, config='extra:\n  organisation:\n    colors:\n      primary: "#1d4f73"\n'
                                             '      accent: "#d35400"\n')
    fixture.page("index.md", "Home", "Welcome.\n")
    build = fixture.build()
    assert not build.ok
    line = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index('      accent: "#d35400"') + 1
    findings = [line for line in build.output.splitlines() if "handbook:" in line or "error(s)" in line]
    assert findings == [
        f"ERROR   -  handbook: mkdocs.yml:{line}:1: extra.organisation.colors.accent '#d35400' has a contrast of "
        "4.17:1 in links under the pointer and search highlights (on white); WCAG AA needs 4.5:1: "
        "choose a darker colour, such as '#c95000'",
        "ERROR   -  1 error(s) and 0 warning(s) in the handbook's sources; "
        "fix them at the places shown above, then build again"]
