"""Unzipped size of the built layer and functions (.aws-sam/build) against Lambda's 250 MB limit."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / ".aws-sam" / "build"
LAMBDA_UNZIPPED_LIMIT_MB = 250.0
"""Function code plus all its layers, unzipped (AWS Lambda quotas)."""
LAYER = "ArticlesLayer"


def tree_bytes(root: Path) -> int:
    return sum(path.stat().st_size for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def top_entries(root: Path, top: int = 10) -> list[dict[str, Any]]:
    """The largest top-level entries of a directory (a package directory and its .dist-info apart)."""
    sizes = [
        (entry.name, tree_bytes(entry) if entry.is_dir() else entry.stat().st_size)
        for entry in root.iterdir()
    ]
    sizes.sort(key=lambda item: item[1], reverse=True)
    return [{"name": name, "mb": round(size / 1e6, 2)} for name, size in sizes[:top]]


def ensure_build() -> str | None:
    """Run `make build` (cached: seconds when nothing changed) so the sizes are those of this code,
    trimmed and precompiled as it ships; returns an error text if it cannot be built."""
    done = subprocess.run(
        ["make", "build"], cwd=REPO, capture_output=True, text=True, check=False, timeout=900
    )
    if done.returncode != 0:
        return f"make build failed ({done.returncode}): {(done.stderr or done.stdout)[-1500:]}"
    return None


def measure_package(build: Path = BUILD, *, rebuild: bool = True) -> dict[str, Any]:
    error = ensure_build() if rebuild and build == BUILD else None
    if error or not build.is_dir():
        return {"error": error or f"no build at {build}"}
    layer_dir = build / LAYER
    layer_mb = round(tree_bytes(layer_dir) / 1e6, 2) if layer_dir.is_dir() else 0.0
    functions = {}
    for entry in sorted(build.iterdir()):
        if entry.is_dir() and entry.name != LAYER:
            own_mb = round(tree_bytes(entry) / 1e6, 2)
            total = round(own_mb + layer_mb, 2)
            functions[entry.name] = {
                "code_mb": own_mb,
                "with_layer_mb": total,
                "share_of_limit": round(total / LAMBDA_UNZIPPED_LIMIT_MB, 3),
            }
    python_dir = layer_dir / "python"
    return {
        "build_dir": str(build.relative_to(REPO)) if build.is_relative_to(REPO) else str(build),
        "limit_mb": LAMBDA_UNZIPPED_LIMIT_MB,
        "layer_mb": layer_mb,
        "layer_pyc_files": sum(1 for _ in layer_dir.rglob("*.pyc")) if layer_dir.is_dir() else 0,
        "layer_top10": top_entries(python_dir) if python_dir.is_dir() else [],
        "functions": functions,
    }
