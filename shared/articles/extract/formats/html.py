"""HTML: the article's text and its metadata, with the standard library's tolerant, linear parser.

One pass collects the text of <article>, <main> and <body> (boilerplate regions skipped), figcaptions,
<meta> tags, JSON-LD and <time> elements; the best text region is chosen at the end.
"""

from __future__ import annotations

import json
import re
from collections import Counter, deque
from html.parser import HTMLParser

from ..document import MetadataValue, ParsedDocument
from ..errors import ExtractionError
from ..record import RejectionCode
from . import keys
from .fields import fill_metadata, index_keys, names_of, plain_inline

SKIPPED = frozenset(
    {"head", "nav", "header", "footer", "aside", "script", "style", "noscript", "form", "template", "svg"}
    | {"iframe", "button", "select", "figure", "dialog", "menu", "object", "canvas", "video", "audio"}
)
"""Not article text (figure: only its figcaption counts, as a caption)."""
BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "hr", "address", "figcaption", "body"}
)
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_BOILERPLATE = re.compile(
    r"\b(?:comments?|related|share|sharing|social|newsletter|advert\w*|ads?|cookie\w*|promo|breadcrumbs?"
    r"|sidebar|subscribe|paywall|recommended|more-stories)\b",
    re.IGNORECASE,
)
_MODIFIED = re.compile(r"updat|modif|edit|aktualis|frissit|frissít", re.IGNORECASE)
_PUBLISHED_MARK = re.compile(r"publish|pubdate|posted|created", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
# Defusing, before html.parser sees the text (it is slow or quadratic on some malformed input).
# Each pattern consumes what it scans or stops at the next '<', so the whole pass is linear.
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_RAW_TEXT = re.compile(
    r"<(?P<tag>script|style|noscript|template)\b(?P<attributes>[^<>]*)>.*?(?:</(?P=tag)\s*>|\Z)",
    re.IGNORECASE | re.DOTALL,
)
_STRAY_LT = re.compile(r"<(?![A-Za-z/?][^<>]*>|![Dd][Oo][Cc][Tt][Yy][Pp][Ee][^<>]*>)")
"""A '<' that does not start a tag closed before the next '<' is text: '<<<', '<a <a <a'; so is '<![…'
(a marked section, on which html.parser raises AssertionError)."""
_LT_STAND_IN = "\ue000"
"""Stray '<' become this private-use character (html.parser unescapes '&lt;' floods slowly), restored in text."""
MAX_TAGS = 100_000
"""Far above any news page; html.parser costs a few microseconds per tag."""
PARAGRAPH = "\n\n"
MAX_JSON_LD_CHARS = 1_000_000
MAX_JSON_LD_NODES = 2_000
_CAPTURED_ROLES = frozenset({"json_ld", "title", "h1", "caption", "time"})
_NOT_BODY_ROLES = ("json_ld", "title", "h1", "caption")
SUBSTANTIAL_CHARS = 200
"""An <article>/<main> region is used when it holds at least this much text (or half the page's)."""


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []  # (tag, role); every non-void element, for matching end tags
        self.open_tags: Counter[str] = Counter()
        self.open_roles: Counter[str] = Counter()
        self.body: list[str] = []
        self.main: list[str] = []
        self.articles: list[list[str]] = []
        self.captions: list[str] = []
        self.meta: list[tuple[str, str]] = []
        self.json_ld: list[str] = []
        self.times: list[tuple[int, str]] = []  # (rank, value): 0 marked as published, 1 in a header, 2 other
        self.html_lang: str | None = None
        self.title: str | None = None
        self.h1: str | None = None
        self._captured: dict[
            str, list[str]
        ] = {}  # text of the open <title>, <h1>, <figcaption>, <time>, JSON-LD
        self._time_rank = 2

    # --- structure -------------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta":
            self._meta(attributes)
        elif tag == "html" and attributes.get("lang"):
            self.html_lang = attributes["lang"]
        elif tag == "br":
            self._text("\n")
        if tag in BLOCKS:
            self._text(PARAGRAPH)
        if tag in VOID:
            return
        role = self._role(tag, attributes)
        if role in _CAPTURED_ROLES and role not in self._captured:
            self._captured[role] = []
        if role == "article" and not self.open_roles["article"]:
            self.articles.append([])
        self.stack.append((tag, role))
        self.open_tags[tag] += 1
        self.open_roles[role] += 1

    def handle_endtag(self, tag: str) -> None:
        if not self.open_tags[tag]:
            return  # a stray end tag: ignore it in O(1), whatever the nesting depth
        while self.stack:
            open_tag, role = self.stack.pop()
            self.open_tags[open_tag] -= 1
            self.open_roles[role] -= 1
            if role in self._captured and not self.open_roles[role]:
                self._close(role, "".join(self._captured.pop(role)))
            if open_tag == tag:
                break
        if tag in BLOCKS:
            self._text(PARAGRAPH)

    def handle_data(self, data: str) -> None:
        data = data.replace(_LT_STAND_IN, "<")
        for parts in self._captured.values():
            parts.append(data)
        self._text(_SPACE.sub(" ", data))

    def _text(self, text: str) -> None:
        if self.open_roles["skip"] or any(self.open_roles[role] for role in _NOT_BODY_ROLES):
            return
        self.body.append(text)
        if self.open_roles["main"]:
            self.main.append(text)
        if self.open_roles["article"] and self.articles:
            self.articles[-1].append(text)

    # --- roles -----------------------------------------------------------------------------------------
    def _role(self, tag: str, attributes: dict[str, str]) -> str:
        if tag == "script" and attributes.get("type", "").strip().lower() == "application/ld+json":
            return "json_ld"
        if tag == "title" and self.title is None and not self.open_tags["svg"]:
            return "title"
        if tag == "h1" and self.h1 is None and (self.open_roles["article"] or not self.open_roles["skip"]):
            return "h1"
        if tag == "figcaption":
            return "caption"
        if tag == "time":
            return self._time(attributes)
        if tag in SKIPPED or "hidden" in attributes or attributes.get("aria-hidden") == "true":
            return "skip"
        if _BOILERPLATE.search(f"{attributes.get('class', '')} {attributes.get('id', '')}"[:500]):
            return "skip"
        if tag in ("article", "main"):
            return tag
        return ""

    def _close(self, role: str, text: str) -> None:
        if role == "json_ld":
            self.json_ld.append(text)
        elif role == "title":
            self.title = plain_inline(text) or None
        elif role == "h1":
            self.h1 = plain_inline(text)
        elif role == "caption" and plain_inline(text):
            self.captions.append(plain_inline(text))
        elif role == "time" and text.strip():
            self.times.append((self._time_rank, text.strip()))

    def _time(self, attributes: dict[str, str]) -> str:
        marks = f"{attributes.get('itemprop', '')} {attributes.get('class', '')} {attributes.get('name', '')}"
        if _MODIFIED.search(marks):
            return ""
        if "pubdate" in attributes or _PUBLISHED_MARK.search(marks):
            rank = 0
        elif self.open_tags["header"]:
            rank = 1
        else:
            rank = 2
        value = attributes.get("datetime", "").strip()
        if value:
            self.times.append((rank, value))
            return ""
        self._time_rank = rank
        return "time"  # no datetime attribute: the element's text is the value

    def _meta(self, attributes: dict[str, str]) -> None:
        name = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
        name = name or attributes.get("http-equiv", "")
        content = attributes.get("content", "").strip()
        if name and content:
            self.meta.append((name.strip().lower(), content[:2000]))


def parse_html(text: str) -> ParsedDocument:
    collector = _collect(text)
    document = ParsedDocument(format="html", body=_main_text(collector))
    json_ld = _json_ld_metadata(collector.json_ld)
    meta = dict(reversed(collector.meta))  # the first occurrence of a name wins
    title_meta = next((meta[name] for name in keys.HTML_TITLE if meta.get(name)), None)
    document.title = _first_text(title_meta, json_ld.title, collector.h1, collector.title)
    document.dates = [MetadataValue(v, "html_meta") for n, v in collector.meta if n in keys.HTML_PUBLISHED]
    document.dates += json_ld.dates
    document.dates += [
        MetadataValue(value, "html_time") for _, value in sorted(collector.times, key=lambda t: t[0])
    ]
    document.authors = names_of([v for n, v in collector.meta if n in keys.HTML_AUTHOR]) or json_ld.authors
    languages = [collector.html_lang, *(v for n, v in collector.meta if n in keys.HTML_LANGUAGE)]
    document.language_hint = next((lang for lang in languages if lang), json_ld.language_hint)
    document.captions = collector.captions + json_ld.captions
    document.credits = json_ld.credits
    if not document.body.strip() and json_ld.body:
        document.body = json_ld.body
    return document


def html_to_text(fragment: str) -> tuple[str, list[str]]:
    """Plain text and figcaptions of an HTML fragment (a JSON field holding markup)."""
    collector = _collect(fragment)
    heading = [collector.h1, PARAGRAPH] if collector.h1 else []
    return _paragraphs([*heading, *collector.body]), collector.captions


def looks_like_html(text: str) -> bool:
    return bool(
        re.search(
            r"<(?:p|div|br|span|a|em|strong|b|i|h[1-6]|ul|li|figure|img|article)\b[^<>]{0,500}>",
            text[:5000],
            re.IGNORECASE,
        )
    )


def _collect(text: str) -> _Collector:
    text = _STRAY_LT.sub(_LT_STAND_IN, _RAW_TEXT.sub(_keep_json_ld, _COMMENT.sub(" ", text)))
    tags = text.count("<")
    if tags > MAX_TAGS:
        raise ExtractionError(
            RejectionCode.TOO_LARGE, f"the HTML has {tags:,} tags; the limit is {MAX_TAGS:,}"
        )
    collector = _Collector()
    try:
        collector.feed(text)
        collector.close()
    except AssertionError:  # _markupbase's way of reporting markup it cannot read
        raise ExtractionError(
            RejectionCode.UNSUPPORTED_FORMAT, "the HTML is malformed beyond reading"
        ) from None
    return collector


def _keep_json_ld(match: re.Match[str]) -> str:
    """Scripts and styles are not text; only JSON-LD scripts are kept, for their metadata."""
    if match["tag"].lower() == "script" and "ld+json" in match["attributes"].lower():
        return match[0]
    return " "


def _main_text(collector: _Collector) -> str:
    body = _paragraphs(collector.body)
    threshold = min(SUBSTANTIAL_CHARS, len(body) // 2)
    best_article = max((_paragraphs(parts) for parts in collector.articles), key=len, default="")
    for candidate in (best_article, _paragraphs(collector.main)):
        if candidate and len(candidate) >= threshold:
            return candidate
    return body


def _paragraphs(parts: list[str]) -> str:
    paragraphs = []
    for paragraph in "".join(parts).split(PARAGRAPH):
        lines = [" ".join(line.split()) for line in paragraph.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return PARAGRAPH.join(paragraphs)


def _first_text(*candidates: str | None) -> str | None:
    return next((plain_inline(c) for c in candidates if c and plain_inline(c)), None)


def _json_ld_metadata(scripts: list[str]) -> ParsedDocument:
    """Metadata of the JSON-LD article node(s) (also inside @graph and lists); pages only as a fallback."""
    articles: list[dict] = []
    pages: list[dict] = []
    for script in scripts:
        try:
            data = json.loads(script[:MAX_JSON_LD_CHARS])
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common and harmless: the page has other metadata
        for node in _nodes(data):
            types = node.get("@type")
            names = {str(t).lower() for t in (types if isinstance(types, list) else [types])}
            if names & keys.JSON_LD_ARTICLE_TYPES:
                articles.append(node)
            elif names & keys.JSON_LD_PAGE_TYPES:
                pages.append(node)
    document = ParsedDocument(format="html", body="")
    for node in articles or pages:
        fill_metadata(document, node, "json_ld")
        body = index_keys(node).get("articlebody")
        if isinstance(body, str) and not document.body:
            document.body = _paragraphs([body.replace("\n", PARAGRAPH)])
    return document


def _nodes(data: object) -> list[dict]:
    """Every object in a JSON-LD document (@graph, lists, nested values), breadth first and bounded."""
    found: list[dict] = []
    queue: deque[object] = deque([data])
    visited = 0
    while queue and visited < MAX_JSON_LD_NODES:
        item = queue.popleft()
        visited += 1
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            found.append(item)
            queue.extend(value for value in item.values() if isinstance(value, list | dict))
    return found
