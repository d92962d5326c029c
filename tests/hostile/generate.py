"""The hostile-input corpus: every case with the outcomes it may have.

Small cases are committed files under ``corpus/``; big ones (10 MB of one line, inputs just under the
limits, million-deep nesting, a pathological run for each regular expression of the extractors) are
built here at test time and never committed. Each case lists the outcomes it may end in: "processed"
or a rejection code. "internal_error" is never one of them: it means an exception escaped a step.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from articles.extract.pipeline import MAX_BODY_CHARS, MAX_INPUT_BYTES

CORPUS = Path(__file__).resolve().parent / "corpus"
MB = 1024 * 1024
ALMOST_LIMIT = MAX_INPUT_BYTES - 100 * 1024
"""~4.9 MB: processed up to the body check, so every parser sees (nearly) the largest input."""
BODY_SIZE = MAX_BODY_CHARS - 1000
"""Just under the body limit: the largest text every extractor step must handle."""

PROCESSED = "processed"
EMPTY, BINARY, UNDECODABLE, INVALID_JSON = "empty", "binary", "undecodable", "invalid_json"
UNSUPPORTED, NO_TEXT, TOO_LARGE = "unsupported_format", "no_text", "too_large"

HU_SENTENCE = "A NATO fokozza együttműködését Japánnal, közölte Jens Stoltenberg Brüsszelben kedden. "
DE_SENTENCE = "Die Bundesregierung hat am Montag in Berlin beschlossen, dass die Regelung sofort gilt. "
EN_SENTENCE = "The ministers met in Brussels on Tuesday to agree on new support for Ukraine and Japan. "


@dataclass(frozen=True)
class HostileCase:
    name: str
    build: Callable[[], bytes]
    outcomes: frozenset[str]
    filename: str | None = None
    slow: bool = False
    """The biggest inputs: marked @pytest.mark.slow so that `make unit` stays quick."""


def _case(
    name: str, build: Callable[[], bytes], *outcomes: str, filename: str | None = None, slow: bool = False
) -> HostileCase:
    return HostileCase(name, build, frozenset(outcomes), filename, slow)


def _text(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


def _repeat(unit: str, size: int, prefix: str = "", suffix: str = "") -> Callable[[], bytes]:
    """``prefix`` + ``unit`` repeated to ``size`` UTF-8 bytes + ``suffix`` (built lazily, in the worker)."""

    def build() -> bytes:
        encoded = unit.encode("utf-8")
        return prefix.encode("utf-8") + encoded * (size // len(encoded)) + suffix.encode("utf-8")

    return build


def _article(middle: str, sentence: str = HU_SENTENCE) -> Callable[[], bytes]:
    """A real paragraph on each side of ``middle``: language detection succeeds and every step runs."""
    return _text(sentence * 3 + "\n\n" + middle + "\n\n" + sentence * 3)


CORPUS_FILES: set[str] = set()
"""Names of the committed files the cases use (a test checks that none lies around unused)."""


def _file(name: str) -> Callable[[], bytes]:
    CORPUS_FILES.add(name)
    return (CORPUS / name).read_bytes


# --- committed small files ------------------------------------------------------------------------

FILE_CASES = [
    _case("empty", _file("empty.txt"), EMPTY, filename="empty.txt"),
    _case("whitespace only", _file("whitespace-only.txt"), EMPTY, filename="whitespace-only.txt"),
    _case("NUL bytes in text", _file("nul-bytes.txt"), BINARY, filename="nul-bytes.txt"),
    _case("NUL bytes only", _file("nul-only.bin"), BINARY, filename="nul-only.bin"),
    _case("UTF-8 truncated at the end", _file("truncated-utf8-end.txt"), PROCESSED),
    _case("UTF-8 truncated in the middle", _file("truncated-utf8-middle.txt"), PROCESSED),
    # Many broken sequences: not damaged UTF-8, and no single legacy code page fits either.
    _case("UTF-8 and Latin-2 lines mixed", _file("mixed-utf8-latin2.txt"), UNDECODABLE),
    _case("UTF-8 with one Latin-2 line", _file("utf8-one-latin2-line.txt"), PROCESSED),
    _case("overlong UTF-8 and encoded surrogates", _file("overlong-utf8.txt"), PROCESSED),
    _case("overlong UTF-8 in a short text", _file("overlong-utf8-short.txt"), UNDECODABLE),
    _case("UTF-16-LE without BOM", _file("utf16le-nobom.txt"), PROCESSED),
    _case("UTF-16-BE without BOM", _file("utf16be-nobom.txt"), PROCESSED),
    _case("UTF-16 with BOM, odd length", _file("utf16-odd-length.txt"), UNDECODABLE),
    _case("UTF-16 with a lone surrogate", _file("utf16-lone-surrogate.txt"), UNDECODABLE),
    _case("HTML with scripts and styles only", _file("scripts-only.html"), NO_TEXT, filename="a.html"),
    _case("HTML entity expansions", _file("entities.html"), PROCESSED, filename="a.html"),
    _case("HTML comment never closed", _file("unclosed-comment.html"), PROCESSED, NO_TEXT),
    _case("HTML marked sections", _file("marked-section.html"), PROCESSED, UNSUPPORTED),
    _case("YAML billion laughs front matter", _file("billion-laughs.md"), PROCESSED, filename="a.md"),
    _case("YAML self-referencing alias", _file("recursive-alias.md"), PROCESSED, filename="a.md"),
    _case("YAML merge-key bomb", _file("merge-bomb.md"), PROCESSED, filename="a.md"),
    _case("JSON NaN, Infinity, 1e308, duplicate keys", _file("special-numbers.json"), PROCESSED),
]


# --- generated big inputs -------------------------------------------------------------------------


def _nested_divs(depth: int, closed: bool) -> Callable[[], bytes]:
    return _text("<html><body>" + "<div>" * depth + HU_SENTENCE * 3 + ("</div>" * depth if closed else ""))


def _json_bomb() -> bytes:
    """Huge repeated strings and keys, duplicate keys, extreme numbers: valid JSON, 4.9 MB."""
    big = "Ukrajna " * 50_000
    keys = ", ".join(f'"k{i}": {i}e308' for i in range(100_000))
    pairs = ", ".join(f'"title": "{i}"' for i in range(20_000))  # one key, 20,000 times
    text = (
        f'{{"body": "{big}", "summary": "{big}", {keys}, {pairs}, "date": NaN, "author": -Infinity, '
        f'"image": {{"credit": 1e400}}, "text": "{HU_SENTENCE * 3}"}}'
    )
    return text.encode()[:ALMOST_LIMIT] if len(text) > ALMOST_LIMIT else text.encode()


def _json_ld_nested(depth: int) -> Callable[[], bytes]:
    script = '<script type="application/ld+json">' + "[" * depth + "]" * depth + "</script>"
    return _text(f"<html><head>{script}</head><body><p>{HU_SENTENCE * 3}</p></body></html>")


def _meta_date_flood() -> bytes:
    """Thousands of publication-date metas whose values each cost a full date search, then fail."""
    meta = '<meta property="article:published_time" content="' + "2024 " * 39 + '">'
    count = ALMOST_LIMIT // len(meta) // 2
    return f"<html><head>{meta * count}</head><body><p>{HU_SENTENCE * 3}</p></body></html>".encode()


def _json_ld_author_flood() -> bytes:
    authors = json.dumps([f"Szerző{i} Név{i}" for i in range(20)], ensure_ascii=False)
    script = f'<script type="application/ld+json">{{"@type":"NewsArticle","author":{authors}}}</script>'
    count = ALMOST_LIMIT // len(script.encode())
    return f"<html><head>{script * count}</head><body><p>{HU_SENTENCE * 3}</p></body></html>".encode()


def _markdown_caption_flood() -> bytes:
    """Distinct image captions: every new one was checked against all earlier ones (quadratic)."""
    lines = "".join(f"![Kép {i}](k{i}.jpg)\n" for i in range(ALMOST_LIMIT // 24))
    return (HU_SENTENCE * 3 + "\n\n" + lines).encode()[:ALMOST_LIMIT]


def _german_long_word() -> bytes:
    """German compound lookup sliced every cut of a word: one million-letter word was quadratic."""
    return (DE_SENTENCE * 40 + "Der " + "Ab" * (BODY_SIZE // 2 - 3000) + " kam.").encode()  # German first


BIG_CASES = [
    _case("10 MB of one line", _repeat("a", 10 * MB), TOO_LARGE),
    _case("one byte over the limit", _repeat("a", MAX_INPUT_BYTES + 1), TOO_LARGE),
    _case("4.9 MB one line, no spaces", _repeat("a", ALMOST_LIMIT), TOO_LARGE),
    _case("4.9 MB one line, with spaces", _repeat("szó ", ALMOST_LIMIT), TOO_LARGE),
    _case("4.9 MB one capitalised word repeated", _repeat("Budapest ", ALMOST_LIMIT), TOO_LARGE),
    _case("1 MB one capitalised word repeated", _repeat("Budapest ", BODY_SIZE), PROCESSED, slow=True),
    _case(
        "1 MB distinct capitalised words",
        lambda: " ".join(f"Név{i}" for i in range(110_000)).encode(),
        PROCESSED,
        slow=True,
    ),
    _case("1 MB of A-B-C-… one token", _repeat("A-", BODY_SIZE, suffix="A"), PROCESSED),
    _case("1 MB German one-word compound", _german_long_word, PROCESSED),
    _case("100k nested divs, never closed", _nested_divs(100_000, closed=False), TOO_LARGE),  # > MAX_TAGS
    _case("99k nested divs, never closed", _nested_divs(99_000, closed=False), PROCESSED, slow=True),
    _case("100k nested divs, closed", _nested_divs(100_000, closed=True), TOO_LARGE),
    _case("49k nested divs, closed", _nested_divs(49_000, closed=True), PROCESSED),
    _case("100k nested JSON arrays", _repeat("[", 100_000, suffix="]" * 100_000), INVALID_JSON),
    _case("1M nested JSON arrays", _repeat("[", 1_000_000), INVALID_JSON),
    _case("100k nested JSON objects", _repeat('{"a":', 500_000, suffix="1" + "}" * 100_000), INVALID_JSON),
    _case("JSON 5000-digit integer", _text('{"body": "x", "n": ' + "9" * 5000 + "}"), INVALID_JSON),
    _case("JSON bomb", _json_bomb, PROCESSED, TOO_LARGE),
    _case("JSON-LD nested 100k deep", _json_ld_nested(100_000), PROCESSED),
    _case("HTML meta date flood", _meta_date_flood, PROCESSED),
    _case("JSON-LD author flood", _json_ld_author_flood, PROCESSED, slow=True),
    _case(
        "Markdown 500k list lines",
        _repeat("- elem\n", 500 * 7 * 1000, prefix=HU_SENTENCE + "\n\n"),
        TOO_LARGE,
        filename="a.md",
        slow=True,
    ),
    _case(
        "Markdown 60k list lines",
        _repeat("- Elem szöveg\n", 60_000 * 14, prefix=HU_SENTENCE + "\n\n"),
        PROCESSED,
        filename="a.md",
        slow=True,
    ),
    _case(
        "Markdown image-title flood",
        _repeat("![a](x" + ' "' * 999 + ")\n", ALMOST_LIMIT, prefix=HU_SENTENCE + "\n\n"),
        PROCESSED,
        TOO_LARGE,
        filename="a.md",
    ),
    _case(
        "Markdown distinct caption flood",
        _markdown_caption_flood,
        PROCESSED,
        TOO_LARGE,
        filename="a.md",
        slow=True,
    ),
    _case(
        "YAML front matter nested 30k deep",
        _text("---\nt: " + "[" * 30_000 + "]" * 30_000 + "\n---\n" + HU_SENTENCE * 3),
        PROCESSED,
        filename="a.md",
    ),
]


# --- pathological runs for the extractors' regular expressions ----------------------------------
# Long runs of the characters a pattern's quantifiers overlap on, at the body limit (or where the
# pattern is applied: the head of the file, one line, a header). Pattern named in each case.

_RUN = 300_000
"""Long enough that a quadratic pattern would take minutes (and hit the timeout), short enough to run."""
REGEX_CASES = [
    _case("'1.' run (dates, lead sentence)", _repeat("1.", _RUN), PROCESSED),
    _case("'1. ' run (dates, list markers)", _repeat("1. ", _RUN, prefix=HU_SENTENCE), PROCESSED),
    _case("'2024. ' run (date grammar)", _repeat("2024. ", _RUN, prefix=HU_SENTENCE), PROCESSED),
    _case("'2024. július 12. ' run", _repeat("2024. július 12. ", _RUN, prefix=HU_SENTENCE), PROCESSED),
    _case("'12:30 ' run (date times)", _repeat("12:30 ", _RUN), PROCESSED),
    _case("'Fotó ' run (credit labels)", _repeat("Fotó ", _RUN), PROCESSED),
    _case("'Fotó: ' run", _repeat("Fotó: ", _RUN, prefix=HU_SENTENCE), PROCESSED),
    _case("'(Fotó: ' run (bracketed credits)", _repeat("(Fotó: ", _RUN), PROCESSED),
    _case("'(Photo by' + spaces (bracketed credits)", _article("(Photo by" + " " * 200_000 + ")"), PROCESSED),
    _case("'(AP Photo ' run (agency credits)", _repeat("(AP Photo ", _RUN), PROCESSED),
    _case("line of 500k spaces (credit line start)", _article(" " * 500_000), PROCESSED),
    _case("'- ' run, one line", _repeat("- ", _RUN), PROCESSED),
    _case("'- \\n' lines", _repeat("- \n", _RUN, prefix=HU_SENTENCE + "\n"), PROCESSED, NO_TEXT),
    _case("'* ' and '_' runs (emphasis)", _repeat("*_ ", _RUN, prefix=HU_SENTENCE), PROCESSED),
    _case("'A-B-' capitalised hyphen run", _repeat("A-B ", _RUN), PROCESSED),
    _case("'Aa ' capitalised run (entities)", _repeat("Aa ", _RUN), PROCESSED),
    _case("'a-' run (word counter)", _repeat("a-", _RUN), PROCESSED),
    _case('"a\'" run (word counter)', _repeat("a'", _RUN), PROCESSED),
    _case("'. A' run (sentence ends)", _repeat(". A", _RUN), PROCESSED),
    _case("newline + 900k spaces (paragraphs)", _article("\n" + " " * 900_000), PROCESSED),
    _case("'@' and 'a@' runs (language noise)", _repeat("a@", _RUN), PROCESSED),
    _case("'http://' run (language noise)", _repeat("http://", _RUN), PROCESSED),
    _case("'date ' header run", _repeat("date ", _RUN), PROCESSED),
    _case("'Title: x' header lines", _repeat("Title: x\n", _RUN), NO_TEXT),  # all header, no body
    _case(
        "'date: ' + ISO dates header", _repeat("date: 2024-07-12T10:30:00+02:00\n", _RUN), PROCESSED, NO_TEXT
    ),
    _case("'if (' code-like head", _repeat("if (", _RUN), PROCESSED, UNSUPPORTED),
    _case("'<p ' run (HTML block tags)", _repeat("<p ", _RUN), PROCESSED, NO_TEXT),
    _case("'<' run (stray less-than)", _repeat("<", _RUN, prefix=HU_SENTENCE), PROCESSED),
    _case("'<a ' run", _repeat("<a ", _RUN, prefix="<html><body>" + HU_SENTENCE), PROCESSED, NO_TEXT),
    _case("'<!--' run", _repeat("<!--", _RUN, prefix="<html><body><p>" + HU_SENTENCE + "</p>"), PROCESSED),
    _case(
        "'<script>' run",
        _repeat("<script>", _RUN, prefix="<html><body><p>" + HU_SENTENCE + "</p>"),
        PROCESSED,
    ),
    _case(
        "'&amp;' run (HTML entities)",
        _repeat("&amp;", _RUN, prefix="<html><body><p>" + HU_SENTENCE),
        PROCESSED,
    ),
    _case("'[' run (Markdown links)", _repeat("[", _RUN, prefix=HU_SENTENCE), PROCESSED, filename="a.md"),
    _case("'![' run (Markdown images)", _repeat("![", _RUN, prefix=HU_SENTENCE), PROCESSED, filename="a.md"),
    _case("'](' run (Markdown links)", _repeat("](", _RUN, prefix=HU_SENTENCE), PROCESSED, filename="a.md"),
    _case("'`' run (code marks)", _repeat("`", _RUN, prefix=HU_SENTENCE), PROCESSED, filename="a.md"),
    _case(
        "'# a' + spaces + 'b' (Markdown heading)",
        _article("# a" + " " * 500_000 + "b"),
        PROCESSED,
        filename="a.md",
    ),
    _case(
        "spaces + '|x' (Markdown table separator)", _article(" " * 500_000 + "|x"), PROCESSED, filename="a.md"
    ),
    _case(
        "'|---' + spaces + 'x' (table separator)",
        _article("|---" + " " * 500_000 + "x"),
        PROCESSED,
        filename="a.md",
    ),
    _case(
        "'---' front matter never closed", _repeat("a: b\n", _RUN, prefix="---\n"), PROCESSED, filename="a.md"
    ),
    _case("'© ' and '(c) ' runs (copyright)", _repeat("© (c) ", _RUN), PROCESSED, NO_TEXT),
    _case("'Published: ' run (dateline words)", _repeat("Published: ", _RUN, prefix=EN_SENTENCE), PROCESSED),
    _case("'január ' run (month names)", _repeat("január ", _RUN, prefix=HU_SENTENCE), PROCESSED),
]

ALL_CASES = FILE_CASES + BIG_CASES + REGEX_CASES
