"""Reading uploaded objects from S3: the only module that talks to S3."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

_GONE = {"NoSuchKey", "NoSuchVersion", "404", "NotFound"}
"""The object (or that version) no longer exists: its delete event is on its way or already handled."""


@dataclass(frozen=True)
class FetchedObject:
    data: bytes
    version_id: str | None
    last_modified: datetime
    size: int


@dataclass
class ObjectReader:
    client: Any = field(repr=False)

    @classmethod
    def from_environment(cls) -> ObjectReader:
        config = Config(retries={"mode": "standard", "max_attempts": 4})
        return cls(client=boto3.client("s3", region_name=os.environ.get("AWS_REGION"), config=config))

    def fetch(self, bucket: str, key: str, version_id: str | None, *, max_bytes: int) -> FetchedObject | None:
        """The object's first ``max_bytes`` bytes (enough to reject an oversized file), or None if gone."""
        request: dict[str, Any] = {"Bucket": bucket, "Key": key}
        if version_id:
            request["VersionId"] = version_id
        try:
            response = self.client.get_object(**request)
        except ClientError as error:
            if error.response["Error"]["Code"] in _GONE:
                return None
            raise
        with response["Body"] as body:
            data = body.read(max_bytes)
        return FetchedObject(
            data=data,
            version_id=_real_version(response.get("VersionId")),
            last_modified=response["LastModified"],
            size=response.get("ContentLength", len(data)),
        )

    def exists(self, bucket: str, key: str) -> bool:
        try:
            self.client.head_object(Bucket=bucket, Key=key)
        except ClientError as error:
            if error.response["Error"]["Code"] in _GONE:
                return False
            raise
        return True


def _real_version(version_id: str | None) -> str | None:
    # Unversioned buckets report the literal version "null".
    return None if version_id in (None, "null") else version_id
