"""Language identification with langdetect: deterministic, on a bounded prefix of the body."""

from __future__ import annotations

import re
import threading

from langdetect import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from .langdetect_profiles import lazy_detector_factory
from .record import Language

# langdetect samples n-grams at random: a fixed seed makes the answer reproducible.
DetectorFactory.seed = 0

PREFIX_CHARS = 2000
"""The answer on the first ~2,000 characters matches the whole text's at a fraction of the time."""
MIN_LETTERS = 40
MIN_WORDS = 5
"""Below these, langdetect guesses (a two-word file comes out as anything): answer null instead."""

_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|[\d_]+")
_WORD = re.compile(r"[^\W\d_]{2,}")

_factory: DetectorFactory | None = None
_factory_lock = threading.Lock()


def _detector_factory() -> DetectorFactory:
    """Load the language profiles once, under a lock (two cold threads must not both load)."""
    global _factory
    if _factory is None:
        with _factory_lock:
            if _factory is None:
                _factory = lazy_detector_factory()
    return _factory


def detect_language(body: str, hint: str | None = None) -> Language:
    """Detect the language of ``body``; fall back to a declared ``hint`` only if the text is too short."""
    sample = _NOISE.sub(" ", body[: PREFIX_CHARS * 2])[:PREFIX_CHARS]
    words = _WORD.findall(sample)
    if len(words) < MIN_WORDS or sum(map(len, words)) < MIN_LETTERS:
        return Language(code=_normalise_hint(hint), confidence=0.0)
    detector = _detector_factory().create()
    detector.append(sample)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return Language(code=_normalise_hint(hint), confidence=0.0)
    return Language(code=best.lang, confidence=round(min(best.prob, 1.0), 4))


def _normalise_hint(hint: str | None) -> str | None:
    if not hint:
        return None
    code = hint.strip().lower().replace("_", "-").split("-")[0]
    return code if re.fullmatch(r"[a-z]{2}", code) else None
