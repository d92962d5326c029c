"""Run one hostile case in a forked worker: a hang fails after a timeout, a memory bomb hits a cap.

Forking keeps the parent's loaded tables (no cold start per case). The worker builds the input itself,
so a 10 MB case never crosses the pipe, and sends back the record, its wall time and, when asked, the
tracemalloc peak.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
import tracemalloc
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from articles.extract import extract_article
from tests.hostile.generate import HostileCase

TIMEOUT_SECONDS = 60.0
"""Generous: every case takes well under 10 s on a quiet machine; only a hang reaches this."""
MEMORY_ALLOWANCE_BYTES = 2 * 1024**3
"""Address space a case may add to the worker; beyond it allocations fail (MemoryError)."""


@dataclass(frozen=True)
class Outcome:
    record: dict[str, Any] | None
    """The record as JSON data; None when the worker hung or died."""
    seconds: float
    peak_bytes: int | None
    input_bytes: int
    failure: str | None = None

    @property
    def result(self) -> str:
        """ "processed", a rejection code, or what went wrong with the worker."""
        if self.record is None:
            return self.failure or "no record"
        rejection = self.record["rejection"]
        return "processed" if rejection is None else rejection["code"]


def run_isolated(
    case: HostileCase, *, trace_memory: bool = False, timeout: float = TIMEOUT_SECONDS
) -> Outcome:
    receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
    worker = multiprocessing.get_context("fork").Process(target=_work, args=(case, trace_memory, sender))
    worker.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            return Outcome(None, timeout, None, 0, f"no answer within {timeout:.0f} s (hang?)")
        try:
            answer: Outcome = receiver.recv()
        except EOFError:
            worker.join(5)
            return Outcome(None, 0.0, None, 0, f"worker died (exit code {worker.exitcode})")
        return answer
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join(5)
        receiver.close()


def _work(case: HostileCase, trace_memory: bool, sender: Connection) -> None:
    _cap_memory()
    data = case.build()
    if trace_memory:
        tracemalloc.start()
    started = time.perf_counter()
    record = extract_article(data, filename=case.filename, article_id=case.name)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace_memory else None
    tracemalloc.stop()
    sender.send(Outcome(record.model_dump(mode="json"), seconds, peak, len(data)))
    sender.close()


def _cap_memory() -> None:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    limit = pages * resource.getpagesize() + MEMORY_ALLOWANCE_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
