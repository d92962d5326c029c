"""Metadata from a parsed mapping (a JSON object, YAML front matter, a JSON-LD node), liberal in names."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, date, datetime
from typing import Any

from ..document import MetadataValue, ParsedDocument
from . import keys

MAX_AUTHORS = 20
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:;|,|\band\b|&|\bés\b|\bund\b|\bet\b)\s*")
_TAG = re.compile(r"<[^<>]{0,2000}>")


def index_keys(mapping: dict) -> dict[str, Any]:
    """The mapping under normalised keys; the first spelling of a key wins."""
    indexed: dict[str, Any] = {}
    for key, value in mapping.items():
        indexed.setdefault(keys.normalise_key(key), value)
    return indexed


def first(indexed: dict[str, Any], names: tuple[str, ...]) -> Any:
    """The first of ``names`` that holds a non-empty value."""
    for name in names:
        value = indexed.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def scalar_text(value: Any) -> str | None:
    """A scalar as written: YAML dates back to ISO strings, no booleans, nothing for containers."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, int | float | str):
        text = str(value).strip()
        return text or None
    return None


def date_text(value: Any) -> str | None:
    """A date value as a string; a Unix timestamp (seconds or milliseconds) becomes ISO UTC."""
    if isinstance(value, int) and not isinstance(value, bool) and 10**9 <= value < 10**13:
        seconds = value / 1000 if value >= 10**12 else value
        return datetime.fromtimestamp(seconds, UTC).isoformat()
    return scalar_text(value)


def plain_inline(text: str) -> str:
    """A one-line field (title, caption) without tags and runs of whitespace."""
    return " ".join(_TAG.sub(" ", text).split())


def names_of(value: Any, limit: int = MAX_AUTHORS, split: bool = True) -> list[str]:
    """Author-like values: 'A and B', ['A', {'name': 'B'}], {'name': 'A'}; ``split`` splits 'A and B'."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[:limit]:
        if isinstance(item, dict):
            item = first(index_keys(item), keys.NAME)
        text = scalar_text(item)
        if text and not text.startswith(("http://", "https://")):
            text = plain_inline(text)
            names.extend(part for part in _AUTHOR_SEPARATOR.split(text) if part) if split else names.append(
                text
            )
    return list(dict.fromkeys(names))[:limit]


def fill_metadata(document: ParsedDocument, mapping: dict, source: str) -> None:
    """Add title, dates, authors, language, credits and captions found in ``mapping`` to ``document``."""
    indexed = index_keys(mapping)
    title = scalar_text(first(indexed, keys.TITLE))
    if title and not document.title:
        document.title = plain_inline(title) or None
    for name in keys.PUBLISHED:
        value = date_text(indexed.get(name))
        if value:
            document.dates.append(MetadataValue(value, source))
    # Capped: a page of thousands of JSON-LD nodes would otherwise grow the list and the scan per name.
    room = max(0, MAX_AUTHORS - len(document.authors))
    new_authors = (n for n in names_of(first(indexed, keys.AUTHOR)) if n not in document.authors)
    document.authors.extend(itertools.islice(new_authors, room))
    language = scalar_text(first(indexed, keys.LANGUAGE))
    if language and not document.language_hint:
        document.language_hint = language
    _fill_image_fields(document, indexed, source)
    image = first(indexed, keys.IMAGE)
    if isinstance(image, list):
        image = image[0] if image else None
    if isinstance(image, dict):
        _fill_image_fields(document, index_keys(image), source)


def _fill_image_fields(document: ParsedDocument, indexed: dict[str, Any], source: str) -> None:
    for credit in names_of(first(indexed, keys.CREDIT), limit=3, split=False):
        document.credits.append(MetadataValue(credit, source))
    caption = scalar_text(first(indexed, keys.CAPTION))
    if caption:
        document.captions.append(plain_inline(caption))
