"""End to end: ``articles local`` as a user runs it, driven over its S3 endpoint and its HTTP API.

The stack runs as a subprocess on free ports; files go in with boto3 over moto's S3 endpoint and
the answers come back through the HTTP API with ``requests``. Waits poll with a deadline.
"""

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

from articles.ingest import article_id_for
from tests.paths import REFERENCE_SAMPLE

pytestmark = pytest.mark.slow

ARTICLES_COMMAND = Path(sys.executable).with_name("articles")
BUCKET = "articles-local"
READY_LINE = "Ctrl-C stops everything"
STARTUP_SECONDS = 180  # generous: cold imports and the first extraction on a loaded CI machine
PROCESSING_SECONDS = 60
REFERENCE_SHA256 = hashlib.sha256(REFERENCE_SAMPLE.read_bytes()).hexdigest()
GERMAN_TEXT = (
    "Berlin, 12. März 2024 — Die Bundesregierung hat am Dienstag in Berlin neue Pläne vorgestellt. "
    "Bundeskanzler Olaf Scholz sprach danach mit Emmanuel Macron.\n"
).encode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for[T](condition: Callable[[], T | None], what: str, timeout: float = PROCESSING_SECONDS) -> T:
    """Poll ``condition`` until it returns something truthy; fail naming ``what`` at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)


@dataclass
class RunningStack:
    process: subprocess.Popen[bytes]
    api: str
    s3: Any
    stdout: Path
    stderr: Path

    def get(self, path: str, **params: str) -> requests.Response:
        return requests.get(f"{self.api}{path}", params=params, timeout=30)

    def view(self, key: str) -> dict[str, Any] | None:
        """The API's answer for the object's article (record and source), None while it is not stored."""
        response = self.get(f"/articles/{article_id_for(BUCKET, key)}")
        return response.json() if response.status_code == 200 else None

    def article(self, key: str) -> dict[str, Any] | None:
        view = self.view(key)
        return view["article"] if view else None

    def console(self) -> str:
        return self.stdout.read_text(encoding="utf-8", errors="replace")


def start_stack(tmp_path: Path, *paths: str) -> tuple[subprocess.Popen[bytes], Path, Path, int, int]:
    moto_port, api_port = free_port(), free_port()
    stdout, stderr = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(
            [ARTICLES_COMMAND, "local", "--port", str(moto_port), "--api-port", str(api_port), *paths],
            stdout=out,
            stderr=err,
            env=os.environ | {"PYTHONUNBUFFERED": "1"},
        )
    return process, stdout, stderr, moto_port, api_port


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    """The stack with its default sample articles, as ``make run`` starts it."""
    process, stdout, stderr, moto_port, api_port = start_stack(tmp_path_factory.mktemp("local-stack"))
    try:

        def ready() -> bool:
            if process.poll() is not None:
                pytest.fail(f"articles local exited with {process.returncode}:\n{stderr.read_text()[-3000:]}")
            return READY_LINE in stdout.read_text(encoding="utf-8", errors="replace")

        wait_for(ready, "the stack to ingest the samples and serve", timeout=STARTUP_SECONDS)
        s3 = boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{moto_port}",
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        yield RunningStack(process, f"http://127.0.0.1:{api_port}", s3, stdout, stderr)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    # Ctrl-C is the documented way to stop it: a clean exit, no traceback.
    assert process.returncode == 0, stderr.read_text()[-3000:]
    tracebacks = [line for line in stderr.read_text().splitlines() if line.startswith("Traceback")]
    assert not tracebacks, stderr.read_text()[-3000:]


def listed(response: requests.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    return [item["article"] for item in response.json()["items"]]


def test_samples_are_stored_and_summarised(stack: RunningStack) -> None:
    console = stack.console()
    assert "processed" in console
    assert "stored " in console
    assert "curl 'http://127.0.0.1:" in console


def test_entity_query_returns_the_reference_article(stack: RunningStack) -> None:
    articles = listed(stack.get("/articles", entity="Ukrajna"))
    assert REFERENCE_SHA256 in {article["content_sha256"] for article in articles}


def test_upload_with_spaces_and_accents_is_queryable(stack: RunningStack) -> None:
    key = "beérkező/NATO és Japán 2024.txt"
    stack.s3.put_object(Bucket=BUCKET, Key=key, Body=REFERENCE_SAMPLE.read_bytes())

    view = wait_for(lambda: stack.view(key), f"{key!r} to be stored")
    assert view["source"]["key"] == key
    article = view["article"]
    assert article["status"] == "processed"
    assert article["language"]["code"] == "hu"
    assert article["content_sha256"] == REFERENCE_SHA256
    assert article["id"] == article_id_for(BUCKET, key)

    hungarian = listed(stack.get("/articles", language="hu"))
    assert article["id"] in {a["id"] for a in hungarian}
    by_entity = listed(stack.get("/articles", entity="Ukrajna"))
    assert article["id"] in {a["id"] for a in by_entity}


def test_overwrite_shows_the_new_content(stack: RunningStack) -> None:
    key = "overwritten article.txt"
    stack.s3.put_object(Bucket=BUCKET, Key=key, Body=GERMAN_TEXT)
    first = wait_for(lambda: stack.article(key), "the first version")
    assert first["language"]["code"] == "de"

    stack.s3.put_object(Bucket=BUCKET, Key=key, Body=REFERENCE_SAMPLE.read_bytes())

    def replaced() -> dict[str, Any] | None:
        article = stack.article(key)
        return article if article and article["content_sha256"] == REFERENCE_SHA256 else None

    article = wait_for(replaced, "the second version to replace the first")
    assert article["language"]["code"] == "hu"
    # The article item is written before its index items are cleaned up, so a reader may briefly
    # still find the old language's entry: wait for the cleanup rather than racing it.
    wait_for(
        lambda: article["id"] not in {a["id"] for a in listed(stack.get("/articles", language="de"))},
        "the first version's index entry to be removed",
    )


def test_deleted_object_is_gone(stack: RunningStack) -> None:
    key = "to be deleted.txt"
    stack.s3.put_object(Bucket=BUCKET, Key=key, Body=GERMAN_TEXT)
    wait_for(lambda: stack.article(key), f"{key!r} to be stored")

    stack.s3.delete_object(Bucket=BUCKET, Key=key)

    article_id = article_id_for(BUCKET, key)
    wait_for(lambda: stack.get(f"/articles/{article_id}").status_code == 404, "the article to be deleted")
    assert article_id not in {a["id"] for a in listed(stack.get("/articles", language="de"))}


def test_rejected_input_is_visible_with_its_reason(stack: RunningStack) -> None:
    key = "broken.bin"
    stack.s3.put_object(Bucket=BUCKET, Key=key, Body=b"\x00\x01binary\x00" * 10)
    article = wait_for(lambda: stack.article(key), "the rejected record")
    assert article["status"] == "rejected"
    assert article["rejection"]["code"] == "binary"


def test_openapi_document_and_swagger_ui(stack: RunningStack) -> None:
    document = stack.get("/openapi.json")
    assert document.status_code == 200, document.text
    paths = json.loads(document.text)["paths"]
    assert "/articles" in paths

    swagger = stack.get("/swagger")
    assert swagger.status_code == 200
    assert swagger.headers["Content-Type"].startswith("text/html")
    assert "swagger" in swagger.text.lower()


def test_once_prints_the_stored_record_and_exits(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            ARTICLES_COMMAND,
            "local",
            "--once",
            "--port",
            str(free_port()),
            "--api-port",
            str(free_port()),
            str(REFERENCE_SAMPLE),
        ],
        capture_output=True,
        text=True,
        timeout=STARTUP_SECONDS,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    records = [json.loads(line) for line in result.stdout.splitlines()]  # stdout is JSON Lines only
    assert len(records) == 1
    (record,) = records
    assert record["status"] == "processed"
    assert record["language"]["code"] == "hu"
    assert record["content_sha256"] == REFERENCE_SHA256
    assert "Ukrajna" in {entity["name"] for entity in record["entities"]}
