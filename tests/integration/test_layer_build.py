"""The layer as `sam build` makes it imports and works on a bare Python 3.13 (no project venv).

Catches a dependency missing from shared/requirements.txt, which every venv-based test misses.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from devstack.resources import function_environment
from tests.paths import REFERENCE_SAMPLE, REPO

pytestmark = pytest.mark.slow

SAM = REPO / ".venv-sam" / "bin" / "sam"
# What the Lambda runtime itself provides (/var/runtime): boto3 and its dependencies.
RUNTIME_PACKAGES = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six.py")


def lambda_python() -> Path | None:
    """The runtime's exact interpreter: sam build needs it on PATH, the import test runs on it."""
    candidates = [Path(sys.base_prefix) / "bin" / "python3.13"]
    found = shutil.which("python3.13")
    if found:
        candidates.append(Path(found))
    return next((path for path in candidates if path.is_file()), None)


def host_architecture() -> str:
    return {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "arm64", "arm64": "arm64"}[
        platform.machine().lower()
    ]


@pytest.fixture(scope="module")
def built_layer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    python = lambda_python()
    if not SAM.exists():
        pytest.skip("aws-sam-cli is not installed: run `make sam-install`")
    if python is None:
        pytest.skip("python3.13 (the Lambda runtime's version) is not installed")
    work = tmp_path_factory.mktemp("sam")
    result = subprocess.run(
        [
            str(SAM),
            "build",
            "--template-file",
            str(REPO / "template.yaml"),
            "--build-dir",
            str(work / "build"),
            "--cache-dir",
            str(work / "cache"),  # never reuse a cache built for another architecture
            "--parameter-overrides",
            f"Architecture={host_architecture()}",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            "PATH": f"{python.parent}{os.pathsep}{os.environ['PATH']}",
            "SAM_CLI_TELEMETRY": "0",
            "AWS_DEFAULT_REGION": "us-east-1",
        },
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # as `make build` does: drop the SDK the runtime provides, precompile with the runtime's Python
    subprocess.run(
        [
            sys.executable,
            str(REPO / "tools" / "finish_layer.py"),
            str(work / "build"),
            "--python",
            str(python),
        ],
        check=True,
        capture_output=True,
    )
    return work / "build"


def runtime_dir(target: Path) -> Path:
    """A stand-in for /var/runtime: only the AWS SDK, copied from the test environment."""
    site_packages = Path(__import__("boto3").__file__).resolve().parents[1]
    target.mkdir()
    for name in RUNTIME_PACKAGES:
        source = site_packages / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


SMOKE = textwrap.dedent(
    """
    import importlib.util, json, sys
    from pathlib import Path

    assert not any("site-packages" in entry for entry in sys.path), sys.path
    for function in ("IngestFunction", "ApiFunction"):  # the handlers as sam build packaged them
        spec = importlib.util.spec_from_file_location(function, Path(sys.argv[1]) / function / "app.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert callable(module.lambda_handler)
    from articles.extract import extract_article

    record = extract_article(Path(sys.argv[2]).read_bytes(), filename="sample.txt", article_id="smoke")
    print(record.model_dump_json())
    """
)


def test_handlers_import_and_extract_with_only_the_built_layer(built_layer: Path, tmp_path: Path) -> None:
    layer = built_layer / "ArticlesLayer" / "python"
    assert (layer / "articles" / "extract" / "pipeline.py").is_file()
    assert not (layer / "devstack").exists()  # dev-only code never ships
    assert not (layer / "botocore").exists()  # the runtime's precompiled SDK is used, not a copy
    assert (layer / "articles" / "extract" / "__pycache__").is_dir()  # /opt is read-only: ship .pyc
    python = lambda_python()
    assert python is not None
    environment = {
        "PATH": os.environ["PATH"],
        # Lambda's order: the function code, the layer, then the runtime's own SDK.
        "PYTHONPATH": os.pathsep.join([str(layer), str(runtime_dir(tmp_path / "runtime"))]),
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "POWERTOOLS_TRACE_DISABLED": "true",
        **function_environment("IngestFunction"),
    }
    result = subprocess.run(
        # -S: no site-packages of the interpreter, so only the layer and the SDK are importable.
        [str(python), "-S", "-c", SMOKE, str(built_layer), str(REFERENCE_SAMPLE)],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert record["status"] == "processed"
    assert record["language"]["code"] == "hu"
    assert record["published"]["value"] == "2024-07"
