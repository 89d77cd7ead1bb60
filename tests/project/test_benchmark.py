"""The benchmark script keeps working: a quick run prints every figure (timings are not asserted)."""
from __future__ import annotations

import json
import re
import subprocess
import sys

from sites import ROOT

NUMBER = r"[-+]?\d+(?:\.\d+)?"


def quick_run(tmp_path, script: str, *args: str) -> tuple[str, dict]:
    """A benchmark script's quick run: what it printed, and the figures it wrote as JSON."""
    results = tmp_path / "results.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args, "--work", str(tmp_path / "work"),
                           "--json", str(results)], capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Traceback" not in done.stdout + done.stderr, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout, json.loads(results.read_text(encoding="utf-8"))


def test_quick_benchmark_prints_every_figure(tmp_path):
    out, data = quick_run(tmp_path, "bench.py", "--sizes", "3,6", "--repeat", "1")
    expected = [
        # the machine and the command that reproduces the run
        r"^machine cpus: \d+$", r"^machine cpu: .+$", r"^machine memory: .+ GiB$", r"^machine python: \d",
        r"^machine packages: mkdocs \d.*linkchecker \d",
        r"^command: python benchmarks/bench\.py --sizes 3,6 --repeat 1$",
        # build times of every variant at every N, and the hooks' overhead
        *(rf"^\| {n} \| {4 * n} \| {NUMBER} s \| {NUMBER} s \| {NUMBER} s \| {NUMBER} s \| {NUMBER} s \| {NUMBER} s "
          rf"\| {NUMBER} s \| {NUMBER} MB \|$" for n in (3, 6)),
        *(rf"^hooks overhead N={n}: {NUMBER}% CPU, {NUMBER}% wall; the hooks' own event time {NUMBER} s" for n in (3, 6)),
        *(rf"^hooks overhead N={n}, run by run: {NUMBER} \(project CPU / plain CPU; their median is the overhead "
          rf"above; the ratio of the medians {NUMBER}%\)$" for n in (3, 6)),
        *(rf"^structure check N={n}: {NUMBER} s for \d+ translations = {NUMBER}% of the plain build$" for n in (3, 6)),
        *(rf"^allowlist guard N={n}: {NUMBER} s = {NUMBER}% of the plain build \({NUMBER} ms a page\)$" for n in (3, 6)),
        # growth, and what navigation.prune changes
        *(rf"^growth {variant} N=6/N=3: {NUMBER}x CPU, {NUMBER}x wall, for 2x the pages$"
          for variant in ("project", "plain", "unpruned")),
        rf"^navigation\.prune at N=6: plain build {NUMBER} s CPU with it, {NUMBER} s without",
        # links: the same findings as linkchecker, and the time of each
        r"^planted broken links: 20 \(", r"^project check found: 20 \(20 of the planted\)$",
        # linkchecker's own count depends on its installation (its AnchorCheck plugin);
        # what matters is that the project finds everything it finds
        r"^linkchecker found: \d+ \(\d+ of the planted\)$",
        r"^project finds everything linkchecker finds: yes \(missed: 0\)$",
        rf"^link check time: project \(hooks/links\.py in the strict build\) {NUMBER} s CPU, {NUMBER} s wall; "
        rf"linkchecker {NUMBER} s CPU, {NUMBER} s wall$",
        rf"^link check speed-up: {NUMBER}x CPU, {NUMBER}x wall",
        # the real handbook: serve rebuild, site size, page weight
        rf"^real handbook strict build: {NUMBER} s wall, {NUMBER} s CPU",
        rf"^serve rebuild after editing docs/safety\.md: {NUMBER} s from saving to 'Reloading browsers' "
        rf"\(rebuild {NUMBER} s, change noticed after {NUMBER} s; median of 1; first build {NUMBER} s\)$",
        rf"^site size: {NUMBER} MB in \d+ files \(html {NUMBER} MB",
        *(rf"^{name} page load: \d+ requests, \d+ KiB as served, \d+ KiB with gzip$" for name in ("home", "card")),
        # every target, met or missed
        r"^target hooks overhead <= 5%: (met|MISSED) \(", r"^target growth N=6/N=3 <= 2\.25x: (met|MISSED) \(",
        r"^target link check finds all linkchecker finds: met \((\d+) of \1\)$",
        r"^target link check >= 10x faster: (met|MISSED) \(",
    ]
    missing = [pattern for pattern in expected if not re.search(pattern, out, re.M)]
    assert not missing, "\n".join(missing) + "\n\n" + out[-6000:]
    assert set(data["builds"]) == {"3", "6"}
    for row in data["builds"].values():  # each run's pair, from that run's own builds
        runs = zip(row["project"]["runs"], row["plain"]["runs"])
        assert row["pairs"]["cpu"] == [project["cpu"] / plain["cpu"] for project, plain in runs]
    assert all(data["real"]["loads"][name]["bytes"] > 0 for name in ("home", "card"))
    assert data["serve"]["edits"] == 1 and data["links"]["missed_by_project"] == []


