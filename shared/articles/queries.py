"""Query use cases behind the API: filters -> one index -> a page of articles with an opaque cursor.

Response models wrap :class:`ArticleRecord` (never redefine its fields) and add where the article
came from; nothing of the storage layout (keys, tokens) reaches a client.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from .extract.record import ArticleRecord, EntityType, Status
from .store import (
    MAX_ENTITY_TEXT_CHARS,
    ArticleStore,
    PositionRange,
    StoredArticle,
    entity_key,
    entity_partitions,
    language_partitions,
    month_partitions,
    status_partitions,
    utc_text,
)

DEFAULT_LIMIT = 20
MAX_LIMIT = 100

# ASCII: a bare \d also matches other scripts' digits ("٢٠٢٤"), which no stored date contains.
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2}([T ]\S+)?)?)?", re.ASCII)
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])", re.ASCII)
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[a-z]{2})?")


class InvalidQuery(ValueError):
    """A request the API answers with 400: the message says what to change."""


# --- response models ----------------------------------------------------------------------------------


class _Response(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceObject(_Response):
    bucket: str
    key: str
    version_id: str | None = Field(description="S3 version the record was extracted from, when versioned")


class ArticleView(_Response):
    article: ArticleRecord
    source: SourceObject
    sort_date: str = Field(
        description="the date the article is ordered and filtered by: its publication date, or its "
        "upload time (UTC) when it has none"
    )
    ingested_at: str = Field(description="when the record was written (UTC)")
    entities_truncated: bool = Field(
        description="true when the entity list was shortened (least mentioned first) to bound the record's size"
    )

    @classmethod
    def of(cls, stored: StoredArticle) -> ArticleView:
        return cls(
            article=stored.record,
            source=SourceObject(bucket=stored.bucket, key=stored.key, version_id=stored.version_id),
            sort_date=stored.sort_date,
            ingested_at=stored.ingested_at,
            entities_truncated=stored.entities_truncated,
        )


class ArticlePage(_Response):
    items: list[ArticleView]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")


class ErrorBody(BaseModel):
    """Every error answer, in the shape powertools gives its own 404s."""

    statusCode: int  # camelCase: powertools' name, so all errors look alike
    message: str


class ValidationIssue(BaseModel):
    loc: list[str | int]
    message: str
    type: str


class ValidationErrorBody(ErrorBody):
    detail: list[ValidationIssue]


# --- filters --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleFilters:
    language: str | None = None
    entity: str | None = None
    entity_type: EntityType | None = None
    date_from: str | None = None
    date_to: str | None = None
    status: Status | None = None
    month: str | None = None

    def validated(self) -> ArticleFilters:
        """Checked and normalised filters; raises :class:`InvalidQuery` for what no index can answer."""
        selectors = [name for name in ("language", "entity", "month") if getattr(self, name)]
        if len(selectors) > 1:
            raise InvalidQuery(
                f"combine at most one of language, entity and month (got {', '.join(selectors)})"
            )
        if self.entity_type and not self.entity:
            raise InvalidQuery("entity_type needs entity")
        if self.entity is not None and not entity_key(self.entity):
            raise InvalidQuery("entity must not be blank")
        if self.entity is not None and len(self.entity) > MAX_ENTITY_TEXT_CHARS:
            # Never stored (see fit_record), and a longer DynamoDB key is a ValidationException on AWS.
            raise InvalidQuery(f"entity must be at most {MAX_ENTITY_TEXT_CHARS} characters")
        if selectors and self.status == "rejected":
            raise InvalidQuery(f"rejected inputs have no {selectors[0]}: use status=rejected alone")
        if self.language and not _LANGUAGE.fullmatch(self.language):
            raise InvalidQuery("language must be an ISO 639-1 code such as 'hu' (or 'zh-cn')")
        if self.month and not _MONTH.fullmatch(self.month):
            raise InvalidQuery("month must look like 2024-07")
        lower = _date_bound("from", self.date_from)
        upper = _date_bound("to", self.date_to)
        if lower and upper and lower > upper + "~":
            raise InvalidQuery("from is after to")
        return ArticleFilters(
            language=self.language,
            entity=entity_key(self.entity) if self.entity else None,
            entity_type=self.entity_type,
            date_from=lower,
            date_to=upper,
            status=self.status or "processed",
            month=self.month,
        )

    def partitions(self) -> list[str]:
        if self.entity:
            return entity_partitions(self.entity, self.entity_type)
        if self.language:
            return language_partitions(self.language)
        if self.month:
            return month_partitions(self.month)
        return status_partitions(self.status or "processed")

    def positions(self, before: str | None) -> PositionRange:
        # Sort keys are "<date>#<id>": "2024-07" <= "2024-07-12#..." <= "2024-07~" (prefix semantics).
        lower = max(filter(None, [self.date_from, self.month])) if (self.date_from or self.month) else "0"
        uppers = [bound + "~" for bound in (self.date_to, self.month) if bound]
        return PositionRange(lower=lower, upper=min(uppers) if uppers else "~", before=before)

    def fingerprint(self) -> str:
        canonical = json.dumps(
            [
                self.language,
                self.entity,
                self.entity_type,
                self.date_from,
                self.date_to,
                self.status,
                self.month,
            ]
        )
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def _date_bound(name: str, value: str | None) -> str | None:
    """A date of any precision (2024, 2024-07, 2024-07-12, ISO datetime) as sortable UTC text."""
    if value is None:
        return None
    value = value.strip()
    if not _DATE.fullmatch(value):
        raise InvalidQuery(f"{name} must be a date such as 2024, 2024-07, 2024-07-12 or 2024-07-12T10:00:00Z")
    if len(value) <= 10:
        try:  # a calendar check: 2024-13 or 2024-02-30 is not a date
            datetime.strptime(value, {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}[len(value)])
        except (KeyError, ValueError) as error:
            raise InvalidQuery(f"{name} is not a valid date: {value}") from error
        return value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise InvalidQuery(f"{name} is not a valid ISO 8601 datetime: {value}") from error
    return utc_text(moment)


# --- cursors --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CursorCodec:
    """Opaque cursors: base64url of JSON naming the last position, bound to the query and signed.

    The position only moves *within* the query: partitions and date bounds always come from the
    request's own filters. The query fingerprint makes a cursor from another query a clear 400,
    and the HMAC stops clients from crafting positions.
    """

    secret: bytes

    def encode(self, filters: ArticleFilters, position: str) -> str:
        payload = {"p": position, "q": filters.fingerprint()}
        payload["s"] = self._signature(payload)
        return (
            base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")
        )

    def decode(self, filters: ArticleFilters, cursor: str) -> str:
        try:
            payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
            position, fingerprint, signature = payload["p"], payload["q"], payload["s"]
        except (binascii.Error, ValueError, KeyError, TypeError) as error:
            raise InvalidQuery("cursor is not valid: pass next_cursor exactly as returned") from error
        if not all(
            isinstance(part, str) for part in (position, fingerprint, signature)
        ) or not hmac.compare_digest(signature, self._signature({"p": position, "q": fingerprint})):
            raise InvalidQuery("cursor is not valid: pass next_cursor exactly as returned")
        if fingerprint != filters.fingerprint():
            raise InvalidQuery(
                "cursor belongs to a different query: repeat the query parameters it came with"
            )
        return position

    def _signature(self, payload: dict[str, str]) -> str:
        message = f"{payload['p']}\n{payload['q']}".encode()
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()[:32]


# --- use cases -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleQueries:
    store: ArticleStore
    cursors: CursorCodec

    def get_article(self, article_id: str) -> ArticleView | None:
        stored = self.store.get_article(article_id)
        return ArticleView.of(stored) if stored else None

    def list_articles(
        self, filters: ArticleFilters, *, limit: int = DEFAULT_LIMIT, cursor: str | None = None
    ) -> ArticlePage:
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidQuery(f"limit must be between 1 and {MAX_LIMIT}")
        filters = filters.validated()
        before = self.cursors.decode(filters, cursor) if cursor else None
        page = self.store.list_articles(filters.partitions(), filters.positions(before), limit)
        next_cursor = self.cursors.encode(filters, page.last_position) if page.last_position else None
        return ArticlePage(
            items=[ArticleView.of(article) for article in page.articles], next_cursor=next_cursor
        )
