"""Structured fuzzing of the whole pipeline, and the inputs fuzzing found, kept as regression cases.

The strategies build text from fragments of real syntax (HTML tags and entities, JSON values and the
keys the parsers look for, YAML front matter with anchors and tags, scraped-header lines, Markdown
marks, dates and credit labels), which reaches far deeper into the parsers than random bytes do
(tests/unit/test_pipeline.py). Every input must end as a valid record, never as internal_error.

A longer session: HOSTILE_FUZZ_EXAMPLES=20000 pytest tests/unit/test_fuzz_regressions.py
"""

from __future__ import annotations

import json
import math
import os

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.extract import extract_article
from articles.extract.formats.markdown import parse_markdown
from articles.extract.record import ArticleRecord, RejectionCode
from tests.hostile.generate import HostileCase
from tests.hostile.isolated import run_isolated
from tests.paths import REFERENCE_SAMPLE

SCHEMA = ArticleRecord.model_json_schema()
EXAMPLES = int(os.environ.get("HOSTILE_FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 100,  # CI runs the same examples every time; a long session explores
)


def _check(data: bytes, filename: str | None) -> ArticleRecord:
    record = extract_article(data, filename=filename)
    document = json.loads(record.model_dump_json())
    jsonschema.validate(document, SCHEMA)
    assert (record.status == "rejected") == (record.rejection is not None)
    if record.rejection is not None:
        assert record.rejection.code != RejectionCode.INTERNAL_ERROR, (data[:300], record.rejection)
    return record


# --- fragments of real syntax -----------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        *("A", "NATO", "Japánnal", "Budapesten", "Stoltenberg", "Jens", "Orbán Viktor", "Ukrajnában", "EU-n"),
        *(
            "Die",
            "Bundesregierung",
            "Merkels",
            "Heidelberg",
            "The",
            "Reuters",
            "Getty Images",
            "MTI/Koszticsák",
        ),
        *(
            "szerint",
            "és",
            "a",
            "the",
            "und",
            "said",
            "közölte",
            "von",
            "de",
            "al-",
            "O'Brien",
            "Észak-Korea",
        ),
        *("@handle", "#Szudánban", "https://x.hu/a?b=c", "mail@x.hu", "1.", "2.", "3,14", "12:30", "…", "—"),
    ]
)
DATES = st.sampled_from(
    [
        *("2024-07-12", "2024-07", "2024", "2024-07-12T10:30:00+02:00", "2024-07-12T10:30:00Z", "20240712"),
        *("2024. július 12.", "2024. júl. 12., péntek 10:30", "July 12, 2024", "12 July 2024", "12.07.2024"),
        *("Fri, 12 Jul 2024 10:30:00 +0200", "1720773000", "1720773000000", "2024-13-45", "0000-00-00"),
        *("9999-99-99T99:99:99+99:99", "2024. 2024. 2024.", "Montag, 12. Juli 2024", "le 3 mars 2023"),
    ]
)
CREDITS = st.sampled_from(
    [
        *(
            "Fotó: MTI/Koszticsák Szilárd",
            "Címlapkép forrása: Getty Images",
            "(Photo by Jane Doe/Getty Images)",
        ),
        *(
            "(AP Photo/Evan Vucci)",
            "Foto: dpa",
            "Forrás: MTI",
            "© 2024 Reuters",
            "Photo:",
            "Fotó: illusztráció",
        ),
        *("Kép: ", "[Fotó: X]", "Photo by", "(c)", "Ⓒ"),
    ]
)
PUNCTUATION = st.sampled_from(
    [" ", " ", " ", "\n", "\n\n", ". ", ", ", ": ", "\t", "\u00a0", "(", ")", "[", "]", '"']
)
TEXTISH = st.one_of(WORDS, DATES, CREDITS, PUNCTUATION, st.text(max_size=8))


def _joined(parts: st.SearchStrategy[str], max_size: int = 60) -> st.SearchStrategy[str]:
    return st.lists(parts, max_size=max_size).map("".join)


