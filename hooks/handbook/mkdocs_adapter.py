"""The one adapter: what the hooks and tools need from MkDocs' and mkdocs-static-i18n's
objects, turned into the core's inputs (handbook.core knows nothing of MkDocs)."""
from __future__ import annotations

import gc
import os
import pickle
import weakref
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import BytecodeCache

from handbook.core.languages import Languages, language_extra


def docs_label(config) -> str:
    """The docs folder as a contributor sees it from the project root ("docs")."""
    return _docs_label(config.config_file_path or "mkdocs.yml", config.docs_dir, os.getcwd())


@lru_cache(maxsize=64)  # asked once per finding and per page
def _docs_label(config_file_path: str, docs_dir: str, cwd: str) -> str:
    root = os.path.dirname(os.path.abspath(config_file_path))
    return os.path.relpath(docs_dir, root).replace(os.sep, "/")


def published_address(config) -> str | None:
    """site_url as a build sets it (hooks/organisation.py): the organisation's intranet
    address, or the one HANDBOOK_SITE_URL names for a preview elsewhere."""
    from handbook.core.organisation import site_address

    organisation = config.extra.get("organisation") or {}
    return site_address(organisation.get("intranet_url", ""), os.environ.get("HANDBOOK_SITE_URL", "")) or config.site_url


def config_file(config) -> tuple[str, list[str]]:
    """mkdocs.yml as findings name it, and its lines (to point at a setting)."""
    with open(config.config_file_path, encoding="utf-8") as handle:
        return os.path.basename(config.config_file_path), handle.read().splitlines()


def display_path(config, src_uri: str) -> str:
    return f"{docs_label(config)}/{src_uri}"


@dataclass(frozen=True)
class DocsFile:
    """A file under docs/ as source_texts() reads MkDocs' files, outside a build."""
    src_uri: str
    abs_src_path: str


def source_texts(files) -> dict[str, str]:
    """src_uri -> text for every Markdown page, all languages: read once per build, by the
    check pass. A file that is not UTF-8 is read with its bad bytes replaced, and kept in
    undecodable() for the check that reports it and for the build, which reads it from there."""
    from handbook.core.source import decode

    texts, _current["undecodable"] = {}, {}
    for f in files:
        if f.src_uri.endswith(".md"):
            with open(f.abs_src_path, "rb") as handle:
                texts[f.src_uri], problem = decode(handle.read())
            if problem:
                _current["undecodable"][f.src_uri] = (f.abs_src_path, texts[f.src_uri], problem)
    return texts


def build_sources(config) -> dict[str, str]:
    """What a build is made from, to tell whether two builds had the same (name -> the
    file's path): the files MkDocs builds from (its own get_files(), with exclude_docs;
    what is not a regular file, such as an editor's dangling lock link, left out), and
    the configuration file with each one it INHERITs."""
    import logging
    import re

    from mkdocs.structure.files import get_files

    files_log = logging.getLogger("mkdocs.structure.files")
    files_log.disabled = True  # the build itself said what get_files() has to say
    try:
        files = get_files(config)
    finally:
        files_log.disabled = False
    found = {f"docs/{f.src_uri}": f.abs_src_path for f in files
             if not f.inclusion.is_excluded() and os.path.isfile(f.abs_src_path)}
    path, seen = config.config_file_path and os.path.abspath(config.config_file_path), []
    while path and path not in seen and os.path.isfile(path):
        seen.append(path)
        found[f"config/{len(seen)}"] = path
        with open(path, "rb") as handle:
            parent = re.search(rb"^INHERIT:[ \t]*(['\"]?)(.+?)\1[ \t]*(?:#.*)?$", handle.read(), re.M)
        path = os.path.abspath(os.path.join(os.path.dirname(path), parent[2].decode("utf-8", "replace"))) if parent else None
    return found


def undecodable() -> dict:
    """src_uri -> (absolute path, text with replacements, (line, col, byte)) of files that are not UTF-8."""
    return _current.get("undecodable") or {}


