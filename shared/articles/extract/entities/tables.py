"""Per-language knowledge tables, loaded lazily at first use and cached for the process lifetime.

Hand-written knowledge lives in data/<lang>.json, tables learned offline
(tools/train_entity_tables.py) in data/<lang>_learned.json.gz; data/NOTICE.txt credits their sources.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Container
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .bloom import BloomFilter

LANGUAGES_WITH_TABLES = frozenset({"hu", "de"})


@dataclass(frozen=True)
class LanguageTables:
    language: str | None
    sentence_start_words: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()
    lowercase_words: frozenset[str] = frozenset()
    common_nouns: frozenset[str] = frozenset()
    """German, lower-cased: nouns and the heads of compounds (compounds.is_listed finds the rest)"""
    noun_suffixes: tuple[str, ...] = ()
    """German: a word with one of these endings is a noun ('-ung', '-keit')"""
    not_common: frozenset[str] = frozenset()
    """German names that compounds.is_listed would take for nouns or words ('Heidelberg')"""
    org_keywords: frozenset[str] = frozenset()
    loc_keywords: frozenset[str] = frozenset()
    misc_keywords: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    known_names: dict[str, str] = field(default_factory=dict)
    """base form -> type, from gazetteers and the train part of the gold data"""
    last_token_types: dict[str, str] = field(default_factory=dict)
    proper_lemmas: frozenset[str] = frozenset()
    suffix_model: dict[str, str] = field(default_factory=dict)
    hyphen_suffixes: frozenset[str] = frozenset()
    entity_compound_heads: frozenset[str] = frozenset()
    adjective_suffixes: frozenset[str] = frozenset()
    """Hungarian '-i' forms ('Nemzeti Bank'): inside a name, unlike case suffixes"""
    agencies: frozenset[str] = frozenset()
    vowel_harmony: dict[str, str] = field(default_factory=dict)
    """Hungarian vowel classes for checking a guessed suffix against its stem"""
    not_names: frozenset[str] = frozenset()
    """capitalised words that are never entities on their own (currency codes, 'GDP', 'II')"""
    dictionary_words: Container[str] = frozenset()
    """every form of the language's common (lower-case) words, as a Bloom filter"""
    gazetteer: frozenset[str] = frozenset()
    """the hand-written names only (known_names also holds names learned from the gold data)"""
    type_model: dict[str, Any] = field(default_factory=dict)
    """naive Bayes counts for names nothing else types (type_model.py)"""


def _read(name: str) -> dict[str, Any]:
    path = resources.files(__package__).joinpath("data", name)
    raw = path.read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    data: dict[str, Any] = json.loads(raw)
    return data


def _word_set(words: str | list[str]) -> frozenset[str]:
    """Big word lists are stored newline-joined (fast to load), small ones as JSON lists."""
    return frozenset(words.split("\n") if isinstance(words, str) else words)


def _dictionary_filter(language: str) -> Container[str]:
    path = resources.files(__package__).joinpath("data", f"{language}_words.bloom")
    return BloomFilter(path.read_bytes()) if path.is_file() else frozenset()


@cache
def _common() -> dict[str, Any]:
    return _read("common.json")


def _weekday_names(language: str | None) -> frozenset[str]:
    """Weekday names, capitalised as they start a sentence or a dateline: never an entity alone.

    Taken from the date step's per-language tables so the two steps share one list. Month names
    are left out on purpose: May, June and August are also people's names.
    """
    from ..tables.dates import TABLES

    chosen = [TABLES[language]] if language in TABLES else list(TABLES.values())
    return frozenset(day.split(",")[0].strip().capitalize() for table in chosen for day in table.weekdays)


@cache
def tables_for(language: str | None) -> LanguageTables:
    """The tables of ``language``; languages without tables get the generic capitalisation rules."""
    common = _common()
    given = set(common["given_names"])
    agencies = frozenset(common["agencies"])
    not_names = frozenset(common["not_names"]) | _weekday_names(language)
    if language not in LANGUAGES_WITH_TABLES:
        return LanguageTables(
            language=language, given_names=frozenset(given), agencies=agencies, not_names=not_names
        )
    hand = _read(f"{language}.json")
    learned = _read(f"{language}_learned.json.gz")
    known: dict[str, str] = dict(learned["names"])
    # hand-written gazetteers win over learned votes
    gazetteer: dict[str, str] = {}
    for entity_type, names in hand["places"].items():
        gazetteer.update(dict.fromkeys(names, entity_type))
    gazetteer.update(dict.fromkeys(hand["organisations"], "ORG"))
    known.update(gazetteer)
    given.update(learned["given_names"])
    return LanguageTables(
        language=language,
        sentence_start_words=frozenset(hand["sentence_start_words"]),
        connectors=frozenset(hand["connectors"]),
        lowercase_words=_word_set(learned["lowercase_words"]),
        common_nouns=_word_set(learned.get("common_nouns", ())),
        not_common=_word_set(learned.get("not_common", ())),
        noun_suffixes=tuple(hand.get("noun_suffixes", ())),
        org_keywords=frozenset(hand["org_keywords"]),
        loc_keywords=frozenset(hand["loc_keywords"]),
        misc_keywords=frozenset(hand["misc_keywords"]),
        person_titles=frozenset(hand["person_titles"]),
        given_names=frozenset(given),
        known_names=known,
        last_token_types=learned["last_token_types"],
        proper_lemmas=frozenset(learned.get("proper_lemmas", ())),
        suffix_model=learned.get("suffix_model", {}),
        hyphen_suffixes=frozenset(hand.get("hyphen_suffixes", ())),
        entity_compound_heads=frozenset(hand.get("entity_compound_heads", ())),
        adjective_suffixes=frozenset(hand.get("adjective_suffixes", ())),
        agencies=agencies,
        not_names=not_names | frozenset(hand.get("not_names", ())),
        type_model=learned.get("type_model", {}),
        vowel_harmony=hand.get("vowel_harmony", {}),
        dictionary_words=_dictionary_filter(language),
        gazetteer=frozenset(gazetteer),
    )
