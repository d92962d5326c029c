"""Publication dates written in the article text. Only a *dateline* counts, by where the date stands:

1. right after a "published" word of the language (``Published:``, ``közzétéve``, ``publié le``) —
   the strongest evidence, taken wherever it is;
2. in the first ~200 characters, at the start of its line or after a short label (``BERLIN,``,
   ``By Jane Doe |``), and not continued by a sentence;
3. on the last line of the article, alone or after a short label (``Budapest, 2024. július 12.``);
4. alone on a line (``le 3 mars 2023``, ``(12.07.2024)``).

A date after an "updated" word is never taken, nor one inside a sentence ("On July 12, 2024,
leaders met…", "bis 18. Juni 2024"), nor a bare year ("2024 végéig", "© 2024"): every date form
needs at least a month. Relative words ("tegnap", "last Tuesday") carry no date and are ignored.

Cost: the search is anchored on four-digit years inside two windows (the head and the tail of
the body) and bounded per year, so the work does not grow with the article's length: a 1 MB
one-line text costs about what a 4 KB article does. A dateline alone on a line in the middle of
a very long article (beyond both windows) is therefore not seen.
"""

from __future__ import annotations

import re
from enum import Enum, IntEnum
from itertools import islice

from .grammar import MATCH_BEFORE, DateMatch, Grammar, grammar_for, languages_near, numeric_grammar
from .values import DateParts

HEAD_WINDOW = 3000
TAIL_WINDOW = 1000
DATELINE_REACH = 200
"""A date this close to the start of the body may be a dateline even with text after it."""
MAX_YEARS_PER_WINDOW = 20
MAX_LANGUAGES_PER_YEAR = 4
LINE_REACH = 100
"""How far the prefix and the suffix of a date's line are looked at."""
LABEL_MAX = 60
LABEL_MAX_LOWERCASE_WORDS = 2
"""A label before a dateline is a place, a name, an agency: more lower-case words make a sentence."""

_YEAR = re.compile(r"(?:19|20)(?<!\d..)\d\d(?!\d)")  # the literal first lets re skip ahead fast
_WORD = re.compile(r"[^\W\d_]+")
_NON_SPACE = re.compile(r"\S")
_SPACE = " \t\u00a0\u202f"
_OPENERS = _SPACE + "([{*•·|–—-#>\"'„«“"
_CLOSERS = _SPACE + ")]}.,;:!*|–—-\"'»”“"
_LABEL_ENDS = ",|·•—–-/(["
_SUFFIX_SEPARATORS = "-–—|·•/([.:;"


class Where(IntEnum):
    """Why a date is a dateline; a lower value is stronger evidence."""

    PUBLISHED_WORD = 0
    HEAD = 1
    LAST_LINE = 2
    OWN_LINE = 3


class _Before(Enum):
    NOTHING = "nothing"
    LABEL = "label"
    PUBLISHED = "published"
    UPDATED = "updated"
    TEXT = "text"


class _After(Enum):
    NOTHING = "nothing"
    SEPARATOR = "separator"
    SHORT_COMMA = "short comma"
    CAPITAL = "capital"
    TEXT = "text"


def find_body_date(body: str, language: str | None) -> DateParts | None:
    """The dateline date of ``body`` in the language's own forms; any table if that finds none."""
    spans = [(low, high, _years(body, low, high)) for low, high in _windows(len(body))]
    grammar = grammar_for(language) if language else None
    if grammar is None:
        return _search(body, spans, None, known=None)
    # A misdetected language (sk for cs, no for da) must not hide a dateline in month names.
    return _search(body, spans, grammar, known=None) or _search(body, spans, None, known=language)


def find_value_date(text: str, language: str | None) -> DateParts | None:
    """A written date that makes up a whole metadata value (``Friday, July 12, 2024 10:30 AM``)."""
    grammars = [grammar_for(code) for code in (language, "en") if code]
    for grammar in [*(g for g in grammars if g is not None), None]:
        for year in _years(text, 0, len(text)):
            match, words = _date_at(text, year, 0, len(text), grammar, None)
            if match is None:
                continue
            prefix, suffix = text[: match.start], text[match.end :]
            before = _before(prefix, True, words)
            if before in (_Before.NOTHING, _Before.PUBLISHED) and _after(suffix, True) is _After.NOTHING:
                return match.parts
    return None


def _search(
    body: str, spans: list[tuple[int, int, list[int]]], grammar: Grammar | None, known: str | None
) -> DateParts | None:
    """Datelines read with ``grammar``, or (None) with the tables whose names occur near each year;
    ``known`` is a language already searched: its table and the numeric forms are not tried again."""
    best: tuple[Where, DateParts] | None = None
    for low, high, years in spans:
        for year in years:
            match, words = _date_at(body, year, low, high, grammar, known)
            if match is None or match.parts.to_value() is None:
                continue
            where = _dateline(body, match, words)
            if where is Where.PUBLISHED_WORD:
                return match.parts
            if where is not None and (best is None or where < best[0]):
                best = (where, match.parts)
    return best[1] if best else None


def _windows(length: int) -> list[tuple[int, int]]:
    head = (0, min(length, HEAD_WINDOW))
    if length <= HEAD_WINDOW:
        return [head]
    return [head, (max(HEAD_WINDOW, length - TAIL_WINDOW), length)]


