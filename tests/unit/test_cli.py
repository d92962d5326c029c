import json
from pathlib import Path

import pytest

from articles.cli import main
from tests.paths import REFERENCE_SAMPLE, REPO


def test_extract_prints_one_record_per_file_including_rejected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "article.txt").write_bytes(REFERENCE_SAMPLE.read_bytes())
    assert main(["extract", str(tmp_path)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_name = {Path(record["id"]).name: record for record in records}
    assert by_name["article.txt"]["language"]["code"] == "hu"
    assert by_name["empty.txt"]["status"] == "rejected"
    assert by_name["empty.txt"]["rejection"]["code"] == "empty"


def test_extract_jsonl_keeps_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = tmp_path / "docs.jsonl"
    text = REFERENCE_SAMPLE.read_text(encoding="utf-8")
    lines.write_text(
        json.dumps({"id": "doc-1", "text": text}) + "\n" + json.dumps({"id": "doc-2", "text": ""}) + "\n",
        encoding="utf-8",
    )
    assert main(["extract", "--jsonl", str(lines)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [record["id"] for record in records] == ["doc-1", "doc-2"]
    assert records[0]["published"]["value"] == "2024-07"


def test_missing_file_is_a_command_failure(tmp_path: Path) -> None:
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2


def test_schema_is_the_record_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"status", "language", "published", "image_credit", "entities"} <= set(schema["properties"])


def test_published_schema_file_is_the_generated_one(capsys: pytest.CaptureFixture[str]) -> None:
    # schema/article-record.schema.json is the contract users read; regenerate it with
    # `articles schema > schema/article-record.schema.json` when the record changes.
    assert main(["schema"]) == 0
    published = (REPO / "schema" / "article-record.schema.json").read_text(encoding="utf-8")
    assert json.loads(capsys.readouterr().out) == json.loads(published)
