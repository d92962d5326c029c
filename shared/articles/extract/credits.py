"""Image credit: the credited party without its label, and the body with the credit removed.

Sources, best first: explicit metadata fields, image captions, credit segments in the body.
A credit segment is a label from ``tables/credits.py`` ("Fotó", "Photo by", "Címlapkép forrása")
where a credit starts - at a line start, after a sentence end near the end of a line, or right
after an opening bracket - followed by the credited party. "Fotó" inside a running sentence is
therefore never a credit. The body is only examined in those places and through bounded windows,
so a megabyte-long single line costs little more than a short one.

Every credit segment found in the body is removed from the returned body (the entity extractor
must not see labels); the first one in reading order is reported when metadata and captions have
none. Text around a credit stays: in "A címlapkép illusztráció. Címlapkép forrása: Getty Images"
only the second sentence goes, because the first is article prose, not a credit.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .document import ParsedDocument
from .record import ImageCredit
from .tables.credits import CREDIT_LABELS, IMAGE_ONLY_SOURCES, SHARED_LANGUAGE

MAX_CREDIT_CHARS = 120
MAX_CREDIT_WORDS = 15
PARTY_SCAN_CHARS = 200
"""A party is looked for this far after its label; a line running on further is not a credit."""
EDGE_LINES = 3
"""The tails of this many first and last non-empty lines are searched for a trailing credit."""
TAIL_WINDOW_CHARS = 240
MAX_SEGMENTS = 50
"""Stop collecting credit segments after this many (hostile input: one label per line, forever)."""
MAX_CAPTIONS = 50
MAX_METADATA_VALUES = 20
MAX_CAPTION_CHARS = 1000
"""Longer captions and metadata values are not captions: only their end is searched for a credit."""

_SPACE = r"[^\S\n]"
# Where a new segment may start within a line: after a sentence end, a bracket or a dash.
_SEGMENT_BOUNDARY = re.compile(r"[.!?…)\]\"”»|–—(\[][^\S\n]*")
_PARTY_STOP = re.compile(r"[.!?…](?=\s)|[|;•]")
_EDGE_JUNK = " \t-–—:;,.|*_\"'„“”«»‘’‚"
_COPYRIGHT_MARKS = ("©", "(c)", "(C)", "Ⓒ")
_LEADING_YEAR = re.compile(r"\d{4}\b\s*")


@dataclass(frozen=True)
class CreditResult:
    credit: ImageCredit | None
    body: str
    """The document body with every credit segment removed."""


@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    """Span to remove from the text it was found in."""
    label: str | None
    party: str | None
    """The cleaned credited party; None for a label without one ("Fotó: illusztráció")."""


@dataclass(frozen=True)
class _Labels:
    line_start: re.Pattern[str]
    anchored: re.Pattern[str]
    bracketed: re.Pattern[str]
    agency_bracketed: re.Pattern[str]
    source_labels: frozenset[str]
    not_parties: frozenset[str]


def find_image_credit(document: ParsedDocument, language: str | None) -> CreditResult:
    segments = _scan(document.body, _labels_for(_table_key(language)), image_context=False)
    body = _remove(document.body, segments) if segments else document.body
    # Captions and metadata are about the picture already: every language's labels are safe there
    # (a Hungarian page may carry a German agency's "Foto: dpa" caption). Those patterns take tens of
    # milliseconds to compile, so only documents that have captions or credit fields pay for them.
    any_labels = _labels_for(None) if document.credits or document.captions else None
    credit = None
    if any_labels is not None:
        credit = _first(
            _from_metadata(value.value, value.source, any_labels)
            for value in document.credits[:MAX_METADATA_VALUES]
        ) or _first(_from_caption(caption, any_labels) for caption in document.captions[:MAX_CAPTIONS])
    credit = credit or _first(_credit(segment, "credit_line") for segment in segments)
    return CreditResult(credit=credit, body=body)


# --- sources -------------------------------------------------------------------------------------


def _from_metadata(value: str, source: str, labels: _Labels) -> ImageCredit | None:
    """A metadata field may hold just the party ("Reuters") or a labelled credit ("Photo: Reuters")."""
    value = value[-MAX_CAPTION_CHARS:]
    found = _first(_credit(segment, source) for segment in _scan(value, labels, image_context=True))
    if found or len(value) > PARTY_SCAN_CHARS:
        return found
    party = _clean_party(value)
    return ImageCredit(text=party, label=None, source=source) if _is_party(party, labels) else None


def _from_caption(caption: str, labels: _Labels) -> ImageCredit | None:
    caption = caption[-MAX_CAPTION_CHARS:]
    found = _first(_credit(segment, "caption") for segment in _scan(caption, labels, image_context=True))
    if found:
        return found
    # "Stoltenberg in Brussels. © Reuters": a copyright mark in a caption credits the picture.
    tail = caption[-TAIL_WINDOW_CHARS:]
    for mark in _COPYRIGHT_MARKS:
        position = tail.rfind(mark)
        if position != -1:
            party = _clean_party(tail[position:])
            return ImageCredit(text=party, label=None, source="caption") if _is_party(party, labels) else None
    return None


def _credit(segment: _Segment, source: str) -> ImageCredit | None:
    return ImageCredit(text=segment.party, label=segment.label, source=source) if segment.party else None


def _first(credits: Iterable[ImageCredit | None]) -> ImageCredit | None:
    return next((credit for credit in credits if credit is not None), None)


# --- finding credit segments ---------------------------------------------------------------------


def _scan(text: str, labels: _Labels, *, image_context: bool) -> list[_Segment]:
    """Credit segments in ``text``, in reading order, without overlaps, at most MAX_SEGMENTS."""
    segments: list[_Segment] = []
    for segment in _candidates(text, labels, image_context):
        if segment and not any(s.start < segment.end and segment.start < s.end for s in segments):
            segments.append(segment)
            if len(segments) == MAX_SEGMENTS:
                break
    return sorted(segments, key=lambda segment: segment.start)


def _candidates(text: str, labels: _Labels, image_context: bool) -> Iterator[_Segment | None]:
    for match in labels.bracketed.finditer(text):  # "(Photo by Jane Doe/Getty Images)"
        yield _segment(text, match, match.start(), match.start("party"), match.end(), labels, image_context)
    for match in labels.agency_bracketed.finditer(text):  # "(AP Photo/Evan Vucci)"
        party = _clean_party(match.group("party"))
        yield _Segment(match.start(), match.end(), None, party) if _is_party(party, labels) else None
    for match in labels.line_start.finditer(text):  # "Fotó: MTI/Koszticsák Szilárd" on a line of its own
        yield _segment_to_line_end(text, match, labels, image_context)
    # "A címlapkép illusztráció. Címlapkép forrása: Getty Images": the tail of a first or last line.
    for line_start, line_end in _edge_lines(text):
        # Try the labels only where a segment can start: after a sentence end, a bracket or a dash.
        window_start = max(line_start, line_end - TAIL_WINDOW_CHARS)
        for boundary in _SEGMENT_BOUNDARY.finditer(text, window_start, line_end):
            label_match = labels.anchored.match(text, boundary.end(), line_end)
            segment = _segment_to_line_end(text, label_match, labels, image_context) if label_match else None
            if segment:
                yield segment
                break


def _segment_to_line_end(
    text: str, match: re.Match[str], labels: _Labels, image_context: bool
) -> _Segment | None:
    """A segment whose party runs from the label to the end of its sentence or line."""
    party_end = _party_end(text, match.end())
    if party_end is None:
        return None
    return _segment(text, match, match.start(), match.end(), party_end, labels, image_context)


def _segment(
    text: str,
    match: re.Match[str],
    start: int,
    party_start: int,
    end: int,
    labels: _Labels,
    image_context: bool,
) -> _Segment | None:
    label = " ".join((match.group("label") or match.group("open")).split())
    party = _clean_party(text[party_start:end])
    if party.casefold() in labels.not_parties:
        return _Segment(start, end, label, None)
    if not _is_party(party, labels):
        return None
    if label.casefold() in labels.source_labels and not (image_context or _is_image_only_source(party)):
        return None  # "Forrás: MTI" under a story credits its text, not a picture
    return _Segment(start, end, label, party)


def _party_end(text: str, start: int) -> int | None:
    """Where the party starting at ``start`` ends: a sentence end, a separator or the line end.

    None when the line runs on past PARTY_SCAN_CHARS without one: that is prose, not a credit.
    """
    limit = min(len(text), start + PARTY_SCAN_CHARS)
    newline = text.find("\n", start, limit)
    line_end = limit if newline == -1 else newline
    for stop in _PARTY_STOP.finditer(text, start, line_end):
        if text[stop.start()] not in ".!?…" or _ends_sentence(text, stop.start(), line_end):
            return stop.start()
    if newline == -1 and limit < len(text):
        return None
    return line_end


def _ends_sentence(text: str, stop: int, limit: int) -> bool:
    """A full stop after a word (not an initial, as in "J. Doe") followed by a capital letter."""
    if stop < 2 or not (text[stop - 1].isalpha() and text[stop - 2].isalpha()):
        return False
    following = text[stop + 1 : limit].lstrip()[:2].lstrip("\"'„“«(")
    return following[:1].isupper()


def _edge_lines(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the first and last EDGE_LINES non-empty lines, each at most once."""
    first = list(itertools.islice(_lines_forward(text), EDGE_LINES))
    last = [span for span in itertools.islice(_lines_backward(text), EDGE_LINES) if span not in first]
    return iter(first + last)