# --- mkdocs-static-i18n's languages ----------------------------------------------

def from_config(config) -> Languages:
    """Languages from the i18n plugin's configuration (one language without it)."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        lang = config.theme.get("language") or "en"
        return Languages(lang, (lang,))
    # Once per loaded configuration (i18n settles its languages when it is validated):
    # hooks ask on every page, and reading MkDocs' config objects is slow.
    if (known := _languages_of.get(plugin)) is not None:
        return known
    langs = [entry.locale for entry in plugin.config.languages if entry.build]
    default = next(e.locale for e in plugin.config.languages if e.default)
    known = _languages_of[plugin] = Languages(default, tuple([default] + [lang for lang in langs if lang != default]))
    return known


_languages_of: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # i18n plugin -> its Languages


def build_language(config) -> str:
    """The language the current (possibly nested) i18n build renders."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return from_config(config).default
    return plugin.current_language or from_config(config).default


def is_nested_build(config) -> bool:
    """True inside the per-language builds that mkdocs-static-i18n starts from the first,
    and in a process of one language at a time (see build_only()) after its first build
    of the same configuration, as the language builds of a sequential build follow one
    another in one process."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return False
    if only_language() is not None:
        return _only["builds"].get(plugin, 0) > 1
    return bool(getattr(plugin, "building", False))


def is_default_language_build(config) -> bool:
    """True in the default language's build: the outer one of a sequential build (to its
    end, when i18n's current language is the last one it built), or a build of it alone."""
    lang = only_language()
    return lang == from_config(config).default if lang else not is_nested_build(config)


def language_view(config, lang: str) -> dict:
    """``extra`` as ``lang``'s build sees it (handbook.core.languages.language_extra), in
    any language's build: the check pass reads the default language's, whichever
    language the process builds first."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return dict(config.extra)
    own = {entry.locale: dict(entry.extra or {}) for entry in plugin.config.languages if entry.build}
    keys = {key for extra in own.values() for key in extra}
    return language_extra(dict(config.extra), own.get(lang, {}), own[from_config(config).default], keys)


# --- one language at a time: handbook build's workers, handbook serve --lang ---------

_only: dict = {"language": None, "collect": False, "builds": weakref.WeakKeyDictionary()}  # i18n plugin -> builds


def build_only(lang: str | None, *, collect: bool = False) -> None:
    """Build only ``lang`` in this process from now on (None: every language, as
    mkdocs-static-i18n does): ``handbook build`` gives each worker process languages one
    at a time, ``handbook serve --lang`` previews one. With ``collect``, the build
    reports nothing: the worker collects its findings, pages and anchors, and the process
    that assembles every language's part checks the links and reports (collecting())."""
    _only["language"], _only["collect"] = lang, bool(lang and collect)


def only_language() -> str | None:
    return _only["language"]


def collecting() -> bool:
    return _only["collect"]


def start_only_language(config) -> None:
    """Before mkdocs-static-i18n's on_config: this build renders only_language() at the
    URLs it has in the whole site (/fi/...), as that language's build in a sequential one.

    mkdocs-static-i18n builds the language it finds set (it sets the default only when
    none is), and after a build it marks as one of its own (``building``) it starts no
    other. Its own ``build_only_locale`` is not enough: it builds the language at the
    site's root as the only one (no switcher, other alternates and sitemap), and the
    checks would see that one language only.
    """
    lang, plugin = only_language(), config.plugins.get("i18n")
    if lang is None or plugin is None:
        return
    languages = from_config(config)
    if lang not in languages.all:  # mkdocs.yml changed under `handbook serve --lang`: one line, no traceback
        from mkdocs.exceptions import Abort

        raise Abort(f"'{lang}' is not a language that {config_file(config)[0]} builds; "
                    f"name one of: {', '.join(languages.all)}")
    _only["builds"][plugin] = _only["builds"].get(plugin, 0) + 1
    plugin.current_language = lang
    plugin.building = True


