"""Local stack throughput: N articles dropped into the local bucket, time until all are queryable.

Run by bench.py as a separate process (the stack sets environment variables and starts threads):
``python tools/bench_local.py DOCS.jsonl`` prints one JSON line. The stack (moto server, template
resources, the real ingest handler behind an emulated SQS event source mapping, the real API
handler behind HTTP) starts on free ports before the clock starts; the clock runs from the first
upload until the stack reports every upload stored and a full listing through the HTTP API
(processed + rejected, 100 per page) then counts N.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

POLL_SECONDS = 5.0
TIMEOUT_SECONDS = 420.0


def count_listed(api_url: str) -> int:
    """Distinct article ids the API lists, across both statuses and every page."""
    seen: set[str] = set()
    for status in ("processed", "rejected"):
        cursor: str | None = None
        while True:
            params: dict[str, Any] = {
                "status": status,
                "limit": 100,
                **({"cursor": cursor} if cursor else {}),
            }
            response = requests.get(f"{api_url}/articles", params=params, timeout=60)
            response.raise_for_status()
            page = response.json()
            seen.update(item["article"]["id"] for item in page["items"])
            cursor = page.get("next_cursor")
            if not cursor:
                break
    return len(seen)


def run(docs_file: Path) -> dict[str, Any]:
    from devstack.stack import LocalStack, plan_uploads

    docs = [json.loads(line) for line in docs_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory(prefix="bench-local-") as scratch:
        folder = Path(scratch)
        for number, doc in enumerate(docs):
            (folder / f"{number:05d}-{doc['id'][:60]}.txt").write_text(doc["text"], encoding="utf-8")
        uploads = plan_uploads([folder])
        stack = LocalStack(moto_port=0, api_port=0, console=io.StringIO())
        try:
            stack.start()
            started = time.perf_counter()
            stack.upload(uploads)
            uploaded_s = time.perf_counter() - started
            # The stack's own progress tracker says when every upload is stored; the API is only
            # asked then, because a full listing every few seconds would compete with the ingest.
            settled = stack.wait_until_settled()
            while not settled and time.perf_counter() - started < TIMEOUT_SECONDS:
                time.sleep(1.0)  # returns at once when an upload was dead-lettered: do not spin
                settled = stack.wait_until_settled()
            settled_s = time.perf_counter() - started
            listed = count_listed(stack.api_url)
            while listed < len(uploads) and time.perf_counter() - started < TIMEOUT_SECONDS:
                time.sleep(POLL_SECONDS)
                listed = count_listed(stack.api_url)
            queryable_s = time.perf_counter() - started
        finally:
            stack.stop()
    return {
        "articles": len(uploads),
        "listed": listed,
        "upload_s": round(uploaded_s, 2),
        "settled_s": round(settled_s, 2),
        "settled_in_time": settled,
        "all_queryable_s": round(queryable_s, 2) if listed >= len(uploads) else None,
        "articles_per_s": round(len(uploads) / queryable_s, 1) if listed >= len(uploads) else None,
        "measured": "first PUT to a full API listing (status=processed + rejected) counting every article; "
        "one local poller, moto server and both handlers in one process on this machine",
    }


def main(argv: list[str]) -> int:
    real_stdout = sys.stdout
    sys.stdout = sys.stderr  # the handlers' logs and metrics print to stdout; keep it for the JSON
    try:
        result = run(Path(argv[0]))
    finally:
        sys.stdout = real_stdout
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main(sys.argv[1:]))
