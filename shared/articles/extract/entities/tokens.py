"""Word tokens with offsets, and whether each one starts a sentence (where capitals prove nothing)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Letters/digits with inner hyphens or apostrophes ("Észak-Korea", "EU-n", "O'Brien"); a trailing
# dot is kept on abbreviations only later, by the candidate rules that need it.
# A social-media handle or hashtag ('@RedRazan', '#Szudánban') is one token with its sign.
_TOKEN = re.compile(r"(?<![\w@#])[@#]\w+|[^\W_](?:[^\W_]|[-'’](?=[^\W_]))*")
# What may stand between a sentence end and the next word: spaces, quotes, brackets, dashes.
_OPENERS = set(" \t\n\r\"'„“”«»‘’([{-–—•*#>")
_SENTENCE_ENDS = set(".!?:;…")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    sentence_start: bool
    joined_to_previous: bool
    """only a single space (or a connector-friendly gap) separates it from the previous token"""

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    previous_end = 0
    for match in _TOKEN.finditer(text):
        start = match.start()
        gap = text[previous_end:start]
        if gap == " " and tokens:  # most gaps: skip the sentence checks
            sentence_start, joined = False, True
        else:
            after_initial = gap == ". " and _is_initial(tokens[-1].text if tokens else "")
            sentence_start = not tokens or (_starts_sentence(gap) and not after_initial)
            joined = bool(tokens) and after_initial
        end = match.end()
        tokens.append(Token(match.group(), start, end, sentence_start, joined))
        previous_end = end
    return tokens


def _is_initial(word: str) -> bool:
    """'M. Kiss Csaba', 'George W. Bush': the dot after a single capital ends no sentence."""
    return len(word) == 1 and word.isupper()


def _starts_sentence(gap: str) -> bool:
    """A gap with a sentence end, a line break or an opening quote puts the next word at a start."""
    if "\n" in gap or any(ch in _SENTENCE_ENDS for ch in gap):
        return True
    return gap[-1:] in '"„“«»‘' and not gap.startswith(('"', "”", "»"))
