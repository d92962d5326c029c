"""`make bench`: per-article time, cold start, memory, package size, local throughput and cost.

Writes bench/results.json and prints Markdown tables. Every figure comes from one run; ratios are
taken within the run (the machine is shared and noisy). ``--quick`` measures a subset in about a
minute; ``--skip-local`` and ``--skip-build`` leave out the slowest sections.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # run as a script: make the tools.* helpers importable

from tools import bench_report  # noqa: E402
from tools.bench_corpus import build_groups, every_nth, load_all, mixed_cycle  # noqa: E402
from tools.bench_cost import CostInputs, cost_per_million  # noqa: E402
from tools.bench_template import batch_size, function_env, load_template, memory_mb, table_api_properties  # noqa: E402

RESULTS = REPO / "bench" / "results.json"
TARGETS = {"ratio_3kb": 2.0, "ratio_3kb_goal": 1.3, "cold_start_ms": 600.0, "peak_rss_mb": 200.0}
ASSUMED_IO_MS = 25.0
"""Per-article wait on S3 GET + DynamoDB writes inside Lambda: an assumption (no AWS here), see cost."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a subset: fewer documents, runs and articles")
    parser.add_argument("--skip-local", action="store_true", help="leave out the local stack throughput")
    parser.add_argument(
        "--local-articles", type=int, help="articles for the local stack (default 1,000; 200 quick)"
    )
    parser.add_argument("--skip-build", action="store_true", help="do not run `make build` for package sizes")
    parser.add_argument(
        "--out", type=Path, default=RESULTS, help="results file (default: bench/results.json)"
    )
    parser.add_argument("--io-ms", type=float, default=ASSUMED_IO_MS, help="assumed AWS I/O wait per article")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    plan = {
        "docs_per_group": 40 if args.quick else 10_000,
        "repeats": 2 if args.quick else 3,
        "cold_runs": 3 if args.quick else 5,
        "mixed_articles": 300 if args.quick else 1000,
        "local_articles": args.local_articles or (200 if args.quick else 1000),
    }
    results: dict[str, Any] = {"meta": _meta(args, plan), "errors": {}}
    started = time.perf_counter()
    nerkor, germeval, sample = load_all()
    groups = {
        label: every_nth(docs, plan["docs_per_group"])
        for label, docs in build_groups([nerkor, germeval], sample).items()
    }
    mixed = mixed_cycle([nerkor, germeval, [sample]], plan["mixed_articles"])
    template = load_template()

    def section(name: str, measure: Callable[[], Any]) -> None:
        print(f"[bench] {name}…", file=sys.stderr, flush=True)
        section_started = time.perf_counter()
        try:
            results[name] = measure()
        except Exception as error:  # one broken section must not hide the others' figures
            results["errors"][name] = f"{type(error).__name__}: {error}"
            traceback.print_exc()
        print(f"[bench] {name}: {time.perf_counter() - section_started:.1f} s", file=sys.stderr, flush=True)

    section("warm", lambda: _warm(groups, plan["repeats"]))
    section("cold", lambda: _cold(sample, mixed, plan["cold_runs"], function_env(template)))
    section("dynamodb_items", lambda: _items(groups["3KB"], table_api_properties(template), args.quick))
    section("package", lambda: _package(args.skip_build))
    if not args.skip_local:
        section("local", lambda: _local(mixed_cycle([nerkor, germeval, [sample]], plan["local_articles"])))
    section("cost", lambda: _cost(results, template, args.io_ms))
    results["targets"] = bench_report.targets(results, TARGETS)
    results["meta"]["duration_s"] = round(time.perf_counter() - started, 1)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(bench_report.render(results))
    print(f"\nwritten: {args.out}  ({results['meta']['duration_s']} s)")
    return 1 if results["errors"] else 0


def _meta(args: argparse.Namespace, plan: dict[str, int]) -> dict[str, Any]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    return {
        "command": " ".join(["tools/bench.py", *sys.argv[1:]]),
        "started_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": commit.stdout.strip() or None,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {_cpu_count()} CPU(s), shared",
        "plan": plan,
        "corpus": "NerKor news (hu, 200 docs) + GermEval 2014 news (de, 60 docs) from ../shared/eval/ner and "
        "../shared/samples/hu-nato-japan-2024-07.txt; ~1 KB/~3 KB = each doc's leading sentences up to "
        "1,024/3,072 bytes; ~10 KB = consecutive docs of one source file joined, cut at a sentence end",
        "quick": args.quick,
    }


def _cpu_count() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _warm(groups: dict[str, list[Any]], repeats: int) -> dict[str, Any]:
    from tools.bench_warm import compare_group, profile_pipeline

    warm: dict[str, Any] = {"groups": {}, "steps": {}}
    for label, docs in groups.items():
        warm["groups"][label] = compare_group(docs, repeats)
        warm["steps"][label] = warm["groups"][label].pop("breakdown")
    warm["profile_3KB"] = profile_pipeline(groups["3KB"])
    return warm


def _cold(sample: Any, mixed: list[Any], runs: int, env: dict[str, str]) -> dict[str, Any]:
    from tools.bench_cold import measure_cold_start
    from tools.bench_corpus import REFERENCE_SAMPLE

    del sample  # the probe reads the file itself, as the handler would read the object's bytes
    return measure_cold_start(REFERENCE_SAMPLE, mixed, runs, env)


def _items(docs: list[Any], table: dict[str, Any], quick: bool) -> dict[str, Any]:
    from tools.bench_items import measure_items

    return measure_items(every_nth(docs, 40 if quick else 120), table)


def _package(skip_build: bool) -> dict[str, Any]:
    from tools.bench_package import BUILD, measure_package

    if skip_build and not BUILD.is_dir():
        return {"error": "skipped (--skip-build and no .aws-sam/build)"}
    return measure_package(rebuild=not skip_build)


def _local(docs: list[Any]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        docs_file = Path(scratch) / "docs.jsonl"
        docs_file.write_text(
            "".join(json.dumps({"id": d.id, "text": d.text}) + "\n" for d in docs), encoding="utf-8"
        )
        done = subprocess.run(
            [sys.executable, str(REPO / "tools" / "bench_local.py"), str(docs_file)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"local stack run failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cost(results: dict[str, Any], template: dict[str, Any], io_ms: float) -> dict[str, Any]:
    group = results["warm"]["groups"]["3KB"]
    items = results.get("dynamodb_items", {})
    inputs = CostInputs(
        memory_mb=memory_mb(template),
        batch_size=batch_size(template),
        compute_ms_per_article=group["pipeline"]["median_ms"],
        io_ms_per_article=io_ms,
        wru_per_article=items["wru_per_article_mean"],
        article_chars=group["median_chars"],
    )
    return {
        "article": f"~3 KB group median ({group['median_bytes']} bytes, {group['median_chars']} chars)"
    } | (cost_per_million(inputs))


if __name__ == "__main__":
    sys.exit(main())
