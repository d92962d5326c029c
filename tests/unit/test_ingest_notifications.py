"""Reading S3 notifications and ordering their events: pure functions, no AWS."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from articles.ingest import MalformedNotification, article_id_for, ordering_token, parse_notification


def notification(*records: dict) -> str:
    return json.dumps({"Records": list(records)})


def s3_record(name: str, key: str, **object_fields: str) -> dict:
    return {
        "eventName": name,
        "eventTime": "2024-07-12T10:00:00.123Z",
        "s3": {"bucket": {"name": "articles"}, "object": {"key": key, **object_fields}},
    }


def test_keys_are_decoded_as_s3_encodes_them() -> None:
    [event] = parse_notification(
        notification(s3_record("ObjectCreated:Put", "be%C3%A9rkez%C5%91+cikkek%2FNATO+%2B+Jap%C3%A1n.txt"))
    )

    assert event.key == "beérkező cikkek/NATO + Japán.txt"
    assert (event.kind, event.bucket, event.version_id, event.sequencer) == (
        "created",
        "articles",
        None,
        None,
    )
    assert event.event_time == datetime(2024, 7, 12, 10, 0, 0, 123000, tzinfo=UTC)


def test_removal_with_version_and_sequencer() -> None:
    body = notification(
        s3_record(
            "ObjectRemoved:DeleteMarkerCreated", "a.txt", versionId="v2", sequencer="0055AED6DCD90281E5"
        )
    )

    [event] = parse_notification(body)

    assert (event.kind, event.version_id, event.sequencer) == ("removed", "v2", "0055AED6DCD90281E5")


def test_test_events_and_other_event_types_yield_nothing() -> None:
    assert parse_notification(json.dumps({"Service": "Amazon S3", "Event": "s3:TestEvent"})) == []
    assert parse_notification(notification(s3_record("ObjectRestore:Completed", "a.txt"))) == []


@pytest.mark.parametrize(
    "body", ["not json", "[]", json.dumps({"Records": "x"}), notification({"eventName": "ObjectCreated:Put"})]
)
def test_malformed_messages_are_refused(body: str) -> None:
    with pytest.raises(MalformedNotification):
        parse_notification(body)


def test_sequencers_of_different_lengths_compare_as_numbers() -> None:
    shorter, longer = "FF", "0100"  # 255 < 256, although "FF" > "0100" as text
    assert ordering_token(shorter, datetime.now(UTC)) < ordering_token(longer, datetime.now(UTC))
    assert ordering_token("00ab", datetime.now(UTC)) == ordering_token("AB", datetime.now(UTC))


def test_time_tokens_compare_in_utc() -> None:
    earlier = datetime(2024, 7, 12, 10, 0, 0, tzinfo=timezone(timedelta(hours=2)))  # 08:00 UTC
    later = datetime(2024, 7, 12, 9, 0, 0, tzinfo=UTC)
    assert ordering_token(None, earlier) < ordering_token(None, later)


def test_article_id_is_stable_and_depends_on_bucket_and_key() -> None:
    assert article_id_for("b", "k.txt") == article_id_for("b", "k.txt")
    assert (
        len({article_id_for("b", "k.txt"), article_id_for("c", "k.txt"), article_id_for("b", "k2.txt")}) == 3
    )
    assert len(article_id_for("b", "k.txt")) == 20
