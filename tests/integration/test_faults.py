"""Fault injection: after every fault and the redelivery SQS would make, the ingestion invariant holds.

One mechanism injects every fault: tests/faults.py's failing-client wrapper around the real moto
client, whose chosen calls fail as they would once botocore's own retries have given up. A fault
can also stop the invocation outright (``InvocationTimedOut``, a ``BaseException`` that no batch
processor catches), which is how a Lambda timeout or crash mid-batch looks: no response, and SQS
redelivers the whole batch.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any
from urllib.parse import unquote_plus

import boto3
import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError

import articles.store
from devstack.invariant import check_invariant, dead_lettered_keys
from devstack.resources import QUEUE_ID, load_template
from tests.aws_harness import REGION, Service, article_id, s3_notification_record
from tests.faults import (
    CONNECT_TIMEOUT,
    FOREVER,
    READ_TIMEOUT,
    Action,
    Fault,
    FaultyClient,
    InvocationTimedOut,
    applied_then,
    break_objects,
    break_store,
    error,
    raising,
    timed_out,
    write_first,
)
from tests.paths import REFERENCE_SAMPLE

KEY = "beérkező/NATO és Japán.txt"
OTHER_KEY = "beérkező/jegybank.txt"
REFERENCE = REFERENCE_SAMPLE.read_bytes()  # 20 index items, month 2024-07
SHORT = "date 2023-05-02\nA Magyar Nemzeti Bank Budapesten tartott sajtótájékoztatót a forintról.".encode()
CITIES = [
    "Budapest", "Debrecen", "Szeged", "Pécs", "Győr", "Miskolc", "Eger", "Sopron", "Kecskemét", "Nyíregyháza",
    "Szombathely", "Veszprém", "Zalaegerszeg", "Kaposvár", "Tatabánya", "Szolnok", "Békéscsaba", "Szekszárd",
    "Salgótarján", "Esztergom", "Vác", "Gödöllő", "Baja", "Hatvan", "Cegléd", "Jászberény", "Makó", "Pápa",
]  # fmt: skip
MANY_PLACES = (
    "date 2024-08-01\n"
    + " ".join(
        f"A kormány {city} városában is tárgyalt a polgármesterrel a fejlesztésekről." for city in CITIES
    )
).encode()
"""28 places: 31 index items, more than one BatchWriteItem (25), none shared with REFERENCE's."""

DYNAMODB_WRITE_ERRORS = [
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "InternalServerError",
    "ServiceUnavailable",
]


# --- helpers ----------------------------------------------------------------------------------------


def article_pk(service: Service, key: str) -> str:
    return f"ART#{article_id(service.resources.bucket, key)}"


def invariant(service: Service, **options: Any) -> list[str]:
    return check_invariant(
        service.s3,
        boto3.client("dynamodb", region_name=REGION),
        service.resources.bucket,
        service.resources.table_name,
        **options,
    )


def about(key: str, violations: list[str]) -> list[str]:
    return [violation for violation in violations if repr(key) in violation]


def key_of(message: dict[str, Any]) -> str | None:
    records = json.loads(message["Body"]).get("Records") or [{}]
    raw = records[0].get("s3", {}).get("object", {}).get("key")
    return unquote_plus(raw) if raw else None


def notifications(service: Service) -> list[dict[str, Any]]:
    """The waiting object notifications (moto's s3:TestEvent left out)."""
    return [message for message in service.receive() if key_of(message)]


def message_for(messages: list[dict[str, Any]], key: str) -> dict[str, Any]:
    [message] = [message for message in messages if key_of(message) == key]
    return message


