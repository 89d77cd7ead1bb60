"""The languages side by side: `mkdocs build --strict` against `handbook build`, a CI
matrix's projected time, and the one-language preview against `mkdocs serve`.

    python benchmarks/parallel.py                  # 4 and 12 languages, N = 100, three runs
    python benchmarks/parallel.py --quick          # N = 3, 4 and 6 languages, one run (CI)

Every figure is a ratio of two measurements made in the same run, on the same
synthetic handbooks (benchmarks/generate.py; languages beyond the project's four
use English words):

1. for each number of languages: the sequential strict build (mkdocs-static-i18n, one
   language after another in one process) against `handbook build` (as many languages
   at once as there are cores): wall clock, CPU time, peak memory, the speed-up;
2. a CI matrix with one runner per language: each language's part built alone
   (`handbook build --lang X --part-dir`), then the site assembled from the parts
   (`--from-parts`): the slowest part plus the assembly, against the sequential build;
3. one Finnish page edited under `mkdocs serve` (every language rebuilt) and under
   `handbook serve --lang fi`, on the real handbook and on the synthetic one: the
   time from saving to MkDocs' "Reloading browsers".

Peak memory is measured in a run of each build of its own, after the timed ones: read
from /proc every 50 ms for the process and all its descendants
(`handbook build`'s workers are its children): the peak of their resident sets added
up, which is what the machine needs at once, and the sum of each process's own peak
(VmHWM). getrusage(RUSAGE_CHILDREN) would give the largest process only.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import rebuild  # noqa: E402
from bench import _load, _median, machine, say  # noqa: E402
from builds import ROOT, i18n_languages, project_config, run_timed, write_config  # noqa: E402
from generate import generate, language_entries  # noqa: E402

TARGET_SPEEDUP = 1.7  # handbook build against the sequential build, 4 or more languages on two cores
TARGET_PREVIEW = 0.40  # the one-language preview's reload against the full one
PREVIEW = "fi"
REAL_PAGE = "safety.fi.md"  # the real page edited under serve
SYNTHETIC_PAGE = "s01/topic-01.fi.md"


def main(argv=None) -> int:
    args = _arguments(argv)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="handbook-parallel-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {"machine": machine(), "command": _command(args), "jobs": args.jobs}
    say(f"# Languages side by side\n\ncommand: {results['command']}\nwork folder: {work}")
    for key, value in results["machine"].items():
        say(f"machine {key}: {value}")
    try:
        books = {count: _handbook(work, args.size, count) for count in args.languages}
        results["builds"] = {count: measure_builds(work, book, args.repeat, args.jobs)
                             for count, book in books.items()}
        results["ci"] = {count: measure_ci(work, book) for count, book in books.items()}
        first = books[args.languages[0]]
        real = rebuild.snapshot(work / "real")
        results["serve"] = {
            "real": measure_serve(real, real / "mkdocs.yml", REAL_PAGE, args.serve_repeat),
            "synthetic": measure_serve(first["folder"], first["config"], SYNTHETIC_PAGE, args.serve_repeat)}
        results["load_after"] = _load()
        results["targets"] = report(results, args)
        say(f"\nload average before: {results['machine']['load_before']}, after: {results['load_after']}")
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


def _arguments(argv):
    from handbook.tools.parallel import default_jobs

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, help="pages per language (default 100)")
    parser.add_argument("--languages", help="numbers of languages, comma-separated (default 4,12)")
    parser.add_argument("--repeat", type=int, help="runs of each build and edits under serve; medians (default 3)")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="handbook build --jobs (default: the cores)")
    parser.add_argument("--quick", action="store_true", help="N = 3, 4 and 6 languages, one run: checks the script")
    parser.add_argument("--work", help="folder for the generated handbooks and sites (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    parser.add_argument("--json", help="also write every figure to this JSON file")
    args = parser.parse_args(argv)
    args.size = args.size or (3 if args.quick else 100)
    args.languages = [int(n) for n in (args.languages or ("4,6" if args.quick else "4,12")).split(",")]
    args.repeat = max(1, args.repeat or (1 if args.quick else 3))
    args.serve_repeat = args.repeat
    return args


def _command(args) -> str:
    return (f"python benchmarks/parallel.py --size {args.size} --languages {','.join(map(str, args.languages))} "
            f"--repeat {args.repeat} --jobs {args.jobs}")


def _handbook(work: Path, size: int, count: int) -> dict:
    """A synthetic handbook of ``count`` languages and ``size`` pages each, and its config."""
    entries = language_entries(i18n_languages(project_config()), count)
    default_roles = entries[0]["extra"]["roles"]
    roles = {e["locale"]: (e.get("extra") or {}).get("roles") or default_roles for e in entries}
    folder = work / f"l{count}-n{size}"
    book = generate(folder / "docs", size, [e["locale"] for e in entries], roles, assets=ROOT / "docs" / "assets",
                    part_size=5)
    config = write_config(folder, book.docs, book.nav, "project", languages=entries)
    return {"count": count, "size": size, "pages": size * count, "folder": folder, "config": config,
            "languages": [e["locale"] for e in entries]}


# --- measuring --------------------------------------------------------------------

class TreeMemory:
    """The resident memory of a process and its descendants, read from /proc."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.root, self.interval = pid, interval
        self.peak = 0  # kB: the largest sum of the processes' resident sets at one moment
        self.own_peaks: dict[int, int] = {}  # pid -> kB: each process's own peak (VmHWM)
        self.largest = 0  # kB: the root's ru_maxrss from wait4 (its largest process)
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self, usage) -> None:
        self._done.set()
        self._thread.join()
        self.largest = usage.ru_maxrss

    def _run(self) -> None:
        while not self._done.is_set():
            total = 0
            for pid in self._tree():
                rss, hwm = _status(pid)
                total += rss
                self.own_peaks[pid] = max(self.own_peaks.get(pid, 0), hwm)
            self.peak = max(self.peak, total)
            self._done.wait(self.interval)

    def _tree(self) -> list[int]:
        """The root and its descendants, from each thread's children in /proc: a few files
        for the build's processes, where reading every process's stat cost the machine 4%
        of a core, which the builds on both cores shared, and the one-core build did not."""
        tree, frontier = [], [self.root]
        while frontier:
            tree += frontier
            frontier = [child for pid in frontier for child in _children(pid)]
        return tree

    def figures(self) -> dict:
        return {"peak_mb": self.peak / 1024, "own_peaks_mb": sum(self.own_peaks.values()) / 1024,
                "largest_mb": self.largest / 1024, "processes": len(self.own_peaks)}


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:  # it ended meanwhile
        pass
    return found


