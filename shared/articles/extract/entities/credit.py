"""Names in an image credit ('MTI/Koszticsák Szilárd', 'Getty Images', 'Reuters/John Smith')."""

from __future__ import annotations

import re

from ..record import EntityType
from .tables import LanguageTables

_PARTS = re.compile(r"\s*(?:/|,|;|\||\bvia\b|\s[-–—]\s)\s*")


def credit_names(credit: str, tables: LanguageTables) -> list[tuple[str, EntityType]]:
    names: list[tuple[str, EntityType]] = []
    for part in _PARTS.split(credit):
        name = part.strip(" .()[]\"'")
        if not name[:1].isalpha() or not any(ch.isupper() for ch in name):
            continue
        names.append((name, _credit_type(name, tables)))
    return names


def _credit_type(name: str, tables: LanguageTables) -> EntityType:
    words = name.split()
    if name in tables.agencies or name.isupper() or words[-1].lower() in tables.org_keywords:
        return EntityType.ORG
    known = tables.known_names.get(name)
    if known:
        return EntityType(known)
    # a photographer: two or three capitalised words
    if 2 <= len(words) <= 4 and all(w[:1].isupper() and w.isalpha() for w in words):
        return EntityType.PER
    return EntityType.ORG
