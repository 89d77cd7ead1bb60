"""What a page may publish: an allowlist over its rendered HTML.

Checked after Markdown and its extensions, before the theme, with JustHTML: an HTML5
parser that passes the html5lib test suite (it reads markup exactly as a browser
does, multi-line tags, entities and odd spellings included) and an allowlist
sanitizer that reports each thing it removes. Pure Python, so building needs no
compiler and no system library. Regular expressions over Markdown lines cannot see
what attr_list or raw HTML turn into; the parser sees what readers' browsers get.

A page whose HTML passes is published exactly as rendered; one that does not is
published as the sanitizer leaves it, and every removal is a finding at its source.
JustHTML is imported only then: importing it took 0.1 s of every build process.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser

from handbook.core.source import browser_url


# What the site's Markdown extensions produce (mkdocs.yml markdown_extensions and
# handbook.markup) and the handbook needs. Media are allowed from inside the site.
ELEMENTS = frozenset("""
    p br hr h1 h2 h3 h4 h5 h6 a em strong b i u s del ins mark small sub sup code kbd pre
    span div blockquote ul ol li dl dt dd table caption thead tbody tfoot tr th td
    img figure figcaption picture video audio source track abbr details summary input label
""".split())
ATTRIBUTES = {
    "*": ("id", "class", "title", "lang", "dir", "role"),
    "a": ("href", "rel", "hreflang"),
    "img": ("src", "alt", "width", "height", "loading"),
    "video": ("src", "poster", "controls", "width", "height", "preload", "muted", "loop"),
    "audio": ("src", "controls", "preload", "muted", "loop"),
    "source": ("src", "type", "media"),
    "track": ("src", "kind", "srclang", "label", "default"),
    "th": ("colspan", "rowspan", "scope", "style"),
    "td": ("colspan", "rowspan", "style", "data-lang", "data-state"),
    "ol": ("start", "type"),
    "details": ("open",),
    "input": ("type", "checked", "disabled"),  # the task lists' checkboxes: VALUES
    "label": ("for",),
}
# Attributes that may only have these values. The tables extension aligns columns with
# an inline style, and nothing else may: the CSS filter would drop other properties
# without reporting them.
_ALIGN = re.compile(r"\s*text-align:\s*(left|right|center|justify)\s*;?\s*")  # the whole value
VALUES = {("input", "type"): {"checkbox"}, ("th", "style"): {_ALIGN}, ("td", "style"): {_ALIGN}}
ELEMENT_TYPES = {"input": {"checkbox"}}  # and the element is only published with one of them
STYLE_PROPERTIES = frozenset({"text-align"})
LINK_SCHEMES = ("https", "http", "mailto")
MEDIA_SOURCES = {("img", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"),
                 ("source", "src"), ("track", "src")}

# Never allowed, whatever mkdocs.yml widens: they run script, load from elsewhere,
# send readers elsewhere or take input.
FORBIDDEN_ELEMENTS = frozenset("""
    script style meta base link form object embed iframe frame frameset noscript template
    button select textarea svg math
