from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.extract.credits import MAX_CREDIT_CHARS, find_image_credit
from articles.extract.document import MetadataValue, ParsedDocument
from articles.extract.record import ImageCredit
from tests.paths import REFERENCE_SAMPLE

PROSE = "Der Bundeskanzler hat am Dienstag in Berlin eine Rede gehalten."


def credit_of(
    body: str,
    language: str | None = None,
    *,
    captions: Sequence[str] = (),
    credits: Sequence[MetadataValue] = (),
) -> ImageCredit | None:
    document = ParsedDocument(format="text", body=body, captions=list(captions), credits=list(credits))
    return find_image_credit(document, language).credit


def test_reference_sample_credit_line_is_found_and_removed_from_the_body() -> None:
    body = REFERENCE_SAMPLE.read_text(encoding="utf-8").split(" date 2024-07 ", 1)[1]
    result = find_image_credit(ParsedDocument(format="text", body=body), "hu")
    assert result.credit == ImageCredit(text="Getty Images", label="Címlapkép forrása", source="credit_line")
    assert "Címlapkép forrása" not in result.body
    assert "Getty Images" not in result.body
    # Only the credit sentence goes: the prose before it on the same line stays.
    assert result.body.rstrip().endswith(
        "Kijev nagyon értékes szövetségesre tesz szert.\n\nA címlapkép illusztráció."
    )
    assert result.body.startswith("A NATO fokozza")


@pytest.mark.parametrize(
    ("language", "line", "text", "label"),
    [
        ("hu", "Fotó: MTI/Koszticsák Szilárd", "MTI/Koszticsák Szilárd", "Fotó"),
        ("hu", "Borítókép: MTI/Illyés Tibor", "MTI/Illyés Tibor", "Borítókép"),
        ("en", "Photo: Reuters/Yves Herman", "Reuters/Yves Herman", "Photo"),
        ("en", "Image credit: Wikimedia Commons", "Wikimedia Commons", "Image credit"),
        ("en", "Photograph by Stefan Rousseau/PA", "Stefan Rousseau/PA", "Photograph by"),
        ("de", "Bild: dpa", "dpa", "Bild"),
        ("de", "Foto: picture alliance/dpa/Kay Nietfeld", "picture alliance/dpa/Kay Nietfeld", "Foto"),
        ("de", "Bildquelle: Pixabay", "Pixabay", "Bildquelle"),
        ("fr", "Crédit photo : AFP", "AFP", "Crédit photo"),
        ("es", "Foto: EFE/Juan Carlos Hidalgo", "EFE/Juan Carlos Hidalgo", "Foto"),
        ("es", "Fotografía: Europa Press", "Europa Press", "Fotografía"),
        ("it", "Foto: ANSA/Ettore Ferrari", "ANSA/Ettore Ferrari", "Foto"),
        ("pt", "Imagem: Lusa", "Lusa", "Imagem"),
        ("nl", "Beeld: ANP/Robin van Lonkhuijsen", "ANP/Robin van Lonkhuijsen", "Beeld"),
        ("pl", "Fot. PAP/Radek Pietruszka", "PAP/Radek Pietruszka", "Fot."),
        ("pl", "Zdjęcie: Reuters", "Reuters", "Zdjęcie"),
        ("cs", "Snímek: ČTK/Michal Kamaryt", "ČTK/Michal Kamaryt", "Snímek"),
        ("sk", "Foto: TASR/Martin Baumann", "TASR/Martin Baumann", "Foto"),
        ("ro", "Sursa foto: Inquam Photos/Octav Ganea", "Inquam Photos/Octav Ganea", "Sursa foto"),
        ("ru", "Фото: ТАСС/Сергей Бобылев", "ТАСС/Сергей Бобылев", "Фото"),
        ("uk", "Фото: Укрінформ", "Укрінформ", "Фото"),
        ("bg", "Снимка: БТА", "БТА", "Снимка"),
        ("el", "Φωτογραφία: Eurokinissi", "Eurokinissi", "Φωτογραφία"),
        ("tr", "Fotoğraf: AA", "AA", "Fotoğraf"),
        ("sv", "Foto: TT/Fredrik Sandberg", "TT/Fredrik Sandberg", "Foto"),
        ("da", "Foto: Ritzau Scanpix", "Ritzau Scanpix", "Foto"),
        ("no", "Bilde: NTB/Heiko Junge", "NTB/Heiko Junge", "Bilde"),
        ("fi", "Kuva: Lehtikuva/Heikki Saukkomaa", "Lehtikuva/Heikki Saukkomaa", "Kuva"),
        ("hr", "Fotografija: Pixsell/Sanjin Strukić", "Pixsell/Sanjin Strukić", "Fotografija"),
        ("sr", "Foto: Tanjug", "Tanjug", "Foto"),
        ("sl", "Foto: STA/Anže Malovrh", "STA/Anže Malovrh", "Foto"),
    ],
)
def test_credit_line_per_language(language: str, line: str, text: str, label: str) -> None:
    body = f"{PROSE}\n\n{line}\n\n{PROSE}"
    result = find_image_credit(ParsedDocument(format="text", body=body), language)
    assert result.credit == ImageCredit(text=text, label=label, source="credit_line")
    assert result.body.replace("\n", "") == PROSE + PROSE


