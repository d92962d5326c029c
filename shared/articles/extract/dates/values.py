"""A date at the precision it was written with: validation, ISO formatting, machine formats.

Decisions (documented in the README's date section):
- Precision is never invented: ``2024-07`` stays ``2024-07`` (month), never ``2024-07-01``.
- A datetime keeps its offset, normalised to ``+HH:MM`` (``Z`` becomes ``+00:00``). A datetime
  written without an offset (or with ``-00:00``, "offset unknown" in RFC 3339/2822) stays a naive
  ISO datetime, ``2024-07-12T10:30:00``, with precision ``datetime``: the absent offset says the
  zone is unknown; guessing one would invent information.
- Seconds are always written; fractional seconds are dropped (no publisher means them).
- Years outside 1900..2100 are not publication dates; days are checked against the calendar.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from ..record import Precision

MIN_YEAR = 1900
MAX_YEAR = 2100
MAX_OFFSET_MINUTES = 14 * 60


@dataclass(frozen=True)
class DateParts:
    """What was written, field by field; ``None`` where the text said nothing."""

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    offset: int | None = None
    """Minutes east of UTC; ``None`` when no offset was written."""

    def to_value(self) -> tuple[str, Precision] | None:
        """The ISO 8601 string and its precision, or ``None`` if the date does not exist."""
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            return None
        if self.month is None:
            return f"{self.year:04d}", Precision.YEAR
        if not 1 <= self.month <= 12:
            return None
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}", Precision.MONTH
        if not 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]:
            return None
        date = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.hour is None:
            return date, Precision.DAY
        minute, second = self.minute or 0, self.second or 0
        if not (0 <= self.hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59):
            return None
        value = f"{date}T{self.hour:02d}:{minute:02d}:{second:02d}"
        if self.offset is not None:
            if abs(self.offset) > MAX_OFFSET_MINUTES:
                return None
            sign = "-" if self.offset < 0 else "+"
            hours, minutes = divmod(abs(self.offset), 60)
            value += f"{sign}{hours:02d}:{minutes:02d}"
        return value, Precision.DATETIME


def parse_offset(text: str) -> int | None:
    """``Z``, ``+02``, ``+0200``, ``+02:00`` -> minutes east of UTC; ``-00:00`` (unknown) -> None."""
    if text in ("Z", "z"):
        return 0
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) >= 4 else 0)
    if minutes == 0 and text.startswith("-"):
        return None
    return -minutes if text.startswith("-") else minutes


_OFFSET = r"(?P<offset>Z|[+-]\d{2}(?::?\d{2})?)"
_ISO_EXTENDED = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d{1,9})?)?"
    rf" ?{_OFFSET}?)?)?)?",
    re.IGNORECASE,
)
_ISO_BASIC = re.compile(
    r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"
    rf"(?:T(?P<hour>\d{{2}})(?P<minute>\d{{2}})(?P<second>\d{{2}})?(?:[.,]\d{{1,9}})?{_OFFSET}?)?",
    re.IGNORECASE,
)
_UNIX_SECONDS = re.compile(r"(?P<seconds>\d{9,10})(?:\.\d{1,6})?")
_UNIX_MILLISECONDS = re.compile(r"(?P<millis>\d{12,13})")


def parse_iso(text: str) -> DateParts | None:
    """ISO 8601 / RFC 3339 at any precision, extended or basic format."""
    match = _ISO_EXTENDED.fullmatch(text) or _ISO_BASIC.fullmatch(text)
    if match is None:
        return None
    fields = match.groupdict()

    def number(name: str) -> int | None:
        return int(fields[name]) if fields[name] is not None else None

    offset = fields["offset"]
    return DateParts(
        year=int(fields["year"]),
        month=number("month"),
        day=number("day"),
        hour=number("hour"),
        minute=number("minute"),
        second=number("second"),
        offset=parse_offset(offset) if offset and fields["hour"] is not None else None,
    )


def parse_unix_timestamp(text: str) -> DateParts | None:
    """Seconds (9-10 digits) or milliseconds (12-13 digits) since 1970: only these are clearly timestamps."""
    if seconds := _UNIX_SECONDS.fullmatch(text):
        moment = int(seconds["seconds"])
    elif millis := _UNIX_MILLISECONDS.fullmatch(text):
        moment = int(millis["millis"]) // 1000
    else:
        return None
    try:
        when = datetime.fromtimestamp(moment, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return DateParts(when.year, when.month, when.day, when.hour, when.minute, when.second, offset=0)
