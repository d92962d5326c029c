"""Finish a `sam build` of the layer for a fast cold start (`make build` runs it after sam build).

1. Drop the AWS SDK that the layer's requirements pull in (aws-xray-sdk depends on botocore): the
   Lambda runtime ships boto3/botocore precompiled, and a 21 MB uncompiled copy in /opt would
   shadow it and be compiled on every cold start.
2. Precompile every module with the runtime's Python. Lambda's /opt is read-only, so a layer
   without .pyc recompiles on each cold start; ``unchecked-hash`` pycs are used without comparing
   source timestamps, which zip packaging does not preserve exactly.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

PROVIDED_BY_RUNTIME = ("boto3", "botocore", "s3transfer", "jmespath")
LAYER = "ArticlesLayer"


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def drop_runtime_packages(site: Path) -> list[str]:
    removed = []
    for entry in sorted(site.iterdir()):
        name = re.split(r"-\d", entry.name, maxsplit=1)[0].lower().replace("-", "_")
        if name in PROVIDED_BY_RUNTIME or name.removesuffix(".dist_info") in PROVIDED_BY_RUNTIME:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
            removed.append(entry.name)
    return removed


def precompile(site: Path, python: str) -> None:
    subprocess.run(
        [python, "-m", "compileall", "-q", "-j", "0", "--invalidation-mode", "unchecked-hash", str(site)],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_dir", type=Path, help="sam build's --build-dir (default .aws-sam/build)")
    parser.add_argument("--python", default=sys.executable, help="the Lambda runtime's Python (3.13)")
    args = parser.parse_args(argv)
    site = args.build_dir / LAYER / "python"
    if not site.is_dir():
        parser.error(f"{site} does not exist: run sam build first")
    before = _size_mb(site)
    removed = drop_runtime_packages(site)
    precompile(site, args.python)
    print(
        f"layer: removed {', '.join(removed) or 'nothing'}; {before:.1f} MB -> {_size_mb(site):.1f} MB with .pyc"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
