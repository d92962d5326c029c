"""Base forms of name mentions. Hungarian inflects names with suffixes on the last word
('Japánnal' -> 'Japán', 'Ukrajnában' -> 'Ukrajna', 'EU-n' -> 'EU'); other languages keep the surface.

Evidence in order: a hyphenated case suffix; the word itself is a known name; a known name (or a
bare form in the same article) plus a valid suffix, undoing vowel lengthening and -val/-vel
assimilation; else the suffix-rewrite model learned offline (tools/train_entity_tables.py).
"""

from __future__ import annotations

from .tables import LanguageTables

_LENGTHENED = {"á": "a", "é": "e"}
_MAX_SUFFIX = 8
_UNMISTAKABLE_SUFFIX = 3
"""'-ban', '-nak', '-tól' end no names; '-on', '-en' do ('Nixon', 'Rouen')"""


def base_of_word(word: str, tables: LanguageTables, article_forms: frozenset[str] = frozenset()) -> str:
    if tables.language != "hu" or len(word) < 3:
        return word
    stem, _, tail = word.rpartition("-")
    if stem and tail and tail.lower() in tables.hyphen_suffixes:
        return stem
    if _is_known(word, tables) or word.isupper():
        return word
    for stem in _stems_with_valid_suffix(word, tables):
        if _is_known(stem, tables) or stem in article_forms:
            return stem
    guess = _apply_model(word, tables.suffix_model)
    if guess == word or _plausible_inflection(guess, word, tables):
        return guess
    # the model's guess is impossible ('Tusktól' -> 'Tu'): an unmistakable case suffix still counts
    for stem in _stems_with_valid_suffix(word, tables):
        if len(word) - len(stem) >= _UNMISTAKABLE_SUFFIX and _plausible_inflection(stem, word, tables):
            return stem
    return word


def is_case_inflected(word: str, tables: LanguageTables) -> bool:
    """'Angelinát', 'Görögországból': a case suffix, which only the last word of a name carries."""
    base = base_of_word(word, tables)
    suffix = word[len(base) :].lower()
    return base != word and len(suffix) >= _UNMISTAKABLE_SUFFIX and suffix not in tables.adjective_suffixes


def _plausible_inflection(base: str, word: str, tables: LanguageTables) -> bool:
    """Whether ``word`` can be ``base`` plus a suffix: the learned model also strips endings of
    unknown foreign names ('Rouen' -> 'Ro', 'Razan' -> 'Raza'). Hungarian suffixes follow the
    stem's vowel harmony, and a bare -n/-t/-k lengthens a final a/e ('Szumátrán', not 'Razan')."""
    if not word.lower().startswith(base[:-1].lower()) or len(base) < 2:
        return False
    lowered_base = base.lower()
    stem = lowered_base
    if word[len(base) - 1 : len(base)] != base[-1:]:  # a lengthened final vowel: 'Ukrajná|ban'
        if _LENGTHENED.get(word[len(base) - 1].lower()) != lowered_base[-1]:
            return False
        stem = lowered_base[:-1] + word[len(base) - 1].lower()
    suffix = word[len(base) :].lower()
    if not suffix:
        return True
    if len(base) < 3 or not _is_suffix_chain(suffix, tables.hyphen_suffixes) or suffix in ("a", "e"):
        return False  # 'Tusktól' is not 'Tu' + 'sktól'; a bare -a/-e ('Duma') is rarely a suffix
    if suffix[1:] in ("al", "el") and suffix[0] != "v" and suffix[0] != stem[-1]:
        return False  # -val/-vel doubles a final consonant ('Jakabbal'), 'Global' is no 'Glo'+'bal'
    harmony = tables.vowel_harmony
    if len(suffix) == 1 and suffix in "ntk":
        if stem[-1] in "ae":
            return False
        return stem[-1] in harmony["vowels"] or (suffix == "t" and stem[-1] in harmony["bare_t_after"])
    suffix_class = _vowel_class(suffix, harmony)
    stem_class = _vowel_class(stem, harmony)
    return suffix_class in ("neutral", stem_class) or stem_class == "neutral"


def _is_suffix_chain(suffix: str, suffixes: frozenset[str]) -> bool:
    """One suffix or two in a row: 'ban', 'jának', 'ok' + 'ban'."""
    return suffix in suffixes or any(
        suffix[:cut] in suffixes and suffix[cut:] in suffixes for cut in range(1, len(suffix))
    )


def _vowel_class(text: str, harmony: dict[str, str]) -> str:
    """'back' or 'front' by the last vowel that is not neutral (i, í, é)."""
    for ch in reversed(text):
        if ch in harmony["back"]:
            return "back"
        if ch in harmony["front"]:
            return "front"
    return "neutral"


def _is_known(word: str, tables: LanguageTables) -> bool:
    return word in tables.known_names or word in tables.proper_lemmas


def _stems_with_valid_suffix(word: str, tables: LanguageTables) -> list[str]:
    """Longest stem first: 'Ukrajnában' -> 'Ukrajná'+'ban' -> 'Ukrajna'."""
    stems: list[str] = []
    for cut in range(len(word) - 1, max(len(word) - _MAX_SUFFIX, 2) - 1, -1):
        stem, suffix = word[:cut], word[cut:]
        if suffix.lower() not in tables.hyphen_suffixes:
            continue
        stems.append(stem)
        shortened = _LENGTHENED.get(stem[-1])
        if shortened:
            stems.append(stem[:-1] + shortened)
    return stems


def _apply_model(word: str, model: dict[str, str]) -> str:
    key = "^" + word.lower()
    for length in range(min(len(key), 8), -1, -1):
        rule = model.get(key[len(key) - length :])
        if rule is None:
            continue
        cut_text, _, append = rule.partition("|")
        cut = int(cut_text)
        if cut >= len(word) - 1:
            return word
        return word[: len(word) - cut] + append
    return word


def base_of_mention(
    words: list[str], separators: list[str], tables: LanguageTables, article_forms: frozenset[str]
) -> str:
    """Only the last word of a name inflects: 'Jens Stoltenberget' -> 'Jens Stoltenberg'."""
    last = base_of_word(words[-1], tables, article_forms)
    parts = [w + s for w, s in zip(words[:-1], separators, strict=True)]
    return "".join(parts) + last