HTML_FRAGMENTS = st.sampled_from(
    [
        *(
            "<html lang=hu>",
            "<head>",
            "</head>",
            "<body>",
            "</body>",
            "<article>",
            "</article>",
            "<main>",
            "<p>",
        ),
        *("</p>", "<div class='share'>", "<div>", "</div>", "<br>", "<h1>", "</h1>", "<title>", "</title>"),
        *(
            "<figure>",
            "<figcaption>",
            "</figcaption>",
            "</figure>",
            "<time datetime='2024-07-12'>",
            "</time>",
        ),
        *(
            "<script>",
            "</script>",
            '<script type="application/ld+json">',
            "<style>",
            "</style>",
            "<!--",
            "-->",
        ),
        *("<![CDATA[", "]]>", "<!doctype html>", "<svg><title>", "</svg>", "<meta name='author' content='"),
        *("<meta property='article:published_time' content='", "'>", "<", ">", "</", "&amp;", "&amp;amp;"),
        *("&#x110000;", "&#0;", "&#xD800;", "&#99999999999;", "&lt;", "&nbsp;", "&", "<a href='x'>", "</a>"),
        *("<noscript>", "<template>", "<?xml version='1.0'?>", '{"@type": "NewsArticle", "author": "', '"}'),
    ]
)
MARKDOWN_FRAGMENTS = st.sampled_from(
    [
        *("# ", "## ", "\n", "\n\n", "- ", "* ", "1. ", "> ", "```", "~~~", "---", "===", "|", "|---|", "**"),
        *("_", "`", "~~", "![", "](", ")", "[", "]", "[x]: http://x", '"', "\\", "<br>", "<!-- x -->", "  "),
    ]
)
HEADER_KEYS = st.sampled_from(
    [
        "date",
        "Date:",
        " date",
        "title:",
        "Title",
        "author:",
        "By",
        "lang:",
        "credit:",
        "caption:",
        "source:",
        "x:",
    ]
)
YAML_FRAGMENTS = st.sampled_from(
    [
        *(
            "title: ",
            "date: ",
            "author: ",
            "lang: ",
            "image: ",
            "credit: ",
            "tags: ",
            "caption: ",
            "\n",
            "  ",
        ),
        *(
            "- ",
            "[",
            "]",
            "{",
            "}",
            ", ",
            ": ",
            "&a ",
            "*a",
            "<<: ",
            "? ",
            "!!binary ",
            "!!python/object:os.system ",
        ),
        *(
            "!!str ",
            "|",
            ">",
            "'",
            '"',
            "#",
            "...",
            "~",
            "null",
            "yes",
            "0x1F",
            "1e308",
            ".nan",
            "2024-13-45",
        ),
    ]
)
JSON_KEYS = st.sampled_from(
    [
        *("title", "headline", "body", "articleBody", "text", "content", "bodyHtml", "summary", "date"),
        *("datePublished", "published", "author", "authors", "image", "credit", "caption", "lang", "@type"),
        *("@graph", "data", "article", "items", "name", "url"),
    ]
)


def _json_containers(inner: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    keys = st.one_of(JSON_KEYS, st.text(max_size=5))
    return st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5))


@st.composite
def json_documents(draw: st.DrawFn) -> str:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**20), max_value=10**20),
        st.floats(allow_nan=True, allow_infinity=True),
        _joined(st.one_of(TEXTISH, HTML_FRAGMENTS), 30),
    )
    values = st.recursive(scalars, _json_containers, max_leaves=25)
    text = json.dumps(draw(values), ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):  # damaged JSON: cut short, or a fragment pasted in
        position = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:position] + draw(st.sampled_from(["", "]", "}", ",", '"', "[" * 50, "NaN", "\\u00"]))
    return text


@st.composite
def front_matter_documents(draw: st.DrawFn) -> str:
    yaml_text = draw(_joined(st.one_of(YAML_FRAGMENTS, TEXTISH), 40))
    closing = draw(st.sampled_from(["---", "...", "--", ""]))
    return f"---\n{yaml_text}\n{closing}\n" + draw(_joined(st.one_of(MARKDOWN_FRAGMENTS, TEXTISH)))


