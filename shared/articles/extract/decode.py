"""Bytes to text: BOM, strict UTF-8, then charset detection for legacy 8-bit files; binary is rejected.

Every step is linear in the input; charset detection only ever sees a bounded sample.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import charset_normalizer

from .errors import ExtractionError
from .record import RejectionCode


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    """Stable lower-case codec name: utf-8, utf-8-sig, utf-16, utf-16-le, iso-8859-2, cp1250…"""


SAMPLE_BYTES = 64 * 1024
"""Charset detection and the binary checks look at this much; detection cost grows with the sample."""
MAX_CONTROL_SHARE = 0.02
"""Text files have (almost) no C0 control bytes; random binary data has about 10%."""
MIN_CONTROL_BYTES = 3
"""A stray control byte or two in a short text is noise, not evidence of binary data."""
MAX_BROKEN_UTF8_SHARE = 0.05
"""Up to this share of invalid sequences among non-ASCII characters, a file is damaged UTF-8, not legacy."""

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC_NUMBERS = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/EPUB/ODT)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an MS Office (OLE) document"),
    (b"\x7fELF", "an executable"),
    (b"\x00asm", "a WebAssembly module"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"fLaC", "a FLAC file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
"""C0 controls other than tab, newlines, form feed and ESC (ISO-2022-JP uses ESC)."""
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SYMBOL_BY_LETTER = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f]|[^\x00-\x7f](?=[^\W\d_])")
_TYPOGRAPHY = frozenset("’‘“”„«»‹›–—…·•°")
_BLANK = re.compile(r"[\s\ufeff\u200b-\u200d\u2060]*")
_LEGACY_CANDIDATES = [
    # What news files realistically arrive in; without this list short texts come out as e.g. cp1006.
    *(
        "cp1252",
        "iso8859_15",
        "latin_1",
        "cp1250",
        "iso8859_2",
        "cp1257",
        "iso8859_13",
        "cp1254",
        "iso8859_9",
    ),
    *(
        "cp1251",
        "koi8_r",
        "koi8_u",
        "iso8859_5",
        "cp1253",
        "iso8859_7",
        "cp1255",
        "cp1256",
        "cp874",
        "cp1258",
    ),
    *("cp932", "shift_jis", "euc_jp", "iso2022_jp", "gb18030", "big5", "euc_kr", "cp949"),
]


def decode_bytes(data: bytes) -> Decoded:
    """Decode an uploaded file; raise ExtractionError (EMPTY, BINARY, UNDECODABLE) for what is not text."""
    if not data.strip():
        raise ExtractionError(RejectionCode.EMPTY, "the file is empty or contains only whitespace")
    _reject_known_binary(data)
    text, encoding = _decode(data)
    text = _CONTROL_CHARS.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).lstrip("\ufeff")
    if _BLANK.fullmatch(text):
        raise ExtractionError(RejectionCode.EMPTY, "the file contains only whitespace")
    return Decoded(text=text, encoding=encoding)


def _reject_known_binary(data: bytes) -> None:
    for magic, kind in _MAGIC_NUMBERS:
        if data.startswith(magic):
            raise ExtractionError(RejectionCode.BINARY, f"the file is {kind}, not text")
    if (
        data[4:12] in (b"ftypisom", b"ftypmp42", b"ftypheic", b"ftypavif", b"ftypM4A ")
        or data[4:8] == b"ftyp"
    ):
        raise ExtractionError(RejectionCode.BINARY, "the file is an MP4/HEIF media file, not text")


def _decode(data: bytes) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_unicode(data, codec), codec
    wide_codec = _bomless_wide_codec(data[:SAMPLE_BYTES])
    if wide_codec:
        return _decode_unicode(data, wide_codec), wide_codec
    if b"\x00" in data:
        raise ExtractionError(RejectionCode.BINARY, "the file contains NUL bytes: it is binary, not text")
    sample = data[:SAMPLE_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(MAX_CONTROL_SHARE * len(sample), MIN_CONTROL_BYTES):
        raise ExtractionError(
            RejectionCode.BINARY, "the file is mostly control bytes: it is binary, not text"
        )
    if b"\x1b$" in sample:  # ISO-2022-JP is 7-bit, hence also valid UTF-8: its escapes must win
        try:
            return data.decode("iso2022_jp"), "iso2022-jp"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged, "utf-8"
    return _decode_legacy(data)


def _decode_unicode(data: bytes, codec: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise ExtractionError(
            RejectionCode.UNDECODABLE, f"the file is not valid {codec}: {error.reason}"
        ) from None
    sample = text[: SAMPLE_BYTES // 2]
    if "\x00" in sample or len(_CONTROL_CHARS.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise ExtractionError(
            RejectionCode.BINARY, f"the file decodes as {codec} but is mostly control characters"
        )
    return text


def _bomless_wide_codec(sample: bytes) -> str | None:
    """UTF-16/32 without a BOM: NUL bytes sit in fixed positions of every code unit (mostly ASCII text)."""
    size = len(sample) - len(sample) % 4
    if size < 8 or b"\x00" not in sample:
        return None
    nul_share = [sample[offset:size:4].count(0) * 4 / size for offset in range(4)]
    if min(nul_share[1:3]) > 0.8 and nul_share[0] < 0.05:
        return "utf-32-le"
    if min(nul_share[0:3]) > 0.8 and nul_share[3] < 0.05:
        return "utf-32-be"
    if min(nul_share[1], nul_share[3]) > 0.5 and max(nul_share[0], nul_share[2]) < 0.05:
        return "utf-16-le"
    if min(nul_share[0], nul_share[2]) > 0.5 and max(nul_share[1], nul_share[3]) < 0.05:
        return "utf-16-be"
    return None


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken sequences (a truncated copy, one stray Latin-1 byte) stays UTF-8."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    if non_ascii - broken >= 10 and broken <= MAX_BROKEN_UTF8_SHARE * non_ascii:
        return text
    return None


def _decode_legacy(data: bytes) -> tuple[str, str]:
    sample = data[:SAMPLE_BYTES]
    if len(data) > SAMPLE_BYTES and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n")]  # never cut a multi-byte character in two
    matches = list(charset_normalizer.from_bytes(sample, cp_isolation=_LEGACY_CANDIDATES))
    for encoding in _break_ties(matches):
        try:
            return data.decode(encoding), _stable_name(encoding)
        except UnicodeDecodeError:
            continue  # the sample fitted, the rest of the file does not: try the next candidate
    raise ExtractionError(
        RejectionCode.UNDECODABLE, "the file is neither UTF-8 nor a recognisable legacy encoding"
    )


def _break_ties(matches: list) -> list[str]:
    """Candidates best first; among nearly equally scored ones, the one whose letters fit an alphabet.

    Single-byte code pages often decode a short text without any "chaos" (French 'à' is cp1250 'ŕ'):
    then a decoding whose non-ASCII letters all belong to one alphabet is the right one.
    """
    if not matches:
        return []
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos + 0.05 and m.coherence >= best.coherence - 0.1]
    tied.sort(key=lambda match: -_alphabet_fit(str(match)[:SAMPLE_BYTES]))  # stable: keeps detector order
    rest = [m for m in matches if m not in tied]
    return [m.encoding for m in tied + rest]


def _alphabet_fit(text: str) -> float:
    """Share of the distinct non-ASCII letters that one alphabet explains; a symbol touching a letter
    (Polish 'ś' read as cp1250 '¶więto', 'ł' as cp1252 'o³n') counts against it."""
    letters = [char for char in set(text.lower()) if ord(char) > 127 and char.isalpha()]
    if not letters:
        return 0.0
    stray = {
        char for char in _SYMBOL_BY_LETTER.findall(text) if not char.isalpha() and char not in _TYPOGRAPHY
    }
    explained = max(sum(char in alphabet for char in letters) for alphabet in _alphabets())
    return explained / (len(letters) + len(stray))


@cache
def _alphabets() -> list[frozenset[str]]:
    table = json.loads(files(__package__).joinpath("tables", "alphabets.json").read_text(encoding="utf-8"))
    return [frozenset(letters) for language, letters in table.items() if not language.startswith("_")]


def _stable_name(codec: str) -> str:
    name = codecs.lookup(codec).name.replace("_", "-")
    return re.sub(r"^iso8859-", "iso-8859-", name)
