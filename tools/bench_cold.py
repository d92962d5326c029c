"""Cold start and memory: fresh interpreters importing the ingest handler from a Lambda-like file layout.

The layout copies what Lambda puts on ``sys.path`` (host-architecture wheels from .venv, since an
arm64 build cannot be imported here):
  task/     functions/ingest (the function's code, imported as ``app``)
  opt/      the layer: shared/requirements.txt and its dependencies + the ``articles`` package
  runtime/  boto3 and its dependencies, which the Lambda runtime provides precompiled
Two copies of opt/ are timed alternately: one without any .pyc (Lambda's /opt is read-only, so a layer
shipped without .pyc recompiles on every cold start; PYTHONDONTWRITEBYTECODE keeps the copy clean)
and one compileall'd. The standard library uses the interpreter's own .pyc in both, as on Lambda.
"""

from __future__ import annotations

import compileall
import importlib.metadata as metadata
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tools.bench_corpus import Doc
from tools.bench_stats import median
from tools.finish_layer import PROVIDED_BY_RUNTIME

REPO = Path(__file__).resolve().parents[1]
PROBE = Path(__file__).with_name("bench_cold_probe.py")
RUNTIME_PROVIDED = ("boto3",)
"""The Lambda Python runtime ships boto3 (and botocore, s3transfer, ...) precompiled under /var/runtime."""
_IMPORT_TIME = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


@dataclass(frozen=True)
class Layout:
    task: Path
    opt_source: Path
    opt_compiled: Path
    runtime: Path

    def pythonpath(self, compiled: bool) -> str:
        # Lambda's order: the function's code, then layers, then the runtime's own packages.
        opt = self.opt_compiled if compiled else self.opt_source
        return os.pathsep.join(str(path) for path in (self.task, opt, self.runtime))


def runtime_python() -> str:
    """The runtime's interpreter (pyenv 3.13.0) without the venv's site-packages; else this interpreter."""
    root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=False).stdout.strip()
    candidate = Path(root) / "versions" / "3.13.0" / "bin" / "python3.13" if root else None
    return str(candidate) if candidate and candidate.exists() else sys.executable


def requirement_closure(requirements: Iterable[str]) -> set[str]:
    """Installed distributions needed by ``requirements`` (with their extras), transitively."""
    seen: dict[str, set[str]] = {}
    pending = [Requirement(line) for line in requirements]
    while pending:
        requirement = pending.pop()
        name = canonicalize_name(requirement.name)
        extras = set(requirement.extras)
        if name in seen and extras <= seen[name]:
            continue
        seen[name] = seen.get(name, set()) | extras
        try:
            needs = metadata.distribution(requirement.name).requires or []
        except metadata.PackageNotFoundError:
            continue
        environments = [{"extra": extra} for extra in seen[name] or {""}]
        for line in needs:
            needed = Requirement(line)
            if needed.marker is None or any(needed.marker.evaluate(env) for env in environments):
                pending.append(needed)
    return set(seen)


def read_requirements(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("-")]


def copy_distributions(names: Iterable[str], target: Path) -> None:
    """Copy the installed files of each distribution (no .pyc, nothing outside site-packages)."""
    for name in sorted(names):
        if name == "articles":
            continue  # installed editable: copied from shared/ instead
        distribution = metadata.distribution(name)
        for file in distribution.files or []:
            relative = Path(str(file))
            if ".." in relative.parts or "__pycache__" in relative.parts or relative.suffix == ".pyc":
                continue
            source = Path(str(distribution.locate_file(file)))
            if source.is_file():
                destination = target / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, destination)


def build_layout(root: Path) -> Layout:
    layout = Layout(root / "task", root / "opt-source", root / "opt-compiled", root / "runtime")
    shutil.copytree(REPO / "functions" / "ingest", layout.task, ignore=_no_bytecode)
    # as tools/finish_layer.py ships it: without the SDK that the runtime provides precompiled
    layer = requirement_closure(read_requirements(REPO / "shared" / "requirements.txt")) - {
        canonicalize_name(name) for name in PROVIDED_BY_RUNTIME
    }
    copy_distributions(layer, layout.opt_source)
    shutil.copytree(REPO / "shared" / "articles", layout.opt_source / "articles", ignore=_no_bytecode)
    shutil.copytree(layout.opt_source, layout.opt_compiled)
    copy_distributions(requirement_closure(RUNTIME_PROVIDED) - layer, layout.runtime)
    for compiled in (layout.opt_compiled, layout.runtime, layout.task):
        compileall.compile_dir(compiled, quiet=1)  # one process: a worker pool proved flaky here
    return layout


