"""Query API (API Gateway REST): thin routes over ``articles.queries``."""

from __future__ import annotations

import os
from http import HTTPStatus
from typing import Annotated, Any, Literal
from urllib.parse import unquote

from aws_lambda_powertools import Logger, Tracer
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError, ServiceError
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from articles.extract.record import EntityType
from articles.queries import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    ArticleFilters,
    ArticlePage,
    ArticleQueries,
    ArticleView,
    CursorCodec,
    InvalidQuery,
)
from articles.store import ArticleStore

logger = Logger()
tracer = Tracer()
app = APIGatewayRestResolver(enable_validation=True)
app.enable_swagger(path="/swagger", title="Articles API", description="Articles extracted from S3 uploads")

_store = ArticleStore.from_environment()
# Without a configured secret the table name keys the HMAC: cursors still cannot leave their query.
queries = ArticleQueries(
    store=_store, cursors=CursorCodec(secret=(os.environ.get("CURSOR_SECRET") or _store.table_name).encode())
)

_DATE_HELP = "date of any precision: 2024, 2024-07, 2024-07-12 or an ISO 8601 datetime"
FromParam = Annotated[str | None, Query(alias="from", description=f"inclusive lower bound; {_DATE_HELP}")]
ToParam = Annotated[str | None, Query(alias="to", description=f"inclusive upper bound; {_DATE_HELP}")]
EntityTypeParam = Annotated[EntityType | None, Query(description="restrict to one entity type")]
LimitParam = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
CursorParam = Annotated[str | None, Query(description="next_cursor of the previous page")]


@app.get("/articles/<article_id>", summary="One article by id")
def get_article(article_id: Annotated[str, Path(max_length=64)]) -> ArticleView:
    # API Gateway REST passes the path still percent-encoded.
    article_id = unquote(article_id)
    article = queries.get_article(article_id)
    if article is None:
        raise NotFoundError(f"no article with id {article_id}")
    return article


@app.get("/articles", summary="Articles, newest first")
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


@app.get("/entities/<name>/articles", summary="Articles mentioning an entity, newest first")
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
    details = [{"loc": list(e["loc"]), "message": e["msg"], "type": e["type"]} for e in error.errors()]
    return _error(HTTPStatus.UNPROCESSABLE_ENTITY, "request parameters are not valid", details)


@app.exception_handler(Exception)
def unexpected(error: Exception) -> Response:
    if isinstance(error, ServiceError):
        raise error  # 404 and friends: powertools renders them
    logger.exception("unhandled error")
    return _error(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error; it has been logged")


def _error(status: HTTPStatus, message: str, details: list[dict[str, Any]] | None = None) -> Response:
    body: dict[str, Any] = {"statusCode": status.value, "message": message}
    if details is not None:
        body["detail"] = details
    return Response(status.value, content_types.APPLICATION_JSON, body)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
