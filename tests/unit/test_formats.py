"""parse_document: format detection and the plain-text, Markdown, JSON and HTML parsers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.extract.decode import decode_bytes
from articles.extract.document import MetadataValue
from articles.extract.errors import ExtractionError
from articles.extract.formats import detect_format, parse_document
from articles.extract.record import RejectionCode

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SAMPLE = SHARED / "samples" / "hu-nato-japan-2024-07.txt"
PARAGRAPH = "A NATO fokozza közös hadgyakorlatait Japánnal. Jens Stoltenberg nyilatkozott a Kyodónak."


def rejection(text: str, filename: str | None = None) -> RejectionCode:
    with pytest.raises(ExtractionError) as error:
        parse_document(text, filename)
    return error.value.code


# --- plain text ---------------------------------------------------------------------------------------


def test_reference_sample_through_decode_and_parse() -> None:
    document = parse_document(decode_bytes(SAMPLE.read_bytes()).text, SAMPLE.name)
    assert document.format == "text"
    assert document.dates == [MetadataValue("2024-07", "header")]
    assert document.body.startswith("A NATO fokozza és kiterjeszti")
    assert "date" not in document.body.split("\n", 1)[0]
    assert document.body.endswith("Címlapkép forrása: Getty Images")
    assert document.title is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (" date 2024 A NATO fokozza.", "2024"),
        ("date 2024-07-12 A NATO fokozza.", "2024-07-12"),
        ("\n  date 2024-07-12T08:30:00+02:00 A NATO fokozza.", "2024-07-12T08:30:00+02:00"),
        ("Date: 2024-07\n\nA NATO fokozza.", "2024-07"),
        ("date 2024-07\nA NATO fokozza.", "2024-07"),
        ("published: 12 July 2024\nA NATO fokozza.", "12 July 2024"),
    ],
)
def test_date_header_variants(text: str, date: str) -> None:
    document = parse_document(text)
    assert document.dates == [MetadataValue(date, "header")]
    assert document.body == "A NATO fokozza."


def test_header_block_with_several_keys() -> None:
    text = "title Hadgyakorlat\nauthor Kovács János; Nagy Péter\nlang hu\ncredit MTI\n date 2024-07 A NATO fokozza."
    document = parse_document(text)
    assert document.title == "Hadgyakorlat"
    assert document.authors == ["Kovács János", "Nagy Péter"]
    assert document.language_hint == "hu"
    assert document.credits == [MetadataValue("MTI", "header")]
    assert document.body == "A NATO fokozza."


@pytest.mark.parametrize(
    "text",
    [
        "Source of the trouble was a leak.\nIt spread fast.",
        "date night was fun.\n\nReally.",
        "Title insurance costs money,\nsaid the agent.",
    ],
)
def test_body_lines_that_start_with_a_header_key_stay_in_the_body(text: str) -> None:
    document = parse_document(text)
    assert document.body == text
    assert document.dates == []


def test_short_first_line_without_end_punctuation_is_the_title() -> None:
    document = parse_document("A NATO és Japán\n\n" + PARAGRAPH)
    assert document.title == "A NATO és Japán"
    assert document.body == PARAGRAPH


def test_first_sentence_is_not_a_title() -> None:
    document = parse_document(PARAGRAPH + "\n\nMásodik bekezdés.")
    assert document.title is None
    assert document.body.startswith(PARAGRAPH)


# --- Markdown -----------------------------------------------------------------------------------------

FRONT_MATTER = """---
title: "NATO: közös gyakorlatok"
date: 2024-07-12
updated: 2024-08-01
author:
  - Kovács János
  - name: Nagy Péter
lang: hu
image_credit: Getty Images
image:
  caption: Jens Stoltenberg