def _status(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process in kB; zeros once it has ended."""
    values = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    values[line.split(":")[0]] = int(line.split()[1])
    except OSError:
        pass
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def run(command: list[str], cwd: Path, what: str, memory: bool = False) -> dict:
    """A command's wall clock and CPU time (its processes together), and with ``memory``
    its peak memory; it must succeed."""
    watched = {}

    def watch(pid):
        watched["memory"] = TreeMemory(pid)
        return watched["memory"]

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_GIT_DATES": "false"}
    wall, cpu, returncode, output = run_timed(command, env=env, cwd=cwd, watch=watch if memory else None)
    if returncode != 0:
        raise SystemExit(f"{what} failed ({returncode}):\n{output[-4000:]}")
    return {"wall": wall, "cpu": cpu, **(watched["memory"].figures() if memory else {})}


def _mkdocs(config: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)]


def _handbook_build(config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "handbook.tools.cli", "build", "-q", "-f", str(config), *args]


def measure_builds(work: Path, book: dict, repeat: int, jobs: int) -> dict:
    """The sequential build and `handbook build --jobs`, ``repeat`` pairs, each pair's
    order the other way round from the last's (so that neither build always runs on a
    machine the other has just warmed or worn); then one more run of each for its peak
    memory. The timed runs have no memory sampler beside them: it takes a share of a
    core, which the two-core build pays and the one-core build does not."""
    say(f"\n## {book['count']} languages, N = {book['size']}: {repeat} pair(s) of runs, interleaved")
    commands = {"sequential": _mkdocs(book["config"], book["folder"] / "site-sequential"),
                "parallel": _handbook_build(book["config"], "-d", str(book["folder"] / "site-parallel"),
                                            "--jobs", str(jobs))}
    runs = {"sequential": [], "parallel": []}
    for number in range(1, repeat + 1):
        for name in ("sequential", "parallel") if number % 2 else ("parallel", "sequential"):
            done = run(commands[name], book["folder"], f"{name} build of {book['count']} languages")
            runs[name].append(done)
            say(f"  pair {number}: {name}: {done['wall']:.2f} s wall, {done['cpu']:.2f} s CPU")
    medians = {name: {key: _median(r[key] for r in samples) for key in samples[0]} | {"runs": samples}
               for name, samples in runs.items()}
    for name, command in commands.items():
        memory = run(command, book["folder"], f"{name} build of {book['count']} languages", memory=True)
        say(f"  memory run: {name}: peak {memory['peak_mb']:.0f} MB in {memory['processes']} process(es) "
            f"({memory['wall']:.2f} s wall with the sampler)")
        medians[name] |= {key: value for key, value in memory.items() if key not in ("wall", "cpu")}
        medians[name]["memory_run"] = memory
    return medians | {"pairs": [s["wall"] / p["wall"] for s, p in zip(runs["sequential"], runs["parallel"])]}


def speedup(row: dict) -> float:
    """The median of the interleaved pairs' speed-ups: each pair ran minutes apart at most,
    so the machine's other load, which drifts over a run, slows both builds of a pair
    alike; the ratio of the two medians can pair a quiet sequential run with a busy
    parallel one."""
    return _median(row["pairs"])


def measure_ci(work: Path, book: dict) -> dict:
    """Each language's part alone, as one CI job builds it, and the assembly from the parts."""
    parts = book["folder"] / "parts"
    shutil.rmtree(parts, ignore_errors=True)
    say(f"\n## A CI matrix, {book['count']} languages: each part alone, then the assembly")
    times = {}
    for lang in book["languages"]:
        times[lang] = run(_handbook_build(book["config"], "--lang", lang, "--part-dir", str(parts), "--jobs", "1"),
                          book["folder"], f"the part of {lang}")
        say(f"  part {lang}: {times[lang]['wall']:.2f} s wall, {times[lang]['cpu']:.2f} s CPU")
    assembly = run(_handbook_build(book["config"], "--from-parts", str(parts), "-d", str(book["folder"] / "site-ci")),
                   book["folder"], "the assembly")
    say(f"  assembly: {assembly['wall']:.2f} s wall")
    slowest = max(times, key=lambda lang: times[lang]["wall"])
    return {"parts": times, "assembly": assembly, "slowest": slowest}


