"""Shared fixtures: the real handbook is built once per test run (per test process).

The tests come in layers, each folder its own:
  unit/        the checks and the page model on case tables, and the content: no build
  builds/      small fixture sites and the real one built into tmp_path: their exact HTML and findings
  reader/      what a reader sees, in Chromium: axe, search, the switcher, right to left, language
  publishing/  nginx, the Content-Security-Policy, CI files
  project/     the contributor's commands, a fifth language, the benchmark
"""
from __future__ import annotations

import pytest

from urllib.parse import urlsplit

from sites import ORGANISATION, ROOT, Build, FixtureSite, mkdocs_build


# The longest tests first: two workers take the tests in order, and a long one started
# last keeps one worker busy while the other has nothing left to do.
LONGEST = ("test_a_fifth_language_added", "test_every_page_on_a_desktop_and_on_a_phone", "test_quick_benchmark",
           "test_quick_parallel_benchmark",
           "test_every_page_type_loads_only_from_the_local_server", "test_reader_checks_pass_on_the_other")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: not any(name in item.nodeid for name in LONGEST))  # stable: the rest keep their order


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The real handbook, built with --strict into a temporary folder."""
    build = mkdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("handbook") / "site")
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
