"""``articles local``: the whole service on one machine, on moto, without Docker or an AWS account.

moto's server plays S3, SQS and DynamoDB on 127.0.0.1:<port>; the bucket, queues and table come
from template.yaml; the real ingest handler consumes the queue through an emulated event source
mapping, and the real API handler answers HTTP requests converted to API Gateway proxy events.
Both handlers run in this process and reach moto through ``AWS_ENDPOINT_URL``.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import signal
import socket
import sys
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import boto3
from moto.server import ThreadedMotoServer

from articles.extract.record import ArticleRecord
from articles.ingest import article_id_for
from articles.store import ArticleStore, StoredArticle

from .http_api import ApiGatewayServer
from .lambda_runtime import fake_context, load_handler
from .poller import DeadLetterWatch, SqsEventSourceMapping
from .progress import IngestProgress
from .resources import StackResources, create_resources, function_environment

REPO = Path(__file__).resolve().parents[1]
SAMPLE_ARTICLES = REPO / "events" / "articles"
HOST = "127.0.0.1"
REGION = "us-east-1"
INGEST_FUNCTION = "IngestFunction"  # logical ids in template.yaml
API_FUNCTION = "ApiFunction"

LOCAL_VISIBILITY_TIMEOUT_SECONDS = 10
"""The template's 365 s suits Lambda's concurrent pollers; one local poller runs batches one at a
time, so a failed message can come back sooner and a poison message reaches the DLQ in about a
minute instead of half an hour."""
SETTLE_MARGIN_SECONDS = 60.0
"""Time for the uploads themselves to be processed, beyond the retries' visibility timeouts."""

# Environment the handlers see locally, over the template's values (not secrets: moto accepts anything).
LOCAL_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_REGION": REGION,
    "POWERTOOLS_TRACE_DISABLED": "true",
}
# Defaults the developer may override from the shell: quiet handlers, so progress stays readable.
QUIET_DEFAULTS = {"LOG_LEVEL": "ERROR", "POWERTOOLS_METRICS_DISABLED": "true"}
# Settings that would send the handlers to a real account or another endpoint.
UNSET_VARIABLES = ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN")

log = logging.getLogger("devstack")


class StackError(Exception):
    """A problem the developer can fix (port taken, missing file): reported in one line."""


@dataclass(frozen=True)
class Upload:
    path: Path
    key: str


def run_local(args: argparse.Namespace) -> int:
    """Entry point of ``articles local``; returns the exit status."""
    records_out = sys.stdout
    console = sys.stderr if args.once else sys.stdout  # with --once, stdout carries only JSON Lines
    _configure_logging()
    try:
        uploads = plan_uploads([Path(p) for p in args.paths] or [SAMPLE_ARTICLES])
        for port, option in ((args.port, "--port"), (args.api_port, "--api-port")):
            ensure_port_free(port, option)
    except StackError as error:
        print(f"articles local: {error}", file=sys.stderr)
        return 2
    stack = LocalStack(moto_port=args.port, api_port=args.api_port, console=console)
    on_interrupt = signal.getsignal(signal.SIGINT)
    with _interrupt_on_sigterm(), _environment_restored(), _handler_output_to_stderr():
        try:
            stack.start()
            stack.upload(uploads)
            stack.wait_until_settled()
            if args.once:
                return stack.print_records(uploads, records_out)
            stack.print_summary(uploads)
            stack.print_endpoints()
            stack.serve_forever()
        except KeyboardInterrupt:
            print("\nstopping…", file=console, flush=True)
            return 130 if args.once else 0
        except StackError as error:
            print(f"articles local: {error}", file=sys.stderr)
            return 2
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the cleanup
            try:
                stack.stop()
            finally:
                signal.signal(signal.SIGINT, on_interrupt)
            # The interpreter's last garbage collection walks every object the handlers loaded
            # (language profiles, moto's state): seconds spent after everything has stopped.
            gc.freeze()
    return 0


