"""No article text, entity list or object body in the functions' logs, beyond the configured preview.

The handlers run as in Lambda (moto, S3 upload -> SQS -> handler); what they print is what
CloudWatch would receive: powertools writes every ``articles.*`` record as JSON to stdout.
"""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Callable, Iterator

import pytest
from botocore.exceptions import ClientError
from pydantic import ValidationError

from articles.extract.record import ArticleRecord
from articles.log_privacy import (
    MAX_PREVIEW_CHARS,
    PrivateLogFormatter,
    preview_chars_from_environment,
    redacted_traceback,
    text_preview,
)
from devstack.lambda_runtime import load_handler
from tests.aws_harness import Service

MARKER = "Qzxvorbalmeister"
"""A made-up name: in the article text, and extracted as an entity (it is capitalised mid-sentence)."""

ARTICLE = (
    f"{MARKER} szerint a NATO fokozza közös hadgyakorlatait Japánnal. A tárgyaláson {MARKER} "
    f"elmondta, hogy Ukrajna támogatása folytatódik, és {MARKER} a jövő héten Brüsszelbe utazik. "
    "Jens Stoltenberg, a NATO főtitkára is jelen volt.\n"
).encode()


@pytest.fixture
def logs(service: Service, capsys: pytest.CaptureFixture[str]) -> Iterator[Callable[[], str]]:
    """Everything the functions print from now on, at DEBUG level (the most that can be logged)."""
    articles_logger = logging.getLogger("articles")
    # The powertools handler writes to the sys.stdout of the first Logger() in the process (a
    # stream pytest may have replaced since): point it at a buffer of this test's own.
    handler = articles_logger.powertools_handler  # type: ignore[attr-defined]
    saved_stream, saved_level = handler.stream, articles_logger.level
    handler.stream = io.StringIO()
    articles_logger.setLevel(logging.DEBUG)
    try:
        # Plus whatever else reaches stdout and stderr (metrics, Python's last-resort handler).
        yield lambda: handler.stream.getvalue() + "".join(capsys.readouterr())
    finally:
        handler.stream = saved_stream
        articles_logger.setLevel(saved_level)


def reload_ingest(service: Service, monkeypatch: pytest.MonkeyPatch, preview_chars: int) -> None:
    monkeypatch.setenv("LOG_TEXT_PREVIEW_CHARS", str(preview_chars))
    service.ingest = load_handler("ingest")


def json_lines(output: str) -> list[dict]:
    """The log lines (powertools' metrics print JSON without a message, too)."""
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return [line for line in lines if "message" in line]


def test_logs_carry_no_article_text_or_entities_by_default(service: Service, logs: Callable[[], str]) -> None:
    service.upload("hu/cikk.txt", ARTICLE)
    service.upload("bad/broken.json", b'{"title": "' + MARKER.encode() + b'", ')  # rejected: invalid JSON
    result = service.drain()
    assert result == {"batchItemFailures": []}
    _, stored = service.get("/articles", {"entity": MARKER})
    assert len(stored["items"]) == 1  # the marker is an entity of the stored record...

    output = logs()
    messages = {line["message"] for line in json_lines(output)}
    assert {"article stored", "input rejected", "object event handled"} <= messages
    assert MARKER not in output  # ...and neither it nor the text reaches the logs
    assert MARKER[:6] not in output
    assert "NATO" not in output


@pytest.mark.parametrize("preview_chars", [5, 40])
def test_a_preview_shows_exactly_the_configured_number_of_characters(
    service: Service, logs: Callable[[], str], monkeypatch: pytest.MonkeyPatch, preview_chars: int
) -> None:
    reload_ingest(service, monkeypatch, preview_chars)
    service.upload("hu/cikk.txt", ARTICLE)
    service.drain()

    (stored,) = [line for line in json_lines(logs()) if line["message"] == "article stored"]
    assert stored["text_preview"] == ARTICLE.decode()[:preview_chars]
    assert MARKER not in json.dumps(stored, ensure_ascii=False).replace(stored["text_preview"], "")


