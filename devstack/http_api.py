"""Serves a Lambda handler over plain HTTP by converting requests to API Gateway REST proxy events.

The event follows what API Gateway's REST API (payload 1.0) sends: the path stays percent-encoded
(as on AWS, so the handler must decode path parameters itself), query string values are decoded,
single and multi-value maps for headers and query, a request context with the stage and a request
id. There is no stage prefix in the URL (like a custom domain), no authorizer and no throttling:
the local API is open to anyone who can reach 127.0.0.1.
"""

from __future__ import annotations

import base64
import logging
import threading
import time
import uuid
from collections.abc import Callable
from email.message import Message
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

logger = logging.getLogger(__name__)

STAGE = "local"
_TEXT_TYPES = ("text/", "application/json", "application/xml", "application/x-www-form-urlencoded")

Handler = Callable[[dict[str, Any], Any], Any]


def proxy_event(
    method: str,
    target: str,
    headers: Message,
    body: bytes,
    *,
    source_ip: str = "127.0.0.1",
    host: str = "127.0.0.1",
) -> dict[str, Any]:
    """Build the REST API proxy event for one HTTP request (``target`` is the raw request-target)."""
    url = urlsplit(target)
    path = url.path or "/"
    query_pairs = parse_qsl(url.query, keep_blank_values=True)
    multi_query: dict[str, list[str]] = {}
    for name, value in query_pairs:
        multi_query.setdefault(name, []).append(value)
    multi_headers: dict[str, list[str]] = {}
    for name, value in headers.items():
        multi_headers.setdefault(name, []).append(value)
    now = time.time()
    text_body, is_base64 = _event_body(body, headers.get("Content-Type", ""))
    return {
        "resource": "/{proxy+}",
        "path": path,
        "httpMethod": method,
        "headers": {name: values[-1] for name, values in multi_headers.items()} or None,
        "multiValueHeaders": multi_headers or None,
        "queryStringParameters": {name: values[-1] for name, values in multi_query.items()} or None,
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": {"proxy": path.lstrip("/")},
        "stageVariables": None,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "local",
            "resourceId": "local",
            "resourcePath": "/{proxy+}",
            "httpMethod": method,
            # Without the stage prefix, as API Gateway sends it behind a custom domain: the handler
            # (Swagger UI) builds its links from it, and local URLs carry no stage.
            "path": path,
            "stage": STAGE,
            "requestId": str(uuid.uuid4()),
            "extendedRequestId": str(uuid.uuid4()),
            "requestTimeEpoch": int(now * 1000),
            "requestTime": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
            "protocol": "HTTP/1.1",
            "domainName": host,
            "identity": {"sourceIp": source_ip, "userAgent": headers.get("User-Agent")},
        },
        "body": text_body,
        "isBase64Encoded": is_base64,
    }


def _event_body(body: bytes, content_type: str) -> tuple[str | None, bool]:
    if not body:
        return None, False
    if content_type.startswith(_TEXT_TYPES):
        try:
            return body.decode("utf-8"), False
        except UnicodeDecodeError:
            pass
    return base64.b64encode(body).decode("ascii"), True


def response_parts(result: Any) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body bytes of a proxy integration response; ValueError if malformed."""
    if not isinstance(result, dict) or not isinstance(result.get("statusCode"), int):
        raise ValueError(f"not a proxy integration response: {type(result).__name__}")
    headers: list[tuple[str, str]] = []
    multi = result.get("multiValueHeaders") or {}
    for name, values in multi.items():
        headers.extend((name, str(value)) for value in values)
    for name, value in (result.get("headers") or {}).items():
        if name not in multi:
            headers.append((name, str(value)))
    body = result.get("body") or ""
    data = base64.b64decode(body) if result.get("isBase64Encoded") else str(body).encode("utf-8")
    return result["statusCode"], headers, data


class ApiGatewayServer:
    """A threaded HTTP server in front of one handler; one invocation at a time, like one Lambda instance."""

    def __init__(
        self, handler: Handler, *, port: int, context_factory: Callable[[], Any], host: str = "127.0.0.1"
    ) -> None:
        # Powertools' resolver keeps the current event on a module-level object: concurrent calls
        # would mix requests up. Lambda never runs two events in one instance either.
        invoke_lock = threading.Lock()

        class RequestHandler(_ProxyRequestHandler):
            def invoke(self, event: dict[str, Any]) -> Any:
                with invoke_lock:
                    return handler(event, context_factory())

        self._server = ThreadingHTTPServer((host, port), RequestHandler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, name="http-api", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


class _ProxyRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "articles-local"

    def invoke(self, event: dict[str, Any]) -> Any:  # pragma: no cover - replaced per server
        raise NotImplementedError

    def _proxy(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        event = proxy_event(
            self.command,
            self.path,
            self.headers,
            body,
            source_ip=self.client_address[0],
            host=self.headers.get("Host", "127.0.0.1"),
        )
        try:
            status, headers, data = response_parts(self.invoke(event))
        except Exception:
            # API Gateway answers 502 when the integration fails; the traceback is for the developer only.
            logger.exception("API handler failed for %s %s", self.command, self.path)
            status, headers, data = (
                502,
                [("Content-Type", "application/json")],
                b'{"message": "Internal server error"}',
            )
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = _proxy

    def log_message(self, format: str, *args: Any) -> None:
        logger.info("%s %s", self.address_string(), format % args)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Malformed requests never reach the handler; answer like API Gateway would, in JSON.
        status = HTTPStatus(code)
        data = f'{{"message": "{status.phrase}"}}'.encode()
        self.send_response(code, message)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and code >= 200:
            self.wfile.write(data)
