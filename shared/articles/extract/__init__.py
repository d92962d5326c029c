"""The extraction library: ``extract_article(bytes) -> ArticleRecord``. No AWS, no I/O."""

from .pipeline import MAX_BODY_CHARS, MAX_INPUT_BYTES, extract_article
from .record import ArticleRecord

__all__ = ["MAX_BODY_CHARS", "MAX_INPUT_BYTES", "ArticleRecord", "extract_article"]