---
"""


def test_markdown_front_matter_fields() -> None:
    document = parse_document(FRONT_MATTER + "\n" + PARAGRAPH + "\n")
    assert document.format == "markdown"
    assert document.title == "NATO: közös gyakorlatok"
    assert document.dates == [MetadataValue("2024-07-12", "front_matter")]  # never 'updated'
    assert document.authors == ["Kovács János", "Nagy Péter"]
    assert document.language_hint == "hu"
    assert document.credits == [MetadataValue("Getty Images", "front_matter")]
    assert document.captions == ["Jens Stoltenberg"]
    assert document.body == PARAGRAPH


@pytest.mark.parametrize(
    ("yaml_date", "expected"),
    [
        ("2024", "2024"),
        ("2024-07", "2024-07"),
        ("2024-07-12", "2024-07-12"),
        ("2024-07-12T08:30:00+02:00", "2024-07-12T08:30:00+02:00"),
        ("2024-07-12 08:30:00", "2024-07-12T08:30:00"),
        ('"2024-07-12"', "2024-07-12"),
    ],
)
def test_front_matter_dates_keep_their_written_precision(yaml_date: str, expected: str) -> None:
    document = parse_document(f"---\npublished: {yaml_date}\n---\n{PARAGRAPH}")
    assert document.dates == [MetadataValue(expected, "front_matter")]


@pytest.mark.parametrize(
    "front_matter",
    ["date: 2024-13-45", "title: [unclosed", "- just\n- a list", "title: &a [*a]", "? complex\n: key", ""],
)
def test_odd_yaml_never_crashes(front_matter: str) -> None:
    document = parse_document(f"---\n{front_matter}\n---\n{PARAGRAPH}")
    assert document.format == "markdown"
    assert document.body == PARAGRAPH


def test_invalid_yaml_date_falls_back_to_the_written_string() -> None:
    document = parse_document(f"---\ndate: 2024-13-45\n---\n{PARAGRAPH}")
    assert document.dates == [MetadataValue("2024-13-45", "front_matter")]


def test_markdown_syntax_is_removed() -> None:
    source = (
        "# A NATO és Japán\n\n"
        'A **NATO** _fokozza_ a [gyakorlatokat](https://example.com "cím") `Japánnal` snake_case_név.\n'
        "Folytatás ugyanabban a bekezdésben.\n\n"
        '![Jens Stoltenberg](stoltenberg.jpg "Fotó: MTI/Koszticsák Szilárd")\n\n'
        "```python\nprint('kód')\n```\n\n"
        "## Alcím\n\n- első pont\n- második *pont*\n\n> idézet\n\n---\n\n[ref]: https://example.com\n"
    )
    document = parse_document(source, "cikk.md")
    assert document.title == "A NATO és Japán"
    assert document.body.split("\n\n") == [
        "A NATO fokozza a gyakorlatokat Japánnal snake_case_név. Folytatás ugyanabban a bekezdésben.",
        "Alcím",
        "első pont",
        "második pont",
        "idézet",
    ]
    assert document.captions == ["Jens Stoltenberg", "Fotó: MTI/Koszticsák Szilárd"]


def test_front_matter_title_wins_and_h1_stays_in_body() -> None:
    document = parse_document("---\ntitle: Cím\n---\n# Más címsor\n\n" + PARAGRAPH)
    assert document.title == "Cím"
    assert document.body == "Más címsor\n\n" + PARAGRAPH


# --- JSON ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        {"title": "T", "body": PARAGRAPH, "published": "2024-07"},
        {"Headline": "T", "articleBody": PARAGRAPH, "datePublished": "2024-07"},
        {"TITLE": "T", "Text": PARAGRAPH, "published_at": "2024-07"},
        {"title": "T", "content": PARAGRAPH, "pubDate": "2024-07"},
        [{"title": "T", "text": PARAGRAPH, "date": "2024-07"}],
        {"data": {"article": {"title": "T", "body": PARAGRAPH, "publishedAt": "2024-07"}}},
        {"item": [{"title": "T", "body": [PARAGRAPH], "publishDate": "2024-07"}]},
    ],
)
def test_json_shapes_and_key_spellings(payload: object) -> None:
    document = parse_document(json.dumps(payload))
    assert document.format == "json"
    assert document.title == "T"
    assert document.body == PARAGRAPH
    assert document.dates == [MetadataValue("2024-07", "json")]


def test_json_metadata_fields_and_no_keys_in_body() -> None:
    payload = {
        "title": "T",
        "body": PARAGRAPH,
        "modified": "2024-08-01",
        "updatedAt": "2024-08-02",
        "published": "2024-07-12",
        "image": {"url": "x.jpg", "credit": "Getty Images", "caption": "Stoltenberg"},
        "authors": [{"name": "Kovács János"}, "Nagy Péter"],
        "inLanguage": "hu-HU",
    }
    document = parse_document(json.dumps(payload))
    assert document.dates == [MetadataValue("2024-07-12", "json")]
    assert document.credits == [MetadataValue("Getty Images", "json")]
    assert document.captions == ["Stoltenberg"]
    assert document.authors == ["Kovács János", "Nagy Péter"]
    assert document.language_hint == "hu-HU"
    for key in ("title", "body", "image", "credit", "authors", "inLanguage", "url", "modified"):
        assert key not in document.body


def test_json_html_body_is_stripped() -> None:
    html_body = (
        "<p>Első <b>bekezdés</b>.</p><figure><figcaption>Fotó: MTI</figcaption></figure><p>Második.</p>"
    )
    document = parse_document(json.dumps({"title": "T", "body": html_body, "imageCredit": "MTI"}))
    assert document.body == "Első bekezdés.\n\nMásodik."
    assert document.captions == ["Fotó: MTI"]
    assert document.credits == [MetadataValue("MTI", "json")]


def test_json_description_is_the_body_only_without_a_body_field() -> None:
    assert parse_document(json.dumps({"title": "T", "description": PARAGRAPH})).body == PARAGRAPH
    both = parse_document(json.dumps({"description": "Rövid.", "text": PARAGRAPH}))
    assert both.body == PARAGRAPH


def test_json_timestamp_becomes_iso() -> None:
    document = parse_document(json.dumps({"body": PARAGRAPH, "published": 1720773000}))
    assert document.dates == [MetadataValue("2024-07-12T08:30:00+00:00", "json")]


def test_json_without_text_leaves_the_body_empty() -> None:
    assert parse_document('{"title": "T", "id": 3}').body == ""
    assert parse_document("null", "a.json").body == ""


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        ('{"title": "x", "body": ', None),
        ("{'title': 'single quotes'}", None),
        ('[{"title": "x"},]', None),
        ("title: x\nbody: y", "article.json"),
        ("[" * 100_000 + "]" * 100_000, None),
    ],
)
def test_invalid_json(text: str, filename: str | None) -> None:
    assert rejection(text, filename) == RejectionCode.INVALID_JSON


def test_json_list_of_many_articles_is_unsupported() -> None:
    assert rejection('[{"body": "a"}, {"body": "b"}]') == RejectionCode.UNSUPPORTED_FORMAT


# --- HTML ---------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="hu"><head>
<title>NATO és Japán | Hírportál</title>
<meta property="og:title" content="A NATO &amp; Japán">
<meta property="article:modified_time" content="2024-07-15T10:00:00+02:00">
<meta property="article:published_time" content="2024-07-12T08:30:00+02:00">
<meta name="author" content="Kovács János">
<style>p { color: red }</style>
</head><body>
<nav><a href="/">Címlap</a> <a href="/kulfold">Külföld</a></nav>
<header><div class="logo">Hírportál</div></header>
<article>
  <header><h1>A NATO és Japán</h1><time datetime="2024-07-15" class="updated">frissítve</time></header>
  <p>Első bekezdés &quot;idézettel&quot; és <b>kiemeléssel</b>.</p>
  <figure><img src="a.jpg" alt="kép"><figcaption>Jens Stoltenberg. Fotó: MTI/Koszticsák Szilárd</figcaption></figure>
  <p>Második<br>sor.</p>
  <div class="related"><p>Kapcsolódó cikk</p></div>
  <script>var s = "<p>nem szöveg</p>";</script>
</article>
<aside><p>Legolvasottabb</p></aside>
<footer>© 2024 Hírportál</footer>
</body></html>"""


