"""Every event in events/ runs through its real handler, so `sam local invoke -e events/…` works.

The sample articles the events name are uploaded to moto under the decoded keys first.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import pytest
from moto import mock_aws

from devstack.lambda_runtime import fake_context
from devstack.resources import StackResources, create_resources
from tests.aws_harness import Service, article_id
from tests.paths import REFERENCE_SAMPLE, REPO

EVENTS = REPO / "events"
ARTICLES = EVENTS / "articles"
EVENT_BUCKET = "articles-123456789012-us-east-1"
INGEST_EVENTS = sorted(EVENTS.glob("ingest-*.json"))
API_EVENTS = sorted(EVENTS.glob("api-*.json"))

NATO_KEY = "hu/NATO Japán 2024-07.txt"
DELETED_KEY = "de/Energiewende im Überblick.md"
BAD_KEY = "bad/scanned page.png"


def load_event(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def s3_records(event: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for message in event["Records"]:
        yield from json.loads(message["body"]).get("Records", [])


def test_every_event_file_is_covered() -> None:
    assert {p.name for p in EVENTS.glob("*.json")} == {p.name for p in INGEST_EVENTS + API_EVENTS}
    assert INGEST_EVENTS and API_EVENTS


# --------------------------------------------------------------------- the events are shaped like AWS's


@pytest.mark.parametrize("path", INGEST_EVENTS, ids=lambda p: p.name)
def test_ingest_events_look_like_s3_notifications_delivered_by_sqs(path: Path) -> None:
    event = load_event(path)
    for message in event["Records"]:
        assert message["eventSource"] == "aws:sqs"
        assert message["md5OfBody"] == hashlib.md5(message["body"].encode()).hexdigest()  # noqa: S324
    for record in s3_records(event):
        s3_object = record["s3"]["object"]
        assert record["s3"]["bucket"]["name"] == EVENT_BUCKET
        assert " " not in s3_object["key"]  # S3 sends '+' for spaces
        assert s3_object["key"].isascii()  # and %XX for everything else
        assert s3_object["sequencer"] and s3_object["versionId"]
        if record["eventName"].startswith("ObjectCreated:"):
            data = (ARTICLES / unquote_plus(s3_object["key"])).read_bytes()
            assert s3_object["size"] == len(data)
            assert s3_object["eTag"] == hashlib.md5(data).hexdigest()  # noqa: S324


def test_put_batch_covers_the_sample_articles_and_a_test_event() -> None:
    event = load_event(EVENTS / "ingest-s3-put-batch.json")
    bodies = [json.loads(message["body"]) for message in event["Records"]]
    assert any(body.get("Event") == "s3:TestEvent" for body in bodies)
    created = {
        unquote_plus(r["s3"]["object"]["key"]) for r in s3_records(event) if "Created" in r["eventName"]
    }
    assert created == {p.relative_to(ARTICLES).as_posix() for p in ARTICLES.rglob("*") if p.is_file()}
    assert (ARTICLES / NATO_KEY).read_bytes() == REFERENCE_SAMPLE.read_bytes()
    assert any("Removed" in r["eventName"] for r in s3_records(event))


# --------------------------------------------------------------------- through the handlers


@pytest.fixture
def resources(aws_environment: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[StackResources]:
    """The stack as template.yaml defines it, under the bucket name the events carry."""
    with mock_aws():
        created = create_resources(bucket=EVENT_BUCKET)
        monkeypatch.setenv("TABLE_NAME", created.table_name)
        yield created


@pytest.fixture
def uploaded_versions(service: Service) -> dict[str, str]:
    """The sample articles in the bucket, by decoded key -> the version moto gave them."""
    versions = {}
    for path in sorted(p for p in ARTICLES.rglob("*") if p.is_file()):
        key = path.relative_to(ARTICLES).as_posix()
        version = service.upload(key, path.read_bytes())
        assert version is not None  # the template's bucket is versioned
        versions[key] = version
    return versions


def as_delivered(path: Path, uploaded_versions: dict[str, str]) -> dict[str, Any]:
    """The event file, with each created object's versionId set to the one moto assigned.

    The files carry realistic but invented version ids, and moto cannot create an object under a
    chosen version id; the ingest function reads exactly the version an event names.
    """
    event = copy.deepcopy(load_event(path))
    for message in event["Records"]:
        body = json.loads(message["body"])
        for record in body.get("Records", []):
            key = unquote_plus(record["s3"]["object"]["key"])
            if record["eventName"].startswith("ObjectCreated:"):
                record["s3"]["object"]["versionId"] = uploaded_versions[key]
        message["body"] = json.dumps(body)
    return event


def invoke_ingest(service: Service, event: dict[str, Any]) -> dict[str, Any]:
    return service.ingest.lambda_handler(event, fake_context("IngestFunction"))


def invoke_api(service: Service, path: Path) -> tuple[int, dict[str, str], Any]:
    response = service.api.lambda_handler(load_event(path), fake_context("ApiFunction"))
    # The REST resolver answers with multiValueHeaders when the request had them (API Gateway's do).
    headers = {name: values[-1] for name, values in (response.get("multiValueHeaders") or {}).items()}
    headers |= response.get("headers") or {}
    body = response["body"]
    if "json" in headers.get("Content-Type", ""):
        body = json.loads(body)
    return response["statusCode"], headers, body


@pytest.fixture
def ingested(service: Service, uploaded_versions: dict[str, str]) -> Service:
    response = invoke_ingest(service, as_delivered(EVENTS / "ingest-s3-put-batch.json", uploaded_versions))
    assert response == {"batchItemFailures": []}
    return service


def ids(page: dict[str, Any]) -> list[str]:
    return [item["article"]["id"] for item in page["items"]]


def test_put_batch_stores_every_article(ingested: Service) -> None:
    for key in (NATO_KEY, DELETED_KEY, "fr/Élections régionales.json", "hu/Balaton nyár (latin2).txt"):
        status, body = ingested.get(f"/articles/{article_id(EVENT_BUCKET, key)}")
        assert status == 200, key
        assert body["article"]["status"] == "processed", key
        assert body["source"]["key"] == key


def test_bad_input_from_the_put_batch_is_stored_as_rejected(ingested: Service) -> None:
    status, body = ingested.get(f"/articles/{article_id(EVENT_BUCKET, BAD_KEY)}")
    assert status == 200
    assert body["article"]["status"] == "rejected"
    assert body["article"]["rejection"]["code"] == "binary"


def test_delete_event_removes_the_article(ingested: Service) -> None:
    deleted_id = article_id(EVENT_BUCKET, DELETED_KEY)
    assert ingested.get(f"/articles/{deleted_id}")[0] == 200
    ingested.s3.delete_object(Bucket=EVENT_BUCKET, Key=DELETED_KEY)  # the event follows a real delete
    response = invoke_ingest(ingested, load_event(EVENTS / "ingest-s3-delete.json"))
    assert response == {"batchItemFailures": []}
    assert ingested.get(f"/articles/{deleted_id}")[0] == 404
    assert ingested.get(f"/articles/{article_id(EVENT_BUCKET, NATO_KEY)}")[0] == 200


def test_api_get_article(ingested: Service) -> None:
    status, _, body = invoke_api(ingested, EVENTS / "api-get-article.json")
    assert status == 200
    assert body["article"]["id"] == article_id(EVENT_BUCKET, NATO_KEY)
    assert body["article"]["language"]["code"] == "hu"
    assert body["article"]["published"]["value"] == "2024-07"


def test_api_get_article_not_found(ingested: Service) -> None:
    status, _, body = invoke_api(ingested, EVENTS / "api-get-article-not-found.json")
    assert status == 404
    assert "00000000000000000000" in body["message"]


def test_api_list_by_language_within_dates(ingested: Service) -> None:
    status, _, body = invoke_api(ingested, EVENTS / "api-list-articles-by-language.json")
    assert status == 200
    assert article_id(EVENT_BUCKET, NATO_KEY) in ids(body)
    assert {item["article"]["language"]["code"] for item in body["items"]} == {"hu"}
    assert all("2024-01" <= item["sort_date"] < "2025" for item in body["items"])


@pytest.mark.parametrize("name", ["api-list-articles-by-entity.json", "api-entity-articles.json"])
def test_api_articles_mentioning_ukrajna(ingested: Service, name: str) -> None:
    status, _, body = invoke_api(ingested, EVENTS / name)
    assert status == 200
    assert ids(body) == [article_id(EVENT_BUCKET, NATO_KEY)]
    entities = {(e["name"], e["type"]) for e in body["items"][0]["article"]["entities"]}
    assert ("Ukrajna", "LOC") in entities


def test_api_list_rejected(ingested: Service) -> None:
    status, _, body = invoke_api(ingested, EVENTS / "api-list-rejected-articles.json")
    assert status == 200
    assert ids(body) == [article_id(EVENT_BUCKET, BAD_KEY)]
    assert body["next_cursor"] is None


def test_api_openapi_document(service: Service) -> None:
    status, _, body = invoke_api(service, EVENTS / "api-openapi-json.json")
    assert status == 200
    assert body["openapi"].startswith("3.")
    assert {"/articles", "/articles/{article_id}", "/entities/{name}/articles"} <= set(body["paths"])


def test_api_swagger_page(service: Service) -> None:
    status, headers, body = invoke_api(service, EVENTS / "api-swagger.json")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert "swagger" in body.lower()
