"""A synthetic handbook of any size, the same every time it is generated.

N pages per language: a home page, a roles page and sections of ten pages
(a section index and nine topics), at the top level of the navigation or
grouped into parts. Every page has valid front matter, headings
with explicit ids (the same in every language), lists, admonitions, a table,
a collapsible note, links between pages and to anchors on other pages and on
itself. Translations record the original's ``source_hash``, so the project's
strict build is clean. With ``broken=True``, some pages also carry a known set
of broken links in every language (see ``BROKEN_KINDS``).
"""
from __future__ import annotations

import posixpath
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from handbook.core.translations import source_version

SECTION_SIZE = 10  # a section index and nine topics
PARTS = 4  # h2 sections per topic page, ids part-1 .. part-4

# --- words ------------------------------------------------------------------

# Short vocabularies, enough for prose that wraps, hyphenates and searches like text.
WORDS = {
    "en": ("channel team post reply colleague manager audience message trust share question answer "
           "guideline community network plan review risk owner update article comment feedback "
           "example training meeting voice policy public internal picture video account draft "
           "together openly quickly carefully often clearly always never every useful simple "
           "agree decide publish follow measure learn explain listen improve support").split(),
    "fi": ("kanava tiimi julkaisu vastaus kollega esihenkilö yleisö viesti luottamus jakaa kysymys "
           "ohje yhteisö verkosto suunnitelma arvio riski omistaja päivitys artikkeli kommentti palaute "
           "esimerkki koulutus kokous ääni linjaus julkinen sisäinen kuva video tili luonnos "
           "yhdessä avoimesti nopeasti huolellisesti usein selkeästi aina koskaan jokainen hyödyllinen "
           "sopia päättää julkaista seurata mitata oppia selittää kuunnella parantaa tukea").split(),
    "nb": ("kanal team innlegg svar kollega leder publikum melding tillit dele spørsmål "
           "retningslinje fellesskap nettverk plan vurdering risiko eier oppdatering artikkel kommentar "
           "tilbakemelding eksempel opplæring møte stemme policy offentlig intern bilde video konto utkast "
           "sammen åpent raskt forsiktig ofte tydelig alltid aldri hver nyttig enkel "
           "avtale bestemme publisere følge måle lære forklare lytte forbedre støtte").split(),
    "he": ("ערוץ צוות פרסום תגובה עמית מנהל קהל הודעה אמון לשתף שאלה תשובה "
           "הנחיה קהילה רשת תוכנית סקירה סיכון בעלים עדכון מאמר הערה משוב "
           "דוגמה הדרכה פגישה קול מדיניות ציבורי פנימי תמונה סרטון חשבון טיוטה "
           "יחד בפתיחות מהר בזהירות לעתים בבירור תמיד אף פעם כל שימושי פשוט "
           "להסכים להחליט לפרסם לעקוב למדוד ללמוד להסביר להקשיב לשפר לתמוך").split(),
}
LABELS = {  # words the page structure uses, per language
    "en": {"home": "Home", "roles": "Roles", "section": "Section", "topic": "Topic", "part": "Part",
           "tip": "Good practice", "warning": "Watch out", "note": "More detail", "see": "See also",
           "steps": "Steps", "table": ("Task", "Who", "When"), "broken": "Broken on purpose"},
    "fi": {"home": "Etusivu", "roles": "Roolit", "section": "Osio", "topic": "Aihe", "part": "Osa",
           "tip": "Hyvä käytäntö", "warning": "Huomaa", "note": "Lisätietoa", "see": "Katso myös",
           "steps": "Vaiheet", "table": ("Tehtävä", "Kuka", "Milloin"), "broken": "Tahallaan rikki"},
    "nb": {"home": "Hjem", "roles": "Roller", "section": "Del", "topic": "Emne", "part": "Avsnitt",
           "tip": "God praksis", "warning": "Pass på", "note": "Mer detaljer", "see": "Se også",
           "steps": "Trinn", "table": ("Oppgave", "Hvem", "Når"), "broken": "Ødelagt med vilje"},
    "he": {"home": "דף הבית", "roles": "תפקידים", "section": "חלק", "topic": "נושא", "part": "פרק",
           "tip": "נוהג טוב", "warning": "שימו לב", "note": "פרטים נוספים", "see": "ראו גם",
           "steps": "שלבים", "table": ("משימה", "מי", "מתי"), "broken": "שבור בכוונה"},
}

