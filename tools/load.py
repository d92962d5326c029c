"""Load test of the local stack: a bounded burst of uploads, re-uploads and deletes, then the invariant.

``python tools/load.py`` starts ``articles local`` on free ports (or, with ``--endpoint`` and
``--api``, uses one already running), uploads ``--files`` objects (NerKor and GermEval documents,
the reference sample and some bad inputs) with duplicates (same key, same or new content) and
deletes interleaved, from a small thread pool over moto's S3 endpoint. It then waits, with a
deadline, until the ingest queue is drained and the API lists every live key, and verifies:

- the invariant (``devstack.invariant.check_invariant``) over the whole bucket;
- through the API: every live key's article is retrievable by id with its latest content, every
  deleted key answers 404;
- nothing in the dead-letter queue.

Prints throughput and writes ``bench/load.json``; exits 1 on any violation. Every request goes to
127.0.0.1, every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
NERKOR = SHARED / "eval" / "ner" / "hu-nerkor-news.jsonl"
GERMEVAL = SHARED / "eval" / "ner" / "de-germeval2014-news.jsonl"
REFERENCE_SAMPLE = SHARED / "samples" / "hu-nato-japan-2024-07.txt"
DEFAULT_OUTPUT = REPO / "bench" / "load.json"

LOCAL_HOSTS = ("127.0.0.1", "localhost")
REGION = "us-east-1"
KEY_PREFIX = "load/"
READY_LINE = "Ctrl-C stops everything"  # printed by `articles local` once it serves
STARTUP_SECONDS = 180.0
REQUEST_SECONDS = 30.0
POLL_SECONDS = 2.0
QUIET_SECONDS = 25.0
"""How long the queue must stay empty before giving up on the expected counts: more than the local
visibility timeout (10 s), so a message whose processing failed would have come back."""
LISTING_PAGE = 100

# Share of operations of each kind (the rest are uploads of new keys). Duplicates and deletes
# pick one of the most recently written keys, so their events are in flight together.
SAME_CONTENT_RATE = 0.05
NEW_CONTENT_RATE = 0.05
RECREATE_RATE = 0.01
DELETE_RATE = 0.05
RECENT_KEYS = 64

OperationKind = Literal["put", "delete"]


# --- the plan (pure) -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    name: str
    body: bytes


@dataclass(frozen=True)
class Operation:
    kind: OperationKind
    key: str
    body: bytes = b""
    reason: str = "new"
    """new | same-content | new-content | re-create | delete"""


def bad_inputs() -> list[Document]:
    """Inputs the pipeline must reject (or tolerate) without an exception or a retry."""
    return [
        Document("empty.txt", b""),
        Document("binary.bin", bytes(range(256)) * 8),
        Document("nul-bytes.txt", b"A NATO\x00\x00\x00 fokozza\x00" * 50),
        Document("truncated-utf8.txt", "árvíztűrő tükörfúrógép ".encode() * 40 + b"\xc3"),
        Document("broken.json", b'{"title": "x", "body": ' + b"[" * 2000),
        Document("scripts-only.html", b"<html><script>" + b"alert(1);" * 500 + b"</script></html>"),
        Document("one-word.txt", b"Budapest"),
    ]


def documents_from_jsonl(text: str) -> list[Document]:
    """``{"id", "text"}`` lines as plain-text documents named after their id."""
    documents = []
    for line in text.splitlines():
        if line.strip():
            doc = json.loads(line)
            documents.append(Document(f"{doc['id']}.txt", doc["text"].encode("utf-8")))
    return documents


def plan_operations(
    documents: Sequence[Document], *, files: int, seed: int, prefix: str = KEY_PREFIX
) -> list[Operation]:
    """``files`` uploads (new keys, re-uploads, re-creations) with deletes interleaved; deterministic."""
    if not documents:
        raise ValueError("no documents to upload")
    rng = random.Random(seed)  # noqa: S311 - a reproducible plan, not a secret
    operations: list[Operation] = []
    live: list[str] = []
    deleted: list[str] = []
    content: dict[str, bytes] = {}
    new_keys = 0

    def put(key: str, body: bytes, reason: str) -> None:
        operations.append(Operation("put", key, body, reason))
        content[key] = body
        if key not in live:
            live.append(key)

    for _ in range(files):
        roll = rng.random()
        recent = live[-RECENT_KEYS:]
        if recent and roll < SAME_CONTENT_RATE:
            key = rng.choice(recent)
            put(key, content[key], "same-content")
        elif recent and roll < SAME_CONTENT_RATE + NEW_CONTENT_RATE:
            key = rng.choice(recent)
            put(key, _other_body(documents, content[key], rng), "new-content")
        elif deleted and roll < SAME_CONTENT_RATE + NEW_CONTENT_RATE + RECREATE_RATE:
            key = deleted.pop(rng.randrange(len(deleted)))
            put(key, rng.choice(documents).body, "re-create")
        else:
            document = documents[new_keys % len(documents)]
            put(_new_key(prefix, new_keys, document.name), document.body, "new")
            new_keys += 1
        if len(live) > 1 and rng.random() < DELETE_RATE:
            key = rng.choice(live[-RECENT_KEYS:])
            live.remove(key)
            deleted.append(key)
            operations.append(Operation("delete", key, reason="delete"))
    return operations


def _new_key(prefix: str, number: int, name: str) -> str:
    # Every tenth key has spaces and accents: S3 notifications carry keys URL-encoded.
    return f"{prefix}{number:05d} árvíztűrő {name}" if number % 10 == 9 else f"{prefix}{number:05d}-{name}"


def _other_body(documents: Sequence[Document], current: bytes, rng: random.Random) -> bytes:
    for _ in range(10):  # bounded: a corpus of one repeated document has no other body
        body = rng.choice(documents).body
        if body != current:
            return body
    return current + b"\nupdated"


def final_state(operations: Sequence[Operation]) -> dict[str, bytes | None]:
    """Each key's content after the operations in order; None for a deleted key."""
    state: dict[str, bytes | None] = {}
    for operation in operations:
        state[operation.key] = operation.body if operation.kind == "put" else None
    return state


