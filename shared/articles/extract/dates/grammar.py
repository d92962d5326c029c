"""Date grammars compiled from the per-language tables (``tables/dates.py``), lazily and once.

A grammar is one regular expression per language: optional time and weekday, one of the
language's date forms, optional weekday and time after it. A month name is matched as a word and
looked up in the table afterwards; the other word lists become character tries
(``mon(?:day)?``), so a failed position costs one character test, not one per word. Every
repetition is bounded and the month word is possessive, so there is no catastrophic
backtracking; callers also bound the text a grammar is run on (``Grammar.match_around``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..tables.dates import AM_PM, NUMERIC_FORMS, TABLES, ZONE_OFFSETS, DateTable, SlashOrder
from .values import DateParts, parse_offset

SP = r"\s"
r"""Whitespace. A date never spans lines, but ``match_around`` already confines the search to one
line, and a plain ``\s`` compiles ~30 times faster than a class of non-ASCII spaces."""

MATCH_BEFORE = 50
"""A date starts at most this far before its year (weekday, time, day and month come first)."""
MATCH_AFTER = 80
"""... and ends at most this far after it (suffixes, weekday, time, zone)."""

_START = r"(?<![\w/+-])(?<!\d[.:])"
_END = r"(?!\w|[-/.,:]\w)"
_WORD_RUN = re.compile(r"\w+")
_MONTH_WORD = r"(?<![^\W\d_])[^\W\d_]{2,20}+"
_TEMPLATE_TOKEN = re.compile(r"\{(?:MM|[DMYAB])\}| +|.")
_FOLD_EXTRA = str.maketrans({"ı": "i", "ʼ": "'", "’": "'"})


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: how table words and matched text are compared."""
    decomposed = unicodedata.normalize("NFD", text.lower().translate(_FOLD_EXTRA))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.split())


def split_words(listing: str) -> list[str]:
    return [word.strip() for word in listing.split(",") if word.strip()]


def trie_pattern(words: Iterable[str], *, fold_case: bool = True) -> str:
    """An alternation of ``words`` as a trie regex; longest forms win, spaces match any whitespace."""
    variants = {variant for word in words for variant in _variants(word, fold_case)}
    trie: dict[str, dict] = {}
    for word in variants:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(trie)


def _variants(word: str, fold_case: bool) -> set[str]:
    if not fold_case:
        return {word}
    lowered = " ".join(word.lower().split())
    return {lowered, fold(word)}