def plan_uploads(paths: Sequence[Path], prefix: str = "") -> list[Upload]:
    """Object keys for files and folders: a file's name, or its path relative to the folder given."""
    uploads: dict[str, Upload] = {}
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            pairs = [(file, file.relative_to(path).as_posix()) for file in files]
        elif path.is_file():
            pairs = [(path, path.name)]
        else:
            raise StackError(f"{path}: no such file or folder")
        for file, name in pairs:
            uploads[prefix + name] = Upload(file, prefix + name)  # the last file given for a key wins
    if not uploads:
        raise StackError(f"nothing to upload in {', '.join(map(str, paths))}")
    return list(uploads.values())


def ensure_port_free(port: int, option: str) -> None:
    if port == 0:
        return  # any free port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # Same option as the servers use, so a port in TIME_WAIT is not reported as taken.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError as error:
            raise StackError(
                f"{HOST}:{port} is already in use ({error.strerror}); choose another port with {option}"
            ) from error


class LocalStack:
    """The running pieces, started in dependency order and stopped in reverse."""

    def __init__(self, *, moto_port: int, api_port: int, console: TextIO) -> None:
        self.moto_port = moto_port
        self.api_port = api_port
        self.console = console
        self._moto: ThreadedMotoServer | None = None
        self._mapping: SqsEventSourceMapping | None = None
        self._api: ApiGatewayServer | None = None
        self._resources: StackResources | None = None
        self._s3: Any = None
        self.progress = IngestProgress(console)
        self._dead_letters: DeadLetterWatch | None = None
        self._max_receive_count: int | None = None

    @property
    def endpoint_url(self) -> str:
        return f"http://{HOST}:{self.moto_port}"

    @property
    def api_url(self) -> str:
        return f"http://{HOST}:{self.api_port}"

    def start(self) -> None:
        self._start_moto()
        overrides = local_environment(dict(os.environ)) | {"AWS_ENDPOINT_URL": self.endpoint_url}
        _set_environment({}, overrides)
        resources = self._create_resources()

        # The handlers read their configuration when imported: environment first, then load.
        # function_environment resolves the template's !Ref (TABLE_NAME) to the resources just created.
        _set_environment(function_environment(INGEST_FUNCTION, resources), overrides)
        ingest_handler = load_handler("ingest").lambda_handler
        _set_environment(function_environment(API_FUNCTION, resources), overrides)
        api_handler = load_handler("api").lambda_handler

        sqs = boto3.client("sqs", region_name=REGION, endpoint_url=self.endpoint_url)
        self.progress.max_receive_count = self._max_receive_count
        self._dead_letters = DeadLetterWatch(sqs, resources.dlq_url, self.progress.on_dead_letter)
        self._mapping = SqsEventSourceMapping(
            sqs,
            resources.queue_url,
            ingest_handler,
            context_factory=lambda: fake_context(INGEST_FUNCTION),
            region=REGION,
            on_outcome=self.progress.on_outcome,
        )
        self._mapping.start()
        self._api = ApiGatewayServer(
            api_handler, port=self.api_port, context_factory=lambda: fake_context(API_FUNCTION), host=HOST
        )
        self.api_port = self._api.port
        self._api.start()
        self._say(f"query API on {self.api_url} (Swagger UI: {self.api_url}/swagger)")

    def _start_moto(self) -> None:
        self._say(f"starting moto (S3, SQS, DynamoDB) on {HOST}:{self.moto_port}…")
        self._moto = ThreadedMotoServer(ip_address=HOST, port=self.moto_port, verbose=False)
        self._moto.start()
        self.moto_port = self._moto.get_host_and_port()[1]

    def _create_resources(self) -> StackResources:
        # Unversioned, unlike the template: moto sends no ObjectRemoved notification for a delete on
        # a versioned bucket (AWS sends DeleteMarkerCreated), and deletes must work locally too.
        self._resources = resources = create_resources(endpoint_url=self.endpoint_url, versioning=False)
        self._s3 = boto3.client("s3", region_name=REGION, endpoint_url=self.endpoint_url)
        sqs = boto3.client("sqs", region_name=REGION, endpoint_url=self.endpoint_url)
        self._max_receive_count = _shorten_visibility_timeout(sqs, resources.queue_url)
        self._say(
            f"created from template.yaml: bucket {resources.bucket}, queue {_queue_name(resources.queue_url)}"
            f" (DLQ {_queue_name(resources.dlq_url)}), table {resources.table_name}"
        )
        return resources

    @property
    def resources(self) -> StackResources:
        if self._resources is None:
            raise StackError("the stack is not started")
        return self._resources

    def object_keys(self, uploads: Sequence[Upload]) -> list[str]:
        return [self.resources.prefix + upload.key for upload in uploads]

    def upload(self, uploads: Sequence[Upload]) -> None:
        bucket = self.resources.bucket
        self.progress.expect(self.object_keys(uploads))
        self._say(f"uploading {len(uploads)} file(s) to s3://{bucket}/{self.resources.prefix}")
        for upload, key in zip(uploads, self.object_keys(uploads), strict=True):
            self._s3.put_object(Bucket=bucket, Key=key, Body=upload.path.read_bytes())

    def settle_deadline(self) -> float:
        retries = (self._max_receive_count or 1) * LOCAL_VISIBILITY_TIMEOUT_SECONDS
        return time.monotonic() + retries + SETTLE_MARGIN_SECONDS

    def wait_until_settled(self) -> bool:
        return self.progress.wait(self.settle_deadline(), poll=self._check_dead_letters)

    def stored_articles(self, uploads: Sequence[Upload]) -> list[tuple[str, StoredArticle | None]]:
        """(key, stored article or None) per upload, read through the data access module."""
        dynamodb = boto3.client("dynamodb", region_name=REGION, endpoint_url=self.endpoint_url)
        store = ArticleStore(self.resources.table_name, dynamodb)
        return [
            (key, store.get_article(article_id_for(self.resources.bucket, key)))
            for key in self.object_keys(uploads)
        ]

    def print_records(self, uploads: Sequence[Upload], out: TextIO) -> int:
        """The stored records as JSON Lines; 1 when any upload was lost (dead-lettered, late, missing)."""
        lost = []
        for key, article in self.stored_articles(uploads):
            if article is None:
                lost.append(key)
            else:
                out.write(article.record.model_dump_json() + "\n")
        out.flush()
        dead, pending = set(self.progress.dead_lettered), set(self.progress.pending)
        for key in lost:
            reason = (
                "ended in the dead-letter queue"
                if key in dead
                else "was not processed in time"
                if key in pending
                else "was processed but is not stored"
            )
            print(f"articles local: {key} {reason}", file=sys.stderr)
        return 1 if lost else 0

    def print_summary(self, uploads: Sequence[Upload]) -> None:
        articles = self.stored_articles(uploads)
        stored = [(key, article) for key, article in articles if article is not None]
        self._say(
            f"\nstored {len(stored)} of {len(articles)} article(s) in table {self.resources.table_name}:"
        )
        width = min(max((len(key) for key, _ in articles), default=0), 48)
        for key, article in articles:
            self._say(f"  {key:<{width}}  {_describe(article.record) if article else 'NOT STORED'}")
        for key in self.progress.pending:
            self._say(f"  still pending: {key}")

    def print_endpoints(self) -> None:
        bucket, prefix = self.resources.bucket, self.resources.prefix
        self._say(
            "\n".join(
                [
                    "",
                    f"S3, SQS, DynamoDB (moto)  {self.endpoint_url}",
                    f"query API                 {self.api_url}   (Swagger UI: {self.api_url}/swagger)",
                    "",
                    "try:",
                    f"  aws --endpoint-url {self.endpoint_url} s3 cp my.txt s3://{bucket}/{prefix}",
                    f"  curl '{self.api_url}/articles?language=hu'",
                    f"  curl '{self.api_url}/articles?entity=Ukrajna'",
                    f"  aws --endpoint-url {self.endpoint_url} dynamodb scan --table-name {self.resources.table_name}",
                    "(the aws CLI needs any credentials, e.g. AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing)",
                    "",
                    "files dropped into the bucket are processed as they arrive; Ctrl-C stops everything.",
                ]
            )
        )

    def serve_forever(self) -> None:
        while True:
            self._check_dead_letters()
            time.sleep(1.0)

    def _check_dead_letters(self) -> None:
        if self._dead_letters is not None:
            self._dead_letters.check()

    def stop(self) -> None:
        """Stop in reverse order; safe to call whatever ``start`` got through."""
        if self._mapping is not None:
            self._mapping.request_stop()  # its long poll ends while the API shuts down
        if self._api is not None:
            self._api.stop()
        if self._mapping is not None:
            self._mapping.stop()
        if self._moto is not None:
            self._moto.stop()

    def _say(self, line: str) -> None:
        print(line, file=self.console, flush=True)