def test_html_main_text_and_metadata() -> None:
    document = parse_document(PAGE)
    assert document.format == "html"
    assert document.body == 'Első bekezdés "idézettel" és kiemeléssel.\n\nMásodik\nsor.'
    assert document.title == "A NATO & Japán"
    assert document.dates[0] == MetadataValue("2024-07-12T08:30:00+02:00", "html_meta")
    assert all("2024-07-15" not in date.value for date in document.dates)  # modified/updated never
    assert document.captions == ["Jens Stoltenberg. Fotó: MTI/Koszticsák Szilárd"]
    assert document.authors == ["Kovács János"]
    assert document.language_hint == "hu"


def test_html_title_falls_back_to_h1_then_title_element() -> None:
    with_h1 = parse_document(
        "<html><head><title>Oldal | X</title></head><body><h1>Cím</h1><p>Szöveg.</p></body>"
    )
    assert with_h1.title == "Cím"
    assert with_h1.body == "Szöveg."
    assert parse_document("<html><head><title>Oldal</title></head><body><p>Szöveg.</p>").title == "Oldal"


@pytest.mark.parametrize(
    "json_ld",
    [
        {"@type": "NewsArticle", "datePublished": "2024-07-12", "dateModified": "2024-07-15"},
        {
            "@graph": [
                {"@type": "WebPage", "datePublished": "2020-01-01"},
                {"@type": "NewsArticle", "datePublished": "2024-07-12"},
            ]
        },
        [
            {"@type": "Organization", "name": "X"},
            {"@type": ["Article", "NewsArticle"], "datePublished": "2024-07-12"},
        ],
    ],
)
def test_json_ld_published_date(json_ld: object) -> None:
    page = f'<html><head><script type="application/ld+json">{json.dumps(json_ld)}</script></head><body><p>Szöveg.</p>'
    document = parse_document(page)
    assert document.dates == [MetadataValue("2024-07-12", "json_ld")]
    assert document.body == "Szöveg."


