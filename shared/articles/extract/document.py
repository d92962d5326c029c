"""What a format parser hands to the extractors: the body as plain text plus explicit metadata."""

from __future__ import annotations

from dataclasses import dataclass, field

from .record import DocumentFormat


@dataclass(frozen=True)
class MetadataValue:
    """A raw value found in explicit metadata, with where it came from (e.g. 'json', 'html_meta')."""

    value: str
    source: str


@dataclass
class ParsedDocument:
    format: DocumentFormat
    body: str
    """Plain text of the article: no markup, no header lines, no JSON keys; paragraphs split by blank lines."""
    title: str | None = None
    dates: list[MetadataValue] = field(default_factory=list)
    """Publication date candidates from metadata, best first (never a modified/updated time)."""
    credits: list[MetadataValue] = field(default_factory=list)
    """Raw image-credit strings from metadata fields (JSON, front matter, HTML meta)."""
    captions: list[str] = field(default_factory=list)
    """Image captions (HTML figcaption, Markdown image titles) that may hold a credit."""
    authors: list[str] = field(default_factory=list)
    language_hint: str | None = None
    """Declared language (html lang, front matter 'lang'), used only when detection cannot decide."""