def _lines_forward(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for _ in range(EDGE_LINES * 20):  # blank lines are skipped, but not forever
        if start >= len(text):
            return
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        if not text[start : min(end, start + TAIL_WINDOW_CHARS)].isspace() and end > start:
            yield start, end
        start = end + 1


def _lines_backward(text: str) -> Iterator[tuple[int, int]]:
    end = len(text)
    for _ in range(EDGE_LINES * 20):
        if end <= 0:
            return
        start = text.rfind("\n", 0, end) + 1
        if not text[max(start, end - TAIL_WINDOW_CHARS) : end].isspace() and end > start:
            yield start, end
        end = start - 1


# --- the credited party --------------------------------------------------------------------------


def _clean_party(raw: str) -> str:
    """Strip labels' leftovers: brackets, quotes, trailing punctuation, "©"/"(c)"; collapse spaces."""
    text = " ".join(raw[: PARTY_SCAN_CHARS * 2].split())
    previous = None
    while text != previous:
        previous = text
        text = text.strip(_EDGE_JUNK)
        for mark in _COPYRIGHT_MARKS:
            if text.startswith(mark):
                text = _LEADING_YEAR.sub("", text[len(mark) :].lstrip(), count=1)  # "© 2024 Reuters"
            if text.endswith(mark):
                text = text[: -len(mark)]
        for opener, closer in ("()", "[]", "{}"):
            if text.startswith(opener) and (text.endswith(closer) or closer not in text):
                text = text[1:-1] if text.endswith(closer) else text[1:]
            elif text.endswith(closer) and opener not in text:
                text = text[:-1]
    return text


def _is_party(text: str, labels: _Labels) -> bool:
    """A name, agency or "Agency/Photographer" - not empty, not a sentence, not too long."""
    if not 2 <= len(text) <= MAX_CREDIT_CHARS or not any(char.isalpha() for char in text):
        return False
    if text.casefold() in labels.not_parties:
        return False
    words = text.replace("/", " ").replace("-", " ").split()
    if len(words) > MAX_CREDIT_WORDS:
        return False
    if _is_image_only_source(text):
        return True
    # Names are capitalised; prose is mostly lower-case. Short words ("dpa", "via", "de") are neutral.
    long_words = [word for word in words if sum(char.isalpha() for char in word) >= 4]
    lower = [word for word in long_words if word[:1].islower()]
    if words[0] in lower:
        return False  # "the government says…", "készült a helyszínen"
    return len(lower) <= 2 and 2 * len(lower) <= len(long_words)


def _is_image_only_source(party: str) -> bool:
    folded = party.casefold()
    return any(source in folded for source in _IMAGE_ONLY_SOURCES)


_IMAGE_ONLY_SOURCES = tuple(source.casefold() for source in IMAGE_ONLY_SOURCES.split(" | "))


# --- removing segments from the body -------------------------------------------------------------


def _remove(text: str, segments: list[_Segment]) -> str:
    """``text`` without the segments; a line left holding nothing else goes entirely."""
    pieces: list[str] = []
    cursor = 0
    for segment in segments:
        start, end = _widen(text, segment.start, segment.end)
        if start < cursor:  # widened into the previous removal
            start = cursor
        pieces.append(text[cursor:start])
        cursor = max(cursor, end)
    pieces.append(text[cursor:])
    return "".join(pieces)


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """The span to delete for a segment: with its separating spaces, or its whole line if alone on it.

    Only TAIL_WINDOW_CHARS either side are looked at: a segment on a huge line is never alone on it.
    """
    window_start = max(0, start - TAIL_WINDOW_CHARS)
    newline_before = text.rfind("\n", window_start, start)
    before = text[newline_before + 1 : start] if newline_before != -1 or window_start == 0 else "…"
    newline_after = text.find("\n", end, end + TAIL_WINDOW_CHARS)
    line_end = len(text) if newline_after == -1 else newline_after
    after = text[end:line_end] if line_end - end <= TAIL_WINDOW_CHARS else "…"
    if before.strip(" \t*_>-–—•"):  # "…said. Photo: X": keep the sentence, drop the space before the credit
        return start - (len(before) - len(before.rstrip())), end
    if after.strip(" \t.,;*_"):  # "Fotó: MTI. A képen…": the credit opens its line, the text goes on
        return start, end + len(after) - len(after.lstrip(" \t.,;|•*_"))
    line_start = newline_before + 1
    if line_end < len(text):
        return line_start, line_end + 1
    return max(0, line_start - 1), line_end


# --- label tables --------------------------------------------------------------------------------


def _table_key(language: str | None) -> str | None:
    """The table for ``language``, or None (all tables) when it is unknown or has none."""
    code = (language or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in CREDIT_LABELS else None


@functools.lru_cache(maxsize=64)
def _labels_for(language: str | None) -> _Labels:
    tables = (
        [CREDIT_LABELS[language], CREDIT_LABELS[SHARED_LANGUAGE]]
        if language
        else list(CREDIT_LABELS.values())
    )
    colon_labels = _split(table.labels for table in tables) | _split(table.source_labels for table in tables)
    open_labels = _split(table.open_labels for table in tables)
    agency_marks = _split(table.agency_marks for table in tables)
    # Possessive runs (*+): spaces, bullets and the colon are disjoint, so giving characters back never
    # helps a match, and backtracking over "Photo by" + 100k spaces or a line of spaces is quadratic.
    head = (
        rf"(?:(?P<label>{_alternation(colon_labels)}){_SPACE}*+[:：]"
        rf"|(?P<open>{_alternation(open_labels)}){_SPACE}*+:?){_SPACE}*+"
    )
    return _Labels(
        line_start=re.compile(rf"^{_SPACE}*+[*_>•\-–—]*+{_SPACE}*+{head}", re.MULTILINE | re.IGNORECASE),
        anchored=re.compile(head, re.IGNORECASE),
        # The party must start with a non-space: otherwise "( Photo:" + a megabyte of spaces backtracks.
        bracketed=re.compile(
            rf"[(\[]{_SPACE}*{head}(?P<party>[^()\[\]\s][^()\[\]\n]{{0,{MAX_CREDIT_CHARS + 20}}})[)\]]",
            re.IGNORECASE,
        ),
        agency_bracketed=re.compile(
            rf"[(\[](?P<party>[^()\[\]\n]{{1,40}}?{_SPACE}(?:{_alternation(agency_marks)})[^()\[\]\n]{{1,100}})[)\]]",
            re.IGNORECASE,
        ),
        source_labels=frozenset(
            label.casefold() for label in _split(table.source_labels for table in tables)
        ),
        not_parties=frozenset(word.casefold() for word in _split(table.not_parties for table in tables)),
    )


def _split(fields: Iterable[str]) -> set[str]:
    return {label.strip() for field in fields for label in field.split("|") if label.strip()}


_Trie = dict[str, "_Trie"]
_END = "<end>"
_END_OF_WORD = "<end of word>"
"""Keys marking where a label ends (every other key is one character)."""


def _alternation(labels: set[str]) -> str:
    """The labels as a case-insensitive trie: a position is rejected after one or two characters
    instead of after trying every label in turn (hundreds when all languages are in play).

    At each node longer labels are tried first ("Photo credit" before "Photo"); a space inside a
    label matches any run of spaces; a label ending in a letter must end a word.
    """
    if not labels:
        return "(?!)"
    trie: _Trie = {}
    for label in labels:
        node = trie
        for char in " ".join(label.lower().split()):
            node = node.setdefault(char, {})
        node[_END_OF_WORD if label[-1].isalnum() else _END] = {}
    initials = "".join(
        sorted({re.escape(char) for char in trie} | {re.escape(char.upper()) for char in trie})
    )
    return f"(?=[{initials}]){_trie_pattern(trie)}"


def _trie_pattern(node: _Trie) -> str:
    branches = [
        (rf"{_SPACE}+" if char == " " else re.escape(char)) + _trie_pattern(child)
        for char, child in sorted(node.items())
        if len(char) == 1
    ]
    # Ends go last, so that longer labels are tried first.
    if _END_OF_WORD in node:
        branches.append(r"(?!\w)")
    if _END in node:
        branches.append("")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