def test_json_ld_author_credit_and_body_fallback() -> None:
    json_ld = {
        "@type": "NewsArticle",
        "headline": "Cím",
        "author": {"@type": "Person", "name": "Nagy Péter"},
        "image": {"@type": "ImageObject", "caption": "Stoltenberg", "creditText": "Getty Images"},
        "articleBody": PARAGRAPH,
    }
    page = (
        f'<html><head><script type="application/ld+json">{json.dumps(json_ld)}</script></head><body></body>'
    )
    document = parse_document(page)
    assert document.title == "Cím"
    assert document.authors == ["Nagy Péter"]
    assert document.credits == [MetadataValue("Getty Images", "json_ld")]
    assert document.captions == ["Stoltenberg"]
    assert document.body == PARAGRAPH


def test_broken_json_ld_is_ignored() -> None:
    document = parse_document('<html><script type="application/ld+json">{"@type": </script><p>Szöveg.</p>')
    assert document.body == "Szöveg."
    assert document.dates == []


def test_time_marked_as_published_comes_before_other_times() -> None:
    page = (
        "<html><body><article><p>Esemény: <time datetime='2024-09-01'>szeptember 1.</time></p>"
        "<time datetime='2024-07-20' itemprop='dateModified'>módosítva</time>"
        "<time pubdate datetime='2024-07-12'>július 12.</time></article>"
    )
    document = parse_document(page)
    assert document.dates == [
        MetadataValue("2024-07-12", "html_time"),
        MetadataValue("2024-09-01", "html_time"),
    ]


def test_time_without_datetime_attribute_uses_its_text() -> None:
    page = "<html><body><article><p>Szöveg.</p><time itemprop='datePublished'>2024-07-12</time></article>"
    assert parse_document(page).dates == [MetadataValue("2024-07-12", "html_time")]


def test_main_region_is_used_without_article() -> None:
    page = "<html><body><div>Menü szöveg</div><main><p>" + PARAGRAPH + "</p></main><div>Lábléc</div>"
    assert parse_document(page).body == PARAGRAPH


def test_body_is_used_when_there_is_no_article_or_main() -> None:
    assert parse_document("<html><body><p>Egy.</p><p>Kettő.</p></body></html>").body == "Egy.\n\nKettő."


def test_stray_angle_brackets_stay_text() -> None:
    assert parse_document("<html><body><p>3 < 4, x<y és <<< <a</p>").body == "3 < 4, x<y és <<< <a"


def test_entities_are_unescaped_once() -> None:
    assert parse_document("<html><body><p>&amp;lt; &eacute; &#337; &#x171;</p>").body == "&lt; é ő ű"


def test_deeply_nested_markup_is_rejected_as_too_large() -> None:
    assert rejection("<html><body>" + "<div>" * 200_000 + "x") == RejectionCode.TOO_LARGE


