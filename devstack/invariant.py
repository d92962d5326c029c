"""The ingestion invariant: what the bucket and the article table must agree on once the queue is quiet.

A test and operations tool, not an access path: it lists the whole bucket (under a prefix), reads
every object and Scans the whole table. Use it after a test, a load run or an incident, on a
stack whose queue has drained; never from a request path.

The invariant (each broken clause is one violation message):

- **Every live object has exactly one current record.** The article item ``ART#<id>`` exists for
  ``id = article_id_for(bucket, key)``, is not a tombstone, names that bucket and key, and is the
  object's *latest* version: on a versioned bucket its ``version_id`` equals the object's current
  VersionId (S3's identity of a write, so even a re-upload of identical bytes must be seen); on
  any bucket its ``size_bytes`` and ``content_sha256`` equal the current object's (the hash only
  up to ``MAX_INPUT_BYTES``: a larger object is a ``too_large`` rejection whose hash covers the
  prefix that was read). Keys named in ``dead_lettered`` are exempt: their event is in the DLQ.
- **Every deleted object has no record and no index items** (a tombstone is allowed).
- **Index items are exactly what the current record implies**: one per partition of
  ``index_partitions(article)`` with ``sk = IDX#<partition>#<sort date>`` and
  ``gsi1sk = <sort date>#<id>``, no ordering token newer than the article's; no duplicates (an
  article twice in one index partition), no stale items of an older version, and no orphans (an
  index item of a tombstone or of no article item at all).

Only ``ART#`` partitions are examined; other item types that may share the table are ignored.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from boto3.dynamodb.types import TypeSerializer

from articles.extract import MAX_INPUT_BYTES
from articles.extract.record import ArticleRecord
from articles.ingest import MalformedNotification, article_id_for, parse_notification
from articles.store import ARTICLE_SK, INDEX_SK_PREFIX, StoredArticle, index_partitions

ARTICLE_PK_PREFIX = "ART#"


@dataclass(frozen=True)
class LiveObject:
    key: str
    version_id: str | None
    size: int
    sha256: str | None
    """None when the object is larger than the pipeline reads."""


@dataclass
class _Partition:
    """The items of one ``ART#<id>`` partition."""

    article: dict[str, Any] | None = None
    index: list[dict[str, Any]] = field(default_factory=list)


def check_invariant(
    s3_client: Any,
    dynamodb_client_or_resource: Any,
    bucket: str,
    table: str,
    prefix: str = "",
    *,
    dead_lettered: Collection[str] = (),
) -> list[str]:
    """Every violation of the invariant (see the module docstring); empty when it holds."""
    dynamodb = _low_level_client(dynamodb_client_or_resource)
    live = {obj.key: obj for obj in _live_objects(s3_client, bucket, prefix)}
    partitions = _article_partitions(dynamodb, table)
    violations: list[str] = []

    for key, obj in sorted(live.items()):
        partition = partitions.get(ARTICLE_PK_PREFIX + article_id_for(bucket, key))
        article = partition.article if partition else None
        if key in dead_lettered:
            continue
        if article is None or _state(article) != "present":
            violations.append(f"{key!r}: live object has no record")
        else:
            violations.extend(f"{key!r}: {problem}" for problem in _version_mismatches(article, obj))

    for pk, partition in sorted(partitions.items()):
        violations.extend(_partition_violations(pk, partition, bucket, prefix, live))
    return violations


def dead_lettered_keys(sqs_client: Any, dead_letter_queue_url: str, bucket: str) -> set[str]:
    """Keys of ``bucket`` named by S3 notifications waiting in the DLQ (messages stay there).

    Receives with ``VisibilityTimeout=0`` so nothing is hidden from a later redrive; stops when a
    receive returns nothing new.
    """
    seen: set[str] = set()
    keys: set[str] = set()
    while True:
        messages = sqs_client.receive_message(
            QueueUrl=dead_letter_queue_url, MaxNumberOfMessages=10, VisibilityTimeout=0
        ).get("Messages", [])
        new = [message for message in messages if message["MessageId"] not in seen]
        if not new:
            return keys
        for message in new:
            seen.add(message["MessageId"])
            try:
                events = parse_notification(message["Body"])
            except MalformedNotification:
                continue  # names no object
            keys.update(event.key for event in events if event.bucket == bucket)


# --- reading both sides ------------------------------------------------------------------------------


def _low_level_client(client_or_resource: Any) -> Any:
    # A boto3 resource exposes its client as .meta.client (a client has no .Table); that client
    # returns plain Python values instead of typed attributes: see _typed.
    return client_or_resource.meta.client if hasattr(client_or_resource, "Table") else client_or_resource


_SERIALIZER = TypeSerializer()


def _typed(item: dict[str, Any]) -> dict[str, Any]:
    """The item with DynamoDB-typed attributes, whichever kind of client read it."""
    if isinstance(item.get("pk"), dict):
        return item
    return {name: _SERIALIZER.serialize(value) for name, value in item.items()}


