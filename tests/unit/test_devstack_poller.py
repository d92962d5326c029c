"""The local event source mapping: Lambda's SQS event shape, partial failures, redrive to the DLQ."""

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from devstack.poller import DeadLetterWatch, MessageOutcome, SqsEventSourceMapping, failed_message_ids

MAX_RECEIVE_COUNT = 2


@pytest.fixture
def queues(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, str, str]]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        sqs = boto3.client("sqs", region_name="us-east-1")
        dlq_url = sqs.create_queue(QueueName="dlq")["QueueUrl"]
        dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
        redrive = {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": MAX_RECEIVE_COUNT}
        # Visibility timeout 0: a failed message is visible again at once, so no test waits.
        queue_url = sqs.create_queue(
            QueueName="ingest", Attributes={"VisibilityTimeout": "0", "RedrivePolicy": json.dumps(redrive)}
        )["QueueUrl"]
        yield sqs, queue_url, dlq_url


class RecordingHandler:
    """Fails the messages whose body is in ``failing`` (or raises), and remembers every event."""

    def __init__(self, failing: frozenset[str] = frozenset(), raise_error: bool = False) -> None:
        self.failing = failing
        self.raise_error = raise_error
        self.events: list[dict[str, Any]] = []

    def __call__(self, event: dict[str, Any], context: object) -> dict[str, Any]:
        self.events.append(event)
        if self.raise_error:
            raise RuntimeError("boom")
        failures = [r["messageId"] for r in event["Records"] if r["body"] in self.failing]
        return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failures]}


def mapping(
    sqs: Any, queue_url: str, handler: RecordingHandler, outcomes: list[MessageOutcome]
) -> SqsEventSourceMapping:
    return SqsEventSourceMapping(
        sqs,
        queue_url,
        handler,
        context_factory=object,
        region="us-east-1",
        wait_seconds=0,
        on_outcome=outcomes.append,
    )


def queue_depth(sqs: Any, url: str) -> int:
    attributes = sqs.get_queue_attributes(
        QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(
        attributes["ApproximateNumberOfMessagesNotVisible"]
    )


def test_event_has_the_lambda_sqs_record_shape(queues: tuple[Any, str, str]) -> None:
    sqs, queue_url, _ = queues
    sqs.send_message(
        QueueUrl=queue_url,
        MessageBody="hello",
        MessageAttributes={
            "origin": {"DataType": "String", "StringValue": "test"},
            "blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01"},
        },
    )
    handler = RecordingHandler()
    assert mapping(sqs, queue_url, handler, []).poll_once() == 1

    (record,) = handler.events[0]["Records"]
    assert record["body"] == "hello"
    assert record["eventSource"] == "aws:sqs"
    assert record["eventSourceARN"].endswith(":ingest")
    assert record["awsRegion"] == "us-east-1"
    assert record["attributes"]["ApproximateReceiveCount"] == "1"
    assert record["messageAttributes"]["origin"]["stringValue"] == "test"
    assert record["messageAttributes"]["origin"]["dataType"] == "String"
    assert record["messageAttributes"]["blob"]["binaryValue"] == "AAE="
    assert {"messageId", "receiptHandle", "md5OfBody"} <= record.keys()


def test_succeeded_messages_are_deleted_and_failed_ones_redelivered(queues: tuple[Any, str, str]) -> None:
    sqs, queue_url, _ = queues
    for body in ("good", "bad"):
        sqs.send_message(QueueUrl=queue_url, MessageBody=body)
    outcomes: list[MessageOutcome] = []
    poller = mapping(sqs, queue_url, RecordingHandler(failing=frozenset({"bad"})), outcomes)

    poller.poll_once()
    assert {(o.message["body"], o.succeeded) for o in outcomes} == {("good", True), ("bad", False)}
    assert queue_depth(sqs, queue_url) == 1

    outcomes.clear()
    poller.poll_once()
    assert [(o.message["body"], o.succeeded, o.receive_count) for o in outcomes] == [("bad", False, 2)]


def test_a_poison_message_ends_in_the_dlq_and_is_reported_once(queues: tuple[Any, str, str]) -> None:
    sqs, queue_url, dlq_url = queues
    sqs.send_message(QueueUrl=queue_url, MessageBody="poison")
    poller = mapping(sqs, queue_url, RecordingHandler(failing=frozenset({"poison"})), [])
    for _ in range(MAX_RECEIVE_COUNT):
        assert poller.poll_once() == 1
    assert poller.poll_once() == 0  # moto moved it to the DLQ instead of delivering it again

    dead: list[dict[str, Any]] = []
    watch = DeadLetterWatch(sqs, dlq_url, dead.append)
    assert watch.check() == 1
    assert watch.check() == 1
    assert [message["Body"] for message in dead] == ["poison"]
    assert queue_depth(sqs, dlq_url) == 1  # peeked, not consumed


def test_a_raising_handler_fails_the_whole_batch(queues: tuple[Any, str, str]) -> None:
    sqs, queue_url, _ = queues
    for body in ("one", "two"):
        sqs.send_message(QueueUrl=queue_url, MessageBody=body)
    outcomes: list[MessageOutcome] = []
    mapping(sqs, queue_url, RecordingHandler(raise_error=True), outcomes).poll_once()
    assert outcomes and not any(o.succeeded for o in outcomes)
    assert queue_depth(sqs, queue_url) == 2


@pytest.mark.parametrize(
    ("response", "failed"),
    [
        (None, set()),
        ({}, set()),
        ({"batchItemFailures": []}, set()),
        ({"batchItemFailures": [{"itemIdentifier": "a"}]}, {"a"}),
        ({"batchItemFailures": [{"itemIdentifier": "unknown"}]}, {"a", "b"}),
        ({"batchItemFailures": [{"itemIdentifier": ""}]}, {"a", "b"}),
        ({"batchItemFailures": "a"}, {"a", "b"}),
        ("not a dict", {"a", "b"}),
    ],
)
def test_failed_ids_follow_lambda_rules(response: Any, failed: set[str]) -> None:
    assert failed_message_ids(response, [{"messageId": "a"}, {"messageId": "b"}]) == failed


def test_stop_ends_the_polling_thread(queues: tuple[Any, str, str]) -> None:
    sqs, queue_url, _ = queues
    poller = mapping(sqs, queue_url, RecordingHandler(), [])
    poller.start()
    poller.stop(timeout=10)
    assert not poller.running
