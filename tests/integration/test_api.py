"""The query API on top of articles ingested through the real S3 -> SQS -> Lambda path."""

from __future__ import annotations

import base64
import json

import pytest

from tests.aws_harness import Service, article_id
from tests.paths import REFERENCE_SAMPLE

REFERENCE_KEY = "cikkek/NATO és Japán.txt"
REFERENCE_TEXT = REFERENCE_SAMPLE.read_text(encoding="utf-8")


def dated_copy(date: str) -> bytes:
    """The reference article under another publication date (same Hungarian body, entities)."""
    return REFERENCE_TEXT.replace("date 2024-07", f"date {date}", 1).encode()


@pytest.fixture
def reference(service: Service) -> str:
    service.upload(REFERENCE_KEY, REFERENCE_SAMPLE.read_bytes())
    assert service.drain() == {"batchItemFailures": []}
    return article_id(service.resources.bucket, REFERENCE_KEY)


def ids(page: dict) -> list[str]:
    return [item["article"]["id"] for item in page["items"]]


def test_get_by_id_returns_the_record_wrapped_with_its_source(service: Service, reference: str) -> None:
    status, body = service.get(f"/articles/{reference}")

    assert status == 200
    assert body["article"]["id"] == reference
    assert body["source"] == {
        "bucket": service.resources.bucket,
        "key": REFERENCE_KEY,
        "version_id": body["source"]["version_id"],
    }
    assert body["source"]["version_id"]  # the template's bucket is versioned
    assert set(body) == {"article", "source", "sort_date", "ingested_at", "entities_truncated"}


def test_lists_by_language_entity_type_and_month(service: Service, reference: str) -> None:
    queries = [
        ("/articles", {"language": "hu"}),
        ("/articles", {"entity": "Ukrajna"}),
        ("/articles", {"entity": "ukrajna", "entity_type": "LOC"}),
        ("/entities/Ukrajna/articles", {}),
        ("/entities/Ukrajna/articles", {"entity_type": "LOC", "from": "2024", "to": "2024-07-31"}),
        # API Gateway REST hands the path over percent-encoded, as the client sent it.
        ("/entities/Jap%C3%A1n/articles", {}),
        ("/entities/%C3%89szak-Korea/articles", {"entity_type": "LOC"}),
        ("/articles", {"month": "2024-07"}),
        ("/articles", {}),
    ]
    for path, query in queries:
        status, page = service.get(path, query)
        assert (status, ids(page)) == (200, [reference]), (path, query)


def test_filters_that_match_nothing_return_an_empty_page(service: Service, reference: str) -> None:
    queries = [
        {"language": "de"},
        {"entity": "Ukrajna", "entity_type": "PER"},
        {"language": "hu", "from": "2024-08"},
        {"language": "hu", "to": "2024-06-30T23:59:59+00:00"},
        {"month": "2024-06"},
        {"status": "rejected"},
    ]
    for query in queries:
        status, page = service.get("/articles", query)
        assert (status, page) == (200, {"items": [], "next_cursor": None}), query


def test_pagination_walks_every_article_once_newest_first(service: Service) -> None:
    dates = ["2024-07-01", "2024-07-02", "2024-07-03", "2024-07-04", "2024-07-05", "2024-07-06", "2024-07-07"]
    for date in dates:
        service.upload(f"lap/{date}.txt", dated_copy(date))
    service.upload("lap/month-only.txt", dated_copy("2024-07"))  # month precision sorts first in July
    assert service.drain() == {"batchItemFailures": []}

    for query in ({"language": "hu"}, {"entity": "Ukrajna"}, {"month": "2024-07"}, {}):
        seen: list[str] = []
        cursor = None
        while True:
            status, page = service.get(
                "/articles", {**query, "limit": "3", **({"cursor": cursor} if cursor else {})}
            )
            assert status == 200
            assert len(page["items"]) <= 3
            seen.extend(item["sort_date"] for item in page["items"])
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert seen == [*sorted(dates, reverse=True), "2024-07"], query


def test_date_range_of_any_precision(service: Service) -> None:
    for date in ("2024-06-30", "2024-07-01", "2024-07-31", "2024-08-01"):
        service.upload(f"lap/{date}.txt", dated_copy(date))
    service.drain()

    status, page = service.get("/articles", {"language": "hu", "from": "2024-07", "to": "2024-07"})

    assert status == 200
    assert [item["sort_date"] for item in page["items"]] == ["2024-07-31", "2024-07-01"]


