"""S3 upload -> moto's real S3 notification on SQS -> the real ingest handler -> DynamoDB."""

from __future__ import annotations

import json
from typing import Any

import pytest

from articles.store import ArticleStore
from tests.aws_harness import Service, article_id, s3_notification_record
from tests.faults import Fault, break_store, error
from tests.paths import REFERENCE_SAMPLE

KEY = "beérkező cikkek/NATO és Japán 2024.txt"  # spaces and accents: S3 URL-encodes them


def store_of(service: Service) -> ArticleStore:
    return service.ingest.ingestor.store


def article_of(service: Service, key: str = KEY) -> dict[str, Any] | None:
    status, body = service.get(f"/articles/{article_id(service.resources.bucket, key)}")
    return body if status == 200 else None


def test_reference_article_is_stored_once_with_its_index(service: Service) -> None:
    service.upload(KEY, REFERENCE_SAMPLE.read_bytes())
    messages = service.receive()
    events = [json.loads(message["Body"]) for message in messages]
    assert any(event.get("Event") == "s3:TestEvent" for event in events)  # moto sends one first: ignored

    assert service.deliver(messages) == {"batchItemFailures": []}

    stored = article_of(service)
    assert stored is not None
    assert stored["source"]["key"] == KEY
    assert stored["article"]["status"] == "processed"
    assert stored["article"]["language"]["code"] == "hu"
    assert stored["article"]["published"]["value"] == "2024-07"
    assert stored["sort_date"] == "2024-07"
    names = {(entity["name"], entity["type"]) for entity in stored["article"]["entities"]}
    assert ("Ukrajna", "LOC") in names
    partitions = {item["gsi1pk"] for item in store_of(service).index_items(stored["article"]["id"])}
    assert {"MONTH#2024-07", "ENT#LOC#ukrajna"} <= partitions
    sharded = {
        partition.rsplit("#", 1)[0] for partition in partitions if partition.startswith(("STATUS#", "LANG#"))
    }
    assert sharded == {"STATUS#processed", "LANG#hu"}  # one shard each


def test_new_version_replaces_the_record_and_its_index_items(service: Service) -> None:
    service.upload(KEY, REFERENCE_SAMPLE.read_bytes())
    service.drain()
    first = article_of(service)
    assert first is not None

    service.upload(
        KEY,
        "date 2023-05-02\nA Magyar Nemzeti Bank Budapesten tartott sajtótájekoztatót a forintról.".encode(),
    )
    assert service.drain() == {"batchItemFailures": []}

    second = article_of(service)
    assert second is not None
    assert second["source"]["version_id"] != first["source"]["version_id"]
    assert second["article"]["content_sha256"] != first["article"]["content_sha256"]
    items = store_of(service).index_items(second["article"]["id"])
    assert not any("ukrajna" in item["gsi1pk"] or "2024-07" in item["gsi1pk"] for item in items)
    assert {item["gsi1sk"].split("#")[0] for item in items} == {second["sort_date"]}
    status, listed = service.get("/entities/Ukrajna/articles")
    assert status == 200 and listed["items"] == []


def test_duplicate_delivery_is_harmless(service: Service) -> None:
    service.upload(KEY, REFERENCE_SAMPLE.read_bytes())
    messages = service.receive()
    service.deliver(messages)
    before = store_of(service).index_items(article_id(service.resources.bucket, KEY))

    assert service.deliver(messages) == {"batchItemFailures": []}  # the same messages again

    assert sorted(
        map(str, store_of(service).index_items(article_id(service.resources.bucket, KEY)))
    ) == sorted(map(str, before))
    status, page = service.get("/articles", {"language": "hu"})
    assert status == 200 and len(page["items"]) == 1


def test_older_event_after_newer_keeps_the_newer_version(service: Service) -> None:
    """Real AWS events carry versionId and sequencer: the older version must not win."""
    bucket = service.resources.bucket
    old_version = service.upload(KEY, "date 2020-01-01\nA Magyar Nemzeti Bank Budapesten ülésezett.".encode())
    new_version = service.upload(KEY, REFERENCE_SAMPLE.read_bytes())
    service.receive()  # moto's own (sequencer-less) events are not used here
    assert old_version and new_version
    service.send_notification(
        [
            s3_notification_record(
                "ObjectCreated:Put", bucket, KEY, sequencer="0062E99A88DC407461", version_id=new_version
            )
        ]
    )
    service.send_notification(
        [
            s3_notification_record(
                "ObjectCreated:Put", bucket, KEY, sequencer="0062E99A88DC407460", version_id=old_version
            )
        ]
    )

    assert service.drain() == {"batchItemFailures": []}

    stored = article_of(service)
    assert stored is not None and stored["source"]["version_id"] == new_version
    assert stored["article"]["published"]["value"] == "2024-07"
    assert not any(
        "2020" in item["gsi1sk"] for item in store_of(service).index_items(stored["article"]["id"])
    )


def test_moto_events_out_of_order_converge_on_the_latest_object(service: Service) -> None:
    """Without sequencer or versionId (moto), processing an old event reads the latest object."""
    service.upload(KEY, "date 2020-01-01\nA Magyar Nemzeti Bank Budapesten ülésezett.".encode())
    older = service.receive()
    service.upload(KEY, REFERENCE_SAMPLE.read_bytes())
    newer = service.receive()

    service.deliver(newer)
    service.deliver(older)

    stored = article_of(service)
    assert stored is not None and stored["article"]["published"]["value"] == "2024-07"


