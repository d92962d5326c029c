"""Name mentions: runs of capitalised tokens, minus the capitals that only mark a sentence start
(and, in German, minus the common nouns that German capitalises)."""

from __future__ import annotations

from dataclasses import dataclass

from .base_forms import base_of_word, is_case_inflected
from .compounds import is_listed
from .tables import LanguageTables
from .tokens import Token


@dataclass(frozen=True, slots=True)
class Mention:
    tokens: tuple[Token, ...]
    surface: str

    @property
    def start(self) -> int:
        return self.tokens[0].start


def find_mentions(text: str, tokens: list[Token], tables: LanguageTables) -> list[Mention]:
    context = _DocumentContext(tokens, tables)
    context.capitalised_inside |= {context.base(w) for w in context.capitalised_inside}
    mentions: list[Mention] = []
    for token in tokens:
        if token.text[0] in "@#" and len(token.text) > 2 and token.text[1].isalpha():
            mentions.append(Mention((token,), token.text))
    for run in _capitalised_runs(tokens, tables):
        for part in _name_parts(run, context):
            if part:
                mentions.append(Mention(tuple(part), text[part[0].start : part[-1].end]))
    return mentions


class _DocumentContext:
    """What the article itself says about its words: which appear in lower case, which in capitals
    where capitals are not forced by a sentence start."""

    def __init__(self, tokens: list[Token], tables: LanguageTables) -> None:
        self.tables = tables
        self._bases: dict[str, str] = {}
        self._listed_cache: dict[tuple[str, int], bool] = {}
        self.lowercase = {t.text for t in tokens if t.text[:1].islower()}
        self.capitalised_inside = {t.text for t in tokens if t.capitalised and not t.sentence_start}

    def is_common_word(self, word: str) -> bool:
        lower = word.lower()
        tables = self.tables
        if lower in tables.sentence_start_words or lower in self.lowercase or lower in tables.lowercase_words:
            return True
        if tables.language == "de":
            return word not in tables.not_common and self._listed(lower, tables.lowercase_words)
        return False

    def _listed(self, lower: str, words: frozenset[str], suffixes: tuple[str, ...] = ()) -> bool:
        key = (lower, id(words))
        listed = self._listed_cache.get(key)
        if listed is None:
            listed = self._listed_cache[key] = is_listed(lower, words, suffixes)
        return listed

    def base(self, word: str) -> str:
        base = self._bases.get(word)
        if base is None:
            base = self._bases[word] = base_of_word(word, self.tables)
        return base

    def is_known_name(self, word: str) -> bool:
        tables = self.tables
        base = self.base(word)
        return (
            base in tables.known_names
            or base in tables.proper_lemmas
            or word in tables.known_names
            or word in tables.given_names
            or word in tables.proper_lemmas
            or word in tables.agencies
            or word.split("-")[0] in tables.known_names
        )

    def is_exact_name(self, word: str) -> bool:
        """Known as written, not only after removing a suffix."""
        tables = self.tables
        return (
            word in tables.known_names
            or word in tables.given_names
            or word in tables.proper_lemmas
            or word in tables.agencies
        )

    def is_common_noun(self, word: str) -> bool:
        """German: the word (or its head after a hyphen) declines like a common noun."""
        tables = self.tables
        if not tables.common_nouns or word.isupper() or word in tables.known_names:
            return False
        head = word.rsplit("-", 1)[-1]
        if not head[:1].isupper() or head in tables.not_common:
            return False
        return self._listed(head.lower(), tables.common_nouns, tables.noun_suffixes)


