"""The article table: the only module that talks to DynamoDB (single-table design).

Items (``pk``/``sk``; ``gsi1pk``/``gsi1sk`` on index items only):

- article    ``ART#<id>`` / ``ARTICLE``: the record as JSON, its S3 source, the ordering token.
  A deleted article becomes a *tombstone* (same key, ``state = deleted``, no record) so a late,
  older create event cannot bring it back; tombstones expire through the table's TTL.
- index item ``ART#<id>`` / ``IDX#<gsi1pk>#<date>``: one per access pattern the article appears in,
  kept in the article's own item collection so cleaning up is a Query on one partition (no
  list to keep in sync, nothing stale left behind whatever the number of entities).
  ``gsi1pk`` is one of::

      STATUS#<processed|rejected>#<shard>   every article, write-sharded
      LANG#<code>#<shard>                   processed articles by language, write-sharded
      MONTH#<yyyy-mm>                       by publication month (month-bucketed already)
      ENT#<PER|ORG|LOC|MISC>#<name key>     one per distinct entity (base form, case-folded)

  and ``gsi1sk`` is ``<sort date>#<id>``: the publication date as ISO text at its own precision
  (datetimes in UTC), or the object's upload time for undated articles, so a newest-first Query
  is a descending read and a date range of any precision is a BETWEEN on the text.

Low-cardinality partitions (status, language) are spread over ``SHARDS`` partitions chosen by
the article id; a listing queries every shard in parallel and merges by ``gsi1sk``. Every index
item carries the ordering token of the write that produced it so concurrent writers for the
same object never delete each other's entries (see ``_sync_index``).
"""

from __future__ import annotations

import json
import logging
import os
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from .extract.record import ArticleRecord, Entity, EntityType

logger = logging.getLogger(__name__)

GSI_NAME = "gsi1"
ARTICLE_SK = "ARTICLE"
INDEX_SK_PREFIX = "IDX#"
SHARDS = 4
"""Write shards for the status and language partitions: ~4,000 writes/s per language before one
partition throttles, for 4 parallel Queries per listing page."""
TOMBSTONE_TTL_SECONDS = 30 * 24 * 3600
"""S3 redelivers within hours; a month of tombstones is plenty to absorb late events."""

MAX_RECORD_JSON_BYTES = 40_000
"""Stored record budget: an item stays ~10x below DynamoDB's 400 KB, and a page of 100 articles
stays below Lambda's 6 MB response limit."""
MAX_ENTITIES = 200
MAX_MENTIONS_PER_ENTITY = 10
MAX_ENTITY_TEXT_CHARS = 200
MAX_TITLE_CHARS = 1_000
MAX_AUTHORS = 20
MAX_MESSAGE_CHARS = 1_000

_LOWEST_POSITION = "0"
_HIGHEST_POSITION = "~"  # above every character used in dates and ids


class WriteOutcome(StrEnum):
    APPLIED = "applied"
    STALE = "stale"  # the table already holds this or a newer version of the object


class TransientStoreError(Exception):
    """DynamoDB kept part of a batch unprocessed (throttling): the caller should retry later."""


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: the record plus where it came from and how it is ordered."""

    article_id: str
    bucket: str
    key: str
    version_id: str | None
    ordering_token: str
    sort_date: str
    ingested_at: str
    record: ArticleRecord
    entities_truncated: bool = False


@dataclass(frozen=True)
class ArticlePage:
    articles: list[StoredArticle]
    last_position: str | None
    """``gsi1sk`` of the last article returned, set when more may follow."""


@dataclass(frozen=True)
class PositionRange:
    """Inclusive bounds on ``gsi1sk`` (prefix semantics: ``2024-07`` covers the whole month)."""

    lower: str = _LOWEST_POSITION
    upper: str = _HIGHEST_POSITION
    before: str | None = None
    """Exclusive upper bound: the position of the last article of the previous page."""


# --- key design -------------------------------------------------------------------------------------


def entity_key(name: str) -> str:
    """How an entity name is matched: Unicode-normalised, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def status_partitions(status: str) -> list[str]:
    return [f"STATUS#{status}#{shard}" for shard in range(SHARDS)]


def language_partitions(language: str) -> list[str]:
    return [f"LANG#{language}#{shard}" for shard in range(SHARDS)]


def month_partitions(month: str) -> list[str]:
    return [f"MONTH#{month}"]


def entity_partitions(name: str, entity_type: EntityType | None) -> list[str]:
    types = [entity_type] if entity_type else list(EntityType)
    return [f"ENT#{kind.value}#{entity_key(name)}" for kind in types]


