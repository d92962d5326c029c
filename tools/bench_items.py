"""DynamoDB write units per article, measured on real stored items.

The store's own ``put_article`` writes the records of real articles into a moto table built from the
template's key schema; the items are then scanned back and sized with DynamoDB's rules (attribute
name + value bytes). An index item is also written to the GSI (projection ALL): one more WRU each.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from tools.bench_corpus import Doc
from tools.bench_stats import median

KB = 1024


def attribute_bytes(value: dict[str, Any]) -> int:
    """Size of one wire-format attribute value (S, N, BOOL, NULL, L, M; enough for this table)."""
    ((kind, inner),) = value.items()
    if kind == "S":
        return len(inner.encode("utf-8"))
    if kind == "N":
        return math.ceil(len(inner.lstrip("-").replace(".", "").lstrip("0") or "0") / 2) + 1
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "L":
        return 3 + sum(1 + attribute_bytes(item) for item in inner)
    if kind == "M":
        return 3 + sum(len(name.encode()) + 1 + attribute_bytes(item) for name, item in inner.items())
    return len(str(inner).encode("utf-8"))


def item_bytes(item: dict[str, dict[str, Any]]) -> int:
    return sum(len(name.encode("utf-8")) + attribute_bytes(value) for name, value in item.items())


def write_units(items: Sequence[dict[str, dict[str, Any]]], index_attribute: str = "gsi1pk") -> int:
    """WRUs to write these items once: 1 per started KB, again on the GSI for items carrying its key."""
    units = 0
    for item in items:
        per_write = max(1, math.ceil(item_bytes(item) / KB))
        units += per_write * (2 if index_attribute in item else 1)
    return units


def summarize_articles(items: Sequence[dict[str, dict[str, Any]]]) -> dict[str, Any]:
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        by_article[item["pk"]["S"]].append(item)
    per_article = list(by_article.values())
    if not per_article:
        return {"articles": 0}
    return {
        "articles": len(per_article),
        "items_per_article_median": median([len(group) for group in per_article]),
        "article_item_bytes_median": median(
            [item_bytes(item) for group in per_article for item in group if "gsi1pk" not in item]
        ),
        "wru_per_article_median": median([write_units(group) for group in per_article]),
        "wru_per_article_mean": round(sum(write_units(group) for group in per_article) / len(per_article), 2),
    }


def measure_items(docs: Sequence[Doc], table_properties: dict[str, Any]) -> dict[str, Any]:
    """Store the docs' records with the project's store on an in-process moto table; size what it wrote."""
    import boto3
    from moto import mock_aws

    from articles.extract.pipeline import extract_article
    from articles.ingest import article_id_for
    from articles.store import ArticleStore, StoredArticle, sort_date

    uploaded = datetime(2024, 7, 12, tzinfo=UTC)
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(TableName="bench-articles", **table_properties)
        store = ArticleStore(table_name="bench-articles", client=client)
        for number, doc in enumerate(docs):
            key = f"{doc.id}.txt"
            article_id = article_id_for("bench", key)
            record = extract_article(doc.text.encode("utf-8"), filename=key, article_id=article_id)
            store.put_article(
                StoredArticle(
                    article_id=article_id,
                    bucket="bench",
                    key=key,
                    version_id=None,
                    ordering_token=f"{number:020d}",
                    sort_date=sort_date(record, uploaded),
                    ingested_at=uploaded.isoformat(),
                    record=record,
                )
            )
        items: list[dict[str, Any]] = []
        for page in client.get_paginator("scan").paginate(TableName="bench-articles"):
            items.extend(page["Items"])
    return {"source": "ArticleStore.put_article on moto, items scanned back", **summarize_articles(items)}
