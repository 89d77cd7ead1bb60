"""One place to customise: the organisation's name, contact, address, colours and logo.

A fixture handbook sets them in its mkdocs.yml only; every page, the card, the
footer and the styles follow, in every language, and nothing of the example
organisation in the real mkdocs.yml is left in the built site.
"""
from __future__ import annotations

import re
import shutil
from urllib.parse import urljoin, urlsplit

import pytest

from publishing_support import find, prefix
from sites import LANGUAGES, ROOT, FixtureSite, load_config, page_text

ORGANISATION = {
    "name": "Fjordby kommune",
    "contact": "kommunikasjon@fjordby.example",
    "intranet_url": "https://intra.fjordby.example/sosiale-medier/",
    "primary": "#0b6e4f",
    "accent": "#c2410c",
}
LOGO = "assets/fjordby-logo.svg"

CONFIG = f"""
extra:
  organisation:
    name: {ORGANISATION["name"]}
    contact: {ORGANISATION["contact"]}
    intranet_url: {ORGANISATION["intranet_url"]}
    logo: {LOGO}
    colors:
      primary: "{ORGANISATION["primary"]}"
      accent: "{ORGANISATION["accent"]}"
theme:
  custom_dir: {ROOT / "overrides"}
"""

HOME = """
Welcome to the handbook of {{ organisation }}.

Questions go to {{ contact }}; the handbook lives at {{ intranet_url }}.
"""

POSTULATES = """
## What are social media? {#definition .definition}

Relationship platforms built on content that their own users create.
{: .answer }

## Who am I online? {#identity .postulate}

You speak for {{ organisation }} when you post in a work role.
{: .answer }
"""


@pytest.fixture(scope="module")
def customised(tmp_path_factory):
    from handbook.core.translations import source_version

    fixture = FixtureSite(tmp_path_factory.mktemp("customised"), config=CONFIG)
    shutil.copytree(ROOT / "docs" / "assets", fixture.docs / "assets")
    fixture.write(LOGO, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" id="fjordby">'
                        '<circle cx="12" cy="12" r="10" fill="#0b6e4f"/></svg>\n')

    def page(path, title, body, extra="", owner="core-group"):
        original = page_text(title, body, owner=owner, extra=extra)
        fixture.write(path, original)
        for lang in LANGUAGES[1:]:
            fixture.write(path[:-3] + f".{lang}.md", page_text(
                f"{title} {lang}", body, owner=owner, extra=extra + f"source_hash: {source_version(original)}\n"))

    page("index.md", "Home", HOME)
    page("postulates.md", "Postulates", POSTULATES)
    page("card.md", "Postulates card", "", extra="template: card.html\n")
    page("roles.md", "Roles", "## Core group {#core-group}\n\nCoordinates.\n", owner="core-group")
    fixture.nav = ["index.md", "postulates.md", "card.md", "roles.md"]
    build = fixture.build()
    assert build.ok, build.output
    return build


def article(html: str) -> str:
    return re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S).group(1)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_in_content_are_filled_from_the_configuration(customised, lang):
    text = article(customised.page(prefix(lang)))
    assert f"Welcome to the handbook of {ORGANISATION['name']}." in text
    assert f"Questions go to {ORGANISATION['contact']}" in text
    assert f"the handbook lives at {ORGANISATION['intranet_url']}" in text
    assert "{{" not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_shows_the_organisation(customised, lang):
    html = customised.page(prefix(lang) + "card/")
    assert [p["text"].strip() for p in find(html, "p", class_="hb-card__org")] == [ORGANISATION["name"]]
    answers = [a["text"].strip() for a in find(html, "span", class_="hb-card__answer")]
    assert answers == [f"You speak for {ORGANISATION['name']} when you post in a work role."]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_colours_contact_address_and_logo_on_every_page(customised, lang):
    for path in ("", "card/", "postulates/"):
        url = prefix(lang) + path
        html = customised.page(url)
        style = re.search(r"<style>:root\{(.*?)\}</style>", html).group(1)
        assert f"--md-primary-fg-color:{ORGANISATION['primary']}" in style
        assert f"--md-accent-fg-color:{ORGANISATION['accent']}" in style
        owner = re.search(r'<aside class="hb-page-owner">.*?</aside>', html, re.S).group(0)
        assert f'href="mailto:{ORGANISATION["contact"]}"' in owner
        footer = find(html, "a", class_="hb-intranet-url")
        assert [a["attrs"]["href"] for a in footer] == [ORGANISATION["intranet_url"]]
        assert [s["text"] for s in find(html, "span", class_="hb-organisation")] == [f"© {ORGANISATION['name']}"]
        logos = [img["attrs"] for link in re.findall(r'<a [^>]*class="[^"]*md-logo.*?</a>', html, re.S)
                 for img in find(link, "img")]
        assert len(logos) == 2, f"no logo in the header and the drawer of {url}"
        assert {logo["alt"] for logo in logos} == {""}, "decorative: the link around it has the site's name"
        logos = [logo["src"] for logo in logos]
        for src in logos:
            target = urlsplit(urljoin("http://handbook/" + url, src)).path.lstrip("/")
            assert target == LOGO and 'id="fjordby"' in (customised.site / target).read_text(encoding="utf-8")


def test_nothing_of_the_example_organisation_is_left(customised):
    example = load_config()["extra"]["organisation"]
    leftovers = [example["name"], example["contact"], example["intranet_url"],
                 example["colors"]["primary"], example["colors"]["accent"]]
    found = []
    for path in customised.site.rglob("*"):
        if path.suffix in (".html", ".css", ".js", ".json", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(customised.site)}: {value}" for value in leftovers if value in text]
    assert not found, "\n".join(found[:20])


@pytest.mark.parametrize("lang", ("en", "he"))
def test_colours_reach_the_rendered_page_in_chromium(customised, page, lang):
    from handbook.tools.browser import serve

    with serve(str(customised.site)) as base:
        page.goto(base + prefix(lang) + "card/")
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        border = page.evaluate("getComputedStyle(document.querySelector('.hb-card__header')).borderBottomColor")
    assert header == "rgb(11, 110, 79)"  # #0b6e4f
    assert border == "rgb(11, 110, 79)"


def test_the_real_configuration_is_used_by_the_real_site(site):
    """Every organisation setting in mkdocs.yml shows up where it belongs on the real handbook."""
    config = load_config()
    org = config["extra"]["organisation"]
    for lang in LANGUAGES:
        card = site.page(prefix(lang) + "card/")
        assert [p["text"].strip() for p in find(card, "p", class_="hb-card__org")] == [org["name"]]
        assert f"--md-primary-fg-color:{org['colors']['primary']}" in card
        assert f'href="mailto:{org["contact"]}"' in card
        assert [a["attrs"]["href"] for a in find(card, "a", class_="hb-intranet-url")] == [org["intranet_url"]]
        assert f'src="../{"../" if prefix(lang) else ""}{org["logo"]}"' in card
        assert "{{ organisation }}" not in site.page(prefix(lang))
    assert org["name"] in article(site.page(""))
