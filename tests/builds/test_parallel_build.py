"""`handbook build` builds the languages side by side and gives the site, the findings and
the exit status of `mkdocs build --strict`; its parts can be built apart (a CI matrix);
`handbook serve --lang fi` previews one language and still checks the others."""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sites import HOOKS, ROOT, FixtureSite, handbook_build

NO_GIT = {"HANDBOOK_GIT_DATES": "false"}  # fixtures are not in git
LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


# --- comparing two sites --------------------------------------------------------

def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def comparable(path: Path) -> bytes:
    """The file's bytes, but for what the build writes of its own time: the sitemaps'
    dates (lastmod: the build's date) and the gzip header's time of sitemap.xml.gz."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = data[:4] + data[8:10] + gzip.decompress(data)  # bytes 4-7: the header's MTIME
    if "sitemap.xml" in path.name:
        data = LASTMOD.sub(b"<lastmod/>", data)
    return data


def assert_same_site(sequential: Path, parallel: Path) -> None:
    assert files(parallel) == files(sequential), sorted(files(parallel) ^ files(sequential))[:20]
    different = [path for path in sorted(files(sequential))
                 if comparable(sequential / path) != comparable(parallel / path)]
    assert not different, different[:20]


def findings(output: str) -> list[str]:
    """Every finding line, as logged (severity and message), in the order shown."""
    return re.findall(r"^((?:ERROR|WARNING|INFO)\s+-\s+handbook: (?:docs/|mkdocs\.yml:)\S+ .*)$", output, re.M)


# --- the real handbook ------------------------------------------------------------

@pytest.fixture(scope="module", params=[1, 2], ids=["jobs-1", "jobs-2"])
def parallel(request, tmp_path_factory):
    """The real handbook, built by `handbook build --jobs N` (git dates on, as the `site` fixture)."""
    return handbook_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("parallel") / "site",
                          "--jobs", str(request.param))


def test_handbook_build_makes_the_site_of_mkdocs_build_strict(site, parallel):
    assert parallel.ok, parallel.output[-3000:]
    assert "Traceback" not in parallel.output
    assert_same_site(site.site, parallel.site)
    assert findings(parallel.output) == findings(site.output) == []


def test_each_language_sitemap_lists_its_own_pages(site):
    for lang in ("fi", "he"):
        locations = re.findall(r"<loc>([^<]+)</loc>", site.page(f"{lang}/sitemap.xml"))
        assert locations and all(f"/{lang}/" in loc for loc in locations), locations[:5]


# --- a handbook with errors: the same findings, the same exit status --------------------

def planted(root: Path) -> FixtureSite:
    """Four languages, with a broken link and a link to an anchor only the original has in
    a Finnish page (both need the other languages' anchors), a script in a Norwegian page,
    a translation that does not mirror its original, and a plain http:// link (a warning)."""
    site = FixtureSite(root)
    site.page("index.md", "Home", "Read [the other page](other.md#shared).\n")
    site.page("other.md", "Other", "\n## Shared heading {#shared}\n\nText.\n")
    site.page("third.md", "Third", "\n## Third heading {#third}\n\nText.\n")
    index_fi = site.docs / "index.fi.md"
    index_fi.write_text(index_fi.read_text().replace("other.md#shared", "other.md#only-en")
                        + "\nA [broken link](nowhere.md).\n")
    other = site.docs / "other.md"
    other.write_text(other.read_text() + "\n## English only {#only-en}\n\nMore.\n")
    third_nb = site.docs / "third.nb.md"
    third_nb.write_text(third_nb.read_text() + "\n<script>alert(1)</script>\n")
    index_he = site.docs / "index.he.md"
    index_he.write_text(index_he.read_text() + "\nSee [the plain site](http://example.org/).\n")
    return site


EXPECTED = (  # some of the findings, so that the comparison cannot pass without them
    "docs/index.fi.md:10:23: anchor '#only-en' exists in the 'en' original but not in 'other.fi.md'",
    "docs/index.fi.md:12:17: link target 'nowhere.md' does not exist in any language",
    "docs/third.nb.md:14:1: a script (<script>) is not published",
    "docs/index.fi.md:7:1: the text before the first section has 2 paragraphs, the original (docs/index.md:6) 1",
    "docs/index.he.md:12:22: plain http:// link",
)


@pytest.fixture(scope="module")
def with_errors(tmp_path_factory):
    """The planted handbook built sequentially, by `handbook build --jobs 1` and `--jobs 2`
    (also with workers that start afresh), and from parts built apart in two groups of
    languages and in two shares, as two CI jobs would; and the compiled templates as the
    sequential build left them, and after the others."""
    site = planted(tmp_path_factory.mktemp("errors"))
    config = site.write_config()
    builds = {"sequential": site.build()}
    compiled = {"sequential": compiled_templates(site.root)}
    builds |= {f"jobs-{jobs}": handbook_build(config, site.root / f"site-{jobs}", "--jobs", str(jobs), env=NO_GIT)
               for jobs in (1, 2)}
    # Workers that start afresh and load the configuration themselves: macOS' and Windows'
    # default, and Linux's from Python 3.14 (forkserver).
    builds["spawn"] = handbook_build(config, site.root / "site-spawn", "--jobs", "2", env=NO_GIT, start_method="spawn")
    groups = {"parts": [handbook_build(config, None, *langs, "--part-dir", str(site.root / "parts" / name), env=NO_GIT)
                        for name, langs in (("one", ("--lang", "en", "--lang", "fi")), ("two", ("--lang", "nb,he")))],
              "shares": [handbook_build(config, None, "--share", f"{k}/2", "--part-dir", str(site.root / "shares"),
                                        env=NO_GIT) for k in (1, 2)]}  # GitLab's parallel: 2
    for mode in groups:
        builds[mode] = handbook_build(config, site.root / f"site-{mode}", "--from-parts", str(site.root / mode),
                                      env=NO_GIT)
    compiled["after"] = compiled_templates(site.root)
    return site, builds, groups, compiled


def compiled_templates(root: Path) -> dict[str, int]:
    """The compiled templates kept next to mkdocs.yml (hooks/template_cache.py): file -> mtime."""
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in (root / ".cache" / "handbook").rglob("*")
            if p.is_file()}