def shard_by_key(operations: Sequence[Operation], workers: int) -> list[list[Operation]]:
    """One list per worker; a key's operations stay on one worker, in order, so the final state is known."""
    shards: list[list[Operation]] = [[] for _ in range(max(1, workers))]
    for operation in operations:
        shards[zlib.crc32(operation.key.encode()) % len(shards)].append(operation)
    return shards


def count_reasons(operations: Sequence[Operation]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for operation in operations:
        counts[operation.reason] = counts.get(operation.reason, 0) + 1
    return dict(sorted(counts.items()))


def rate(count: int, seconds: float | None) -> float | None:
    return round(count / seconds, 1) if seconds else None


def ensure_local(url: str, option: str) -> str:
    """The URL without a trailing slash; refuses anything but plain HTTP on this machine."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOCAL_HOSTS or parts.port is None:
        raise SystemExit(f"load.py: {option} must be http://127.0.0.1:PORT (got {url!r})")
    return url.rstrip("/")


# --- the stack ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoints:
    aws: str
    api: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def local_stack(log_dir: Path) -> Iterator[Endpoints]:
    """``articles local`` on free ports, started with the reference sample; stopped like Ctrl-C."""
    aws_port, api_port = free_port(), free_port()
    stdout, stderr = log_dir / "stack-stdout.txt", log_dir / "stack-stderr.txt"
    command = [
        str(Path(sys.executable).with_name("articles")),
        "local",
        "--port",
        str(aws_port),
        "--api-port",
        str(api_port),
        str(REFERENCE_SAMPLE),
    ]
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(
            command, stdout=out, stderr=err, env=os.environ | {"PYTHONUNBUFFERED": "1"}
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while READY_LINE not in stdout.read_text(encoding="utf-8", errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = stderr.read_text(encoding="utf-8", errors="replace")[-2000:]
                raise SystemExit(f"load.py: the local stack did not start:\n{tail}")
            time.sleep(0.5)
        yield Endpoints(aws=f"http://127.0.0.1:{aws_port}", api=f"http://127.0.0.1:{api_port}")
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # the stack stops on SIGTERM as on Ctrl-C
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@dataclass
class Clients:
    s3: Any
    sqs: Any
    dynamodb: Any

    @classmethod
    def for_endpoint(cls, endpoint: str, workers: int) -> Clients:
        import boto3
        from botocore.config import Config

        # Fake credentials: moto accepts anything, and nothing here may reach a real account.
        session = boto3.Session(
            aws_access_key_id="testing",
            aws_secret_access_key="testing",  # noqa: S106 - moto accepts anything
            region_name=REGION,
        )
        config = Config(max_pool_connections=max(10, workers), retries={"max_attempts": 3})
        return cls(
            s3=session.client("s3", endpoint_url=endpoint, config=config),
            sqs=session.client("sqs", endpoint_url=endpoint, config=config),
            dynamodb=session.client("dynamodb", endpoint_url=endpoint, config=config),
        )


# --- the run -----------------------------------------------------------------------------------------


@dataclass
class Report:
    plan: dict[str, Any]
    figures: dict[str, Any] = field(default_factory=dict)
    dead_letters: int = 0
    invariant_violations: list[str] = field(default_factory=list)
    api_failures: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.dead_letters or self.invariant_violations or self.api_failures)


def upload(clients: Clients, bucket: str, operations: Sequence[Operation], workers: int) -> float:
    """Run the operations from ``workers`` threads; returns the seconds it took."""

    def run_shard(shard: list[Operation]) -> None:
        for operation in shard:
            if operation.kind == "put":
                clients.s3.put_object(Bucket=bucket, Key=operation.key, Body=operation.body)
            else:
                clients.s3.delete_object(Bucket=bucket, Key=operation.key)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="upload") as pool:
        for future in [pool.submit(run_shard, shard) for shard in shard_by_key(operations, workers)]:
            future.result()  # re-raises an upload error
    return time.perf_counter() - started


def queue_depth(sqs: Any, queue_url: str) -> int:
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=names)["Attributes"]
    return sum(int(attributes.get(name, 0)) for name in names)


def listed_keys(session: Any, api: str, prefix: str) -> set[str]:
    """Source keys under ``prefix`` of every article the API lists (both statuses, every page)."""
    keys: set[str] = set()
    for status in ("processed", "rejected"):
        cursor: str | None = None
        for _ in range(100_000 // LISTING_PAGE):  # bounded: far more pages than a burst can fill
            params: dict[str, Any] = {"status": status, "limit": LISTING_PAGE}
            if cursor:
                params["cursor"] = cursor
            response = session.get(f"{api}/articles", params=params, timeout=REQUEST_SECONDS)
            response.raise_for_status()
            page = response.json()
            keys.update(
                item["source"]["key"] for item in page["items"] if item["source"]["key"].startswith(prefix)
            )
            cursor = page.get("next_cursor")
            if not cursor:
                break
    return keys


def wait_until_queryable(
    check_depth: Callable[[], int], check_listed: Callable[[], set[str]], expected: set[str], deadline: float
) -> bool:
    """Poll until the queue is empty and the API lists exactly ``expected``; False at the deadline or
    when the queue stayed empty for QUIET_SECONDS without the listing matching."""
    quiet_since: float | None = None
    while time.monotonic() < deadline:
        if check_depth() == 0:
            if check_listed() == expected:
                return True
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > QUIET_SECONDS:
                return False
        else:
            quiet_since = None
        time.sleep(POLL_SECONDS)
    return False


def table_items(dynamodb: Any, table: str) -> int:
    """Items in the table at the end: moto's Query sorts them all on every call, so its time grows with them."""
    paginator = dynamodb.get_paginator("scan")
    return sum(page["Count"] for page in paginator.paginate(TableName=table, Select="COUNT"))


def api_mismatches(session: Any, api: str, bucket: str, state: dict[str, bytes | None]) -> list[str]:
    """Each key's article through the API: the latest content for a live key, 404 for a deleted one."""
    from articles.ingest import article_id_for

    problems = []
    for key, body in sorted(state.items()):
        response = session.get(f"{api}/articles/{article_id_for(bucket, key)}", timeout=REQUEST_SECONDS)
        if body is None:
            if response.status_code != 404:
                problems.append(f"{key!r}: deleted, but the API answers {response.status_code}")
            continue
        if response.status_code != 200:
            problems.append(f"{key!r}: live, but the API answers {response.status_code}")
            continue
        view = response.json()
        if view["source"]["key"] != key:
            problems.append(f"{key!r}: the API returns the article of {view['source']['key']!r}")
        elif view["article"]["content_sha256"] != hashlib.sha256(body).hexdigest():
            problems.append(f"{key!r}: the API returns an older content, not the latest upload")
    return problems


def run(args: argparse.Namespace, endpoints: Endpoints) -> Report:
    import requests

    from devstack.invariant import check_invariant, dead_lettered_keys

    documents = load_documents()
    operations = plan_operations(documents, files=args.files, seed=args.seed)
    state = final_state(operations)
    live = {key for key, body in state.items() if body is not None}
    report = Report(
        plan={
            "files": args.files,
            "operations": len(operations),
            "by_kind": count_reasons(operations),
            "keys": len(state),
            "live_keys": len(live),
            "deleted_keys": len(state) - len(live),
            "workers": args.workers,
            "seed": args.seed,
            "documents": len(documents),
        }
    )
    clients = Clients.for_endpoint(endpoints.aws, args.workers)
    queue_url = clients.sqs.get_queue_url(QueueName=args.queue)["QueueUrl"]
    dlq_url = clients.sqs.get_queue_url(QueueName=f"{args.queue}-dlq")["QueueUrl"]
    dead_before = queue_depth(clients.sqs, dlq_url)
    session = requests.Session()
    say(f"{len(operations)} operations on {len(state)} keys: {report.plan['by_kind']}")

    started = time.monotonic()
    upload_seconds = upload(clients, args.bucket, operations, args.workers)
    puts = sum(1 for operation in operations if operation.kind == "put")
    say(f"uploaded in {upload_seconds:.1f} s ({rate(len(operations), upload_seconds)} requests/s); waiting…")

    queryable = wait_until_queryable(
        lambda: queue_depth(clients.sqs, queue_url),
        lambda: listed_keys(session, endpoints.api, KEY_PREFIX),
        live,
        started + args.deadline,
    )
    settled_seconds = time.monotonic() - started
    if not queryable:
        listed = listed_keys(session, endpoints.api, KEY_PREFIX)
        report.api_failures.append(
            f"after {settled_seconds:.0f} s the API lists {len(listed & live)} of {len(live)} live keys"
            f" and {len(listed - live)} deleted ones; queue depth {queue_depth(clients.sqs, queue_url)}"
        )
    say(f"{'all queryable' if queryable else 'NOT all queryable'} after {settled_seconds:.1f} s; verifying…")

    report.dead_letters = queue_depth(clients.sqs, dlq_url) - dead_before
    dead_keys = dead_lettered_keys(clients.sqs, dlq_url, args.bucket)
    verify_started = time.monotonic()
    report.invariant_violations = check_invariant(
        clients.s3, clients.dynamodb, args.bucket, args.table, dead_lettered=dead_keys
    )
    report.api_failures.extend(api_mismatches(session, endpoints.api, args.bucket, state))
    report.figures = {
        "upload_seconds": round(upload_seconds, 2),
        "files_per_second_uploaded": rate(puts, upload_seconds),
        "s3_requests_per_second": rate(len(operations), upload_seconds),
        "seconds_until_all_queryable": round(settled_seconds, 2) if queryable else None,
        "events_per_second_end_to_end": rate(len(operations), settled_seconds) if queryable else None,
        "uploads_per_second_end_to_end": rate(puts, settled_seconds) if queryable else None,
        "verify_seconds": round(time.monotonic() - verify_started, 2),
        "table_items": table_items(clients.dynamodb, args.table),
    }
    return report


def load_documents() -> list[Document]:
    documents = documents_from_jsonl(NERKOR.read_text(encoding="utf-8"))
    documents += documents_from_jsonl(GERMEVAL.read_text(encoding="utf-8"))
    documents.append(Document(REFERENCE_SAMPLE.name, REFERENCE_SAMPLE.read_bytes()))
    return documents + bad_inputs()


def print_report(report: Report) -> None:
    figures = report.figures
    say("")
    say(
        f"uploaded:               {figures.get('files_per_second_uploaded')} files/s"
        f" ({figures.get('s3_requests_per_second')} S3 PUT/DELETE requests/s, {figures.get('upload_seconds')} s)"
    )
    say(
        f"processed end to end:   {figures.get('events_per_second_end_to_end')} events/s (uploads and deletes)"
    )
    say(f"time until queryable:   {figures.get('seconds_until_all_queryable')} s from the first upload")
    say(f"dead-letter queue:      {report.dead_letters} message(s)")
    say(f"invariant violations:   {len(report.invariant_violations)}")
    say(f"API mismatches:         {len(report.api_failures)}")
    for problem in (report.invariant_violations + report.api_failures)[:20]:
        say(f"  {problem}")


def write_json(report: Report, output: Path, started_utc: datetime, total_seconds: float) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "meta": {
            "command": "tools/load.py",
            "started_utc": started_utc.isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {os.cpu_count()} CPU(s)",
            "duration_s": round(total_seconds, 1),
            "measured": "first S3 request to: ingest queue empty and the API listing every live key; "
            "one local poller, moto server and both handlers in one process (articles local); moto's "
            "Query sorts the whole table on every call, so the rate falls as the table grows",
        },
        "plan": report.plan,
        "figures": report.figures,
        "dead_letters": report.dead_letters,
        "invariant_violations": len(report.invariant_violations),
        "api_mismatches": len(report.api_failures),
        "problems": (report.invariant_violations + report.api_failures)[:100],
        "passed": not report.failed,
    }
    output.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def say(line: str) -> None:
    print(line, flush=True)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    from devstack.resources import LOCAL_BUCKET, LOCAL_QUEUE, LOCAL_TABLE

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--files", type=int, default=2000, help="uploads in the burst (default 2000)")
    parser.add_argument("--workers", type=int, default=8, help="upload threads (default 8)")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the plan (default 2024)")
    parser.add_argument(
        "--deadline", type=float, default=3600.0, help="seconds to wait for processing (default 3600)"
    )
    parser.add_argument("--endpoint", help="moto endpoint of a running stack (http://127.0.0.1:PORT)")
    parser.add_argument("--api", help="HTTP API of that stack (http://127.0.0.1:PORT)")
    parser.add_argument("--bucket", default=LOCAL_BUCKET)
    parser.add_argument("--table", default=LOCAL_TABLE)
    parser.add_argument("--queue", default=LOCAL_QUEUE, help="ingest queue name (its DLQ: NAME-dlq)")
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help="JSON report (default bench/load.json)"
    )
    args = parser.parse_args(argv)
    if (args.endpoint is None) != (args.api is None):
        parser.error("--endpoint and --api go together")
    if args.files < 1 or args.workers < 1:
        parser.error("--files and --workers must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # `kill` stops the run through the finally blocks, so a stack this run started is stopped too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    started_utc, started = datetime.now(UTC), time.monotonic()
    if args.endpoint:
        endpoints = Endpoints(ensure_local(args.endpoint, "--endpoint"), ensure_local(args.api, "--api"))
        report = run(args, endpoints)
    else:
        with tempfile.TemporaryDirectory(prefix="articles-load-") as logs:
            say("starting the local stack on free ports…")
            with local_stack(Path(logs)) as endpoints:
                report = run(args, endpoints)
    print_report(report)
    write_json(report, args.output, started_utc, time.monotonic() - started)
    say(
        f"\n{'FAILED' if report.failed else 'passed'}; report in {args.output} ({time.monotonic() - started:.0f} s)"
    )
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
