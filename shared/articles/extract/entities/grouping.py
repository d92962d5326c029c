"""From mentions to entities: one entity per base form, lone surnames joined to full names."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..record import Entity, EntityType
from .base_forms import base_of_mention, base_of_word
from .candidates import Mention, find_mentions
from .classify import classify
from .credit import credit_names
from .tables import LanguageTables, tables_for
from .tokens import tokenize
from .type_model import mention_features

MAX_NAME_CHARS = 200
_MAX_FEATURE_MENTIONS = 5
"""context of the first few mentions is enough to type a name, and keeps long articles cheap"""


@dataclass
class _Group:
    name: str
    first_offset: int
    count: int = 0
    mentions: list[str] = field(default_factory=list)
    context_words: set[str] = field(default_factory=set)
    features: list[str] = field(default_factory=list)
    """type_model features of its mentions (inflection, neighbouring words)"""
    forced_type: EntityType | None = None

    def add(self, surface: str, count: int = 1) -> None:
        self.count += count
        if surface not in self.mentions:
            self.mentions.append(surface)

    def absorb(self, other: _Group) -> None:
        self.count += other.count
        self.mentions.extend(m for m in other.mentions if m not in self.mentions)
        self.context_words |= other.context_words
        self.features.extend(other.features)
        self.first_offset = min(self.first_offset, other.first_offset)


def build_entities(text: str, language: str | None, credit: str | None) -> list[Entity]:
    tables = tables_for(language)
    tokens = tokenize(text)
    mentions = find_mentions(text, tokens, tables)
    # bare forms in the article confirm a stem: 'Phenjantól' is 'Phenjan' if 'Phenjan' is also written
    article_forms = frozenset(m.tokens[-1].text for m in mentions)
    groups: dict[str, _Group] = {}
    for mention in mentions:
        name = _base_name(text, mention, tables, article_forms)
        if len(name) < 2 or len(name) > MAX_NAME_CHARS or name in tables.not_names:
            continue
        group = groups.setdefault(name, _Group(name, mention.start))
        group.add(mention.surface)
        group.context_words |= _context_words(text, mention)
        if len(group.features) < _MAX_FEATURE_MENTIONS * 3:
            last = mention.tokens[-1]
            group.features += mention_features(
                last.text,
                name.split()[-1],
                text[max(0, mention.start - 30) : mention.start],
                text[last.end : last.end + 30],
            )
    if tables.language == "de":
        _merge_genitives(groups)
    types = {name: classify(name, g.context_words, g.features, tables) for name, g in groups.items()}
    _merge_surnames(groups, types, tables)
    for index, (name, credit_type) in enumerate(credit_names(credit or "", tables)):
        if name not in groups:
            groups[name] = _Group(name, len(text) + index, forced_type=credit_type)
            types[name] = credit_type
        groups[name].add(name)
    ordered = sorted(groups.values(), key=lambda g: (-g.count, g.first_offset))
    return [
        Entity(name=g.name, type=g.forced_type or types[g.name], count=g.count, mentions=g.mentions)
        for g in ordered
    ]


def _base_name(text: str, mention: Mention, tables: LanguageTables, article_forms: frozenset[str]) -> str:
    words = [t.text for t in mention.tokens]
    if words[0][0] in "@#":
        # a handle is a user name, not inflected; a hashtag inflects like the name after its sign
        return words[0] if words[0][0] == "@" else "#" + base_of_word(words[0][1:], tables, article_forms)
    separators = [text[a.end : b.start] for a, b in zip(mention.tokens, mention.tokens[1:], strict=False)]
    return base_of_mention(words, separators, tables, article_forms)


def _context_words(text: str, mention: Mention) -> set[str]:
    before = text[max(0, mention.start - 40) : mention.start].split()[-2:]
    after = text[mention.tokens[-1].end : mention.tokens[-1].end + 40].split()[:2]
    return {w.strip(",.;:!?\"'()„”").lower() for w in before + after}


def _merge_genitives(groups: dict[str, _Group]) -> None:
    """German: 'Merkels' is 'Merkel' when the article also says 'Merkel'."""
    for name in list(groups):
        if name.endswith("s") and name[:-1] in groups:
            groups[name[:-1]].absorb(groups.pop(name))


def _merge_surnames(groups: dict[str, _Group], types: dict[str, EntityType], tables: LanguageTables) -> None:
    """'Stoltenberg' alone is 'Jens Stoltenberg' when the article names him in full (Hungarian
    order puts the family name first: 'Orbán' is 'Orbán Viktor')."""
    full_names: dict[str, list[str]] = {}
    for name, entity_type in types.items():
        words = name.split()
        if entity_type is EntityType.PER and len(words) >= 2:
            for word in {words[0], words[-1]}:
                full_names.setdefault(word, []).append(name)
    for name in list(groups):
        candidates = full_names.get(name, [])
        if " " in name or name in tables.given_names or len(candidates) != 1:
            continue
        groups[candidates[0]].absorb(groups.pop(name))
        del types[name]
