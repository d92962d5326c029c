from articles.extract.language import PREFIX_CHARS, detect_language

HUNGARIAN = (
    "A NATO fokozza és kiterjeszti közös hadgyakorlatait Japánnal a tengeritől a kibertérig, hogy "
    "megbirkózzanak Európa és Ázsia egyre inkább összefonódó biztonsági kihívásaival."
)
GERMAN = "Der Bundeskanzler hat am Dienstag in Berlin eine Rede gehalten, die viel Beachtung fand."


def test_detects_hungarian_and_german() -> None:
    assert detect_language(HUNGARIAN).code == "hu"
    assert detect_language(GERMAN).code == "de"


def test_confidence_is_a_probability() -> None:
    language = detect_language(HUNGARIAN)
    assert 0.5 < language.confidence <= 1.0


def test_too_little_text_is_undecided_not_english() -> None:
    for text in ["Hello world", "Szia!", "", "12 34 56 78 90", "https://example.com/a/b/c/d/e/f"]:
        assert detect_language(text).code is None, text


def test_declared_language_is_used_only_when_text_is_too_short() -> None:
    assert detect_language("Hello world", hint="en-GB").code == "en"
    assert detect_language(HUNGARIAN, hint="de").code == "hu"
    assert detect_language("Hi", hint="not a language").code is None


def test_deterministic_across_calls() -> None:
    mixed = "Ez egy rövid mondat. This is a short sentence. Das ist ein kurzer Satz. " * 3
    answers = {detect_language(mixed) for _ in range(5)}
    assert len(answers) == 1


def test_only_a_bounded_prefix_is_read() -> None:
    # German beyond the prefix must not change a Hungarian answer.
    text = (HUNGARIAN + " ") * (PREFIX_CHARS // len(HUNGARIAN) + 2) + GERMAN * 200
    assert detect_language(text).code == "hu"


def test_lazy_profiles_hold_exactly_langdetects_probabilities() -> None:
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    from articles.extract.langdetect_profiles import lazy_detector_factory

    lazy, eager = lazy_detector_factory(), DetectorFactory()
    eager.load_profile(PROFILES_DIRECTORY)
    assert sorted(lazy.langlist) == sorted(eager.langlist) and len(lazy.langlist) == 55
    order = [eager.langlist.index(language) for language in lazy.langlist]
    assert set(lazy.word_lang_prob_map) == set(eager.word_lang_prob_map)
    for word, row in eager.word_lang_prob_map.items():
        assert lazy.word_lang_prob_map[word] == [row[i] for i in order], word
    assert "qqqq-not-an-ngram" not in lazy.word_lang_prob_map


def test_lazy_profiles_give_langdetects_answers() -> None:
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    from articles.extract.langdetect_profiles import lazy_detector_factory

    eager = DetectorFactory()
    eager.load_profile(PROFILES_DIRECTORY)
    lazy = lazy_detector_factory()
    for text in [HUNGARIAN, GERMAN, "Le président a annoncé mardi une réforme des retraites très contestée."]:
        answers = []
        for factory in (lazy, eager):
            detector = factory.create()
            detector.append(text)
            answers.append({(p.lang, round(p.prob, 6)) for p in detector.get_probabilities()})
        assert answers[0] == answers[1], text
