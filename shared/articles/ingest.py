"""Ingestion use case: one S3 notification record -> fetch -> extract -> store (or delete).

S3 notifications arrive at least once and out of order. Every write carries an *ordering token*
and the store only applies a write whose token is not older than the stored one, so duplicates
and reordering are harmless:

- with S3's ``sequencer`` (AWS always sends it): ``s`` + the hex sequencer left-padded to a fixed
  width (AWS: compare sequencers of one key as hex strings after padding to equal length);
- without it (moto): ``t`` + the object's LastModified (GetObject) or, for a delete, the event
  time, to the second. That fallback reads the *latest* object when the event names no version,
  so a late old event stores the current content, never an older one.

A removal event whose key still exists (re-uploaded since, or a deleted version or delete marker
uncovered an older version) stores the latest object instead of deleting the article.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Literal
from urllib.parse import unquote_plus

from .extract import MAX_INPUT_BYTES, extract_article
from .extract.record import ArticleRecord, Rejection, RejectionCode
from .log_privacy import preview_chars_from_environment, text_preview
from .objects import ObjectReader
from .store import ArticleStore, StoredArticle, WriteOutcome, sort_date, utc_text

logger = logging.getLogger(__name__)

SEQUENCER_WIDTH = 32
ARTICLE_ID_HEX_CHARS = 20


class MalformedNotification(ValueError):
    """Not an S3 event notification: retrying cannot help, the message ends in the DLQ."""


class Outcome(StrEnum):
    STORED = "ArticleStored"
    REJECTED = "ArticleRejected"
    DELETED = "ArticleDeleted"
    STALE = "StaleEventSkipped"
    GONE = "ObjectGoneSkipped"


@dataclass(frozen=True)
class ObjectEvent:
    kind: Literal["created", "removed"]
    bucket: str
    key: str
    version_id: str | None
    sequencer: str | None
    event_time: datetime | None


def article_id_for(bucket: str, key: str) -> str:
    """Stable id of the article for an object: the first 80 bits of sha256("<bucket>/<key>") in hex."""
    return hashlib.sha256(f"{bucket}/{key}".encode()).hexdigest()[:ARTICLE_ID_HEX_CHARS]


def parse_notification(body: str) -> list[ObjectEvent]:
    """The object events in one SQS message body; an ``s3:TestEvent`` holds none."""
    try:
        message = json.loads(body)
    except json.JSONDecodeError as error:
        raise MalformedNotification(f"message body is not JSON: {error}") from error
    if not isinstance(message, dict):
        raise MalformedNotification("message body is not a JSON object")
    if message.get("Event") == "s3:TestEvent":
        return []
    records = message.get("Records")
    if not isinstance(records, list):
        raise MalformedNotification("message has no S3 'Records'")
    return [event for record in records if (event := _object_event(record)) is not None]


def _object_event(record: dict[str, Any]) -> ObjectEvent | None:
    try:
        name: str = record["eventName"]
        s3_object = record["s3"]["object"]
        bucket: str = record["s3"]["bucket"]["name"]
        raw_key: str = s3_object["key"]
    except (KeyError, TypeError) as error:
        raise MalformedNotification(f"S3 record without {error}") from error
    if name.startswith("ObjectCreated:"):
        kind: Literal["created", "removed"] = "created"
    elif name.startswith("ObjectRemoved:"):
        kind = "removed"
    else:
        return None  # e.g. restore or replication events: nothing to do
    return ObjectEvent(
        kind=kind,
        bucket=bucket,
        key=unquote_plus(raw_key),
        version_id=s3_object.get("versionId") or None,
        sequencer=s3_object.get("sequencer") or None,
        event_time=_parse_time(record.get("eventTime")),
    )


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def ordering_token(sequencer: str | None, fallback: datetime) -> str:
    if sequencer:
        return "s" + sequencer.upper().rjust(SEQUENCER_WIDTH, "0")
    if fallback.tzinfo is None:
        fallback = fallback.replace(tzinfo=UTC)
    return "t" + fallback.astimezone(UTC).strftime("%Y%m%dT%H%M%S")


@dataclass
class Ingestor:
    objects: ObjectReader
    store: ArticleStore
    extract: Callable[..., ArticleRecord] = extract_article
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    log_preview_chars: int = 0
    """Characters of the object's text a log line may show (LOG_TEXT_PREVIEW_CHARS); 0: none."""

    @classmethod
    def from_environment(cls) -> Ingestor:
        return cls(
            objects=ObjectReader.from_environment(),
            store=ArticleStore.from_environment(),
            log_preview_chars=preview_chars_from_environment(),
        )

    def handle(self, event: ObjectEvent) -> Outcome:
        """Apply one object event. Transient AWS errors propagate: the message is retried."""
        if event.kind == "created":
            return self._created(event)
        return self._removed(event)

    def _created(self, event: ObjectEvent) -> Outcome:
        fetched = self.objects.fetch(event.bucket, event.key, event.version_id, max_bytes=MAX_INPUT_BYTES + 1)
        if fetched is None:
            logger.info("object gone before it could be read", extra={"bucket": event.bucket})
            return Outcome.GONE
        article_id = article_id_for(event.bucket, event.key)
        record = self.extract(fetched.data, filename=event.key.rsplit("/", 1)[-1], article_id=article_id)
        if fetched.size > MAX_INPUT_BYTES:  # only a prefix was read: report the real size
            rejection = Rejection(
                code=RejectionCode.TOO_LARGE,
                message=f"file is {fetched.size:,} bytes; the limit is {MAX_INPUT_BYTES:,} bytes",
            )
            record = record.model_copy(update={"size_bytes": fetched.size, "rejection": rejection})
        article = StoredArticle(
            article_id=article_id,
            bucket=event.bucket,
            key=event.key,
            version_id=fetched.version_id,
            ordering_token=ordering_token(event.sequencer, fetched.last_modified),
            sort_date=sort_date(record, fetched.last_modified),
            ingested_at=utc_text(self.clock()),
            record=record,
        )
        if self.store.put_article(article) is WriteOutcome.STALE:
            return Outcome.STALE
        # Ids and codes only: the object's text appears solely as the configured preview.
        details = {"article_id": article_id, **text_preview(fetched.data, self.log_preview_chars)}
        if record.status == "rejected":
            rejection_code = record.rejection.code if record.rejection else None
            logger.warning("input rejected", extra={**details, "rejection": rejection_code})
            return Outcome.REJECTED
        logger.debug("article stored", extra=details)
        return Outcome.STORED

    def _removed(self, event: ObjectEvent) -> Outcome:
        # The key can outlive a removal: re-uploaded since, or (versioned bucket) the deleted
        # version or delete marker uncovered an older version, which sends no create event.
        # The latest object is then the truth, stored under this event's token.
        if self.objects.exists(event.bucket, event.key):
            return self._created(replace(event, kind="created", version_id=None))
        token = ordering_token(event.sequencer, event.event_time or self.clock())
        outcome = self.store.delete_article(
            article_id_for(event.bucket, event.key), ordering_token=token, bucket=event.bucket, key=event.key
        )
        return Outcome.DELETED if outcome is WriteOutcome.APPLIED else Outcome.STALE