# Languages beyond the project's own, for a handbook of many (benchmarks/parallel.py): each
# builds with its own interface language and search language; its pages use the English
# words and labels above (a language without its own words falls back to them).
MORE_LANGUAGES = (("sv", "Svenska"), ("da", "Dansk"), ("de", "Deutsch"), ("fr", "Français"), ("es", "Español"),
                  ("it", "Italiano"), ("nl", "Nederlands"), ("pt", "Português"), ("ro", "Română"), ("hu", "Magyar"),
                  ("tr", "Türkçe"), ("ru", "Русский"))


def language_entries(own: list[dict], count: int) -> list[dict]:
    """``count`` mkdocs-static-i18n language entries: the project's own (``own``, the
    default first), then MORE_LANGUAGES; the others take the default language's roles."""
    if count > len(own) + len(MORE_LANGUAGES):
        raise ValueError(f"at most {len(own) + len(MORE_LANGUAGES)} languages")
    entries = [dict(entry) for entry in own[:count]]
    for code, name in MORE_LANGUAGES[:count - len(entries)]:
        entries.append({"locale": code, "name": name, "build": True, "extra": {"search_lang": code}})
    return entries


# Broken links planted in broken mode: kind -> Markdown target ({k}: a number, {other}: a page).
BROKEN_KINDS = {
    "missing-page": "nowhere-{k}.md",
    "missing-anchor": "{other}#no-anchor-{k}",
    "missing-self-anchor": "#no-self-anchor-{k}",
    "missing-image": "missing-image-{k}.png",
    "absolute-link": "/{other_url}",  # works at the server root, breaks under a sub-path
}


# --- the handbook -----------------------------------------------------------

@dataclass
class Handbook:
    docs: Path
    pages: list[str]  # logical pages (English src_uri), in nav order
    languages: tuple[str, ...]
    nav: list = field(default_factory=list)
    planted: list[tuple[str, str, str]] = field(default_factory=list)  # (src_uri, kind, target)

    def url(self, page: str, lang: str) -> str:
        """Built URL path of a page, relative to the site root: 's01/topic-02/', 'fi/'."""
        path = page[:-3]
        path = path[: -len("index")] if path == "index" or path.endswith("/index") else path + "/"
        return ("" if lang == self.languages[0] else f"{lang}/") + path

    def src(self, page: str, lang: str) -> str:
        return page if lang == self.languages[0] else f"{page[:-3]}.{lang}.md"


def layout(pages: int, part_size: int = 0) -> tuple[list[str], list]:
    """The logical pages and the nav for ``pages`` pages per language (at least 2).

    Sections of ten pages sit at the top level of the nav, or with ``part_size``,
    grouped into parts of that many sections.
    """
    pages = max(pages, 2)
    names, nav = ["index.md", "roles.md"], ["index.md", "roles.md"]
    rest, number = pages - 2, 0
    while rest > 0:
        number += 1
        count = min(SECTION_SIZE, rest)
        section = [f"s{number:02d}/index.md"] + [f"s{number:02d}/topic-{i:02d}.md" for i in range(1, count)]
        names += section
        entry = {f"Section {number}": section}
        if part_size and (number - 1) % part_size == 0:
            nav.append({f"Part {(number - 1) // part_size + 1}": []})
        (list(nav[-1].values())[0] if part_size else nav).append(entry)
        rest -= count
    return names, nav