def test_every_later_process_reads_the_templates_the_first_build_compiled(with_errors):
    *_, compiled = with_errors
    assert len(compiled["sequential"]) >= 10, compiled  # Material's main template, its partials, the handbook's
    assert all(re.fullmatch(r"\.cache/handbook/templates-[0-9a-f]{16}/[0-9a-f]{40}\.cache", f) for f in compiled["after"])
    assert compiled["after"] == compiled["sequential"]  # no worker or part compiled and wrote one again


@pytest.mark.parametrize("mode", ["jobs-1", "jobs-2", "spawn", "parts", "shares"])
def test_the_same_findings_exit_status_and_site_with_errors(with_errors, mode):
    site, builds, groups, _ = with_errors
    sequential, other = builds["sequential"], builds[mode]
    assert sequential.returncode == other.returncode == 1
    assert findings(other.output) == findings(sequential.output)
    shown = "\n".join(findings(other.output))
    assert all(expected in shown for expected in EXPECTED), shown
    assert "Aborted with a BuildError!" in other.output and "Traceback" not in other.output
    assert_same_site(sequential.site, other.site)
    if mode in groups:
        assert all(group.ok for group in groups[mode]), [group.output[-2000:] for group in groups[mode]]
        assert sorted(p.parent.name for p in (site.root / mode).rglob("part.json")) == ["en", "fi", "he", "nb"]
    if mode == "shares":
        assert [re.findall(r"parts of ([\w, ]+) in ", group.output) for group in groups[mode]] == [["en, nb"], ["fi, he"]]


