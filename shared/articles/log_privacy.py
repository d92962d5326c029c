"""What the functions may log: keys, ids, codes and counts; article text only as a bounded preview.

Two leaks are closed here:

- a log line that shows an object's text: only :func:`text_preview` does, and only as many
  characters as ``LOG_TEXT_PREVIEW_CHARS`` allows (default 0: none);
- an exception message that quotes its input (pydantic's ``ValidationError`` repeats the invalid
  value, codec and parser errors show the offending text): :class:`PrivateLogFormatter` logs an
  exception's type and frames, and its message only for types known not to carry input.
"""

from __future__ import annotations

import os
import traceback
from types import TracebackType

from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter
from botocore.exceptions import BotoCoreError, ClientError

PREVIEW_CHARS_VARIABLE = "LOG_TEXT_PREVIEW_CHARS"
MAX_PREVIEW_CHARS = 500

_MESSAGE_SAFE = (ClientError, BotoCoreError)
"""AWS SDK errors name operations, codes and resources, not the data sent."""


def preview_chars_from_environment() -> int:
    """``LOG_TEXT_PREVIEW_CHARS`` clamped to 0..MAX_PREVIEW_CHARS; anything unreadable means 0."""
    try:
        chars = int(os.environ.get(PREVIEW_CHARS_VARIABLE, "0"))
    except ValueError:
        return 0
    return max(0, min(chars, MAX_PREVIEW_CHARS))


def text_preview(data: bytes, chars: int) -> dict[str, str]:
    """``{"text_preview": <first chars characters>}`` to merge into a log line's extras; {} when 0."""
    if chars <= 0:
        return {}
    # At most 4 UTF-8 bytes per character: never decode more than the preview needs.
    return {"text_preview": data[: chars * 4].decode("utf-8", errors="replace")[:chars]}


class PrivateLogFormatter(LambdaPowertoolsFormatter):
    """Powertools' JSON formatter with exception messages withheld unless known to be input-free."""

    def __init__(self, **kwargs: object) -> None:
        # The structured "stack_trace" field would repeat the message in its "value".
        super().__init__(serialize_stacktrace=False, **kwargs)  # type: ignore[arg-type]

    def formatException(  # logging.Formatter's name
        self,
        ei: tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None],
    ) -> str:
        return redacted_traceback(ei[1]) if ei[1] is not None else ""


def redacted_traceback(error: BaseException) -> str:
    """The traceback of ``error`` and its causes, each message replaced unless known to be safe."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    parts = []
    for position, link in enumerate(reversed(chain)):
        if position:
            parts.append("\nThe above exception led to the following exception:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_list(traceback.extract_tb(link.__traceback__)))
        parts.append(f"{describe(link)}\n")
    return "".join(parts).rstrip("\n")


def describe(error: BaseException) -> str:
    """``Type: message`` for message-safe exceptions, ``Type (message withheld)`` otherwise."""
    name = type(error).__qualname__
    if isinstance(error, _MESSAGE_SAFE):
        return f"{name}: {error}"
    return f"{name} (message withheld: it may quote article text)"
