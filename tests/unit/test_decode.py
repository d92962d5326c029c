"""decode_bytes: encodings, newline normalisation and the rejection of what is not text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.extract.decode import decode_bytes
from articles.extract.errors import ExtractionError
from articles.extract.record import RejectionCode

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SAMPLE = SHARED / "samples" / "hu-nato-japan-2024-07.txt"

HUNGARIAN = (
    "A főtitkár szerint a szövetség erősíti együttműködését Japánnal. "
    "Árvíztűrő tükörfúrógép: a bővítésről őszig döntenek, ügyelve a tűzszünetre."
)


@pytest.mark.parametrize("encoding", ["iso-8859-2", "cp1250"])
def test_legacy_hungarian_keeps_o_and_u_double_acute(encoding: str) -> None:
    decoded = decode_bytes(HUNGARIAN.encode(encoding))
    assert decoded.text == HUNGARIAN
    assert "õ" not in decoded.text and "û" not in decoded.text
    assert decoded.encoding in ("iso-8859-2", "cp1250")


def test_short_legacy_hungarian_is_not_read_as_an_exotic_code_page() -> None:
    assert decode_bytes("Győr és Pécs: bővítés".encode("iso-8859-2")).text == "Győr és Pécs: bővítés"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le président a déclaré à l'économie – « ça suffit ».", "cp1252"),
        ("Zdjęcie: prezydent spotkał się z żołnierzami w Łodzi, gdzie świętowano rocznicę.", "iso-8859-2"),
        ("Předseda vlády řekl, že Česká republika podpoří Ukrajinu ještě více.", "iso-8859-2"),
        ("Президент заявил во вторник, что переговоры продолжатся.", "cp1251"),
        ("Президент заявил во вторник, что переговоры продолжатся.", "koi8-r"),
        ("Ο πρωθυπουργός δήλωσε την Τρίτη ότι η κυβέρνηση θα στηρίξει την οικονομία.", "iso-8859-7"),
        ("日本政府は火曜日、協力を強化すると発表した。", "shift_jis"),
        ("日本政府は火曜日、協力を強化すると発表した。", "iso2022_jp"),
    ],
)
def test_other_legacy_encodings(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)).text == text


def test_utf8_bom_before_the_header_is_removed() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + b" date 2024-07 A NATO fokozza")
    assert decoded.text == " date 2024-07 A NATO fokozza"
    assert decoded.encoding == "utf-8-sig"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF16_LE + HUNGARIAN.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + HUNGARIAN.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + HUNGARIAN.encode("utf-32-le"), "utf-32"),
        (codecs.BOM_UTF32_BE + HUNGARIAN.encode("utf-32-be"), "utf-32"),
        (HUNGARIAN.encode("utf-16-le"), "utf-16-le"),
        (HUNGARIAN.encode("utf-16-be"), "utf-16-be"),
        (HUNGARIAN.encode("utf-8"), "utf-8"),
    ],
)
def test_unicode_encodings(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == HUNGARIAN
    assert decoded.encoding == encoding


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_become_lf(newline: str) -> None:
    text = newline.join(["date 2024-07", "", "Első sor.", "Második sor."])
    assert decode_bytes(text.encode()).text == "date 2024-07\n\nElső sor.\nMásodik sor."


def test_crlf_in_utf16() -> None:
    assert decode_bytes("a\r\nb".encode("utf-16")).text == "a\nb"


def test_utf8_with_one_stray_byte_stays_utf8() -> None:
    data = (HUNGARIAN * 3).encode() + b" \xe9 " + HUNGARIAN.encode()
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text.startswith(HUNGARIAN)


def test_reference_sample_is_utf8() -> None:
    decoded = decode_bytes(SAMPLE.read_bytes())
    assert decoded.encoding == "utf-8"
    assert decoded.text.startswith(" date 2024-07 A NATO fokozza")
    assert decoded.text.endswith("Címlapkép forrása: Getty Images")


@pytest.mark.parametrize(
    "data", [b"", b"   ", b" \n\t\r\n ", codecs.BOM_UTF8 + b"  \n", "\n \n".encode("utf-16")]
)
def test_empty_and_whitespace_only(data: bytes) -> None:
    with pytest.raises(ExtractionError) as error:
        decode_bytes(data)
    assert error.value.code == RejectionCode.EMPTY


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"GIF89a\x01\x00",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",  # a PDF starts with text-like bytes: only its magic number tells
        b"PK\x03\x04\x14\x00\x06\x00",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
        b"\x00\x00\x00\x18ftypmp42",
        b"some text\x00with a NUL byte in the middle",
        bytes(range(1, 32)) * 50,
    ],
)
def test_binary_is_rejected(data: bytes) -> None:
    with pytest.raises(ExtractionError) as error:
        decode_bytes(data)
    assert error.value.code == RejectionCode.BINARY


def test_invalid_utf16_after_a_bom_is_undecodable() -> None:
    with pytest.raises(ExtractionError) as error:
        decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xdc")  # a lone low surrogate
    assert error.value.code == RejectionCode.UNDECODABLE


def test_stray_control_characters_are_removed() -> None:
    assert (
        decode_bytes(b"Hello\x07 world\x1b[0m, long enough text here.").text
        == "Hello world[0m, long enough text here."
    )


def test_large_legacy_file_decodes_whole() -> None:
    text = SAMPLE.read_text(encoding="utf-8") * 400  # ~1 MB: detection sees a sample, decoding the whole file
    decoded = decode_bytes(text.encode("cp1250"))
    assert decoded.text == text


@given(st.binary(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_arbitrary_bytes_decode_or_raise_extraction_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except ExtractionError as error:
        assert error.code in (RejectionCode.EMPTY, RejectionCode.BINARY, RejectionCode.UNDECODABLE)
    else:
        assert decoded.text.strip() and "\r" not in decoded.text and "\x00" not in decoded.text