def test_assembling_needs_every_part_built_from_the_same_sources(with_errors, tmp_path):
    site, *_ = with_errors
    config = site.root / "mkdocs.yml"
    missing = handbook_build(config, tmp_path / "site", "--from-parts", str(site.root / "parts" / "one"), env=NO_GIT)
    assert missing.returncode == 1
    assert f"{site.root / 'parts' / 'one'}: no part of nb, he; build it with 'handbook build --lang nb --part-dir" \
        in missing.output
    copy = tmp_path / "copy"
    shutil.copytree(site.root, copy, ignore=lambda folder, names: [n for n in names if folder == str(site.root)
                                                                   and n.startswith("site")])
    (copy / "docs" / "other.fi.md").write_text((copy / "docs" / "other.fi.md").read_text() + "\nChanged.\n")
    stale = handbook_build(copy / "mkdocs.yml", tmp_path / "site", "--from-parts", str(copy / "parts"), env=NO_GIT)
    assert stale.returncode == 1
    assert stale.output.splitlines() == [
        "ERROR   -  handbook: the parts of en, fi, nb, he were built from other sources than docs/ and mkdocs.yml "
        "hold now; build every part from the same sources"]
    # A file added beside the pages, or a changed configuration: other sources too.
    (copy / "docs" / "other.fi.md").write_text((site.docs / "other.fi.md").read_text())
    for change in (lambda: (copy / "docs" / "logo.png").write_bytes(b"\x89PNG"),
                   lambda: (copy / "mkdocs.yml").write_text((copy / "mkdocs.yml").read_text() + "\n# changed\n")):
        change()
        stale = handbook_build(copy / "mkdocs.yml", tmp_path / "site", "--from-parts", str(copy / "parts"), env=NO_GIT)
        assert stale.returncode == 1 and "were built from other sources than docs/ and mkdocs.yml" in stale.output
    elsewhere = handbook_build(config, tmp_path / "site", "--from-parts", str(site.root / "parts"),
                               env={**NO_GIT, "HANDBOOK_SITE_URL": "https://elsewhere.example.org/"})
    assert elsewhere.returncode == 1
    assert ("the parts of en, fi, nb, he were built for https://intranet.example.org/handbook/, this site for "
            "https://elsewhere.example.org/; build the parts and the site with the same HANDBOOK_SITE_URL") \
        in elsewhere.output
    assert not (tmp_path / "site").exists()