def _describe(record: ArticleRecord) -> str:
    if record.status == "rejected":
        rejection = record.rejection
        return f"rejected ({rejection.code}: {rejection.message})" if rejection else "rejected"
    published = record.published.value if record.published else "undated"
    credit = record.image_credit.text if record.image_credit else "no credit"
    entities = ", ".join(entity.name for entity in sorted(record.entities, key=lambda e: -e.count)[:4])
    return f"{record.language.code or '??'}  {published}  credit: {credit}  entities: {entities or '-'}"


def _shorten_visibility_timeout(sqs: Any, queue_url: str) -> int | None:
    """Apply the local visibility timeout; return the queue's maxReceiveCount (None without a DLQ)."""
    sqs.set_queue_attributes(
        QueueUrl=queue_url, Attributes={"VisibilityTimeout": str(LOCAL_VISIBILITY_TIMEOUT_SECONDS)}
    )
    attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["RedrivePolicy"])["Attributes"]
    redrive = json.loads(attributes.get("RedrivePolicy", "{}"))
    return int(redrive["maxReceiveCount"]) if "maxReceiveCount" in redrive else None


def _queue_name(queue_url: str) -> str:
    return queue_url.rsplit("/", 1)[-1]


def local_environment(shell: dict[str, str]) -> dict[str, str]:
    """What the handlers see locally over the template's values; the shell may override the quiet defaults."""
    return LOCAL_ENVIRONMENT | {name: shell.get(name, default) for name, default in QUIET_DEFAULTS.items()}


