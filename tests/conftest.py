"""Shared fixtures: the real handbook is built once per test run (per test process).

The tests come in layers, each folder its own:
  unit/        the checks and the page model on case tables, and the content: no build
  builds/      small fixture sites and the real one built into tmp_path: their exact HTML and findings
  reader/      what a reader sees, in Chromium: axe, search, the switcher, right to left, language
  publishing/  nginx, the Content-Security-Policy, CI files
  project/     the contributor's commands, a fifth language, the benchmark
"""
from __future__ import annotations

import fcntl
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sites import ORGANISATION, ROOT, Build, FixtureSite, mkdocs_build


# The longest tests first: two workers take the tests in order, and a long one started
# last keeps one worker busy while the other has nothing left to do.
LONGEST = ("test_a_fifth_language_added", "test_every_page_on_a_desktop_and_on_a_phone", "test_quick_benchmark",
           "test_quick_parallel_benchmark",
           "test_every_page_type_loads_only_from_the_local_server", "test_reader_checks_pass_on_the_other")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: not any(name in item.nodeid for name in LONGEST))  # stable: the rest keep their order


@pytest.fixture(scope="session")
def site(request, tmp_path_factory) -> Build:
    """The real handbook, built with --strict once per test run: the first test process
    to ask builds it, the others wait and read it (pytest-xdist's way for a session
    fixture, with a lock in the run's shared temporary folder). Tests only read it."""
    root = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):  # a pytest-xdist worker: its run's folder, shared by its workers
        root = root.parent
    record = root / "handbook-build.json"
    with open(root / "handbook-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if record.is_file():
            data = json.loads(record.read_text(encoding="utf-8"))
            build = Build(data["returncode"], data["output"], Path(data["site"]))
        else:
            build = mkdocs_build(ROOT / "mkdocs.yml", root / "handbook" / "site")
            record.write_text(json.dumps({"returncode": build.returncode, "output": build.output,
                                          "site": str(build.site)}), encoding="utf-8")
    assert build.ok, build.output
    return build


@pytest.fixture
def fixture_site(tmp_path) -> FixtureSite:
    return FixtureSite(tmp_path)


# --- browser ----------------------------------------------------------------

ARTIFACTS = ROOT / "test-artifacts"  # screenshots and PDFs a reviewer can open


@pytest.fixture(scope="session")
def served(site):
    """The built handbook over HTTP on 127.0.0.1; yields the base URL."""
    from handbook.tools.browser import serve

    # Where the site is published (intranet_url's path, such as /handbook/): the build
    # made its 404 pages and absolute links for that path.
    with serve(str(site.site), prefix=urlsplit(ORGANISATION["intranet_url"]).path) as base:
        yield base


class ReducedMotion:
    """A browser whose every context and page asks for reduced motion.

    Material then switches its transitions off (its CSS honours
    prefers-reduced-motion), so a test sees a menu or drawer in its final state,
    never a frame of a fade: nothing a test measures depends on timing.
    """

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        return self._browser.new_context(**{"reduced_motion": "reduce", **options})

    def new_page(self, **options):
        return self._browser.new_page(**{"reduced_motion": "reduce", **options})

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (it cannot download its own here)."""
    from playwright.sync_api import sync_playwright

    from handbook.tools.browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield ReducedMotion(chromium)
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