# --- the check pass of the current build ------------------------------------

_current: dict = {"run": None}


def check_settings(config, files):
    """The core's settings (handbook.checks.Settings) from MkDocs' config and files."""
    from handbook.core.checks import Settings
    from handbook.core.placeholders import placeholder_values

    path, lines = config_file(config)
    languages = from_config(config)
    extra = language_view(config, languages.default)  # the same in every language's build
    return Settings(
        languages=languages, files=frozenset(f.src_uri for f in files),
        roles=frozenset((extra.get("roles") or {}).keys()),
        placeholders=placeholder_values(extra.get("organisation") or {}),
        nav=config.nav or [], colors=(extra.get("organisation") or {}).get("colors") or {},
        config_path=path, config_lines=tuple(lines), docs=docs_label(config),
        allowlist=html_allowlist(config, extra), snippet_folders=snippet_folders(config))


def markdown_renderer(config, pages, placeholders: dict):
    """src_uri -> the page's HTML as the build's Markdown makes it (the theme aside), for
    the pages no build renders: `handbook check`'s, and the languages a preview of one
    does not build."""
    import markdown

    from handbook.core.placeholders import fill_placeholders

    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)

    def render(src_uri: str) -> str:
        md.reset()
        try:
            return md.convert(fill_placeholders(pages[src_uri].front_matter.body, placeholders))
        except Exception:  # noqa: BLE001 - a snippet that cannot be included: the source check reported it
            return ""

    return render


def snippet_folders(config) -> tuple[str, ...]:
    """Where pymdownx.snippets includes from: its base_path, as it resolves it (from the
    working directory)."""
    import os

    settings = config.mdx_configs.get("pymdownx.snippets")
    if settings is None:
        return ()
    base = settings.get("base_path", ["."])
    return tuple(os.path.abspath(b) for b in ([base] if isinstance(base, str) else base))


def toc_slugify(config):
    """The slugify function headings get their ids from (the toc extension's)."""
    toc = config.mdx_configs.get("toc") or {}
    if toc.get("slugify"):
        return toc["slugify"]
    from markdown.extensions.toc import slugify

    return slugify


def html_allowlist(config, extra=None):
    """The allowlist for rendered pages, widened by ``extra.html_allowlist`` (of ``extra``,
    else the build's); ValueError ('what; how to fix it') for a setting that would let
    unsafe content through."""
    from handbook.core.allowlist import allowlist, check_allowlist_setting

    widen = (config.extra if extra is None else extra).get("html_allowlist")
    problems = check_allowlist_setting(widen)
    if problems:
        raise ValueError(problems[0])
    return allowlist(widen)


def start_run(config, files):
    """Parse every page once and run the source checks; later hooks read the result.

    The garbage collector pauses meanwhile, and what the pass made is frozen after it
    (Python's gc.freeze): hundreds of thousands of objects, kept to the end of the build
    and none of them garbage. Scanning them as they were made took a sixth of the pass's
    time, and every later full collection scanned them again. A `mkdocs serve` rebuild
    first hands the previous build's objects back to the collector, and collects."""
    from handbook.core.checks import check_sources
    from handbook.core.pages import read_pages

    settings = check_settings(config, files)
    collecting = gc.isenabled()
    if _current.get("froze"):  # a rebuild: what the last build froze and left behind goes now
        gc.unfreeze()
        gc.collect()
    gc.disable()
    try:
        pages = read_pages(source_texts(files), settings.languages, settings.docs)
        _current["run"] = check_sources(pages, settings, {uri: problem for uri, (_, _, problem) in undecodable().items()})
        for page in pages.values():
            page.release()
    finally:
        gc.freeze()
        _current["froze"] = True
        if collecting:
            gc.enable()
    return _current["run"]


def current_run():
    """The check pass of the build under way (handbook.checks.CheckRun), or None."""
    return _current["run"]


