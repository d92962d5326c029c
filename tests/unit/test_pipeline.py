"""The whole extraction pipeline: bytes in, a valid record out, whatever the bytes."""

import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import PIPELINE_VERSION
from articles.extract import MAX_INPUT_BYTES, extract_article
from articles.extract.record import ArticleRecord, EntityType, RejectionCode
from tests.paths import REFERENCE_SAMPLE

SCHEMA = ArticleRecord.model_json_schema()


def _valid(record: ArticleRecord) -> dict:
    document = json.loads(record.model_dump_json())
    jsonschema.validate(document, SCHEMA)
    return document


@pytest.fixture(scope="module")
def reference() -> ArticleRecord:
    return extract_article(REFERENCE_SAMPLE.read_bytes(), filename=REFERENCE_SAMPLE.name, article_id="ref")


def test_reference_sample_language_date_credit(reference: ArticleRecord) -> None:
    assert reference.status == "processed"
    assert reference.id == "ref"
    assert reference.format == "text"
    assert reference.encoding in {"utf-8", "ascii"}
    assert reference.language.code == "hu"
    assert reference.published is not None
    assert (reference.published.value, reference.published.precision, reference.published.source) == (
        "2024-07",
        "month",
        "header",
    )
    assert reference.image_credit is not None
    assert reference.image_credit.text == "Getty Images"
    assert reference.pipeline_version == PIPELINE_VERSION


def test_reference_sample_entities_in_base_form(reference: ArticleRecord) -> None:
    by_name = {entity.name: entity for entity in reference.entities}
    expected = {
        EntityType.ORG: ["NATO", "Kyodo", "Getty Images"],
        EntityType.PER: ["Jens Stoltenberg", "Kisida Fumio", "Vlagyimir Putyin"],
        EntityType.LOC: [
            "Japán", "Európa", "Ázsia", "Ukrajna", "Oroszország", "Észak-Korea",
            "Dél-Korea", "Phenjan", "Tokió", "Moszkva", "Kijev",
        ],
    }  # fmt: skip
    for entity_type, names in expected.items():
        for name in names:
            assert name in by_name, f"{name} missing from {sorted(by_name)}"
            assert by_name[name].type == entity_type, name
    assert "Japánnal" in by_name["Japán"].mentions
    assert "Ukrajnában" in by_name["Ukrajna"].mentions
    assert by_name["Ukrajna"].count >= 4
    for word in ["A", "Címlapkép", "Mint", "Arra", "Ha", "Az", "Japánnal", "Ukrajnában"]:
        assert word not in by_name


def test_reference_sample_body_facts(reference: ArticleRecord) -> None:
    assert reference.lead is not None and reference.lead.startswith("A NATO fokozza")
    assert not reference.lead.startswith("date")
    assert 250 < reference.stats.words < 400
    assert reference.stats.paragraphs == 8
    assert len(reference.content_sha256) == 64


def test_record_validates_against_published_schema(reference: ArticleRecord) -> None:
    document = _valid(reference)
    assert document["status"] == "processed"
    assert document["rejection"] is None


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", RejectionCode.EMPTY),
        (b" \n\t\r\n ", RejectionCode.EMPTY),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, RejectionCode.BINARY),
        (b"PK\x03\x04" + b"\x00" * 100, RejectionCode.BINARY),
        (b'{"title": "x", "body": ', RejectionCode.INVALID_JSON),
        (b"{\\rtf1\\ansi Hello}", RejectionCode.UNSUPPORTED_FORMAT),
        (b"<html><body><script>var a = 1;</script></body></html>", RejectionCode.NO_TEXT),
    ],
)
def test_bad_input_is_rejected_with_a_stable_code(data: bytes, code: RejectionCode) -> None:
    record = extract_article(data, filename="input")
    assert record.status == "rejected"
    assert record.rejection is not None
    assert record.rejection.code == code
    assert record.rejection.message
    assert record.entities == []
    _valid(record)


def test_too_large_input_is_rejected_before_analysis() -> None:
    record = extract_article(b"a" * (MAX_INPUT_BYTES + 1))
    assert record.rejection is not None
    assert record.rejection.code == RejectionCode.TOO_LARGE
    assert record.size_bytes == MAX_INPUT_BYTES + 1


def test_an_internal_error_becomes_a_rejected_record(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr("articles.extract.pipeline.detect_language", broken)
    record = extract_article(REFERENCE_SAMPLE.read_bytes())
    assert record.rejection is not None
    assert record.rejection.code == RejectionCode.INTERNAL_ERROR
    assert "bug" not in record.rejection.message  # no internals leak into the stored record


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_never_raise_and_always_validate(data: bytes) -> None:
    record = extract_article(data, filename="fuzz.bin")
    document = _valid(record)
    assert (document["status"] == "rejected") == (document["rejection"] is not None)
    if record.rejection is not None:
        assert record.rejection.code != RejectionCode.INTERNAL_ERROR, record.rejection


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000), st.sampled_from(["a.txt", "a.md", "a.json", "a.html", None]))
def test_arbitrary_text_never_raises(text: str, filename: str | None) -> None:
    record = extract_article(text.encode("utf-8"), filename=filename)
    _valid(record)
    if record.rejection is not None:
        assert record.rejection.code != RejectionCode.INTERNAL_ERROR, record.rejection
