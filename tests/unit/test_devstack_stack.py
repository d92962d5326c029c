"""The local stack's own logic: object keys for uploads, port checks, handler environment, progress."""

import io
import json
import socket
from pathlib import Path

import pytest

from devstack.poller import MessageOutcome
from devstack.progress import IngestProgress
from devstack.stack import StackError, ensure_port_free, local_environment, plan_uploads


def test_folders_keep_relative_keys_and_files_their_name(tmp_path: Path) -> None:
    (tmp_path / "hu").mkdir()
    (tmp_path / "hu" / "NATO Japán.txt").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    single = tmp_path / "single.md"
    single.write_text("x")

    uploads = plan_uploads([tmp_path / "hu", single], prefix="in/")
    assert [upload.key for upload in uploads] == ["in/NATO Japán.txt", "in/single.md"]

    assert [upload.key for upload in plan_uploads([tmp_path])] == ["hu/NATO Japán.txt", "single.md"]


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StackError, match="no such file or folder"):
        plan_uploads([tmp_path / "missing.txt"])


def test_a_taken_port_is_reported_with_the_option_to_change(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(StackError, match=f"{port} is already in use.*--api-port"):
            ensure_port_free(port, "--api-port")


def test_handlers_get_moto_credentials_and_quiet_defaults_the_shell_can_override() -> None:
    environment = local_environment({"LOG_LEVEL": "DEBUG"})
    assert environment["AWS_DEFAULT_REGION"] == "us-east-1"
    assert environment["POWERTOOLS_TRACE_DISABLED"] == "true"
    assert environment["AWS_ACCESS_KEY_ID"]
    assert environment["LOG_LEVEL"] == "DEBUG"
    assert local_environment({})["LOG_LEVEL"] == "ERROR"


def notification(event_name: str, key: str) -> str:
    return json.dumps(
        {"Records": [{"eventName": event_name, "s3": {"bucket": {"name": "b"}, "object": {"key": key}}}]}
    )


def outcome(body: str, succeeded: bool, receive_count: int = 1) -> MessageOutcome:
    return MessageOutcome({"body": body}, succeeded, receive_count)


def test_progress_counts_expected_keys_until_each_is_stored_or_dead_lettered() -> None:
    console = io.StringIO()
    progress = IngestProgress(console, max_receive_count=5)
    progress.expect(["a b.txt", "c.txt"])

    progress.on_outcome(outcome(json.dumps({"Event": "s3:TestEvent"}), True))
    progress.on_outcome(outcome(notification("ObjectCreated:Put", "a+b.txt"), True))  # keys arrive encoded
    progress.on_outcome(outcome(notification("ObjectCreated:Put", "c.txt"), False, receive_count=2))
    assert progress.pending == ["c.txt"]

    progress.on_dead_letter({"Body": notification("ObjectCreated:Put", "c.txt")})
    assert progress.pending == []
    assert progress.dead_lettered == ["c.txt"]
    assert progress.wait(deadline=0.0)

    lines = console.getvalue().splitlines()
    assert "processed 1/2  a b.txt" in lines[0]
    assert "c.txt (attempt 2 of 5)" in lines[1]
    assert "dead-lettered c.txt" in lines[2]


def test_progress_reports_messages_that_are_no_s3_notification() -> None:
    console = io.StringIO()
    progress = IngestProgress(console, max_receive_count=5)
    progress.on_outcome(MessageOutcome({"body": "junk", "messageId": "m-1"}, False, 1))
    progress.on_dead_letter({"Body": "junk", "MessageId": "m-1"})
    lines = console.getvalue().splitlines()
    assert "failed" in lines[0] and "message m-1" in lines[0]
    assert "dead-lettered message m-1" in lines[1]