def failed(response: dict[str, Any], messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The messages SQS would redeliver after this response."""
    failed_ids = {failure["itemIdentifier"] for failure in response["batchItemFailures"]}
    return [message for message in messages if message["MessageId"] in failed_ids]


def attempt(service: Service, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Deliver a batch; the messages SQS would redeliver. When every record fails, powertools
    raises instead of reporting them (the invocation errors): SQS then redelivers the batch."""
    try:
        return failed(service.deliver(messages), messages)
    except BatchProcessingError:
        return messages


OK = {"batchItemFailures": []}


# --- DynamoDB: throttling and 5xx on every write the store makes --------------------------------------------


@pytest.mark.parametrize("code", DYNAMODB_WRITE_ERRORS)
@pytest.mark.parametrize("operation", ["put_item", "batch_write_item", "delete_item"])
def test_write_error_while_replacing_an_article_fails_only_its_record(
    service: Service, operation: str, code: str
) -> None:
    """put_item: the article item; batch_write_item: its index items; delete_item: the old version's."""
    service.upload(KEY, MANY_PLACES)
    service.drain()
    service.upload(KEY, REFERENCE)
    service.upload(OTHER_KEY, SHORT)
    messages = notifications(service)
    faulty = break_store(service, Fault(operation, error(code), matching=article_pk(service, KEY)))

    response = service.deliver(messages)

    assert faulty.fired == 1
    assert failed(response, messages) == [message_for(messages, KEY)]
    assert about(KEY, invariant(service))  # visibly half applied until SQS redelivers
    assert about(OTHER_KEY, invariant(service)) == []
    assert service.deliver(failed(response, messages)) == OK
    assert invariant(service) == []


def test_index_items_left_unprocessed_once_are_retried_within_the_call(service: Service) -> None:
    service.upload(KEY, MANY_PLACES)
    messages = notifications(service)
    faulty = break_store(service, Fault("batch_write_item", write_first(10)))

    assert service.deliver(messages) == OK

    assert faulty.fired == 1
    assert invariant(service) == []


def test_index_items_left_unprocessed_fail_the_record_until_redelivered(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(articles.store, "time", SimpleNamespace(time=time.time, sleep=lambda _: None))
    service.upload(KEY, REFERENCE)
    service.upload(OTHER_KEY, SHORT)
    messages = notifications(service)
    matching = article_pk(service, KEY)
    faulty = break_store(service, Fault("batch_write_item", write_first(0), calls=FOREVER, matching=matching))

    response = service.deliver(messages)

    assert faulty.fired == 5  # the store's own retries, then TransientStoreError
    assert failed(response, messages) == [message_for(messages, KEY)]
    assert about(KEY, invariant(service))
    faulty.heal()
    assert service.deliver(failed(response, messages)) == OK
    assert invariant(service) == []


# --- S3 -------------------------------------------------------------------------------------------


def test_access_denied_is_retried_until_fixed(service: Service) -> None:
    service.upload(KEY, REFERENCE)
    service.upload(OTHER_KEY, SHORT)
    messages = notifications(service)
    faulty = break_objects(
        service, Fault("get_object", error("AccessDenied"), calls=FOREVER, matching="NATO")
    )

    response = service.deliver(messages)
    assert failed(response, messages) == [message_for(messages, KEY)]
    assert about(KEY, invariant(service)) == [f"{KEY!r}: live object has no record"]
    retried = failed(response, messages)
    assert attempt(service, retried) == retried  # still denied: fails again
    assert faulty.fired == 2

    faulty.heal()  # e.g. the bucket policy or KMS key grant is fixed
    assert service.deliver(retried) == OK
    assert invariant(service) == []


# --- a timeout mid-batch -----------------------------------------------------------------------------------

FIVE_KEYS = [f"burst/{number}.txt" for number in range(1, 6)]


@pytest.mark.parametrize(
    ("breaker", "operation", "action"),
    [
        (break_objects, "get_object", raising(READ_TIMEOUT)),
        (break_objects, "get_object", raising(CONNECT_TIMEOUT)),
        (break_store, "put_item", raising(CONNECT_TIMEOUT)),
        (break_store, "put_item", applied_then(READ_TIMEOUT)),
        (break_store, "batch_write_item", applied_then(READ_TIMEOUT)),
        (break_store, "get_item", raising(READ_TIMEOUT)),
    ],
    ids=[
        "s3-read",
        "s3-connect",
        "dynamodb-put-connect",
        "dynamodb-put-applied-response-lost",
        "dynamodb-index-applied-response-lost",
        "dynamodb-read-before-cleanup",
    ],
)
def test_timeout_on_the_third_of_five_records_fails_only_that_record(
    service: Service, breaker: Callable[..., FaultyClient], operation: str, action: Action
) -> None:
    for key in FIVE_KEYS:
        service.upload(key, SHORT)
    messages = notifications(service)
    third = FIVE_KEYS[2]
    matching = third if breaker is break_objects else article_pk(service, third)
    breaker(service, Fault(operation, action, matching=matching))

    response = service.deliver(messages)

    assert failed(response, messages) == [message_for(messages, third)]
    assert service.deliver(failed(response, messages)) == OK
    assert invariant(service) == []


def test_lambda_timeout_mid_batch_then_the_whole_batch_is_redelivered(service: Service) -> None:
    for key in FIVE_KEYS:
        service.upload(key, SHORT)
    messages = notifications(service)
    break_objects(service, Fault("get_object", timed_out(), matching=FIVE_KEYS[2]))

    with pytest.raises(InvocationTimedOut):
        service.deliver(messages)

    violations = invariant(service)
    assert [key for key in FIVE_KEYS if about(key, violations)] == FIVE_KEYS[2:]
    assert service.deliver(messages) == OK  # no response: SQS redelivers all five
    assert invariant(service) == []


# --- a retry of a half-written batch -------------------------------------------------------------------------

# How the store replaces REFERENCE (20 index items) by MANY_PLACES (31, in two BatchWriteItem calls):
# put_item(article) -> batch_write_item x2 -> get_item (current version) -> delete_item x20 (old items).
STEP_BOUNDARIES = [
    pytest.param("put_item", 1, id="before-the-article-item"),
    pytest.param("batch_write_item", 1, id="article-item-written-no-index"),
    pytest.param("batch_write_item", 2, id="between-index-writes"),
    pytest.param("get_item", 1, id="index-written-nothing-cleaned"),
    pytest.param("delete_item", 11, id="half-cleaned"),
]


@pytest.mark.parametrize(("operation", "call"), STEP_BOUNDARIES)
def test_crash_at_each_write_step_then_the_whole_batch_is_redelivered(
    service: Service, operation: str, call: int
) -> None:
    service.upload(KEY, REFERENCE)
    service.drain()
    service.upload(OTHER_KEY, SHORT)
    service.upload(KEY, MANY_PLACES)
    service.upload("beérkező/harmadik.txt", SHORT)
    messages = notifications(service)
    assert key_of(messages[1]) == KEY  # the crash happens after one record was fully written
    matching = article_pk(service, KEY)
    faulty = break_store(
        service, Fault(operation, timed_out(), calls=range(call, call + 1), matching=matching)
    )

    with pytest.raises(InvocationTimedOut):
        service.deliver(messages)

    assert faulty.fired == 1
    assert about(KEY, invariant(service))  # half written
    assert service.deliver(messages) == OK
    assert invariant(service) == []


def test_crash_mid_write_then_a_newer_version_then_the_old_batch_is_redelivered(service: Service) -> None:
    """With AWS's sequencers the redelivered older event is stale: the newer writer must have cleaned up."""
    bucket = service.resources.bucket
    versions = [service.upload(KEY, body) for body in (SHORT, MANY_PLACES, REFERENCE)]
    service.receive()  # moto's own events carry no sequencer: AWS-shaped ones are sent instead

    def deliver_version(number: int) -> dict[str, Any]:
        record = s3_notification_record(
            "ObjectCreated:Put", bucket, KEY, sequencer=f"00A{number}", version_id=versions[number]
        )
        service.send_notification([record])
        return service.deliver(service.receive())

    assert deliver_version(0) == OK
    faulty = break_store(service, Fault("get_item", timed_out()))
    with pytest.raises(InvocationTimedOut):  # version 1 written with its index, old items not cleaned
        deliver_version(1)
    assert faulty.fired == 1
    assert deliver_version(2) == OK
    assert invariant(service) == []

    redelivered = s3_notification_record(
        "ObjectCreated:Put", bucket, KEY, sequencer="00A1", version_id=versions[1]
    )
    service.send_notification([redelivered])
    assert service.drain() == OK
    assert invariant(service) == []


# --- a poison message ---------------------------------------------------------------------------------


def run_event_source_mapping(service: Service, *, max_polls: int = 50) -> list[tuple[list[str], set[str]]]:
    """Poll the queue like Lambda's SQS event source mapping until it is empty.

    Receives with VisibilityTimeout=0 so a failed message is visible again at once (instead of
    after the queue's timeout), deletes the messages the handler did not report as failed, and
    treats an invocation that raised (every record failed) as failing the whole batch.
    Returns each batch as (message ids, failed ids).
    """
    queue = service.resources.queue_url
    batches = []
    for _ in range(max_polls):
        messages = service.sqs.receive_message(
            QueueUrl=queue, MaxNumberOfMessages=10, VisibilityTimeout=0, AttributeNames=["All"]
        ).get("Messages", [])
        if not messages:
            return batches
        failed_ids = {message["MessageId"] for message in attempt(service, messages)}
        done = [message for message in messages if message["MessageId"] not in failed_ids]
        if done:
            service.sqs.delete_message_batch(
                QueueUrl=queue,
                Entries=[
                    {"Id": str(number), "ReceiptHandle": message["ReceiptHandle"]}
                    for number, message in enumerate(done)
                ],
            )
        batches.append(([message["MessageId"] for message in messages], failed_ids))
    raise AssertionError(f"the queue did not drain in {max_polls} polls")


def max_receive_count() -> int:
    return int(load_template()["Resources"][QUEUE_ID]["Properties"]["RedrivePolicy"]["maxReceiveCount"])


@pytest.mark.parametrize("poison", ["not-a-notification", "unreadable-object"])
def test_poison_message_ends_in_the_dlq_and_its_batch_mates_are_processed(
    service: Service, poison: str
) -> None:
    good_keys = [f"jó/{number}.txt" for number in range(3)]
    for key in good_keys[:2]:
        service.upload(key, SHORT)
    if poison == "not-a-notification":
        service.sqs.send_message(QueueUrl=service.resources.queue_url, MessageBody="not an S3 notification")
        poison_keys: set[str] = set()
    else:
        break_objects(service, Fault("get_object", error("AccessDenied"), calls=FOREVER, matching="méreg"))
        service.upload("méreg.txt", REFERENCE)
        poison_keys = {"méreg.txt"}
    service.upload(good_keys[2], REFERENCE)

    batches = run_event_source_mapping(service)

    dead = service.sqs.receive_message(
        QueueUrl=service.resources.dlq_url, MaxNumberOfMessages=10, VisibilityTimeout=0
    ).get("Messages", [])
    [poison_message] = dead
    poison_id = poison_message["MessageId"]
    # Received maxReceiveCount times, failing alone each time: its batch mates all succeeded.
    assert [failed_ids for ids, failed_ids in batches if poison_id in ids] == [
        {poison_id}
    ] * max_receive_count()
    assert [failed_ids for ids, failed_ids in batches if poison_id not in ids and failed_ids] == []
    attributes = service.sqs.get_queue_attributes(
        QueueUrl=service.resources.queue_url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    assert attributes == {"ApproximateNumberOfMessages": "0", "ApproximateNumberOfMessagesNotVisible": "0"}

    dead_keys = dead_lettered_keys(service.sqs, service.resources.dlq_url, service.resources.bucket)
    assert dead_keys == poison_keys
    assert [v for v in invariant(service) if not any(repr(key) in v for key in poison_keys)] == []
    assert invariant(service, dead_lettered=dead_keys) == []


# --- deletes (moto sends ObjectRemoved notifications only for unversioned buckets) -------------------------------


class TestDeletes:
    @pytest.fixture
    def bucket_versioning(self) -> bool:
        return False

    @pytest.mark.parametrize("code", DYNAMODB_WRITE_ERRORS)
    @pytest.mark.parametrize("operation", ["put_item", "delete_item"])
    def test_write_error_while_deleting_fails_the_record_until_redelivered(
        self, service: Service, operation: str, code: str
    ) -> None:
        """put_item: the tombstone; delete_item: the deleted article's index items."""
        service.upload(KEY, REFERENCE)
        service.drain()
        service.s3.delete_object(Bucket=service.resources.bucket, Key=KEY)
        messages = notifications(service)
        faulty = break_store(service, Fault(operation, error(code)))

        assert attempt(service, messages) == messages

        assert faulty.fired == 1
        assert about(KEY, invariant(service))
        assert service.deliver(messages) == OK
        assert invariant(service) == []

    def test_crash_between_tombstone_and_index_cleanup_then_redelivered(self, service: Service) -> None:
        service.upload(KEY, REFERENCE)
        service.drain()
        service.s3.delete_object(Bucket=service.resources.bucket, Key=KEY)
        messages = notifications(service)
        break_store(service, Fault("get_item", timed_out()))

        with pytest.raises(InvocationTimedOut):
            service.deliver(messages)

        assert about(KEY, invariant(service))  # a tombstone still indexed
        assert service.deliver(messages) == OK
        assert invariant(service) == []

    def test_object_deleted_before_processing_is_skipped_and_not_retried(self, service: Service) -> None:
        service.upload(KEY, MANY_PLACES)
        service.drain()
        service.upload(KEY, REFERENCE)
        service.upload(OTHER_KEY, SHORT)
        service.s3.delete_object(Bucket=service.resources.bucket, Key=KEY)
        create, other, delete = notifications(service)
        spy = break_objects(service, Fault("get_object", lambda real, kwargs: real(**kwargs), calls=FOREVER))

        assert service.deliver([create, other]) == OK  # GetObject: NoSuchKey, nothing to retry

        assert spy.fired == 2  # one read each, no retry of the gone object
        assert about(KEY, invariant(service)) == [
            f"{KEY!r} ({article_pk(service, KEY)}): record of a deleted object"
        ]  # the old version's record, until the delete's own event arrives
        assert service.deliver([delete]) == OK
        assert invariant(service) == []

    def test_access_denied_on_the_existence_check_is_retried(self, service: Service) -> None:
        service.upload(KEY, REFERENCE)
        service.drain()
        service.s3.delete_object(Bucket=service.resources.bucket, Key=KEY)
        messages = notifications(service)
        faulty = break_objects(service, Fault("head_object", error("403")))  # HEAD errors carry no code

        assert attempt(service, messages) == messages
        assert faulty.fired == 1
        assert service.deliver(messages) == OK
        assert invariant(service) == []


# --- the checker itself --------------------------------------------------------------------------------


def test_invariant_reports_each_kind_of_violation(service: Service) -> None:
    service.upload(KEY, REFERENCE)
    service.upload(OTHER_KEY, SHORT)
    service.drain()
    dynamodb = boto3.resource("dynamodb", region_name=REGION)
    assert invariant(service) == []
    assert check_invariant(service.s3, dynamodb, service.resources.bucket, service.resources.table_name) == []

    table = dynamodb.Table(service.resources.table_name)
    pk = article_pk(service, KEY)
    [month_item] = [
        item
        for item in table.query(KeyConditionExpression="pk = :pk", ExpressionAttributeValues={":pk": pk})[
            "Items"
        ]
        if item.get("gsi1pk") == "MONTH#2024-07"
    ]
    table.put_item(
        Item={**month_item, "sk": "IDX#MONTH#2024-07#2024-07-31", "gsi1sk": f"2024-07-31#{pk[4:]}"}
    )
    table.put_item(Item={**month_item, "pk": "ART#00000000000000000000"})
    for version in service.s3.list_object_versions(Bucket=service.resources.bucket, Prefix=OTHER_KEY)[
        "Versions"
    ]:
        service.s3.delete_object(
            Bucket=service.resources.bucket, Key=OTHER_KEY, VersionId=version["VersionId"]
        )
    service.upload("új.txt", SHORT)  # its notification is never processed

    violations = invariant(service)

    where = f"{KEY!r} ({pk})"
    assert sorted(violations) == sorted(
        [
            f"{where}: stale index item IDX#MONTH#2024-07#2024-07-31",
            f"{where}: listed 2 times in MONTH#2024-07",
            "ART#00000000000000000000: orphan index item IDX#MONTH#2024-07#2024-07 (no article item)",
            f"{OTHER_KEY!r} ({article_pk(service, OTHER_KEY)}): record of a deleted object",
            "'új.txt': live object has no record",
        ]
    )


# --- versions deleted one by one (versioned bucket, AWS-shaped events: moto sends none for these) ---------------


def test_deleting_the_current_version_brings_back_the_previous_one(service: Service) -> None:
    bucket = service.resources.bucket
    first = service.upload(KEY, SHORT)
    second = service.upload(KEY, REFERENCE)
    service.receive()
    service.send_notification(
        [s3_notification_record("ObjectCreated:Put", bucket, KEY, sequencer="00A1", version_id=second)]
    )
    assert service.drain() == OK
    service.s3.delete_object(Bucket=bucket, Key=KEY, VersionId=second)  # the first is current again
    service.send_notification(
        [s3_notification_record("ObjectRemoved:Delete", bucket, KEY, sequencer="00A2", version_id=second)]
    )

    assert service.drain() == OK

    stored = service.ingest.ingestor.store.get_article(article_id(bucket, KEY))
    assert stored is not None and stored.version_id == first
    assert invariant(service) == []


def test_removing_a_delete_marker_brings_the_object_back(service: Service) -> None:
    bucket = service.resources.bucket
    version = service.upload(KEY, REFERENCE)
    service.receive()
    service.send_notification(
        [s3_notification_record("ObjectCreated:Put", bucket, KEY, sequencer="00A1", version_id=version)]
    )
    marker = service.s3.delete_object(Bucket=bucket, Key=KEY)["VersionId"]
    service.send_notification(
        [s3_notification_record("ObjectRemoved:DeleteMarkerCreated", bucket, KEY, sequencer="00A2")]
    )
    assert service.drain() == OK
    assert invariant(service) == []
    service.s3.delete_object(Bucket=bucket, Key=KEY, VersionId=marker)  # "undelete"
    service.send_notification(
        [s3_notification_record("ObjectRemoved:Delete", bucket, KEY, sequencer="00A3", version_id=marker)]
    )

    assert service.drain() == OK

    assert invariant(service) == []
