"""The extraction library: ``extract_article(bytes) -> ArticleRecord``. No AWS, no I/O.

Names are resolved lazily so that importing one step (``articles.extract.dates``) does not load them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pipeline import MAX_BODY_CHARS, MAX_INPUT_BYTES, extract_article
    from .record import ArticleRecord

__all__ = ["MAX_BODY_CHARS", "MAX_INPUT_BYTES", "ArticleRecord", "extract_article"]


def __getattr__(name: str) -> Any:
    if name == "ArticleRecord":
        from .record import ArticleRecord

        return ArticleRecord
    if name in __all__:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