def test_quick_parallel_benchmark_prints_every_figure(tmp_path):
    """benchmarks/parallel.py --quick: the builds side by side, a CI matrix, the preview."""
    out, data = quick_run(tmp_path, "parallel.py", "--quick", "--jobs", "2")
    expected = [
        r"^machine cpus: \d+$", r"^machine packages: mkdocs \d",
        r"^command: python benchmarks/parallel\.py --size 3 --languages 4,6 --repeat 1 --jobs 2$",
        *(rf"^\| {n} \| {3 * n} \| {NUMBER} s \| {NUMBER} s \| {NUMBER}x \| {NUMBER}x \| {NUMBER} s \| {NUMBER} s "
          rf"\| {NUMBER} MB \| {NUMBER} MB \| {NUMBER}x \|$" for n in (4, 6)),
        *(rf"^speed-up {n} languages: {NUMBER}x wall, the median of the pairs {NUMBER}x \(the medians: sequential "
          rf"{NUMBER} s, handbook build {NUMBER} s, {NUMBER}x\); CPU {NUMBER}x the sequential build's$" for n in (4, 6)),
        *(rf"^peak memory {n} languages: sequential {NUMBER} MB, handbook build {NUMBER} MB = {NUMBER}x \(sum of each "
          rf"process's own peak: {NUMBER} MB in \d+ processes\)$" for n in (4, 6)),
        *(rf"^projected CI {n} languages: {NUMBER} s = {NUMBER}x the sequential build \({NUMBER}x faster; the slowest "
          rf"part {NUMBER} s \(\w+\) \+ the assembly {NUMBER} s; each runner's start-up and installation not included\)$"
          for n in (4, 6)),
        *(rf"^profile {n} languages: each language's own build {NUMBER} s, the fixed cost of a build {NUMBER} s "
          rf"\({NUMBER}% of the sequential build: .*\); with 2 jobs at most {NUMBER}x faster if every job paid it once "
          rf"and nothing else \(measured: {NUMBER}x\)$" for n in (4, 6)),
        *(rf"^serve edit {name} \(docs/{page}\): mkdocs serve {NUMBER} s from saving to 'Reloading browsers' "
          rf"\(rebuild {NUMBER} s\), handbook serve --lang fi {NUMBER} s \(rebuild {NUMBER} s\) = \d+%$"
          for name, page in (("real", r"safety\.fi\.md"), ("synthetic", r"s01/topic-01\.fi\.md"))),
        *(rf"^target handbook build >= 1\.7x faster, {n} languages: (met|MISSED) \({NUMBER}x on 2 jobs, \d+ cores\)$"
          for n in (4, 6)),
        r"^target preview reload <= 40% of the full one: (met|MISSED) \(\d+%, \d+%\)$",
    ]
    missing = [pattern for pattern in expected if not re.search(pattern, out, re.M)]
    assert not missing, "\n".join(missing) + "\n\n" + out[-6000:]
    assert set(data["builds"]) == {"4", "6"} and set(data["serve"]) == {"real", "synthetic"}
    assert [len(row["pairs"]) for row in data["builds"].values()] == [1, 1]  # --repeat 1: one pair each
    # The timed runs ran without the memory sampler; each build's memory came from a run of its own.
    for row in data["builds"].values():
        for name in ("sequential", "parallel"):
            assert [sorted(run) for run in row[name]["runs"]] == [["cpu", "wall"]]
            assert row[name]["memory_run"]["peak_mb"] > 0 and row[name]["peak_mb"] == row[name]["memory_run"]["peak_mb"]
    assert all(len(row["parts"]) == int(count) for count, row in data["ci"].items())
