"""The ``handbook`` command: build and preview, translation status and records, the card PDFs.

    handbook serve [mkdocs options]    preview at http://127.0.0.1:8000/ (mkdocs serve)
    handbook serve --lang fi          preview one language, at /fi/ (the checks read every language)
    handbook build                    build the site into site/: the languages side by side, as
                                      many at once as there are cores (-j N), the site and the
                                      findings those of mkdocs build --strict
    handbook build --lang fi --part-dir parts   build one language's part
    handbook build --share 1/2 --part-dir parts  build the first of two shares of the languages (a CI matrix job)
    handbook build --from-parts parts  assemble, check and report the site from every part
    handbook build --sequential [mkdocs options]   one mkdocs build --strict, language after language
    handbook translations status      list missing and outdated translations
    handbook translations record F..  record that translations F match their originals now
    handbook translations record --lang sv   the same for every page of a language
    handbook card-pdf [--site site]   print each language's card to a PDF inside the site
    handbook csp [--site site]        print the CSP script-src (inline script hashes) the site needs

Exit codes of ``translations status``: 0 all up to date, 1 some outdated or
unrecorded, 2 some missing (intentionally untranslated pages do not count).
"""
from __future__ import annotations

import argparse
import os
import re
import sys

from handbook.core.languages import Languages
from handbook.core.pages import SourcePage, read_pages
from handbook.mkdocs_adapter import from_config
from handbook.core.translations import (MISSING, OUTDATED, UNRECORDED, UP_TO_DATE, record_version, section_versions,
                                        translation_states)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["build"]:
        return _build(argv[1:])
    if argv[:1] == ["serve"]:
        return _serve(argv[1:])
    parser = argparse.ArgumentParser(prog="handbook", description=__doc__.splitlines()[0],
                                     epilog="serve takes mkdocs serve's options, build --sequential mkdocs build's "
                                            "(handbook build --help)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="build the site into site/, the languages side by side (handbook build --help)")
    sub.add_parser("serve", help="preview the handbook at http://127.0.0.1:8000/ (mkdocs serve; --lang fi: one "
                                 "language)")
    translations = sub.add_parser("translations", help="which translations are missing or outdated; record them")
    translations = translations.add_subparsers(dest="action", required=True)
    status = translations.add_parser("status", help="list missing, unrecorded and outdated translations")
    status.add_argument("--json", action="store_true",
                        help="one JSON object per line for each translation and section (section '' is the "
                             "title and description)")
    record = translations.add_parser(
        "record", help="record that translations match their originals as they are now",
        description="Record in each translation's front matter (source_hash) the version of the "
                    "original it now matches. Run it after bringing the translation up to date.")
    record.add_argument("files", nargs="*", help="translated pages, e.g. docs/safety.fi.md")
    record.add_argument("--lang", action="append", default=[],
                        help="every translated page of this language (repeatable), e.g. --lang sv")
    diff = translations.add_parser(
        "diff", help="what changed in the original since each translation was made",
        description="For each outdated part of each translation, the difference between the original's text "
                    "it was translated from (found in git history) and the text now.")
    diff.add_argument("files", nargs="+", help="translated pages, e.g. docs/safety.fi.md")
    pdf = sub.add_parser("card-pdf", help="print each language's postulates card to an A5 PDF inside the built site",
                         description="Needs Playwright (pip install -e '.[pdf]') and Chromium "
                                     "(apt-get install chromium); run after 'handbook build'.")
    pdf.add_argument("--site", default="site", help="the built site (mkdocs build)")
    check = sub.add_parser("check", help="run the build's checks without building (for pre-commit and editors)",
                           description="Every check the build runs, on mkdocs.yml and docs/, without building "
                                       "the site; with paths, only their findings are shown. Exit status: 1 if "
                                       "any finding is an error.")
    check.add_argument("paths", nargs="*", help="only these files' findings, e.g. docs/safety.fi.md")
    csp = sub.add_parser("csp", help="the script-src directive for deploy/nginx/snippets/handbook-headers.conf")
    csp.add_argument("--site", default="site", help="the built site (mkdocs build)")
    args = parser.parse_args(argv)
    if args.command == "csp":  # reads the built site only, not mkdocs.yml
        from handbook.tools.csp import inline_script_hashes, script_src
        if not inline_script_hashes(args.site):
            print(f"{args.site}: no built pages with inline scripts; run 'python3 -m mkdocs build --strict' first", file=sys.stderr)
            return 1
        print(script_src(args.site))
        return 0
    config = _load(args.config_file)
    if args.command == "check":
        return _check(config, args.paths)
    if args.command == "card-pdf":
        from handbook.tools.card_pdf import missing_prerequisites, write_card_pdfs
        missing = missing_prerequisites()
        if missing:
            print("handbook card-pdf: " + "; ".join(missing), file=sys.stderr)
            return 1
        written = write_card_pdfs(args.site, from_config(config))
        for path in written:
            print(path)
        if not written:
            print(f"handbook card-pdf: no card page in {args.site}; build the site there first "
                  "(mkdocs build), then run card-pdf on it", file=sys.stderr)
            return 1
        return 0
    if args.action == "status":
        return _status_json(config) if args.json else _status(config)
    if args.action == "diff":
        return _diff(config, args.files)
    if not args.files and not args.lang:
        parser.error("translations record: name translated pages or a language (--lang fi)")
    return _record(config, args.files, args.lang)


def _diff(config, files) -> int:
    from handbook.tools.translation_diff import part_diffs, recorded_sections

    languages, status = from_config(config), 0
    for path in files:
        rel = os.path.relpath(os.path.abspath(path), config.docs_dir).replace(os.sep, "/")
        original, lang = languages.split(rel)
        original_path = os.path.join(config.docs_dir, original)
        if not os.path.isfile(path) or lang == languages.default or not os.path.isfile(original_path):
            print(f"{path}: not a translation of a page in {os.path.relpath(config.docs_dir)}", file=sys.stderr)
            status = 2
            continue
        with open(original_path, encoding="utf-8-sig") as handle:
            page = SourcePage(original, handle.read(), languages)
        with open(path, encoding="utf-8-sig") as handle:
            recorded = recorded_sections(handle.read())
        lines = part_diffs(original_path, page, recorded, languages, os.path.relpath(original_path))
        print(f"{path}: " + ("up to date with its original" if not lines else "outdated"))
        for line in lines:
            print(line)
        status = max(status, 1 if lines else 0)
    return status


def _check(config, paths: list[str]) -> int:
    from handbook.core.findings import ERROR, INFO, WARNING
    from handbook.tools.standalone import check_project

    try:
        checked = check_project(config)
    except ValueError as problem:  # an unknown check or severity under extra.checks
        print(f"{os.path.basename(config.config_file_path)}: {problem}", file=sys.stderr)
        return 1
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    wanted = {os.path.relpath(os.path.abspath(p), root).replace(os.sep, "/") for p in paths}
    absent = sorted(p for p in paths if not os.path.exists(p))
    for path in absent:
        print(f"handbook check: {path}: no such file", file=sys.stderr)
    if absent:
        return 2
    shown = [f for f in checked.findings if not wanted or f.path in wanted]
    counts = {}
    for severity in (INFO, WARNING, ERROR):  # the build's order
        of = [f for f in shown if checked.levels[f.check] == severity]
        counts[severity] = len(of)
        for finding in of:
            print(f"{severity}: {finding.format()}")
    print(f"{counts[ERROR]} error(s) and {counts[WARNING]} warning(s) in the handbook's sources; "
          f"checked {checked.pages} pages in {checked.seconds:.2f} s", file=sys.stderr)
    return 1 if counts[ERROR] else 0


def _build(argv: list[str]) -> int:
    """handbook build: the languages side by side (handbook.tools.parallel), or with
    --sequential the one mkdocs build --strict."""
    import logging

    from handbook.tools.parallel import Options, default_jobs, run

    parser = argparse.ArgumentParser(
        prog="handbook build", description="Build the site, its languages side by side in worker processes, as "
        "many as there are cores; the site, the findings and the exit status are those of 'mkdocs build --strict'.",
        epilog="A CI matrix builds each share of the languages (--share, --part-dir; or --lang) in a job of its own "
               "and the site from the parts in a last one (--from-parts): deploy/README.md.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("-d", "--site-dir", help="where the site goes (default: site_dir of mkdocs.yml, site/)")
    parser.add_argument("-j", "--jobs", type=int, help=f"worker processes, each building a language at a time "
                        f"(default: the cores, here {default_jobs()}; on one core, one sequential build)")
    parser.add_argument("--lang", action="append", default=[], help="build only this language's part (repeatable, "
                        "or a list: --lang fi,nb); needs --part-dir")
    parser.add_argument("--share", metavar="K/N", help="build only the K-th of N shares of the languages: every "
                        "N-th language of mkdocs.yml from the K-th (one of N CI jobs; GitLab's parallel: "
                        "--share $CI_NODE_INDEX/$CI_NODE_TOTAL); needs --part-dir")
    parser.add_argument("--part-dir", help="leave each language's part in PART_DIR/<lang>/ instead of assembling "
                        "the site")
    parser.add_argument("--from-parts", action="append", default=[], metavar="DIR",
                        help="assemble, check and report the site from the parts under DIR (repeatable)")
    parser.add_argument("--sequential", action="store_true",
                        help="one 'mkdocs build --strict', language after language; takes mkdocs build's options")
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    parser.add_argument("-v", "--verbose", action="store_true", help="MkDocs' debug messages too")
    args, rest = parser.parse_known_args(argv)
    langs = tuple(lang for value in args.lang for lang in value.replace(",", " ").split())
    if args.lang and not langs:  # an empty CI variable: never the whole site instead
        parser.error("--lang names no language: name one or more, such as --lang fi or --lang fi,nb")
    parts = [name for name, given in (("--lang", args.lang), ("--share", args.share), ("--part-dir", args.part_dir),
                                      ("--from-parts", args.from_parts)) if given]
    if args.sequential and parts:
        parser.error(f"--sequential builds the whole site in one process: it takes no {', '.join(parts)}")
    if args.sequential or (args.jobs is None and default_jobs() == 1 and not parts and not rest):
        flags = [f for f, on in (("-q", args.quiet), ("-v", args.verbose)) if on]
        where = ["-d", args.site_dir] if args.site_dir else []
        return _mkdocs(["build", "-f", args.config_file, *where, *flags, *rest])
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)} (mkdocs build's own options: handbook build "
                     "--sequential ...)")
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs: at least 1")
    if args.from_parts and (args.lang or args.part_dir or args.share):
        parser.error("--from-parts assembles every language's part: without --lang, --share and --part-dir")
    if args.share and args.lang:
        parser.error("--share and --lang both choose the languages: name one")
    share = _share(parser, args.share) if args.share else None
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    level = logging.DEBUG if args.verbose else logging.WARNING if args.quiet else logging.INFO
    try:
        return run(Options(args.config_file, args.site_dir, jobs=args.jobs or 0, languages=langs, share=share,
                           part_dir=args.part_dir, from_parts=tuple(args.from_parts), level=level))
    except KeyboardInterrupt:  # the workers were stopped (handbook.tools.parallel._stop)
        return 130