@pytest.mark.parametrize("language", [None, "zh-cn", "xx"])
def test_unknown_or_missing_language_tries_every_table(language: str | None) -> None:
    assert credit_of(f"{PROSE}\n\nKuva: Lehtikuva", language) == ImageCredit(
        text="Lehtikuva", label="Kuva", source="credit_line"
    )


def test_a_known_language_uses_its_own_labels_and_english_only() -> None:
    assert credit_of(f"{PROSE}\n\nKuva: Lehtikuva", "de") is None
    assert credit_of(f"{PROSE}\n\nPhoto: Lehtikuva", "de") == ImageCredit(
        text="Lehtikuva", label="Photo", source="credit_line"
    )


@pytest.mark.parametrize(
    "body",
    [
        "A fotó tegnap készült a helyszínen.",
        "Fotó tegnap készült a helyszínen, amikor a rendőrök megérkeztek.",
        "Der Fotograf zeigte das Foto: es war unscharf.",
        "The photo by the river was taken last week.",
        "Photo by the river was taken last week.",
        "Fotó: a helyszínen tegnap készült, amikor a rendőrök megérkeztek",
        "Credit: the government says the numbers are wrong",
        "",
    ],
)
@pytest.mark.parametrize("language", ["hu", None])
def test_photo_words_in_running_text_are_not_credits(body: str, language: str | None) -> None:
    result = find_image_credit(ParsedDocument(format="text", body=body), language)
    assert result.credit is None
    assert result.body == body


def test_parenthetical_credit_is_found_and_removed() -> None:
    body = f"{PROSE} (Photo by Jane Doe/Getty Images)\n\n{PROSE}"
    result = find_image_credit(ParsedDocument(format="text", body=body), "de")
    assert result.credit == ImageCredit(text="Jane Doe/Getty Images", label="Photo by", source="credit_line")
    assert result.body == f"{PROSE}\n\n{PROSE}"


def test_agency_photo_credit_in_brackets_has_no_label() -> None:
    body = "Biden speaks in Washington. (AP Photo/Evan Vucci)\n\nMore text."
    result = find_image_credit(ParsedDocument(format="text", body=body), "en")
    assert result.credit == ImageCredit(text="AP Photo/Evan Vucci", label=None, source="credit_line")
    assert result.body == "Biden speaks in Washington.\n\nMore text."


def test_bracketed_credit_before_the_full_stop_leaves_the_sentence_intact() -> None:
    result = find_image_credit(ParsedDocument(format="text", body="Stoltenberg spoke (Fotó: MTI/EPA)."), "hu")
    assert result.credit == ImageCredit(text="MTI/EPA", label="Fotó", source="credit_line")
    assert result.body == "Stoltenberg spoke."


def test_credit_at_the_end_of_the_first_paragraph() -> None:
    body = f"{PROSE} Foto: dpa\n\nZweiter Absatz mit mehr Text."
    result = find_image_credit(ParsedDocument(format="text", body=body), "de")
    assert result.credit == ImageCredit(text="dpa", label="Foto", source="credit_line")
    assert result.body == f"{PROSE}\n\nZweiter Absatz mit mehr Text."


