"""The benchmark tool's pure helpers: size groups, statistics, tables, costs. Nothing here is timed."""

from __future__ import annotations

import math

import pytest

from tools.bench_cold import parse_importtime
from tools.bench_corpus import Doc, cut_at_sentence, interleave, join_consecutive, mixed_cycle
from tools.bench_cost import CostInputs, comprehend_units, cost_per_million
from tools.bench_items import item_bytes, write_units
from tools.bench_stats import format_table, median, percentile, summarize_ms, verdict


def test_cut_at_sentence_keeps_whole_sentences_within_the_byte_budget() -> None:
    text = "Első mondat vége. Második mondat áll itt! Harmadik?"
    cut = cut_at_sentence(text, 40)
    assert cut == "Első mondat vége."
    assert len(cut.encode("utf-8")) <= 40


def test_cut_at_sentence_counts_bytes_not_characters() -> None:
    text = "ő" * 30 + ". " + "a" * 10 + "."
    assert (
        cut_at_sentence(text, 41) == "ő" * 20
    )  # the sentence (62 bytes) does not fit: 20 whole ő, never half of one


def test_join_consecutive_never_crosses_a_source_file() -> None:
    docs = [
        Doc("nerkor-a-000", "hu", "A" * 600 + ".", "nerkor"),
        Doc("nerkor-a-001", "hu", "B" * 600 + ".", "nerkor"),
        Doc("nerkor-b-000", "hu", "C" * 600 + ".", "nerkor"),
    ]
    joined = join_consecutive(docs, target_bytes=1000, min_bytes=100)
    assert [doc.id for doc in joined] == ["nerkor-a-000+2", "nerkor-b-000+1"]
    assert "C" not in joined[0].text
    assert joined[0].source == "nerkor-joined"


def test_mixed_cycle_alternates_languages_and_wraps() -> None:
    hu = [Doc(f"h{i}", "hu", "x", "nerkor") for i in range(3)]
    de = [Doc("d0", "de", "x", "germeval")]
    assert [doc.id for doc in interleave([hu, de])] == ["h0", "d0", "h1", "h2"]
    assert [doc.id for doc in mixed_cycle([hu, de], 6)] == ["h0", "d0", "h1", "h2", "h0", "d0"]


def test_median_and_nearest_rank_percentile() -> None:
    values = list(range(1, 101))
    assert median(values) == 50.5
    assert percentile(values, 0.95) == 95
    assert percentile([7.0], 0.95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_summarize_ms_converts_nanoseconds() -> None:
    summary = summarize_ms([1_000_000, 2_000_000, 3_000_000])
    assert summary == {"median_ms": 2.0, "p95_ms": 3.0, "mean_ms": 2.0, "n": 3}


def test_verdict() -> None:
    assert verdict(1.9, 2.0) == "PASS"
    assert verdict(2.1, 2.0) == "MISS"
    assert verdict(None, 2.0) == "n/a"


def test_format_table_aligns_numbers_right_and_text_left() -> None:
    table = format_table(["size", "ms"], [["1KB", 1.5], ["10KB", 12.25]]).splitlines()
    assert table[0] == "| size |    ms |"
    assert table[1] == "|------|------:|"
    assert table[2] == "| 1KB  |  1.50 |"
    assert table[3] == "| 10KB | 12.25 |"


def test_comprehend_units_have_a_minimum_of_three() -> None:
    assert comprehend_units(50) == 3
    assert comprehend_units(2950) == 30


def test_cost_per_million_adds_up_from_the_inputs() -> None:
    inputs = CostInputs(
        memory_mb=1769,
        batch_size=10,
        compute_ms_per_article=10.0,
        io_ms_per_article=0.0,
        wru_per_article=4.0,
        article_chars=3000,
    )
    cost = cost_per_million(inputs)
    usd = cost["per_million_usd"]
    assert math.isclose(usd["lambda_compute"], round(1e6 * 0.010 * 1769 / 1024 * 0.0000133334, 2))
    assert usd["lambda_requests"] == 0.02  # 100,000 invocations
    assert usd["sqs"] == 0.48  # 1,000,000 sends + 100,000 receives + 100,000 deletes
    assert usd["dynamodb_writes"] == 2.5
    assert usd["s3_get"] == 0.4
    assert cost["comprehend_per_million_usd"] == 6000.0  # 30 units x 2 requests x $0.0001 x 1M


def test_cpu_share_below_a_full_vcpu_stretches_compute_time() -> None:
    half = CostInputs(
        memory_mb=884,
        batch_size=1,
        compute_ms_per_article=10.0,
        io_ms_per_article=5.0,
        wru_per_article=1.0,
        article_chars=300,
    )
    assert cost_per_million(half)["lambda_billed_ms_per_article"] == pytest.approx(
        10.0 * 1769 / 884 + 5.0, abs=0.01
    )


def test_write_units_count_the_gsi_copy_of_index_items() -> None:
    article = {"pk": {"S": "ART#1"}, "sk": {"S": "ARTICLE"}, "record": {"S": "x" * 1500}}
    index = {"pk": {"S": "ART#1"}, "sk": {"S": "IDX#LANG#hu#0"}, "gsi1pk": {"S": "LANG#hu#0"}}
    assert item_bytes(index) == 2 + 5 + 2 + 13 + 6 + 9
    assert write_units([article]) == 2  # 1.5 KB rounds up
    assert write_units([article, index]) == 4  # the index item is written to the table and the GSI


def test_parse_importtime_ranks_by_cumulative_time() -> None:
    stderr = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:       100 |        100 |     json.decoder\n"
        "import time:       200 |        300 |   json\n"
        "import time:      1000 |       5000 | app\n"
    )
    top = parse_importtime(stderr, top=2)
    assert [row["module"] for row in top] == ["app", "json"]
    assert top[0]["cumulative_ms"] == 5.0
    assert top[1]["depth"] == 1