def _live_objects(s3: Any, bucket: str, prefix: str) -> Iterator[LiveObject]:
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for listed in page.get("Contents", []):
            response = s3.get_object(Bucket=bucket, Key=listed["Key"])
            size = response["ContentLength"]
            with response["Body"] as body:
                digest = hashlib.sha256(body.read()).hexdigest() if size <= MAX_INPUT_BYTES else None
            version = response.get("VersionId")
            yield LiveObject(
                key=listed["Key"],
                version_id=None if version in (None, "null") else version,
                size=size,
                sha256=digest,
            )


def _article_partitions(dynamodb: Any, table: str) -> dict[str, _Partition]:
    partitions: dict[str, _Partition] = defaultdict(_Partition)
    for page in dynamodb.get_paginator("scan").paginate(TableName=table, ConsistentRead=True):
        for item in map(_typed, page.get("Items", [])):
            pk, sk = item["pk"]["S"], item["sk"]["S"]
            if not pk.startswith(ARTICLE_PK_PREFIX):
                continue
            if sk == ARTICLE_SK:
                partitions[pk].article = item
            else:
                partitions[pk].index.append(item)
    return dict(partitions)


# --- the clauses -------------------------------------------------------------------------------------


def _state(article_item: dict[str, Any]) -> str:
    return str(article_item.get("state", {}).get("S", "<none>"))


def _text(item: dict[str, Any], name: str) -> str | None:
    value = item.get(name, {}).get("S")
    return str(value) if value is not None else None


def _version_mismatches(article_item: dict[str, Any], obj: LiveObject) -> list[str]:
    problems = []
    stored_version = _text(article_item, "version_id")
    if obj.version_id is not None and stored_version != obj.version_id:
        problems.append(f"record is of version {stored_version}, the object's latest is {obj.version_id}")
    try:
        record = ArticleRecord.model_validate_json(article_item["record"]["S"])
    except (KeyError, ValueError) as error:
        return [*problems, f"stored record is unreadable: {error}"]
    if record.size_bytes != obj.size:
        problems.append(f"record has size {record.size_bytes}, the object {obj.size}")
    if obj.sha256 is not None and record.content_sha256 != obj.sha256:
        problems.append("record's content_sha256 is not the current object's")
    return problems


def _partition_violations(
    pk: str, partition: _Partition, bucket: str, prefix: str, live: dict[str, LiveObject]
) -> list[str]:
    article = partition.article
    if article is None:
        return [f"{pk}: orphan index item {item['sk']['S']} (no article item)" for item in partition.index]
    item_bucket, key = _text(article, "bucket"), _text(article, "object_key")
    if item_bucket != bucket or key is None or not key.startswith(prefix):
        return []  # another bucket's or prefix's article: not ours to judge
    where = f"{key!r} ({pk})"
    violations = []
    if pk != ARTICLE_PK_PREFIX + article_id_for(bucket, key):
        violations.append(f"{where}: stored under the wrong id")
    if _state(article) != "present":
        violations.extend(
            f"{where}: deleted object still indexed: {item['sk']['S']}" for item in partition.index
        )
        return violations
    if key not in live:
        violations.append(f"{where}: record of a deleted object")
    stored = _stored_article(pk, article)
    if stored is None:
        return [*violations, f"{where}: article item is unreadable"]
    return violations + [f"{where}: {problem}" for problem in _index_mismatches(stored, partition.index)]


def _stored_article(pk: str, item: dict[str, Any]) -> StoredArticle | None:
    try:
        return StoredArticle(
            article_id=pk.removeprefix(ARTICLE_PK_PREFIX),
            bucket=item["bucket"]["S"],
            key=item["object_key"]["S"],
            version_id=_text(item, "version_id"),
            ordering_token=item["ordering_token"]["S"],
            sort_date=item["sort_date"]["S"],
            ingested_at=item["ingested_at"]["S"],
            record=ArticleRecord.model_validate_json(item["record"]["S"]),
        )
    except (KeyError, ValueError):
        return None


def _index_mismatches(article: StoredArticle, index_items: list[dict[str, Any]]) -> list[str]:
    position = f"{article.sort_date}#{article.article_id}"
    wanted = {
        f"{INDEX_SK_PREFIX}{partition}#{article.sort_date}": partition
        for partition in index_partitions(article)
    }
    problems = []
    per_partition: dict[str, int] = defaultdict(int)
    for item in index_items:
        sk, partition = item["sk"]["S"], _text(item, "gsi1pk")
        per_partition[str(partition)] += 1
        if sk not in wanted:
            problems.append(f"stale index item {sk}")
            continue
        if partition != wanted[sk] or _text(item, "gsi1sk") != position:
            problems.append(f"index item {sk} has gsi1pk={partition!r} gsi1sk={_text(item, 'gsi1sk')!r}")
        if (_text(item, "ordering_token") or "") > article.ordering_token:
            problems.append(f"index item {sk} is newer than its article")
    present = {item["sk"]["S"] for item in index_items}
    problems.extend(f"missing index item {sk}" for sk in sorted(set(wanted) - present))
    problems.extend(
        f"listed {count} times in {partition}"
        for partition, count in sorted(per_partition.items())
        if count > 1
    )
    return problems
