"""Runs inside a fresh interpreter: import the ingest handler module, process articles, report JSON.

Standard library only before the measured part, so that the figures are the handler's. What is
measured: ``import_ms`` = importing the handler module ``app`` from PYTHONPATH exactly as the
Lambda runtime does (its module-level code: powertools, boto3 clients, the articles package);
``first_article_ms`` = the first ``extract_article`` call on one file plus serialising the record
(no AWS call happens: S3 and DynamoDB are not touched). Interpreter start-up is outside both.
"""

import time

STARTED = time.perf_counter()

import importlib  # noqa: E402 - after the clock on purpose
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402


def max_rss_mb() -> float:
    """Peak RSS of this process image. VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over
    exec, so a child started by a big parent (vfork) would report at least the parent's RSS."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)  # kB
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux reports KiB


def main(argv: list[str]) -> int:
    article_path = argv[0]
    mixed_path = argv[argv.index("--mixed") + 1] if "--mixed" in argv else None
    profile = "--profile" in argv
    with open(article_path, "rb") as file:
        article = file.read()
    report: dict[str, object] = {"startup_to_main_ms": round((time.perf_counter() - STARTED) * 1000, 2)}

    started = time.perf_counter()
    importlib.import_module("app")
    report["import_ms"] = round((time.perf_counter() - started) * 1000, 2)
    report["max_rss_mb_after_import"] = max_rss_mb()

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    from articles.extract.pipeline import extract_article

    record = extract_article(article, filename=article_path.rsplit("/", 1)[-1], article_id="cold-start")
    record.model_dump_json()
    report["first_article_ms"] = round((time.perf_counter() - started) * 1000, 2)
    if profiler is not None:
        profiler.disable()
        report["first_article_profile"] = _top(profiler)
    report["cold_total_ms"] = round(report["import_ms"] + report["first_article_ms"], 2)  # type: ignore[operator]
    report["status"] = record.status
    report["max_rss_mb"] = max_rss_mb()

    if mixed_path:
        with open(mixed_path, encoding="utf-8") as lines:
            texts = [json.loads(line) for line in lines]
        statuses: dict[str, int] = {}
        started = time.perf_counter()
        for item in texts:
            done = extract_article(
                item["text"].encode("utf-8"), filename=f"{item['id']}.txt", article_id=item["id"]
            )
            done.model_dump_json()
            statuses[done.status] = statuses.get(done.status, 0) + 1
        report["mixed_articles"] = len(texts)
        report["mixed_mean_ms"] = round((time.perf_counter() - started) * 1000 / max(1, len(texts)), 3)
        report["mixed_statuses"] = statuses
        report["max_rss_mb_after_mixed"] = max_rss_mb()

    print(json.dumps(report))
    return 0


def _top(profiler: object, top: int = 20) -> list[dict[str, object]]:
    import pstats

    stats = pstats.Stats(profiler)  # type: ignore[arg-type]
    rows = [
        {
            "function": name,
            "where": f"{path.rsplit('/', 2)[-2:]}:{line}",
            "cumulative_ms": round(cum * 1000, 2),
            "own_ms": round(own * 1000, 2),
            "calls": calls,
        }
        for (path, line, name), (_, calls, own, cum, _) in stats.stats.items()  # type: ignore[attr-defined]
    ]
    rows.sort(key=lambda row: row["cumulative_ms"], reverse=True)  # type: ignore[arg-type, return-value]
    return rows[:top]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
