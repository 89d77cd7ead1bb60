"""`handbook build`: the languages built side by side, one site and one report.

mkdocs-static-i18n builds every language as a whole MkDocs build, one after another,
from the default language's on_post_build: on two cores one idles. Here a pool of
worker processes (concurrent.futures) builds the languages, one at a time each, into a
folder of its own: a part (handbook.core.parts). Each worker builds its first language
as the outer build of a sequential build (the check pass over every language's sources)
and its next ones as i18n's nested builds (the same configuration object, the check pass
reused), so a worker costs one start-up, as the sequential build does. Then, in this
process: the link check across languages, over every part's anchors; one report of
every part's findings; and one site, each file from the part that a sequential build
would have left it from (handbook.core.parts.site_files). The site is the one
`mkdocs build --strict` makes (tests/builds/test_parallel_build.py compares them file by
file).

A CI matrix runs the same steps apart: `--share K/N --part-dir parts` (or `--lang fi`)
in each of its N jobs, `--from-parts parts` in the last (deploy/README.md). A part's
part.json is written last, whole, with every file its build left: the assembly takes
no part that is not whole, of another language or of other sources. Ctrl-C or SIGTERM
stops every worker, and no language starts after it.
"""
from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from handbook.core.parts import (Part, link_data, missing_files, part_links, share, site_files, sources_digest,
                                 whole_folders)
from handbook.mkdocs_adapter import from_config

PART_FILE = "part.json"
PART_SITE = "site"
# Lines each language's build logs that say nothing about the handbook in a part (the
# part's own folder, its own time): mkdocs-static-i18n holds the same back in its
# nested builds. The assembled site's own are logged instead.
_QUIET_PREFIXES = ("Cleaning site directory", "Building documentation to directory", "Documentation built in")


def default_jobs() -> int:
    """The cores this process may use (handbook.tools.cores)."""
    from handbook.tools.cores import available_cores

    return available_cores()


@dataclass
class Options:
    config_file: str
    site_dir: str | None = None  # default: the config's site_dir
    jobs: int = 0  # 0: default_jobs()
    languages: tuple[str, ...] = ()  # only these (with part_dir); default: every language
    share: tuple[int, int] | None = None  # (K, N): only the K-th of N shares of the languages (with part_dir)
    part_dir: str | None = None  # leave the parts there, do not assemble
    from_parts: tuple[str, ...] = ()  # assemble from the parts under these folders
    level: int = logging.INFO


# --- the command --------------------------------------------------------------

