"""Hostile and ordinary content against the allowlist over the rendered HTML.

A hostile corpus of constructs a contributor with bad intent would try, spread over the
four languages: each fails the strict build at its place in the source, `handbook check`
finds the same, and a non-strict build publishes none of it. An ordinary corpus that
looks dangerous to a line-based check builds clean.
"""
from __future__ import annotations

import re

import pytest
from justhtml import JustHTML

from builds.test_hooks_corpus import assert_fails_with, checked, findings
from handbook.core.source import split_front_matter
from handbook.core.translations import record_version, source_version
from sites import LANGUAGES, FixtureSite

# (language, Markdown, where the finding points: the text at its column, message)
HOSTILE = [
    ("en", 'Text with a handler\n{: onclick="alert(1)" }', 'onclick="alert',
     "event handler 'onclick' on a paragraph runs script; remove it"),
    ("en", '<p\n  onmouseover="steal()">A tag over two lines.</p>', 'onmouseover=',
     "event handler 'onmouseover' on a paragraph runs script; remove it"),
    ("en", '<img src="logo.png" alt="" ONERROR="steal()">', "ONERROR",
     "event handler 'onerror' on an image runs script; remove it"),
    ("en", '<span onfocus = "steal()">Focus</span>', "onfocus",
     "event handler 'onfocus' on a span of text runs script; remove it"),
    ("en", '<a href="jav&#x09;ascript:alert(1)">Tab</a>', "jav&#x09;",
     "'javascript:' link is not allowed: it runs script or hides content in the address; link to a page, "
     "an https:// address or a mailto: address"),
    ("en", '<a href="&#106;avascript:alert(1)">Entity</a>', "&#106;",
     "'javascript:' link is not allowed: it runs script or hides content in the address; link to a page, "
     "an https:// address or a mailto: address"),
    ("en", "[Click](javascript:alert(1))", "javascript:alert",
     "'javascript:' link is not allowed: it runs script or hides content in the address; link to a page, "
     "an https:// address or a mailto: address"),
    ("en", '<a href=" JAVASCRIPT:alert(1)">Upper</a>', " JAVASCRIPT",
     "'javascript:' link is not allowed: it runs script or hides content in the address; link to a page, "
     "an https:// address or a mailto: address"),
    ("fi", "[Tiedot](data:text/html;base64,PHNjcmlwdD4=)", "data:text",
     "'data:' link is not allowed: it runs script or hides content in the address; link to a page, "
     "an https:// address or a mailto: address"),
    ("fi", '<a href="vbscript:msgbox(1)">VB</a>', "vbscript",
     "'vbscript:' link is not allowed: it runs script or hides content in the address; link to a page, "
     "an https:// address or a mailto: address"),
    ("fi", "![Kissa](https://images.example.org/cat.png)", "https://images",
     "an image loads from another server (images.example.org), which readers' browsers would contact; "
     "save it under docs/ and link it relatively"),
    ("fi", '<img src="//cdn.example.org/x.png" alt="">', "//cdn",
     "an image loads from another server (cdn.example.org), which readers' browsers would contact; "
     "save it under docs/ and link it relatively"),
    ("fi", '<video src="https://media.example.org/v.mp4" controls></video>', "https://media",
     "a video loads from another server (media.example.org), which readers' browsers would contact; "
     "link to the video instead, or save it under docs/ and link it relatively"),
    ("fi", '<iframe src="https://www.youtube.com/embed/abc"></iframe>', "<iframe",
     "an embedded video (www.youtube.com) is not published; link to the video instead: "
     "[Title of the video](https://www.youtube.com/embed/abc)"),
    ("fi", "<style>body { display: none }</style>", "<style",
     "a style sheet (<style>) is not published; remove it, and ask for a class in the handbook's CSS"),
    ("fi", '<p style="background: url(https://x.example/t.png)">Tausta</p>', "style=",
     "inline style on a paragraph is not published (it can load from other servers or hide text); remove it, "
     "and use Markdown or a class the handbook's CSS defines"),
    ("fi", '<iframe src="https://forms.example.org/f"></iframe>', "<iframe",
     "an embedded frame (<iframe>) is not published; link to the page instead"),
    ("nb", '<link rel="stylesheet" href="https://cdn.example.org/x.css">', "<link",
     "a linked resource (<link>) is not published; remove it: the site's styles are set in mkdocs.yml (extra_css)"),
    ("nb", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta",
     "a <meta> element is not published; remove it: a page's metadata goes in its front matter"),
    ("nb", '<base href="https://evil.example/">', "<base",
     "a <base> element is not published; remove it: it changes where every link on the page goes"),
    ("nb", '<form action="https://evil.example/"><input name="q"></form>', "<form",
     "a form is not published; link to the form instead"),
    ("nb", '<form action="https://evil.example/"><input name="q"></form>', "<input",
     "a form field is not published; link to the form instead"),
    ("nb", '<object data="https://evil.example/x.swf"></object>', "<object",
     "an embedded object (<object>) is not published; link to the file instead"),
    ("nb", '<embed src="https://evil.example/x.swf">', "<embed",
     "embedded content (<embed>) is not published; link to the file instead"),
    ("nb", '<svg onload="alert(1)"><circle r="5"/></svg>', "<svg",
     "inline SVG is not published; save it as a file under docs/ and include it as an image"),
    ("nb", '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>', "<math",
     "inline MathML is not published; write the formula as text, or include it as an image"),
    ("he", "<script>alert(1)</script>", "<script",
     "a script (<script>) is not published; remove it: pages publish no scripts"),
    ("he", '<noscript><p title="</noscript><img src=logo.png onerror=alert(1)>"></p></noscript>', "<noscript",
     "a <noscript> block is not published; remove it"),
    ("he", '<noscript><p title="</noscript><img src=logo.png onerror=alert(1)>"></p></noscript>', "onerror",
     "event handler 'onerror' on an image runs script; remove it"),
    ("he", "<textarea>טקסט</textarea>", "<textarea",
     "a text box is not published; link to the form instead"),
    ("he", '<button type="button">כפתור</button>', "<button",
     "a button is not published; link to the form instead"),
    ("he", '<details ontoggle="alert(1)" open><summary>כותרת</summary>תוכן</details>', "ontoggle",
     "event handler 'ontoggle' on a collapsible block runs script; remove it"),
    ("he", '<img src="logo.png" srcset="https://evil.example/x.png 2x" alt="">', "srcset",
     "'srcset' on an image can load from other servers; remove it and keep one relative src"),
    ("he", '<template><img src=logo.png onerror=alert(1)></template>', "<template",
     "a <template> element is not published; remove it"),
    ("he", '<div data-track="1" onpointerenter="steal()">מעקב</div>', "data-track",
     "attribute 'data-track' is not allowed on a block; remove it, or, if it is safe, add it to "
     "extra.html_allowlist in mkdocs.yml"),
    ("he", '<div data-track="1" onpointerenter="steal()">מעקב</div>', "onpointerenter",
     "event handler 'onpointerenter' on a block runs script; remove it"),
    ("he", "[קישור](javascript:alert(1))", "javascript:alert",
     "'javascript:' link is not allowed: it runs script or hides content in the address; link to a page, "
     "an https:// address or a mailto: address"),
]

