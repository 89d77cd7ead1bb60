"""Publishing: the shipped nginx example serves the built handbook, tested against real nginx.

deploy/nginx/handbook.conf (own host name) serves the session's real build on
127.0.0.1; deploy/nginx/handbook-subpath.conf serves a small fixture handbook
built for /handbook/ inside a stand-in intranet server. Both include
deploy/nginx/snippets/handbook-headers.conf. Only the listen and root lines are
changed for the test; everything else is the file as shipped.
"""
from __future__ import annotations

import gzip
import re
import shutil
from urllib.parse import urljoin, urlsplit

import pytest

from handbook.tools.csp import inline_script_hashes
from publishing_support import (NGINX_DIR, free_port, http_get, nginx_main_conf, parse_csp, prefix,
                                run_nginx, search, shipped_csp, substitute, violations, watch)
from sites import LANGUAGES, ROOT, FixtureSite, mkdocs_build, page_text

# A word from each language's postulates page, for the search box.
SEARCH_WORDS = {"en": "trust", "fi": "luottamus", "nb": "tillit", "he": "אמון"}
# What a reader types: in Hebrew with an attached prefix ("and trust"), so that the
# query widening (docs/assets/search-prefixes.js) runs under the policy too.
QUERY_WORDS = {**SEARCH_WORDS, "he": "ואמון"}
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def _workdir(tmp_path_factory, name):
    work = tmp_path_factory.mktemp(name)
    shutil.copytree(NGINX_DIR / "snippets", work / "snippets")  # as in /etc/nginx/snippets/
    (work / "conf.d").mkdir()
    return work


@pytest.fixture(scope="module")
def root_site(tmp_path_factory):
    """The real handbook built for the root of a host of its own (HANDBOOK_SITE_URL: a
    preview published elsewhere than extra.organisation.intranet_url)."""
    build = mkdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("root-site") / "site",
                         env={"HANDBOOK_SITE_URL": "https://handbook.intranet.test/"})
    assert build.ok, build.output
    return build


@pytest.fixture(scope="module")
def nginx(root_site, tmp_path_factory):
    """deploy/nginx/handbook.conf serving the real build at the root of a host."""
    site = root_site
    work = _workdir(tmp_path_factory, "nginx-root")
    port = free_port()
    server = substitute((NGINX_DIR / "handbook.conf").read_text(encoding="utf-8"), {
        "listen 80;": f"listen 127.0.0.1:{port};",
        "root /var/www/handbook;": f"root {site.site};",
    })
    (work / "conf.d" / "handbook.conf").write_text(server, encoding="utf-8")
    with run_nginx(nginx_main_conf("  include conf.d/handbook.conf;", work), work, port) as base:
        yield base + "/"


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    """A small handbook built for https://intranet.example/handbook/, with a nested page."""
    from handbook.core.translations import source_version

    fixture = FixtureSite(tmp_path_factory.mktemp("subpath"), config="site_url: https://intranet.example/handbook/\n")
    shutil.copytree(ROOT / "docs" / "assets", fixture.docs / "assets")
    words = SEARCH_WORDS

    def page(path, title, body, owner="core-group"):
        original = page_text(title, body.replace("WORD", words["en"]), owner=owner)
        fixture.write(path, original)
        for lang in LANGUAGES[1:]:
            fixture.write(path[:-3] + f".{lang}.md", page_text(
                f"{title} {lang}", body.replace("WORD", words[lang]), owner=owner,
                extra=f"source_hash: {source_version(original)}\n"))

    page("index.md", "Home", "Welcome. See [the postulates](postulates.md).\n")
    page("postulates.md", "Postulates", "## Share {#share}\n\nSharing builds WORD.\n")
    page("roles.md", "Roles", "## Core group {#core-group}\n\nCoordinates.\n")
    page("charters/index.md", "Charters", "Charters need WORD too.\n")
    fixture.nav = ["index.md", "postulates.md", "roles.md", "charters/index.md"]
    build = fixture.build()
    assert build.ok, build.output
    return build


@pytest.fixture(scope="module")
def intranet(subpath_site, tmp_path_factory):
    """An existing intranet server that includes deploy/nginx/handbook-subpath.conf."""
    work = _workdir(tmp_path_factory, "nginx-subpath")
    (work / "www").mkdir()
    (work / "www" / "index.html").write_text("<!doctype html><title>Intranet</title><p>Intranet home</p>\n")
    (work / "www" / "handbook").symlink_to(subpath_site.site, target_is_directory=True)
    included = substitute((NGINX_DIR / "handbook-subpath.conf").read_text(encoding="utf-8"), {
        "root /var/www/intranet;": f"root {work / 'www'};",
    })
    (work / "snippets" / "handbook-subpath.conf").write_text(included, encoding="utf-8")
    port = free_port()
    server = (f"  server {{\n    listen 127.0.0.1:{port};\n    server_name intranet.test;\n"
              f"    root {work / 'www'};\n    include snippets/handbook-subpath.conf;\n  }}\n")
    with run_nginx(nginx_main_conf(server, work), work, port) as base:
        yield base + "/"


