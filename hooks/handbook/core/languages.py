"""The suffix layout: ``page.md`` (default language), ``page.fi.md``, ``page.he.md``."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath


@dataclass(frozen=True)
class Languages:
    default: str
    all: tuple[str, ...]  # default first

    @property
    def others(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.all if lang != self.default)

    def split(self, src_uri: str) -> tuple[str, str]:
        """('charters/index.fi.md') -> ('charters/index.md', 'fi')."""
        return _split(src_uri, self.all, self.default)

    def path_for(self, logical: str, lang: str) -> str:
        """('charters/index.md', 'fi') -> 'charters/index.fi.md'."""
        if lang == self.default:
            return logical
        return _path_for(logical, lang)

    def url_prefix(self, lang: str) -> str:
        return "" if lang == self.default else f"{lang}/"


@lru_cache(maxsize=8192)  # hooks split every file name many times per build
def _split(src_uri: str, languages: tuple[str, ...], default: str) -> tuple[str, str]:
    path = PurePosixPath(src_uri)
    stem = PurePosixPath(path.stem)
    if stem.suffix and stem.suffix[1:] in languages:
        return str(path.with_name(stem.stem + path.suffix)), stem.suffix[1:]
    return src_uri, default


@lru_cache(maxsize=8192)  # the link check asks for every link
def _path_for(logical: str, lang: str) -> str:
    path = PurePosixPath(logical)
    return str(path.with_name(f"{path.stem}.{lang}{path.suffix}"))


def language_extra(extra: dict, own: dict, default_own: dict, per_language: set[str]) -> dict:
    """``extra`` for one language's build: what that language sets in its own ``extra``,
    and for a key that only other languages set, the default language's value or nothing.

    mkdocs-static-i18n updates one shared ``extra`` language after language, so a key
    that Hebrew sets (search_prefixes) stays set for every language built after it.
    """
    result = {key: value for key, value in extra.items() if key not in per_language}
    for key in per_language:
        if key in own:
            result[key] = own[key]
        elif key in default_own:
            result[key] = default_own[key]
    return result