def test_undated_article_is_listed_by_its_upload_time(service: Service) -> None:
    undated = REFERENCE_TEXT.replace(" date 2024-07 ", " ", 1).encode()
    service.upload("lap/undated.txt", undated)
    service.drain()

    status, page = service.get("/articles", {"language": "hu"})

    assert status == 200
    [item] = page["items"]
    assert item["article"]["published"] is None
    assert item["sort_date"].endswith("Z") and item["sort_date"][:4].isdigit()


def test_unknown_article_is_404(service: Service) -> None:
    status, body = service.get("/articles/0123456789abcdef0123")

    assert status == 404
    assert "0123456789abcdef0123" in body["message"]


@pytest.mark.parametrize(
    "query",
    [{"limit": "0"}, {"limit": "101"}, {"limit": "ten"}, {"status": "deleted"}, {"entity_type": "PLACE"}],
)
def test_invalid_parameters_are_422_with_the_parameter_named(service: Service, query: dict[str, str]) -> None:
    status, body = service.get("/articles", query)

    assert status == 422
    [name] = query
    assert [detail["loc"] for detail in body["detail"]] == [["query", name]]
    assert all(detail["message"] for detail in body["detail"])


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"entity_type": "LOC"}, "entity_type needs entity"),
        ({"language": "hu", "entity": "Ukrajna"}, "at most one of"),
        ({"language": "hu", "status": "rejected"}, "status=rejected alone"),
        ({"from": "2024-13"}, "not a valid date"),
        ({"from": "yesterday"}, "from must be a date"),
        ({"from": "2024-08", "to": "2024-07"}, "from is after to"),
        ({"month": "July"}, "month must look like"),
        ({"language": "Hungarian"}, "language must be"),
        ({"cursor": "not-a-cursor"}, "cursor is not valid"),
    ],
)
def test_unanswerable_queries_are_400_with_a_clear_message(
    service: Service, query: dict[str, str], message: str
) -> None:
    status, body = service.get("/articles", query)

    assert status == 400
    assert message in body["message"]


def two_pages(service: Service) -> str:
    for date in ("2024-07-01", "2024-07-02", "2024-07-03"):
        service.upload(f"lap/{date}.txt", dated_copy(date))
    service.drain()
    status, page = service.get("/articles", {"language": "hu", "limit": "1"})
    assert status == 200 and page["next_cursor"]
    return page["next_cursor"]


def test_a_cursor_only_works_for_its_own_query(service: Service) -> None:
    cursor = two_pages(service)

    status, body = service.get("/articles", {"language": "de", "limit": "1", "cursor": cursor})
    assert status == 400 and "different query" in body["message"]
    status, page = service.get("/articles", {"language": "hu", "limit": "5", "cursor": cursor})
    assert status == 200 and len(page["items"]) == 2  # page size may change between pages


def test_a_forged_cursor_is_rejected(service: Service) -> None:
    cursor = two_pages(service)
    payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    payload["p"] = "9999~"  # try to move the position
    forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")

    status, body = service.get("/articles", {"language": "hu", "cursor": forged})

    assert status == 400 and "cursor is not valid" in body["message"]


def test_an_unexpected_error_is_500_without_details(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(article_id: str) -> None:
        raise RuntimeError("secret internals at /var/task/articles/store.py")

    monkeypatch.setattr(service.api.queries.store, "get_article", broken)

    status, body = service.get("/articles/abc")

    assert status == 500
    assert body == {"statusCode": 500, "message": "internal error; it has been logged"}


def test_openapi_json_and_swagger_ui_are_served(service: Service) -> None:
    status, schema = service.get("/openapi.json")
    assert status == 200
    assert {"/articles", "/articles/{article_id}", "/entities/{name}/articles"} <= set(schema["paths"])
    parameters = {parameter["name"] for parameter in schema["paths"]["/articles"]["get"]["parameters"]}
    assert {
        "language",
        "entity",
        "entity_type",
        "from",
        "to",
        "status",
        "month",
        "limit",
        "cursor",
    } == parameters

    status, page = service.get("/swagger")
    assert status == 200 and "swagger" in page.lower()