def _no_bytecode(_: str, names: list[str]) -> list[str]:
    return [name for name in names if name == "__pycache__" or name.endswith(".pyc")]


def probe_env(layout: Layout, compiled: bool, function_env: dict[str, str]) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(
        {
            "AWS_ACCESS_KEY_ID": "testing",  # boto3 clients are created at import; no call is ever made
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": env.get("AWS_DEFAULT_REGION", "us-east-1"),
            "AWS_REGION": env.get("AWS_DEFAULT_REGION", "us-east-1"),
            "POWERTOOLS_METRICS_NAMESPACE": "Articles",
            "POWERTOOLS_SERVICE_NAME": "articles-ingest",
            **function_env,
            "PYTHONPATH": layout.pythonpath(compiled),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def run_probe(
    python: str, env: dict[str, str], article: Path, extra: Sequence[str] = (), flags: Sequence[str] = ()
) -> tuple[dict[str, Any], str, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [python, *flags, str(PROBE), str(article), *extra],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    wall_ms = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"cold-start probe failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr, wall_ms


def parse_importtime(stderr: str, top: int = 15) -> list[dict[str, Any]]:
    """``-X importtime`` lines -> the modules with the largest cumulative import time (ms)."""
    rows = []
    for line in stderr.splitlines():
        match = _IMPORT_TIME.match(line)
        if match:
            own, cumulative, indent, module = match.groups()
            rows.append(
                {
                    "module": module,
                    "depth": len(indent) // 2,
                    "self_ms": round(int(own) / 1000, 2),
                    "cumulative_ms": round(int(cumulative) / 1000, 2),
                }
            )
    rows.sort(key=lambda row: row["cumulative_ms"], reverse=True)
    return rows[:top]


def measure_cold_start(
    article: Path, mixed: Sequence[Doc], runs: int, function_env: dict[str, str], workdir: Path | None = None
) -> dict[str, Any]:
    python = runtime_python()
    with tempfile.TemporaryDirectory(prefix="bench-cold-", dir=workdir) as scratch:
        root = Path(scratch)
        layout = build_layout(root)
        variants = {
            "no_pyc": probe_env(layout, False, function_env),
            "pyc": probe_env(layout, True, function_env),
        }
        for env in variants.values():
            run_probe(python, env, article)  # page cache and disk warm-up, not counted
        reports: dict[str, list[dict[str, Any]]] = {name: [] for name in variants}
        for _ in range(runs):
            for name, env in variants.items():  # alternate so that machine drift hits both alike
                report, _, wall_ms = run_probe(python, env, article)
                report["process_wall_ms"] = round(wall_ms, 1)
                reports[name].append(report)
        result: dict[str, Any] = {
            "python": python,
            "runs": runs,
            "measured": "import of functions/ingest/app.py as `app` + first extract_article() and "
            "model_dump_json() on the reference sample; in-process clock, interpreter start-up excluded "
            "(process_wall_ms includes it); no AWS call is made",
        }
        for name, items in reports.items():
            result[name] = {
                key: round(median([item[key] for item in items]), 2)
                for key in (
                    "import_ms",
                    "first_article_ms",
                    "cold_total_ms",
                    "process_wall_ms",
                    "max_rss_mb_after_import",
                    "max_rss_mb",
                )
            }
            result[name]["status"] = items[-1]["status"]
        for name, env in variants.items():
            _, stderr, _ = run_probe(python, env, article, flags=["-X", "importtime"])
            result[name]["importtime_top15"] = parse_importtime(stderr)
        profiled, _, _ = run_probe(python, variants["pyc"], article, extra=["--profile"])
        result["first_article_profile"] = profiled.get("first_article_profile", [])
        mixed_file = root / "mixed.jsonl"
        mixed_file.write_text(
            "".join(json.dumps({"id": doc.id, "text": doc.text}) + "\n" for doc in mixed), encoding="utf-8"
        )
        after, _, _ = run_probe(python, variants["pyc"], article, extra=["--mixed", str(mixed_file)])
        result["mixed"] = {
            key: after[key]
            for key in (
                "mixed_articles",
                "mixed_mean_ms",
                "mixed_statuses",
                "max_rss_mb",
                "max_rss_mb_after_mixed",
            )
        }
        result["layer_copy_mb"] = round(_tree_bytes(layout.opt_source) / 1e6, 1)
    return result


def _tree_bytes(root: Path) -> int:
    return sum(path.stat().st_size for path in root.rglob("*") if path.is_file())
