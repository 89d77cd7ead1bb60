"""Every page invites a pull request: edit link, last-updated date and page owner, per language.

Checked on the real handbook (the session ``site`` build, which has git history),
for a top-level and a nested page in every language.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime, timezone
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from babel.dates import format_date, get_month_names

from publishing_support import find, prefix, search, watch
from sites import LANGUAGES, ROOT, language, load_config
from handbook.core.source import split_front_matter

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
    repository = CONFIG["extra"]["organisation"]["repository"]["url"]
    assert edit[0]["attrs"]["href"] == repository.rstrip("/") + "/edit/main/docs/" + source_of(page, lang)
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


# --- adding a language needs only configuration and content --------------------------

SWEDISH = {
    "search_lang": "sv",
    "strings": {
        "owner": "Sidansvarig",
        "missing": "Den här sidan har inte översatts till svenska ännu. Du läser det engelska originalet.",
        "untranslated": "Den här sidan översätts inte till svenska. Du läser det engelska originalet.",
        "outdated": "Den här översättningen kan vara inaktuell: originalet har ändrats sedan det översattes.",
        "outdated_link": "Läs originalet",
        "print_card": "Skriv ut kortet",
        "card_pdf": "Ladda ner kortet som PDF",
        "status_page": "Sida",
        "status_up_to_date": "aktuell",
        "status_outdated": "inaktuell",
        "status_missing": "saknas",
        "status_untranslated": "avsiktligt inte översatt",
        "contact": "Frågor om handboken",
        "not_found": "Sidan finns inte",
        "permalink": "Länk till det här avsnittet",
    },
    # Material's Swedish "Navigation" is also its English: confirmed as Swedish here.
    "interface_strings": {"nav": "Navigation"},
    "roles": {
        "management": "Ledning",
        "employees": "Medarbetare",
        "community-manager": "Intern community manager",
        "core-group": "Kärngrupp",
        "channel-owner": "Kanalägare",
    },
}

POSTULATES_EN = """
## What are social media? {#definition .definition}

Relationship platforms built on content that their own users create.
{: .answer }

The definition covers public networks as well as internal tools.

## What should I share? {#share .postulate}

Share what you would like others to share with you.
{: .answer }

Think about what you value in your own feed.

## How do I build trust? {#trust .postulate}

Share. Take part. Talk with people.
{: .answer }
"""

POSTULATES_SV = """
## Vad är sociala medier? {#definition .definition}

Relationsplattformar byggda på innehåll som användarna själva skapar.
{: .answer }

Definitionen gäller både öppna nätverk och interna verktyg.

## Vad ska jag dela? {#share .postulate}

Dela det du själv vill att andra delar med dig.
{: .answer }

Tänk på vad du själv uppskattar i ditt flöde.

## Hur bygger jag förtroende? {#trust .postulate}