def test_delete_marker_removes_the_article_and_a_late_create_does_not_resurrect_it(service: Service) -> None:
    bucket = service.resources.bucket
    version = service.upload(KEY, REFERENCE_SAMPLE.read_bytes())
    service.receive()
    create = s3_notification_record("ObjectCreated:Put", bucket, KEY, sequencer="00A1", version_id=version)
    service.send_notification([create])
    service.drain()
    assert article_of(service) is not None
    service.s3.delete_object(Bucket=bucket, Key=KEY)  # versioned: a delete marker, no moto event
    service.send_notification(
        [s3_notification_record("ObjectRemoved:DeleteMarkerCreated", bucket, KEY, sequencer="00A2")]
    )

    assert service.drain() == {"batchItemFailures": []}
    assert article_of(service) is None
    assert store_of(service).index_items(article_id(bucket, KEY)) == []

    service.send_notification([create])  # redelivered after the delete: the old version still exists
    assert service.drain() == {"batchItemFailures": []}
    assert article_of(service) is None
    assert store_of(service).index_items(article_id(bucket, KEY)) == []


def test_rejected_input_is_stored_with_its_reason_and_not_retried(service: Service) -> None:
    service.upload("inbox/empty.txt", b"")
    assert service.drain() == {"batchItemFailures": []}

    status, page = service.get("/articles", {"status": "rejected"})
    assert status == 200
    [rejected] = page["items"]
    assert rejected["source"]["key"] == "inbox/empty.txt"
    assert rejected["article"]["status"] == "rejected"
    assert rejected["article"]["rejection"]["code"] == "empty"
    status, processed = service.get("/articles")
    assert status == 200 and processed["items"] == []


def test_object_gone_before_processing_is_skipped_not_retried(service: Service) -> None:
    service.upload(KEY, REFERENCE_SAMPLE.read_bytes())
    messages = service.receive()
    for version in service.s3.list_object_versions(Bucket=service.resources.bucket)["Versions"]:
        service.s3.delete_object(
            Bucket=service.resources.bucket, Key=version["Key"], VersionId=version["VersionId"]
        )

    assert service.deliver(messages) == {"batchItemFailures": []}
    assert article_of(service) is None


def test_throttled_write_fails_only_its_record_and_succeeds_on_retry(service: Service) -> None:
    throttling = break_store(service, Fault("put_item", error("ProvisionedThroughputExceededException")))
    service.upload(KEY, REFERENCE_SAMPLE.read_bytes())
    service.upload("other.txt", REFERENCE_SAMPLE.read_bytes())
    messages = [m for m in service.receive() if "Records" in json.loads(m["Body"])]
    assert len(messages) == 2

    first = service.deliver(messages)

    assert throttling.fired == 1
    assert first == {"batchItemFailures": [{"itemIdentifier": messages[0]["MessageId"]}]}
    assert article_of(service, "other.txt") is not None
    assert article_of(service) is None
    assert service.deliver([messages[0]]) == {"batchItemFailures": []}  # SQS redelivers it
    assert article_of(service) is not None


def test_one_bad_message_fails_alone(service: Service) -> None:
    service.upload(KEY, REFERENCE_SAMPLE.read_bytes())
    service.sqs.send_message(QueueUrl=service.resources.queue_url, MessageBody="not an S3 notification")
    messages = service.receive()
    poison = next(m for m in messages if m["Body"] == "not an S3 notification")

    response = service.deliver(messages)

    assert response == {"batchItemFailures": [{"itemIdentifier": poison["MessageId"]}]}
    assert article_of(service) is not None


class TestUnversionedBucket:
    """moto sends ObjectRemoved only for unversioned buckets: the real notification path for deletes."""

    @pytest.fixture
    def bucket_versioning(self) -> bool:
        return False

    def test_delete_removes_the_record_and_every_index_item(self, service: Service) -> None:
        service.upload(KEY, REFERENCE_SAMPLE.read_bytes())
        service.drain()
        assert article_of(service) is not None

        service.s3.delete_object(Bucket=service.resources.bucket, Key=KEY)
        assert service.drain() == {"batchItemFailures": []}

        assert article_of(service) is None
        assert store_of(service).index_items(article_id(service.resources.bucket, KEY)) == []
        for query in ({"language": "hu"}, {"entity": "Ukrajna"}, {"month": "2024-07"}, {}):
            status, page = service.get("/articles", query)
            assert status == 200 and page["items"] == [], query

    def test_delete_of_a_key_uploaded_again_is_skipped(self, service: Service) -> None:
        service.upload(KEY, REFERENCE_SAMPLE.read_bytes())
        service.drain()
        service.s3.delete_object(Bucket=service.resources.bucket, Key=KEY)
        service.upload(KEY, REFERENCE_SAMPLE.read_bytes())
        messages = service.receive()

        service.deliver(messages[1:] + messages[:1])  # the delete's notification after the re-upload's
        service.deliver(messages)

        assert article_of(service) is not None
