"""Shared fixtures: AWS on moto, resources created from template.yaml, handlers loaded fresh."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from moto import mock_aws

from devstack.lambda_runtime import load_handler
from devstack.resources import StackResources, create_resources, function_environment
from tests.aws_harness import REGION, Service


@pytest.fixture
def aws_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fake credentials and the settings every handler needs; nothing can reach real AWS."""
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_REGION", REGION)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("POWERTOOLS_METRICS_NAMESPACE", "Articles")
    monkeypatch.setenv("POWERTOOLS_SERVICE_NAME", "articles")
    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", "true")
    monkeypatch.setenv("CURSOR_SECRET", "test-cursor-secret")


@pytest.fixture
def bucket_versioning() -> bool | None:
    """None: as template.yaml says (versioned). Override in a module to test moto's delete events,
    which moto sends only for unversioned buckets."""
    return None


@pytest.fixture
def resources(
    aws_environment: None, bucket_versioning: bool | None, monkeypatch: pytest.MonkeyPatch
) -> Iterator[StackResources]:
    """Bucket (with its S3 -> SQS notifications), queue, DLQ and table as template.yaml defines them."""
    with mock_aws():
        created = create_resources(versioning=bucket_versioning)
        monkeypatch.setenv("TABLE_NAME", created.table_name)
        yield created


@pytest.fixture
def service(resources: StackResources, monkeypatch: pytest.MonkeyPatch) -> Service:
    """Each handler is loaded under its own function's environment from template.yaml."""
    handlers = {}
    for name, logical_id in (("ingest", "IngestFunction"), ("api", "ApiFunction")):
        for variable, value in function_environment(logical_id, resources).items():
            monkeypatch.setenv(variable, value)
        handlers[name] = load_handler(name)  # type: ignore[arg-type]
    return Service(
        resources=resources,
        ingest=handlers["ingest"],
        api=handlers["api"],
        s3=boto3.client("s3", region_name=REGION),
        sqs=boto3.client("sqs", region_name=REGION),
    )
