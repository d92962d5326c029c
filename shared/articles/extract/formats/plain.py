"""Plain text, with the scraped-header style of the reference files.

` date 2024-07 A NATO fokozza…`: a `date` key with an ISO date, and the body continuing on the same
line. Other `key value` / `key: value` lines at the top are headers only when they obviously are:
a known key, and either a colon, an ISO date, or a block of at least two such lines.
"""

from __future__ import annotations

import re

from ..document import MetadataValue, ParsedDocument
from . import keys
from .fields import names_of

ISO_DATE = (
    r"\d{4}(?:-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?"
)
_HEADER = re.compile(r"[ \t]*(?P<key>[A-Za-z][\w-]{0,20})(?P<colon>[ \t]*:)?[ \t]+(?P<rest>[^\n]*)(?:\n|\Z)")
_DATE_VALUE = re.compile(rf"(?P<date>{ISO_DATE})(?![\w:.-])[ \t]*")
MAX_HEADER_VALUE = 300
MAX_TITLE_CHARS = 150
_END_PUNCTUATION = ".!?:;,…"


def parse_plain(text: str) -> ParsedDocument:
    document = ParsedDocument(format="text", body="")
    position, fields = _read_header(text.lstrip("\n"))
    body = text.lstrip("\n")[position:]
    for field, value in fields:
        _apply(document, field, value)
    if document.title is None:
        document.title, body = _title_line(body)
    document.body = body.strip()
    return document


def _read_header(text: str) -> tuple[int, list[tuple[str, str]]]:
    """Header fields from the top of ``text`` and where the body starts.

    A line with a colon or an ISO date is a header; a bare `key value` line only when another header
    or a blank line follows it, so a body that starts with 'Source of…' is not eaten.
    """
    position = 0
    entries: list[tuple[str, str, bool, int]] = []  # field, value, certain, end position
    while match := _HEADER.match(text, position):
        field = keys.HEADER.get(keys.normalise_key(match["key"]))
        if field is None:
            break
        date = _DATE_VALUE.match(match["rest"]) if field == "date" else None
        if date:  # the body may continue on the same line: ' date 2024-07 A NATO fokozza…'
            same_line_body = bool(match["rest"][date.end() :].strip())
            end = match.start("rest") + date.end() if same_line_body else match.end()
            entries.append((field, date["date"], True, end))
            if same_line_body:
                break
            position = end
            continue
        value = match["rest"].strip()
        if not value or len(value) > MAX_HEADER_VALUE or (field == "date" and not match["colon"]):
            break
        entries.append((field, value, bool(match["colon"]), match.end()))
        position = match.end()
    accepted = 0
    for index, (_, _, certain, end) in enumerate(entries):
        followed_by_header = index + 1 < len(entries)
        if not (certain or followed_by_header or text.startswith("\n", end) or end == len(text)):
            break
        accepted = index + 1
    end = entries[accepted - 1][3] if accepted else 0
    return end, [(field, value) for field, value, _, _ in entries[:accepted]]


def _apply(document: ParsedDocument, field: str, value: str, source: str = "header") -> None:
    if field == "title" and document.title is None:
        document.title = value
    elif field == "date":
        document.dates.append(MetadataValue(value, source))
    elif field == "author":
        document.authors.extend(names_of(value))
    elif field == "lang":
        document.language_hint = document.language_hint or value
    elif field == "credit":
        document.credits.append(MetadataValue(value, source))
    elif field == "caption":
        document.captions.append(value)


def _title_line(body: str) -> tuple[str | None, str]:
    """A short first line without end punctuation, followed by a blank line and more text, is a title."""
    stripped = body.lstrip()
    first_line, separator, rest = stripped.partition("\n\n")
    line = first_line.strip()
    if (
        separator
        and rest.strip()
        and "\n" not in line
        and 0 < len(line) <= MAX_TITLE_CHARS
        and line[-1] not in _END_PUNCTUATION
    ):
        return line, rest
    return None, body
