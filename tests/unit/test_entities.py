"""Entity extraction: base forms, types, merging, credits, sentence starts, robustness."""

from __future__ import annotations

from pathlib import Path

import pytest
from articles.extract.entities import extract_entities
from articles.extract.entities.base_forms import base_of_word
from articles.extract.entities.tables import tables_for
from articles.extract.record import Entity
from hypothesis import given, settings
from hypothesis import strategies as st

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
