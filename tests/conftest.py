"""Shared fixtures: the real handbook is built once per test run."""
from __future__ import annotations

import pytest

from sites import ROOT, Build, FixtureSite, mkdocs_build


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The real handbook, built with --strict into a temporary folder."""
    build = mkdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("handbook") / "site")
    assert build.ok, build.output
    return build


@pytest.fixture
def fixture_site(tmp_path) -> FixtureSite:
    return FixtureSite(tmp_path)
