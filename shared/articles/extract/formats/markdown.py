"""Markdown with optional YAML front matter: metadata from the front matter, the body as plain text.

Line-based and with bounded patterns only, so hostile input stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from ..document import ParsedDocument
from .fields import fill_metadata, plain_inline

FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\n(?P<yaml>.{0,65536}?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL
)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
# The closing "#"s and spaces are stripped in code: a lazy (.*?) before [ \t#]*$ rescans the rest of the
# line at every character, quadratic on a heading with a long run of spaces inside.
_HEADING = re.compile(r"^\s{0,3}(#{1,6})[ \t]+(.*)$")
_HEADING_END = " \t#"
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# Possessive space runs: two \s* around an optional "|" share a long run of spaces quadratically.
_TABLE_SEPARATOR = re.compile(r"^\s*+\|?\s*+:?-{3,}:?\s*+(?:\|\s*+:?-{3,}:?\s*+)*\|?\s*+$")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]\n]{1,200}\]:\s+\S")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_QUOTE_MARKER = re.compile(r"^\s*(?:>[ \t]?)+")
# Bracket classes exclude the opening bracket too: a scan stops at the next opener, keeping it linear.
_IMAGE = re.compile(r"!\[(?P<alt>[^\[\]\n]{0,500})\](?:\((?P<target>[^()\n]{0,2000})\)|\[[^\[\]\n]{0,200}\])")
_IMAGE_TITLE = re.compile(r"\s[\"'(](?P<title>.{0,500})[\"')]\s*$")
_IMAGE_TITLE_WINDOW = 503
"""A title closes its target: its match (a space, a quote, 500 characters, a quote) lies in the last 503."""
MAX_CAPTIONS = 50
"""Image captions kept per document (the credit finder reads no more); each is checked for duplicates."""
_LINK = re.compile(r"\[(?P<text>[^\[\]\n]{0,500})\](?:\([^()\n]{0,2000}\)|\[[^\[\]\n]{0,200}\])")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]{0,2000}>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,500}>|<!--[^<>]{0,500}-->")
# Emphasis markers are dropped one by one, not paired (pairing costs a scan per marker): a run of
# * or _ opening before or closing after a word; never one inside a word (snake_case) or alone ("2 * 3").
_EMPHASIS_MARK = re.compile(r"(?<![\w*_])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_])[*_]{1,3}(?![\w*_])|~~|`+")
_BLOCK_MARKERS = frozenset("-*+_=|[>0123456789")
"""First characters of lines that may be Markdown structure; other lines skip the block patterns."""
_INLINE_MARKS = ("[", "*", "_", "`", "<", "~", "\\")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def has_front_matter(text: str) -> bool:
    return FRONT_MATTER.match(text) is not None


def parse_markdown(text: str) -> ParsedDocument:
    document = ParsedDocument(format="markdown", body="")
    match = FRONT_MATTER.match(text)
    if match:
        front_matter = _load_yaml(match["yaml"])
        if isinstance(front_matter, dict):
            fill_metadata(document, front_matter, "front_matter")
        text = text[match.end() :]
    body, heading = _plain_body(text, document.captions)
    if document.title is None and heading:
        document.title = heading
    elif heading and heading != document.title:  # keep a heading that is not the title
        body = f"{heading}\n\n{body}" if body else heading
    document.body = body
    return document


MAX_FRONT_MATTER_DEPTH = 10
"""Front matter is flat metadata; PyYAML's scanner is quadratic in flow nesting ('[[[[…': seconds per 60 KB)."""


class _BoundedComposer(yaml.composer.Composer):
    """Refuses aliases and deep nesting while composing, before the scanner reads further.

    Aliases make shared or cyclic data ('a: &a [*a]'; a billion-laughs graph): harmless as long as
    nothing walks it, a hang or a memory bomb for the first code that does. Articles never need them.
    """

    _depth = 0
    check_event: Callable[..., bool]  # from yaml.parser.Parser, which every loader mixes in

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("front matter with YAML aliases is not read")
        if self._depth >= MAX_FRONT_MATTER_DEPTH:
            raise yaml.YAMLError("front matter nested too deeply")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _SafeLoader(_BoundedComposer, yaml.SafeLoader):
    pass


class _BaseLoader(_BoundedComposer, yaml.BaseLoader):
    pass


def _load_yaml(source: str) -> object:
    """Front matter as data; never raises. An invalid date ('2024-13-45') falls back to plain strings."""
    try:
        return yaml.load(source, Loader=_SafeLoader)  # noqa: S506 - a SafeLoader, bounded
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        try:
            return yaml.load(source, Loader=_BaseLoader)  # noqa: S506 - BaseLoader builds only str/list/dict
        except (yaml.YAMLError, RecursionError):
            return None


def _plain_body(text: str, captions: list[str]) -> tuple[str, str | None]:
    """Markdown source to paragraphs of plain text; returns the body and its first level-1 heading."""
    paragraphs: list[str] = []
    current: list[str] = []
    first_heading: str | None = None
    in_fence = False
    lines = text.split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        marker = stripped[:1]
        if marker in ("`", "~") and _FENCE.match(line):
            in_fence = not in_fence
            _flush(paragraphs, current)
            continue
        if in_fence:
            continue
        if not stripped or (marker in _BLOCK_MARKERS and _is_structure(line)):
            _flush(paragraphs, current)
            continue
        heading = _HEADING.match(line) if marker == "#" else None
        underline = lines[index + 1].strip()[:1] if index + 1 < len(lines) and not current else ""
        if heading or (underline in ("=", "-") and _SETEXT_UNDERLINE.match(lines[index + 1])):
            _flush(paragraphs, current)
            content = _inline(heading[2].rstrip(_HEADING_END) if heading else line, captions)
            level_one = len(heading[1]) == 1 if heading else underline == "="
            if level_one and first_heading is None:
                first_heading = content
            else:
                paragraphs.append(content)
            continue
        is_item = marker in _BLOCK_MARKERS and _LIST_MARKER.match(line) is not None
        if is_item:
            _flush(paragraphs, current)
        if marker in _BLOCK_MARKERS:
            line = _LIST_MARKER.sub("", _QUOTE_MARKER.sub("", line))
        current.append(_inline(line, captions).strip("| ").replace(" | ", " "))
        if is_item:
            _flush(paragraphs, current)
    _flush(paragraphs, current)
    return "\n\n".join(p for p in paragraphs if p), first_heading


def _is_structure(line: str) -> bool:
    """Lines that carry no text: rules, table separators, link definitions, setext underlines."""
    return any(
        pattern.match(line) for pattern in (_RULE, _TABLE_SEPARATOR, _REFERENCE_DEFINITION, _SETEXT_UNDERLINE)
    )


def _flush(paragraphs: list[str], current: list[str]) -> None:
    text = " ".join(part for part in current if part)
    if text:
        paragraphs.append(text)
    current.clear()


def _inline(text: str, captions: list[str]) -> str:
    """Inline Markdown to text: images to captions, links to their text, emphasis and code marks dropped."""

    if not any(mark in text for mark in _INLINE_MARKS):
        return " ".join(text.split())

    def image(match: re.Match[str]) -> str:
        title = _image_title(match["target"] or "")
        for caption in (match["alt"], title):
            if len(captions) >= MAX_CAPTIONS:
                break
            if caption and plain_inline(caption) and plain_inline(caption) not in captions:
                captions.append(plain_inline(caption))
        return " "

    text = _IMAGE.sub(image, text)
    text = _LINK.sub(lambda match: match["text"], text)
    text = _AUTOLINK.sub(" ", _HTML_TAG.sub(" ", text))
    text = _EMPHASIS_MARK.sub("", text)
    return " ".join(_ESCAPE.sub(r"\1", text).split())


def _image_title(target: str) -> str:
    """The title of an image target ('x.jpg "Fotó: MTI"'). Only the end is searched: on the whole
    target each quote costs up to 500 steps, and a hostile file holds thousands of such targets."""
    target = target.rstrip()
    if not target.endswith(('"', "'", ")")):
        return ""
    title = _IMAGE_TITLE.search(target[-_IMAGE_TITLE_WINDOW:])
    return title["title"] if title else ""