def _page_ok(page, url):
    """Open ``url`` in Chromium, watched; the responses that failed (4xx/5xx) while loading."""
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and r.url != url else None)
    response = page.goto(url)
    page.wait_for_load_state("load")
    return response, failed


# --- headers -------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["", "fi/postulates/", "he/no-such-page/", "assets/handbook.css",
                                  "nb/search/search_index.json"])
def test_security_headers_on_every_kind_of_response(nginx, path):
    status, headers, _ = http_get(nginx + path)
    assert status == (404 if "no-such" in path else 200)
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, f"{name} on /{path}"
    assert "camera=()" in headers.get("Permissions-Policy", "")
    assert headers.get("Content-Security-Policy") == shipped_csp()
    assert headers.get("Server") == "nginx", "server_tokens off hides the version"


def test_csp_is_strict_and_covers_every_inline_script_of_the_built_sites(site, subpath_site):
    policy = parse_csp(shipped_csp())
    assert policy["default-src"] == ["'none'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    scripts = policy["script-src"]
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert not [s for s in scripts if s.startswith(("http:", "https:", "*", "data:", "blob:"))]
    for build in (site, subpath_site):
        needed = inline_script_hashes(str(build.site))
        assert needed, "Material's pages have inline scripts"
        missing = {h: page for h, page in needed.items() if h not in scripts}
        assert not missing, ("inline scripts the policy blocks; run 'handbook csp --site site' and update "
                             f"deploy/nginx/snippets/handbook-headers.conf: {missing}")
    # What hashes cannot allow: inline event handlers and javascript: URLs.
    for path in site.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), path
        assert "javascript:" not in html.lower(), path


# --- caching and compression ---------------------------------------------------------

def test_caching_per_kind_of_file(nginx, root_site):
    bundle = next(p for p in (root_site.site / "assets/javascripts").glob("bundle.*.min.js"))
    stylesheet = next(p for p in (root_site.site / "assets/stylesheets").glob("main.*.min.css"))
    year = f"max-age={365 * 24 * 3600}"
    for path in (bundle, stylesheet):
        _, headers, _ = http_get(nginx + str(path.relative_to(root_site.site)))
        assert headers["Cache-Control"] == year, path.name
    for path in ("assets/handbook.css", "assets/handbook.js", "assets/logo.svg"):
        _, headers, _ = http_get(nginx + path)
        assert headers["Cache-Control"] == "max-age=3600", path
    for path in ("", "fi/roles/", "he/search/search_index.json", "sitemap.xml"):
        status, headers, _ = http_get(nginx + path)
        assert status == 200 and headers["Cache-Control"] == "no-cache", path
        etag = headers["ETag"]
        again, _, body = http_get(nginx + path, {"If-None-Match": etag})
        assert again == 304 and body == b"", f"revalidating /{path} costs no body"


@pytest.mark.parametrize("path", ["fi/postulates/", "assets/handbook.css", "assets/handbook.js",
                                  "he/search/search_index.json", "sitemap.xml"])