# What a published page must not contain anywhere: every hostile construct above leaves one of these.
LEFTOVERS = re.compile(r"\son[a-z]+\s*=|javascript:|vbscript:|data:text|evil\.example|images\.example|cdn\.example"
                       r"|media\.example|forms\.example|youtube|x\.example|<(iframe|object|embed|form|input[^>]*name"
                       r"|textarea|button|math|noscript|template|base|link|meta http-equiv)\b", re.I)


def article(page_html: str) -> str:
    """The page's article: its content and what the theme puts around it (title, edit button)."""
    return "".join(a.to_html(pretty=False) for a in JustHTML(page_html, sanitize=False).query("article"))

ORDINARY = """
Inline code shows markup as text: `<script>alert(1)</script>` and `<p onclick="x()">`.

```html
<script>alert("fenced")</script>
<iframe src="https://www.youtube.com/embed/abc"></iframe>
<p onclick="x()" style="color: red">Example</p>
```

Prose can mention onclick= and style= without being markup, and 3 < 5 > 2.

Suomeksi: jos arvo < 10 ja > 2, kirjoita se näin. בעברית: אם הערך < 10 ו־> 2, כתבו כך.

Links out are fine: [the EU's GDPR page](https://commission.europa.eu/law/law-topic/data-protection_en),
[mail us](mailto:communications@example.org) and <https://www.example.org/>.

| Left | Centre |
|:-----|:------:|
| a    | b      |

- [x] A checked task
- [ ] An open task
"""


