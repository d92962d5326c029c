"""The load tool's pure helpers: the plan of uploads and deletes, its final state, sharding. Nothing is timed."""

from __future__ import annotations

import pytest

from tools.load import (
    KEY_PREFIX,
    Document,
    Operation,
    bad_inputs,
    count_reasons,
    documents_from_jsonl,
    ensure_local,
    final_state,
    plan_operations,
    rate,
    shard_by_key,
)

DOCUMENTS = [Document(f"doc-{number}.txt", f"text {number}".encode()) for number in range(30)]


def test_documents_from_jsonl_names_each_by_its_id() -> None:
    text = '{"id": "a-1", "text": "Első"}\n\n{"id": "b-2", "text": "Zweite"}\n'
    assert documents_from_jsonl(text) == [
        Document("a-1.txt", "Első".encode()),
        Document("b-2.txt", b"Zweite"),
    ]


def test_plan_is_deterministic_for_a_seed() -> None:
    first = plan_operations(DOCUMENTS, files=300, seed=7)
    assert first == plan_operations(DOCUMENTS, files=300, seed=7)
    assert first != plan_operations(DOCUMENTS, files=300, seed=8)


def test_plan_uploads_exactly_the_files_asked_for_with_every_kind_of_operation() -> None:
    operations = plan_operations(DOCUMENTS, files=1000, seed=1)
    assert sum(1 for op in operations if op.kind == "put") == 1000
    assert set(count_reasons(operations)) == {"new", "same-content", "new-content", "re-create", "delete"}
    assert all(op.key.startswith(KEY_PREFIX) for op in operations)


def test_plan_has_keys_with_spaces_and_accents() -> None:
    keys = {op.key for op in plan_operations(DOCUMENTS, files=50, seed=1)}
    assert any(" árvíztűrő " in key for key in keys)


def test_plan_deletes_only_live_keys_and_re_uploads_keep_or_change_content() -> None:
    operations = plan_operations(DOCUMENTS, files=1000, seed=3)
    current: dict[str, bytes | None] = {}
    for op in operations:
        before = current.get(op.key)
        if op.reason == "delete":
            assert before is not None, f"{op.key} deleted while not live"
        elif op.reason == "same-content":
            assert op.body == before
        elif op.reason == "new-content":
            assert before is not None and op.body != before
        elif op.reason == "re-create":
            assert op.key in current and before is None
        else:
            assert op.key not in current, f"{op.key} is not new"
        current[op.key] = op.body if op.kind == "put" else None


def test_final_state_is_the_last_operation_per_key() -> None:
    operations = [
        Operation("put", "a", b"1"),
        Operation("put", "b", b"2"),
        Operation("delete", "a"),
        Operation("put", "b", b"3"),
        Operation("put", "c", b"4"),
        Operation("delete", "c"),
        Operation("put", "c", b"5"),
    ]
    assert final_state(operations) == {"a": None, "b": b"3", "c": b"5"}


def test_shard_by_key_keeps_each_keys_operations_together_and_in_order() -> None:
    operations = plan_operations(DOCUMENTS, files=500, seed=5)
    shards = shard_by_key(operations, 4)
    assert len(shards) == 4
    assert sorted(len(shard) for shard in shards)[0] > 0
    assert sum(len(shard) for shard in shards) == len(operations)
    home: dict[str, int] = {}
    for number, shard in enumerate(shards):
        for op in shard:
            assert home.setdefault(op.key, number) == number
    for shard in shards:
        for key in {op.key for op in shard}:
            assert [op for op in shard if op.key == key] == [op for op in operations if op.key == key]


def test_bad_inputs_include_empty_and_binary_files() -> None:
    bodies = [document.body for document in bad_inputs()]
    assert b"" in bodies
    assert any(b"\x00" in body for body in bodies)
    assert len({document.name for document in bad_inputs()}) == len(bodies)


def test_plan_refuses_an_empty_corpus() -> None:
    with pytest.raises(ValueError, match="no documents"):
        plan_operations([], files=1, seed=1)


@pytest.mark.parametrize(
    ("count", "seconds", "expected"), [(100, 4.0, 25.0), (2, 3.0, 0.7), (5, 0.0, None), (5, None, None)]
)
def test_rate(count: int, seconds: float | None, expected: float | None) -> None:
    assert rate(count, seconds) == expected


def test_ensure_local_accepts_this_machine_only() -> None:
    assert ensure_local("http://127.0.0.1:5000/", "--endpoint") == "http://127.0.0.1:5000"
    assert ensure_local("http://localhost:3000", "--api") == "http://localhost:3000"
    for url in ("https://s3.amazonaws.com", "http://10.0.0.1:5000", "http://127.0.0.1", "ftp://127.0.0.1:21"):
        with pytest.raises(SystemExit, match="--endpoint"):
            ensure_local(url, "--endpoint")
