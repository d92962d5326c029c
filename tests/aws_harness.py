"""Drive the service like AWS does: S3 upload -> SQS message -> Lambda event -> handler."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from types import ModuleType
from typing import Any
from urllib.parse import quote

from devstack.lambda_runtime import fake_context
from devstack.resources import StackResources

REGION = "us-east-1"


@dataclass
class Service:
    """The deployed service in miniature: S3 upload -> moto's SQS notification -> real handlers."""

    resources: StackResources
    ingest: ModuleType
    api: ModuleType
    s3: Any
    sqs: Any

    # S3 side

    def upload(self, key: str, body: bytes) -> str | None:
        return self.s3.put_object(Bucket=self.resources.bucket, Key=key, Body=body).get("VersionId")

    def receive(self) -> list[dict[str, Any]]:
        """Every message waiting in the ingest queue (moto delivers the notification synchronously)."""
        messages: list[dict[str, Any]] = []
        while batch := self.sqs.receive_message(
            QueueUrl=self.resources.queue_url, MaxNumberOfMessages=10, AttributeNames=["All"]
        ).get("Messages", []):
            messages.extend(batch)
        return messages

    def send_notification(self, records: list[dict[str, Any]]) -> None:
        """Put an AWS-shaped notification on the real queue (for what moto does not send)."""
        self.sqs.send_message(QueueUrl=self.resources.queue_url, MessageBody=json.dumps({"Records": records}))

    # Lambda side

    def deliver(self, messages: list[dict[str, Any]]) -> dict[str, Any]:
        """Invoke the ingest handler with the batch the SQS event source mapping would build."""
        event = {"Records": [self._sqs_record(message) for message in messages]}
        return self.ingest.lambda_handler(event, fake_context("IngestFunction"))

    def drain(self) -> dict[str, Any]:
        return self.deliver(self.receive())

    def get(self, path: str, query: dict[str, str] | None = None) -> tuple[int, Any]:
        """Call the API handler with an API Gateway REST proxy event; returns (status, JSON body)."""
        response = self.api.lambda_handler(api_gateway_event(path, query), fake_context("ApiFunction"))
        body = response["body"]
        headers = {name.lower(): value for name, value in (response.get("headers") or {}).items()}
        for name, values in (response.get("multiValueHeaders") or {}).items():
            headers[name.lower()] = ",".join(values)
        content_type = headers.get("content-type", "")
        return response["statusCode"], json.loads(body) if "json" in content_type else body

    def _sqs_record(self, message: dict[str, Any]) -> dict[str, Any]:
        return {
            "messageId": message["MessageId"],
            "receiptHandle": message["ReceiptHandle"],
            "body": message["Body"],
            "attributes": message.get("Attributes", {}),
            "messageAttributes": {},
            "md5OfBody": message["MD5OfBody"],
            "eventSource": "aws:sqs",
            "eventSourceARN": f"arn:aws:sqs:{REGION}:123456789012:{self.resources.queue_url.rsplit('/', 1)[-1]}",
            "awsRegion": REGION,
        }


def api_gateway_event(path: str, query: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "resource": path,
        "path": path,
        "httpMethod": "GET",
        "headers": {"Accept": "application/json"},
        "multiValueHeaders": {},
        "queryStringParameters": query or None,
        "multiValueQueryStringParameters": {name: [value] for name, value in (query or {}).items()} or None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": path,
            "path": f"/Prod{path}",
            "httpMethod": "GET",
            "requestId": "test-request",
            "stage": "Prod",
            "identity": {"sourceIp": "127.0.0.1"},
        },
        "body": None,
        "isBase64Encoded": False,
    }


def s3_notification_record(
    event_name: str, bucket: str, key: str, *, sequencer: str | None = None, version_id: str | None = None
) -> dict[str, Any]:
    """An S3 event record as AWS sends it (URL-encoded key with '+', sequencer, versionId)."""
    s3_object: dict[str, Any] = {"key": quote(key, safe="/").replace("%20", "+")}
    if sequencer:
        s3_object["sequencer"] = sequencer
    if version_id:
        s3_object["versionId"] = version_id
    return {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": REGION,
        "eventTime": "2030-01-01T00:00:00.000Z",
        "eventName": event_name,
        "s3": {"s3SchemaVersion": "1.0", "bucket": {"name": bucket}, "object": s3_object},
    }


def article_id(bucket: str, key: str) -> str:
    """Independent restatement of the documented id: first 20 hex digits of sha256("bucket/key")."""
    return hashlib.sha256(f"{bucket}/{key}".encode()).hexdigest()[:20]