def run(options: Options) -> int:
    """`handbook build`'s exit status: 0, or 1 after the reasons are shown."""
    from mkdocs.__main__ import State

    state = State(level=options.level)  # MkDocs' own log format, as `mkdocs build` shows it
    state.stream.setFormatter(log_formatter())
    previous = _exit_on_terminate()
    try:
        return _run(options)
    finally:
        state.logger.removeHandler(state.stream)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _exit_on_terminate():
    """SIGTERM (a cancelled CI job, `timeout`) ends this process as Ctrl-C does: the
    workers are stopped and the temporary parts removed on the way out. The handler it
    replaces, or None where signals cannot be handled (not the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))


def _run(options: Options) -> int:
    config = _load(options.config_file, options.site_dir)  # MkDocs refuses a site_dir inside docs_dir
    if config is None:
        return 1
    if options.part_dir and _inside(options.part_dir, config.docs_dir):
        _say(f"handbook build: --part-dir {options.part_dir} is inside the docs folder; name a folder outside it")
        return 1
    languages = from_config(config)
    unknown = [lang for lang in options.languages if lang not in languages.all]
    if unknown:
        _say(f"handbook build: --lang {', '.join(unknown)}: not a language of {options.config_file}; "
             f"name one of: {', '.join(languages.all)}")
        return 1
    for folder in options.from_parts:
        if _inside(folder, config.site_dir) or _inside(config.site_dir, folder):
            _say(f"handbook build: --from-parts {folder} and the site folder {config.site_dir} overlap: the site "
                 "folder is emptied before the parts are put in it; keep the parts in a folder of their own")
            return 1
    for folder, what in ((options.part_dir, "--part-dir"), (None if options.part_dir else config.site_dir, "-d")):
        problem = _unusable(folder)
        if problem:
            _say(f"handbook build: {what} {folder}: {problem}; name a folder that can be made and written")
            return 1
    start = time.monotonic()
    if options.from_parts:
        found = _read_parts(options.from_parts, languages, os.path.basename(config.config_file_path))
        if found is None:
            return 1
        return _assemble(config, found, start, move=False, clean=True)
    wanted = [lang for lang in languages.all if lang in options.languages] if options.languages else list(languages.all)
    if options.share:
        wanted = list(share(languages.all, *options.share))
    if options.part_dir is None and (options.languages or options.share):
        option = "--lang" if options.languages else "--share"
        _say(f"handbook build: {option} builds a part of the site: name the folder for it with --part-dir "
             "(then assemble the parts with --from-parts)")
        return 1
    if not wanted:
        index, total = options.share
        _log().info(f"share {index}/{total}: no language to build ({len(languages.all)} languages, {total} shares); "
                    "this job leaves no part")
        return 0
    keep = options.part_dir is not None
    root = os.path.abspath(options.part_dir) if keep else tempfile.mkdtemp(prefix="handbook-parts-")
    try:
        site = None if keep else (lambda: _clean_site(config))  # while the workers build
        built = build_parts(options.config_file, wanted, root, options.jobs or default_jobs(), options.level, config,
                            site)
        if keep:
            if any(part.error for part, _ in built.values()):
                return 1
            _log().info(f"parts of {', '.join(built)} in {root}; assemble the site from every language's "
                        f"part with: handbook build --from-parts {options.part_dir}")
            return 0
        return _assemble(config, built, start, move=True)
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def build_parts(config_file: str, languages: list[str], root: str, jobs: int, level: int, config=None,
                meanwhile=None) -> dict:
    """lang -> (Part, its site folder): each language built into root/<lang>/, ``jobs`` at a
    time. Each part's log is shown when it and the ones before it are done. ``config``:
    ``config_file`` loaded already (strict), which forked workers start from;
    ``meanwhile``: called once the workers have their languages."""
    import multiprocessing

    config_file = os.path.abspath(config_file)
    if config is not None and multiprocessing.get_start_method() == "fork":
        # Each worker starts as a copy of this process: with the modules imported and the
        # configuration loaded, once, here (it is never built with in this process). Frozen
        # (Python's advice for a fork), no worker's collections scan or copy these objects.
        config.plugins.on_startup(command="build", dirty=False)
        _worker[config_file] = config
        gc.freeze()
    for lang in languages:  # a part left by an earlier build is gone before this one writes its files
        Path(root, lang, PART_FILE).unlink(missing_ok=True)
    built = {}
    pool = ProcessPoolExecutor(max_workers=max(1, min(jobs, len(languages))), initializer=_leave_signals_to_parent)
    try:
        futures = {lang: pool.submit(build_part, config_file, lang, os.path.join(root, lang, PART_SITE), level)
                   for lang in languages}
        if meanwhile is not None:
            meanwhile()
        for lang, future in futures.items():
            try:
                part = future.result()
            except BrokenProcessPool:  # the pool stops every build it had not finished
                part = Part(lang, "", error="a worker process ended before its build did (stopped by a signal, "
                                            "or out of memory)")
                _log().error(f"'{lang}' was not built: {part.error}")
            except Exception:  # noqa: BLE001 - build_part raises nothing of its own: a fault of this tool's
                part = Part(lang, "", error=traceback.format_exc())
                _log().error(f"'{lang}' was not built: {part.error}")
            else:
                for line in part.log:
                    print(line, file=sys.stderr)
                _log().debug(f"'{lang}' built in {part.seconds:.2f} s ({part.cpu:.2f} s CPU) by process {part.process}")
                if part.error:
                    _log().error(f"the build of '{lang}' stopped: {part.error}")
            site = os.path.join(root, lang, PART_SITE)
            part.written = sorted(_tree(site))
            _write_part(os.path.join(root, lang), part)
            built[lang] = (part, site)
    except BaseException:  # Ctrl-C, SIGTERM: no worker goes on to the next language
        _stop(pool)
        raise
    pool.shutdown()
    return built


def _leave_signals_to_parent() -> None:
    """In a worker: Ctrl-C reaches the whole process group, and the command stops the
    workers itself (_stop); SIGTERM ends a worker at once, as it did before the fork."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop(pool: ProcessPoolExecutor) -> None:
    """No language starts after this, and the builds under way end."""
    # The pool's own processes, not every child of this process: the executor has no
    # public way to end its workers (Python 3.14 adds terminate_workers()).
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join()