@st.composite
def header_documents(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.tuples(HEADER_KEYS, _joined(st.one_of(DATES, WORDS, CREDITS), 4)), max_size=6))
    header = "".join(f"{key} {value}\n" for key, value in lines)
    return draw(st.sampled_from(["", " ", "\n"])) + header + draw(_joined(TEXTISH))


def _encoded(text: str, encoding: str) -> bytes:
    return (
        text.encode(encoding, errors="replace")
        if encoding != "utf-8"
        else text.encode("utf-8", "surrogatepass")
    )


ENCODINGS = st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "iso-8859-2", "cp1252"])


@FUZZ
@given(_joined(st.one_of(HTML_FRAGMENTS, TEXTISH), 80), st.sampled_from(["a.html", None]), ENCODINGS)
def test_html_like_input_never_breaks_the_pipeline(text: str, filename: str | None, encoding: str) -> None:
    _check(_encoded(text, encoding), filename)


@FUZZ
@given(json_documents(), st.sampled_from(["a.json", None]))
def test_json_like_input_never_breaks_the_pipeline(text: str, filename: str | None) -> None:
    _check(text.encode("utf-8", "surrogatepass"), filename)


@FUZZ
@given(front_matter_documents(), st.sampled_from(["a.md", None]), ENCODINGS)
def test_front_matter_like_input_never_breaks_the_pipeline(
    text: str, filename: str | None, encoding: str
) -> None:
    _check(_encoded(text, encoding), filename)


@FUZZ
@given(header_documents(), st.sampled_from(["a.txt", None]), ENCODINGS)
def test_header_like_input_never_breaks_the_pipeline(text: str, filename: str | None, encoding: str) -> None:
    _check(_encoded(text, encoding), filename)


@FUZZ
@given(_joined(st.one_of(MARKDOWN_FRAGMENTS, TEXTISH), 80), st.sampled_from(["a.md", None]))
def test_markdown_like_input_never_breaks_the_pipeline(text: str, filename: str | None) -> None:
    _check(text.encode("utf-8", "surrogatepass"), filename)


# --- regression cases --------------------------------------------------------------------------------
# Inputs that broke a step: time quadratic in a run of characters (found by the per-pattern doubling scan
# and the hostile corpus), or data no loop should walk. Built large enough that the old code would run
# for minutes, and run in a forked worker with a timeout (tests/hostile/isolated.py): a regression
# fails the test instead of stalling it. Nothing is timed.

RUN = 300_000
TEXT = "Szöveg első sora, amely egy rendes mondat a cikk elején.\n"
DE_TEXT = "Die Bundesregierung hat am Montag in Berlin beschlossen, dass es gilt. " * 40  # detected as German


def _regression(name: str, text: str, filename: str | None = None) -> HostileCase:
    return HostileCase(name, text.encode, frozenset({"processed"}), filename)


_PUBLISHED_META = '<meta property="article:published_time" content="%s">'


def _json_ld_authors(node: int) -> str:
    authors = ",".join(f'"Szerző{node} Név{j}"' for j in range(20))
    return f'<script type="application/ld+json">{{"@type":"NewsArticle","author":[{authors}]}}</script>'


def _html_page(head: str) -> str:
    return f"<html><head>{head}</head><body><p>{TEXT * 3}</p></body></html>"


