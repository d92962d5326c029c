"""Publication date: metadata values, datelines in the body per language, and what is not a dateline."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.extract.dates import find_published, parse_date_value
from articles.extract.dates.grammar import fold, split_words
from articles.extract.document import MetadataValue, ParsedDocument
from articles.extract.record import Precision, Published
from articles.extract.tables.dates import TABLES

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
REFERENCE = SAMPLES / "hu-nato-japan-2024-07.txt"

LANGDETECT_LATIN_CYRILLIC_GREEK = [
    "af",
    "bg",
    "ca",
    "cs",
    "cy",
    "da",
    "de",
    "el",
    "en",
    "es",
    "et",
    "fi",
    "fr",
    "hr",
    "hu",
    "id",
    "it",
    "lt",
    "lv",
    "mk",
    "nl",
    "no",
    "pl",
    "pt",
    "ro",
    "ru",
    "sk",
    "sl",
    "so",
    "sq",
    "sv",
    "sw",
    "tl",
    "tr",
    "uk",
    "vi",
]

STORY = "A story follows here, with several ordinary words in it and no dates at all."


def body_date(body: str, language: str | None) -> Published | None:
    return find_published(ParsedDocument(format="text", body=body), language)


# -- metadata values --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value", "precision"),
    [
        ("2024", "2024", Precision.YEAR),
        ("2024-07", "2024-07", Precision.MONTH),
        ("2024-07-12", "2024-07-12", Precision.DAY),
        ("2024-07-12T10:30:00+02:00", "2024-07-12T10:30:00+02:00", Precision.DATETIME),
        ("2024-07-12T10:30:00Z", "2024-07-12T10:30:00+00:00", Precision.DATETIME),
        ("2024-07-12T10:30:00.123456Z", "2024-07-12T10:30:00+00:00", Precision.DATETIME),
        ("2024-07-12T10:30+0530", "2024-07-12T10:30:00+05:30", Precision.DATETIME),
        ("2024-07-12T10:30:00-04", "2024-07-12T10:30:00-04:00", Precision.DATETIME),
        ("2024-07-12 10:30:00", "2024-07-12T10:30:00", Precision.DATETIME),
        ("2024-07-12T10:30:00-00:00", "2024-07-12T10:30:00", Precision.DATETIME),  # offset unknown
        ("20240712", "2024-07-12", Precision.DAY),
        ("20240712T103000Z", "2024-07-12T10:30:00+00:00", Precision.DATETIME),
        ("  2024-07-12  ", "2024-07-12", Precision.DAY),
        ("Fri, 12 Jul 2024 10:30:00 +0200", "2024-07-12T10:30:00+02:00", Precision.DATETIME),
        ("Fri, 12 Jul 2024 10:30:00 GMT", "2024-07-12T10:30:00+00:00", Precision.DATETIME),
        ("12 Jul 2024 10:30 EDT", "2024-07-12T10:30:00-04:00", Precision.DATETIME),
        ("2024/07/12", "2024-07-12", Precision.DAY),
        ("12.07.2024", "2024-07-12", Precision.DAY),
        ("12. 7. 2024", "2024-07-12", Precision.DAY),
        ("2024.07.12.", "2024-07-12", Precision.DAY),
        ("12-07-2024", "2024-07-12", Precision.DAY),
        ("1720773000", "2024-07-12T08:30:00+00:00", Precision.DATETIME),
        ("1720773000123", "2024-07-12T08:30:00+00:00", Precision.DATETIME),
        ("July 12, 2024", "2024-07-12", Precision.DAY),
        ("Friday, July 12, 2024 at 5:30 PM", "2024-07-12T17:30:00", Precision.DATETIME),
        ("July 2024", "2024-07", Precision.MONTH),
        ("2024. július 12.", "2024-07-12", Precision.DAY),
        ("Dienstag, 18. Juni 2024", "2024-06-18", Precision.DAY),
    ],
)
def test_metadata_values_keep_their_precision(raw: str, value: str, precision: Precision) -> None:
    assert parse_date_value(raw) == (value, precision)


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "2024-02-30",
        "2023-02-29",
        "2024-13-01",
        "2024-00",
        "1850-07-12",
        "2150",
        "2024-07-12T25:00:00",
        "2024-07-12T10:61:00",
        "2024-07-12T10:30:00+15:00",
        "12345",
        "99999999999999999999",
        "yesterday",
        "last Tuesday",
        "n/a",
        "31.02.2024",
        "2024-07-12" * 30,
    ],
)
def test_invalid_metadata_values_are_rejected(raw: str) -> None:
    assert parse_date_value(raw) is None


def test_leap_day_exists_in_leap_years_only() -> None:
    assert parse_date_value("2024-02-29") == ("2024-02-29", Precision.DAY)
    assert parse_date_value("2023-02-29") is None


def test_slash_dates_are_read_only_when_the_order_is_known_or_unambiguous() -> None:
    assert parse_date_value("7/12/2024") is None  # 7 December or July 12: unknown without a language
    assert parse_date_value("7/25/2024") == ("2024-07-25", Precision.DAY)
    assert parse_date_value("25/7/2024") == ("2024-07-25", Precision.DAY)
    assert parse_date_value("7/12/2024", language="en") is None  # US and UK disagree
    assert parse_date_value("7/12/2024", language="fr") == ("2024-12-07", Precision.DAY)
    assert parse_date_value("7/12/2024", language="tl") == ("2024-07-12", Precision.DAY)
    assert parse_date_value("7/25/2024", language="de") == ("2024-07-25", Precision.DAY)  # only reading


# -- find_published: metadata first ---------------------------------------------------------


def test_reference_sample_header_date_keeps_month_precision() -> None:
    body = REFERENCE.read_text(encoding="utf-8").strip().removeprefix("date 2024-07").strip()
    document = ParsedDocument(format="text", body=body, dates=[MetadataValue("2024-07", "header")])
    assert find_published(document, "hu") == Published(
        value="2024-07", precision=Precision.MONTH, source="header"
    )


def test_reference_sample_body_alone_has_no_publication_date() -> None:
    # The body mentions "2024 végéig" (by the end of 2024): a deadline, not a dateline.
    body = REFERENCE.read_text(encoding="utf-8").strip().removeprefix("date 2024-07").strip()
    assert "2024 végéig" in body
    assert body_date(body, "hu") is None


def test_first_metadata_value_that_parses_wins() -> None:
    document = ParsedDocument(
        format="html",
        body="2024. július 1.\n\n" + STORY,
        dates=[
            MetadataValue("not a date", "html_meta"),
            MetadataValue("2024-07-12T10:30:00+02:00", "json_ld"),
            MetadataValue("2024-07-13", "html_time"),
        ],
    )
    assert find_published(document, "hu") == Published(
        value="2024-07-12T10:30:00+02:00", precision=Precision.DATETIME, source="json_ld"
    )


def test_body_dateline_is_used_when_no_metadata_value_parses() -> None:
    document = ParsedDocument(
        format="json", body="2024. július 12.\n\n" + STORY, dates=[MetadataValue("2024-02-30", "json")]
    )
    assert find_published(document, "hu") == Published(
        value="2024-07-12", precision=Precision.DAY, source="body"
    )


def test_no_date_anywhere_gives_none() -> None:
    assert find_published(ParsedDocument(format="text", body=STORY), "en") is None


# -- body datelines, per language -----------------------------------------------------------

DATELINES = {
    "af": "12 Julie 2024",
    "bg": "12 юли 2024 г.",
    "ca": "12 de juliol de 2024",
    "cs": "12. července 2024",
    "cy": "12 Gorffennaf 2024",
    "da": "12. juli 2024",
    "de": "Freitag, 12. Juli 2024",
    "el": "12 Ιουλίου 2024",
    "en": "July 12, 2024",
    "es": "12 de julio de 2024",
    "et": "12. juuli 2024",
    "fi": "12. heinäkuuta 2024",
    "fr": "le 12 juillet 2024",
    "hr": "12. srpnja 2024.",
    "hu": "2024. július 12.",
    "id": "12 Juli 2024",
    "it": "12 luglio 2024",
    "lt": "2024 m. liepos 12 d.",
    "lv": "2024. gada 12. jūlijā",
    "mk": "12 јули 2024",
    "nl": "12 juli 2024",
    "no": "12. juli 2024",
    "pl": "12 lipca 2024",
    "pt": "12 de julho de 2024",
    "ro": "12 iulie 2024",
    "ru": "12 июля 2024 г.",
    "sk": "12. júla 2024",
    "sl": "12. julij 2024",
    "so": "12 Luulyo 2024",
    "sq": "12 korrik 2024",
    "sv": "12 juli 2024",
    "sw": "12 Julai 2024",
    "tl": "Hulyo 12, 2024",
    "tr": "12 Temmuz 2024 Cuma",
    "uk": "12 липня 2024 р.",
    "vi": "ngày 12 tháng 7 năm 2024",
}


def test_every_latin_cyrillic_greek_language_has_a_table_and_an_example() -> None:
    assert set(LANGDETECT_LATIN_CYRILLIC_GREEK) <= set(TABLES)
    assert set(LANGDETECT_LATIN_CYRILLIC_GREEK) <= set(DATELINES)


@pytest.mark.parametrize(("language", "dateline"), sorted(DATELINES.items()))
def test_dateline_on_its_own_first_line(language: str, dateline: str) -> None:
    expected = Published(value="2024-07-12", precision=Precision.DAY, source="body")
    assert body_date(f"{dateline}\n\n{STORY}", language) == expected
    # the same, with the language unknown: every table is tried
    assert body_date(f"{dateline}\n\n{STORY}", None) == expected


@pytest.mark.parametrize(("language", "dateline"), sorted(DATELINES.items()))
def test_dateline_as_last_line(language: str, dateline: str) -> None:
    assert body_date(f"{STORY}\n\n{STORY}\n{dateline}", language) == Published(
        value="2024-07-12", precision=Precision.DAY, source="body"
    )


@pytest.mark.parametrize(
    ("language", "text", "value", "precision"),
    [
        ("hu", "2024. július 12.", "2024-07-12", Precision.DAY),
        ("hu", "2024. júl. 12., péntek 10:30", "2024-07-12T10:30:00", Precision.DATETIME),
        ("hu", "Közzétéve: 2024. 07. 12. 10:30", "2024-07-12T10:30:00", Precision.DATETIME),
        ("de", "Dienstag, 18. Juni 2024", "2024-06-18", Precision.DAY),
        ("de", "Veröffentlicht am 18.06.2024 um 10:30 Uhr", "2024-06-18T10:30:00", Precision.DATETIME),
        ("de", "Di., 18.06.2024, 10:30 Uhr", "2024-06-18T10:30:00", Precision.DATETIME),
        ("fr", "le 3 mars 2023", "2023-03-03", Precision.DAY),
        ("fr", "publié le 3 mars 2023 à 10h05", "2023-03-03T10:05:00", Precision.DATETIME),
        ("fr", "Publié le 1er mars 2024", "2024-03-01", Precision.DAY),
        ("en", "July 12, 2024", "2024-07-12", Precision.DAY),
        ("en", "12 July 2024", "2024-07-12", Precision.DAY),
        (
            "en",
            "Published: Friday, July 12th, 2024 at 5:30 p.m. EDT",
            "2024-07-12T17:30:00-04:00",
            Precision.DATETIME,
        ),
        ("en", "Posted Jul. 12, 2024 10:30 AM ET", "2024-07-12T10:30:00", Precision.DATETIME),
        ("es", "12 de julio de 2024", "2024-07-12", Precision.DAY),
        ("es", "Publicado el 12 de julio de 2024 a las 10:30 h", "2024-07-12T10:30:00", Precision.DATETIME),
        ("pl", "12 lipca 2024", "2024-07-12", Precision.DAY),
        ("pl", "12 lipca 2024 r., godz. 10:30", "2024-07-12T10:30:00", Precision.DATETIME),
        ("ru", "12 июля 2024 г.", "2024-07-12", Precision.DAY),
        ("ru", "Опубликовано 12 июля 2024 года в 10:30", "2024-07-12T10:30:00", Precision.DATETIME),
        ("el", "12 Ιουλίου 2024", "2024-07-12", Precision.DAY),
        ("el", "ΠΑΡΑΣΚΕΥΗ 12 ΙΟΥΛΙΟΥ 2024", "2024-07-12", Precision.DAY),  # capitals drop the accents
        ("cs", "12. července 2024", "2024-07-12", Precision.DAY),
        ("cs", "Publikováno 12:45, 12. 7. 2024", "2024-07-12T12:45:00", Precision.DATETIME),
        ("fi", "pe 12.7.2024 klo 10.30", "2024-07-12T10:30:00", Precision.DATETIME),
        ("vi", "Thứ sáu, 12/7/2024, 10:30 (GMT+7)", "2024-07-12T10:30:00+07:00", Precision.DATETIME),
        ("tr", "Yayınlanma: 12.07.2024 - 10:30", "2024-07-12T10:30:00", Precision.DATETIME),
        ("it", "Pubblicato il 12 luglio 2024 alle 10:30", "2024-07-12T10:30:00", Precision.DATETIME),
        (
            "pt",
            "Atualizado em 13/07/2024\nPublicado em 12/07/2024 às 10h30",
            "2024-07-12T10:30:00",
            Precision.DATETIME,
        ),
        ("nl", "12-07-2024 om 10.30 uur", "2024-07-12T10:30:00", Precision.DATETIME),
        ("en", "2024-07-12T10:30:00+02:00", "2024-07-12T10:30:00+02:00", Precision.DATETIME),
        ("en", "July 2024", "2024-07", Precision.MONTH),
        ("hu", "2024. július", "2024-07", Precision.MONTH),
        ("de", "12.07.2024", "2024-07-12", Precision.DAY),
        ("en", "25/07/2024", "2024-07-25", Precision.DAY),
    ],
)
def test_body_forms_keep_their_precision(language: str, text: str, value: str, precision: Precision) -> None:
    assert body_date(f"{text}\n\n{STORY}", language) == Published(
        value=value, precision=precision, source="body"
    )


@pytest.mark.parametrize(
    ("language", "body", "value"),
    [
        (
            "de",
            "BERLIN, 18. Juni 2024 (dpa) - Die Bundesregierung hat beschlossen, mehr zu tun.",
            "2024-06-18",
        ),
        ("en", "By Jane Doe | 12 July 2024\nNATO leaders met in Washington.", "2024-07-12"),
        ("fr", "Par Jean Dupont, le 3 mars 2023\n\nLe président a annoncé une réforme.", "2023-03-03"),
        ("en", "WASHINGTON — July 12, 2024 — NATO leaders met on Tuesday.", "2024-07-12"),
        ("hu", "A NATO főtitkára nyilatkozott.\n\nBudapest, 2024. július 12.", "2024-07-12"),
        ("en", f"{STORY}\n\nPublished 12 July 2024 | Updated 13 July 2024\n\n{STORY}", "2024-07-12"),
        ("en", f"{STORY}\n\nUpdated 13 July 2024 | Published 12 July 2024\n\n{STORY}", "2024-07-12"),
        ("en", f"{STORY}\n\n(12.07.2024)\n\n{STORY}", "2024-07-12"),
        # A "published" phrase is stronger than a dateline at the head.
        ("en", f"July 1, 2024\n\n{STORY}\nFirst published on July 12, 2024.", "2024-07-12"),
    ],
)
def test_dateline_positions(language: str, body: str, value: str) -> None:
    published = body_date(body, language)
    assert published is not None
    assert published.value == value


@pytest.mark.parametrize(
    ("language", "body"),
    [
        # deadlines
        ("hu", "A NATO 2024 végéig közös hadgyakorlatokat tart a térségben, mondta a főtitkár."),
        ("de", "Die Regelung gilt bis Ende 2024, sagte der Minister am Dienstag in Berlin."),
        ("en", "The programme runs until 2025, the minister said on Tuesday."),
        ("en", "Applications are open until July 12, 2024, the ministry said."),
        ("en", f"{STORY}\nDeadline: 12 July 2024\n{STORY}"),
        ("de", f"{STORY}\nbis 18. Juni 2024\n{STORY}"),
        ("hu", "A NATO 2024. július 12-én tartott csúcsán a tagok megállapodtak."),
        # event dates in the middle of the body
        ("en", f"{STORY}\nOn July 12, 2024, NATO leaders met in Washington to discuss Ukraine.\n{STORY}"),
        ("fr", "Le 3 mars 2023, le président a annoncé une réforme importante des retraites."),
        ("de", f"{STORY} Die Konferenz findet am 18. Juni 2024 in Berlin statt. {STORY}"),
        ("hu", f"{STORY} A csúcstalálkozót 2024. július 12. és 14. között tartják. {STORY}"),
        # copyright years and bare years
        ("en", f"{STORY}\n© 2024 Reuters"),
        ("en", f"{STORY}\nCopyright 2024 The Times. All rights reserved."),
        ("en", f"2024\n\n{STORY}"),
        # relative words
        ("en", "Last Tuesday NATO leaders met in Washington, officials said yesterday."),
        ("hu", "Tegnap a NATO vezetői Washingtonban találkoztak, közölték ma."),
        # updated only
        ("en", f"Updated: July 13, 2024\n\n{STORY}"),
        ("hu", f"Frissítve: 2024. július 13.\n\n{STORY}"),
        ("de", f"Aktualisiert am 18.06.2024\n\n{STORY}"),
        ("fr", f"Mis à jour le 3 mars 2023\n\n{STORY}"),
        # dates that do not exist
        ("en", f"2024-02-30\n\n{STORY}"),
        ("de", f"30. Februar 2024\n\n{STORY}"),
        # ambiguous US/UK slash date in English
        ("en", f"7/12/2024\n\n{STORY}"),
    ],
)
def test_not_publication_dates(language: str, body: str) -> None:
    assert body_date(body, language) is None


def test_dateline_beyond_the_search_windows_is_not_seen_but_costs_nothing() -> None:
    filler = "word " * 2000
    assert body_date(f"{filler}\n12 July 2024\n{filler}", "en") is None
    assert body_date(f"{filler}\n12 July 2024\n", "en") == Published(
        value="2024-07-12", precision=Precision.DAY, source="body"
    )


def test_last_line_is_found_after_many_years_near_the_end() -> None:
    references = "\n".join(f"See the report of {year}." for year in range(1960, 2020))
    body = f"{'word ' * 1000}\n{references}\nBudapest, 2024. július 12."
    assert body_date(body, "hu") == Published(value="2024-07-12", precision=Precision.DAY, source="body")


@pytest.mark.parametrize(
    "body",
    [
        "2024 " * 200_000,
        "12 July 2024 Juni 2024 lipca 2024 июля 2024 " * 25_000,
        "1" * 1_000_000,
        " " * 500_000 + "12 July 2024" + " " * 500_000,
        "Dienstag, " * 100_000 + "18. Juni 2024",
        "\n" * 1_000_000,
        "12." * 300_000,
    ],
)
@pytest.mark.parametrize("language", ["en", None])
def test_hostile_megabyte_inputs_do_not_break_the_search(body: str, language: str | None) -> None:
    published = body_date(body, language)
    assert published is None or parse_date_value(published.value) == (published.value, published.precision)


# -- the tables -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", sorted(TABLES))
def test_tables_are_complete_and_unambiguous(language: str) -> None:
    table = TABLES[language]
    assert len(table.months) == 12
    assert len(table.weekdays) == 7
    month_of: dict[str, int] = {}
    for number, spelling in enumerate(table.months, 1):
        assert split_words(spelling), f"{language}: month {number} has no name"
        for word in split_words(spelling):
            assert month_of.setdefault(fold(word), number) == number, f"{language}: {word!r} names two months"
    for form in (*table.forms, *table.month_forms):
        assert "{Y}" in form and "{M}" in form, f"{language}: {form!r}"
    for form in table.forms:
        assert "{D}" in form, f"{language}: {form!r}"


# -- never raises --------------------------------------------------------------------------

_ISO_BY_PRECISION = {
    Precision.YEAR: re.compile(r"\d{4}"),
    Precision.MONTH: re.compile(r"\d{4}-\d{2}"),
    Precision.DAY: re.compile(r"\d{4}-\d{2}-\d{2}"),
    Precision.DATETIME: re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2})?"),
}


def _assert_valid(value: str, precision: Precision) -> None:
    assert _ISO_BY_PRECISION[precision].fullmatch(value), value
    if precision is Precision.DAY:
        date.fromisoformat(value)
    if precision is Precision.DATETIME:
        datetime.fromisoformat(value)


_date_like = st.from_regex(
    r"[ \n]?(?:\d{1,2}[./ -]){0,2}(?:Jul|július|июля|[A-Za-z]{0,6})?[ .,]{0,2}(?:19|20)\d\d[ T]?\d{0,2}:?\d{0,2}[ \n]?",
    fullmatch=True,
)


@settings(max_examples=300, deadline=None)
@given(
    value=st.one_of(st.text(max_size=120), _date_like),
    language=st.sampled_from([None, "en", "hu", "de", "xx"]),
)
def test_parse_date_value_never_raises(value: str, language: str | None) -> None:
    parsed = parse_date_value(value, language=language)
    if parsed is not None:
        _assert_valid(*parsed)


@settings(max_examples=300, deadline=None)
@given(
    body=st.one_of(st.text(max_size=400), _date_like, st.lists(_date_like, max_size=5).map("\n".join)),
    dates=st.lists(st.text(max_size=40), max_size=3),
    language=st.sampled_from([None, "en", "hu", "fr", "ru", "el", "vi", "zh-cn"]),
)
def test_find_published_never_raises(body: str, dates: list[str], language: str | None) -> None:
    document = ParsedDocument(
        format="text", body=body, dates=[MetadataValue(value, "json") for value in dates]
    )
    published = find_published(document, language)
    if published is not None:
        _assert_valid(published.value, published.precision)