def _write_part(folder: str, part: Part) -> None:
    """part.json, whole or not at all: it is what says a part is complete."""
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, PART_FILE)
    with open(path + ".tmp", "w", encoding="utf-8") as handle:
        json.dump(part.to_json(), handle, ensure_ascii=False)
    os.replace(path + ".tmp", path)


# --- a worker: one language's build -------------------------------------------

_worker: dict = {}  # config file -> the configuration this worker process builds with
_sources: dict = {}  # config file -> the digest of what this worker's builds were made from


def build_part(config_file: str, lang: str, site_dir: str, level: int) -> Part:
    """Build ``lang`` into ``site_dir`` (in a worker process); never raises: a build that
    stops is a Part with its error."""
    from mkdocs.commands.build import build

    from handbook.core.findings import REPORT
    from handbook.mkdocs_adapter import build_only, build_sources, current_run

    lines: list[str] = []
    error = config = None
    start, cpu = time.perf_counter(), time.process_time()
    with _captured(lines, level):
        try:
            os.makedirs(site_dir, exist_ok=True)
            config = _worker.get(config_file)
            if config is None:  # this worker's first language: the outer build of a sequential one
                config = _worker[config_file] = _load_config(config_file)
            config.site_dir = site_dir
            build_only(lang, collect=True)
            build(config)
            if config_file not in _sources:  # the same for every language this worker builds
                _sources[config_file] = sources_digest(build_sources(config))
        except SystemExit as stop:  # MkDocs' Abort: its message is the reason
            error = str(stop) or f"exit status {stop.code}"
        except Exception as problem:  # noqa: BLE001 - shown with the part, never lost in a worker
            error = str(problem) if _is_mkdocs_error(problem) else traceback.format_exc()
        finally:
            build_only(None)
    if error:
        _worker.pop(config_file, None)  # the next language starts afresh, with its own check pass
    run = current_run()
    found = sorted(REPORT.findings)
    REPORT.reset()  # the next language this worker builds adds its own
    return Part(
        language=lang, sources=_sources.get(config_file, "") if run else "",
        site_url=getattr(config, "site_url", None), findings=found, **(link_data(run, lang) if run else {}),
        error=error, log=lines, process=os.getpid(), max_rss_kb=_max_rss_kb(),
        seconds=time.perf_counter() - start, cpu=time.process_time() - cpu)


