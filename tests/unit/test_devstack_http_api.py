"""The local HTTP -> API Gateway REST proxy event adapter."""

import base64
import json
from collections.abc import Iterator
from email.message import Message
from typing import Any

import pytest
import requests

from devstack.http_api import ApiGatewayServer, proxy_event, response_parts


def headers(**values: str) -> Message:
    message = Message()
    for name, value in values.items():
        message[name.replace("_", "-")] = value
    return message


def test_event_keeps_the_path_encoded_and_decodes_the_query() -> None:
    event = proxy_event(
        "GET",
        "/entities/Jap%C3%A1n/articles?entity=Ukrajna&tag=a&tag=b%20c&empty=",
        headers(Accept="*/*"),
        b"",
    )
    assert event["path"] == "/entities/Jap%C3%A1n/articles"  # REST APIs pass the path percent-encoded
    assert event["httpMethod"] == "GET"
    assert event["queryStringParameters"] == {"entity": "Ukrajna", "tag": "b c", "empty": ""}
    assert event["multiValueQueryStringParameters"]["tag"] == ["a", "b c"]
    assert event["headers"] == {"Accept": "*/*"}
    assert event["multiValueHeaders"] == {"Accept": ["*/*"]}
    assert event["body"] is None
    assert event["isBase64Encoded"] is False
    context = event["requestContext"]
    assert context["path"] == event["path"]
    assert context["stage"] == "local"
    assert context["httpMethod"] == "GET"
    assert context["requestId"]


def test_event_without_query_has_null_maps_like_api_gateway() -> None:
    event = proxy_event("GET", "/articles", headers(), b"")
    assert event["queryStringParameters"] is None
    assert event["multiValueQueryStringParameters"] is None


def test_binary_bodies_are_base64_and_text_bodies_are_not() -> None:
    binary = proxy_event("POST", "/x", headers(Content_Type="application/octet-stream"), b"\xff\x00")
    assert binary["isBase64Encoded"] is True
    assert base64.b64decode(binary["body"]) == b"\xff\x00"
    text = proxy_event("POST", "/x", headers(Content_Type="application/json"), '{"a": "á"}'.encode())
    assert (text["body"], text["isBase64Encoded"]) == ('{"a": "á"}', False)


def test_response_parts_decodes_base64_and_merges_header_maps() -> None:
    status, response_headers, body = response_parts(
        {
            "statusCode": 200,
            "headers": {"Content-Type": "image/png", "X-One": "1"},
            "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"], "X-One": ["1"]},
            "body": base64.b64encode(b"\x89PNG").decode(),
            "isBase64Encoded": True,
        }
    )
    assert status == 200
    assert body == b"\x89PNG"
    assert sorted(response_headers) == [
        ("Content-Type", "image/png"),
        ("Set-Cookie", "a=1"),
        ("Set-Cookie", "b=2"),
        ("X-One", "1"),
    ]


@pytest.mark.parametrize("result", [None, {"body": "no status"}, {"statusCode": "200"}])
def test_response_parts_rejects_what_api_gateway_would_reject(result: Any) -> None:
    with pytest.raises(ValueError, match="proxy integration response"):
        response_parts(result)


def echo_or_fail(event: dict[str, Any], context: object) -> dict[str, Any]:
    if event["path"] == "/fail":
        raise RuntimeError("handler bug")
    return {
        "statusCode": 201,
        "multiValueHeaders": {"Content-Type": ["application/json"]},
        "body": json.dumps({"path": event["path"], "query": event["multiValueQueryStringParameters"]}),
        "isBase64Encoded": False,
    }


@pytest.fixture
def server() -> Iterator[ApiGatewayServer]:
    api = ApiGatewayServer(echo_or_fail, port=0, context_factory=object)
    api.start()
    yield api
    api.stop()


def test_server_answers_with_the_handler_response(server: ApiGatewayServer) -> None:
    response = requests.get(f"http://127.0.0.1:{server.port}/articles", params={"language": "hu"}, timeout=10)
    assert response.status_code == 201
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"path": "/articles", "query": {"language": ["hu"]}}


def test_server_turns_a_handler_error_into_502_without_details(server: ApiGatewayServer) -> None:
    response = requests.get(f"http://127.0.0.1:{server.port}/fail", timeout=10)
    assert response.status_code == 502
    assert response.json() == {"message": "Internal server error"}
    assert "handler bug" not in response.text