def test_credit_followed_by_a_sentence_on_the_same_line() -> None:
    body = "Fotó: MTI/Koszticsák Szilárd. A képen Jens Stoltenberg látható."
    result = find_image_credit(ParsedDocument(format="text", body=body), "hu")
    assert result.credit == ImageCredit(text="MTI/Koszticsák Szilárd", label="Fotó", source="credit_line")
    assert result.body == "A képen Jens Stoltenberg látható."


def test_first_credit_in_reading_order_is_reported_and_every_credit_line_removed() -> None:
    body = f"{PROSE}\n\nFotó: MTI/Illyés Tibor\n\n{PROSE}\n\nKép: Reuters\n\n{PROSE}"
    result = find_image_credit(ParsedDocument(format="text", body=body), "hu")
    assert result.credit == ImageCredit(text="MTI/Illyés Tibor", label="Fotó", source="credit_line")
    assert "Fotó" not in result.body
    assert "Kép" not in result.body
    assert result.body.count(PROSE) == 3


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("Fotó: © MTI/Koszticsák Szilárd.", "MTI/Koszticsák Szilárd"),
        ("Photo: (c) Jane Doe", "Jane Doe"),
        ("Photo: © 2024 Reuters", "Reuters"),
        ("Photo:   Jane    Doe  /  Reuters ", "Jane Doe / Reuters"),
        ("Photo: “Reuters”", "Reuters"),
        ("Photo: J. Doe/Reuters", "J. Doe/Reuters"),
        ("[Photo: Reuters]", "Reuters"),
        ("*Fotó: MTI/Koszticsák Szilárd*", "MTI/Koszticsák Szilárd"),
    ],
)
def test_credit_text_is_cleaned(line: str, text: str) -> None:
    credit = credit_of(f"{PROSE}\n\n{line}", "hu")
    assert credit is not None
    assert credit.text == text


def test_label_is_reported_as_written() -> None:
    credit = credit_of(f"{PROSE}\n\nFOTÓ:  MTI", "hu")
    assert credit == ImageCredit(text="MTI", label="FOTÓ", source="credit_line")


@pytest.mark.parametrize(
    "line",
    [
        "Fotó: " + "x" * (MAX_CREDIT_CHARS + 1),
        "Fotó: " + " ".join(["Név"] * 20),
        "Fotó:",
        "Fotó: 2024",
        "Photo: .",
    ],
)
def test_implausible_credits_are_rejected(line: str) -> None:
    assert credit_of(f"{PROSE}\n\n{line}", "hu") is None


def test_a_label_naming_no_one_is_no_credit_but_leaves_the_body() -> None:
    result = find_image_credit(ParsedDocument(format="text", body=f"{PROSE}\n\nFotó: illusztráció"), "hu")
    assert result.credit is None
    assert result.body.strip() == PROSE


def test_bare_source_label_credits_the_text_not_an_image() -> None:
    # "Forrás: MTI" under an agency story names where the text came from: neither credit nor removed.
    body = f"{PROSE}\n\nForrás: MTI"
    result = find_image_credit(ParsedDocument(format="text", body=body), "hu")
    assert result.credit is None
    assert result.body == body


def test_bare_source_label_naming_a_picture_agency_is_an_image_credit() -> None:
    result = find_image_credit(ParsedDocument(format="text", body=f"{PROSE}\n\nForrás: Shutterstock"), "hu")
    assert result.credit == ImageCredit(text="Shutterstock", label="Forrás", source="credit_line")
    assert "Forrás" not in result.body


@pytest.mark.parametrize(
    ("caption", "text", "label"),
    [
        ("Jens Stoltenberg a csúcson. Fotó: MTI/Koszticsák Szilárd", "MTI/Koszticsák Szilárd", "Fotó"),
        ("(Photo by John Doe/Getty Images)", "John Doe/Getty Images", "Photo by"),
        ("Foto: dpa", "dpa", "Foto"),
        ("Stoltenberg in Brüssel. © Reuters", "Reuters", None),
        ("Forrás: MTI", "MTI", "Forrás"),  # a caption is about the picture, so "source" credits it
    ],
)
def test_caption_credit(caption: str, text: str, label: str | None) -> None:
    credit = credit_of(PROSE, "hu", captions=["Jens Stoltenberg in Washington", caption])
    assert credit == ImageCredit(text=text, label=label, source="caption")


