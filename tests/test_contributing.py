"""Every page invites a pull request: edit link, last-updated date and page owner, per language.

Checked on the real handbook (the session ``site`` build, which has git history),
for a top-level and a nested page in every language.
"""
from __future__ import annotations

import re
import subprocess
from datetime import date, datetime, timezone
from urllib.parse import urljoin, urlsplit

import pytest
from babel.dates import format_date, get_month_names

from publishing_support import find, language, load_config, prefix
from sites import LANGUAGES, ROOT
from handbook.source import split_front_matter

PAGES = ("safety.md", "charters/template.md")
CONFIG = load_config()


def source_of(page: str, lang: str) -> str:
    return page if lang == "en" else page[:-3] + f".{lang}.md"


def url_of(page: str, lang: str) -> str:
    path = page[:-3]
    path = path[: -len("index")] if path.endswith("index") else path + "/"
    return prefix(lang, CONFIG) + path


def last_commit_date(source: str) -> date:
    """The author date of the last commit touching docs/<source>, as the plugin reads it."""
    out = subprocess.run(["git", "log", "-1", "--format=%at", "--", f"docs/{source}"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    when = datetime.fromtimestamp(int(out), timezone.utc) if out else datetime.now(timezone.utc)
    return when.date()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_edit_link_points_at_the_languages_source_file(site, lang, page):
    html = site.page(url_of(page, lang))
    edit = find(html, "a", rel="edit")
    assert len(edit) == 1, f"{url_of(page, lang)} has {len(edit)} edit links"
    expected = CONFIG["repo_url"].rstrip("/") + "/edit/main/docs/" + source_of(page, lang)
    assert edit[0]["attrs"]["href"] == expected
    assert CONFIG["edit_uri"] == "edit/main/docs/"
    assert (ROOT / "docs" / source_of(page, lang)).is_file()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_last_updated_date_from_git_in_the_pages_language(site, lang, page):
    html = site.page(url_of(page, lang))
    dates = find(html, "span", class_="git-revision-date-localized-plugin-date")
    assert len(dates) == 1, f"{url_of(page, lang)} shows no last-updated date"
    shown = dates[0]["text"].strip()
    when = last_commit_date(source_of(page, lang))
    assert shown == format_date(when, format="long", locale=lang)
    month = get_month_names("wide", context="format", locale=lang)[when.month]
    assert month in shown, f"{shown!r} lacks the {lang} month name {month!r}"
    if lang != "en":
        english = format_date(when, format="long", locale="en")
        assert shown != english and get_month_names("wide", locale="en")[when.month] not in shown


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_owner_role_in_the_pages_language_links_to_the_role(site, lang, page):
    url = url_of(page, lang)
    html = site.page(url)
    owner = split_front_matter((ROOT / "docs" / source_of(page, lang)).read_text(encoding="utf-8")).data["owner"]
    asides = re.findall(r'<aside class="hb-page-owner">.*?</aside>', html, re.S)
    assert len(asides) == 1, f"{url} shows no page owner"
    extra = language(lang, CONFIG)["extra"]
    assert find(asides[0], "aside")[0]["text"].strip().startswith(extra["strings"]["owner"] + ":")
    label = extra["roles"][owner]
    links = [a for a in find(asides[0], "a") if a["text"].strip() == label]
    assert len(links) == 1, f"no link labelled {label!r} on {url}"
    target = urlsplit(urljoin("http://handbook/" + url, links[0]["attrs"]["href"]))
    assert target.path == "/" + prefix(lang, CONFIG) + "roles/", "the role links to the roles page of the same language"
    assert target.fragment == owner
    roles_page = site.page(target.path.lstrip("/"))
    assert f'id="{owner}"' in roles_page
    assert f'<html lang="{lang}"' in roles_page
