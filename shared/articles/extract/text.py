"""Cheap text facts: word and paragraph counts, the lead sentence."""

from __future__ import annotations

import re

from .record import Stats

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A sentence ends at . ! ? (or …) followed by space and an upper-case letter (maybe after a quote or dash);
# "2024. július 12." must not end one, so the letter's case is checked in code.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»']?\s+[\"„«'(\-–—]?(?=[^\W\d_])")
LEAD_MAX = 300


def text_stats(body: str) -> Stats:
    paragraphs = sum(1 for part in _PARAGRAPH_BREAK.split(body) if part.strip())
    return Stats(characters=len(body), words=sum(1 for _ in _WORD.finditer(body)), paragraphs=paragraphs)


def lead_sentence(body: str) -> str | None:
    """The first sentence of the body, cut at a word boundary if longer than LEAD_MAX."""
    first = body.strip().split("\n", 1)[0].strip()
    if not first:
        return None
    window = first[: LEAD_MAX * 2]
    end = next((m.start() for m in _SENTENCE_END.finditer(window) if window[m.end()].isupper()), None)
    sentence = first[:end].strip() if end is not None else first
    if len(sentence) > LEAD_MAX:
        sentence = sentence[:LEAD_MAX].rsplit(" ", 1)[0] + "…"
    return sentence