def measure_serve(folder: Path, config: Path, page: str, repeat: int) -> dict:
    """One page edited ``repeat`` times under mkdocs serve and under handbook serve --lang."""
    commands = {"full": [sys.executable, "-m", "mkdocs", "serve", "-f", str(config)],
                "preview": [sys.executable, "-m", "handbook.tools.cli", "serve", "--lang", PREVIEW, "-f", str(config)]}
    out = {"page": f"docs/{page}"}
    for name, command in commands.items():
        rounds = rebuild.measure(folder, page, repeat, command=command)["rounds"]
        out[name] = {"wait": _median(r["wait"] for r in rounds), "build": _median(r["build"] for r in rounds),
                     "rounds": rounds}
    return out


# --- the report -------------------------------------------------------------------

def report(results: dict, args) -> dict:
    builds, ci, targets = results["builds"], results["ci"], {}
    say(f"\n## The sequential strict build against handbook build --jobs {args.jobs} (medians)\n")
    say("| languages | pages | sequential wall | handbook build wall | speed-up (median of pairs) "
        "| ratio of the medians | sequential CPU | handbook build CPU "
        "| peak memory, sequential | peak memory, handbook build | memory ratio |")
    say("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for count, row in builds.items():
        seq, par = row["sequential"], row["parallel"]
        say(f"| {count} | {count * args.size} | {seq['wall']:.2f} s | {par['wall']:.2f} s | {speedup(row):.2f}x "
            f"| {seq['wall'] / par['wall']:.2f}x | {seq['cpu']:.2f} s | {par['cpu']:.2f} s | {seq['peak_mb']:.0f} MB "
            f"| {par['peak_mb']:.0f} MB | {par['peak_mb'] / seq['peak_mb']:.2f}x |")
    for count, row in builds.items():
        seq, par = row["sequential"], row["parallel"]
        say(f"speed-up {count} languages: {speedup(row):.2f}x wall, the median of the pairs "
            f"{', '.join(f'{r:.2f}x' for r in row['pairs'])} (the medians: sequential {seq['wall']:.2f} s, "
            f"handbook build {par['wall']:.2f} s, {seq['wall'] / par['wall']:.2f}x); "
            f"CPU {par['cpu'] / seq['cpu']:.2f}x the sequential build's")
        say(f"peak memory {count} languages: sequential {seq['peak_mb']:.0f} MB, handbook build {par['peak_mb']:.0f} MB "
            f"= {par['peak_mb'] / seq['peak_mb']:.2f}x (sum of each process's own peak: {par['own_peaks_mb']:.0f} MB "
            f"in {par['processes']:.0f} processes)")

    say("\n## A CI matrix: one runner per language\n")
    for count, row in ci.items():
        slowest, seq = row["parts"][row["slowest"]], builds[count]["sequential"]
        projected = slowest["wall"] + row["assembly"]["wall"]
        row["projected"] = projected
        say(f"projected CI {count} languages: {projected:.2f} s = {projected / seq['wall']:.2f}x the sequential build "
            f"({seq['wall'] / projected:.1f}x faster; the slowest part {slowest['wall']:.2f} s ({row['slowest']}) + "
            f"the assembly {row['assembly']['wall']:.2f} s; each runner's start-up and installation not included)")

    say("\n## Where the time goes: a build's fixed cost and each language's own\n")
    for count, row in ci.items():
        seq = builds[count]["sequential"]["wall"]
        alone = _median(part["wall"] for part in row["parts"].values())  # the fixed cost and one language
        language = (seq - alone) / (count - 1)
        fixed = alone - language
        rounds = -(-count // args.jobs)  # languages each worker builds, at most
        bound = seq / (fixed + rounds * language)
        row["profile"] = {"language": language, "fixed": fixed, "bound": bound}
        say(f"profile {count} languages: each language's own build {language:.2f} s, the fixed cost of a build "
            f"{fixed:.2f} s ({fixed / seq * 100:.0f}% of the sequential build: start-up, configuration, the check pass "
            f"over every language's sources, the first compile of the templates); with {args.jobs} jobs at most "
            f"{bound:.2f}x faster if every job paid it once and nothing else (measured: "
            f"{speedup(builds[count]):.2f}x)")

    say(f"\n## Preview: one Finnish page edited under mkdocs serve and handbook serve --lang {PREVIEW} (medians)\n")
    ratios = []
    for name, row in results["serve"].items():
        ratio = row["preview"]["wait"] / row["full"]["wait"]
        ratios.append(ratio)
        say(f"serve edit {name} ({row['page']}): mkdocs serve {row['full']['wait']:.2f} s from saving to "
            f"'Reloading browsers' (rebuild {row['full']['build']:.2f} s), handbook serve --lang {PREVIEW} "
            f"{row['preview']['wait']:.2f} s (rebuild {row['preview']['build']:.2f} s) = {ratio * 100:.0f}%")

    say("\n## Targets\n")
    for count, row in builds.items():
        met = speedup(row) >= TARGET_SPEEDUP
        targets[f"speedup_{count}"] = met
        say(f"target handbook build >= {TARGET_SPEEDUP}x faster, {count} languages: {'met' if met else 'MISSED'} "
            f"({speedup(row):.2f}x on {args.jobs} jobs, {results['machine']['cpus']} cores)")
    worst = max(ratios)
    targets["preview"] = worst <= TARGET_PREVIEW
    say(f"target preview reload <= {TARGET_PREVIEW * 100:.0f}% of the full one: "
        f"{'met' if targets['preview'] else 'MISSED'} ({', '.join(f'{r * 100:.0f}%' for r in ratios)})")
    return targets


if __name__ == "__main__":
    sys.exit(main())
