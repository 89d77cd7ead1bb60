"""The content's fixed shape in every language: ids on every section, six rules of thumb and a
definition, five steps, the roles' five parts, front matter. That each translation mirrors its
original section by section is the structure check's (handbook.core.structure), in every build."""
from __future__ import annotations

import re

import pytest

from handbook.core.source import iter_headings, iter_links, prose_lines, split_front_matter
from sites import LANGUAGES, ROOT

DOCS = ROOT / "docs"
ORIGINALS = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if p.name.count(".") == 1)


def translated(page: str, lang: str) -> bool:
    """Whether the page exists in ``lang``: an original may be marked untranslated."""
    return lang == "en" or (DOCS / (page[:-3] + f".{lang}.md")).exists()


def source(page: str, lang: str) -> str:
    name = page if lang == "en" else page[:-3] + f".{lang}.md"
    return (DOCS / name).read_text(encoding="utf-8")


def headings(page: str, lang: str):
    fm = split_front_matter(source(page, lang))
    return [h for h in iter_headings(prose_lines(fm.body, fm.body_line)) if h.level in (2, 3)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_section_has_an_explicit_id(lang):
    missing = [f"{page}:{h.line} {h.text}" for page in ORIGINALS if translated(page, lang)
               for h in headings(page, lang) if not h.id]
    assert not missing


@pytest.mark.parametrize("lang", LANGUAGES)
def test_six_postulates_a_definition_and_five_steps(lang):
    postulates = headings("postulates.md", lang)
    assert [h.id for h in postulates if "postulate" in h.classes] == ["share", "relevance", "trust", "identity", "safety", "success"]
    assert [h.id for h in postulates if "definition" in h.classes] == ["definition"]
    assert source("postulates.md", lang).count("{: .answer }") == 7
    steps = [h.id for h in headings("adoption.md", lang) if "step" in h.classes]
    assert steps == ["step-why", "step-principles", "step-roles", "step-resources", "step-lead"]
    charter_steps = [h.id for h in headings("charters/index.md", lang) if "charter-step" in h.classes]
    assert len(charter_steps) == 6


@pytest.mark.parametrize("lang", LANGUAGES)
def test_roles_have_the_five_parts(lang):
    ids = [h.id for h in headings("roles.md", lang)]
    for role in ("management", "employees", "community-manager", "core-group", "channel-owner"):
        assert role in ids
        for part in ("purpose", "responsibilities", "good", "pitfalls", "steps"):
            assert f"{role}-{part}" in ids, f"{lang}: {role}-{part}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_front_matter_names_title_description_and_owner(lang):
    for page in filter(lambda p: translated(p, lang), ORIGINALS):
        data = split_front_matter(source(page, lang)).data
        assert data["title"].strip() and data["description"].strip() and data["owner"], f"{page} in {lang}"


def test_glossary_table_is_the_same_in_every_language():
    def table(lang):
        text = source("glossary.md", lang)
        return [line for line in text.splitlines() if line.startswith("|")][2:]
    english = table("en")
    assert len(english) >= 15
    for lang in LANGUAGES[1:]:
        assert table(lang) == english, lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_link_to_each_other_through_stable_anchors(lang):
    targets = set()
    for page in filter(lambda p: translated(p, lang), ORIGINALS):
        fm = split_front_matter(source(page, lang))
        targets.update(link.target.split("/")[-1] for link in iter_links(prose_lines(fm.body)))
    for wanted in ("safety.md#ground-rules", "safety.md#risk-analysis", "card.md"):
        assert any(t.startswith(wanted) for t in targets), f"{lang}: nothing links {wanted}"
    assert any(re.match(r"adoption\.md#step-", t) for t in targets)
    assert any(re.match(r"roles\.md#", t) for t in targets)
    assert any(re.match(r"postulates\.md#", t) for t in targets)
