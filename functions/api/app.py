"""Query API (API Gateway REST): thin routes over ``articles.queries``."""

from __future__ import annotations

import os
from http import HTTPStatus
from typing import Annotated, Any, Literal
from urllib.parse import unquote

import boto3
from aws_lambda_powertools import Logger, Tracer
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError, ServiceError
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from articles.extract.record import EntityType
from articles.log_privacy import PrivateLogFormatter
from articles.queries import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    ArticleFilters,
    ArticlePage,
    ArticleQueries,
    ArticleView,
    CursorCodec,
    ErrorBody,
    InvalidQuery,
    ValidationErrorBody,
    ValidationIssue,
)
from articles.store import ArticleStore

# Exception messages that may quote stored article text are withheld (articles/log_privacy.py).
logger = Logger(logger_formatter=PrivateLogFormatter())
tracer = Tracer()
app = APIGatewayRestResolver(enable_validation=True)
app.enable_swagger(path="/swagger", title="Articles API", description="Articles extracted from S3 uploads")

CURSOR_KEY_NAME_SUFFIX = "/cursor-signing-key"
"""template.yaml's CursorSecret is named "<table name>/cursor-signing-key"."""


def cursor_secret(table_name: str) -> bytes:
    """The cursors' HMAC key, read once per cold start.

    CURSOR_SECRET if set; in Lambda, the stack's generated secret (failing to read it fails the
    cold start rather than sign with a guessable key); elsewhere (tests, the local stack, which
    have no such secret) the table name: cursors still cannot leave their query.
    """
    if configured := os.environ.get("CURSOR_SECRET"):
        return configured.encode()
    if "AWS_LAMBDA_FUNCTION_NAME" not in os.environ:  # set by the Lambda runtime
        return table_name.encode()
    response = boto3.client("secretsmanager").get_secret_value(SecretId=table_name + CURSOR_KEY_NAME_SUFFIX)
    return str(response["SecretString"]).encode()


_store = ArticleStore.from_environment()
queries = ArticleQueries(store=_store, cursors=CursorCodec(secret=cursor_secret(_store.table_name)))

_DATE_HELP = "date of any precision: 2024, 2024-07, 2024-07-12 or an ISO 8601 datetime"
FromParam = Annotated[str | None, Query(alias="from", description=f"inclusive lower bound; {_DATE_HELP}")]
ToParam = Annotated[str | None, Query(alias="to", description=f"inclusive upper bound; {_DATE_HELP}")]
EntityTypeParam = Annotated[EntityType | None, Query(description="restrict to one entity type")]
LimitParam = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
CursorParam = Annotated[str | None, Query(description="next_cursor of the previous page")]


def _documented(success: str, *errors: HTTPStatus) -> dict[int, OpenAPIResponse]:
    """The route's answers for the OpenAPI document: clients (and contract tests) see every status."""
    descriptions = {
        HTTPStatus.BAD_REQUEST: ("filters, dates or cursor this query cannot use", ErrorBody),
        HTTPStatus.NOT_FOUND: ("no such article", ErrorBody),
        HTTPStatus.UNPROCESSABLE_ENTITY: (
            "a parameter has the wrong type or is out of range",
            ValidationErrorBody,
        ),
    }
    responses: dict[int, OpenAPIResponse] = {HTTPStatus.OK.value: {"description": success}}
    for status in errors:
        description, model = descriptions[status]
        responses[status.value] = {
            "description": description,
            "content": {content_types.APPLICATION_JSON: {"model": model}},
        }
    return responses


@app.get(
    "/articles/<article_id>",
    summary="One article by id",
    responses=_documented("the article", HTTPStatus.NOT_FOUND, HTTPStatus.UNPROCESSABLE_ENTITY),
)
def get_article(article_id: Annotated[str, Path(max_length=64)]) -> ArticleView:
    # API Gateway REST passes the path still percent-encoded.
    article_id = unquote(article_id)
    article = queries.get_article(article_id)
    if article is None:
        raise NotFoundError(f"no article with id {article_id}")
    return article


@app.get(
    "/articles",
    summary="Articles, newest first",
    responses=_documented("a page of articles", HTTPStatus.BAD_REQUEST, HTTPStatus.UNPROCESSABLE_ENTITY),
)
def list_articles(
    language: Annotated[str | None, Query(description="ISO 639-1 code, e.g. hu")] = None,
    entity: Annotated[str | None, Query(description="entity base form, e.g. Ukrajna")] = None,
    entity_type: EntityTypeParam = None,
    date_from: FromParam = None,
    date_to: ToParam = None,
    status: Annotated[Literal["processed", "rejected"] | None, Query()] = None,
    month: Annotated[str | None, Query(description="publication month, e.g. 2024-07")] = None,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> ArticlePage:
    filters = ArticleFilters(
        language=language,
        entity=entity,
        entity_type=entity_type,
        date_from=date_from,
        date_to=date_to,
        status=status,
        month=month,
    )
    return queries.list_articles(filters, limit=limit, cursor=cursor)


@app.get(
    "/entities/<name>/articles",
    summary="Articles mentioning an entity, newest first",
    responses=_documented("a page of articles", HTTPStatus.BAD_REQUEST, HTTPStatus.UNPROCESSABLE_ENTITY),
)
def entity_articles(
    name: str,
    entity_type: EntityTypeParam = None,
    date_from: FromParam = None,
    date_to: ToParam = None,
    limit: LimitParam = DEFAULT_LIMIT,
    cursor: CursorParam = None,
) -> ArticlePage:
    filters = ArticleFilters(
        entity=unquote(name), entity_type=entity_type, date_from=date_from, date_to=date_to
    )
    return queries.list_articles(filters, limit=limit, cursor=cursor)


@app.get("/openapi.json", include_in_schema=False)
def openapi_json():  # unannotated: a Response return type would be validated as a pydantic model
    return Response(HTTPStatus.OK, content_types.APPLICATION_JSON, app.get_openapi_json_schema())


@app.exception_handler(InvalidQuery)
def invalid_query(error: InvalidQuery) -> Response:
    return _error(HTTPStatus.BAD_REQUEST, str(error))


@app.exception_handler(RequestValidationError)
def invalid_request(error: RequestValidationError) -> Response:
    # pydantic's messages are clear; the offending input and internals (ctx, url) are left out.
    body = ValidationErrorBody(
        statusCode=HTTPStatus.UNPROCESSABLE_ENTITY.value,
        message="request parameters are not valid",
        detail=[
            ValidationIssue(loc=list(e["loc"]), message=e["msg"], type=e["type"]) for e in error.errors()
        ],
    )
    return _error_response(body)


@app.exception_handler(Exception)
def unexpected(error: Exception) -> Response:
    if isinstance(error, ServiceError):
        raise error  # 404 and friends: powertools renders them
    logger.exception("unhandled error")
    return _error(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error; it has been logged")


def _error(status: HTTPStatus, message: str) -> Response:
    return _error_response(ErrorBody(statusCode=status.value, message=message))


def _error_response(body: ErrorBody) -> Response:
    # Built from the documented models, so the answer cannot drift from the OpenAPI document.
    return Response(body.statusCode, content_types.APPLICATION_JSON, body.model_dump(mode="json"))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
