"""The one exception the extraction steps raise: it becomes a rejected record, never escapes."""

from __future__ import annotations

from .record import RejectionCode


class ExtractionError(Exception):
    """Input that cannot be processed, with a stable reason code and a message for humans."""

    def __init__(self, code: RejectionCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