""".split())
FORBIDDEN_ATTRIBUTES = re.compile(r"^(on.*|style|srcdoc|formaction|action|xlink:href|href)$", re.I)


@dataclass(frozen=True)
class Allowlist:
    elements: frozenset[str]
    attributes: tuple[tuple[str, tuple[str, ...]], ...]  # (element, its attributes): hashable
    media_hosts: frozenset[str] = frozenset()  # hosts media may also load from


def allowlist(widen: dict | None = None) -> Allowlist:
    """The handbook's allowlist, widened by mkdocs.yml ``extra.html_allowlist``
    (checked by check_allowlist_setting first)."""
    widen = widen or {}
    attributes = dict(ATTRIBUTES)
    for tag, names in (widen.get("attributes") or {}).items():
        attributes[tag] = tuple(dict.fromkeys((*attributes.get(tag, ()), *names)))
    return Allowlist(ELEMENTS | frozenset(widen.get("elements") or ()), tuple(sorted(attributes.items())),
                     frozenset(h.lower() for h in widen.get("media_hosts") or ()))


def check_allowlist_setting(widen) -> list[str]:
    """Problems in ``extra.html_allowlist``, each 'what; how to fix it'."""
    if widen is None:
        return []
    if not isinstance(widen, dict):
        return ["extra.html_allowlist must be a mapping with elements, attributes and media_hosts"]
    problems = [f"extra.html_allowlist has no setting '{key}'; use elements, attributes or media_hosts"
                for key in widen if key not in ("elements", "attributes", "media_hosts")]
    for name in widen.get("elements") or ():
        if str(name).lower() in FORBIDDEN_ELEMENTS:
            problems.append(f"extra.html_allowlist cannot allow <{name}>: it runs script, loads from "
                            "elsewhere or takes input; remove it from elements")
    for tag, names in (widen.get("attributes") or {}).items():
        for name in names or ():
            if FORBIDDEN_ATTRIBUTES.match(str(name)) and not (str(name) == "href" and tag == "a"):
                problems.append(f"extra.html_allowlist cannot allow '{name}' on <{tag}>: it runs script "
                                "or loads from elsewhere; remove it from attributes")
    return problems


@lru_cache(maxsize=8)
def _policy(allow: Allowlist):
    from justhtml.sanitizer.policy import SanitizationPolicy
    from justhtml.sanitizer.url import UrlPolicy, UrlRule

    media = UrlRule(allowed_schemes=["https"] if allow.media_hosts else [], handling="allow",
                    allowed_hosts=set(allow.media_hosts) or None, resolve_protocol_relative=None)
    rules = {("a", "href"): UrlRule(allowed_schemes=list(LINK_SCHEMES), handling="allow",
                                    resolve_protocol_relative=None)}
    rules.update({pair: media for pair in MEDIA_SOURCES})
    return SanitizationPolicy(
        allowed_tags=allow.elements, allowed_attributes={tag: _rules(tag, names) for tag, names in allow.attributes},
        url_policy=UrlPolicy(default_handling="strip", allow_rules=rules),
        drop_content_tags={"script", "style", "template", "noscript"},
        allowed_css_properties=set(STYLE_PROPERTIES), disallowed_tag_handling="unwrap",
        drop_comments=False, strip_invisible_unicode=False, unsafe_handling="collect")


def _rules(tag: str, names: tuple[str, ...]):
    """Names only, or for an element with VALUES a mapping of every name to its values
    (a pattern as JustHTML's Regex, which matches the whole value)."""
    from justhtml.sanitizer.values import Regex

    if not any((tag, name) in VALUES for name in names):
        return names
    return {name: {Regex(v.pattern) if isinstance(v, re.Pattern) else v for v in VALUES.get((tag, name), ())}
            or {Regex(r"(?s).*")} for name in names}


# --- the guard --------------------------------------------------------------

_ERROR = re.compile(r"Unsafe (attribute|URL in attribute|tag|inline style(?: property)?) '([^']+)'", re.I)


@dataclass(frozen=True)
class Removal:
    """One thing the sanitizer removed, as the rendered HTML had it."""
    kind: str  # "element", "attribute" or "url"
    tag: str
    name: str  # the element, or the attribute
    value: str = ""  # the attribute's value (for an element: its src, if any)


def guard(html: str, allow: Allowlist) -> tuple[str, list[Removal]]:
    """(what to publish, what was removed). Safe HTML comes back as it is."""
    if passes(html, allow):
        return html, []
    from justhtml import JustHTML

    policy = _policy(allow)
    policy.reset_collected_security_errors()
    cleaned = JustHTML(html, fragment=True, sanitize=True, policy=policy, track_node_locations=True)
    errors = policy.collected_security_errors()
    fields = [] if "<input" not in html.lower() else [n for n in cleaned.query("input") if not _checkbox(n)]
    if not errors and not fields:
        return html, []
    removals = _removals(html, errors) if errors else []
    if fields:  # the whole field goes: its attributes need no findings of their own
        removals = [r for r in removals if not (r.kind == "attribute" and r.tag == "input")]
    for node in fields:  # a field the sanitizer kept without its type is a text box: VALUES cannot say "required"
        node.parent.remove_child(node)
        removals.append(Removal("element", "input", "input"))
    return cleaned.to_html(pretty=False), removals


# --- the fast path ------------------------------------------------------------
#
# JustHTML takes about 9 ms a page, as long as the rest of the hooks together. Lexbor
# (selectolax), another parser that follows the HTML standard, in C, reads a page in
# well under a millisecond: every page is parsed by it and checked against the same
# allowlist, and only a page that does not pass goes to JustHTML, which removes and
# reports. This check is the stricter of the two: where they could differ, it fails.

# Attributes that carry an address somewhere in HTML, SVG or MathML.
URL_ATTRIBUTES = frozenset("""
    href src action formaction poster cite data background longdesc usemap srcset imagesrcset ping
    manifest icon codebase archive profile dynsrc lowsrc xlink:href
""".split())
_IMPLIED = {"html", "head", "body"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def passes(html: str, allow: Allowlist) -> bool:
    """Whether every element and attribute of ``html`` is in the allowlist (no removal needed)."""
    rules_for = _attribute_rules(allow)
    tree = LexborHTMLParser(html)  # a document: <meta>, <link> and <base> land in its head
    for node in tree.root.traverse(include_text=False):
        tag = node.tag
        rules = rules_for.get(tag)
        if rules is None:  # not an allowed element, or not an element
            if tag.startswith("-") or tag == "!doctype":  # comments and the doctype
                continue
            if tag in _IMPLIED and not node.attributes:  # <body onload=...> in content sets the body's
                continue
            return False
        attributes = node.attributes
        for name, value in attributes.items():
            rule = rules.get(name, _NOT_ALLOWED)
            if rule is None:
                continue
            if rule is _NOT_ALLOWED:
                return False
            if rule is _URL:
                if not _safe_url(tag, name, value or "", allow):
                    return False
            elif not any(_matches(r, value or "") for r in rule):
                return False
        if tag in ELEMENT_TYPES and (attributes.get("type") or "").lower() not in ELEMENT_TYPES[tag]:
            return False
    return True


_NOT_ALLOWED, _URL = object(), object()


@lru_cache(maxsize=8)
def _attribute_rules(allow: Allowlist) -> dict[str, dict]:
    """Each allowed element's allowed attributes (those of every element included), each
    with what its value must be: None (anything), _URL, or VALUES' rule. One lookup an
    attribute: this loop runs over every element of every page of every language."""
    allowed = {tag: frozenset(names) for tag, names in allow.attributes}
    common = allowed.get("*", frozenset())
    rules = {}
    for tag in allow.elements - _IMPLIED:
        rules[tag] = {}
        for name in common | allowed.get(tag, frozenset()):
            if (tag, name) in VALUES:
                rules[tag][name] = VALUES[(tag, name)]
            else:
                rules[tag][name] = _URL if name in URL_ATTRIBUTES else None
    return rules


def _matches(rule, value: str) -> bool:
    return rule.fullmatch(value) is not None if isinstance(rule, re.Pattern) else value == rule


def _safe_url(tag: str, name: str, value: str, allow: Allowlist) -> bool:
    url = browser_url(value)
    if url[:2].replace("\\", "/") == "//":  # another host, with the page's scheme
        return False
    scheme = _SCHEME.match(url)
    if (tag, name) == ("a", "href"):
        return scheme is None or scheme.group(1).lower() in LINK_SCHEMES
    if (tag, name) in MEDIA_SOURCES:
        if scheme is None:
            return True
        host = url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
        return scheme.group(1).lower() == "https" and url[6:8] == "//" and host in allow.media_hosts
    return False  # an address in an attribute the rules do not cover: JustHTML decides


def _checkbox(node) -> bool:
    return ((node.attrs or {}).get("type") or "").lower() in ELEMENT_TYPES["input"]


def _removals(html: str, errors) -> list[Removal]:
    """Each error with the element it was found on, from an unsanitized parse."""
    from justhtml import JustHTML

    nodes = {}
    stack = [JustHTML(html, fragment=True, sanitize=False, track_node_locations=True).root]
    while stack:
        node = stack.pop()
        if getattr(node, "origin_line", None) is not None:
            nodes.setdefault((node.origin_line, node.origin_col), node)
        stack.extend(getattr(node, "children", None) or ())
    removals = []
    for error in errors:
        m = _ERROR.search(error.message or "")
        node = nodes.get((error.line, error.column))
        tag = (getattr(node, "name", "") or "").lower()
        attrs = {k.lower(): v or "" for k, v in (getattr(node, "attrs", None) or {}).items()}
        if not m:
            removals.append(Removal("element", tag, tag))
            continue
        what, name = m.group(1).lower(), m.group(2).lower()
        if what == "tag":
            removals.append(Removal("element", name, name, attrs.get("src") or attrs.get("data") or ""))
        elif what.startswith("url"):
            removals.append(Removal("url", tag, name, attrs.get(name, "")))
        else:
            removals.append(Removal("attribute", tag, name if what == "attribute" else "style",
                                    attrs.get(name, "")))
    return removals
