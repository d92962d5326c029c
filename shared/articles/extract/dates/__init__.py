"""Publication date: explicit metadata first, then a dateline in the body; ``None`` when neither.

The value keeps the precision it was written with (see ``values``); the per-language forms live in
``tables/dates.py``; what counts as a dateline is described in ``datelines``.
"""

from __future__ import annotations

from ..document import ParsedDocument
from ..record import Precision, Published
from .datelines import find_body_date, find_value_date
from .values import parse_iso, parse_unix_timestamp

MAX_VALUE_CHARS = 200
"""A metadata date longer than this is not a date (it is a sentence, or markup)."""
MAX_DATE_CANDIDATES = 50
"""Metadata dates tried, best first; a failed one can cost milliseconds, and a hostile page has thousands."""

__all__ = ["find_published", "parse_date_value"]


def find_published(document: ParsedDocument, language: str | None) -> Published | None:
    """The first metadata date that parses (``document.dates`` is best first), else the body's dateline."""
    for candidate in document.dates[:MAX_DATE_CANDIDATES]:
        parsed = parse_date_value(candidate.value, language=language)
        if parsed is not None:
            return Published(value=parsed[0], precision=parsed[1], source=candidate.source)
    parts = find_body_date(document.body, language)
    parsed = parts.to_value() if parts is not None else None
    if parsed is None:
        return None
    return Published(value=parsed[0], precision=parsed[1], source="body")


def parse_date_value(value: str, language: str | None = None) -> tuple[str, Precision] | None:
    """A metadata date as ``(ISO value, precision)``, or ``None`` if it is not a (real) date.

    Accepts ISO 8601 / RFC 3339 at any precision (``2024``, ``2024-07``, ``2024-07-12``,
    ``2024-07-12T10:30:00+02:00``, ``Z``, fractional seconds, basic ``20240712``), RFC 2822
    (``Fri, 12 Jul 2024 10:30:00 +0200``), Unix timestamps (10 digits, or 13 in milliseconds),
    numeric dates (``2024/07/12``, ``12.07.2024``) and dates written in words in any language of
    the date tables (``language`` is tried first, then English, then the others).
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > MAX_VALUE_CHARS:
        return None
    parts = parse_iso(text) or parse_unix_timestamp(text) or find_value_date(text, language)
    return parts.to_value() if parts is not None else None
