"""langdetect's language profiles, loaded lazily: the same numbers at a fraction of the cold start.

``DetectorFactory.load_profile`` builds a row of 55 probabilities for each of ~88,000 n-grams up
front — ~300 ms and millions of float objects, most of it for n-grams no article will contain.
The detector only ever asks whether an n-gram is known and reads the rows of the n-grams in the
text, so :class:`NgramProbabilities` parses the profiles (plain JSON) and builds a row on first
use, with exactly the arithmetic of ``DetectorFactory.add_profile``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from langdetect import DetectorFactory
from langdetect.detector_factory import PROFILES_DIRECTORY


class NgramProbabilities(Mapping[str, list[float]]):
    """n-gram -> probability per language (in ``languages`` order), as langdetect's table holds it."""

    def __init__(self, profiles: list[tuple[dict[str, int], list[int]]]) -> None:
        self._profiles = profiles
        self._known: frozenset[str] = frozenset().union(*(freq.keys() for freq, _ in profiles))
        self._rows: dict[str, list[float]] = {}

    def __contains__(self, word: object) -> bool:
        return word in self._known

    def __getitem__(self, word: str) -> list[float]:
        row = self._rows.get(word)
        if row is None:
            if word not in self._known:
                raise KeyError(word)
            length = len(word)
            if 1 <= length <= 3:  # langdetect keeps longer keys but gives them no probability
                row = [
                    freq[word] / n_words[length - 1] if word in freq else 0.0
                    for freq, n_words in self._profiles
                ]
            else:
                row = [0.0] * len(self._profiles)
            self._rows[word] = row  # a racing thread computes the same row: harmless
        return row

    def __iter__(self) -> Iterator[str]:
        return iter(self._known)

    def __len__(self) -> int:
        return len(self._known)


def lazy_detector_factory(profile_directory: str = PROFILES_DIRECTORY) -> DetectorFactory:
    """A ``DetectorFactory`` equivalent to ``load_profile(profile_directory)``, languages sorted by name."""
    languages: list[str] = []
    profiles: list[tuple[dict[str, int], list[int]]] = []
    for path in sorted(Path(profile_directory).iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        profile = json.loads(path.read_text(encoding="utf-8"))
        languages.append(profile["name"])
        profiles.append((profile["freq"], profile["n_words"]))
    factory = DetectorFactory()
    factory.langlist = languages
    factory.word_lang_prob_map = NgramProbabilities(profiles)
    return factory
