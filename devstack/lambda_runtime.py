"""Run the Lambda handlers in-process: load ``functions/<name>/app.py`` and fake a Lambda context.

Used by the tests, the events test and the local stack. Each load executes the module afresh
under a unique name, so its module-level clients pick up the current environment (e.g. moto).
"""

from __future__ import annotations

import importlib.util
import itertools
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Literal

FUNCTIONS_DIR = Path(__file__).resolve().parents[1] / "functions"
_load_counter = itertools.count()


def load_handler(name: Literal["ingest", "api"]) -> ModuleType:
    """A fresh instance of ``functions/<name>/app.py``; call its ``lambda_handler(event, context)``."""
    path = FUNCTIONS_DIR / name / "app.py"
    module_name = f"_lambda_{name}_app_{next(_load_counter)}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class FakeLambdaContext:
    """The attributes powertools reads from a LambdaContext."""

    function_name: str
    memory_limit_in_mb: int = 512
    function_version: str = "$LATEST"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    remaining_time_in_millis: int = 60_000

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:us-east-1:123456789012:function:{self.function_name}"

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    @property
    def log_stream_name(self) -> str:
        return "local"

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_time_in_millis


def fake_context(function_name: str) -> FakeLambdaContext:
    return FakeLambdaContext(function_name=function_name)
