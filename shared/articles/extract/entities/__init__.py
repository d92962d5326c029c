"""Named entities of an article in base form: ``extract_entities(text, language, credit=...)``.

Mentions are capitalised token runs that are not sentence-start words (tokens, candidates);
Hungarian names are reduced to their base form (base_forms); mentions with the same base form
are one entity, and a lone surname joins the full name it abbreviates (grouping); types come from
gazetteers, keywords and context (classify). Knowledge is in per-language data tables (tables).
"""

from __future__ import annotations

from ..record import Entity
from .grouping import build_entities

__all__ = ["extract_entities"]


def extract_entities(text: str, language: str | None, *, credit: str | None = None) -> list[Entity]:
    """Entities of ``text`` sorted by count (descending), then first occurrence.

    ``credit`` is the credited party of the article's image ('Getty Images'); its names count as
    entities, its label never does. Never raises on any string input.
    """
    if not text and not credit:
        return []
    return build_entities(text or "", language, credit)
