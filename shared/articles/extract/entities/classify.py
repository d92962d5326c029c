"""Entity types: gazetteers first, then name-internal keywords, given names and context words."""

from __future__ import annotations

from ..record import EntityType
from .tables import LanguageTables
from .type_model import best_type, name_features

_PLACE_ENDINGS_HU = ("ország", "földe", "föld", "isztán", "sztán", "szigetek", "megye", "ia")
_PLACE_ENDINGS_DE = ("land", "stan", "burg", "berg", "dorf", "stadt", "hausen", "heim", "ien", "ia")


def classify(
    name: str, context_words: set[str], mention_features: list[str], tables: LanguageTables
) -> EntityType:
    """Type of the entity ``name`` (base form); ``context_words`` are the lower-cased words next
    to its mentions in the article ("elnök", "Präsident", "sagte" hint at a person),
    ``mention_features`` their type_model features."""
    if name[0] == "@":
        return EntityType.PER  # a social-media handle names its user
    if name[0] == "#" and len(name) > 1:
        return classify(name[1:], context_words, mention_features, tables)
    known = tables.known_names.get(name) or tables.known_names.get(_title_case(name))
    if known:
        return EntityType(known)
    words = name.split()
    last = words[-1].lower()
    head = last.rsplit("-", 1)[-1]
    if last in tables.org_keywords or head in tables.org_keywords:
        return EntityType.ORG
    if last in tables.loc_keywords or head in tables.loc_keywords:
        return EntityType.LOC
    if last in tables.misc_keywords or head in tables.misc_keywords:
        return EntityType.MISC
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return EntityType.ORG
    if len(words) >= 2 and any(w in tables.given_names for w in words):
        return EntityType.PER
    guessed = best_type(tables.type_model, name_features(name) + mention_features)
    if guessed:
        return EntityType(guessed)
    learned = tables.last_token_types.get(words[-1])
    if learned:
        return EntityType(learned)
    if context_words & tables.person_titles:
        return EntityType.PER
    endings = _PLACE_ENDINGS_HU if tables.language == "hu" else _PLACE_ENDINGS_DE
    if len(words) == 1:
        return EntityType.LOC if last.endswith(endings) else EntityType.PER
    if tables.language == "hu" and any(w[-1:] == "i" and w[:1].isupper() for w in words[:-1]):
        return EntityType.ORG  # "Győri Ítélőtábla", "Nemzeti Sport": adjective + noun names an institution
    return EntityType.PER


def _title_case(name: str) -> str:
    """'MAGYARORSZÁG' -> 'Magyarország', for headlines written in capitals."""
    return (
        "-".join(part.capitalize() for part in name.split("-")) if name.isupper() and len(name) > 4 else name
    )
