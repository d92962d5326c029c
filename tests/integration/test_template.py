"""template.yaml: lint-clean, secure by construction, and the source the local resources are made from."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws
from moto.server import ThreadedMotoServer

from devstack.lambda_runtime import load_handler
from devstack.resources import (
    StackResources,
    create_resources,
    function_environment,
    load_template,
    notification_events,
)
from tests.paths import REPO

TEMPLATE = REPO / "template.yaml"
SAM = REPO / ".venv-sam" / "bin" / "sam"
FUNCTIONS = ("IngestFunction", "ApiFunction")


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template(TEMPLATE)


def resources_of(template: dict[str, Any], resource_type: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in template["Resources"].items() if r["Type"] == resource_type}


def properties(template: dict[str, Any], logical_id: str) -> dict[str, Any]:
    return template["Resources"][logical_id]["Properties"]


def parameter_default(template: dict[str, Any], value: Any) -> Any:
    """A literal, or the default of the parameter a ``!Ref`` names."""
    if isinstance(value, dict):
        return template["Parameters"][value["Ref"]]["Default"]
    return value


def references(value: Any) -> set[str]:
    """Logical ids a value refers to through Ref, GetAtt or ${…} in Sub."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "Ref":
                found.add(inner)
            elif key == "Fn::GetAtt":
                found.add(inner[0])
            elif key == "Fn::Sub" and isinstance(inner, str):
                found.update(part.split("}")[0].split(".")[0] for part in inner.split("${")[1:])
            else:
                found |= references(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= references(inner)
    return found


# --------------------------------------------------------------------- linters


def run_cfn_lint(path: Path) -> subprocess.CompletedProcess[str]:
    cfn_lint = Path(sys.executable).parent / "cfn-lint"
    return subprocess.run(
        [str(cfn_lint), "-a", "cfn_lint_serverless.rules", "--", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        env={**os.environ, "AWS_DEFAULT_REGION": "us-east-1"},
    )


def test_cfn_lint_with_serverless_rules_is_clean() -> None:
    result = run_cfn_lint(TEMPLATE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def test_serverless_rules_are_active(tmp_path: Path) -> None:
    """The clean run above means something only if the serverless rules fire on a bad template."""
    untraced = tmp_path / "template.yaml"
    untraced.write_text(
        TEMPLATE.read_text(encoding="utf-8").replace("Tracing: Active", "Tracing: PassThrough")
    )
    result = run_cfn_lint(untraced)
    assert result.returncode != 0
    assert "WS1000" in result.stdout


@pytest.mark.skipif(not SAM.exists(), reason="aws-sam-cli is not installed: run `make sam-install`")
def test_sam_validate_lint() -> None:
    result = subprocess.run(
        [str(SAM), "validate", "--lint", "--template-file", str(TEMPLATE)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        env={**os.environ, "AWS_DEFAULT_REGION": "us-east-1", "SAM_CLI_TELEMETRY": "0"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is a valid SAM Template" in result.stdout


# --------------------------------------------------------------------- security properties


def test_bucket_is_versioned_encrypted_private_and_tls_only(template: dict[str, Any]) -> None:
    bucket = properties(template, "ArticlesBucket")
    assert bucket["VersioningConfiguration"]["Status"] == "Enabled"
    encryption = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
    assert encryption["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in {"AES256", "aws:kms"}
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    assert set(bucket["PublicAccessBlockConfiguration"]) == {
        "BlockPublicAcls",
        "BlockPublicPolicy",
        "IgnorePublicAcls",
        "RestrictPublicBuckets",
    }

    (policy,) = resources_of(template, "AWS::S3::BucketPolicy").values()
    assert references(policy["Properties"]["Bucket"]) == {"ArticlesBucket"}
    deny_plain_http = [
        statement
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        if statement["Effect"] == "Deny"
        and statement["Condition"].get("Bool", {}).get("aws:SecureTransport") == "false"
    ]
    assert len(deny_plain_http) == 1
    resources = deny_plain_http[0]["Resource"]
    assert {"Fn::GetAtt": ["ArticlesBucket", "Arn"]} in resources
    assert {"Fn::Sub": "${ArticlesBucket.Arn}/*"} in resources


def test_queue_policy_names_the_same_bucket_as_the_bucket(template: dict[str, Any]) -> None:
    """The bucket name is spelled twice (to avoid a circular dependency): the two must agree."""
    bucket_name = properties(template, "ArticlesBucket")["BucketName"]["Fn::Sub"]
    (statement,) = properties(template, "IngestQueuePolicy")["PolicyDocument"]["Statement"]
    assert statement["Principal"] == {"Service": "s3.amazonaws.com"}
    assert statement["Action"] == "sqs:SendMessage"
    source_arn = statement["Condition"]["ArnEquals"]["aws:SourceArn"]["Fn::Sub"]
    assert source_arn == f"arn:${{AWS::Partition}}:s3:::{bucket_name}"
    assert "IngestQueuePolicy" in template["Resources"]["ArticlesBucket"]["DependsOn"]


def test_queues_are_encrypted_and_failures_end_in_the_alarmed_dlq(template: dict[str, Any]) -> None:
    queue = properties(template, "IngestQueue")
    dlq = properties(template, "IngestDeadLetterQueue")
    assert queue["SqsManagedSseEnabled"] is True
    assert dlq["SqsManagedSseEnabled"] is True
    assert queue["RedrivePolicy"]["deadLetterTargetArn"] == {"Fn::GetAtt": ["IngestDeadLetterQueue", "Arn"]}
    assert 1 < queue["RedrivePolicy"]["maxReceiveCount"] <= 10
    assert dlq["MessageRetentionPeriod"] > queue["MessageRetentionPeriod"]
    (alarm,) = resources_of(template, "AWS::CloudWatch::Alarm").values()
    assert alarm["Properties"]["MetricName"] == "ApproximateNumberOfMessagesVisible"
    assert references(alarm["Properties"]["Dimensions"]) == {"IngestDeadLetterQueue"}
    assert alarm["Properties"]["Threshold"] == 0


def test_ingest_consumes_the_queue_with_partial_batch_failures(template: dict[str, Any]) -> None:
    ingest = properties(template, "IngestFunction")
    (event,) = ingest["Events"].values()
    assert event["Type"] == "SQS"
    assert event["Properties"]["Queue"] == {"Fn::GetAtt": ["IngestQueue", "Arn"]}
    assert event["Properties"]["BatchSize"] == 10
    assert event["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    # AWS: visibility timeout >= 6 x function timeout + batching window, or messages are redelivered
    # while still being processed.
    window = event["Properties"]["MaximumBatchingWindowInSeconds"]
    assert properties(template, "IngestQueue")["VisibilityTimeout"] >= 6 * ingest["Timeout"] + window


def test_notifications_cover_created_and_removed_objects(template: dict[str, Any]) -> None:
    assert sorted(notification_events(template)) == ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]


def test_table_is_on_demand_with_pitr_and_encryption(template: dict[str, Any]) -> None:
    table = properties(template, "ArticlesTable")
    assert table["BillingMode"] == "PAY_PER_REQUEST"
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert table["SSESpecification"]["SSEEnabled"] is True
    assert [key["KeyType"] for key in table["KeySchema"]] == ["HASH", "RANGE"]
    defined = {attribute["AttributeName"] for attribute in table["AttributeDefinitions"]}
    used = {key["AttributeName"] for key in table["KeySchema"]} | {
        key["AttributeName"]
        for index in table.get("GlobalSecondaryIndexes", [])
        for key in index["KeySchema"]
    }
    assert defined == used  # CloudFormation rejects definitions no key uses


def test_functions_are_python313_traced_and_configured_alike(template: dict[str, Any]) -> None:
    function_globals = template["Globals"]["Function"]
    assert function_globals["Runtime"] == "python3.13"
    assert function_globals["Tracing"] == "Active"
    assert function_globals["Architectures"] == [{"Ref": "Architecture"}]
    assert template["Parameters"]["Architecture"]["Default"] == "arm64"
    for logical_id in FUNCTIONS:
        function = properties(template, logical_id)
        assert function["Handler"] == "app.lambda_handler"
        assert "Runtime" not in function and "Tracing" not in function  # the Globals apply
        environment = function_environment(logical_id)
        assert environment["POWERTOOLS_METRICS_NAMESPACE"] == "Articles"
        assert environment["TABLE_NAME"]
        assert {"POWERTOOLS_SERVICE_NAME", "LOG_LEVEL"} <= set(environment)


def test_layer_is_built_from_shared_for_the_function_architecture(template: dict[str, Any]) -> None:
    layer = template["Resources"]["ArticlesLayer"]
    assert layer["Properties"]["ContentUri"] == "shared/"
    assert layer["Metadata"]["BuildMethod"] == "python3.13"
    # Without BuildArchitecture sam build installs x86_64 wheels even for arm64 functions.
    assert layer["Metadata"]["BuildArchitecture"] == {"Ref": "Architecture"}
    assert template["Globals"]["Function"]["Layers"] == [{"Ref": "ArticlesLayer"}]
    assert (REPO / "shared" / "requirements.txt").is_file()


def test_every_function_and_the_api_log_with_retention(template: dict[str, Any]) -> None:
    log_groups = resources_of(template, "AWS::Logs::LogGroup")
    assert all("RetentionInDays" in group["Properties"] for group in log_groups.values())
    # Each function writes to its own log group (LoggingConfig), which its role alone may write.
    function_log_groups = [properties(template, f)["LoggingConfig"]["LogGroup"]["Ref"] for f in FUNCTIONS]
    assert len(set(function_log_groups)) == len(FUNCTIONS)
    assert set(function_log_groups) <= set(log_groups)
    access_log = properties(template, "ArticlesApi")["AccessLogSetting"]
    assert references(access_log["DestinationArn"]) <= {
        name for name, r in template["Resources"].items() if r["Type"] == "AWS::Logs::LogGroup"
    }
    assert json.loads(access_log["Format"].replace("\n", ""))["requestId"] == "$context.requestId"


def test_api_is_traced_throttled_and_iam_by_default(template: dict[str, Any]) -> None:
    api = properties(template, "ArticlesApi")
    assert api["TracingEnabled"] is True
    (defaults,) = [s for s in api["MethodSettings"] if s["ResourcePath"] == "/*" and s["HttpMethod"] == "*"]
    assert 0 < parameter_default(template, defaults["ThrottlingBurstLimit"]) <= 1000
    assert 0 < parameter_default(template, defaults["ThrottlingRateLimit"]) <= 1000
    assert api["StageName"] == {"Ref": "Stage"}
    assert api["Auth"]["DefaultAuthorizer"] == {"Ref": "ApiAuth"}
    auth = template["Parameters"]["ApiAuth"]
    assert auth["Default"] == "AWS_IAM"
    assert set(auth["AllowedValues"]) == {"AWS_IAM", "NONE"}


def test_api_routes(template: dict[str, Any]) -> None:
    events = properties(template, "ApiFunction")["Events"].values()
    routes = {(e["Properties"]["Method"], e["Properties"]["Path"]) for e in events}
    assert routes == {
        ("GET", "/articles"),
        ("GET", "/articles/{id}"),
        ("GET", "/entities/{name}/articles"),
        ("GET", "/openapi.json"),
        ("GET", "/swagger"),
    }
    assert all(e["Properties"]["RestApiId"] == {"Ref": "ArticlesApi"} for e in events)


def _role_of(template: dict[str, Any], function_id: str) -> str:
    role = properties(template, function_id)["Role"]
    assert role["Fn::GetAtt"][1] == "Arn", role
    return role["Fn::GetAtt"][0]


def _policy_statements(template: dict[str, Any], function_id: str) -> list[dict[str, Any]]:
    """Every statement of the function's execution role (its inline policies: it has no other)."""
    return [
        statement
        for policy in properties(template, _role_of(template, function_id))["Policies"]
        for statement in policy["PolicyDocument"]["Statement"]
    ]


def _data_statements(template: dict[str, Any], function_id: str) -> list[dict[str, Any]]:
    """The statements beyond what every function needs (its logs and X-Ray traces)."""
    return [
        statement
        for statement in _policy_statements(template, function_id)
        if not all(action.split(":")[0] in {"logs", "xray"} for action in _as_list(statement["Action"]))
    ]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("logical_id", FUNCTIONS)
def test_functions_run_under_their_own_role_without_managed_policies(
    template: dict[str, Any], logical_id: str
) -> None:
    """SAM's generated role would attach AWS managed policies that allow logs, X-Ray and SQS on '*'."""
    function = properties(template, logical_id)
    assert "Policies" not in function
    role_id = _role_of(template, logical_id)
    role = properties(template, role_id)
    assert "ManagedPolicyArns" not in role
    (trust,) = role["AssumeRolePolicyDocument"]["Statement"]
    assert trust["Principal"] == {"Service": "lambda.amazonaws.com"}
    assert [_role_of(template, f) for f in FUNCTIONS].count(role_id) == 1  # one role per function


# X-Ray's write actions have no resource-level permissions: "*" is the only valid resource.
RESOURCE_WILDCARD_ALLOWED = {"xray:PutTraceSegments", "xray:PutTelemetryRecords"}


@pytest.mark.parametrize("logical_id", FUNCTIONS)
def test_policies_name_this_stack_s_resources_only(template: dict[str, Any], logical_id: str) -> None:
    own_resources = {"ArticlesBucket", "ArticlesTable", "IngestQueue", "CursorSecret"}
    own_log_group = properties(template, logical_id)["LoggingConfig"]["LogGroup"]["Ref"]
    for statement in _policy_statements(template, logical_id):
        assert statement["Effect"] == "Allow"
        actions = _as_list(statement["Action"])
        assert not any("*" in action for action in actions), statement
        for resource in _as_list(statement["Resource"]):
            if resource == "*":
                assert set(actions) <= RESOURCE_WILDCARD_ALLOWED, statement
                continue
            assert isinstance(resource, dict), statement
            named = references(resource) - {"ArticlesPrefix"}
            if any(action.startswith("logs:") for action in actions):
                assert resource == {"Fn::GetAtt": [own_log_group, "Arn"]}, statement
                assert set(actions) == {"logs:CreateLogStream", "logs:PutLogEvents"}
            else:
                assert named and named <= own_resources, statement


def test_ingest_role_consumes_only_the_ingest_queue(template: dict[str, Any]) -> None:
    (sqs,) = [
        s
        for s in _policy_statements(template, "IngestFunction")
        if _as_list(s["Action"])[0].startswith("sqs:")
    ]
    assert set(sqs["Action"]) == {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}
    assert sqs["Resource"] == {"Fn::GetAtt": ["IngestQueue", "Arn"]}


def test_api_function_can_only_read_the_table_and_the_cursor_key(template: dict[str, Any]) -> None:
    granted = {
        (action, json.dumps(resource, sort_keys=True))
        for s in _data_statements(template, "ApiFunction")
        for action in _as_list(s["Action"])
        for resource in _as_list(s["Resource"])
    }
    actions = {action for action, _ in granted}
    assert actions == {
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:Query",
        "secretsmanager:GetSecretValue",
    }
    assert granted >= {("secretsmanager:GetSecretValue", json.dumps({"Ref": "CursorSecret"}))}
    assert all(
        "CursorSecret" not in resource for action, resource in granted if action.startswith("dynamodb:")
    )


def test_ingest_function_reads_objects_under_the_prefix_and_writes_the_table(
    template: dict[str, Any],
) -> None:
    statements = _data_statements(template, "IngestFunction")
    s3_statements = [s for s in statements if any(a.startswith("s3:") for a in _as_list(s["Action"]))]
    s3_read, s3_list = sorted(s3_statements, key=lambda s: len(_as_list(s["Action"])), reverse=True)
    assert set(s3_read["Action"]) == {"s3:GetObject", "s3:GetObjectVersion"}
    assert s3_read["Resource"] == {"Fn::Sub": "${ArticlesBucket.Arn}/${ArticlesPrefix}*"}
    # ListBucket only so that a missing object is a 404, not a 403; on this bucket alone.
    assert _as_list(s3_list["Action"]) == ["s3:ListBucket"]
    assert s3_list["Resource"] == {"Fn::GetAtt": ["ArticlesBucket", "Arn"]}
    dynamodb_actions = {a for s in statements for a in _as_list(s["Action"]) if a.startswith("dynamodb:")}
    assert "dynamodb:Scan" not in dynamodb_actions
    assert {"dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"} <= dynamodb_actions


def test_outputs(template: dict[str, Any]) -> None:
    outputs = {name: references(output["Value"]) for name, output in template["Outputs"].items()}
    assert outputs["ArticlesBucketName"] == {"ArticlesBucket"}
    assert outputs["ArticlesTableName"] == {"ArticlesTable"}
    assert outputs["IngestQueueUrl"] == {"IngestQueue"}
    assert outputs["IngestDeadLetterQueueUrl"] == {"IngestDeadLetterQueue"}
    assert "ArticlesApi" in outputs["ApiUrl"]


# --------------------------------------------------------------------- resources made from the template


def test_load_template_reads_short_form_tags(template: dict[str, Any]) -> None:
    assert template["Resources"]["IngestQueue"]["Properties"]["RedrivePolicy"]["deadLetterTargetArn"] == {
        "Fn::GetAtt": ["IngestDeadLetterQueue", "Arn"]
    }
    assert template["Conditions"]["HasPrefix"] == {
        "Fn::Not": [{"Fn::Equals": [{"Ref": "ArticlesPrefix"}, ""]}]
    }


def assert_resources_match_template(
    resources: StackResources, template: dict[str, Any], **client: Any
) -> None:
    dynamodb = boto3.client("dynamodb", region_name="us-east-1", **client)
    table = dynamodb.describe_table(TableName=resources.table_name)["Table"]
    table_template = properties(template, "ArticlesTable")
    assert table["KeySchema"] == table_template["KeySchema"]
    assert sorted(table["AttributeDefinitions"], key=str) == sorted(
        table_template["AttributeDefinitions"], key=str
    )
    indexes = {index["IndexName"]: index for index in table.get("GlobalSecondaryIndexes", [])}
    for index in table_template.get("GlobalSecondaryIndexes", []):
        assert indexes[index["IndexName"]]["KeySchema"] == index["KeySchema"]
        assert (
            indexes[index["IndexName"]]["Projection"]["ProjectionType"]
            == index["Projection"]["ProjectionType"]
        )

    sqs = boto3.client("sqs", region_name="us-east-1", **client)
    attributes = sqs.get_queue_attributes(QueueUrl=resources.queue_url, AttributeNames=["All"])["Attributes"]
    queue_template = properties(template, "IngestQueue")
    assert int(attributes["VisibilityTimeout"]) == queue_template["VisibilityTimeout"]
    redrive = json.loads(attributes["RedrivePolicy"])
    assert int(redrive["maxReceiveCount"]) == queue_template["RedrivePolicy"]["maxReceiveCount"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=resources.dlq_url, AttributeNames=["QueueArn"])["Attributes"]
    assert redrive["deadLetterTargetArn"] == dlq_arn["QueueArn"]

    s3 = boto3.client("s3", region_name="us-east-1", **client)
    assert s3.get_bucket_versioning(Bucket=resources.bucket)["Status"] == "Enabled"
    configured = s3.get_bucket_notification_configuration(Bucket=resources.bucket)["QueueConfigurations"]
    assert sorted(event for c in configured for event in c["Events"]) == sorted(notification_events(template))


def received_keys(sqs: Any, queue_url: str) -> list[str]:
    keys = []
    for message in sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", []):
        body = json.loads(message["Body"])
        keys += [record["s3"]["object"]["key"] for record in body.get("Records", [])]
    return keys


@pytest.fixture
def fake_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")


def test_create_resources_in_mock_aws_follows_the_template(
    template: dict[str, Any], fake_credentials: None
) -> None:
    with mock_aws():
        resources = create_resources(prefix="incoming/")
        assert_resources_match_template(resources, template)
        s3 = boto3.client("s3", region_name="us-east-1")
        sqs = boto3.client("sqs", region_name="us-east-1")
        received_keys(sqs, resources.queue_url)  # the s3:TestEvent
        s3.put_object(Bucket=resources.bucket, Key="elsewhere/ignored.txt", Body=b"x")
        s3.put_object(Bucket=resources.bucket, Key="incoming/Japán hír.txt", Body=b"x")
        assert received_keys(sqs, resources.queue_url) == ["incoming%2FJap%C3%A1n+h%C3%ADr.txt"]


def test_create_resources_on_a_moto_server(template: dict[str, Any], fake_credentials: None) -> None:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = {"endpoint_url": f"http://{host}:{port}"}
        resources = create_resources(**endpoint, bucket="articles-server", table="t", queue="q")
        assert resources.table_name == "t" and resources.bucket == "articles-server"
        assert_resources_match_template(resources, template, **endpoint)
    finally:
        server.stop()


def test_function_environment_points_at_the_given_resources() -> None:
    local = StackResources(bucket="b", queue_url="q", dlq_url="d", table_name="my-table", prefix="")
    environment = function_environment("IngestFunction", local, parameters={"LogLevel": "DEBUG"})
    assert environment["TABLE_NAME"] == "my-table"
    assert environment["LOG_LEVEL"] == "DEBUG"
    with pytest.raises(KeyError):
        function_environment("ArticlesTable")


# --------------------------------------------------------------------- security settings


def test_article_text_stays_out_of_the_logs_by_default(template: dict[str, Any]) -> None:
    parameter = template["Parameters"]["LogTextPreviewChars"]
    assert parameter["Default"] == 0 and parameter["MinValue"] == 0
    assert function_environment("IngestFunction")["LOG_TEXT_PREVIEW_CHARS"] == "0"


def test_ingest_concurrency_is_bounded_by_the_event_source(template: dict[str, Any]) -> None:
    (event,) = properties(template, "IngestFunction")["Events"].values()
    maximum = event["Properties"]["ScalingConfig"]["MaximumConcurrency"]
    assert 2 <= parameter_default(template, maximum) <= 100  # SQS event sources accept 2..1000


def test_bucket_refuses_tls_older_than_1_2(template: dict[str, Any]) -> None:
    statements = properties(template, "ArticlesBucketPolicy")["PolicyDocument"]["Statement"]
    (outdated_tls,) = [s for s in statements if "NumericLessThan" in s.get("Condition", {})]
    assert outdated_tls["Effect"] == "Deny" and outdated_tls["Principal"] == "*"
    assert outdated_tls["Condition"]["NumericLessThan"] == {"s3:TlsVersion": "1.2"}


def test_every_checkov_exception_is_justified(template: dict[str, Any]) -> None:
    skips = [
        (name, skip)
        for name, resource in template["Resources"].items()
        for skip in resource.get("Metadata", {}).get("checkov", {}).get("skip", [])
    ]
    assert skips  # the template documents its exceptions where they apply
    for name, skip in skips:
        assert skip["id"].startswith(("CKV_", "CKV2_")), name
        assert len(skip["comment"].split()) >= 8, f"{name}: {skip['id']} needs a reason"


def test_cursor_key_is_generated_and_named_as_the_api_reads_it(template: dict[str, Any]) -> None:
    secret = properties(template, "CursorSecret")
    assert secret["GenerateSecretString"]["PasswordLength"] >= 32
    api_source = (REPO / "functions" / "api" / "app.py").read_text(encoding="utf-8")
    suffix = secret["Name"]["Fn::Sub"].removeprefix("${ArticlesTable}")
    assert f'CURSOR_KEY_NAME_SUFFIX = "{suffix}"' in api_source
    # Not through the environment, where lambda:GetFunctionConfiguration would show it.
    assert "CursorSecret" not in json.dumps(template["Globals"])
    assert "CursorSecret" not in json.dumps(properties(template, "ApiFunction").get("Environment", {}))


@pytest.fixture
def api_environment(resources: StackResources, monkeypatch: pytest.MonkeyPatch) -> StackResources:
    """The API function's environment from the template, without the tests' CURSOR_SECRET."""
    monkeypatch.delenv("CURSOR_SECRET")
    for variable, value in function_environment("ApiFunction", resources).items():
        monkeypatch.setenv(variable, value)
    return resources


def test_in_lambda_the_api_signs_cursors_with_the_stack_s_secret(
    api_environment: StackResources, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "articles-api")
    secrets = boto3.client("secretsmanager", region_name="us-east-1")
    with pytest.raises(secrets.exceptions.ResourceNotFoundException):
        load_handler("api")  # no secret: the cold start fails rather than sign with a guessable key
    secrets.create_secret(
        Name=f"{api_environment.table_name}/cursor-signing-key", SecretString="generated-by-the-stack"
    )
    assert load_handler("api").queries.cursors.secret == b"generated-by-the-stack"


def test_outside_lambda_the_api_signs_cursors_with_the_table_name(api_environment: StackResources) -> None:
    assert load_handler("api").queries.cursors.secret == api_environment.table_name.encode()


@pytest.mark.parametrize("logical_id", FUNCTIONS)
def test_traces_carry_no_responses_or_exception_messages(logical_id: str) -> None:
    environment = function_environment(logical_id)
    assert environment["POWERTOOLS_TRACER_CAPTURE_RESPONSE"] == "false"
    assert environment["POWERTOOLS_TRACER_CAPTURE_ERROR"] == "false"