Dela. Delta. Prata med människor.
{: .answer }
"""


def swedish_entry() -> dict:
    """Swedish's entry under the i18n plugin's languages, with every `extra` key the English
    entry has (a key added to English later falls back to its English text here)."""
    english = language("en", CONFIG)["extra"]
    extra = {"search_lang": SWEDISH["search_lang"], "strings": {**english["strings"], **SWEDISH["strings"]},
             "roles": {**english["roles"], **SWEDISH["roles"]}, "interface_strings": SWEDISH["interface_strings"]}
    assert set(extra) == set(english) | {"interface_strings"}, "the fixture must give sv every extra key en has"
    return {"locale": "sv", "name": "Svenska", "build": True, "site_name": "Handbok för sociala medier",
            "site_description": "Så inför vår organisation sociala medier och leder arbetet med dem.",
            "nav_translations": {"Charters": "Riktlinjer"}, "extra": extra}


def swedish_config() -> str:
    """The fixture's mkdocs.yml additions: the plugins list again (INHERIT replaces lists),
    with a fifth language whose `extra` has every key the English entry has."""
    config = load_config()
    plugins = []
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "i18n" in entry:
            i18n = dict(entry["i18n"])
            i18n["languages"] = list(i18n["languages"]) + [swedish_entry()]
            entry = {"i18n": i18n}
        elif isinstance(entry, dict) and "git-revision-date-localized" in entry:
            entry = {"git-revision-date-localized": {**entry["git-revision-date-localized"], "enabled": False}}
        plugins.append(entry)
    return yaml.safe_dump({"plugins": plugins}, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def swedish(tmp_path_factory):
    """A small handbook with five languages: the four of mkdocs.yml and Swedish."""
    from handbook.core.translations import source_version
    from sites import FixtureSite, page_text

    five = LANGUAGES + ("sv",)
    fixture = FixtureSite(tmp_path_factory.mktemp("swedish"), config=swedish_config())

    def page(path, title, body="", langs=five, extra="", owner="core-group", bodies=None):
        original = page_text(title, body, owner=owner, extra=extra)
        fixture.write(path, original)
        version = source_version(original)
        for lang in langs[1:]:
            text = (bodies or {}).get(lang, body)
            fixture.write(path[:-3] + f".{lang}.md",
                          page_text(f"{title} {lang}", text, owner=owner, extra=extra + f"source_hash: {version}\n"))

    shutil.copytree(ROOT / "docs" / "assets", fixture.docs / "assets")  # styles, script and logo, as in docs/
    page("index.md", "Home", "Welcome to the handbook.\n")
    page("roles.md", "Roles", "## Management {#management}\n\nLeads.\n\n## Core group {#core-group}\n\nCoordinates.\n",
         owner="management")
    page("card.md", "Postulates card", extra="template: card.html\n")
    page("translation-status.md", "Translation status", extra="template: translation-status.html\n")
    page("postulates.md", "Postulates", POSTULATES_EN, bodies={"sv": POSTULATES_SV})
    fixture.nav = ["index.md", "postulates.md", "card.md", "roles.md", "translation-status.md"]
    build = fixture.build()
    assert build.ok, build.output
    return build


def test_fifth_language_builds_strictly_with_its_own_pages(swedish):
    for url in ("sv/", "sv/postulates/", "sv/card/", "sv/roles/", "sv/404.html"):
        assert '<html lang="sv"' in swedish.page(url), url
    home = swedish.page("sv/")
    assert "Handbok för sociala medier" in re.search(r"<title>(.*?)</title>", home).group(1)
    assert 'placeholder="Sök"' in home, "Material's interface is in Swedish"
    for lang in LANGUAGES:  # the other four are untouched
        assert f'<html lang="{lang}"' in swedish.page(prefix(lang, CONFIG))


def test_fifth_language_is_in_every_language_switcher(swedish):
    for lang in LANGUAGES + ("sv",):
        html = swedish.page("sv/" if lang == "sv" else prefix(lang, CONFIG))
        links = find(html, "a", hreflang="sv", class_="md-select__link")
        assert len(links) == 1 and links[0]["text"].strip() == "Svenska", lang
        target = urljoin("http://handbook/" + ("sv/" if lang == "sv" else prefix(lang, CONFIG)), links[0]["attrs"]["href"])
        assert urlsplit(target).path == "/sv/"


def test_fifth_language_has_its_own_search_index(swedish):
    import json

    index = json.loads((swedish.site / "sv/search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["sv"]
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Relationsplattformar" in text and "Relationship platforms" not in text
    assert all(not doc["location"].startswith(("sv/", "fi/", "/")) for doc in index["docs"])
    root = json.loads((swedish.site / "search/search_index.json").read_text(encoding="utf-8"))
    assert root["config"]["lang"] == ["en"]
    assert "Relationsplattformar" not in " ".join(doc["text"] for doc in root["docs"])
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                  swedish.page("sv/postulates/"), re.S).group(1))
    base = urlsplit(urljoin("http://handbook/sv/postulates/", config["base"])).path
    assert base.rstrip("/") == "/sv", "Swedish pages search the Swedish index"


def test_fifth_language_card_is_made_from_its_postulates_page(swedish):
    html = swedish.page("sv/card/")
    questions = [q["text"].strip() for q in find(html, "strong", class_="hb-card__question")]
    answers = [a["text"].strip() for a in find(html, "span", class_="hb-card__answer")]
    assert questions == ["Vad ska jag dela?", "Hur bygger jag förtroende?"]
    assert answers == ["Dela det du själv vill att andra delar med dig.", "Dela. Delta. Prata med människor."]
    definition = find(html, "p", class_="hb-card__meaning")
    assert definition and "Relationsplattformar" in definition[0]["text"]
    buttons = [b for b in find(html, "button") if "data-print-card" in b["attrs"]]
    assert [b["text"].strip() for b in buttons] == ["Skriv ut kortet"]


def test_fifth_language_owner_and_status_use_its_configuration(swedish):
    html = swedish.page("sv/postulates/")
    aside = re.search(r'<aside class="hb-page-owner">.*?</aside>', html, re.S).group(0)
    assert "Sidansvarig:" in aside
    link = [a for a in find(aside, "a") if a["text"].strip() == "Kärngrupp"]
    assert link and urlsplit(urljoin("http://handbook/sv/postulates/", link[0]["attrs"]["href"])).path == "/sv/roles/"
    status = swedish.page("sv/translation-status/")
    assert find(status, "th", lang="sv"), "the status table has a Swedish column"
    assert find(status, "td", **{"data-lang": "sv", "data-state": "up_to_date"})


def test_fifth_language_search_works_in_chromium(swedish, page):
    from handbook.tools.browser import serve

    with serve(str(swedish.site)) as base:
        watch(page)
        page.goto(base + "sv/")
        results = search(page, "förtroende")
        assert any("förtroende" in text.lower() for _, text in results), results
        paths = {urlsplit(urljoin(base + "sv/", href)).path for href, _ in results}
        assert paths == {"/sv/postulates/"}, "results are Swedish pages only"


def test_a_fifth_language_added_as_contributing_says_passes_the_reader_suite(tmp_path):
    """A copy of the project gets Swedish exactly as CONTRIBUTING.md's "Add a language"
    says (a language entry in mkdocs.yml, every page as page.sv.md, `handbook
    translations record --lang sv`, a CODEOWNERS line), then runs the reader suite (but
    its every-page axe walk) and the site tests in it for Swedish, without any test edited."""
    project = tmp_path / "project"
    for name in subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                               check=True).stdout.splitlines():
        if (ROOT / name).is_file():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, project / name)
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    block = "".join("        " + line + "\n" for line in
                    yaml.safe_dump([swedish_entry()], allow_unicode=True, sort_keys=False).splitlines())
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    marker = "\n  # A build to open from the file system"
    assert marker in config
    (project / "mkdocs.yml").write_text(config.replace(marker, "\n" + block + marker, 1), encoding="utf-8")
    for original in sorted((project / "docs").rglob("*.md")):
        if original.name.count(".") == 1:
            text = re.sub(r"(?m)^untranslated: .*\n", "", original.read_text(encoding="utf-8"))
            original.with_name(original.stem + ".sv.md").write_text(text, encoding="utf-8")
    owners = project / "CODEOWNERS"
    owners.write_text(owners.read_text(encoding="utf-8").replace(
        "/docs/**/*.he.md            @org/handbook-he\n",
        "/docs/**/*.he.md            @org/handbook-he\n/docs/**/*.sv.md            @org/handbook-sv\n"),
        encoding="utf-8")
    recorded = subprocess.run([sys.executable, "-m", "handbook.tools.cli", "translations", "record", "--lang", "sv"],
                              cwd=project, capture_output=True, text=True)
    pages = len([p for p in (project / "docs").rglob("*.md") if p.name.count(".") == 1])
    assert recorded.returncode == 0 and f"recorded {pages} of {pages} page(s)" in recorded.stdout, recorded.stderr

    suite = [str(p.relative_to(project)) for p in sorted((project / "tests" / "reader").glob("test_*.py"))]
    # One process: this test already runs beside the others. The walk of every page with
    # axe is left out: the main suite walks every page of four languages made by the same
    # templates, and it would double this test's time; the axe checks of search, the
    # language menu and the collapsible blocks run for Swedish here.
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0",
                           "-k", "sv and not test_every_page_on_a_desktop_and_on_a_phone",
                           *suite, "tests/builds/test_site.py",
                           "tests/publishing/test_publishing_ci.py"],
                          cwd=project, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(project / "hooks")})
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    passed = re.fullmatch(r"(\d+) passed, \d+ deselected in .*", summary)
    assert passed and int(passed.group(1)) >= 15, summary  # the tests parametrized by language, for sv


# --- the handbook command ---------------------------------------------------------------

def handbook_command(*args, cwd, env=None):
    return subprocess.run([sys.executable, "-m", "handbook.tools.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def test_record_names_every_page_it_skips_and_why(tmp_path):
    from sites import FixtureSite

    fixture = FixtureSite(tmp_path)
    fixture.page("index.md", "Home", "Welcome.\n")
    fixture.write("orphan.fi.md", "---\ntitle: Orpo\n---\n")
    fixture.build()  # writes mkdocs.yml
    done = handbook_command("translations", "record", "docs/index.fi.md", "docs/index.md", "docs/orphan.fi.md",
                            "docs/gone.nb.md", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "docs/index.md: skipped: not a translation of a page in docs; name a file like page.fi.md",
        "docs/orphan.fi.md: skipped: not a translation of a page in docs; name a file like page.fi.md",
        "docs/gone.nb.md: skipped: no such file"]
    assert done.stdout.splitlines()[-1] == "recorded 1 of 4 page(s); the others are listed above"
    unknown = handbook_command("translations", "record", "--lang", "sv", cwd=tmp_path)
    assert unknown.returncode == 1 and unknown.stderr.startswith("--lang sv: not a translated language")


def test_card_pdf_names_what_is_missing_and_how_to_install_it(tmp_path):
    done = handbook_command("card-pdf", "--site", str(tmp_path), cwd=ROOT, env={"CHROMIUM": "/nonexistent/chromium"})
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == ("handbook card-pdf: Chromium not found at /nonexistent/chromium; "
                           "install Debian's 'chromium' package or set CHROMIUM\n")


def test_handbook_build_prints_the_handbooks_findings_and_mkdocs_essentials_only(tmp_path):
    from sites import FixtureSite

    fixture = FixtureSite(tmp_path)
    fixture.page("index.md", "Home", "Read [the roles](roles.md).\n")
    fixture.build()  # writes mkdocs.yml
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    done = subprocess.run([sys.executable, "-m", "handbook.tools.cli", "build", "-d", str(tmp_path / "out")],
                          cwd=tmp_path, capture_output=True, text=True, env={**env, "HANDBOOK_GIT_DATES": "false"})
    assert done.returncode == 1
    quote = "Read [the roles](roles.md)."
    found = [f"ERROR   -  handbook: docs/{page}:{line}:18: link target 'roles.md' does not exist in any language; "
             f"check the file name\n    {line} | {quote}\n    {' ' * (len(str(line)) + 20)}^"
             for page, line in (("index.fi.md", 10), ("index.he.md", 10), ("index.md", 9), ("index.nb.md", 10))]
    assert done.stderr.splitlines() == "\n".join([
        "INFO    -  Cleaning site directory",
        f"INFO    -  Building documentation to directory: {tmp_path / 'out'}",
        *found,
        "ERROR   -  4 error(s) and 0 warning(s) in the handbook's sources; fix them at the places "
        "shown above, then build again"]).splitlines()
    assert done.stdout.strip() == "Aborted with a BuildError!"


# --- handbook check ---------------------------------------------------------------------

def test_handbook_check_passes_on_the_handbook_and_reports_its_time():
    done = handbook_command("check", cwd=ROOT)
    pages = len(list((ROOT / "docs").rglob("*.md")))
    assert (done.returncode, done.stdout) == (0, "")
    assert re.fullmatch(rf"0 error\(s\) and 0 warning\(s\) in the handbook's sources; checked {pages} pages in "
                        r"\d+\.\d\d s\n", done.stderr), done.stderr


def test_handbook_check_shows_the_named_files_findings(tmp_path):
    from sites import FixtureSite

    fixture = FixtureSite(tmp_path)
    fixture.page("index.md", "Home", "Read [the roles](roles.md).\n")
    fixture.build()  # writes mkdocs.yml
    shown = handbook_command("check", "docs/index.fi.md", cwd=tmp_path)
    assert shown.returncode == 1
    assert re.findall(r"^\w+: (\S+):", shown.stdout, re.M) == ["docs/index.fi.md:10:18"]
    others = handbook_command("check", "mkdocs.yml", cwd=tmp_path)
    assert (others.returncode, others.stdout) == (0, ""), "an error elsewhere is not this file's"


def test_handbook_check_names_a_path_that_does_not_exist():
    done = handbook_command("check", "docs/saftey.md", cwd=ROOT)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", "handbook check: docs/saftey.md: no such file\n")


def test_card_pdf_fails_when_it_writes_nothing(tmp_path):
    done = handbook_command("card-pdf", "--site", str(tmp_path), cwd=ROOT)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (f"handbook card-pdf: no card page in {tmp_path}; build the site there first "
                           "(mkdocs build), then run card-pdf on it\n")


def test_pre_commit_hook_runs_handbook_check_on_pages_and_configuration():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [(h["id"], h["entry"], h["language"]) for h in hooks] == [("handbook-check", "handbook check", "python")]
    files = re.compile(hooks[0]["files"])
    assert [p for p in ("docs/roles.fi.md", "mkdocs.yml", "README.md", "hooks/checks.py") if files.search(p)] == \
        ["docs/roles.fi.md", "mkdocs.yml"]


def test_handbook_outside_the_project_says_so(tmp_path):
    done = handbook_command("translations", "status", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "handbook: mkdocs.yml not found; run handbook in the project's folder or name it with -f\n"