def test_caption_beats_body_but_the_body_credit_line_is_still_removed() -> None:
    document = ParsedDocument(format="text", body=f"{PROSE}\n\nFoto: dpa", captions=["Bild: Reuters"])
    result = find_image_credit(document, "de")
    assert result.credit == ImageCredit(text="Reuters", label="Bild", source="caption")
    assert result.body.strip() == PROSE


def test_caption_without_a_credit_falls_back_to_the_body() -> None:
    credit = credit_of(f"{PROSE}\n\nFoto: dpa", "de", captions=["Der Kanzler in Berlin"])
    assert credit == ImageCredit(text="dpa", label="Foto", source="credit_line")


@pytest.mark.parametrize(
    ("value", "text", "label"),
    [
        ("Photo: Reuters", "Reuters", "Photo"),
        ("Getty Images", "Getty Images", None),
        ("© AFP", "AFP", None),
        ("Photo by Jane Doe/Getty Images", "Jane Doe/Getty Images", "Photo by"),
        ("Forrás: MTI", "MTI", "Forrás"),
    ],
)
def test_metadata_credit_has_its_label_stripped(value: str, text: str, label: str | None) -> None:
    credit = credit_of(PROSE, "hu", credits=[MetadataValue(value, "json")])
    assert credit == ImageCredit(text=text, label=label, source="json")


def test_metadata_beats_captions_and_body() -> None:
    document = ParsedDocument(
        format="html",
        body=f"{PROSE}\n\nFoto: dpa",
        captions=["Bild: Reuters"],
        credits=[MetadataValue("AP Photo/Evan Vucci", "html_meta")],
    )
    result = find_image_credit(document, "de")
    assert result.credit == ImageCredit(text="AP Photo/Evan Vucci", label=None, source="html_meta")
    assert "dpa" not in result.body


def test_implausible_metadata_falls_back_to_captions() -> None:
    credit = credit_of(
        PROSE,
        "en",
        credits=[MetadataValue("the photographer asked us not to name him in this article", "front_matter")],
        captions=["Photo: Reuters"],
    )
    assert credit == ImageCredit(text="Reuters", label="Photo", source="caption")


def test_no_credit_anywhere_returns_none_and_the_body_unchanged() -> None:
    body = f"{PROSE}\n\n{PROSE}"
    result = find_image_credit(ParsedDocument(format="text", body=body, captions=["Der Kanzler"]), "de")
    assert result.credit is None
    assert result.body == body


@pytest.mark.parametrize(
    "body",
    [
        "x" * 1_000_000,
        "\n" * 1_000_000,
        "F\n" * 500_000,
        "Fotó: " * 160_000,
        "(Photo: " * 120_000,
        "( Photo:" + " " * 1_000_000 + "x",
        "Fotó:" + " " * 1_000_000 + "MTI",
        "Fotó: MTI\n" * 100_000,
        "a. " * 300_000 + "Fotó: MTI",
        "(" * 1_000_000,
        "Címlapkép " * 100_000 + "forrása: Getty Images",
    ],
)
def test_hostile_input_is_handled(body: str) -> None:
    result = find_image_credit(ParsedDocument(format="text", body=body, captions=[body], credits=[]), None)
    assert len(result.body) <= len(body)
    assert result.credit is None or len(result.credit.text) <= MAX_CREDIT_CHARS


CREDITISH = st.text(
    alphabet=st.sampled_from(list("FotóPhbyKépĆ:()[]./\n -©Getty Images MTI")) | st.characters(),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(body=CREDITISH, caption=CREDITISH, value=CREDITISH, language=st.sampled_from([None, "hu", "en", "xx"]))
def test_any_text_gives_a_clean_credit_or_none_and_never_a_longer_body(
    body: str, caption: str, value: str, language: str | None
) -> None:
    document = ParsedDocument(
        format="text", body=body, captions=[caption], credits=[MetadataValue(value, "json")]
    )
    result = find_image_credit(document, language)
    assert len(result.body) <= len(body)
    if result.credit is not None:
        text = result.credit.text
        assert 2 <= len(text) <= MAX_CREDIT_CHARS
        assert text == " ".join(text.split())
        assert not text.endswith((".", ":", ","))