def test_assembling_refuses_a_part_that_is_not_whole_or_not_of_this_site(with_errors, tmp_path):
    """A part's site folder must hold what its build left there (copied or unpacked in
    part, rebuilt and stopped halfway); a part of a language mkdocs.yml does not build is
    refused; a file named part.json inside a part's site is a page's, not a part."""
    site, *_ = with_errors
    config, parts = site.root / "mkdocs.yml", tmp_path / "parts"
    shutil.copytree(site.root / "parts", parts)
    (parts / "two" / "he" / "site" / "he" / "404.html").unlink()
    shutil.rmtree(parts / "two" / "nb" / "site")
    shutil.copytree(site.root / "parts" / "one" / "fi", parts / "extra" / "sv")
    data = json.loads((parts / "extra" / "sv" / "part.json").read_text(encoding="utf-8"))
    (parts / "extra" / "sv" / "part.json").write_text(json.dumps({**data, "language": "sv"}), encoding="utf-8")
    refused = handbook_build(config, tmp_path / "site", "--from-parts", str(parts), env=NO_GIT)
    assert refused.returncode == 1 and not (tmp_path / "site").exists()
    assert refused.output.splitlines() == [
        f"ERROR   -  handbook: {parts / 'extra' / 'sv' / 'part.json'}: a part of 'sv', which mkdocs.yml does not "
        "build; remove it",
        f"ERROR   -  handbook: {parts / 'two' / 'he' / 'part.json'}: its site folder does not hold what its build "
        "left there (1 file(s) missing or added, such as he/404.html); build the part again",
        f"ERROR   -  handbook: {parts / 'two' / 'nb' / 'part.json'}: its site folder does not hold what its build "
        f"left there ({len(data['written'])} file(s) missing or added, such as 404.html); build the part again"]

    shutil.rmtree(parts)
    shutil.copytree(site.root / "parts", parts)
    part_file = parts / "one" / "fi" / "part.json"
    data = json.loads(part_file.read_text(encoding="utf-8"))
    (parts / "one" / "fi" / "site" / "part.json").write_text("{}", encoding="utf-8")  # docs/part.json, as built
    part_file.write_text(json.dumps({**data, "written": sorted([*data["written"], "part.json"])}), encoding="utf-8")
    assembled = handbook_build(config, tmp_path / "site", "--from-parts", str(parts), env=NO_GIT)
    assert assembled.returncode == 1 and findings(assembled.output)  # the planted findings, and no refusal
    assert "part.json" not in "".join(line for line in assembled.output.splitlines() if "handbook: /" in line)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_stopped_build_stops_every_worker_and_leaves_no_temporary_parts(with_errors, tmp_path, stop):
    """Ctrl-C, or SIGTERM (a cancelled CI job), while a worker builds its first language:
    no other language starts, the worker ends, the temporary parts go, and the exit status
    says how it ended (130, 143)."""
    site, *_ = with_errors
    plant = tmp_path / "plant"
    plant.mkdir()
    (tmp_path / "block.py").write_text(BLOCK, encoding="utf-8")
    hooks = "".join(f"  - {h}\n" for h in [*HOOKS, tmp_path / "block.py"])
    config = site.root / f"mkdocs-block-{stop.name}.yml"
    config.write_text(f"INHERIT: mkdocs.yml\nhooks:\n{hooks}", encoding="utf-8")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **NO_GIT, "PLANT_DIR": str(plant), "TMPDIR": str(temporary)}
    build = subprocess.Popen([sys.executable, "-m", "handbook.tools.cli", "build", "-f", str(config), "-d",
                              str(tmp_path / "site"), "--jobs", "1"], cwd=site.root, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _until(lambda: list(plant.glob("started-*")), "the first language's build to start", [])
        build.send_signal(stop)
        output, _ = build.communicate(timeout=120)
    finally:
        (plant / "go-on").touch()  # a worker that was not stopped ends its build, and is not left behind
        build.kill()
    assert build.returncode == 128 + stop, output
    started = list(plant.glob("started-*"))
    assert [p.name for p in started] == ["started-en"] and "Traceback" not in output
    assert int(started[0].read_text()) not in _processes_running(str(config))  # the worker ended
    assert list(temporary.iterdir()) == []


def _processes_running(text: str) -> list[int]:
    """The processes whose command line holds ``text`` (a forked worker has its parent's)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and text in (entry / "cmdline").read_bytes().decode(errors="replace"):
                found.append(int(entry.name))
        except OSError:  # it ended meanwhile
            continue
    return found


BLOCK = """
import os
import pathlib
import time

from handbook.mkdocs_adapter import build_language, only_language


def on_pre_build(*, config):
    if only_language():  # in a worker: say which language started, then wait to be stopped
        folder = pathlib.Path(os.environ["PLANT_DIR"])
        (folder / f"started-{build_language(config)}").write_text(str(os.getpid()))
        while not (folder / "go-on").exists():
            time.sleep(0.05)
"""


CRASH = """
import os
from handbook.mkdocs_adapter import build_language, only_language
from mkdocs.plugins import get_plugin_logger


def on_post_build(*, config):
    if build_language(config) == "nb" and only_language():
        if os.environ["PLANT"] == "crash":
            os._exit(3)  # the worker process dies, as when the system stops it
        get_plugin_logger("planted").warning("a warning of MkDocs' own kind")  # strict: the build aborts
"""


@pytest.mark.parametrize("kind", ["crash", "abort"])
def test_a_failing_worker_is_reported_and_the_build_fails(with_errors, tmp_path, kind):
    site, builds, *_ = with_errors
    (tmp_path / "plant.py").write_text(CRASH)
    hooks = "".join(f"  - {h}\n" for h in [*HOOKS, tmp_path / "plant.py"])
    config = site.root / f"mkdocs-{kind}.yml"
    config.write_text(f"INHERIT: mkdocs.yml\nhooks:\n{hooks}", encoding="utf-8")
    done = handbook_build(config, tmp_path / "site", "--jobs", "2", env={**NO_GIT, "PLANT": kind}, timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.output
    if kind == "crash":
        assert "'nb' was not built: a worker process ended before its build did" in done.output
    else:
        assert "the build of 'nb' stopped: Aborted with 1 warnings in strict mode!" in done.output
        assert "WARNING -  planted: a warning of MkDocs' own kind" in done.output
        # What the other languages found is still shown.
        assert "docs/index.fi.md:12:17: link target 'nowhere.md' does not exist" in done.output
        # A part built elsewhere (a CI job) that stopped: the assembling job says so, and fails.
        env = {**NO_GIT, "PLANT": kind}
        part = handbook_build(config, None, "--lang", "nb", "--part-dir", str(tmp_path / "parts"), env=env)
        assert part.returncode == 1 and "the build of 'nb' stopped: Aborted with 1 warnings" in part.output
        shutil.copytree(site.root / "parts" / "one", tmp_path / "parts" / "one")
        shutil.copytree(site.root / "parts" / "two" / "he", tmp_path / "parts" / "he")
        assembled = handbook_build(config, tmp_path / "assembled", "--from-parts", str(tmp_path / "parts"), env=env)
        assert assembled.returncode == 1 and "Traceback" not in assembled.output
        assert ("the part of 'nb' is not complete: its build stopped: Aborted with 1 warnings in strict mode!"
                in assembled.output)
    assert list((tmp_path / "site").iterdir()) == []  # emptied when the build began, as MkDocs does; nothing assembled


def test_build_options_that_cannot_work_are_refused(with_errors):
    site, *_ = with_errors
    config = site.root / "mkdocs.yml"
    unknown = handbook_build(config, None, "--lang", "xx", "--part-dir", str(site.root / "p"), env=NO_GIT)
    assert unknown.returncode == 1 and "--lang xx: not a language of" in unknown.output
    assert "name one of: en, fi, nb, he" in unknown.output
    alone = handbook_build(config, None, "--lang", "fi", env=NO_GIT)
    assert alone.returncode == 1 and "--lang builds a part of the site: name the folder for it with --part-dir" \
        in alone.output
    for share in ("3/2", "0/2", "x", "1/2 extra"):
        wrong = handbook_build(config, None, "--share", share, "--part-dir", str(site.root / "p"), env=NO_GIT)
        assert wrong.returncode == 2
        assert f"--share {share}: write it as K/N, K from 1 to N: --share 1/2 for the first of two jobs" in wrong.output
    both = handbook_build(config, None, "--share", "1/2", "--lang", "fi", "--part-dir", str(site.root / "p"), env=NO_GIT)
    assert both.returncode == 2 and "--share and --lang both choose the languages: name one" in both.output
    alone = handbook_build(config, None, "--share", "1/2", env=NO_GIT)
    assert alone.returncode == 1 and "--share builds a part of the site: name the folder for it with --part-dir" \
        in alone.output
    assert not (site.root / "p").exists()
    for options, message in ((("--lang", ""), "--lang names no language: name one or more, such as --lang fi"),
                             (("--lang", ",", "--part-dir", str(site.root / "p")), "--lang names no language"),
                             (("--sequential", "--lang", "fi", "--part-dir", str(site.root / "p")),
                              "--sequential builds the whole site in one process: it takes no --lang, --part-dir")):
        wrong = handbook_build(config, None, *options, env=NO_GIT)
        assert wrong.returncode == 2 and message in wrong.output, wrong.output
    a_file = site.root / "a-file"
    a_file.write_text("", encoding="utf-8")
    for options, what in ((("--part-dir", str(a_file)), "--part-dir"), (("-d", str(a_file)), "-d")):
        wrong = handbook_build(config, None, *options, env=NO_GIT)
        assert wrong.returncode == 1 and wrong.output.splitlines() == [
            f"handbook build: {what} {a_file}: it is a file, not a folder; name a folder that can be made and written"]
    inside = handbook_build(config, site.root / "out", "--from-parts", str(site.root / "out" / "parts"), env=NO_GIT)
    assert inside.returncode == 1 and inside.output.splitlines() == [
        f"handbook build: --from-parts {site.root / 'out' / 'parts'} and the site folder {site.root / 'out'} overlap: "
        "the site folder is emptied before the parts are put in it; keep the parts in a folder of their own"]
    assert not (site.root / "p").exists()
    beyond = handbook_build(config, None, "--share", "5/6", "--part-dir", str(site.root / "p"), env=NO_GIT)
    assert beyond.ok and "share 5/6: no language to build (4 languages, 6 shares); this job leaves no part" \
        in beyond.output
    assert not list((site.root / "p").rglob("*"))


def test_on_one_core_the_options_of_a_part_still_build_a_part(with_errors, monkeypatch, capsys):
    """On one core `handbook build` is one `mkdocs build`; --share, --lang and --part-dir
    still mean a part, and are refused or obeyed as on more cores, never ignored."""
    import handbook.tools.parallel
    from handbook.tools.cli import main

    site, *_ = with_errors
    monkeypatch.setattr(handbook.tools.parallel, "default_jobs", lambda: 1)
    monkeypatch.chdir(site.root)
    assert main(["build", "--share", "1/2"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "handbook build: --share builds a part of the site: name the folder for it with --part-dir "
        "(then assemble the parts with --from-parts)")
    with pytest.raises(SystemExit) as stopped:
        main(["build", "--share", "x"])
    assert stopped.value.code == 2 and "--share x: write it as K/N" in capsys.readouterr().err


# --- handbook serve --lang fi -----------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    """(status, page) of a URL; status 0 while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def _served(url: str) -> str | None:
    status, html = _get(url)
    return html if status == 200 else None


def _logged(output: list[str], text: str) -> str | None:
    """What the server printed so far, once it has printed ``text``."""
    joined = "".join(output)
    return joined if text in joined else None


def _until(condition, what: str, output, timeout: float = 120):
    """Poll ``condition`` until it holds; fail with the server's output after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)  # between polls only: what is waited for is the state, not the time
    pytest.fail(f"{what}: not within {timeout} s\n" + "".join(output[-60:]))


def test_serve_one_language_checks_the_others_and_rebuilds_an_edit(tmp_path):
    site = FixtureSite(tmp_path)
    site.page("index.md", "Home", "Read [the other page](other.md#shared).\n")
    site.page("other.md", "Other", "\n## Shared heading {#shared}\n\nText.\n")
    other = site.docs / "other.md"
    other.write_text(other.read_text() + "\nAn English [broken link](nowhere.md).\n")
    other_nb = site.docs / "other.nb.md"
    other_nb.write_text(other_nb.read_text() + "\n<script>alert(1)</script>\n")
    script_line = len(other_nb.read_text().splitlines())
    # An English page no language has yet: the Finnish preview renders it in Finnish's place.
    solo = "Text.\n\n<script>alert(2)</script>\n"
    site.page("solo.md", "Solo", solo, languages=["en"])
    solo_script = (f"handbook: docs/solo.md:{len((site.docs / 'solo.md').read_text().splitlines())}:1: "
                   "a script (<script>) is not published")
    config = site.write_config()
    empty = subprocess.run([sys.executable, "-m", "handbook.tools.cli", "serve", "--lang=", "-f", str(config)],
                           cwd=tmp_path, capture_output=True, text=True, env={**os.environ, **NO_GIT})
    assert empty.returncode == 2 and empty.stderr == "handbook serve: --lang names no language: name one, such as --lang fi\n"
    port = _free_port()
    command = [sys.executable, "-m", "handbook.tools.cli", "serve", "--lang", "fi", "-f", str(config),
               "-a", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, **NO_GIT, "PYTHONUNBUFFERED": "1"})
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(process.stdout), daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    try:
        html = _until(lambda: _served(f"{base}/fi/other/"), "the Finnish page served", output)
        assert 'lang="fi"' in html and "Other fi" in html
        assert _get(f"{base}/other/")[0] == 404  # the English pages are not built
        text = _until(lambda: _logged(output, "Serving on"), "the first build's log", output)
        assert "previewing 'fi' only, at /fi/" in text
        # The English page's broken link is still found: the checks read every language.
        assert "handbook: docs/other.md:13:26: link target 'nowhere.md' does not exist in any language" in text
        # And so is what the guard would remove from a Norwegian page no preview renders.
        assert f"handbook: docs/other.nb.md:{script_line}:1: a script (<script>) is not published" in text
        fi = site.docs / "other.fi.md"
        fi.write_text(fi.read_text() + "\nA sentence saved during the preview.\n")
        _until(lambda: "A sentence saved during the preview." in _get(f"{base}/fi/other/")[1],
               "the edit rebuilt", output)
        # A new title shows in every page's navigation, the 404 page at the root included,
        # which MkDocs serves for every address the preview does not build.
        fi.write_text(fi.read_text().replace("Other fi", "Toinen sivu"))
        _until(lambda: "Toinen sivu" in _get(f"{base}/fi/other/")[1], "the title's edit rebuilt", output)
        assert "Toinen sivu" in _get(f"{base}/fi/404.html")[1] and "Toinen sivu" in _get(f"{base}/404.html")[1]
        # Once translated, the English page is not rendered by the preview, and still guarded.
        assert "".join(output).count(solo_script) >= 1
        before = "".join(output).count(solo_script)
        site.page("solo.md", "Solo", solo, languages=["en", "fi"])
        _until(lambda: "Solo fi" in _get(f"{base}/fi/solo/")[1], "the translation built", output)
        _until(lambda: "".join(output).count(solo_script) > before, "the English page guarded again", output)
    finally:
        process.send_signal(signal.SIGINT)  # mkdocs serve removes its temporary site
        try:
            process.communicate(timeout=30)
        finally:
            process.kill()  # nothing once it has ended