def _capitalised_runs(tokens: list[Token], tables: LanguageTables) -> list[list[Token]]:
    """Maximal sequences of capitalised tokens separated by single spaces; name connectors
    ("von", "de", "al") may stand between two capitalised tokens."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for index, token in enumerate(tokens):
        if token.capitalised and not token.text.isdigit():
            if current and (not token.joined_to_previous or token.sentence_start):
                runs.append(current)
                current = []
            current.append(token)
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        is_connector = (
            current
            and token.joined_to_previous
            and token.text in tables.connectors
            and following is not None
            and following.capitalised
            and following.joined_to_previous
        )
        if is_connector:
            current.append(token)
            continue
        if current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _name_parts(run: list[Token], context: _DocumentContext) -> list[list[Token]]:
    """Split a run where a token is not part of a name, and drop sentence-start words."""
    parts: list[list[Token]] = [[]]
    for position, token in enumerate(run):
        # a keyword noun only completes a name already begun: "Die Regierung" is not one
        position_in_name = position if parts[-1] else 0
        if _belongs_to_name(token, position_in_name, run, context):
            parts[-1].append(token)
            if position < len(run) - 1 and is_case_inflected(token.text, context.tables):
                parts.append([])  # 'Angelinát Szerbiába': an inflected word ends its name
        elif parts[-1]:
            parts.append([])
    return [_trim_connectors(part, context.tables) for part in parts]


def _belongs_to_name(token: Token, position: int, run: list[Token], context: _DocumentContext) -> bool:
    word = token.text
    tables = context.tables
    if not word[:1].isupper():
        return True  # a connector kept by _capitalised_runs
    if _is_lowercase_compound(word, tables):
        return False
    if context.is_common_noun(word):
        # "Deutsche Bank": a keyword noun completes the name in front of it; "Wolfgang Wagner"
        if position == 0:
            return False
        return (
            word.lower() in tables.org_keywords | tables.loc_keywords
            or run[position - 1].text in tables.given_names
        )
    shouted = word.isupper() and len(word) > 3
    if shouted and (context.is_common_word(word) or _is_shouted_word(word, context)):
        return False  # "FELKÉRI a tagállamokat", "MEGÁLLAPÍTJA": emphasis, not a name
    if position > 0 or not token.sentence_start:
        return word.lower() not in tables.sentence_start_words
    # A sentence start: capitals prove nothing, so the word must be a name for another reason.
    if word.lower() in tables.sentence_start_words:
        return False
    if shouted:
        return True
    if word in context.capitalised_inside:
        return True
    next_word = run[1].text if len(run) > 1 else ""
    if context.is_common_word(word):
        # 'Nagyon', 'Van': a common word whose base happens to be a name ('Nagy'); but 'Nagy Imre'
        return next_word in tables.given_names
    if context.is_exact_name(word) or context.base(word) in tables.gazetteer:
        return True  # 'Pápa', 'Japánnal': names that are also (forms of) common words
    if word.lower() in tables.dictionary_words:
        return next_word in tables.given_names  # 'Meghívom', 'Elhunyt': a form of a common word
    if context.is_known_name(word) or word.isupper():
        return True
    if context.base(word) in context.capitalised_inside:
        return True
    if tables.language == "de":
        return True  # neither a known noun nor a known word: German capitalises nothing else
    return len(run) > 1 and run[1].text[:1].isupper()


def _is_shouted_word(word: str, context: _DocumentContext) -> bool:
    """A common word in capitals ('KIEMELI'), unless its title-case form is a known name."""
    if word.lower() not in context.tables.dictionary_words:
        return False
    return not (context.is_known_name(word) or context.is_known_name(word.capitalize()))


def _is_lowercase_compound(word: str, tables: LanguageTables) -> bool:
    """'NATO-csúcson', 'Facebook-oldal': a compound whose head is a common noun names no entity;
    'EU-n' is an inflected name and 'Fülöp-szigeteken' is itself a place name."""
    if "-" not in word:
        return False
    head = word.rsplit("-", 1)[1]
    if not head[:1].islower() or head.lower() in tables.hyphen_suffixes:
        return False
    if tables.language == "de":
        return True
    return not any(head.startswith(h) for h in tables.entity_compound_heads)


def _trim_connectors(part: list[Token], tables: LanguageTables) -> list[Token]:
    while part and part[-1].text in tables.connectors:
        part.pop()
    while part and part[0].text in tables.connectors:
        part.pop(0)
    return part