def _share(parser, value: str) -> tuple[int, int]:
    """--share K/N as (K, N), or the parser's error; which K and N may be is
    handbook.core.parts.share's to say."""
    from handbook.core.parts import share

    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
    index, total = (int(match[1]), int(match[2])) if match else (0, 0)
    try:
        share((), index, total)
    except ValueError:
        parser.error(f"--share {value}: write it as K/N, K from 1 to N: --share 1/2 for the first of two jobs")
    return index, total


def _serve(argv: list[str]) -> int:
    """handbook serve, or with --lang one language's preview: the check pass still reads
    every language's sources, and the other languages' links are checked against theirs."""
    parser = argparse.ArgumentParser(prog="handbook serve", add_help=False)
    parser.add_argument("--lang")
    parser.add_argument("-f", "--config-file")
    args, rest = parser.parse_known_args(argv)
    config_file = ["-f", args.config_file] if args.config_file else []
    if "-h" in rest or "--help" in rest:
        print("handbook serve [--lang LANG] [mkdocs serve's options, below]\n\n"
              "  --lang LANG  preview only this language, at /LANG/ (the checks read every language's sources)\n")
    elif args.lang is not None:
        from handbook.mkdocs_adapter import build_only

        if not args.lang.strip():  # an empty variable: never the whole site instead
            print("handbook serve: --lang names no language: name one, such as --lang fi", file=sys.stderr)
            return 2

        config = _load(args.config_file or "mkdocs.yml")
        languages = from_config(config)
        if args.lang not in languages.all:
            print(f"handbook serve: --lang {args.lang}: not a language of {config.config_file_path}; "
                  f"name one of: {', '.join(languages.all)}", file=sys.stderr)
            return 1
        build_only(args.lang)
        print(f"handbook serve: previewing '{args.lang}' only, at /{languages.url_prefix(args.lang)} under the "
              "address below; the other languages are checked, not built", file=sys.stderr)
    return _mkdocs(["serve", *config_file, *rest])