# --- compiled templates ------------------------------------------------------

class CompiledTemplates(BytecodeCache):
    """A Jinja bytecode cache in memory, for every build of this process, and in a folder
    on disk (``folder``), for the processes after it.

    MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n runs
    one build per language, so every template was compiled again for each language
    (and on every `mkdocs serve` rebuild). Jinja's own bytecode cache hands the
    compiled code to the next build; a template whose source changed is compiled
    again, as the cache compares checksums. Kept here, in an imported module, because
    MkDocs loads the hook files anew with the configuration on every rebuild.

    On disk, Jinja's FileSystemBytecodeCache keeps the code for the next process:
    compiling Material's templates costs a worker of `handbook build` as much as the
    check pass, and every worker, `mkdocs serve` and `mkdocs build` paid it again. A
    file it cannot read is compiled again; a folder it cannot write leaves the cache in
    memory only.
    """
    compiled: dict[str, tuple[str, object]] = {}  # cache key (template name and file) -> (checksum, code)

    def __init__(self, folder: str | None = None):
        self.disk = _bytecode_folder(folder) if folder else None

    def load_bytecode(self, bucket):
        cached = self.compiled.get(bucket.key)
        if cached and cached[0] == bucket.checksum:
            bucket.code = cached[1]
            return
        if self.disk is None:
            return
        try:  # Jinja compares the file's Python and bytecode versions and the source's checksum
            self.disk.load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):  # damaged or unreadable: compiled again
            bucket.reset()
        if bucket.code is not None:
            self.compiled[bucket.key] = (bucket.checksum, bucket.code)

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = (bucket.checksum, bucket.code)
        if self.disk is not None:
            try:
                self.disk.dump_bytecode(bucket)  # written whole, then renamed: a process beside it reads all or nothing
            except OSError:  # a folder it may not write: in memory only
                self.disk = None


def template_cache_folder(config, env) -> str:
    """Where compiled templates are kept between processes: .cache/ next to mkdocs.yml,
    where Material's plugins keep theirs. The folder's name holds what the compiled code
    depends on besides the template: Jinja's version (its compiler's output may change
    while its bytecode format stays) and the environment's extensions and syntax."""
    import hashlib

    import jinja2

    settings = (jinja2.__version__, sorted(env.extensions), repr(env.autoescape), env.block_start_string,
                env.variable_start_string, env.comment_start_string, env.line_statement_prefix)
    digest = hashlib.sha256(repr(settings).encode()).hexdigest()[:16]
    root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    return os.path.join(root, ".cache", "handbook", f"templates-{digest}")


@lru_cache(maxsize=8)
def _bytecode_folder(folder: str):
    from jinja2 import FileSystemBytecodeCache

    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:  # a folder it may not make: in memory only
        return None
    return FileSystemBytecodeCache(folder, "%s.cache")


# --- the report -------------------------------------------------------------

def report_findings(report, fail: bool = False) -> None:
    """Log every finding of ``report`` (handbook.core.findings.Report) once, then empty
    it; with ``fail``, errors end the build (MkDocs' plugin guide: raise, since it counts
    log.error as a warning and only a strict build stops for those)."""
    from mkdocs.exceptions import PluginError
    from mkdocs.plugins import get_plugin_logger

    from handbook.core.findings import ERROR, INFO, WARNING

    log = get_plugin_logger("handbook")
    for finding in report.of(INFO):
        log.info(finding.format())
    warnings, errors = report.of(WARNING), report.of(ERROR)
    for finding in warnings:
        log.warning(finding.format())
    for finding in errors:
        log.error(finding.format())
    report.reset()
    summary = (f"{len(errors)} error(s) and {len(warnings)} warning(s) in the handbook's sources; "
               "fix them at the places shown above, then build again")
    if errors and fail:
        raise PluginError(summary)
    if errors or warnings:
        log.info(summary)