def test_nested_markup_below_the_limit_is_parsed() -> None:
    assert parse_document("<html><body>" + "<div>" * 5_000 + "Szöveg." + "</div>" * 5_000).body == "Szöveg."


def test_html_with_no_text_leaves_the_body_empty() -> None:
    assert (
        parse_document("<html><head><title>T</title></head><body><script>x()</script></body></html>").body
        == ""
    )


# --- detection ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "filename", "expected"),
    [
        (" date 2024-07 A NATO fokozza.", "a.txt", "text"),
        (" date 2024-07 A NATO fokozza.", "a.json", "json"),  # named JSON, not JSON: INVALID_JSON on parsing
        ('{"title": "T"}', "a.txt", "json"),
        ("---\ntitle: T\n---\nSzöveg.", None, "markdown"),
        ("# Cím\n\nSzöveg.", None, "markdown"),
        ("Szöveg [linkkel](http://x.hu) és **kiemeléssel**.", None, "markdown"),
        ("Sima szöveg.", "a.md", "markdown"),
        ("<html><body><p>x</p></body></html>", "a.txt", "html"),
        ('<?xml version="1.0"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml">', None, "html"),
        ("<!-- comment --><div><p>Szöveg.</p></div>", None, "html"),
        ("<p>Egy.</p>", None, "html"),
        ("Bevezető <p>egy</p><p>kettő</p><p>három</p>", None, "html"),
        ("Szöveg <b>vastag</b> résszel.", None, "text"),
        ("[Frissítve] A NATO fokozza.", None, "text"),
        ("{Frissítve} A NATO fokozza.", None, "text"),
        ("A NATO, Japán, és Európa.\nMásodik sor, rövid.\n\nHarmadik, bekezdés.", None, "text"),
    ],
)
def test_detect_format(text: str, filename: str | None, expected: str) -> None:
    assert detect_format(text, filename) == expected


@pytest.mark.parametrize(
    "text",
    [
        r"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} Hello}",
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Feed</title></channel></rss>',
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Feed</title></feed>',
        "<svg xmlns='http://www.w3.org/2000/svg'><text>x</text></svg>",
        "id,title,published\n1,NATO,2024-07\n2,Japán,2024-08\n3,Ukrajna,2024-09\n",
        "id\ttitle\n1\tNATO\n2\tJapán\n",
        "import os\nimport sys\n\n\ndef main():\n    return os.getcwd()\n\n\nclass A:\n    pass\n",
        "#!/bin/sh\necho hello\n",
        "<?php echo 'hello'; ?>",
        '#include <stdio.h>\nint main(void) {\n  printf("hi");\n  return 0;\n}\n',
    ],
)
def test_recognisably_not_an_article_is_unsupported(text: str) -> None:
    assert rejection(text) == RejectionCode.UNSUPPORTED_FORMAT


def test_csv_extension_lowers_the_bar() -> None:
    assert rejection("name,value\nNATO,1\n", "data.csv") == RejectionCode.UNSUPPORTED_FORMAT


_MARKUP_ALPHABET = st.sampled_from(
    [
        "<",
        ">",
        "/",
        "p",
        "div",
        "article",
        "script",
        "!--",
        "-->",
        "{",
        "}",
        "[",
        "]",
        '"',
        ":",
        ",",
        "---\n",
        "\n",
        " ",
        "date 2024-07 ",
        "title: ",
        "# ",
        "*",
        "_",
        "![",
        "](",
        ")",
        "&amp;",
        "é",
        "ő",
        "<time datetime='2024'>",
    ]
)


@given(
    st.lists(_MARKUP_ALPHABET, max_size=60).map("".join), st.sampled_from([None, "a.json", "a.md", "a.html"])
)
@settings(max_examples=400, deadline=None)
def test_arbitrary_markup_parses_or_raises_extraction_error(text: str, filename: str | None) -> None:
    try:
        document = parse_document(text, filename)
    except ExtractionError as error:
        assert error.code in (
            RejectionCode.INVALID_JSON,
            RejectionCode.UNSUPPORTED_FORMAT,
            RejectionCode.TOO_LARGE,
        )
    else:
        assert document.format in ("text", "markdown", "json", "html")
        assert isinstance(document.body, str)
