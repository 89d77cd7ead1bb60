"""What the hooks cost and how the build grows: one run, every figure side by side.

    python benchmarks/bench.py --sizes 25,100,400 --repeat 5    # the full benchmark
    python benchmarks/bench.py --quick                          # small N, one repeat (CI)

Measures, on synthetic handbooks of N pages per language (benchmarks/generate.py)
and on a snapshot of the real handbook:

1. strict build time of the project (hooks, overrides) and of plain Material +
   mkdocs-static-i18n, with and without navigation.prune, for every N: the hooks'
   overhead and how build time grows with N;
2. the project's link and anchor check against linkchecker on planted broken
   links: the findings of both, and the time of each;
3. how long ``mkdocs serve`` takes to show an edit of one page of the real handbook;
4. the real handbook's site size and what a browser downloads to open the home
   page and the card.

Times are medians of --repeat runs, the variants in the opposite order every other
run. Each build runs in its own process; its wall clock and CPU time are both
reported. The hooks' overhead is the median of each run's project against the same
run's plain. The targets are judged on CPU time, which a busy machine disturbs far
less than wall clock (see BENCHMARKS.md).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import checks  # noqa: E402
import rebuild  # noqa: E402
import weight  # noqa: E402
from builds import ROOT, VARIANTS, build, i18n_languages, project_config, write_config  # noqa: E402
from generate import BROKEN_KINDS, generate  # noqa: E402

TARGET_OVERHEAD = 0.05  # hooks overhead at most 5 % (issue 13)
TARGET_GROWTH = 4.5 / 4  # N=400 at most 4.5 times N=100: growth per page ratio
TARGET_SPEEDUP = 10.0  # the project's link check at least 10 times faster than linkchecker
SERVE_PAGE = "safety.md"  # the real page edited under mkdocs serve
LINK_RUNS = 3  # linkchecker takes about a minute at N=25: at most this many runs
PART_SIZE = 5  # sections per part in the synthetic handbooks' navigation (--layout parts)


# --- running ----------------------------------------------------------------

def main(argv=None) -> int:
    args = _arguments(argv)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {"machine": machine(), "command": _command(args), "sizes": args.sizes, "repeat": args.repeat,
               "layout": args.layout}
    part_size = PART_SIZE if args.layout == "parts" else 0
    say(f"# Handbook benchmark\n\ncommand: {results['command']}\nwork folder: {work}")
    for key, value in results["machine"].items():
        say(f"machine {key}: {value}")
    try:
        results["builds"] = measure_builds(work, args.sizes, args.repeat, part_size)
        results["links"] = measure_links(work, args.links_size, min(args.repeat, LINK_RUNS), part_size)
        snapshot = rebuild.snapshot(work / "real")
        results["real"] = measure_real_site(work, snapshot, args.repeat)
        results["serve"] = measure_serve(snapshot, args.serve_repeat)
        results["load_after"] = _load()
        results["targets"] = report(results)
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=None, help="pages per language, comma-separated (default 25,100,400)")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs of each build; medians are reported (default 5; linkchecker at most 3 runs)")
    parser.add_argument("--quick", action="store_true", help="small N (3,6) and one repeat: checks the script works")
    parser.add_argument("--links-size", type=int, default=None,
                        help="N of the handbook with broken links (default 25, or the smallest size)")
    parser.add_argument("--layout", choices=("parts", "flat"), default="parts",
                        help="navigation of the synthetic handbooks: sections grouped into parts of five (default), "
                             "or every section at the top level")
    parser.add_argument("--work", help="folder for generated handbooks and sites (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    parser.add_argument("--json", help="also write every figure to this JSON file")
    args = parser.parse_args(argv)
    args.sizes = [int(n) for n in (args.sizes or ("3,6" if args.quick else "25,100,400")).split(",")]
    args.repeat = max(1, args.repeat or (1 if args.quick else 5))
    args.serve_repeat = args.repeat
    if args.links_size is None:
        args.links_size = 25 if 25 in args.sizes else min(args.sizes)
    return args


def _command(args) -> str:
    parts = ["python benchmarks/bench.py", "--sizes", ",".join(map(str, args.sizes)), "--repeat", str(args.repeat)]
    if args.links_size != (25 if 25 in args.sizes else min(args.sizes)):
        parts += ["--links-size", str(args.links_size)]
    if args.layout != "parts":
        parts += ["--layout", args.layout]
    return " ".join(parts)


def say(text: str = "") -> None:
    print(text, flush=True)


def _median(values):
    values = list(values)
    return statistics.median(values) if values else float("nan")


def _hooks_total(timings: dict) -> float:
    """CPU seconds in the project's hook files (not in plugins)."""
    return sum(seconds for name, seconds in timings.items() if name.endswith(".py"))


