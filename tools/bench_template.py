"""The few template.yaml facts the benchmark needs: memory, batch size, environment, table keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

TEMPLATE = Path(__file__).resolve().parents[1] / "template.yaml"
INGEST_FUNCTION = "IngestFunction"
TABLE = "ArticlesTable"
_TABLE_API_KEYS = ("AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "BillingMode")


class _CloudFormationLoader(yaml.SafeLoader):
    """Reads !Ref, !Sub, !GetAtt... as plain data: only literal values are used here."""


_CloudFormationLoader.add_multi_constructor("!", lambda loader, suffix, node: _tagged(loader, suffix, node))


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    """``!Ref Name`` -> ``{"Ref": "Name"}``, as in the JSON form of a template."""
    if isinstance(node, yaml.ScalarNode):
        return {suffix: loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {suffix: loader.construct_sequence(node, deep=True)}
    return {suffix: loader.construct_mapping(node, deep=True)}  # type: ignore[arg-type]


def load_template(path: Path = TEMPLATE) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_CloudFormationLoader)  # noqa: S506 - SafeLoader subclass


def function_properties(template: dict[str, Any], name: str = INGEST_FUNCTION) -> dict[str, Any]:
    globals_ = template.get("Globals", {}).get("Function", {})
    return {**globals_, **template["Resources"][name]["Properties"]}


def memory_mb(template: dict[str, Any]) -> int:
    return int(function_properties(template).get("MemorySize", 128))  # 128 MB is Lambda's default


def batch_size(template: dict[str, Any]) -> int:
    for event in function_properties(template).get("Events", {}).values():
        if event.get("Type") == "SQS":
            return int(event.get("Properties", {}).get("BatchSize", 10))
    return 10


def function_env(template: dict[str, Any]) -> dict[str, str]:
    """Literal values; a !Ref to a parameter gives its default; other intrinsics a placeholder name."""
    own = template["Resources"][INGEST_FUNCTION]["Properties"].get("Environment", {}).get("Variables", {})
    shared = template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})
    variables = {**shared, **own}  # SAM merges the variables of Globals and the function
    parameters = template.get("Parameters", {})
    env = {}
    for key, value in variables.items():
        if isinstance(value, dict) and "Default" in parameters.get(value.get("Ref"), {}):
            value = parameters[value["Ref"]]["Default"]
        env[key] = str(value) if not isinstance(value, dict) else f"bench-{key.lower().replace('_', '-')}"
    return env


def table_api_properties(template: dict[str, Any]) -> dict[str, Any]:
    properties = template["Resources"][TABLE]["Properties"]
    return {key: properties[key] for key in _TABLE_API_KEYS if key in properties}
