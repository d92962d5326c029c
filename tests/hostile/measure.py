"""Time and peak memory of every hostile case: `python -m tests.hostile.measure [NAME_FILTER]`.

Each case runs twice in a forked worker: once for the wall time, once under tracemalloc for the peak
(tracing slows Python down, so its time is not reported). Prints a Markdown table, slowest first.
Figures depend on the machine: this is a report, not a test.
"""

from __future__ import annotations

import sys

from articles.extract import extract_article
from tests.hostile.generate import ALL_CASES
from tests.hostile.isolated import run_isolated
from tests.paths import REFERENCE_SAMPLE


def main(argv: list[str]) -> int:
    name_filter = argv[0].lower() if argv else ""
    extract_article(REFERENCE_SAMPLE.read_bytes())  # load the tables once, before forking
    rows = []
    for case in ALL_CASES:
        if name_filter not in case.name.lower():
            continue
        timed = run_isolated(case)
        traced = run_isolated(case, trace_memory=True)
        expected = "ok" if timed.result in case.outcomes else f"UNEXPECTED (allowed: {sorted(case.outcomes)})"
        rows.append((timed.seconds, case.name, timed.input_bytes, timed.result, traced.peak_bytes, expected))
        print(f"{case.name}: {timed.result} {timed.seconds:.3f} s", file=sys.stderr, flush=True)
    print("| case | input | outcome | time (s) | peak traced memory (MB) | check |")
    print("|---|---:|---|---:|---:|---|")
    for seconds, name, size, result, peak, expected in sorted(rows, reverse=True):
        peak_text = f"{peak / 1e6:.1f}" if peak is not None else "-"
        print(f"| {name} | {size:,} | {result} | {seconds:.3f} | {peak_text} | {expected} |")
    return 0 if all(row[5] == "ok" for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
