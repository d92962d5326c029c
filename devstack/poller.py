"""Emulates Lambda's SQS event source mapping: poll the queue, invoke the handler, delete what succeeded.

Only the semantics the ingest function relies on are reproduced: batches of up to 10 messages in
the Lambda SQS event shape, ``ReportBatchItemFailures`` (failed messages stay in the queue and come
back after the visibility timeout; the queue's redrive policy moves them to the DLQ after
``maxReceiveCount`` receives, which moto applies itself), and a whole-batch failure when the handler
raises. Unlike AWS, there is one poller and one function instance, so batches run one at a time.
"""

from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)

MAX_BATCH_SIZE = 10  # SQS's ReceiveMessage limit, also the event source mapping's default batch size

Handler = Callable[[dict[str, Any], Any], Any]


@dataclass(frozen=True)
class MessageOutcome:
    """What happened to one message in one invocation: reported to the observer."""

    message: dict[str, Any]  # the record as the handler saw it (Lambda SQS event shape)
    succeeded: bool
    receive_count: int


def lambda_sqs_record(message: dict[str, Any], *, queue_arn: str, region: str) -> dict[str, Any]:
    """Convert one ReceiveMessage entry to the record shape Lambda passes to the function."""
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": dict(message.get("Attributes", {})),
        "messageAttributes": {
            name: _lambda_message_attribute(value)
            for name, value in message.get("MessageAttributes", {}).items()
        },
        "md5OfBody": message["MD5OfBody"],
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": region,
    }


def _lambda_message_attribute(value: dict[str, Any]) -> dict[str, Any]:
    # Lambda spells the attribute fields in camelCase and base64-encodes binary values.
    binary = value.get("BinaryValue")
    return {
        "stringValue": value.get("StringValue"),
        "binaryValue": base64.b64encode(binary).decode("ascii") if binary is not None else None,
        "stringListValues": list(value.get("StringListValues", [])),
        "binaryListValues": [
            base64.b64encode(item).decode("ascii") for item in value.get("BinaryListValues", [])
        ],
        "dataType": value["DataType"],
    }


def failed_message_ids(response: Any, batch: Iterable[dict[str, Any]]) -> set[str]:
    """The ids the function reported as failed; a malformed response fails the whole batch, as on AWS."""
    all_ids = {record["messageId"] for record in batch}
    if response is None:
        return set()
    if not isinstance(response, dict):
        return all_ids
    failures = response.get("batchItemFailures", [])
    if not isinstance(failures, list):
        return all_ids
    failed: set[str] = set()
    for failure in failures:
        identifier = failure.get("itemIdentifier") if isinstance(failure, dict) else None
        if not isinstance(identifier, str) or identifier not in all_ids:
            return all_ids  # Lambda treats an unknown or empty identifier as a failure of the batch
        failed.add(identifier)
    return failed


class SqsEventSourceMapping:
    """A background thread feeding one queue to one handler until :meth:`stop`."""

    def __init__(
        self,
        sqs: Any,
        queue_url: str,
        handler: Handler,
        *,
        context_factory: Callable[[], Any],
        region: str,
        batch_size: int = MAX_BATCH_SIZE,
        wait_seconds: int = 1,
        on_outcome: Callable[[MessageOutcome], None] | None = None,
    ) -> None:
        self._sqs = sqs
        self._queue_url = queue_url
        self._handler = handler
        self._context_factory = context_factory
        self._region = region
        self._batch_size = min(batch_size, MAX_BATCH_SIZE)
        # Short long-polls keep the stop latency low; AWS's mapping uses 20 s.
        self._wait_seconds = wait_seconds
        self._on_outcome = on_outcome
        self._queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sqs-event-source-mapping", daemon=True)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def start(self) -> None:
        self._thread.start()

    def request_stop(self) -> None:
        """Ask the thread to stop after the batch in flight; returns at once."""
        self._stopping.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the batch in flight (never abandon an invocation half way), then return."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.poll_once()
            except Exception:  # the endpoint going away at shutdown, or a moto hiccup: keep polling
                if self._stopping.is_set():
                    return
                logger.exception("polling %s failed; retrying", self._queue_url)
                self._stopping.wait(1.0)

    def poll_once(self) -> int:
        """Receive one batch and invoke the handler with it; return the number of messages received."""
        messages = self._sqs.receive_message(
            QueueUrl=self._queue_url,
            MaxNumberOfMessages=self._batch_size,
            WaitTimeSeconds=self._wait_seconds,
            MessageSystemAttributeNames=["All"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        if messages:
            self._invoke(
                [lambda_sqs_record(m, queue_arn=self._queue_arn, region=self._region) for m in messages]
            )
        return len(messages)

    def _invoke(self, batch: list[dict[str, Any]]) -> None:
        try:
            response = self._handler({"Records": batch}, self._context_factory())
        except Exception as error:
            # On AWS a raised error fails the whole batch; every message is retried.
            # First line only: powertools' BatchProcessingError carries every record's traceback.
            summary = str(error).strip().splitlines()[0] if str(error).strip() else ""
            logger.warning(
                "the handler raised %s (%s): the whole batch of %d is retried",
                type(error).__name__,
                summary,
                len(batch),
            )
            logger.debug("handler error", exc_info=True)
            failed = {record["messageId"] for record in batch}
        else:
            failed = failed_message_ids(response, batch)
        done = [record for record in batch if record["messageId"] not in failed]
        self._delete(done)
        if self._on_outcome is not None:
            for record in batch:
                receive_count = int(record["attributes"].get("ApproximateReceiveCount", "1"))
                self._on_outcome(MessageOutcome(record, record["messageId"] not in failed, receive_count))

    def _delete(self, records: list[dict[str, Any]]) -> None:
        if not records:
            return
        entries = [{"Id": str(n), "ReceiptHandle": r["receiptHandle"]} for n, r in enumerate(records)]
        result = self._sqs.delete_message_batch(QueueUrl=self._queue_url, Entries=entries)
        for failure in result.get("Failed", []):
            logger.warning("could not delete message %s: %s", failure.get("Id"), failure.get("Message"))


class DeadLetterWatch:
    """Reports each message that lands in the dead-letter queue once, without consuming it.

    Peeking (visibility timeout 0) leaves the messages in the DLQ for the developer to inspect
    or redrive; their receive count grows, which is harmless since a DLQ has no redrive policy.
    """

    def __init__(self, sqs: Any, dlq_url: str, on_dead_letter: Callable[[dict[str, Any]], None]) -> None:
        self._sqs = sqs
        self._dlq_url = dlq_url
        self._on_dead_letter = on_dead_letter
        self._seen: set[str] = set()

    def check(self) -> int:
        """Report new dead letters; return how many the DLQ holds that were seen so far."""
        depth = int(
            self._sqs.get_queue_attributes(
                QueueUrl=self._dlq_url, AttributeNames=["ApproximateNumberOfMessages"]
            )["Attributes"]["ApproximateNumberOfMessages"]
        )
        if depth > len(self._seen):
            messages = self._sqs.receive_message(
                QueueUrl=self._dlq_url, MaxNumberOfMessages=MAX_BATCH_SIZE, VisibilityTimeout=0
            ).get("Messages", [])
            for message in messages:
                if message["MessageId"] not in self._seen:
                    self._seen.add(message["MessageId"])
                    self._on_dead_letter(message)
        return len(self._seen)
