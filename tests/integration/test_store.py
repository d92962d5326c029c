"""The DynamoDB layer on moto: ordering tokens, index cleanup, item size, paging."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from articles.extract.record import ArticleRecord, Entity, EntityType, Language, Published
from articles.store import (
    MAX_RECORD_JSON_BYTES,
    ArticleStore,
    PositionRange,
    StoredArticle,
    WriteOutcome,
    _index_items,
    entity_partitions,
    language_partitions,
    status_partitions,
)
from devstack.resources import StackResources

ARTICLE_ID = "00000000000000000001"


@pytest.fixture
def store(resources: StackResources) -> ArticleStore:
    return ArticleStore(table_name=resources.table_name, client=boto3.client("dynamodb"))


def article(
    token: str, *, entities: list[Entity] | None = None, date: str = "2024-07", article_id: str = ARTICLE_ID
) -> StoredArticle:
    record = ArticleRecord(
        id=article_id,
        status="processed",
        language=Language(code="hu", confidence=0.99),
        published=Published(value=date, precision="month", source="header"),
        entities=entities or [],
        content_sha256="0" * 64,
        size_bytes=1,
        pipeline_version="test",
    )
    return StoredArticle(
        article_id=article_id,
        bucket="bucket",
        key="key.txt",
        version_id=None,
        ordering_token=token,
        sort_date=date,
        ingested_at="2024-07-01T00:00:00Z",
        record=record,
    )


def places(*names: str) -> list[Entity]:
    return [Entity(name=name, type=EntityType.LOC, count=1, mentions=[name]) for name in names]


def partitions(store: ArticleStore) -> set[str]:
    return {item["gsi1pk"] for item in store.index_items(ARTICLE_ID)}


def test_an_older_token_never_overwrites_a_newer_one(store: ArticleStore) -> None:
    assert store.put_article(article("s02", entities=places("Kijev"))) is WriteOutcome.APPLIED
    assert store.put_article(article("s01", entities=places("Moszkva"))) is WriteOutcome.STALE

    stored = store.get_article(ARTICLE_ID)
    assert stored is not None and stored.ordering_token == "s02"
    assert "ENT#LOC#moszkva" not in partitions(store)


def test_an_older_delete_does_not_remove_a_newer_article(store: ArticleStore) -> None:
    store.put_article(article("s05", entities=places("Kijev")))

    assert (
        store.delete_article(ARTICLE_ID, ordering_token="s04", bucket="bucket", key="key.txt")
        is WriteOutcome.STALE
    )
    assert store.get_article(ARTICLE_ID) is not None
    assert "ENT#LOC#kijev" in partitions(store)


def test_a_tombstone_blocks_older_creates(store: ArticleStore) -> None:
    store.put_article(article("s05", entities=places("Kijev")))
    assert (
        store.delete_article(ARTICLE_ID, ordering_token="s06", bucket="bucket", key="key.txt")
        is WriteOutcome.APPLIED
    )

    assert store.put_article(article("s05", entities=places("Kijev"))) is WriteOutcome.STALE
    assert store.get_article(ARTICLE_ID) is None
    assert partitions(store) == set()
    assert store.put_article(article("s07")) is WriteOutcome.APPLIED  # re-uploaded later: back


def test_a_writer_that_lost_the_race_removes_its_own_index_items(store: ArticleStore) -> None:
    """Interleaving: the old writer passed its conditional put, then the new writer finished."""
    loser = article("s01", entities=places("Moszkva"), date="2023-01")
    winner = article("s02", entities=places("Kijev"))
    store.put_article(winner)

    store._batch_write({"PutRequest": {"Item": item}} for item in _index_items(loser).values())
    store._sync_index(ARTICLE_ID)

    assert {item["gsi1sk"] for item in store.index_items(ARTICLE_ID)} == {f"2024-07#{ARTICLE_ID}"}
    assert "ENT#LOC#moszkva" not in partitions(store)


def test_cleanup_spares_entries_of_a_newer_writer_than_the_one_it_saw(store: ArticleStore) -> None:
    store.put_article(article("s02", entities=places("Kijev")))
    newest = article("s03", entities=places("Odessza"))  # its article write is still to come
    store._batch_write({"PutRequest": {"Item": item}} for item in _index_items(newest).values())

    store._sync_index(ARTICLE_ID)  # a writer that still sees s02 as current

    assert "ENT#LOC#odessza" in partitions(store)


def test_replacing_many_entities_leaves_no_stale_items(store: ArticleStore) -> None:
    """Far beyond TransactWriteItems' 100 items: cleanup is a Query on the article's partition."""
    many = places(*(f"Város{number}" for number in range(180)))
    store.put_article(article("s01", entities=many))
    assert len(partitions(store)) == 180 + 3

    store.put_article(article("s02", entities=places("Kijev"), date="2024-08-02"))

    assert partitions(store) == {
        *(p for p in status_partitions("processed") if p in partitions(store)),
        *(p for p in language_partitions("hu") if p in partitions(store)),
        "MONTH#2024-08",
        "ENT#LOC#kijev",
    }
    assert len(partitions(store)) == 4


def test_a_huge_record_is_trimmed_far_below_the_item_limit(store: ArticleStore) -> None:
    entities = [
        Entity(
            name=f"Szervezet {n}",
            type=EntityType.ORG,
            count=n + 1,
            mentions=[f"Szervezet {n}-{m}" for m in range(50)],
        )
        for n in range(3000)
    ]
    store.put_article(article("s01", entities=entities))

    raw: dict[str, Any] = store.client.get_item(
        TableName=store.table_name, Key={"pk": {"S": f"ART#{ARTICLE_ID}"}, "sk": {"S": "ARTICLE"}}
    )["Item"]
    assert len(raw["record"]["S"].encode()) <= MAX_RECORD_JSON_BYTES
    stored = store.get_article(ARTICLE_ID)
    assert stored is not None and stored.entities_truncated
    kept = stored.record.entities
    assert 0 < len(kept) <= 200
    assert min(entity.count for entity in kept) > max(
        entity.count for entity in entities if entity.name not in {k.name for k in kept}
    )
    assert all(len(entity.mentions) <= 10 for entity in kept)
    assert len(store.index_items(ARTICLE_ID)) == len(kept) + 3


def test_sharded_listing_merges_newest_first_across_shards(store: ArticleStore) -> None:
    dated = {f"{n:08x}{0:012x}": f"2024-07-{n:02d}" for n in range(1, 13)}  # ids land in every shard
    for article_id, date in dated.items():
        store.put_article(article("s01", date=date, article_id=article_id))
    shards_used = {item["gsi1pk"] for article_id in dated for item in store.index_items(article_id)}
    assert {p for p in shards_used if p.startswith("LANG#hu#")} == set(language_partitions("hu"))

    first = store.list_articles(language_partitions("hu"), PositionRange(), limit=5)
    rest = store.list_articles(language_partitions("hu"), PositionRange(before=first.last_position), limit=50)

    dates = [a.sort_date for a in first.articles + rest.articles]
    assert dates == sorted(dated.values(), reverse=True)
    assert rest.last_position is None


def test_an_entity_listed_under_two_types_appears_once(store: ArticleStore) -> None:
    both = [
        Entity(name="Japán", type=EntityType.LOC, count=2, mentions=["Japánnal"]),
        Entity(name="Japán", type=EntityType.ORG, count=1, mentions=["Japán"]),
    ]
    store.put_article(article("s01", entities=both))

    page = store.list_articles(entity_partitions("japán", None), PositionRange(), limit=10)

    assert [a.article_id for a in page.articles] == [ARTICLE_ID]
    assert json.loads(page.articles[0].record.model_dump_json())["entities"][0]["name"] == "Japán"
