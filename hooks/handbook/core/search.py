"""One search index per language."""
from __future__ import annotations

import re

# The search settings a language may set in its `extra` in mkdocs.yml. The first three
# go into the index's config, which Material's search worker builds the index with.
SETTINGS = (
    "search_lang",       # lunr language: lunr.<lang>.min.js, bundled with Material
    "search_separator",  # regular expression that splits words, in pages and in queries
    "search_pipeline",   # lunr functions kept: trimmer, stopWordFilter, stemmer
    "search_prefixes",   # letters the language attaches to the front of words (Hebrew ו ה ב ל)
)
UNPREFIXED = "_unprefixed"  # suffix of the fields that hold words without their attached prefixes
MAX_PREFIX = 3              # letters stripped at most: ו+ה+ב... as in וכשה, ומה
QUERY_MIN_LENGTH = 3        # letters a query word keeps: Material's trailing wildcard makes a 2-letter stem match too much
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W\d_]+")


def index_settings(extra) -> dict:
    """The search settings a language's ``extra`` sets, as keyword arguments of language_index()."""
    extra = extra or {}
    return {key: extra[key] for key in SETTINGS if extra.get(key) not in (None, "")}


def language_index(data: dict, prefix: str, search_lang: str = "", *, search_separator: str | None = None,
                   search_pipeline: list[str] | None = None, search_prefixes: list[str] | None = None) -> dict:
    """The entries under ``prefix`` ('fi/'), made relative to it, searched as ``search_lang``.

    Each language's pages load the index beside their own root (see the ``config``
    block in overrides/main.html), so locations are relative to that root. A separator
    or pipeline, when given, replaces the one the search plugin set for the first language.
    With ``search_prefixes``, the title and text of each entry are also indexed without
    the letters attached to the front of their words (see unprefixed_words()).
    """
    docs = [dict(doc, location=doc["location"][len(prefix):])
            for doc in data.get("docs", []) if doc["location"].startswith(prefix)]
    config = dict(data.get("config", {}))
    if search_lang:
        config["lang"] = [search_lang]
    if search_separator:
        config["separator"] = search_separator
    if search_pipeline is not None:
        config["pipeline"] = list(search_pipeline)
    if search_prefixes:
        fields = dict(config.get("fields") or {"title": {"boost": 1000.0}, "text": {"boost": 1.0}})
        for field in ("title", "text"):
            fields[field + UNPREFIXED] = dict(fields.get(field) or {})
        config["fields"] = fields
        docs = [_with_unprefixed(doc, search_prefixes) for doc in docs]
    return {**data, "config": config, "docs": docs}


def unprefixed_words(text: str, prefixes, min_length: int = 2) -> list[str]:
    """The words of ``text`` (HTML) without their attached prefixes, each once.

    'ולהנהלה' with prefixes ו ה ב ל -> 'להנהלה', 'הנהלה', 'נהלה': a reader's 'הנהלה'
    finds the page. Words only lose letters that are prefixes, at most MAX_PREFIX of
    them, keeping ``min_length`` letters. Query words are matched as typed (Material
    adds a wildcard and lunr skips its pipeline for those), so the page's own forms stay
    indexed too: this field adds the bare forms, it replaces nothing.
    """
    letters = frozenset(prefixes)
    known = _forms.setdefault((letters, min_length), {})  # a handbook's index repeats its words in every section
    seen: dict[str, None] = {}
    for word in dict.fromkeys(_WORD.findall(_TAG.sub(" ", text))):  # each word once: text repeats them
        if word[0] not in letters:
            continue
        forms = known.get(word)
        if forms is None:
            forms = known[word] = _bare_forms(word, letters, min_length)
        for form in forms:
            seen[form] = None
    return list(seen)


_forms: dict[tuple, dict[str, tuple[str, ...]]] = {}  # (letters, min_length) -> word -> its bare forms


def _bare_forms(word: str, letters: frozenset, min_length: int) -> tuple[str, ...]:
    forms = []
    for cut in range(1, MAX_PREFIX + 1):
        if word[cut - 1] not in letters or len(word) - cut < min_length:
            break
        forms.append(word[cut:].lower())
    return tuple(forms)


# An index entry with its title and text also without attached prefixes.
def _with_unprefixed(doc: dict, prefixes) -> dict:
    doc = dict(doc)
    for field in ("title", "text"):
        words = unprefixed_words(doc.get(field) or "", prefixes)
        if words:
            doc[field + UNPREFIXED] = " ".join(words)
    return doc


def query_prefixes(extra) -> dict | None:
    """How the search box strips attached prefixes from query words, for a language
    with ``search_prefixes``: by the index's rules, keeping QUERY_MIN_LENGTH letters.

    The page carries it (overrides/main.html) for docs/assets/search-prefixes.js.
    """
    prefixes = index_settings(extra).get("search_prefixes")
    if not prefixes:
        return None
    return {"letters": " ".join(prefixes), "max": MAX_PREFIX, "min": QUERY_MIN_LENGTH}


def index_script(index: bytes) -> bytes:
    """The index as a script, which Material loads instead of the JSON when opened from file://."""
    return b"var __index = " + index
