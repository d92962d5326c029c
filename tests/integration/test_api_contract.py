"""The HTTP API against its own OpenAPI document, and cursors that cannot leave their query.

``articles local`` runs as a subprocess on free ports with the sample articles, the reference
article and a rejected input. schemathesis generates requests from the document the API serves
(bounded and derandomized, so a run is repeatable) and checks: no 5xx, every status code
documented, the body matching the documented schema, the documented content type. The cursor
tests take real cursors and replay them against other queries, tampered or signed elsewhere.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks

from articles.queries import ArticleFilters, CursorCodec
from articles.store import MAX_ENTITY_TEXT_CHARS
from tests.paths import REFERENCE_SAMPLE, REPO

pytestmark = pytest.mark.slow

ARTICLES_COMMAND = Path(sys.executable).with_name("articles")
SAMPLE_ARTICLES = REPO / "events" / "articles"
READY_LINE = "Ctrl-C stops everything"
STARTUP_SECONDS = 180
CURSOR_SECRET = secrets.token_hex(16)  # this stack's; "another stack" signs with anything else
NOT_VALID = "cursor is not valid"
OTHER_QUERY = "cursor belongs to a different query"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Api:
    url: str
    session: requests.Session

    def get(self, path: str, params: dict[str, Any] | None = None) -> requests.Response:
        return self.session.get(f"{self.url}{path}", params=params, timeout=30)

    def page(self, **params: Any) -> dict[str, Any]:
        response = self.get("/articles", params)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """The stack with the sample articles, the reference article and a binary file it must reject."""
    folder = tmp_path_factory.mktemp("contract")
    inputs = folder / "inputs"
    inputs.mkdir()
    (inputs / "rejected.bin").write_bytes(b"\x00\x01binary\x00" * 20)
    stdout, stderr = folder / "stdout.txt", folder / "stderr.txt"
    moto_port, api_port = free_port(), free_port()
    command = [str(ARTICLES_COMMAND), "local", "--port", str(moto_port), "--api-port", str(api_port)]
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(
            [*command, str(SAMPLE_ARTICLES), str(REFERENCE_SAMPLE), str(inputs)],
            stdout=out,
            stderr=err,
            env=os.environ | {"PYTHONUNBUFFERED": "1", "CURSOR_SECRET": CURSOR_SECRET},
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while READY_LINE not in stdout.read_text(encoding="utf-8", errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"articles local did not start:\n{stderr.read_text()[-3000:]}")
            time.sleep(0.3)
        with requests.Session() as session:
            yield Api(f"http://127.0.0.1:{api_port}", session)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # stops like Ctrl-C
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# --- the OpenAPI contract ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api_schema(api: Api) -> Any:
    return schemathesis.openapi.from_url(f"{api.url}/openapi.json")


CONTRACT_CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


# Strategies per operation rather than schemathesis.pytest.from_fixture: its lazy loader sets
# pytest's private Function._nodeid, which pytest 9.2 no longer has.
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("path", ["/articles", "/articles/{article_id}", "/entities/{name}/articles"])
def test_every_answer_conforms_to_the_openapi_document(
    api_schema: Any, path: str, mode: GenerationMode
) -> None:
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=50,
        derandomize=True,  # the same requests every run
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def conforms(case: Any) -> None:
        case.call_and_validate(checks=CONTRACT_CHECKS)

    conforms()


def test_error_answers_are_documented(api: Api) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    documented = {path: set(operation["get"]["responses"]) for path, operation in paths.items()}
    assert documented == {
        "/articles": {"200", "400", "422"},
        "/entities/{name}/articles": {"200", "400", "422"},
        "/articles/{article_id}": {"200", "404", "422"},
    }


@pytest.mark.parametrize(
    "params",
    [
        {"from": "٢٠٢٤"},  # Arabic-Indic digits: a regex's bare \d accepts them
        {"month": "٢٠٢٤-07"},
        {"entity": "x" * (MAX_ENTITY_TEXT_CHARS + 1)},  # longer than any stored name (and a DynamoDB key)
    ],
    ids=["non-ascii-year", "non-ascii-month", "entity-too-long"],
)
def test_filters_no_stored_article_can_match_are_refused(api: Api, params: dict[str, str]) -> None:
    response = api.get("/articles", params)
    assert response.status_code == 400, response.text
    assert "items" not in response.json()


# --- cursors -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HungarianPages:
    cursor: str
    """next_cursor of ?language=hu&limit=1"""
    ids: list[str]
    """every Hungarian article id, in the API's order"""


@pytest.fixture(scope="module")
def hungarian(api: Api) -> HungarianPages:
    first = api.page(language="hu", limit=1)
    everything = api.page(language="hu", limit=100)
    ids = [item["article"]["id"] for item in everything["items"]]
    assert first["next_cursor"] and len(ids) >= 3, "the samples hold at least three Hungarian articles"
    return HungarianPages(first["next_cursor"], ids)