def test_a_rejected_input_is_logged_with_its_code_and_preview(
    service: Service, logs: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    reload_ingest(service, monkeypatch, 8)
    service.upload("bad/broken.json", b'{"title": "' + MARKER.encode() + b'", ')
    service.drain()

    (rejected,) = [line for line in json_lines(logs()) if line["message"] == "input rejected"]
    assert rejected["rejection"] == "invalid_json"
    assert rejected["text_preview"] == '{"title"'
    assert rejected["level"] == "WARNING"


def test_an_extraction_bug_is_logged_without_the_text_its_message_quotes(
    service: Service, logs: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_detection(body: str, hint: str | None) -> None:
        raise ValueError(f"cannot classify {body[:80]!r}")

    monkeypatch.setattr("articles.extract.pipeline.detect_language", failing_detection)
    service.upload("hu/cikk.txt", ARTICLE)
    service.drain()

    (failure,) = [line for line in json_lines(logs()) if line["message"] == "extraction failed"]
    assert failure["exception_name"] == "ValueError"
    assert "failing_detection" in failure["exception"]  # the frames stay: the bug can be found
    assert "message withheld" in failure["exception"]
    assert MARKER not in json.dumps(failure)


def test_an_api_error_quoting_stored_text_is_logged_without_it(
    service: Service, logs: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def corrupt_record(article_id: str) -> None:
        ArticleRecord.model_validate({"id": article_id, "status": MARKER})

    with pytest.raises(ValidationError, match=MARKER):  # pydantic quotes the invalid input
        corrupt_record("x")
    monkeypatch.setattr(service.api._store, "get_article", corrupt_record)

    status, body = service.get("/articles/abc")

    assert status == 500
    assert MARKER not in json.dumps(body)
    (failure,) = [line for line in json_lines(logs()) if line["message"] == "unhandled error"]
    assert failure["exception_name"] == "ValidationError"
    assert MARKER not in json.dumps(failure)


# --------------------------------------------------------------------- the pieces


def test_text_preview_counts_characters_not_bytes() -> None:
    assert text_preview("Árvíztűrő tükörfúrógép".encode(), 0) == {}
    assert text_preview("Árvíztűrő tükörfúrógép".encode(), 4) == {"text_preview": "Árví"}
    assert text_preview(b"\xff\xfeab", 3) == {"text_preview": "\ufffd\ufffda"}


@pytest.mark.parametrize(
    ("configured", "chars"), [(None, 0), ("", 0), ("abc", 0), ("-3", 0), ("120", 120), ("99999", 500)]
)
def test_preview_length_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, configured: str | None, chars: int
) -> None:
    if configured is None:
        monkeypatch.delenv("LOG_TEXT_PREVIEW_CHARS", raising=False)
    else:
        monkeypatch.setenv("LOG_TEXT_PREVIEW_CHARS", configured)
    assert preview_chars_from_environment() == chars
    assert chars <= MAX_PREVIEW_CHARS


def test_redaction_covers_the_whole_exception_chain_but_keeps_aws_errors() -> None:
    try:
        try:
            raise ValueError(f"bad text {MARKER}")
        except ValueError as error:
            raise KeyError(MARKER) from error
    except KeyError as error:
        chained = redacted_traceback(error)
    assert MARKER not in chained
    assert "ValueError (message withheld" in chained and "KeyError (message withheld" in chained
    assert chained.index("ValueError") < chained.index("KeyError")  # causes first, as Python prints

    denied = ClientError(
        {"Error": {"Code": "AccessDenied", "Message": "not allowed on bucket b"}}, "GetObject"
    )
    assert "AccessDenied" in redacted_traceback(denied) and "not allowed on bucket b" in redacted_traceback(
        denied
    )


def test_the_formatter_renders_exceptions_redacted() -> None:
    try:
        raise RuntimeError(MARKER)
    except RuntimeError:
        record = logging.LogRecord("articles.x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    line = json.loads(PrivateLogFormatter().format(record))
    assert line["exception_name"] == "RuntimeError"
    assert MARKER not in json.dumps(line)