def generate(docs: Path, pages: int, languages, roles: dict, assets: Path | None = None,
             broken: bool = False, seed: int = 0, part_size: int = 0) -> Handbook:
    """Write the handbook into ``docs`` (emptied first). ``roles``: lang -> {role id: label}."""
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    if assets is not None:
        shutil.copytree(assets, docs / "assets")
    names, nav = layout(pages, part_size)
    book = Handbook(docs, names, tuple(languages), nav)
    plant_on = set(names[2::max(1, len(names) // 3)][:3]) if broken else set()
    for index, page in enumerate(names):
        rng = random.Random(f"{seed}:{page}")
        links = _choose_links(rng, page, names)
        planted = _planted(book, page, index, names) if page in plant_on else []
        book.planted += [(book.src(page, lang), kind, target) for lang in book.languages for kind, target in planted]
        original = None
        for lang in book.languages:
            text = _page(book, page, index, lang, links, planted, roles[lang], random.Random(f"{seed}:{page}:{lang}"))
            if original is None:
                original = text
            else:
                text = text.replace("owner:", f"source_hash: \"{source_version(original)}\"\nowner:", 1)
            path = docs / book.src(page, lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return book


# --- helpers ----------------------------------------------------------------

# Links a page makes (the same in every language): a few pages, and anchors on others.
def _choose_links(rng: random.Random, page: str, names: list[str]) -> list[tuple[str, str]]:
    others = [n for n in names if n != page]
    chosen = rng.sample(others, min(6, len(others)))
    return [(_relative(page, target), f"part-{rng.randint(1, PARTS)}" if "topic-" in target else "")
            for target in chosen]


def _planted(book: Handbook, page: str, index: int, names: list[str]) -> list[tuple[str, str]]:
    other = next(n for n in names if n != page and "topic-" in n) if any("topic-" in n for n in names if n != page) else "roles.md"
    out = []
    for kind, pattern in BROKEN_KINDS.items():
        out.append((kind, pattern.format(k=index, other=_relative(page, other), other_url=book.url(other, "en"))))
    return out


def _relative(page: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def _sentence(rng: random.Random, lang: str) -> str:
    words = rng.choices(WORDS.get(lang, WORDS["en"]), k=rng.randint(8, 16))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, lang: str, sentences: int | None = None) -> str:
    return " ".join(_sentence(rng, lang) for _ in range(sentences or rng.randint(3, 5)))


def _title(page: str, index: int, lang: str) -> str:
    label = LABELS.get(lang, LABELS["en"])  # a language added later: English labels
    if page == "index.md":
        return label["home"]
    if page == "roles.md":
        return label["roles"]
    section = int(page[1:3])
    if page.endswith("/index.md"):
        return f"{label['section']} {section}"
    return f"{label['topic']} {section}.{int(page[-5:-3])}"


def _page(book: Handbook, page: str, index: int, lang: str, links, planted, roles, rng: random.Random) -> str:
    label, title = LABELS.get(lang, LABELS["en"]), _title(page, index, lang)
    owner = sorted(roles)[index % len(roles)]
    head = (f"---\ntitle: {title}\ndescription: {_sentence(rng, lang)}\nowner: {owner}\n---\n\n"
            f"# {title}\n\n{_paragraph(rng, lang)} {{{{ organisation }}}}.\n\n")
    if page == "roles.md":
        return head + "".join(
            f"## {roles[role]} {{#{role}}}\n\n{_paragraph(rng, lang)}\n\n"
            f"- {_sentence(rng, lang)}\n- {_sentence(rng, lang)}\n- {_sentence(rng, lang)}\n\n"
            for role in sorted(roles))
    roles_link = _relative(page, "roles.md")
    body = [head]
    for part in range(1, PARTS + 1):
        target, anchor = links[(part - 1) % len(links)] if links else ("#part-1", "")
        target2, anchor2 = links[(part + 1) % len(links)] if links else ("#part-1", "")
        body.append(f"## {label['part']} {part} {{#part-{part}}}\n\n{_paragraph(rng, lang)}\n\n")
        body.append(f"- {_sentence(rng, lang)[:-1]}: [{label['see']}]({target}{'#' + anchor if anchor else ''}).\n"
                    f"- {_sentence(rng, lang)} [{label['roles']}]({roles_link}#{owner}).\n"
                    f"- {_sentence(rng, lang)} [{label['part']} {PARTS + 1 - part}](#part-{PARTS + 1 - part})\n\n")
        if part == 1:
            body.append(f"!!! tip \"{label['tip']}\"\n    {_paragraph(rng, lang, 2)}\n\n")
        if part == 2:
            body.append(f"### {label['steps']} {{#part-2-steps}}\n\n" + "".join(
                f"{i}. {_sentence(rng, lang)}\n" for i in range(1, 6)) + "\n")
            body.append(f"| {' | '.join(label['table'])} |\n|---|---|---|\n" + "".join(
                f"| {_sentence(rng, lang)} | {roles[sorted(roles)[i % len(roles)]]} | {i + 1} |\n"
                for i in range(4)) + "\n")
        if part == 3:
            body.append(f"!!! warning \"{label['warning']}\"\n    {_paragraph(rng, lang, 2)} "
                        f"[{label['see']}]({target2}{'#' + anchor2 if anchor2 else ''})\n\n")
            body.append(f"??? note \"{label['note']}\"\n    {_paragraph(rng, lang)}\n\n")
        if part == 4:
            body.append(f"{_paragraph(rng, lang, 2)} [{label['see']}](https://example.org/guide/{index})\n\n")
    if planted:
        body.append(f"## {label['broken']} {{#broken}}\n\n" + "".join(
            (f"- ![{kind}]({target})\n" if kind == "missing-image" else f"- [{kind}]({target})\n")
            for kind, target in planted) + "\n")
    return "".join(body)
