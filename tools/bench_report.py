"""Targets and the printed tables, from the results dictionary alone (pure)."""

from __future__ import annotations

from typing import Any

from tools.bench_stats import format_table, verdict


def _get(data: dict[str, Any], *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def targets(results: dict[str, Any], limits: dict[str, float]) -> list[dict[str, Any]]:
    group = _get(results, "warm", "groups", "3KB") or {}
    checks = [
        (
            "pipeline / detect_language (same seed, 2,000-char prefix), 3 KB",
            "ratio_3kb",
            group.get("ratio_vs_detect_language"),
        ),
        (
            "pipeline / detect_language, 3 KB: compass goal",
            "ratio_3kb_goal",
            group.get("ratio_vs_detect_language"),
        ),
        (
            "pipeline / langdetect.detect on the full text, 3 KB",
            "ratio_3kb",
            group.get("ratio_vs_langdetect_full"),
        ),
        (
            "cold start (import + first article), layer without .pyc",
            "cold_start_ms",
            _get(results, "cold", "no_pyc", "cold_total_ms"),
        ),
        (
            "cold start (import + first article), compileall'd layer",
            "cold_start_ms",
            _get(results, "cold", "pyc", "cold_total_ms"),
        ),
        ("peak RSS, cold process", "peak_rss_mb", _get(results, "cold", "pyc", "max_rss_mb")),
        (
            "peak RSS after the mixed articles",
            "peak_rss_mb",
            _get(results, "cold", "mixed", "max_rss_mb_after_mixed"),
        ),
    ]
    return [
        {"target": name, "limit": limits[key], "measured": value, "verdict": verdict(value, limits[key])}
        for name, key, value in checks
    ]


def render(results: dict[str, Any]) -> str:
    parts = [
        _warm_table(results),
        _steps_table(results),
        _cold_tables(results),
        _package_table(results),
        _local_table(results),
        _cost_table(results),
        _targets_table(results),
        _profile_table(results),
    ]
    errors = results.get("errors") or {}
    if errors:
        parts.append(
            "Sections that failed:\n" + "\n".join(f"- {name}: {error}" for name, error in errors.items())
        )
    return "\n\n".join(part for part in parts if part)


def _warm_table(results: dict[str, Any]) -> str:
    groups = _get(results, "warm", "groups") or {}
    rows = [
        [
            label,
            g["docs"],
            g["median_bytes"],
            g["pipeline"]["median_ms"],
            g["pipeline"]["p95_ms"],
            g["detect_language"]["median_ms"],
            g["detect_language"]["p95_ms"],
            g["langdetect_detect"]["median_ms"],
            g["ratio_vs_detect_language"],
            g["ratio_vs_langdetect_full"],
        ]
        for label, g in groups.items()
    ]
    if not rows:
        return ""
    headers = [
        "size",
        "docs",
        "median bytes",
        "pipeline ms",
        "p95",
        "detect_language ms",
        "p95",
        "langdetect.detect ms",
        "ratio vs detect_language",
        "ratio vs detect",
    ]
    return "Warm per-article time (median over docs × repeats, interleaved)\n" + format_table(headers, rows)


def _steps_table(results: dict[str, Any]) -> str:
    steps = _get(results, "warm", "steps") or {}
    if not steps:
        return ""
    labels = list(steps)
    names = sorted(
        {name for group in steps.values() for name in group["steps"]},
        key=lambda name: -(steps[labels[0]]["steps"].get(name, {}).get("median_ms") or 0),
    )
    rows = []
    for name in names:
        row: list[Any] = [name]
        for label in labels:
            step = steps[label]["steps"].get(name)
            row.append(f"{step['median_ms']:.3f} ({step['share_of_median']:.0%})" if step else None)
        rows.append(row)
    rows.append(
        [
            "total (median / mean)",
            *(
                f"{steps[label]['total']['median_ms']:.3f} / {steps[label]['total']['mean_ms']:.3f}"
                for label in labels
            ),
        ]
    )
    return (
        "Per-step median ms per article (share of the pipeline's median), timed as the pipeline calls them\n"
        + format_table(["step", *labels], rows)
    )


def _cold_tables(results: dict[str, Any]) -> str:
    cold = results.get("cold")
    if not cold:
        return ""
    rows = [
        [
            name,
            cold[name]["import_ms"],
            cold[name]["first_article_ms"],
            cold[name]["cold_total_ms"],
            cold[name]["process_wall_ms"],
            cold[name].get("max_rss_mb_after_import"),
            cold[name]["max_rss_mb"],
        ]
        for name in ("no_pyc", "pyc")
    ]
    text = f"Cold start, median of {cold['runs']} fresh processes ({cold['python']})\n" + format_table(
        [
            "layer",
            "import ms",
            "first article ms",
            "import + first",
            "process wall ms",
            "RSS after import MB",
            "peak RSS MB",
        ],
        rows,
    )
    mixed = cold.get("mixed") or {}
    if mixed:
        text += (
            f"\n\nPeak RSS after {mixed['mixed_articles']} mixed articles (hu/de/sample): "
            f"{mixed['max_rss_mb_after_mixed']} MB (cold: {mixed['max_rss_mb']} MB); "
            f"mean {mixed['mixed_mean_ms']} ms per article; {mixed['mixed_statuses']}"
        )
    top = cold["pyc"].get("importtime_top15") or []
    if top:
        text += (
            "\n\nImport time by module (-X importtime, compileall'd layer, top 15 cumulative)\n"
            + format_table(
                ["module", "depth", "self ms", "cumulative ms"],
                [[row["module"], row["depth"], row["self_ms"], row["cumulative_ms"]] for row in top],
            )
        )
    return text


def _package_table(results: dict[str, Any]) -> str:
    package = results.get("package")
    if not package:
        return ""
    if "error" in package:
        return f"Package size: {package['error']}"
    rows = [
        [name, f["code_mb"], f["with_layer_mb"], f"{f['share_of_limit']:.1%}"]
        for name, f in package["functions"].items()
    ]
    text = (
        f"Package size, unzipped ({package['build_dir']}; layer {package['layer_mb']} MB, "
        f"{package['layer_pyc_files']} .pyc; Lambda limit {package['limit_mb']:.0f} MB)\n"
        + format_table(["function", "code MB", "with layer MB", "of limit"], rows)
    )
    text += "\n\nLayer, largest entries\n" + format_table(
        ["entry", "MB"], [[row["name"], row["mb"]] for row in package["layer_top10"]]
    )
    return text


def _local_table(results: dict[str, Any]) -> str:
    local = results.get("local")
    if not local:
        return ""
    return "Local stack throughput\n" + format_table(
        ["articles", "upload s", "all processed s", "all queryable s", "articles/s"],
        [
            [
                local["articles"],
                local["upload_s"],
                local["settled_s"],
                local["all_queryable_s"],
                local["articles_per_s"],
            ]
        ],
    )


def _cost_table(results: dict[str, Any]) -> str:
    cost = results.get("cost")
    if not cost:
        return ""
    inputs = cost["inputs"]
    usd = cost["per_million_usd"]
    rows = [[name.replace("_", " "), f"${value:,.2f}"] for name, value in usd.items()]
    rows.append(["Amazon Comprehend (language + entities)", f"${cost['comprehend_per_million_usd']:,.2f}"])
    return (
        f"Cost per million {cost['article']} articles: Lambda arm64 {inputs['memory_mb']} MB, batch "
        f"{inputs['batch_size']}, {inputs['compute_ms_per_article']} ms compute (measured) scaled to the "
        f"memory's CPU share + {inputs['io_ms_per_article']} ms assumed AWS I/O = "
        f"{cost['lambda_billed_ms_per_article']} ms billed; {inputs['wru_per_article']} WRU per article "
        f"(measured); Comprehend {cost['comprehend_units_per_request']} units × 2 requests\n"
        + format_table(["item", "USD per million"], rows)
        + f"\n{cost['prices']['as_of']}. Not included: {cost['not_included']}."
    )


def _targets_table(results: dict[str, Any]) -> str:
    rows = [[t["target"], t["limit"], t["measured"], t["verdict"]] for t in results.get("targets", [])]
    return "Targets\n" + format_table(["target", "limit", "measured", "verdict"], rows) if rows else ""


def _profile_table(results: dict[str, Any]) -> str:
    """Where the time goes, printed only when a time target is missed."""
    missed = any(
        t["verdict"] == "MISS" and "RSS" not in t["target"] and "goal" not in t["target"]
        for t in results.get("targets", [])
    )
    profile = _get(results, "warm", "profile_3KB") or []
    if not missed or not profile:
        return ""
    rows = [
        [
            p["function"],
            p["where"],
            p["calls_per_article"],
            p["cumulative_ms_per_article"],
            p["own_ms_per_article"],
        ]
        for p in profile[:20]
    ]
    return (
        "cProfile of the pipeline on the 3 KB group (ms per article, inflated by profiling)\n"
        + format_table(["function", "where", "calls", "cumulative ms", "own ms"], rows)
    )
