"""Follows uploaded objects through the ingest queue and reports each step on the console.

Fed by the event source mapping (one outcome per message) and by the dead-letter watch; the main
thread waits on it until every upload it expects is stored or dead-lettered.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from articles.ingest import MalformedNotification, ObjectEvent, parse_notification

from .poller import MessageOutcome


def object_events(message_body: str) -> list[ObjectEvent] | None:
    """The S3 object events an SQS message carries (keys decoded): none for a test event, None for junk."""
    try:
        return parse_notification(message_body)
    except MalformedNotification:
        return None


def _unreadable(message_id: str) -> ObjectEvent:
    # Stands for a message that is no S3 notification, so its failures are reported too.
    return ObjectEvent(
        "created", "", f"message {message_id} (not an S3 event notification)", None, None, None
    )


class IngestProgress:
    def __init__(self, out: TextIO, *, max_receive_count: int | None = None) -> None:
        self._out = out
        self.max_receive_count = max_receive_count  # the queue's redrive limit, for the messages
        self._changed = threading.Condition()
        self._expected: list[str] = []
        self._stored: set[str] = set()
        self._dead: set[str] = set()

    def expect(self, keys: Iterable[str]) -> None:
        with self._changed:
            self._expected.extend(key for key in keys if key not in self._expected)

    def on_outcome(self, outcome: MessageOutcome) -> None:
        events = object_events(outcome.message["body"])
        for event in [_unreadable(outcome.message["messageId"])] if events is None else events:
            with self._changed:
                if outcome.succeeded:
                    self._report_success(event)
                else:
                    self._report_failure(event, outcome.receive_count)
                self._changed.notify_all()

    def on_dead_letter(self, message: dict[str, Any]) -> None:
        events = object_events(message["Body"])
        for event in [_unreadable(message["MessageId"])] if events is None else events:
            with self._changed:
                self._dead.add(event.key)
                self._say(
                    f"dead-lettered {event.key}: moved to the DLQ after {self.max_receive_count} failed attempts"
                )
                self._changed.notify_all()

    def _report_success(self, event: ObjectEvent) -> None:
        if event.kind == "removed":
            self._say(f"deleted      {event.key}")
            return
        if event.key in self._expected and event.key not in self._stored:
            self._stored.add(event.key)
            done = len(self._stored & set(self._expected))
            self._say(f"processed {done}/{len(self._expected)}  {event.key}")
        else:
            self._say(f"processed    {event.key}")

    def _report_failure(self, event: ObjectEvent, receive_count: int) -> None:
        limit = self.max_receive_count
        if limit and receive_count >= limit:
            next_step = "the queue moves it to the DLQ"
        else:
            next_step = "retried after the visibility timeout"
        attempts = f"attempt {receive_count} of {limit}" if limit else f"attempt {receive_count}"
        self._say(f"failed       {event.key} ({attempts}): {next_step}")

    def _say(self, line: str) -> None:
        print(f"  {line}", file=self._out, flush=True)

    @property
    def pending(self) -> list[str]:
        with self._changed:
            return [key for key in self._expected if key not in self._stored and key not in self._dead]

    @property
    def dead_lettered(self) -> list[str]:
        with self._changed:
            return [key for key in self._expected if key in self._dead]

    def wait_for_change(self, timeout: float) -> None:
        with self._changed:
            self._changed.wait(timeout)

    def wait(
        self, deadline: float, *, poll: Callable[[], object] | None = None, interval: float = 1.0
    ) -> bool:
        """Wait until every expected key is stored or dead-lettered, or the monotonic ``deadline``.

        ``poll`` runs between waits (the dead-letter watch). True when nothing is pending.
        """
        while self.pending and time.monotonic() < deadline:
            if poll is not None:
                poll()
            self.wait_for_change(min(interval, max(0.0, deadline - time.monotonic())))
        return not self.pending