def test_gzip_for_text_files(nginx, root_site, path):
    status, headers, body = http_get(nginx + path, {"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in headers.get("Vary", "")
    local = root_site.site / (path + "index.html" if path.endswith("/") else path)
    assert gzip.decompress(body) == local.read_bytes()
    _, plain_headers, plain = http_get(nginx + path)
    assert "Content-Encoding" not in plain_headers and plain == local.read_bytes()


# --- 404 pages and redirects ------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_unknown_url_gets_its_languages_404(nginx, root_site, lang):
    for path in ("no-such-page/", "charters/no/such/page.html"):
        status, headers, body = http_get(nginx + prefix(lang) + path)
        assert status == 404
        assert headers["Content-Type"].startswith("text/html")
        assert body == (root_site.site / prefix(lang) / "404.html").read_bytes()
        assert f'<html lang="{lang}"' in body.decode("utf-8")


def test_other_unknown_urls_get_the_default_404_and_folders_redirect(nginx, root_site):
    root_404 = (root_site.site / "404.html").read_bytes()
    for path in ("no-such-folder/page/", "nope", "assets/no-such.css", "fi"):
        status, headers, body = http_get(nginx + path)
        if path == "fi":
            assert status == 301 and headers["Location"] == "/fi/", "relative redirect to the folder"
        else:
            assert status == 404 and body == root_404, path


# --- in Chromium ------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_work_in_chromium_under_the_policy(nginx, page, lang):
    complaints = watch(page)
    for path in ("", "postulates/", "charters/examples/"):
        response, failed = _page_ok(page, nginx + prefix(lang) + path)
        assert response.status == 200 and not failed, failed
        assert page.locator("html").get_attribute("lang") == lang
        assert violations(page) == [] and complaints == [], (path, violations(page), complaints)
    results = search(page, QUERY_WORDS[lang])
    assert results, f"no {lang} results for {QUERY_WORDS[lang]!r}"
    others = [f"/{code}/" for code in LANGUAGES if code != lang and code != "en"]
    for href, _ in results:
        path = urlsplit(urljoin(page.url, href)).path
        assert path.startswith("/" + prefix(lang)) and not path.startswith(tuple(others)), path
    assert violations(page) == [] and complaints == []
    page.goto(urljoin(page.url, results[0][0]))
    assert page.locator("html").get_attribute("lang") == lang


@pytest.mark.parametrize("lang", ("fi", "he"))
def test_404_page_works_in_chromium_at_any_depth(nginx, page, lang):
    complaints = watch(page)
    response, failed = _page_ok(page, nginx + f"{lang}/no/such/deep/page/")
    assert response.status == 404 and not failed, failed
    assert page.locator("html").get_attribute("lang") == lang
    styled = page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position")
    assert styled in ("sticky", "fixed"), "Material's stylesheet applies on the 404 page"
    results = search(page, QUERY_WORDS[lang])
    assert results and all(urlsplit(urljoin(page.url, h)).path.startswith(f"/{lang}/") for h, _ in results)
    assert violations(page) == [] and complaints == []


# --- under a sub-path of the intranet ------------------------------------------------------

def test_subpath_headers_are_scoped_to_the_handbook(intranet, subpath_site):
    status, headers, body = http_get(intranet)
    assert status == 200 and b"Intranet home" in body
    assert "Content-Security-Policy" not in headers, "the rest of the intranet keeps its own policy"
    status, headers, _ = http_get(intranet + "handbook")
    assert status == 301 and headers["Location"] == "/handbook/"
    status, headers, _ = http_get(intranet + "handbook/fi/")
    assert status == 200 and headers["Content-Security-Policy"] == shipped_csp()
    assert headers["Cache-Control"] == "no-cache"
    bundle = next((subpath_site.site / "assets/javascripts").glob("bundle.*.min.js"))
    _, headers, _ = http_get(intranet + "handbook/" + str(bundle.relative_to(subpath_site.site)),
                             {"Accept-Encoding": "gzip"})
    assert headers["Cache-Control"] == f"max-age={365 * 24 * 3600}" and headers["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_subpath_404_per_language(intranet, subpath_site, lang):
    status, _, body = http_get(intranet + "handbook/" + prefix(lang) + "no/such/page/")
    assert status == 404 and body == (subpath_site.site / prefix(lang) / "404.html").read_bytes()
    status, _, body = http_get(intranet + "handbook/nope")
    assert status == 404 and body == (subpath_site.site / "404.html").read_bytes()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_subpath_pages_and_404_work_in_chromium(intranet, page, lang):
    complaints = watch(page)
    for path, status in (("", 200), ("charters/", 200), ("no/such/page/", 404)):
        response, failed = _page_ok(page, intranet + "handbook/" + prefix(lang) + path)
        assert response.status == status and not failed, failed
        assert page.locator("html").get_attribute("lang") == lang
        assert violations(page) == [] and complaints == [], (path, violations(page), complaints)
    results = search(page, QUERY_WORDS[lang])
    paths = {urlsplit(urljoin(page.url, href)).path for href, _ in results}
    assert paths and all(p.startswith("/handbook/" + prefix(lang)) for p in paths), paths
    assert violations(page) == [] and complaints == []


def test_handbook_csp_command_prints_what_the_shipped_policy_allows(site):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "handbook.tools.cli", "csp", "--site", str(site.site)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    words = done.stdout.split()
    assert words[:2] == ["script-src", "'self'"] and len(words) > 2
    assert set(words[2:]) == set(inline_script_hashes(str(site.site)))
    assert set(words[2:]) <= set(parse_csp(shipped_csp())["script-src"])
    empty = subprocess.run([sys.executable, "-m", "handbook.tools.cli", "csp", "--site", str(ROOT / "docs")],
                           capture_output=True, text=True, cwd=ROOT)
    assert empty.returncode == 1 and "mkdocs build" in empty.stderr
