"""Front matter rules: which keys a page may set, their types, and required keys."""
from __future__ import annotations

from handbook.core.findings import Finding
from handbook.core.suggest import did_you_mean

# key -> (expected type, human name of the type, required)
SCHEMA = {
    "title": (str, "text", True),
    "description": (str, "text", True),
    "owner": (str, "a role id", True),
    "source_hash": (str, "text", False),  # translations: version of the original they match
    "source_sections": (dict, "a mapping", False),  # translations: version of each of its parts
    "untranslated": (list, "a list of language codes", False),  # originals only
    "template": (str, "text", False),
    "card_from": (str, "a page path", False),
    "hide": (list, "a list", False),
    "search": (dict, "a mapping", False),
}


def check_front_matter(page, *, roles, languages) -> list[Finding]:
    """Findings for one page's front matter (handbook.pages.SourcePage)."""
    path, text, fm, lang = page.path, page.text, page.front_matter, page.lang
    lines = text.splitlines()

    def at(line: int, col: int, message: str) -> Finding:
        quote = lines[line - 1] if 0 < line <= len(lines) else ""
        return Finding(path, line, col, message, "front_matter", quote)

    if not text.strip():
        return [Finding(path, 1, 1, "the page is empty; write its front matter (title, description, owner) and "
                        "its text, or delete the file", "front_matter")]
    if fm.error:
        line, col, problem = fm.error
        return [at(line, col, f"invalid YAML in front matter: {problem}; fix the syntax (quote values that contain ':' or '#')")]
    data, key_lines = fm.data, fm.key_lines or {}
    found = []
    if not text.startswith("---"):
        return [Finding(path, 1, 1, "page has no front matter; start it with '---', then title, description and owner, then '---'", "front_matter", lines[0] if lines else "")]
    for key, value in data.items():
        line = key_lines.get(key, 1)
        if key not in SCHEMA:
            hint = did_you_mean(str(key), SCHEMA) or f"allowed keys: {', '.join(SCHEMA)}"
            found.append(at(line, 1, f"unknown front matter key '{key}'; {hint}"))
            continue
        kind, kind_name, _ = SCHEMA[key]
        if not isinstance(value, kind) or (kind is str and not value.strip()):
            found.append(at(line, 1, f"'{key}' must be {kind_name}, not {_describe(value)}"))
            continue
        if key == "owner" and value not in roles:
            hint = did_you_mean(value, roles) or f"use one of: {', '.join(sorted(roles))}"
            found.append(at(line, 1, f"owner '{value}' is not a role id; {hint}"))
        if key == "untranslated":
            if lang != languages.default:
                found.append(at(line, 1, "'untranslated' belongs in the original page's front matter, not in a translation; move it there"))
            for code in value:
                if code not in languages.others:
                    hint = did_you_mean(str(code), languages.others) or f"languages: {', '.join(languages.others)}"
                    found.append(at(line, 1, f"'untranslated' names unknown language '{code}'; {hint}"))
        if key in ("source_hash", "source_sections") and lang == languages.default:
            found.append(at(line, 1, f"'{key}' belongs in translations only; remove it from the original"))
    for key, (_, _, required) in SCHEMA.items():
        if required and key not in data:
            found.append(at(1, 1, f"front matter lacks '{key}'; add '{key}: ...' (every page has title, description and owner)"))
    return found


def _describe(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, str):
        return "empty text" if not value.strip() else f"the text '{value}'"
    return {list: "a list", dict: "a mapping", bool: "true/false"}.get(type(value), type(value).__name__)