REGRESSIONS = [
    # credits.line_start: three overlapping space runs before the label, on a line of spaces.
    _regression("credit line start: a line of spaces", TEXT + " " * RUN + "\n" + TEXT),
    # credits.bracketed: two space runs around the optional colon after "Photo by".
    _regression("bracketed credit: '(Photo by' + spaces", TEXT + "(Photo by" + " " * RUN + ")"),
    # markdown._HEADING: a lazy heading text rescanned the rest of the line at every character.
    _regression("Markdown heading with a run of spaces", "# a" + " " * RUN + "b\n\n" + TEXT, "a.md"),
    # markdown._TABLE_SEPARATOR: leading spaces before '|', and spaces after '|---'.
    _regression("table separator: leading spaces", " " * RUN + "|x\n\n" + TEXT, "a.md"),
    _regression("table separator: trailing spaces", "|---" + " " * RUN + "x\n\n" + TEXT, "a.md"),
    # markdown._IMAGE_TITLE: every quote of an image target started a 500-character scan.
    _regression("image targets full of quotes", TEXT + ("![a](x" + ' "' * 999 + ")\n") * 1500, "a.md"),
    # markdown: each new image caption was compared with every earlier one.
    _regression(
        "distinct image captions", TEXT + "".join(f"![Kép {i}](k.jpg)\n" for i in range(60_000)), "a.md"
    ),
    # YAML front matter: PyYAML's scanner is quadratic in flow nesting.
    _regression("YAML front matter nested 30k deep", "---\nt: " + "[" * 30_000 + "\n---\n" + TEXT, "a.md"),
    # entities.compounds: the German compound lookup sliced the whole word at every cut.
    _regression("German 600k-letter word", DE_TEXT + "Der " + "Ab" * RUN + " kam."),
    # formats.fields: authors accumulated over JSON-LD nodes, each new one compared with all.
    _regression("JSON-LD author flood", _html_page("".join(map(_json_ld_authors, range(8000)))), "a.html"),
    # dates: every metadata date candidate was tried, each a full date search when it fails.
    _regression("HTML meta date flood", _html_page(_PUBLISHED_META % ("2024 " * 39) * 16_000), "a.html"),
]


@pytest.fixture(scope="module")
def warm_tables() -> None:
    extract_article(REFERENCE_SAMPLE.read_bytes())  # forked workers start with the tables loaded


@pytest.mark.usefixtures("warm_tables")
@pytest.mark.parametrize("case", REGRESSIONS, ids=[case.name for case in REGRESSIONS])
def test_regression_input_is_processed_in_bounded_time(case: HostileCase) -> None:
    outcome = run_isolated(case)
    assert outcome.record is not None, outcome.failure
    assert outcome.result == "processed", outcome.record["rejection"]
    jsonschema.validate(outcome.record, SCHEMA)


def test_front_matter_with_an_alias_is_not_read() -> None:
    """A cyclic alias ('t: &t [*t]') is a list that contains itself: the first loop over it hangs."""
    document = parse_markdown("---\ntitle: Cím\nt: &t [*t]\n---\nSzöveg.\n")
    assert document.title is None
    assert document.body == "Szöveg."


def test_json_ld_authors_are_capped_across_nodes() -> None:
    script = '<script type="application/ld+json">{"@type":"NewsArticle","author":[%s]}</script>'
    scripts = "".join(script % ",".join(f'"A{i} B{j}"' for j in range(20)) for i in range(50))
    body = "<p>" + "A NATO fokozza együttműködését Japánnal, közölte Jens Stoltenberg. " * 3 + "</p>"
    record = _check(f"<html><head>{scripts}</head><body>{body}</body></html>".encode(), "a.html")
    assert 0 < len(record.authors) <= 20


def test_only_the_first_metadata_dates_are_tried() -> None:
    bad_one = '<meta property="article:published_time" content="nem dátum">'
    bad = bad_one * 60
    good = '<meta property="article:published_time" content="2024-07-12">'
    body = "<p>" + "A NATO fokozza együttműködését Japánnal, közölte Jens Stoltenberg. " * 3 + "</p>"
    record = _check(f"<html><head>{bad}{good}</head><body>{body}</body></html>".encode(), "a.html")
    assert record.published is None  # the 61st candidate is past the cap; the body has no dateline
    record = _check(f"<html><head>{bad_one * 10}{good}</head><body>{body}</body></html>".encode(), "a.html")
    assert record.published is not None and record.published.value == "2024-07-12"


def test_special_floats_in_json_are_no_dates() -> None:
    for value in (math.inf, -math.inf, math.nan, 1e308):
        text = json.dumps({"title": value, "date": value, "body": "Szöveg " * 20})
        record = _check(text.encode(), "a.json")
        assert record.published is None
