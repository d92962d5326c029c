"""Bytes of an uploaded file in, a validated article record out. Pure: no AWS, no I/O.

Every failure becomes a *rejected* record with a stable code; nothing escapes.
"""

from __future__ import annotations

import hashlib
import logging

from .. import PIPELINE_VERSION
from .credits import find_image_credit
from .dates import find_published
from .decode import decode_bytes
from .entities import extract_entities
from .errors import ExtractionError
from .formats import parse_document
from .language import detect_language
from .record import ArticleRecord, Rejection, RejectionCode
from .text import lead_sentence, text_stats

logger = logging.getLogger(__name__)

MAX_INPUT_BYTES = 5 * 1024 * 1024
"""Larger files are rejected before any analysis (news HTML pages with scripts stay well below)."""
MAX_BODY_CHARS = 1_000_000
"""Extracted article text beyond this is rejected rather than half processed."""


def extract_article(
    data: bytes, *, filename: str | None = None, article_id: str | None = None
) -> ArticleRecord:
    """Analyse one uploaded file. ``filename`` is only a hint for the format."""
    common = {
        "id": article_id,
        "content_sha256": hashlib.sha256(data).hexdigest(),
        "size_bytes": len(data),
        "pipeline_version": PIPELINE_VERSION,
    }
    try:
        return _extract(data, filename, common)
    except ExtractionError as error:
        return ArticleRecord(
            status="rejected", rejection=Rejection(code=error.code, message=error.message), **common
        )
    except Exception:  # a bug must not become a crash loop: record it, keep the object for re-processing
        logger.exception("extraction failed", extra={"article_id": article_id, "file_name": filename})
        rejection = Rejection(code=RejectionCode.INTERNAL_ERROR, message="internal error while extracting")
        return ArticleRecord(status="rejected", rejection=rejection, **common)


def _extract(data: bytes, filename: str | None, common: dict) -> ArticleRecord:
    if len(data) > MAX_INPUT_BYTES:
        raise ExtractionError(
            RejectionCode.TOO_LARGE, f"file is {len(data):,} bytes; the limit is {MAX_INPUT_BYTES:,} bytes"
        )
    decoded = decode_bytes(data)
    document = parse_document(decoded.text, filename)
    if len(document.body) > MAX_BODY_CHARS:
        raise ExtractionError(
            RejectionCode.TOO_LARGE,
            f"article text is {len(document.body):,} characters; the limit is {MAX_BODY_CHARS:,}",
        )
    if not document.body.strip():
        raise ExtractionError(
            RejectionCode.NO_TEXT, f"no article text found in this {document.format} document"
        )
    language = detect_language(document.body, document.language_hint)
    published = find_published(document, language.code)
    credit = find_image_credit(document, language.code)
    entities = extract_entities(
        credit.body, language.code, credit=credit.credit.text if credit.credit else None
    )
    return ArticleRecord(
        status="processed",
        format=document.format,
        encoding=decoded.encoding,
        title=document.title,
        lead=lead_sentence(document.body),
        authors=document.authors,
        language=language,
        published=published,
        image_credit=credit.credit,
        entities=entities,
        stats=text_stats(document.body),
        **common,
    )
