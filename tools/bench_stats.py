"""Summary statistics and plain-text tables for the benchmark. Pure: no timing, no I/O."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def median(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("median of no values")
    return statistics.median(values)


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1): always one of the measured values, never interpolated."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], not {share}")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summarize_ms(samples_ns: Sequence[int]) -> dict[str, float | int]:
    """Median, p95, mean and count of nanosecond samples, in milliseconds."""
    as_ms = [sample / 1e6 for sample in samples_ns]
    return {
        "median_ms": round(median(as_ms), 3),
        "p95_ms": round(percentile(as_ms, 0.95), 3),
        "mean_ms": round(statistics.fmean(as_ms), 3),
        "n": len(as_ms),
    }


def ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 2) if denominator > 0 else None


def verdict(value: float | None, limit: float) -> str:
    """PASS when a measured value is within its (upper) limit; MISS otherwise or when it was not measured."""
    if value is None:
        return "n/a"
    return "PASS" if value <= limit else "MISS"


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table: readable in a terminal and pasteable into the README."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max(len(str(header)), *(len(row[i]) for row in cells)) for i, header in enumerate(headers)]
    numeric = [all(_looks_numeric(row[i]) for row in cells) and bool(cells) for i in range(len(headers))]

    def line(values: Sequence[str]) -> str:
        padded = (
            value.rjust(width) if right else value.ljust(width)
            for value, width, right in zip(values, widths, numeric, strict=True)
        )
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if right else "-" * (w + 2)
            for w, right in zip(widths, numeric, strict=True)
        )
        + "|"
    )
    return "\n".join([line([str(h) for h in headers]), rule, *(line(row) for row in cells)])


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _looks_numeric(text: str) -> bool:
    stripped = text.replace(",", "").replace(".", "").replace("–", "").replace("$", "").replace("%", "")
    return stripped.lstrip("-").isdigit() or text == "–"