def _emit(node: dict[str, dict]) -> str:
    branches = [
        (f"{SP}{{1,3}}" if char == " " else re.escape(char)) + _emit(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    parts: DateParts


class Grammar:
    """The compiled date grammar of one language (or, without a table, numeric dates only)."""

    def __init__(self, table: DateTable | None, word_tables: Iterable[DateTable]) -> None:
        word_tables = list(word_tables)
        self.slash_order: SlashOrder = table.slash_order if table else None
        self._months: dict[str, int] = {}
        templates: list[tuple[str, bool]] = []
        if table is not None:
            for number, spelling in enumerate(table.months, 1):
                for word in split_words(spelling):
                    self._months.setdefault(fold(word), number)
            templates += [(form, False) for form in table.forms]
        templates += [(form, False) for form in NUMERIC_FORMS]
        if table is not None:
            templates += [(form, True) for form in table.month_forms]
        self._form_count = len(templates)
        # A month is read as a word (two for "tháng 7") and checked against the table afterwards:
        # one name trie per form would make the pattern several times larger and slower to compile.
        month_names = None
        if self._months:
            second_word = any(" " in name for name in self._months)
            month_names = _MONTH_WORD + (
                rf"(?:{SP}{{1,3}}(?:[^\W\d_]{{1,12}}+|\d\d?))?" if second_word else ""
            )
        alternatives = "|".join(
            self._compile_form(form, index, month_precision, month_names, table)
            for index, (form, month_precision) in enumerate(templates)
            if month_names or "{M}" not in form
        )
        self.pattern = re.compile(
            _START + self._leading(table) + f"(?:{alternatives})" + self._trailing(table) + _END,
            re.IGNORECASE,
        )
        self.published_end = _word_regex(word_tables, "published", rf"\.?{SP}*[:–—-]?{SP}*$")
        self.updated_any = _word_regex(word_tables, "updated", r"(?![^\W\d_])")
        self.particle_end = _word_regex(word_tables, "particles", rf"{SP}*$")

    # -- compilation -------------------------------------------------------------------------

    @staticmethod
    def _compile_form(
        form: str, index: int, month_precision: bool, month_names: str | None, table: DateTable | None
    ) -> str:
        day_suffix = (
            f"(?:{trie_pattern(split_words(table.day_suffixes))})?" if table and table.day_suffixes else ""
        )
        pieces = []
        for piece in _TEMPLATE_TOKEN.findall(form):
            if piece == "{D}":
                pieces.append(rf"(?P<d{index}>[12]\d|3[01]|0?[1-9])(?!\d){day_suffix}")
            elif piece == "{MM}":
                pieces.append(rf"(?P<m{index}>1[0-2]|0?[1-9])(?!\d)")
            elif piece == "{M}":
                pieces.append(rf"(?P<n{index}>{month_names})\.?")
            elif piece == "{Y}":
                pieces.append(rf"(?P<y{index}>(?:19|20)\d\d)(?!\d)")
            elif piece in ("{A}", "{B}"):
                pieces.append(rf"(?P<{piece[1].lower()}{index}>\d\d?)(?!\d)")
            elif piece.isspace():
                pieces.append(f"{SP}{{0,3}}")
            elif piece == ",":
                pieces.append(",?")
            elif piece == "'":
                pieces.append("['’]")
            else:
                pieces.append(re.escape(piece))
        if form.endswith("{Y}") and table is not None and table.year_suffixes:
            pieces.append(
                rf"(?:{SP}{{0,2}}(?:{trie_pattern(split_words(table.year_suffixes))})(?![^\W\d_]))?"
            )
        if month_precision:
            pieces.append(rf"(?!{SP}{{0,3}}\d)")  # "2024. július 12-én" is not "July 2024"
        return "".join(pieces)

    @staticmethod
    def _weekdays(table: DateTable | None) -> tuple[str | None, str | None]:
        """Tries of long weekday names and of short ones (which need a dot or comma after them)."""
        if table is None:
            return None, None
        names = [word for spelling in table.weekdays for word in split_words(spelling)]
        long = [name for name in names if len(fold(name).replace(" ", "")) > 2]
        short = [name for name in names if len(fold(name).replace(" ", "")) <= 2]
        return (trie_pattern(long) if long else None), (trie_pattern(short) if short else None)

    def _leading(self, table: DateTable | None) -> str:
        leading_time = rf"(?:{_time('a', table)}{SP}{{0,2}}[,|·•–—-]?{SP}{{1,3}})?"
        long, short = self._weekdays(table)
        options = []
        if long:
            options.append(rf"(?:{long})\.?{SP}{{0,2}},?{SP}{{0,3}}")
        if short:
            # "Di., 18.06." / "pe 12.7.2024": a short name needs a dot, a comma or a number after it.
            options.append(rf"(?:{short})(?:\.{SP}{{0,2}},?|,|(?={SP}\d)){SP}{{0,3}}")
        weekday = f"(?:{'|'.join(options)})?" if options else ""
        return leading_time + weekday

    def _trailing(self, table: DateTable | None) -> str:
        long, _ = self._weekdays(table)
        weekday = rf"(?:{SP}{{0,2}},?{SP}{{0,3}}(?:{long})\.?(?![^\W\d_]))?" if long else ""
        words = split_words(table.time_words) if table else []
        time_word = rf"(?:(?:{trie_pattern(words)})\.?{SP}{{0,3}})?" if words else ""
        joint = rf"(?:T|{SP}{{0,2}}[.,|·•/–—-]?{SP}{{0,3}}{time_word})"
        return weekday + rf"(?:{joint}{_time('b', table)})?"

    # -- matching ----------------------------------------------------------------------------

    def match_around(self, text: str, year_at: int, low: int, high: int) -> DateMatch | None:
        """The date whose year starts at ``year_at``, searched only on its own line, near the year."""
        start = max(low, year_at - MATCH_BEFORE)
        end = min(high, year_at + MATCH_AFTER)
        line_start = text.rfind("\n", start, year_at)
        if line_start != -1:
            start = line_start + 1
        line_end = text.find("\n", year_at, end)
        if line_end != -1:
            end = line_end
        # Every date starts at the start of a word; trying only those is ~5x cheaper than search().
        for word in _WORD_RUN.finditer(text, start, year_at + 1):
            match = self.pattern.match(text, word.start(), end)
            if match is not None and match.end() > year_at:
                return self._date(match)
        return None

    def _date(self, match: re.Match[str]) -> DateMatch | None:
        groups = match.groupdict()
        for form in range(self._form_count):
            year = groups.get(f"y{form}")
            if year is None:
                continue
            day_month = self._day_month(groups, form)
            if day_month is None:
                return None
            day, month = day_month
            hour, minute, second, offset = (
                _clock(groups, "b") or _clock(groups, "a") or (None, None, None, None)
            )
            parts = DateParts(int(year), month, day, hour, minute, second, offset)
            return DateMatch(match.start(), match.end(), parts)
        return None

    def _day_month(self, groups: dict[str, str | None], form: int) -> tuple[int | None, int] | None:
        day = groups.get(f"d{form}")
        if (name := groups.get(f"n{form}")) is not None:
            month = self._months.get(fold(name))
            if month is None:
                return None
            return (int(day) if day else None), month
        if (number := groups.get(f"m{form}")) is not None:
            return (int(day) if day else None), int(number)
        first, second = groups.get(f"a{form}"), groups.get(f"b{form}")
        if first is None or second is None:
            return None
        return slash_day_month(int(first), int(second), self.slash_order)


def slash_day_month(first: int, second: int, order: SlashOrder) -> tuple[int, int] | None:
    """Read ``first/second/year``: the language's order if it gives a real month, else the other
    order if that does; without an order, only when the reading is unambiguous."""
    day_first, month_first = (first, second), (second, first)
    if order is None:
        if first == second or (first > 12) != (second > 12):
            return day_first if second <= 12 else month_first
        return None
    preferred, other = (day_first, month_first) if order == "dmy" else (month_first, day_first)
    for day, month in (preferred, other):
        if 1 <= month <= 12:
            return day, month
    return None


def _time(prefix: str, table: DateTable | None) -> str:
    am = split_words(AM_PM[0]) + (split_words(table.am_pm[0]) if table else [])
    pm = split_words(AM_PM[1]) + (split_words(table.am_pm[1]) if table else [])
    suffixes = split_words(table.time_suffixes) if table else []
    zones = trie_pattern(ZONE_OFFSETS, fold_case=False)
    p = prefix
    return (
        rf"(?P<{p}h>2[0-3]|[01]?\d)(?:[:.]|{SP}?[hH]{SP}?)(?P<{p}i>[0-5]\d)(?!\d)"
        rf"(?::(?P<{p}s>[0-5]\d)(?:[.,]\d{{1,9}})?)?"
        rf"(?:{SP}?(?P<{p}o>Z|[+-](?:0\d|1[0-4])(?::?[0-5]\d)?)(?![\d:]))?"
        rf"(?:{SP}{{0,2}}(?:(?P<{p}am>{trie_pattern(am)})|(?P<{p}pm>{trie_pattern(pm)}))(?![^\W\d_]))?"
        + (rf"(?:{SP}{{0,2}}(?:{trie_pattern(suffixes)})(?![^\W\d_]))?" if suffixes else "")
        + rf"(?:{SP}{{0,2}}\(?(?-i:(?P<{p}z>{zones}))(?P<{p}zo>[+-](?:1[0-4]|0?\d)(?::?[0-5]\d)?)?\)?)?"
    )


def _clock(groups: dict[str, str | None], prefix: str) -> tuple[int, int, int | None, int | None] | None:
    hour_text, minute_text = groups.get(f"{prefix}h"), groups.get(f"{prefix}i")
    if hour_text is None or minute_text is None:
        return None
    hour, minute = int(hour_text), int(minute_text)
    seconds_text = groups.get(f"{prefix}s")
    second = int(seconds_text) if seconds_text else None
    if groups.get(f"{prefix}am") or groups.get(f"{prefix}pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if groups.get(f"{prefix}pm") else 0)
    offset: int | None = None
    if offset_text := groups.get(f"{prefix}o"):
        offset = parse_offset(offset_text)
    elif zone := groups.get(f"{prefix}z"):
        offset = ZONE_OFFSETS.get(zone)
        if offset is not None and (extra := groups.get(f"{prefix}zo")):
            offset += _signed_hours(extra)  # GMT+7, UTC+02:00
    return hour, minute, second, offset


def _signed_hours(text: str) -> int:
    """``+7``, ``-0530``, ``+02:00`` -> minutes."""
    digits = text[1:]
    if ":" in digits:
        hours, minutes = digits.split(":")
    elif len(digits) > 2:
        hours, minutes = digits[:-2], digits[-2:]
    else:
        hours, minutes = digits, "0"
    total = int(hours) * 60 + int(minutes)
    return -total if text.startswith("-") else total


def _word_regex(tables: Iterable[DateTable], field: str, tail: str) -> re.Pattern[str] | None:
    words = {word for table in tables for word in split_words(getattr(table, field))}
    if not words:
        return None
    return re.compile(rf"(?<![^\W\d_])(?:{trie_pattern(words)}){tail}", re.IGNORECASE)


@cache
def grammar_for(code: str) -> Grammar | None:
    """The grammar of a language code (``hu``, ``en-us``…), compiled on first use; None if no table."""
    table = TABLES.get(code.lower().split("-")[0])
    if table is None:
        return None
    return Grammar(table, [table, TABLES["en"]])


@cache
def numeric_grammar() -> Grammar:
    """Numeric dates only, with every language's words: for text whose language is unknown."""
    return Grammar(None, TABLES.values())


@cache
def _name_index() -> dict[str, tuple[str, ...]]:
    """First word of every month and weekday name (folded) -> the languages that use it."""
    index: dict[str, list[str]] = {}
    for code, table in TABLES.items():
        for spelling in (*table.months, *table.weekdays):
            for word in split_words(spelling):
                # lower-cased and folded: text words are only lower-cased (folding costs ~20x more)
                for key in {word.lower().split(" ")[0], fold(word).split(" ")[0]}:
                    languages = index.setdefault(key, [])
                    if code not in languages:
                        languages.append(code)
    return {word: tuple(codes) for word, codes in index.items()}


_WORD = re.compile(r"[^\W\d_]{2,}")


def languages_near(text: str, low: int, high: int, limit: int, skip: str | None = None) -> list[str]:
    """Languages whose month or weekday names occur in ``text[low:high]``, most names first."""
    index = _name_index()
    hits: dict[str, int] = {}
    for word in _WORD.finditer(text, low, high):
        for code in index.get(word.group().lower(), ()):
            if code != skip:
                hits[code] = hits.get(code, 0) + 1
    return sorted(hits, key=lambda code: -hits[code])[:limit]
