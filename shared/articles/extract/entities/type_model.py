"""A naive Bayes guess of an entity's type from the name's shape and the words around its mentions.

Used for names no gazetteer or keyword decides. It is trained offline on the train part of the gold
data (tools/train_entity_tables.py calls the same feature functions, so training and run time
agree) and stored as counts: ``{"priors": {type: n}, "features": {feature: {type: n}}}``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

_STRIP = ",.;:!?\"'()[]„”“«»–—-"
TYPES = ("PER", "ORG", "LOC", "MISC")


def _neighbour(words: list[str]) -> str:
    if not words:
        return ""
    word = words[0].strip(_STRIP).lower()
    return word or words[0][:1]


def mention_features(surface_last: str, base_last: str, before: str, after: str) -> list[str]:
    """The inflection ('Szudánról' -> 'ról') and the words right before and after one mention."""
    ending = surface_last[len(base_last) :].lower() if surface_last.startswith(base_last) else "~"
    ending = ending.lstrip("-")
    preceding = before.split()[-1:]
    following = after.split()[:1]
    features = ["c:" + ending, "p:" + _neighbour(preceding), "n:" + _neighbour(following)]
    if not following and after[:1] in ",.;:":
        features[-1] = "n:" + after[:1]
    return features


def name_features(name: str) -> list[str]:
    """The name itself: its last word and ending, its length in words, its letter case."""
    words = name.split()
    last = words[-1]
    lower = last.lower()
    letters = [ch for ch in name if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        shape = "caps"
    elif any(ch.isupper() for ch in last[1:]):
        shape = "mixed"
    elif any(ch.isdigit() for ch in name):
        shape = "digit"
    else:
        shape = "title"
    features = [
        "l:" + lower,
        "s2:" + lower[-2:],
        "s3:" + lower[-3:],
        f"w:{min(len(words), 3)}",
        "shape:" + shape,
    ]
    if len(words) > 1:
        features.append("f:" + words[0].lower())
    if "-" in last:
        features.append("h:" + lower.rsplit("-", 1)[1])
    return features


def best_type(model: dict, features: Iterable[str]) -> str | None:
    """The most probable type, or None without a model. Add-one smoothing per feature."""
    priors: dict[str, int] = model.get("priors", {})
    counts: dict[str, dict[str, int]] = model.get("features", {})
    if not priors:
        return None
    total = sum(priors.values())
    scores = {t: math.log(n / total) for t, n in priors.items()}
    for feature in features:
        votes = counts.get(feature)
        if not votes:
            continue
        for entity_type in scores:
            scores[entity_type] += math.log((votes.get(entity_type, 0) + 0.5) / (priors[entity_type] + 1.0))
    return max(scores, key=scores.__getitem__)
