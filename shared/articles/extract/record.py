"""The article record: the public JSON contract, stored by the service and returned by the API.

Every field here is documented in the README and published as JSON Schema
(``articles schema``). Change it only in a backwards-compatible way, or bump the pipeline version.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RejectionCode(StrEnum):
    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    INVALID_JSON = "invalid_json"
    UNSUPPORTED_FORMAT = "unsupported_format"
    NO_TEXT = "no_text"
    TOO_LARGE = "too_large"
    INTERNAL_ERROR = "internal_error"


class Rejection(_Model):
    code: RejectionCode
    message: str


class Language(_Model):
    code: str | None = Field(description="ISO 639-1 code (zh-cn/zh-tw for Chinese), null when undecidable")
    confidence: float = Field(ge=0.0, le=1.0)


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    DATETIME = "datetime"


class Published(_Model):
    value: str = Field(description="ISO 8601 at its real precision: 2024, 2024-07, 2024-07-12, or a datetime")
    precision: Precision
    source: str = Field(
        description="where it was found: header, front_matter, json, html_meta, json_ld, html_time, body"
    )


class ImageCredit(_Model):
    text: str = Field(description="the credited party, without its label")
    label: str | None = Field(description="the label as written, e.g. 'Címlapkép forrása'")
    source: str = Field(description="credit_line, caption, json, front_matter, html_meta")


class EntityType(StrEnum):
    PER = "PER"
    ORG = "ORG"
    LOC = "LOC"
    MISC = "MISC"


class Entity(_Model):
    name: str = Field(description="base form, e.g. 'Japán' for 'Japánnal'")
    type: EntityType
    count: int = Field(ge=1)
    mentions: list[str] = Field(description="distinct surface forms as written in the article")


class Stats(_Model):
    characters: int = Field(ge=0)
    words: int = Field(ge=0)
    paragraphs: int = Field(ge=0)


DocumentFormat = Literal["text", "markdown", "json", "html"]
Status = Literal["processed", "rejected"]


class ArticleRecord(_Model):
    id: str | None = None
    status: Status
    rejection: Rejection | None = None
    format: DocumentFormat | None = None
    encoding: str | None = None
    title: str | None = None
    lead: str | None = Field(default=None, description="first sentence of the body, at most 300 characters")
    authors: list[str] = Field(default_factory=list)
    language: Language = Language(code=None, confidence=0.0)
    published: Published | None = None
    image_credit: ImageCredit | None = None
    entities: list[Entity] = Field(default_factory=list)
    stats: Stats = Stats(characters=0, words=0, paragraphs=0)
    content_sha256: str
    size_bytes: int = Field(ge=0)
    pipeline_version: str
