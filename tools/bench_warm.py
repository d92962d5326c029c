"""Warm per-article timings in this process: the pipeline against langdetect alone, step by step, profiled.

The contenders run interleaved document by document (with the order rotated) so that the drift of
a shared, noisy machine hits all of them alike; ratios are only ever taken within one run.
"""

from __future__ import annotations

import cProfile
import gc
import pstats
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from tools.bench_corpus import Doc
from tools.bench_stats import median, ratio, summarize_ms

PIPELINE = "pipeline"
DETECT_LANGUAGE = "detect_language"
LANGDETECT_FULL = "langdetect_detect"


def contenders() -> dict[str, Callable[[Doc], object]]:
    """What is compared: the whole pipeline, our language step alone, and plain langdetect on the full text."""
    from langdetect import detect

    from articles.extract.language import detect_language
    from articles.extract.pipeline import extract_article

    return {
        PIPELINE: lambda doc: extract_article(
            doc.text.encode("utf-8"), filename=f"{doc.id}.txt", article_id=doc.id
        ),
        DETECT_LANGUAGE: lambda doc: detect_language(doc.text),
        LANGDETECT_FULL: lambda doc: detect(doc.text),
    }


def warm_up(docs: Sequence[Doc], runs: dict[str, Callable[[Doc], object]]) -> None:
    """Load every lazily loaded table and profile (both languages) before anything is timed."""
    for doc in {doc.lang: doc for doc in docs}.values():
        for run in runs.values():
            run(doc)
            run(doc)


def time_interleaved(
    docs: Sequence[Doc], runs: dict[str, Callable[[Doc], object]], repeats: int
) -> dict[str, list[int]]:
    """Nanoseconds per call for every contender on every document, ``repeats`` times each."""
    samples: dict[str, list[int]] = {name: [] for name in runs}
    names = list(runs)
    for repeat in range(repeats):
        for index, doc in enumerate(docs):
            shift = (index + repeat) % len(names)
            for name in names[shift:] + names[:shift]:
                started = time.perf_counter_ns()
                runs[name](doc)
                samples[name].append(time.perf_counter_ns() - started)
    return samples