def ids_of(page: dict[str, Any]) -> list[str]:
    return [item["article"]["id"] for item in page["items"]]


def assert_refused(response: requests.Response, message: str) -> None:
    assert response.status_code == 400, response.text
    body = response.json()
    assert message in body["message"]
    assert "items" not in body


def test_cursor_continues_its_own_query(api: Api, hungarian: HungarianPages) -> None:
    page = api.page(language="hu", limit=1, cursor=hungarian.cursor)
    assert ids_of(page) == hungarian.ids[1:2]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/articles", {"language": "de", "limit": 1}),
        ("/articles", {"entity": "Ukrajna", "limit": 1}),
        ("/articles", {"entity": "NATO", "limit": 1}),
        ("/entities/Ukrajna/articles", {"limit": 1}),
        ("/articles", {"month": "2024-07", "limit": 1}),
        ("/articles", {"language": "hu", "from": "2024", "limit": 1}),
        ("/articles", {"language": "hu", "to": "2030", "limit": 1}),
        ("/articles", {"status": "rejected", "limit": 1}),
        ("/articles", {"limit": 1}),
    ],
)
def test_cursor_of_another_query_is_refused(
    api: Api, hungarian: HungarianPages, path: str, params: dict[str, Any]
) -> None:
    assert_refused(api.get(path, {**params, "cursor": hungarian.cursor}), OTHER_QUERY)


def test_cursor_of_one_entity_is_refused_for_another(api: Api) -> None:
    first = api.page(entity="Ukrajna", limit=1)
    assert first["next_cursor"], "the samples hold two articles mentioning Ukrajna"
    assert_refused(api.get("/articles", {"entity": "NATO", "cursor": first["next_cursor"]}), OTHER_QUERY)
    same = api.get("/entities/Ukrajna/articles", {"limit": 1, "cursor": first["next_cursor"]})
    assert same.status_code == 200, "the same query by its other route keeps its cursor"


def test_another_page_size_continues_the_same_query(api: Api, hungarian: HungarianPages) -> None:
    # The page size is not part of the query (as in Google's AIP-158): a client may change it
    # between pages, and gets the next articles of the *same* query, none twice.
    page = api.page(language="hu", limit=2, cursor=hungarian.cursor)
    assert ids_of(page) == hungarian.ids[1:3]


def _flipped(cursor: str, index: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    replacement = alphabet[(alphabet.index(cursor[index]) + 1) % len(alphabet)]
    return cursor[:index] + replacement + cursor[index + 1 :]


def _decoded(cursor: str) -> bytes:
    return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))


def test_tampered_cursor_is_refused_at_every_position(api: Api, hungarian: HungarianPages) -> None:
    tampered = [_flipped(hungarian.cursor, index) for index in range(len(hungarian.cursor))]
    # The last character may carry only padding bits: a change there can decode to the same bytes.
    changed = [cursor for cursor in tampered if _decoded(cursor) != _decoded(hungarian.cursor)]
    assert len(changed) >= len(tampered) - 1
    for cursor in changed:
        assert_refused(api.get("/articles", {"language": "hu", "limit": 1, "cursor": cursor}), "cursor")


def test_cursor_with_a_forged_position_is_refused(api: Api, hungarian: HungarianPages) -> None:
    payload = json.loads(_decoded(hungarian.cursor))
    payload["p"] = "9999-12-31#ffffffffffffffffffff"  # skip to any position, keeping the signature
    forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    assert_refused(api.get("/articles", {"language": "hu", "cursor": forged}), NOT_VALID)


@pytest.mark.parametrize(
    "cursor",
    [
        "not base64!",
        base64.urlsafe_b64encode(b"not json").decode(),
        "e30",
        "W10",
        "eyJwIjoxLCJxIjoyLCJzIjozfQ",
    ],
    ids=["not-base64", "not-json", "empty-object", "json-list", "numbers-not-strings"],
)
def test_malformed_cursor_is_refused(api: Api, cursor: str) -> None:
    assert_refused(api.get("/articles", {"language": "hu", "cursor": cursor}), NOT_VALID)


def test_cursor_from_another_stack_is_refused(api: Api, hungarian: HungarianPages) -> None:
    position = json.loads(_decoded(hungarian.cursor))["p"]
    query = ArticleFilters(language="hu").validated()
    # Control: signed with this stack's secret, the same query and position give the real cursor.
    assert CursorCodec(secret=CURSOR_SECRET.encode()).encode(query, position) == hungarian.cursor

    elsewhere = CursorCodec(secret=b"another stack's secret").encode(query, position)
    assert_refused(api.get("/articles", {"language": "hu", "limit": 1, "cursor": elsewhere}), NOT_VALID)
