"""JSON documents: one article object, liberal in its shape and field names; keys never reach the body."""

from __future__ import annotations

import json
from typing import Any

from ..document import ParsedDocument
from ..errors import ExtractionError
from ..record import RejectionCode
from . import keys
from .fields import fill_metadata, first, index_keys
from .html import html_to_text, looks_like_html

MAX_WRAPPER_DEPTH = 4
MIN_FALLBACK_WORDS = 20
"""Without a known body field, the longest string value is the body if it has at least this many words."""


def parse_json(text: str) -> ParsedDocument:
    try:
        data = json.loads(text)
    except RecursionError:
        raise ExtractionError(RejectionCode.INVALID_JSON, "the JSON document is nested too deeply") from None
    except ValueError as error:  # JSONDecodeError, or an integer too long to convert
        raise ExtractionError(RejectionCode.INVALID_JSON, f"the file is not valid JSON: {error}") from None
    document = ParsedDocument(format="json", body="")
    if isinstance(data, str):
        document.body = data.strip()
        return document
    article = _article_object(data)
    if article is None:
        return document  # a number, null, an empty object: no text, the pipeline says so
    fill_metadata(document, article, "json")
    document.body = _body(index_keys(article), document.captions)
    return document


def _article_object(data: Any) -> dict | None:
    """The article: the object itself, a one-element list, or an object nested under article/data/item."""
    for _ in range(MAX_WRAPPER_DEPTH):
        if isinstance(data, list):
            if len(data) > 1:
                raise ExtractionError(
                    RejectionCode.UNSUPPORTED_FORMAT,
                    f"the JSON document is a list of {len(data)} items; upload one article per file",
                )
            data = data[0] if data else None
            continue
        if not isinstance(data, dict):
            return None
        indexed = index_keys(data)
        if first(indexed, keys.BODY + keys.BODY_HTML) is not None:
            return data
        wrapped = first(indexed, keys.WRAPPER)
        if not isinstance(wrapped, dict | list):
            return data
        data = wrapped
    return data if isinstance(data, dict) else None


def _body(indexed: dict[str, Any], captions: list[str]) -> str:
    value = first(indexed, keys.BODY + keys.BODY_HTML) or first(indexed, keys.SUMMARY)
    if value is None:
        value = _longest_prose(indexed)
    return _text_of(value, captions)


def _text_of(value: Any, captions: list[str], depth: int = 0) -> str:
    """A body value as plain text: a string (HTML stripped), a list of paragraphs, or {"html"|"text": …}."""
    if depth > MAX_WRAPPER_DEPTH:
        return ""
    if isinstance(value, list):
        return "\n\n".join(part for item in value if (part := _text_of(item, captions, depth + 1)))
    if isinstance(value, dict):
        return _text_of(first(index_keys(value), keys.BODY + keys.BODY_HTML), captions, depth + 1)
    if not isinstance(value, str):
        return ""
    if looks_like_html(value):
        text, html_captions = html_to_text(value)
        captions.extend(html_captions)
        return text
    return value.strip()


def _longest_prose(indexed: dict[str, Any]) -> str | None:
    strings = [value for value in indexed.values() if isinstance(value, str)]
    longest = max(strings, key=len, default=None)
    return longest if longest and len(longest.split()) >= MIN_FALLBACK_WORDS else None