def _languages():
    languages = i18n_languages(project_config())
    return [entry["locale"] for entry in languages], {entry["locale"]: entry["extra"]["roles"] for entry in languages}


# --- 1. builds: overhead and growth -----------------------------------------

def measure_builds(work: Path, sizes, repeat: int, part_size: int) -> dict:
    """Every variant at every N, ``repeat`` times, variants interleaved."""
    codes, roles = _languages()
    configs = {}
    for n in sizes:
        book = generate(work / f"n{n}" / "docs", n, codes, roles, assets=ROOT / "docs" / "assets",
                        part_size=part_size)
        configs[n] = {v: write_config(work / f"n{n}", book.docs, book.nav, v) for v in VARIANTS}
    runs = {n: {v: [] for v in VARIANTS} for n in sizes}
    say(f"\n## Strict builds: {len(codes)} languages, N pages per language, {repeat} run(s) each, "
        f"{'sections in parts of ' + str(part_size) if part_size else 'every section at the top level'}")
    for r in range(repeat):
        for n in sizes:
            # Every other run the other way round, so that no variant always follows another
            # (a machine that drifts, or a cache that one build warms for the next).
            for variant in VARIANTS if r % 2 == 0 else VARIANTS[::-1]:
                done = build(configs[n][variant], work / f"n{n}" / f"site-{variant}")
                if not done.ok:
                    raise SystemExit(f"strict build failed ({variant}, N={n}):\n{done.output[-4000:]}")
                runs[n][variant].append({"wall": done.seconds, "cpu": done.cpu, "hooks": _hooks_total(done.hooks),
                                         "by_hook": done.hooks, "load": _load()})
                say(f"  run {r + 1}: N={n} {variant}: {done.seconds:.2f} s wall, {done.cpu:.2f} s CPU")
    out = {}
    for n in sizes:
        row = {}
        for variant in VARIANTS:
            samples = runs[n][variant]
            row[variant] = {"wall": _median(s["wall"] for s in samples), "cpu": _median(s["cpu"] for s in samples),
                            "hooks": _median(s["hooks"] for s in samples), "runs": samples}
        # Each run's project against the same run's plain: steadier than the ratio of
        # the medians when the machine's speed drifts between runs.
        row["pairs"] = {key: [p[key] / q[key] for p, q in zip(runs[n]["project"], runs[n]["plain"])]
                        for key in ("cpu", "wall")}
        row["pages"] = n * len(codes)
        row["structure"] = structure_check_time(work / f"n{n}" / "docs", codes)
        row["site_bytes"] = weight.site_size(work / f"n{n}" / "site-project")["bytes"]
        row["by_hook"] = {name: _median(s["by_hook"].get(name, 0.0) for s in runs[n]["project"])
                          for name in runs[n]["project"][0]["by_hook"] if name.endswith(".py")}
        out[n] = row
    return out


def structure_check_time(docs: Path, codes) -> dict:
    """The structure check's own time (handbook.core.structure) over every translation of
    the generated handbook, in this process: part of the check pass the builds run."""
    from handbook.core.languages import Languages
    from handbook.core.pages import read_pages
    from handbook.core.structure import check_structure
    from handbook.core.translations import OUTDATED, UP_TO_DATE, translation_states

    languages = Languages(codes[0], tuple(codes))
    texts = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    pages = read_pages(texts, languages)
    states = [s for s in translation_states(pages, languages) if s.state in (UP_TO_DATE, OUTDATED)]
    for page in pages.values():  # what the check pass parses for every check: not the structure check's own
        page.links, page.headings
    start = time.perf_counter()
    for state in states:
        check_structure(pages[state.page], pages[state.path], state.sections)
    return {"seconds": time.perf_counter() - start, "translations": len(states)}


# --- 2. links: the project's check against linkchecker ----------------------

