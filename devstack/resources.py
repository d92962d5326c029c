"""Create the stack's bucket, queues and table on moto from their definitions in ``template.yaml``.

The template is the one source of truth for the table's keys and indexes, the queue's redrive
settings and the bucket's notifications: tests and the local stack call :func:`create_resources`
instead of repeating those definitions. Works inside ``mock_aws`` (``endpoint_url=None``) and
against a moto server (``endpoint_url="http://127.0.0.1:PORT"``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import boto3
import yaml

TEMPLATE_PATH = Path(__file__).resolve().parents[1] / "template.yaml"
DEFAULT_REGION = "us-east-1"

# Logical ids in template.yaml.
TABLE_ID = "ArticlesTable"
BUCKET_ID = "ArticlesBucket"
QUEUE_ID = "IngestQueue"
DEAD_LETTER_QUEUE_ID = "IngestDeadLetterQueue"

# Local resource names (there is no CloudFormation to generate them).
LOCAL_BUCKET = "articles-local"
LOCAL_TABLE = "articles-local"
LOCAL_QUEUE = "articles-ingest-local"


class _CloudFormationLoader(yaml.SafeLoader):
    """YAML loader that understands CloudFormation's short-form tags (``!Ref``, ``!Sub``, ``!GetAtt``…)."""


def _construct_intrinsic(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> dict[str, Any]:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    if tag_suffix == "Ref":
        return {"Ref": value}
    if tag_suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)  # short form "Resource.Attribute"
    return {f"Fn::{tag_suffix}": value}


_CloudFormationLoader.add_multi_constructor("!", _construct_intrinsic)


def load_template(path: Path = TEMPLATE_PATH) -> dict[str, Any]:
    """The template as plain data; short-form tags become their long form (``{"Ref": …}``, ``{"Fn::Sub": …}``)."""
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=_CloudFormationLoader)  # noqa: S506 - SafeLoader subclass


@cache
def _template() -> dict[str, Any]:
    return load_template()


def _properties(logical_id: str, template: Mapping[str, Any] | None = None) -> dict[str, Any]:
    resources = (template or _template())["Resources"]
    return dict(resources[logical_id].get("Properties", {}))


@dataclass(frozen=True)
class StackResources:
    bucket: str
    queue_url: str
    dlq_url: str
    table_name: str
    prefix: str


def create_resources(
    session: boto3.Session | None = None,
    *,
    endpoint_url: str | None = None,
    bucket: str = LOCAL_BUCKET,
    table: str = LOCAL_TABLE,
    queue: str = LOCAL_QUEUE,
    prefix: str = "",
    versioning: bool | None = None,
) -> StackResources:
    """Create the table, the queue with its dead-letter queue, and the notifying bucket.

    ``versioning`` defaults to the template's setting. moto sends no ``ObjectRemoved``
    notification for a delete on a versioned bucket (AWS does), so a test of the delete path
    through the real notification passes ``versioning=False``.
    """
    session = session or boto3.Session(region_name=boto3.Session().region_name or DEFAULT_REGION)
    template = _template()
    dynamodb = session.client("dynamodb", endpoint_url=endpoint_url)
    sqs = session.client("sqs", endpoint_url=endpoint_url)
    s3 = session.client("s3", endpoint_url=endpoint_url)

    _create_table(dynamodb, table, _properties(TABLE_ID, template))
    dlq_url, dlq_arn = _create_queue(sqs, f"{queue}-dlq", _properties(DEAD_LETTER_QUEUE_ID, template))
    queue_url, queue_arn = _create_queue(sqs, queue, _properties(QUEUE_ID, template), dead_letter_arn=dlq_arn)
    _create_bucket(s3, bucket, _properties(BUCKET_ID, template), queue_arn, prefix, versioning)
    return StackResources(
        bucket=bucket, queue_url=queue_url, dlq_url=dlq_url, table_name=table, prefix=prefix
    )


def _create_table(dynamodb: Any, name: str, properties: Mapping[str, Any]) -> None:
    arguments: dict[str, Any] = {
        "TableName": name,
        "KeySchema": properties["KeySchema"],
        "AttributeDefinitions": properties["AttributeDefinitions"],
        "BillingMode": properties.get("BillingMode", "PAY_PER_REQUEST"),
    }
    if properties.get("GlobalSecondaryIndexes"):
        arguments["GlobalSecondaryIndexes"] = properties["GlobalSecondaryIndexes"]
    dynamodb.create_table(**arguments)
    dynamodb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})


