"""The failing-client wrapper every fault-injection test uses.

The store's (or the object reader's) boto3 client is replaced by a wrapper around the real moto
client whose chosen calls fail as they would once botocore's own retries have given up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError, ConnectTimeoutError, ReadTimeoutError

from tests.aws_harness import Service

STATUS_OF_ERROR = {"InternalServerError": 500, "ServiceUnavailable": 503, "AccessDenied": 403, "403": 403}

Action = Callable[[Callable[..., Any], dict[str, Any]], Any]
"""What a faulty call does instead: (the real method, its arguments) -> a response, or raise."""


class InvocationTimedOut(BaseException):
    """The Lambda runtime stopped the invocation: nothing after this point runs, no response."""


@dataclass
class Fault:
    operation: str
    action: Action
    calls: range = range(1, 2)
    """Which of the matching calls (1-based) fail."""
    matching: str | None = None
    """Only calls whose arguments mention this text count (e.g. one article's pk or one key)."""
    seen: int = 0


class FaultyClient:
    """A boto3 client whose scheduled calls fail; every other call reaches the real (moto) client."""

    def __init__(self, client: Any, *faults: Fault) -> None:
        self._client = client
        self.faults = list(faults)
        self.fired = 0

    def heal(self) -> None:
        self.faults = []

    def __getattr__(self, name: str) -> Any:
        real = getattr(self._client, name)
        if not any(fault.operation == name for fault in self.faults):
            return real

        def call(**kwargs: Any) -> Any:
            for fault in self.faults:
                if fault.operation != name or (fault.matching and fault.matching not in repr(kwargs)):
                    continue
                fault.seen += 1
                if fault.seen in fault.calls:
                    self.fired += 1
                    return fault.action(real, kwargs)
            return real(**kwargs)

        return call


def error(code: str) -> Action:
    def fail(real: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
        status = STATUS_OF_ERROR.get(code, 400)
        raise ClientError(
            {"Error": {"Code": code, "Message": "injected"}, "ResponseMetadata": {"HTTPStatusCode": status}},
            real.__name__,
        )

    return fail


def raising(exception: BaseException) -> Action:
    def fail(real: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
        raise exception

    return fail


def applied_then(exception: BaseException) -> Action:
    """The request reaches DynamoDB and is applied, but the response is lost (a read timeout)."""

    def lose_response(real: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
        real(**kwargs)
        raise exception

    return lose_response


def timed_out() -> Action:
    return raising(InvocationTimedOut())


def write_first(count: int) -> Action:
    """A BatchWriteItem that applies ``count`` requests and returns the rest as UnprocessedItems."""

    def partly(real: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
        [(table, requests)] = kwargs["RequestItems"].items()
        if count:
            real(RequestItems={table: requests[:count]})
        return {"UnprocessedItems": {table: requests[count:]}}

    return partly


FOREVER = range(1, 1_000_000)
READ_TIMEOUT = ReadTimeoutError(endpoint_url="https://injected.amazonaws.com/")
CONNECT_TIMEOUT = ConnectTimeoutError(endpoint_url="https://injected.amazonaws.com/")


def break_store(service: Service, *faults: Fault) -> FaultyClient:
    store = service.ingest.ingestor.store
    store.client = FaultyClient(store.client, *faults)
    return store.client


def break_objects(service: Service, *faults: Fault) -> FaultyClient:
    objects = service.ingest.ingestor.objects
    objects.client = FaultyClient(objects.client, *faults)
    return objects.client