def _load_config(config_file: str):
    from mkdocs.config import load_config

    config = load_config(config_file, strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    # Never shut down: no plugin of the handbook's needs on_shutdown; the worker ends with the pool.
    return config


def _is_mkdocs_error(problem: Exception) -> bool:
    from mkdocs.exceptions import MkDocsException

    return isinstance(problem, MkDocsException)


def _max_rss_kb() -> int:
    try:
        import resource
    except ImportError:  # not on a Unix
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes there, kB on Linux


def log_formatter() -> logging.Formatter:
    """MkDocs' log format: in colour on a terminal, plain otherwise (its --color option's
    default)."""
    from mkdocs.__main__ import ColorFormatter

    plain = not sys.stdout.isatty() or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb"
    return logging.Formatter("%(levelname)-8s-  %(message)s") if plain else ColorFormatter()


class _Lines(logging.Handler):
    def __init__(self, lines: list[str]):
        super().__init__()
        self.lines = lines
        self.setFormatter(log_formatter())
        self.addFilter(lambda record: not record.getMessage().startswith(_QUIET_PREFIXES))

    def emit(self, record):
        self.lines.append(self.format(record))


class _captured:
    """MkDocs' log of one build, as `mkdocs build` would print it, into ``lines``; the
    level and the quiet MkDocs loggers as `handbook build` sets them (tools/cli.py)."""

    def __init__(self, lines: list[str], level: int):
        self.handler, self.level = _Lines(lines), level

    def __enter__(self):
        from handbook.tools.cli import quiet_mkdocs_links

        quiet_mkdocs_links()
        logger = logging.getLogger("mkdocs")
        self.saved = logger.handlers[:], logger.level, logger.propagate
        logger.handlers, logger.propagate = [self.handler], False
        logger.setLevel(self.level)

    def __exit__(self, *exc):
        logger = logging.getLogger("mkdocs")
        logger.handlers, level, logger.propagate = self.saved
        logger.setLevel(level)


# --- assembling ---------------------------------------------------------------

def _read_parts(folders, languages, config_name: str) -> dict | None:
    """lang -> (Part, site folder) for the part.json files under ``folders``; None after
    saying what is wrong."""
    found, problems = {}, []
    for folder in folders:
        paths = []
        for d, below, names in os.walk(folder):
            if PART_FILE in names:
                paths.append(os.path.join(d, PART_FILE))
                below[:] = []  # a part's own site may hold a file of that name (docs/part.json)
        paths.sort()
        if not paths:
            problems.append(f"{folder}: no {PART_FILE} under it; build the parts there with "
                            f"'handbook build --lang LANG --part-dir {folder}'")
        for path in paths:
            try:
                with open(path, encoding="utf-8") as handle:
                    part = Part.from_json(json.load(handle))
            except (OSError, ValueError) as problem:
                problems.append(f"{path}: {problem}")
                continue
            if part.language in found:
                problems.append(f"{path}: a second part of '{part.language}' (the first: "
                                f"{os.path.dirname(found[part.language][1])}); keep one")
                continue
            if part.language not in languages.all:
                problems.append(f"{path}: a part of '{part.language}', which {config_name} does not build; "
                                "remove it")
                continue
            site = os.path.join(os.path.dirname(path), PART_SITE)
            differ = [] if part.error else missing_files(part, _tree(site))
            if differ:
                problems.append(f"{path}: its site folder does not hold what its build left there ({len(differ)} "
                                f"file(s) missing or added, such as {differ[0]}); build the part again")
                continue
            found[part.language] = (part, site)
    missing = [lang for lang in languages.all if lang not in found] if not problems else []
    if missing:
        problems.append(f"{', '.join(folders)}: no part of {', '.join(missing)}; build it with "
                        f"'handbook build --lang {missing[0]} --part-dir {folders[0]}'")
    for problem in problems:
        _log().error(problem)
    return None if problems else {lang: found[lang] for lang in languages.all if lang in found}


def _assemble(config, built: dict, start: float, *, move: bool, clean: bool = False) -> int:
    """Check the links across the parts, report every finding once, and put the site
    together; the exit status of `mkdocs build --strict` for the same sources."""
    from mkdocs.exceptions import PluginError
    from mkdocs.utils import CountHandler

    from handbook.core.findings import Report, check_levels
    from handbook.mkdocs_adapter import build_sources, docs_label, published_address, report_findings

    languages = from_config(config)
    parts = [part for part, _ in built.values()]
    failed = any(part.error for part in parts)  # each was shown with its part's log when it was built
    for part in parts if clean else ():  # parts built elsewhere (a CI job): what stopped them
        if part.error:
            _log().error(f"the part of '{part.language}' is not complete: its build stopped: {part.error}")
    digest = sources_digest(build_sources(config))
    stale = [part.language for part in parts if part.sources != digest and not part.error]
    if stale:
        _log().error(f"the parts of {', '.join(stale)} were built from other sources than {docs_label(config)}/ "
                     f"and {os.path.basename(config.config_file_path)} hold now; build every part from the same sources")
        return 1
    address = published_address(config)
    elsewhere = [part.language for part in parts if part.site_url != address and not part.error]
    if elsewhere:
        _log().error(f"the parts of {', '.join(elsewhere)} were built for "
                     f"{next(p.site_url for p in parts if p.language == elsewhere[0])}, this site for {address}; "
                     "build the parts and the site with the same HANDBOOK_SITE_URL")
        return 1
    try:
        report = Report(levels=check_levels(config.extra.get("checks")))
    except ValueError as problem:  # each part's build said so already
        _log().error(str(problem))
        return 1
    for part in parts:
        report.extend(part.findings)
    report.extend(part_links(languages, [part for part in parts if not part.error], docs_label(config)))
    if failed:  # what was found is still shown, as a sequential build does when one language's build stops
        report_findings(report)
        return 1

    site_dir = config.site_dir  # -d, or mkdocs.yml's, as MkDocs resolved it
    if clean:
        _clean_site(config)
    trees = {lang: set(part.written) for lang, (part, _) in built.items()}
    owner = site_files(trees, languages)
    folders = whole_folders(owner)
    for top, lang in folders.items():
        (shutil.move if move else shutil.copytree)(os.path.join(built[lang][1], top), os.path.join(site_dir, top))
    for path, lang in owner.items():
        if path.split("/", 1)[0] not in folders or "/" not in path:
            dest = os.path.join(site_dir, path)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            (shutil.move if move else shutil.copy2)(os.path.join(built[lang][1], path), dest)

    # Reported as the outer build of `mkdocs build --strict` reports (hooks/report.py): an
    # error ends it, and in strict mode so does a warning.
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        report_findings(report, fail=True)
    except PluginError as problem:  # as mkdocs build shows it
        logging.getLogger("mkdocs.commands.build").error(str(problem))
        print("\nAborted with a BuildError!")
        return 1
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
    if counts := counter.get_counts():
        print(f"\nAborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
        return 1
    processes = len({part.process for part in parts})
    built_by = f"from {len(parts)} parts" if clean else f"in {processes} process{'es' if processes > 1 else ''}"
    logging.getLogger("mkdocs.commands.build").info(
        f"Documentation built in {time.monotonic() - start:.2f} seconds: {len(parts)} languages {built_by}, "
        f"into {site_dir}")
    return 0


def _clean_site(config) -> None:
    """Empty the site folder (-d, or mkdocs.yml's site_dir), saying so as `mkdocs build` does."""
    from mkdocs.utils import clean_directory

    log = logging.getLogger("mkdocs.commands.build")
    log.info("Cleaning site directory")
    os.makedirs(config.site_dir, exist_ok=True)
    clean_directory(config.site_dir)
    log.info(f"Building documentation to directory: {config.site_dir}")


def _tree(folder: str) -> set[str]:
    return {os.path.relpath(os.path.join(d, name), folder).replace(os.sep, "/")
            for d, _, names in os.walk(folder) for name in names}


def _load(config_file: str, site_dir: str | None):
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    if not os.path.isfile(config_file):
        _say(f"handbook: {config_file} not found; run handbook in the project's folder or name it with -f")
        return None
    try:
        return load_config(config_file, site_dir=site_dir, strict=True)
    except (ConfigurationError, Abort) as problem:  # MkDocs logged each setting's problem already
        _say(f"handbook: {config_file}: {problem}")
        return None


def _inside(path: str, folder: str) -> bool:
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # on two drives (Windows)
        return False


def _unusable(folder: str | None) -> str | None:
    """Why the build could not make or write ``folder``, or None; it makes nothing (a
    build refused later leaves no folder behind)."""
    if folder is None:
        return None
    there = os.path.abspath(folder)
    while not os.path.exists(there) and os.path.dirname(there) != there:
        there = os.path.dirname(there)
    if not os.path.isdir(there):
        return "it is a file, not a folder" if there == os.path.abspath(folder) else f"{there} is a file, not a folder"
    if not os.access(there, os.W_OK | os.X_OK):
        return f"{there} cannot be written"
    return None


def _log():
    from mkdocs.plugins import get_plugin_logger

    return get_plugin_logger("handbook")


def _say(text: str) -> None:
    print(text, file=sys.stderr)