def hostile_site(tmp_path) -> FixtureSite:
    """A home page and a page whose every language carries its part of HOSTILE."""
    site = FixtureSite(tmp_path)
    site.page("index.md", "Home", "Start [here](hostile.md).\n")
    site.page("hostile.md", "Hostile", "Intro.\n")
    (site.docs / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for lang in LANGUAGES:
        path = site.docs / ("hostile.md" if lang == "en" else f"hostile.{lang}.md")
        text = path.read_text(encoding="utf-8")
        constructs = dict.fromkeys(markdown for lang_, markdown, _, _ in HOSTILE if lang_ == lang)
        # Each language's own constructs, in a section the structure check leaves out (.local).
        path.write_text(text + f"\n## Constructs {{#constructs-{lang} .local}}\n"
                        + "".join(f"\n{markdown}\n" for markdown in constructs), encoding="utf-8")
    version = source_version(site.docs.joinpath("hostile.md").read_text(encoding="utf-8"))
    for lang in LANGUAGES[1:]:  # the translations match the original as it is now
        path = site.docs / f"hostile.{lang}.md"
        path.write_text(record_version(path.read_text(encoding="utf-8"), version), encoding="utf-8")
    return site


def expected(site: FixtureSite) -> list[str]:
    """Each HOSTILE finding at the line and column where its text is in the file."""
    found, taken = [], set()
    for lang, _, at, message in HOSTILE:
        name = "hostile.md" if lang == "en" else f"hostile.{lang}.md"
        lines = site.docs.joinpath(name).read_text(encoding="utf-8").splitlines()
        line, col = next((n, line.index(at) + 1) for n, line in enumerate(lines, 1)
                         if at in line and (name, n, line.index(at)) not in taken)
        taken.add((name, line, col - 1))
        found.append(f"docs/{name}:{line}:{col}: {message}")
    return found


def test_every_hostile_construct_fails_the_build_at_its_source(tmp_path):
    site = hostile_site(tmp_path)
    assert len(HOSTILE) >= 30 and {lang for lang, *_ in HOSTILE} == set(LANGUAGES)
    assert_fails_with(site.build(), *expected(site))


def test_a_non_strict_build_publishes_none_of_it(tmp_path):
    site = hostile_site(tmp_path)
    site.config = "extra:\n  checks:\n    unsafe_html: warning\n"
    build = site.build(strict=False)
    assert build.ok, build.output
    assert sorted(findings(build)) == sorted(expected(site))  # still reported, as warnings
    pages = sorted(build.site.rglob("*.html"))
    assert len(pages) == 4 * 3  # home, hostile and 404 in every language: none dropped
    for page in pages:
        content = article(page.read_text(encoding="utf-8"))
        assert not LEFTOVERS.search(content), (page, LEFTOVERS.search(content).group(0))
    for lang in LANGUAGES:  # the readers still get the text around what was removed
        prefix = "" if lang == "en" else f"{lang}/"
        assert "Intro." in build.page(f"{prefix}hostile/")


def test_ordinary_content_that_looks_dangerous_builds_clean(tmp_path):
    site = FixtureSite(tmp_path)
    site.page("index.md", "Home", ORDINARY)
    home = site.docs / "index.md"
    # A byte order mark and Windows line endings, as some editors save files.
    home.write_bytes(b"\xef\xbb\xbf" + home.read_text(encoding="utf-8").replace("\n", "\r\n").encode())
    build = site.build()
    assert build.ok, build.output
    assert findings(build) == []
    assert checked(site.root) == (0, [])
    html = build.page("")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as code, not run
    assert 'href="mailto:communications@example.org"' in html
    assert '<td style="text-align: center;">b</td>' in html  # the tables extension's alignment is kept
    assert article(html).count('type="checkbox"') == 2
    assert split_front_matter(home.read_text(encoding="utf-8-sig")).data["title"] == "Home"


@pytest.mark.parametrize("widen, problem", [
    ("elements: [script]", "mkdocs.yml:{n}:5: extra.html_allowlist cannot allow <script>: it runs script, loads from "
                           "elsewhere or takes input; remove it from elements"),
    ("attributes: {p: [onclick]}", "mkdocs.yml:{n}:5: extra.html_allowlist cannot allow 'onclick' on <p>: it runs "
                                   "script or loads from elsewhere; remove it from attributes"),
])
def test_the_allowlist_cannot_be_widened_to_unsafe_content(tmp_path, widen, problem):
    site = FixtureSite(tmp_path)
    site.page("index.md", "Home", "Text.\n")
    site.config = f"extra:\n  html_allowlist:\n    {widen}\n"
    build = site.build()
    assert not build.ok and "Traceback" not in build.output
    lines = (site.root / "mkdocs.yml").read_text().splitlines()
    n = next(i for i, line in enumerate(lines, 1) if line.strip() == widen)
    assert problem.format(n=n) in build.output, build.output


def test_a_widened_allowlist_publishes_what_it_names(tmp_path):
    site = FixtureSite(tmp_path)
    site.page("index.md", "Home", '<figure class="wide" data-kind="photo">\n<img src="x.png" alt="A photo">\n</figure>\n')
    (site.docs / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    site.config = "extra:\n  html_allowlist:\n    attributes: {figure: [data-kind]}\n"
    build = site.build()
    assert build.ok, build.output
    assert '<figure class="wide" data-kind="photo">' in build.page("")
