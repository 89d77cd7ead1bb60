"""Which Chromium the browser tests and the card PDFs start (handbook.tools.browser)."""
from __future__ import annotations

from handbook.tools.browser import chromium_path


def test_the_headless_shell_comes_first_then_chromium_and_chromium_decides(tmp_path, monkeypatch):
    for name in ("chromium", "chromium-headless-shell"):
        (tmp_path / name).write_text("#!/bin/sh\n", encoding="utf-8")
        (tmp_path / name).chmod(0o755)
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    found = [chromium_path()]
    (tmp_path / "chromium-headless-shell").unlink()
    found.append(chromium_path())
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "elsewhere"))
    (tmp_path / "elsewhere").write_text("", encoding="utf-8")
    found.append(chromium_path())
    assert found == [str(tmp_path / "chromium-headless-shell"), str(tmp_path / "chromium"), str(tmp_path / "elsewhere")]


def test_the_site_server_sends_the_headers_it_is_given_on_every_response(tmp_path):
    import urllib.error
    import urllib.request

    from handbook.tools.browser import serve

    (tmp_path / "index.html").write_text("<p>Hi</p>", encoding="utf-8")
    with serve(str(tmp_path), headers={"LinkChecker": "unthrottled"}) as base:
        page = urllib.request.urlopen(base)
        try:
            urllib.request.urlopen(base + "missing.html")
        except urllib.error.HTTPError as missing:
            answers = [(page.status, page.headers["LinkChecker"]), (missing.code, missing.headers["LinkChecker"])]
    assert answers == [(200, "unthrottled"), (404, "unthrottled")]