# Queue properties copied as attributes when the template sets them as literals.
_QUEUE_ATTRIBUTES = (
    "VisibilityTimeout",
    "MessageRetentionPeriod",
    "DelaySeconds",
    "ReceiveMessageWaitTimeSeconds",
)


def _create_queue(
    sqs: Any, name: str, properties: Mapping[str, Any], *, dead_letter_arn: str | None = None
) -> tuple[str, str]:
    attributes = {key: str(properties[key]) for key in _QUEUE_ATTRIBUTES if key in properties}
    redrive = properties.get("RedrivePolicy")
    if redrive:
        if dead_letter_arn is None:
            raise ValueError(f"queue {name} has a RedrivePolicy in the template but no dead-letter queue")
        attributes["RedrivePolicy"] = json.dumps(
            {"deadLetterTargetArn": dead_letter_arn, "maxReceiveCount": str(redrive["maxReceiveCount"])}
        )
    url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, arn


def _create_bucket(
    s3: Any,
    name: str,
    properties: Mapping[str, Any],
    queue_arn: str,
    prefix: str,
    versioning: bool | None,
) -> None:
    region = s3.meta.region_name
    if region == DEFAULT_REGION:
        s3.create_bucket(Bucket=name)
    else:
        s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
    if versioning is None:
        versioning = properties.get("VersioningConfiguration", {}).get("Status") == "Enabled"
    if versioning:
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    # moto ignores CloudFormation's NotificationConfiguration: configure it through the API.
    # The template filters on its ArticlesPrefix parameter; locally the prefix argument plays that role.
    configurations = []
    for template_configuration in properties["NotificationConfiguration"]["QueueConfigurations"]:
        configuration: dict[str, Any] = {"QueueArn": queue_arn, "Events": [template_configuration["Event"]]}
        if prefix:
            configuration["Filter"] = {"Key": {"FilterRules": [{"Name": "prefix", "Value": prefix}]}}
        configurations.append(configuration)
    s3.put_bucket_notification_configuration(
        Bucket=name, NotificationConfiguration={"QueueConfigurations": configurations}
    )


def notification_events(template: Mapping[str, Any] | None = None) -> list[str]:
    """The S3 event types the bucket sends to the ingest queue, e.g. ``["s3:ObjectCreated:*", …]``."""
    configurations = _properties(BUCKET_ID, template)["NotificationConfiguration"]["QueueConfigurations"]
    return [configuration["Event"] for configuration in configurations]


def function_environment(
    function_logical_id: str,
    resources: StackResources | None = None,
    *,
    parameters: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The function's environment variables as the template sets them (Globals, then the function).

    ``!Ref`` to a parameter gives its default (or ``parameters[name]``); ``!Ref`` to the table,
    bucket or queues gives the local name from ``resources`` (default: create_resources' defaults).
    """
    template = _template()
    if template["Resources"].get(function_logical_id, {}).get("Type") != "AWS::Serverless::Function":
        raise KeyError(f"{function_logical_id} is not an AWS::Serverless::Function in {TEMPLATE_PATH.name}")
    resources = resources or _default_resources()
    physical_names = {
        TABLE_ID: resources.table_name,
        BUCKET_ID: resources.bucket,
        QUEUE_ID: resources.queue_url,
        DEAD_LETTER_QUEUE_ID: resources.dlq_url,
    }
    parameter_values = {
        name: str(definition.get("Default", "")) for name, definition in template["Parameters"].items()
    }
    parameter_values.update(parameters or {})

    def resolve(name: str, value: Any) -> str:
        if isinstance(value, dict) and set(value) == {"Ref"}:
            target = value["Ref"]
            if target in parameter_values:
                return parameter_values[target]
            if target in physical_names:
                return physical_names[target]
        if isinstance(value, str | int | float | bool):
            return str(value)
        raise ValueError(
            f"{function_logical_id}: cannot resolve environment variable {name}={value!r} locally"
        )

    global_variables = (
        template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})
    )
    function_variables = (
        _properties(function_logical_id, template).get("Environment", {}).get("Variables", {})
    )
    merged = {**global_variables, **function_variables}
    return {name: resolve(name, value) for name, value in merged.items()}


def _default_resources() -> StackResources:
    return StackResources(
        bucket=LOCAL_BUCKET,
        queue_url=LOCAL_QUEUE,
        dlq_url=f"{LOCAL_QUEUE}-dlq",
        table_name=LOCAL_TABLE,
        prefix="",
    )