def sort_date(record: ArticleRecord, uploaded_at: datetime) -> str:
    """Publication date as sortable text at its own precision; upload time for undated articles."""
    if record.published is None:
        return utc_text(uploaded_at)
    value = record.published.value
    if "T" not in value:
        return value
    try:
        return utc_text(datetime.fromisoformat(value))
    except ValueError:
        return value[:10]


def utc_text(moment: datetime) -> str:
    """A moment as sort-key text (naive means UTC): query bounds must use the same form."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _shard(article_id: str) -> int:
    return int(article_id[:8], 16) % SHARDS


def index_partitions(article: StoredArticle) -> list[str]:
    """Every ``gsi1pk`` the article is listed under."""
    record = article.record
    shard = _shard(article.article_id)
    partitions = [f"STATUS#{record.status}#{shard}"]
    if record.status == "processed":
        if record.language.code:
            partitions.append(f"LANG#{record.language.code}#{shard}")
        if record.published and len(record.published.value) >= 7:
            partitions.append(f"MONTH#{record.published.value[:7]}")
        entity_partitions_seen = {
            f"ENT#{entity.type.value}#{entity_key(entity.name)}" for entity in record.entities
        }
        partitions.extend(sorted(entity_partitions_seen))
    return partitions


def _index_items(article: StoredArticle) -> dict[str, dict[str, Any]]:
    position = f"{article.sort_date}#{article.article_id}"
    items = {}
    for partition in index_partitions(article):
        sk = f"{INDEX_SK_PREFIX}{partition}#{article.sort_date}"
        items[sk] = {
            "pk": _s(_article_pk(article.article_id)),
            "sk": _s(sk),
            "gsi1pk": _s(partition),
            "gsi1sk": _s(position),
            "ordering_token": _s(article.ordering_token),
        }
    return items


def _article_pk(article_id: str) -> str:
    return f"ART#{article_id}"


def _s(value: str) -> dict[str, str]:
    return {"S": value}


# --- item size ----------------------------------------------------------------------------------------


def fit_record(record: ArticleRecord) -> tuple[ArticleRecord, bool]:
    """Trim what can grow with the input so the stored JSON stays within ``MAX_RECORD_JSON_BYTES``.

    Entities are kept by mention count (then first appearance); their mention lists are capped.
    Returns the record and whether entities were dropped.
    """
    entities = [
        _with_capped_mentions(entity)
        for entity in record.entities
        if len(entity.name) <= MAX_ENTITY_TEXT_CHARS
    ]
    keep = min(len(entities), MAX_ENTITIES)
    update: dict[str, Any] = {}
    if record.title and len(record.title) > MAX_TITLE_CHARS:
        update["title"] = record.title[:MAX_TITLE_CHARS]
    if len(record.authors) > MAX_AUTHORS or any(len(a) > MAX_ENTITY_TEXT_CHARS for a in record.authors):
        update["authors"] = [author[:MAX_ENTITY_TEXT_CHARS] for author in record.authors[:MAX_AUTHORS]]
    if record.rejection and len(record.rejection.message) > MAX_MESSAGE_CHARS:
        update["rejection"] = record.rejection.model_copy(
            update={"message": record.rejection.message[:MAX_MESSAGE_CHARS]}
        )
    while True:
        fitted = record.model_copy(update={**update, "entities": _most_mentioned(entities, keep)})
        if keep == 0 or len(_record_json(fitted).encode()) <= MAX_RECORD_JSON_BYTES:
            return fitted, keep < len(record.entities)
        keep = keep * 3 // 4


def _with_capped_mentions(entity: Entity) -> Entity:
    mentions = [mention for mention in entity.mentions if len(mention) <= MAX_ENTITY_TEXT_CHARS]
    return entity.model_copy(update={"mentions": mentions[:MAX_MENTIONS_PER_ENTITY]})


def _most_mentioned(entities: list[Entity], keep: int) -> list[Entity]:
    ranked = sorted(range(len(entities)), key=lambda i: -entities[i].count)[:keep]
    return [entities[i] for i in sorted(ranked)]


def _record_json(record: ArticleRecord) -> str:
    return record.model_dump_json(exclude_none=False)


# --- the store ------------------------------------------------------------------------------------------


@dataclass
class ArticleStore:
    table_name: str
    client: Any = field(repr=False)

    @classmethod
    def from_environment(cls) -> ArticleStore:
        # Throttling is retried a few times here, then by SQS redelivery (the record fails alone).
        config = Config(retries={"mode": "standard", "max_attempts": 4})
        return cls(table_name=os.environ["TABLE_NAME"], client=boto3.client("dynamodb", config=config))

    # writes

    def put_article(self, article: StoredArticle) -> WriteOutcome:
        """Store the article unless the table holds a newer version; then index it."""
        record, truncated = fit_record(article.record)
        article = replace(article, record=record, entities_truncated=truncated)
        item = {
            "pk": _s(_article_pk(article.article_id)),
            "sk": _s(ARTICLE_SK),
            "state": _s("present"),
            "bucket": _s(article.bucket),
            "object_key": _s(article.key),
            "ordering_token": _s(article.ordering_token),
            "sort_date": _s(article.sort_date),
            "ingested_at": _s(article.ingested_at),
            "record": _s(_record_json(article.record)),
            "entities_truncated": {"BOOL": article.entities_truncated},
        }
        if article.version_id:
            item["version_id"] = _s(article.version_id)
        if not self._conditional_put(item):
            return WriteOutcome.STALE
        self._batch_write(
            {"PutRequest": {"Item": index_item}} for index_item in _index_items(article).values()
        )
        self._sync_index(article.article_id)
        return WriteOutcome.APPLIED

    def delete_article(self, article_id: str, *, ordering_token: str, bucket: str, key: str) -> WriteOutcome:
        """Replace the article by a tombstone unless the table holds a newer version; drop its index."""
        now = int(time.time())
        item = {
            "pk": _s(_article_pk(article_id)),
            "sk": _s(ARTICLE_SK),
            "state": _s("deleted"),
            "bucket": _s(bucket),
            "object_key": _s(key),
            "ordering_token": _s(ordering_token),
            "deleted_at": _s(utc_text(datetime.fromtimestamp(now, UTC))),
            "expires_at": {"N": str(now + TOMBSTONE_TTL_SECONDS)},
        }
        if not self._conditional_put(item):
            return WriteOutcome.STALE
        self._sync_index(article_id)
        return WriteOutcome.APPLIED

    def _conditional_put(self, item: dict[str, Any]) -> bool:
        # "<=" and not "<": a redelivered event rewrites the same item and re-runs the index sync,
        # which completes a write interrupted between the article item and its index items.
        try:
            self.client.put_item(
                TableName=self.table_name,
                Item=item,
                ConditionExpression="attribute_not_exists(pk) OR ordering_token <= :token",
                ExpressionAttributeValues={":token": item["ordering_token"]},
            )
        except ClientError as error:
            if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def _sync_index(self, article_id: str) -> None:
        """Delete index items the article's current version does not have.

        Runs after this writer's own index writes. The current version is read again, so a writer
        that lost a race to a newer version cleans up after itself; deletes are conditional on the
        item's token so nobody removes entries written by a newer version than the one it saw.
        """
        current = self._read_article_item(article_id, consistent=True)
        if current is None:
            return
        token = current["ordering_token"]["S"]
        article = _article_from_item(current)
        wanted = set(_index_items(article)) if article else set()
        for existing in self._index_items_of(article_id):
            if existing["sk"]["S"] in wanted:
                continue
            try:
                self.client.delete_item(
                    TableName=self.table_name,
                    Key={"pk": existing["pk"], "sk": existing["sk"]},
                    ConditionExpression="ordering_token <= :token",
                    ExpressionAttributeValues={":token": _s(token)},
                )
            except ClientError as error:
                if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
                    raise

    def _index_items_of(self, article_id: str) -> Iterator[dict[str, Any]]:
        paginator = self.client.get_paginator("query")
        pages = paginator.paginate(
            TableName=self.table_name,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues={":pk": _s(_article_pk(article_id)), ":prefix": _s(INDEX_SK_PREFIX)},
            ProjectionExpression="pk, sk",
            ConsistentRead=True,
        )
        for page in pages:
            yield from page.get("Items", [])

    def _batch_write(self, requests: Iterable[dict[str, Any]]) -> None:
        pending = list(requests)
        for start in range(0, len(pending), 25):
            chunk = pending[start : start + 25]
            for attempt in range(5):
                response = self.client.batch_write_item(RequestItems={self.table_name: chunk})
                chunk = response.get("UnprocessedItems", {}).get(self.table_name, [])
                if not chunk:
                    break
                time.sleep(0.05 * 2**attempt)
            else:
                raise TransientStoreError(f"{len(chunk)} index items stayed unprocessed")

    # reads

    def get_article(self, article_id: str) -> StoredArticle | None:
        item = self._read_article_item(article_id, consistent=False)
        return _article_from_item(item) if item else None

    def index_items(self, article_id: str) -> list[dict[str, str]]:
        """The article's index entries as ``{"gsi1pk", "gsi1sk"}``: for diagnostics and tests."""
        response = self.client.query(
            TableName=self.table_name,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues={":pk": _s(_article_pk(article_id)), ":prefix": _s(INDEX_SK_PREFIX)},
            ConsistentRead=True,
        )
        return [{"gsi1pk": i["gsi1pk"]["S"], "gsi1sk": i["gsi1sk"]["S"]} for i in response["Items"]]

    def list_articles(self, partitions: Sequence[str], positions: PositionRange, limit: int) -> ArticlePage:
        """Newest first across ``partitions``, merged on ``gsi1sk``; ``limit`` articles at most."""
        upper = positions.upper if positions.before is None else min(positions.upper, positions.before)
        # One more than needed per partition: the item at ``before`` itself is skipped.
        with ThreadPoolExecutor(max_workers=len(partitions)) as pool:
            results = list(
                pool.map(
                    lambda partition: self._query_partition(partition, positions.lower, upper, limit + 1),
                    partitions,
                )
            )
        candidates: dict[str, str] = {}  # position -> article id, de-duplicated across partitions
        truncated = False
        for items, more in results:
            truncated = truncated or more
            for item in items:
                position = item["gsi1sk"]["S"]
                if position != positions.before:
                    candidates[position] = item["pk"]["S"].removeprefix("ART#")
        ordered = sorted(candidates.items(), reverse=True)
        page = ordered[:limit]
        articles_by_id = self._get_articles([article_id for _, article_id in page])
        articles = [articles_by_id[article_id] for _, article_id in page if article_id in articles_by_id]
        more = len(ordered) > limit or truncated
        return ArticlePage(articles=articles, last_position=page[-1][0] if page and more else None)

    def _query_partition(
        self, partition: str, lower: str, upper: str, limit: int
    ) -> tuple[list[dict[str, Any]], bool]:
        if upper < lower:
            return [], False
        response = self.client.query(
            TableName=self.table_name,
            IndexName=GSI_NAME,
            KeyConditionExpression="gsi1pk = :partition AND gsi1sk BETWEEN :lower AND :upper",
            ExpressionAttributeValues={":partition": _s(partition), ":lower": _s(lower), ":upper": _s(upper)},
            ScanIndexForward=False,
            Limit=limit,
        )
        return response.get("Items", []), "LastEvaluatedKey" in response

    def _get_articles(self, article_ids: list[str]) -> dict[str, StoredArticle]:
        keys = [
            {"pk": _s(_article_pk(article_id)), "sk": _s(ARTICLE_SK)}
            for article_id in dict.fromkeys(article_ids)
        ]
        found: dict[str, StoredArticle] = {}
        for start in range(0, len(keys), 100):
            request: dict[str, Any] = {self.table_name: {"Keys": keys[start : start + 100]}}
            for attempt in range(5):
                response = self.client.batch_get_item(RequestItems=request)
                for item in response["Responses"].get(self.table_name, []):
                    article = _article_from_item(item)
                    if article:
                        found[article.article_id] = article
                request = response.get("UnprocessedKeys") or {}
                if not request:
                    break
                time.sleep(0.05 * 2**attempt)
            else:
                raise TransientStoreError("article reads stayed unprocessed")
        return found

    def _read_article_item(self, article_id: str, *, consistent: bool) -> dict[str, Any] | None:
        response = self.client.get_item(
            TableName=self.table_name,
            Key={"pk": _s(_article_pk(article_id)), "sk": _s(ARTICLE_SK)},
            ConsistentRead=consistent,
        )
        return response.get("Item")


def _article_from_item(item: dict[str, Any]) -> StoredArticle | None:
    """The stored article, or None for a tombstone."""
    if item.get("state", {}).get("S") != "present":
        return None
    record = ArticleRecord.model_validate(json.loads(item["record"]["S"]))
    return StoredArticle(
        article_id=item["pk"]["S"].removeprefix("ART#"),
        bucket=item["bucket"]["S"],
        key=item["object_key"]["S"],
        version_id=item.get("version_id", {}).get("S"),
        ordering_token=item["ordering_token"]["S"],
        sort_date=item["sort_date"]["S"],
        ingested_at=item["ingested_at"]["S"],
        record=record,
        entities_truncated=item.get("entities_truncated", {}).get("BOOL", False),
    )
