"""Word-list lookups that understand German compounds and endings.

German writes compounds as one word ('Bundesregierungen' = 'Bundes' + 'Regierung' + 'en'), so the
word lists ship only heads: a word is listed when it, or its stem before a declension ending, or
any head of that stem is listed. tools/train_entity_tables.py prunes the lists with this very
function, so every word of the full dictionary is still found; names that merely end like a noun
('Heidelberg', 'Hoffmann') are kept apart by a list of exceptions.
"""

from __future__ import annotations

from collections.abc import Set

GERMAN_ENDINGS = ("", "s", "es", "n", "en", "e", "er", "ern", "em", "ns")
MIN_HEAD = 4
"""shorter heads ('Hof', 'Amt') would make too many names look like compounds"""
MIN_MODIFIER = 3
MAX_HEAD = 64
"""Longer heads are not looked up (the lists' longest is 33): without a bound, every cut of a hostile
100k-letter word would slice and hash the rest of it, quadratic in its length."""
MIN_SUFFIXED = 7
"""'Regierung' is a noun by its suffix, 'Jung' and 'Hartung' may be names"""


def is_listed(
    lower: str,
    words: Set[str],
    word_suffixes: tuple[str, ...] = (),
    endings: tuple[str, ...] = GERMAN_ENDINGS,
) -> bool:
    """Whether the lower-cased ``lower`` is in ``words`` as it stands, declined, or as a compound;
    or its stem ends with one of ``word_suffixes`` ('-ung', '-keit': nouns without a list)."""
    for ending in endings:
        if ending and not lower.endswith(ending):
            continue
        stem = lower[: len(lower) - len(ending)] if ending else lower
        if stem in words:
            return True
        if stem.endswith(word_suffixes) and len(stem) >= MIN_SUFFIXED:
            return True
        for cut in range(max(MIN_MODIFIER, len(stem) - MAX_HEAD), len(stem) - MIN_HEAD + 1):
            if stem[cut:] in words:
                return True
    return False