def measure_links(work: Path, n: int, repeat: int, part_size: int) -> dict:
    codes, roles = _languages()
    folder = work / f"links-n{n}"
    book = generate(folder / "docs", n, codes, roles, assets=ROOT / "docs" / "assets", broken=True,
                    part_size=part_size)
    config = write_config(folder, book.docs, book.nav, "project")
    project_runs, checker_runs = [], []
    for _ in range(repeat):
        done = build(config, folder / "site")
        if done.ok or "Traceback" in done.output:
            raise SystemExit(f"the build with broken links should fail with findings:\n{done.output[-4000:]}")
        project = checks.project_pairs(done.output, book.docs)
        project_runs.append({"wall": done.seconds, "cpu": done.cpu, "links_cpu": done.hooks.get("links.py", 0.0),
                             "links_wall": done.hooks_wall.get("links.py", 0.0)})
        wall, cpu, broken, other, _ = checks.linkchecker(folder / "site", folder)
        found = checks.linkchecker_pairs(broken, book)
        checker_runs.append({"wall": wall, "cpu": cpu, "other_warnings": other})
    planted = checks.planted_pairs(book)
    return {
        "n": n, "pages": n * len(codes), "planted": len(planted), "kinds": list(BROKEN_KINDS),
        "project_found": len(project), "project_planted": len(project & set(planted)),
        "linkchecker_found": len(found), "linkchecker_planted": len(found & set(planted)),
        "missed_by_project": sorted(map(list, found - project)),
        "only_project": _count_kinds(project - found, planted),
        "only_linkchecker_kinds": _count_kinds(found - project, planted),
        "project_build_wall": _median(r["wall"] for r in project_runs),
        "project_build_cpu": _median(r["cpu"] for r in project_runs),
        "project_check_cpu": _median(r["links_cpu"] for r in project_runs),
        "project_check_wall": _median(r["links_wall"] for r in project_runs),
        "linkchecker_wall": _median(r["wall"] for r in checker_runs),
        "linkchecker_cpu": _median(r["cpu"] for r in checker_runs),
        "linkchecker_other_warnings": checker_runs[-1]["other_warnings"][:20],
    }


def _count_kinds(pairs, planted) -> dict:
    counts: dict[str, int] = {}
    for pair in pairs:
        kind = planted.get(pair, "not planted")
        counts[kind] = counts.get(kind, 0) + 1
    return counts


# --- 3 and 4. the real handbook: serve, size, page weight ------------------

def measure_real_site(work: Path, snapshot: Path, repeat: int) -> dict:
    site = work / "real-site"
    builds = []
    for _ in range(repeat):
        done = build(snapshot / "mkdocs.yml", site, env={"HANDBOOK_GIT_DATES": "true"})
        if not done.ok:
            raise SystemExit(f"the real handbook's strict build failed:\n{done.output[-4000:]}")
        builds.append(done)
    loads = weight.page_loads(site, {"home": "", "card": "card/"})
    return {"build_wall": _median(b.seconds for b in builds), "build_cpu": _median(b.cpu for b in builds),
            "hooks_cpu": _median(_hooks_total(b.hooks) for b in builds),
            "size": weight.site_size(site), "loads": loads}


def measure_serve(snapshot: Path, repeat: int) -> dict:
    result = rebuild.measure(snapshot, SERVE_PAGE, repeat)
    rounds = result["rounds"]
    return {"page": f"docs/{SERVE_PAGE}", "first_build": result["first_build"], "edits": len(rounds),
            "wait": _median(r["wait"] for r in rounds), "build": _median(r["build"] for r in rounds),
            "detect": _median(r["detect"] for r in rounds), "rounds": rounds}


# --- machine ------------------------------------------------------------------

def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor() or "unknown")
    memory = next((int(line.split()[1]) for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), 0)
    import yaml
    packages = {name: _version(name) for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n",
                                                  "pymdown-extensions", "Markdown", "PyYAML", "linkchecker",
                                                  "playwright")}
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory": f"{memory / 1024 / 1024:.1f} GiB",
            "os": platform.platform(), "python": platform.python_version(),
            "packages": ", ".join(f"{k} {v}" for k, v in packages.items()),
            "libyaml": bool(getattr(yaml, "__with_libyaml__", False)), "load_before": _load()}