def _years(text: str, low: int, high: int) -> list[int]:
    """Where four-digit years start: the first ones of the head window, the last ones of the tail."""
    if low == 0:
        return [year.start() for year in islice(_YEAR.finditer(text, low, high), MAX_YEARS_PER_WINDOW)]
    return [year.start() for year in _YEAR.finditer(text, low, high)][-MAX_YEARS_PER_WINDOW:]


def _date_at(
    text: str, year_at: int, low: int, high: int, grammar: Grammar | None, known: str | None
) -> tuple[DateMatch | None, Grammar]:
    """The date around one year, with the grammar whose words judge its surroundings."""
    if grammar is not None:
        return grammar.match_around(text, year_at, low, high), grammar
    # Language unknown: only the tables whose month names stand near this year are tried.
    anywhere = numeric_grammar()
    nearby = languages_near(
        text, max(low, year_at - MATCH_BEFORE), min(high, year_at + 40), MAX_LANGUAGES_PER_YEAR, skip=known
    )
    matches = [anywhere.match_around(text, year_at, low, high) if known is None else None]
    for code in nearby:
        candidate = grammar_for(code)
        matches.append(candidate.match_around(text, year_at, low, high) if candidate else None)
    found = [match for match in matches if match is not None]
    # The reading that explains the most text around the year wins (weekday, time included).
    best = min(found, key=lambda match: (match.start, -match.end), default=None)
    return best, anywhere


def _dateline(body: str, match: DateMatch, words: Grammar) -> Where | None:
    reach = max(0, match.start - LINE_REACH)
    newline = body.rfind("\n", reach, match.start)
    prefix = body[newline + 1 if newline != -1 else reach : match.start]
    before = _before(prefix, newline != -1 or reach == 0, words)
    if before is _Before.NOTHING and newline > 0:
        before = _label_line_above(body, newline, words) or before
    if before is _Before.PUBLISHED:
        return Where.PUBLISHED_WORD
    if before in (_Before.UPDATED, _Before.TEXT):
        return None

    reach_end = min(len(body), match.end + LINE_REACH)
    newline_after = body.find("\n", match.end, reach_end)
    line_end = newline_after if newline_after != -1 else reach_end
    line_complete = newline_after != -1 or reach_end == len(body)
    after = _after(body[match.end : line_end], line_complete)
    ends_cleanly = after in (_After.NOTHING, _After.SEPARATOR, _After.SHORT_COMMA)

    first_text = _NON_SPACE.search(body, 0, match.start)
    text_start = first_text.start() if first_text else match.start
    if match.start < text_start + DATELINE_REACH:
        on_first_line = "\n" not in body[text_start : match.start]
        if ends_cleanly or (after is _After.CAPITAL and before is _Before.NOTHING and on_first_line):
            return Where.HEAD
    if ends_cleanly and line_complete and len(body) - line_end <= TAIL_WINDOW and not body[line_end:].strip():
        return Where.LAST_LINE
    if before is _Before.NOTHING and after is _After.NOTHING:
        return Where.OWN_LINE
    return None


def _label_line_above(body: str, newline: int, words: Grammar) -> _Before | None:
    """A "Published" or "Updated" label alone on the line above the date (common in scraped pages)."""
    above = body[max(0, newline - LABEL_MAX) : newline].rstrip()
    start = above.rfind("\n")
    if start == -1 and newline > LABEL_MAX:
        return None  # the line above is longer than a label
    label = above[start + 1 :]
    if words.published_end is not None and words.published_end.search(label):
        return _Before.PUBLISHED
    if words.updated_any is not None and words.updated_any.search(label):
        return _Before.UPDATED
    return None


def _before(prefix: str, line_start_known: bool, words: Grammar) -> _Before:
    tail = prefix[-LABEL_MAX:]
    if words.published_end is not None and words.published_end.search(tail):
        return _Before.PUBLISHED
    if words.updated_any is not None and words.updated_any.search(tail):
        return _Before.UPDATED
    if not line_start_known or len(prefix) > LABEL_MAX:
        return _Before.TEXT
    core = words.particle_end.sub("", tail) if words.particle_end is not None else tail
    core = core.strip(_SPACE)
    if not core.strip(_OPENERS):
        return _Before.NOTHING
    lowercase_words = sum(1 for word in _WORD.findall(core) if word[0].islower())
    if core[-1] in _LABEL_ENDS and lowercase_words <= LABEL_MAX_LOWERCASE_WORDS:
        return _Before.LABEL
    return _Before.TEXT


def _after(suffix: str, line_complete: bool) -> _After:
    rest = suffix.strip(_SPACE + "\r")
    if not rest.strip(_CLOSERS):
        return _After.NOTHING if line_complete else _After.TEXT
    first = rest[0]
    if first == ",":
        following = rest[1:].lstrip(_SPACE)
        starts_name = bool(following) and (following[0].isupper() or following[0].isdigit())
        return _After.SHORT_COMMA if line_complete and len(rest) <= 40 and starts_name else _After.TEXT
    if first in _SUFFIX_SEPARATORS:
        return _After.SEPARATOR
    if first.isupper():
        return _After.CAPITAL
    return _After.TEXT
