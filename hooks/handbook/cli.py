"""The ``handbook`` command: translation status and records, and the card PDFs.

    handbook translations status      list missing and outdated translations
    handbook translations record F..  record that translation F matches its original now
    handbook card-pdf [--site site]   print each language's card to a PDF inside the site
    handbook csp [--site site]        print the CSP script-src (inline script hashes) the site needs

Exit codes of ``translations status``: 0 all up to date, 1 some outdated or
unrecorded, 2 some missing (intentionally untranslated pages do not count).
"""
from __future__ import annotations

import argparse
import os
import sys

from .languages import Languages, from_config
from .translations import (MISSING, OUTDATED, UNRECORDED, UP_TO_DATE, record_version,
                           source_version, translation_states)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="handbook", description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    sub = parser.add_subparsers(dest="command", required=True)
    translations = sub.add_parser("translations").add_subparsers(dest="action", required=True)
    translations.add_parser("status")
    record = translations.add_parser("record")
    record.add_argument("files", nargs="+", help="translated pages, e.g. docs/safety.fi.md")
    pdf = sub.add_parser("card-pdf")
    pdf.add_argument("--site", default="site", help="the built site (mkdocs build)")
    csp = sub.add_parser("csp", help="the script-src directive for deploy/nginx/snippets/handbook-headers.conf")
    csp.add_argument("--site", default="site", help="the built site (mkdocs build)")
    args = parser.parse_args(argv)
    if args.command == "csp":  # reads the built site only, not mkdocs.yml
        from .csp import inline_script_hashes, script_src
        if not inline_script_hashes(args.site):
            print(f"{args.site}: no built pages with inline scripts; run 'python3 -m mkdocs build --strict' first", file=sys.stderr)
            return 1
        print(script_src(args.site))
        return 0
    config = _load(args.config_file)
    if args.command == "card-pdf":
        from .card_pdf import write_card_pdfs
        for path in write_card_pdfs(args.site, from_config(config)):
            print(path)
        return 0
    if args.action == "status":
        return _status(config)
    return _record(config, args.files)


def _load(path: str):
    from mkdocs.config import load_config
    return load_config(path)


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
    states = translation_states(_texts(config.docs_dir), from_config(config))
    for s in states:
        if s.state != UP_TO_DATE:
            print(f"{s.lang}\t{s.state}\t{s.path}")
    counts = {state: sum(1 for s in states if s.state == state) for state in (UP_TO_DATE, OUTDATED, UNRECORDED, MISSING)}
    print(", ".join(f"{n} {state.replace('_', ' ')}" for state, n in counts.items()))
    if counts[MISSING]:
        return 2
    return 1 if counts[OUTDATED] or counts[UNRECORDED] else 0


def _record(config, files) -> int:
    languages: Languages = from_config(config)
    failed = 0
    for path in files:
        rel = os.path.relpath(os.path.abspath(path), config.docs_dir).replace(os.sep, "/")
        original, lang = languages.split(rel)
        original_path = os.path.join(config.docs_dir, original)
        if lang == languages.default or not os.path.exists(original_path):
            print(f"{path}: not a translation of a page in {config.docs_dir}; name a file like page.fi.md", file=sys.stderr)
            failed = 1
            continue
        with open(original_path, encoding="utf-8-sig") as handle:
            version = source_version(handle.read())
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
        try:
            updated = record_version(text, version)
        except ValueError as exc:
            print(f"{path}:1: {exc}", file=sys.stderr)
            failed = 1
            continue
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(updated)
        print(f"{path}: matches {original} version {version}")
    return failed


if __name__ == "__main__":
    sys.exit(main())