def _lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().splitlines()
    except OSError:
        return []


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


# --- report -------------------------------------------------------------------

def _pct(value: float) -> str:
    return f"{value * 100:+.1f}%"


def _range(runs, key: str) -> str:
    values = [run[key] for run in runs]
    return f"{min(values):.2f}-{max(values):.2f}"


def report(results: dict) -> dict:
    builds, sizes = results["builds"], results["sizes"]
    say("\n## Build time (medians)\n")
    say("| N per language | pages | project wall | plain wall | unpruned wall | project CPU | plain CPU "
        "| unpruned CPU | hooks' own CPU | site size |")
    say("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        row = builds[n]
        say(f"| {n} | {row['pages']} | {row['project']['wall']:.2f} s | {row['plain']['wall']:.2f} s "
            f"| {row['unpruned']['wall']:.2f} s | {row['project']['cpu']:.2f} s | {row['plain']['cpu']:.2f} s "
            f"| {row['unpruned']['cpu']:.2f} s | {row['project']['hooks']:.2f} s | {row['site_bytes'] / 1e6:.1f} MB |")

    say("\n## Hooks overhead (project against plain Material + mkdocs-static-i18n)\n")
    overhead = {}
    for n in sizes:
        row = builds[n]
        wall, cpu = (_median(row["pairs"][key]) - 1 for key in ("wall", "cpu"))
        of_medians = row["project"]["cpu"] / row["plain"]["cpu"] - 1
        own = row["project"]["hooks"] / row["plain"]["cpu"]
        overhead[n] = {"wall": wall, "cpu": cpu, "own": own}
        heaviest = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in
                             sorted(row["by_hook"].items(), key=lambda item: -item[1])[:3])
        spread = "; ".join(f"{v} {_range(row[v]['runs'], 'cpu')} s" for v in ("project", "plain"))
        say(f"hooks overhead N={n}: {_pct(cpu)} CPU, {_pct(wall)} wall; the hooks' own event time "
            f"{row['project']['hooks']:.2f} s = {own * 100:.1f}% of the plain build (heaviest: {heaviest}; "
            f"CPU per run: {spread})")
        say(f"hooks overhead N={n}, run by run: " + ", ".join(f"{ratio:.2f}" for ratio in row["pairs"]["cpu"])
            + f" (project CPU / plain CPU; their median is the overhead above; the ratio of the medians "
            f"{_pct(of_medians)})")
        structure = row["structure"]
        say(f"structure check N={n}: {structure['seconds']:.2f} s for {structure['translations']} translations "
            f"= {structure['seconds'] / row['plain']['cpu'] * 100:.1f}% of the plain build")
        guard = sum(seconds for name, seconds in row["by_hook"].items() if name.endswith("guard.py"))
        say(f"allowlist guard N={n}: {guard:.2f} s = {guard / row['plain']['cpu'] * 100:.1f}% of the plain build "
            f"({guard / max(row['pages'], 1) * 1000:.1f} ms a page)")

    say("\n## Growth (build time ratio between consecutive N)\n")
    growth = {}
    for a, b in zip(sizes, sizes[1:]):
        pages = b / a
        for variant in VARIANTS:
            cpu = builds[b][variant]["cpu"] / builds[a][variant]["cpu"]
            wall = builds[b][variant]["wall"] / builds[a][variant]["wall"]
            growth[(a, b, variant)] = {"cpu": cpu, "wall": wall, "pages": pages}
            say(f"growth {variant} N={b}/N={a}: {cpu:.2f}x CPU, {wall:.2f}x wall, for {pages:g}x the pages")
    if len(sizes) > 1:
        a, b = sizes[-2], sizes[-1]
        saved = builds[b]["unpruned"]["cpu"] - builds[b]["plain"]["cpu"]
        say(f"navigation.prune at N={b}: plain build {builds[b]['plain']['cpu']:.2f} s CPU with it, "
            f"{builds[b]['unpruned']['cpu']:.2f} s without ({saved:+.2f} s)")

    links = results["links"]
    say(f"\n## Links and anchors: the project's check against linkchecker (N={links['n']}, {links['pages']} pages)\n")
    say(f"planted broken links: {links['planted']} ({', '.join(links['kinds'])}; in every language)")
    say(f"project check found: {links['project_found']} ({links['project_planted']} of the planted)")
    say(f"linkchecker found: {links['linkchecker_found']} ({links['linkchecker_planted']} of the planted)")
    superset = not links["missed_by_project"]
    say(f"project finds everything linkchecker finds: {'yes' if superset else 'no'} "
        f"(missed: {len(links['missed_by_project'])}{'; ' + str(links['missed_by_project'][:5]) if not superset else ''})")
    say(f"found only by the project: {sum(links['only_project'].values())} {links['only_project']}")
    if links["linkchecker_other_warnings"]:
        say(f"linkchecker's other warnings: {len(links['linkchecker_other_warnings'])}, e.g. "
            f"{links['linkchecker_other_warnings'][0]}")
    speed_cpu = links["linkchecker_cpu"] / max(links["project_check_cpu"], 1e-6)
    speed_wall = links["linkchecker_wall"] / max(links["project_check_wall"], 1e-6)
    say(f"link check time: project (hooks/links.py in the strict build) {links['project_check_cpu']:.3f} s CPU, "
        f"{links['project_check_wall']:.3f} s wall; linkchecker {links['linkchecker_cpu']:.2f} s CPU, "
        f"{links['linkchecker_wall']:.2f} s wall")
    say(f"link check speed-up: {speed_cpu:.0f}x CPU, {speed_wall:.0f}x wall "
        f"(the whole strict build takes {links['project_build_wall']:.2f} s wall, "
        f"{links['linkchecker_wall'] / links['project_build_wall']:.1f}x less than linkchecker alone)")

    serve, real = results["serve"], results["real"]
    say("\n## The real handbook\n")
    say(f"real handbook strict build: {real['build_wall']:.2f} s wall, {real['build_cpu']:.2f} s CPU "
        f"(hooks' own time {real['hooks_cpu']:.2f} s)")
    say(f"serve rebuild after editing {serve['page']}: {serve['wait']:.2f} s from saving to 'Reloading browsers' "
        f"(rebuild {serve['build']:.2f} s, change noticed after {serve['detect']:.2f} s; median of {serve['edits']}; "
        f"first build {serve['first_build']:.2f} s)")
    size = real["size"]
    kinds = ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in size["by_kind"].items())
    say(f"site size: {size['bytes'] / 1e6:.2f} MB in {size['files']} files ({kinds})")
    for name, load in real["loads"].items():
        say(f"{name} page load: {load['requests']} requests, {load['bytes'] / 1024:.0f} KiB as served, "
            f"{load['gzip_bytes'] / 1024:.0f} KiB with gzip")

    say("\n## Targets (judged on CPU time)\n")
    targets = {}
    worst = max(overhead.values(), key=lambda o: o["cpu"])
    worst_n = max(overhead, key=lambda n: overhead[n]["cpu"])
    targets["overhead"] = worst["cpu"] <= TARGET_OVERHEAD
    say(f"target hooks overhead <= {TARGET_OVERHEAD:.0%}: {'met' if targets['overhead'] else 'MISSED'} "
        f"(largest {_pct(worst['cpu'])} at N={worst_n}; " + ", ".join(
            f"N={n} {_pct(o['cpu'])}" for n, o in overhead.items()) + ")")
    if len(sizes) > 1:
        a, b = sizes[-2], sizes[-1]
        g = growth[(a, b, "project")]
        limit = TARGET_GROWTH * g["pages"]
        targets["growth"] = g["cpu"] <= limit
        say(f"target growth N={b}/N={a} <= {limit:.2f}x: {'met' if targets['growth'] else 'MISSED'} "
            f"({g['cpu']:.2f}x CPU, {g['wall']:.2f}x wall)")
    targets["links_superset"] = superset
    say(f"target link check finds all linkchecker finds: {'met' if superset else 'MISSED'} "
        f"({links['linkchecker_found'] - len(links['missed_by_project'])} of {links['linkchecker_found']})")
    targets["links_speed"] = speed_cpu >= TARGET_SPEEDUP
    say(f"target link check >= 10x faster: {'met' if targets['links_speed'] else 'MISSED'} "
        f"({speed_cpu:.0f}x CPU, {speed_wall:.0f}x wall)")
    say(f"\nload average before: {results['machine']['load_before']}, after: {results['load_after']}")
    return targets


if __name__ == "__main__":
    sys.exit(main())
