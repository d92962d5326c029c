"""Format detection and dispatch: the content decides, the file name extension is only a hint.

Recognisably-not-an-article inputs (RTF, XML feeds, CSV, source code) are rejected here with
UNSUPPORTED_FORMAT; everything else becomes a ParsedDocument, possibly with an empty body.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import NoReturn

from ..document import ParsedDocument
from ..errors import ExtractionError
from ..record import DocumentFormat, RejectionCode
from .html import parse_html
from .json_doc import parse_json
from .markdown import has_front_matter, parse_markdown
from .plain import parse_plain

__all__ = ["detect_format", "parse_document"]

HEAD_CHARS = 4096
"""Detection reads only the start of the text."""
HTML_TAGS = frozenset(
    {"html", "head", "body", "article", "main", "section", "div", "p", "span", "a", "header", "footer", "nav"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "aside", "meta", "title", "link", "script", "style", "figure"}
    | {"figcaption", "img", "table", "ul", "ol", "li", "br", "hr", "blockquote", "time", "em", "strong", "b"}
    | {"i", "base", "noscript", "form", "picture", "iframe"}
)
_JSON_START = re.compile(r"\A(?:\{\s*(?:[\"'}])|\[\s*(?:\{|\[|\"|\]))")
_PROLOGUE = re.compile(r"\A(?:\s*<\?xml[^>]{0,500}>|\s*<!--[^>]{0,2000}-->)*\s*", re.IGNORECASE)
_DOCTYPE_HTML = re.compile(r"<!doctype\s+html", re.IGNORECASE)
_FIRST_TAG = re.compile(r"<([A-Za-z][\w:.-]{0,50})")
_HTML_BLOCK_TAG = re.compile(r"<(?:p|div|br|h[1-6]|li|article|section|table)\b[^<>]{0,500}>", re.IGNORECASE)
_CODE_LINE = re.compile(
    r"^\s*(?:import\s+[\w.]+|from\s+[\w.]+\s+import\b|def\s+\w+\s*\(|class\s+\w+\s*[:({]|#include\s*[<\"]"
    r"|package\s+[\w.]+;|using\s+[\w.]+;|public\s+(?:static\s+)?(?:class|void|int)\b|function\s*\w*\s*\("
    r"|(?:const|let|var)\s+\w+\s*=|}\s*else\b|if\s*\(.*\)\s*\{)"
    r"|[;{}]\s*$"
)
_MARKDOWN_SIGNAL = re.compile(
    r"^\s{0,3}#{1,6}\s+\S|\]\([^()\s]{1,500}\)|^\s{0,3}```|\*\*[^*\n]{1,200}\*\*|^\s{0,3}[-*+]\s+\S",
    re.MULTILINE,
)
_CSV_DELIMITERS = (",", ";", "\t")

_PARSERS: dict[DocumentFormat, Callable[[str], ParsedDocument]] = {
    "text": parse_plain,
    "markdown": parse_markdown,
    "json": parse_json,
    "html": parse_html,
}


def parse_document(text: str, filename: str | None = None) -> ParsedDocument:
    """Parse decoded text into body and metadata; raise ExtractionError for unsupported or invalid input."""
    return _PARSERS[detect_format(text, filename)](text)


def detect_format(text: str, filename: str | None = None) -> DocumentFormat:
    head = text[:HEAD_CHARS].lstrip("\ufeff \t\n")
    extension = PurePosixPath(filename or "").suffix.lower()
    if head.startswith("{\\rtf"):
        _unsupported("an RTF document: save it as plain text, Markdown or HTML")
    if head.startswith("<?php"):
        _unsupported("PHP source code")
    if _JSON_START.match(head) or (extension == ".json" and head.startswith(("{", "["))):
        return "json"
    if has_front_matter(text):
        return "markdown"
    markup = _PROLOGUE.sub("", head, count=1)
    if head.startswith("<") and (markup.startswith("<!") or _FIRST_TAG.match(markup)):
        return _markup_format(markup)
    if extension == ".json":
        return "json"  # named as JSON and nothing else: the parser reports what is wrong with it
    if (extension in (".html", ".htm", ".xhtml") and "<" in head) or len(_HTML_BLOCK_TAG.findall(head)) >= 3:
        return "html"
    _reject_data_or_code(head, extension)
    if extension in (".md", ".markdown") or _looks_like_markdown(head):
        return "markdown"
    return "text"


def _markup_format(markup: str) -> DocumentFormat:
    """HTML, or XML that is not HTML (an RSS feed, a sitemap, SVG…), which is not an article."""
    if _DOCTYPE_HTML.match(markup):
        return "html"
    first_tag = _FIRST_TAG.search(markup, 0, 2000)
    if first_tag and first_tag[1].lower() in HTML_TAGS:
        return "html"
    _unsupported(f"an XML document (<{first_tag[1] if first_tag else '?'}>), not an HTML page or an article")


def _reject_data_or_code(head: str, extension: str) -> None:
    lines = [line for line in head.split("\n")[:40] if line.strip()]
    if head.startswith("#!") or (len(lines) >= 4 and sum(map(_is_code, lines)) >= 0.6 * len(lines)):
        _unsupported("source code")
    block = [line for line in head.split("\n\n", 1)[0].split("\n")[:10] if line.strip()]  # one block: CSV
    minimum_rows = 2 if extension in (".csv", ".tsv") else 3
    for delimiter in _CSV_DELIMITERS:
        counts = {line.count(delimiter) for line in block}
        minimum_fields = 1 if delimiter != "," or extension in (".csv", ".tsv") else 2
        if len(block) >= minimum_rows and len(counts) == 1 and counts.pop() >= minimum_fields:
            _unsupported("a CSV/TSV table")


def _is_code(line: str) -> bool:
    return _CODE_LINE.search(line) is not None


def _looks_like_markdown(head: str) -> bool:
    first_line = head.split("\n", 1)[0]
    if re.match(r"#{1,6}\s+\S", first_line):
        return True
    return len(_MARKDOWN_SIGNAL.findall(head)) >= 2


def _unsupported(what: str) -> NoReturn:
    raise ExtractionError(RejectionCode.UNSUPPORTED_FORMAT, f"the file is {what}")