def _set_environment(values: dict[str, str], overrides: dict[str, str]) -> None:
    for name in UNSET_VARIABLES:
        os.environ.pop(name, None)
    for name in [n for n in os.environ if n.startswith("AWS_ENDPOINT_URL_")]:
        del os.environ[name]  # a service-specific endpoint would bypass moto
    os.environ.update({name: str(value) for name, value in values.items()})
    os.environ.update(overrides)


@contextmanager
def _environment_restored() -> Iterator[None]:
    saved = dict(os.environ)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextmanager
def _handler_output_to_stderr() -> Iterator[None]:
    """Powertools logs and metrics print to stdout; keep stdout for our own output (JSON Lines with --once)."""
    saved = sys.stdout
    sys.stdout = sys.stderr
    try:
        with warnings.catch_warnings():
            # Metrics are disabled locally, so every invocation would warn that it has none to publish.
            warnings.filterwarnings("ignore", message="No application metrics to publish")
            yield
    finally:
        sys.stdout = saved


@contextmanager
def _interrupt_on_sigterm() -> Iterator[None]:
    """``kill`` stops the stack as cleanly as Ctrl-C."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _configure_logging() -> None:
    if log.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    # LOG_LEVEL=DEBUG (the handlers' setting) also shows the tracebacks of failed invocations.
    log.setLevel(logging.DEBUG if os.environ.get("LOG_LEVEL", "").upper() == "DEBUG" else logging.INFO)
    log.propagate = False
    # werkzeug (moto's server) logs every request at INFO unless told otherwise.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