def quiet_mkdocs_links() -> None:
    """Without MkDocs' own link messages, which mkdocs.yml makes info: the handbook's
    findings name the same links with file:line:col (`mkdocs build` still shows them)."""
    import logging

    for name in ("mkdocs.structure.pages", "mkdocs.structure.nav"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _mkdocs(argv: list[str]) -> int:
    """mkdocs build or serve, with the EOL notice Material prints for 'mkdocs' commands off,
    and MkDocs' own link messages held back (quiet_mkdocs_links)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    quiet_mkdocs_links()
    from mkdocs.__main__ import cli
    args = argv + (["--strict"] if argv[0] == "build" and "--strict" not in argv else [])
    try:
        cli.main(args=args, prog_name="handbook")  # click reports errors itself, then exits
    except SystemExit as exc:
        return exc.code or 0
    return 0


def _load(path: str):
    """mkdocs.yml, or a message and exit status 1 (outside the project, an invalid setting)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not os.path.isfile(path):
        raise SystemExit(f"handbook: {path} not found; run handbook in the project's folder or name it with -f")
    try:
        return load_config(path)
    except ConfigurationError as problem:
        raise SystemExit(f"handbook: {path}: {problem}") from None


def _texts(docs_dir: str) -> dict[str, str]:
    texts = {}
    for folder, _, names in os.walk(docs_dir):
        for name in names:
            if name.endswith(".md"):
                full = os.path.join(folder, name)
                with open(full, encoding="utf-8-sig") as handle:
                    texts[os.path.relpath(full, docs_dir).replace(os.sep, "/")] = handle.read()
    return texts


def _status(config) -> int:
    languages = from_config(config)
    states = translation_states(read_pages(_texts(config.docs_dir), languages), languages)
    for s in states:
        if s.state != UP_TO_DATE:
            print(f"{s.lang}\t{s.state}\t{s.path}")
    counts = {state: sum(1 for s in states if s.state == state) for state in (UP_TO_DATE, OUTDATED, UNRECORDED, MISSING)}
    print(", ".join(f"{n} {state.replace('_', ' ')}" for state, n in counts.items()))
    if counts[MISSING]:
        return 2
    return 1 if counts[OUTDATED] or counts[UNRECORDED] else 0


def _status_json(config) -> int:
    """One line per translation and part: "" for the title and description, "_intro" for
    the text before the first section, then each section by id."""
    import json

    from handbook.core.translations import section_versions

    languages = from_config(config)
    pages = read_pages(_texts(config.docs_dir), languages)
    docs = os.path.relpath(config.docs_dir)
    for s in translation_states(pages, languages):
        keys = ["" if k in ("_title", "_description") else k for k in section_versions(pages[s.page])]
        changed = {"" if k in ("_title", "_description") else k for k in s.sections}
        for key in dict.fromkeys(keys):
            state = s.state if s.state != OUTDATED else (OUTDATED if key in changed else UP_TO_DATE)
            print(json.dumps({"translation": f"{docs}/{s.path}", "lang": s.lang, "section": key, "state": state},
                             ensure_ascii=False))
    return 0


def _record(config, files, langs=()) -> int:
    languages: Languages = from_config(config)
    failed = 0
    unknown = [lang for lang in langs if lang not in languages.others]
    if unknown:
        print(f"--lang {', '.join(unknown)}: not a translated language of {config.config_file_path} "
              f"({', '.join(languages.others)})", file=sys.stderr)
        return 1
    files = list(files)
    for lang in langs:
        paths = sorted(os.path.relpath(os.path.join(config.docs_dir, path)) for path in _texts(config.docs_dir)
                       if languages.split(path)[1] == lang)
        if not paths:
            print(f"--lang {lang}: no pages of this language in {config.docs_dir}", file=sys.stderr)
            failed = 1
        files.extend(paths)
    recorded = 0
    for path in files:
        if not os.path.isfile(path):
            print(f"{path}: skipped: no such file", file=sys.stderr)
            failed = 1
            continue
        rel = os.path.relpath(os.path.abspath(path), config.docs_dir).replace(os.sep, "/")
        original, lang = languages.split(rel)
        original_path = os.path.join(config.docs_dir, original)
        if lang == languages.default or not os.path.exists(original_path):
            print(f"{path}: skipped: not a translation of a page in {os.path.relpath(config.docs_dir)}; "
                  "name a file like page.fi.md", file=sys.stderr)
            failed = 1
            continue
        with open(original_path, encoding="utf-8-sig") as handle:
            original_text = handle.read()
        original_page = SourcePage(original, original_text, languages)
        version, sections = original_page.version, section_versions(original_page)
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
        try:
            updated = record_version(text, version, sections)
        except ValueError as exc:
            print(f"{path}:1: skipped: {exc}", file=sys.stderr)
            failed = 1
            continue
        # Recording says the translation matches: one that does not mirror the original is refused.
        from handbook.core.structure import check_structure

        mismatches = check_structure(original_page, SourcePage(rel, updated, languages))
        if mismatches:
            for finding in mismatches:
                print(finding.format().replace(f"docs/{rel}", path, 1), file=sys.stderr)
            print(f"{path}: not recorded: it does not mirror {os.path.relpath(original_path)} yet; "
                  "fix the places above, then record again", file=sys.stderr)
            failed = 1
            continue
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(updated)
        print(f"{path}: matches {original} version {version}")
        recorded += 1
    print(f"recorded {recorded} of {len(files)} page(s)" + ("; the others are listed above" if failed else ""))
    return failed


if __name__ == "__main__":
    sys.exit(main())
