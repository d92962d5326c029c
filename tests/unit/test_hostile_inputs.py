"""Hostile and malformed input: every case of tests/hostile ends as a record with an allowed outcome.

Each case runs in a forked worker (tests/hostile/isolated.py): a hang fails the test after a generous
timeout instead of stalling CI, and an allocation beyond a fixed allowance fails it too (MemoryError
becomes internal_error). Nothing here is timed; `python -m tests.hostile.measure` reports the figures.
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from articles.extract import extract_article
from articles.extract.formats.markdown import parse_markdown
from articles.extract.record import ArticleRecord
from tests.hostile.generate import ALL_CASES, CORPUS, CORPUS_FILES, HostileCase
from tests.hostile.isolated import run_isolated
from tests.paths import REFERENCE_SAMPLE

SCHEMA = ArticleRecord.model_json_schema()


@pytest.fixture(scope="module", autouse=True)
def _warm_tables() -> None:
    """Load every table once in the parent, so that each forked case starts warm."""
    extract_article(REFERENCE_SAMPLE.read_bytes())


def _params(cases: list[HostileCase]) -> list[object]:
    return [pytest.param(case, id=case.name, marks=[pytest.mark.slow] if case.slow else []) for case in cases]


@pytest.mark.parametrize("case", _params(ALL_CASES))
def test_hostile_case_ends_as_an_allowed_record(case: HostileCase) -> None:
    outcome = run_isolated(case)
    assert outcome.record is not None, f"{case.name}: {outcome.failure}"
    assert outcome.result != "internal_error", outcome.record["rejection"]
    assert outcome.result in case.outcomes, (outcome.result, outcome.record["rejection"])
    jsonschema.validate(outcome.record, SCHEMA)
    assert outcome.record["size_bytes"] == outcome.input_bytes


def test_every_corpus_file_belongs_to_a_case() -> None:
    assert {path.name for path in CORPUS.iterdir()} == CORPUS_FILES


# --- what the record says about some of them, beyond "no crash" -----------------------------------


def _record(name: str) -> dict:
    data = (CORPUS / name).read_bytes()
    return json.loads(extract_article(data, filename=name).model_dump_json())


def test_truncated_utf8_keeps_the_text_readable() -> None:
    for name in ("truncated-utf8-end.txt", "truncated-utf8-middle.txt"):
        record = _record(name)
        assert record["encoding"] == "utf-8"
        assert record["language"]["code"] == "hu", name
        assert "Jens Stoltenberg" in {entity["name"] for entity in record["entities"]}, name


def test_utf16_without_bom_is_recognised() -> None:
    assert _record("utf16le-nobom.txt")["encoding"] == "utf-16-le"
    assert _record("utf16be-nobom.txt")["encoding"] == "utf-16-be"


def test_entities_out_of_range_do_not_leak_control_characters() -> None:
    record = _record("entities.html")
    assert record["status"] == "processed"
    text = json.dumps(record, ensure_ascii=False)
    assert "\x00" not in text and "\\u0000" not in text
    assert record["title"] is not None and record["title"].startswith("T&amp;T")


def test_front_matter_with_aliases_is_not_read_but_the_body_is() -> None:
    for name in ("billion-laughs.md", "recursive-alias.md", "merge-bomb.md"):
        document = parse_markdown((CORPUS / name).read_text(encoding="utf-8"))
        assert document.dates == [], name  # the date beside the aliases is not taken either
        assert document.title is None, name
        assert "Stoltenberg" in document.body, name


def test_front_matter_without_aliases_is_still_read() -> None:
    document = parse_markdown("---\ntitle: Cím\ndate: 2024-07-12\nimage: {credit: MTI}\n---\nSzöveg.\n")
    assert document.title == "Cím"
    assert [value.value for value in document.dates] == ["2024-07-12"]
    assert [value.value for value in document.credits] == ["MTI"]


def test_json_special_numbers_become_no_metadata() -> None:
    record = _record("special-numbers.json")
    assert record["status"] == "processed"
    assert record["published"] is None  # 1e308 and Infinity are no dates
    assert record["title"] == "Kettős kulcs"  # the last duplicate key wins, as in json.loads