def compare_group(docs: Sequence[Doc], repeats: int) -> dict[str, Any]:
    """The contenders interleaved; the pipeline's steps are timed in the same calls, so the breakdown
    and the ratios share one run's conditions."""
    from articles.extract import pipeline

    runs = contenders()
    warm_up(docs, runs)
    recorder = StepRecorder()
    runs[PIPELINE] = recorder
    gc.collect()
    with timed_steps(pipeline, recorder.current):
        samples = time_interleaved(docs, runs, repeats)
    summary: dict[str, Any] = {name: summarize_ms(values) for name, values in samples.items()}
    pipeline_median = summary[PIPELINE]["median_ms"]
    summary["ratio_vs_detect_language"] = ratio(pipeline_median, summary[DETECT_LANGUAGE]["median_ms"])
    summary["ratio_vs_langdetect_full"] = ratio(pipeline_median, summary[LANGDETECT_FULL]["median_ms"])
    summary["docs"] = len(docs)
    summary["repeats"] = repeats
    sizes = sorted(doc.size_bytes for doc in docs)
    summary["median_bytes"] = sizes[len(sizes) // 2]
    summary["median_chars"] = sorted(len(doc.text) for doc in docs)[len(docs) // 2]
    summary["sources"] = _count(doc.source for doc in docs)
    summary["languages"] = _count(doc.lang for doc in docs)
    summary["statuses"] = _statuses(docs)
    summary["breakdown"] = recorder.breakdown()
    return summary


def _statuses(docs: Sequence[Doc]) -> dict[str, int]:
    """Processed/rejected counts: timings of a pipeline that rejects everything would mean nothing."""
    from articles.extract.pipeline import extract_article

    records = (extract_article(doc.text.encode("utf-8"), filename=f"{doc.id}.txt") for doc in docs)
    return _count(
        record.status if record.rejection is None else f"rejected:{record.rejection.code}"
        for record in records
    )


def _count(values: Iterator[str] | Any) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for value in values:
        counts[str(value)] += 1
    return dict(sorted(counts.items()))


@contextmanager
def timed_steps(pipeline: ModuleType, current: dict[str, int]) -> Iterator[None]:
    """Wrap every step function the pipeline module imported from a sibling module, adding its time to
    ``current[step]``. The steps are timed exactly as the pipeline calls them, with no copy of its logic."""
    originals: dict[str, Callable[..., Any]] = {}
    for name, value in vars(pipeline).items():
        module = getattr(value, "__module__", "") or ""
        if callable(value) and not isinstance(value, type) and _is_step_module(module, pipeline.__name__):
            originals[name] = value
    for name, function in originals.items():
        setattr(pipeline, name, _timed(function, _step_label(function.__module__), current))
    try:
        yield
    finally:
        for name, function in originals.items():
            setattr(pipeline, name, function)


def _is_step_module(module: str, pipeline_module: str) -> bool:
    return module.startswith("articles.extract.") and module != pipeline_module


def _step_label(module: str) -> str:
    """'articles.extract.formats.html' -> 'formats': the step is the module or package under extract."""
    return module.split(".")[2]


def _timed(function: Callable[..., Any], label: str, current: dict[str, int]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter_ns()
        try:
            return function(*args, **kwargs)
        finally:
            current[label] = current.get(label, 0) + time.perf_counter_ns() - started

    return wrapper


class StepRecorder:
    """The pipeline contender with its steps timed (see ``timed_steps``); ~1 µs of overhead per step."""

    def __init__(self) -> None:
        self.current: dict[str, int] = {}
        self.articles: list[tuple[int, dict[str, int]]] = []

    def __call__(self, doc: Doc) -> object:
        from articles.extract import pipeline

        self.current.clear()
        started = time.perf_counter_ns()
        record = pipeline.extract_article(
            doc.text.encode("utf-8"), filename=f"{doc.id}.txt", article_id=doc.id
        )
        self.articles.append((time.perf_counter_ns() - started, dict(self.current)))
        return record

    def breakdown(self) -> dict[str, Any]:
        """Per-step median/mean per article; 'other' is what the pipeline spends outside the steps
        (hashing, size checks, building and validating the record model), computed article by article."""
        names = sorted({name for _, spent in self.articles for name in spent})
        steps: dict[str, Any] = {
            name: summarize_ms([spent.get(name, 0) for _, spent in self.articles]) for name in names
        }
        steps["other"] = summarize_ms([total - sum(spent.values()) for total, spent in self.articles])
        total_median = median([total / 1e6 for total, _ in self.articles])
        for step in steps.values():
            step["share_of_median"] = round(step["median_ms"] / total_median, 3) if total_median else None
        return {"total": summarize_ms([total for total, _ in self.articles]), "steps": steps}


def profile_pipeline(docs: Sequence[Doc], top: int = 25) -> list[dict[str, Any]]:
    """cProfile over one pass of the pipeline: the functions with the most cumulative time, in ms per article.
    cProfile inflates call-heavy code, so read the ranking, not the absolute figures."""
    from articles.extract.pipeline import extract_article

    payloads = [(doc.text.encode("utf-8"), f"{doc.id}.txt") for doc in docs]
    profiler = cProfile.Profile()
    profiler.enable()
    for data, filename in payloads:
        extract_article(data, filename=filename)
    profiler.disable()
    return top_functions(pstats.Stats(profiler), per=len(docs), top=top)


def top_functions(stats: pstats.Stats, per: int, top: int) -> list[dict[str, Any]]:
    rows = []
    for (filename, line, function), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(
            {
                "function": function,
                "where": f"{_short_path(filename)}:{line}",
                "calls_per_article": round(calls / per, 1),
                "cumulative_ms_per_article": round(cumulative * 1000 / per, 3),
                "own_ms_per_article": round(own * 1000 / per, 3),
            }
        )
    rows.sort(key=lambda row: row["cumulative_ms_per_article"], reverse=True)
    return rows[:top]


def _short_path(filename: str) -> str:
    for marker in ("site-packages/", "shared/", "lib/python3.13/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename
