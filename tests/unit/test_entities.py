"""Entity extraction: base forms, types, merging, credits, sentence starts, robustness."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.extract.entities import extract_entities
from articles.extract.entities.base_forms import base_of_word
from articles.extract.entities.bloom import BloomFilter, build_filter
from articles.extract.entities.compounds import is_listed
from articles.extract.entities.tables import tables_for
from articles.extract.entities.type_model import best_type
from articles.extract.record import Entity

SAMPLE = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "hu-nato-japan-2024-07.txt"


def _by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


@pytest.fixture(scope="module")
def sample_entities() -> dict[str, Entity]:
    raw = SAMPLE.read_text(encoding="utf-8")
    body = raw.split(" date 2024-07 ", 1)[1]
    body = body.rsplit("Címlapkép forrása:", 1)[0].rstrip()
    return _by_name(extract_entities(body, "hu", credit="Getty Images"))


@pytest.mark.parametrize(
    ("name", "entity_type"),
    [
        ("NATO", "ORG"),
        ("Kyodo", "ORG"),
        ("Getty Images", "ORG"),
        ("Jens Stoltenberg", "PER"),
        ("Kisida Fumio", "PER"),
        ("Vlagyimir Putyin", "PER"),
        ("Japán", "LOC"),
        ("Európa", "LOC"),
        ("Ázsia", "LOC"),
        ("Ukrajna", "LOC"),
        ("Oroszország", "LOC"),
        ("Észak-Korea", "LOC"),
        ("Dél-Korea", "LOC"),
        ("Phenjan", "LOC"),
        ("Tokió", "LOC"),
        ("Moszkva", "LOC"),
        ("Kijev", "LOC"),
    ],
)
def test_reference_sample_entities(sample_entities: dict[str, Entity], name: str, entity_type: str) -> None:
    assert name in sample_entities, sorted(sample_entities)
    assert sample_entities[name].type == entity_type


def test_reference_sample_mentions_keep_the_written_forms(sample_entities: dict[str, Entity]) -> None:
    assert "Japánnal" in sample_entities["Japán"].mentions
    assert "Ukrajnában" in sample_entities["Ukrajna"].mentions
    assert "Oroszországnak" in sample_entities["Oroszország"].mentions
    assert "Phenjantól" in sample_entities["Phenjan"].mentions


def test_reference_sample_has_no_sentence_start_words(sample_entities: dict[str, Entity]) -> None:
    for word in ("A", "Az", "Címlapkép", "Mint", "Arra", "Mindannyiunk", "Ha", "Részletesebben"):
        assert word not in sample_entities


def test_lone_surname_joins_the_full_name(sample_entities: dict[str, Entity]) -> None:
    assert "Stoltenberg" not in sample_entities
    stoltenberg = sample_entities["Jens Stoltenberg"]
    assert "Stoltenberg" in stoltenberg.mentions
    assert stoltenberg.count == 3


def test_one_entity_per_name_sorted_by_count(sample_entities: dict[str, Entity]) -> None:
    entities = list(sample_entities.values())
    counts = [e.count for e in entities]
    assert counts == sorted(counts, reverse=True)
    assert len({e.name for e in entities}) == len(entities)


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("Japánnal", "Japán"),
        ("Koreával", "Korea"),
        ("Ukrajnában", "Ukrajna"),
        ("Oroszországnak", "Oroszország"),
        ("EU-n", "EU"),
        ("ENSZ-szel", "ENSZ"),
        ("Budapesten", "Budapest"),
        ("Washingtonban", "Washington"),
        ("Stoltenberg", "Stoltenberg"),
        ("Tokió", "Tokió"),
    ],
)
def test_hungarian_base_forms(word: str, base: str) -> None:
    assert base_of_word(word, tables_for("hu")) == base


def test_bare_form_in_the_article_confirms_an_unknown_stem() -> None:
    assert base_of_word("Xylofonnál", tables_for("hu"), frozenset({"Xylofon"})) == "Xylofon"


def test_other_languages_keep_the_surface() -> None:
    assert base_of_word("Merkels", tables_for("de")) == "Merkels"
    assert base_of_word("Ukrajnában", tables_for("fr")) == "Ukrajnában"


def test_nato_summit_compound_is_not_a_mention_of_nato() -> None:
    entities = _by_name(extract_entities("A vezetők a washingtoni NATO-csúcson találkoztak.", "hu"))
    assert "NATO" not in entities
    assert "NATO-csúcs" not in entities


def test_place_compound_is_itself_a_name() -> None:
    entities = _by_name(extract_entities("A hajó a Fülöp-szigeteken kötött ki tegnap.", "hu"))
    assert entities["Fülöp-szigetek"].type == "LOC"


@pytest.mark.parametrize(
    ("text", "name", "entity_type"),
    [
        ("Tegnap a Magyar Nemzeti Bank kamatot emelt.", "Magyar Nemzeti Bank", "ORG"),
        ("A tüntetők az OTP Bank előtt gyűltek össze.", "OTP Bank", "ORG"),
        ("Tegnap Kovács Péter polgármester nyilatkozott.", "Kovács Péter", "PER"),
        ("A küldöttség Bécsben tárgyalt.", "Bécs", "LOC"),
    ],
)
def test_hungarian_types(text: str, name: str, entity_type: str) -> None:
    entities = _by_name(extract_entities(text, "hu"))
    assert entities[name].type == entity_type


def test_credit_names_become_entities_without_the_label() -> None:
    entities = _by_name(extract_entities("A kormány ülésezett.", "hu", credit="MTI/Koszticsák Szilárd"))
    assert entities["MTI"].type == "ORG"
    assert entities["Koszticsák Szilárd"].type == "PER"
    assert not any("Fotó" in name for name in entities)


def test_credit_already_mentioned_in_the_text_is_one_entity() -> None:
    entities = extract_entities("A Reuters szerint a tárgyalás elmaradt.", "hu", credit="Reuters")
    reuters = [e for e in entities if e.name == "Reuters"]
    assert len(reuters) == 1
    assert reuters[0].count == 2


def test_german_names_are_not_common_nouns() -> None:
    text = (
        "Die Regierung in Berlin hat am Montag beschlossen, dass Angela Merkel nach Paris reist. "
        "Der Vorstand der Deutschen Bank und die Gewerkschaft Verdi kritisierten die Entscheidung."
    )
    names = _by_name(extract_entities(text, "de"))
    assert {"Berlin", "Paris", "Angela Merkel"} <= names.keys()
    assert names["Berlin"].type == "LOC"
    assert names["Angela Merkel"].type == "PER"
    for common in ("Die", "Regierung", "Montag", "Der", "Vorstand", "Gewerkschaft", "Entscheidung"):
        assert common not in names


def test_generic_language_drops_sentence_starts() -> None:
    text = "The minister met Emmanuel Macron in Paris. Yesterday the talks ended. Paris was calm."
    names = _by_name(extract_entities(text, "en"))
    assert {"Emmanuel Macron", "Paris"} <= names.keys()
    assert "The" not in names
    assert "Yesterday" not in names
    assert names["Paris"].count == 2


def test_empty_input_gives_no_entities() -> None:
    assert extract_entities("", "hu") == []
    assert extract_entities("   \n", None) == []


@settings(max_examples=200, deadline=None)
@given(text=st.text(), language=st.sampled_from(["hu", "de", "en", None, "xx"]), credit=st.none() | st.text())
def test_arbitrary_text_never_raises(text: str, language: str | None, credit: str | None) -> None:
    for entity in extract_entities(text, language, credit=credit):
        assert entity.count >= 1
        assert entity.name


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("Szumátrán", "Szumátra"),  # -n after a lengthened final vowel
        ("Tusktól", "Tusk"),  # an unmistakable case suffix on an unknown name
        ("Rouen", "Rouen"),  # -en would break vowel harmony after 'ou'
        ("Razan", "Razan"),  # a bare -n never follows a short final a
        ("Global", "Global"),  # -bal needs a doubled b ('Jakabbal')
    ],
)
def test_unknown_names_lose_only_plausible_suffixes(word: str, base: str) -> None:
    assert base_of_word(word, tables_for("hu")) == base


def test_handles_and_hashtags_are_entities() -> None:
    text = "Az aktivista @RedRazan szerint a #Szudánban zajló tüntetésekről keveset írnak."
    entities = _by_name(extract_entities(text, "hu"))
    assert entities["@RedRazan"].type == "PER"
    assert entities["#Szudán"].mentions == ["#Szudánban"]
    assert not any(name.lstrip("@#") == "RedRazan" for name in entities if name != "@RedRazan")


def test_an_e_mail_address_is_no_handle() -> None:
    assert "@example" not in _by_name(extract_entities("Írjon a kovacs@example.com címre.", "hu"))


def test_an_initial_does_not_end_the_sentence() -> None:
    entities = _by_name(extract_entities("A díjat M. Kiss Csaba vette át tegnap.", "hu"))
    assert "M. Kiss Csaba" in entities
    assert "Kiss Csaba" not in entities


@pytest.mark.parametrize(
    "text",
    [
        "Nagyon sokan voltak a téren.",  # 'Nagyon' is 'Nagy' + '-on' only on paper
        "Meghívom a barátaimat a kertbe.",  # any form of a common word
        "A bizottság KIEMELI, hogy a határidő lejárt.",  # a shouted verb
        "A GDP tavaly két százalékkal nőtt.",  # capitals that never name an entity
    ],
)
def test_common_words_in_capitals_are_not_entities(text: str) -> None:
    assert extract_entities(text, "hu") == []


def test_an_inflected_word_ends_a_name() -> None:
    entities = _by_name(extract_entities("A család Görögországból Macedóniába utazott.", "hu"))
    assert {"Görögország", "Macedónia"} <= entities.keys()


def test_unknown_place_is_typed_from_context_not_as_a_person() -> None:
    text = "A tüntetők Kazincbarcikán és Salgótarjánban is az utcára vonultak."
    entities = _by_name(extract_entities(text, "hu"))
    assert entities["Kazincbarcika"].type == "LOC"
    assert entities["Salgótarján"].type == "LOC"


def test_german_compounds_of_listed_nouns_are_not_names() -> None:
    text = (
        "Gestern hat die Bundesregierung das Motorsportwochenende in Heidelberg mit Frank Hoffmann eröffnet."
    )
    names = _by_name(extract_entities(text, "de"))
    assert {"Heidelberg", "Frank Hoffmann"} <= names.keys()
    assert "Bundesregierung" not in names
    assert "Motorsportwochenende" not in names


def test_compound_lookup_finds_heads_endings_and_noun_suffixes() -> None:
    heads = frozenset({"regierung", "wochenende"})
    assert is_listed("bundesregierungen", heads)
    assert is_listed("motorsportwochenendes", heads)
    assert is_listed("verwaltungsreform", frozenset(), ("reform",))
    assert not is_listed("regen", heads)
    assert not is_listed("heidelberg", heads)


def test_bloom_filter_has_no_false_negatives_and_few_false_positives() -> None:
    words = [f"szó{n}" for n in range(2000)]
    bloom = BloomFilter(build_filter(words, 0.02))
    assert all(word in bloom for word in words)
    strangers = [f"idegen{n}" for n in range(2000)]
    assert sum(word in bloom for word in strangers) < 0.05 * len(strangers)
    assert 42 not in bloom
    assert "bármi" not in BloomFilter(b"")


def test_type_model_prefers_the_type_with_the_strongest_evidence() -> None:
    model = {"priors": {"PER": 10, "LOC": 10}, "features": {"c:ban": {"LOC": 9}, "p:elnök": {"PER": 8}}}
    assert best_type(model, ["c:ban", "n:a"]) == "LOC"
    assert best_type(model, ["p:elnök"]) == "PER"
    assert best_type({}, ["c:ban"]) is None


def test_weekday_names_are_never_entities() -> None:
    text = "The council met in Riverside on Wednesday. Friday was quiet. Le conseil a voté Mardi à Rennes."
    english = {entity.name for entity in extract_entities(text, "en")}
    assert {"Wednesday", "Friday"}.isdisjoint(english)
    assert "Riverside" in english
    undecided = {entity.name for entity in extract_entities(text, None)}  # every language's weekdays
    assert {"Wednesday", "Friday", "Mardi"}.isdisjoint(undecided)
    assert {"Riverside", "Rennes"} <= undecided
