"""Bytes -> text: encodings, binary and size checks, normalisation."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.errors import Code, InputError
from storyline.ingest.decode import decode, normalise_text, read_file, read_stream
from storyline.settings import Settings

SETTINGS = Settings()
CURLY = "\u201cThe caf\u00e9 is open,\u201d the minister said \u2014 it\u2019s the first time.\n"
FRENCH = "Le café à côté de la gare est fermé ; le ministre a déclaré que la réunion aura lieu.\n"
JAPANESE = (
    "日米外務・防衛担当閣僚協議（２プラス２）が東京で開かれた。"
    "茂木外相とブリンケン国務長官が会談した。"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4


def code_of(data: bytes, settings: Settings = SETTINGS) -> Code:
    with pytest.raises(InputError) as caught:
        decode(data, settings)
    return caught.value.code


def test_utf8() -> None:
    assert decode("Tokyo, 16 March \u2014 talks\n".encode(), SETTINGS) == (
        "Tokyo, 16 March \u2014 talks\n",
        "utf-8",
        0,
    )


def test_utf8_with_bom_drops_the_bom() -> None:
    text, encoding, _ = decode(b"\xef\xbb\xbf" + CURLY.encode(), SETTINGS)
    assert text == CURLY
    assert encoding == "utf-8"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(codec: str) -> None:
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(codec, b"")
    text, encoding, _ = decode(bom + CURLY.encode(codec), SETTINGS)
    assert text == CURLY
    assert encoding in ("utf-16", "utf-32")


def test_utf16_without_bom_is_not_mistaken_for_binary() -> None:
    text, encoding, _ = decode("The ministers met in Tokyo.".encode("utf-16-le"), SETTINGS)
    assert text == "The ministers met in Tokyo."
    assert encoding == "utf-16-le"


def test_cp1252_curly_quotes_and_accents() -> None:
    text, encoding, _ = decode(CURLY.encode("cp1252"), SETTINGS)
    assert text == CURLY
    assert encoding == "cp1252"


def test_latin1_without_declaration() -> None:
    text, _, _ = decode(FRENCH.encode("latin-1"), SETTINGS)
    assert text == FRENCH


def test_shift_jis_declared_in_meta_charset() -> None:
    page = (
        '<html><head><meta charset="Shift_JIS"><title>会談</title></head>'
        f"<body><p>{JAPANESE}</p></body></html>"
    )
    text, encoding, _ = decode(page.encode("shift_jis"), SETTINGS)
    assert JAPANESE in text
    assert encoding == "cp932"  # what browsers read Shift_JIS as


def test_charset_in_http_equiv_and_xml_declaration() -> None:
    http_equiv = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "</head><body><p>Министр заявил</p></body></html>"
    )
    assert "Министр заявил" in decode(http_equiv.encode("cp1251"), SETTINGS).text
    xml = '<?xml version="1.0" encoding="ISO-8859-1"?><html><body><p>Caf\u00e9</p></body></html>'
    assert decode(xml.encode("latin-1"), SETTINGS) == (xml, "cp1252", 0)


def test_wrong_declaration_falls_back_to_a_plausible_guess() -> None:
    page = f'<html><head><meta charset="utf-8"></head><body><p>{FRENCH}</p></body></html>'
    assert FRENCH in decode(page.encode("latin-1"), SETTINGS).text


def test_undeclared_shift_jis_is_guessed() -> None:
    assert decode((JAPANESE * 2).encode("shift_jis"), SETTINGS).text == JAPANESE * 2


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\u3000\u00a0\n".encode()])
def test_empty_and_white_space(data: bytes) -> None:
    assert code_of(data) is Code.EMPTY


def test_png_is_binary() -> None:
    assert code_of(PNG) is Code.BINARY


def test_many_control_bytes_are_binary() -> None:
    assert code_of(b"abc\x01\x02\x03\x04def\x05\x06\x07\x08" * 20) is Code.BINARY


def test_undecodable() -> None:
    error = pytest.raises(InputError, decode, bytes(range(0x80, 0x100)) * 3, SETTINGS).value
    assert error.code is Code.UNDECODABLE
    assert "not UTF-8" in error.reason


def test_too_large() -> None:
    small = SETTINGS.override({"max_report_bytes": 100})
    error = pytest.raises(InputError, decode, b"x" * 101, small).value
    assert error.code is Code.TOO_LARGE
    assert "101 bytes > max_report_bytes 100" in error.reason
    assert decode(b"x" * 100, small).text == "x" * 100


def test_read_file_refuses_a_large_file_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 7_340_112)
    error = pytest.raises(InputError, read_file, path, SETTINGS).value
    assert error.code is Code.TOO_LARGE
    assert "7,340,112 bytes > max_report_bytes 5,000,000" in error.reason


def test_read_file_that_does_not_exist(tmp_path: Path) -> None:
    error = pytest.raises(InputError, read_file, tmp_path / "gone.txt", SETTINGS).value
    assert error.code is Code.UNREADABLE


def test_read_stream_is_bounded() -> None:
    small = SETTINGS.override({"max_report_bytes": 10})
    assert read_stream(io.BytesIO(b"0123456789"), small) == b"0123456789"
    stream = io.BytesIO(b"0123456789ABCDEF")
    assert pytest.raises(InputError, read_stream, stream, small).value.code is Code.TOO_LARGE
    assert stream.tell() == 11  # no more than the limit and one byte was read


def test_newlines_nfc_and_control_characters() -> None:
    decomposed = "Cafe\u0301"
    raw = f"one\r\ntwo\rthree\x0cfour\u2028five\tsix\x07\x1b{decomposed}\x85".encode()
    text, _, _ = decode(raw, SETTINGS)
    assert text == "one\ntwo\nthree\nfour\nfive\tsixCaf\u00e9\n"
    assert unicodedata.is_normalized("NFC", text)


def test_normalise_text_replaces_lone_surrogates() -> None:
    assert normalise_text("a\ud800b") == "a\ufffdb"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2_000))
def test_decode_raises_only_input_errors(data: bytes) -> None:
    try:
        text, encoding, _ = decode(data, SETTINGS)
    except InputError:
        return
    assert text.strip()
    assert encoding
    assert "\r" not in text
    assert all(c in "\n\t" or unicodedata.category(c) != "Cc" for c in text)


@settings(max_examples=100, deadline=None)
# NUL bytes are left out: "0\x00" is as much BOM-less UTF-16 as it is UTF-8.
@given(st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=1))
def test_utf8_text_round_trips(text: str) -> None:
    try:
        decoded, encoding, _ = decode(text.encode("utf-8"), SETTINGS)
    except InputError as error:
        assert error.code in (Code.EMPTY, Code.BINARY)  # blank, or control characters
        return
    assert encoding == "utf-8"
    assert decoded == normalise_text(text)


# -- stray NULs and control characters ------------------------------------------------------

REPORT = (
    "Tokyo, 16 March. The foreign and defence ministers of Japan and the United States met "
    "for talks on the alliance and regional security on Tuesday, officials said.\n"
)


def test_a_stray_nul_is_removed_and_counted_not_a_reason_to_skip() -> None:
    data = REPORT.encode().replace(b"ministers", b"minis\x00ters", 1)
    decoded = decode(data, SETTINGS)
    assert decoded == (REPORT, "utf-8", 1)


def test_stray_controls_del_and_c1_are_removed_and_counted() -> None:
    dirty = REPORT.replace("Tokyo", "To\x01kyo").replace("talks", "ta\x7flks\x9f")
    decoded = decode(dirty.encode(), SETTINGS)
    assert decoded.text == REPORT and decoded.removed_controls == 3


def test_tab_and_line_ends_are_kept_and_not_counted() -> None:
    decoded = decode(b"one\ttwo\r\nthree\rfour\x0bfive " + REPORT.encode(), SETTINGS)
    assert decoded.text.startswith("one\ttwo\nthree\nfour\nfive ")
    assert decoded.removed_controls == 0


def test_a_legacy_encoding_with_stray_nuls_still_decodes() -> None:
    data = (FRENCH * 3).encode("cp1252").replace(b" ", b"\x00 ", 2)
    decoded = decode(data, SETTINGS)
    assert decoded.text == FRENCH * 3 and decoded.encoding == "cp1252"
    assert decoded.removed_controls == 2


def test_utf16_without_bom_with_a_stray_nul_is_still_utf16() -> None:
    text = "The ministers met in Tokyo.\x00 The talks went on for two days."
    decoded = decode(text.encode("utf-16-le"), SETTINGS)
    assert decoded == (text.replace("\x00", ""), "utf-16-le", 1)


def test_utf16_with_bom_counts_its_controls() -> None:
    decoded = decode(b"\xff\xfe" + ("Talks\x00 " + REPORT).encode("utf-16-le"), SETTINGS)
    assert decoded.text == "Talks " + REPORT and decoded.removed_controls == 1


@pytest.mark.parametrize(
    "data",
    [
        PNG,
        b"\x7fELF\x02\x01\x01\x00" + bytes(8) + bytes(range(256)) * 2,  # an executable
        b"SQLite format 3\x00" + bytes(1000),  # a database
        REPORT.encode() + b"\x00" * 40,  # text padded with NULs: a few percent is the limit
        REPORT.encode("utf-16-le")[1:],  # UTF-16 cut at an odd byte: not text any more
    ],
)
def test_binary_files_are_still_binary(data: bytes) -> None:
    assert code_of(data) is Code.BINARY


def test_zero_width_and_bidi_marks_inside_words_stay() -> None:
    marked = "Bli\u200bnken met Mo\u200dtegi in \u202eTokyo\u202c and \u2066Seoul\u2069.\n"
    decoded = decode((marked + REPORT).encode(), SETTINGS)
    assert decoded.text == marked + REPORT and decoded.removed_controls == 0


STRAY = st.sampled_from(["\x00", "\x01", "\x08", "\x1f", "\x7f", "\x80", "\x9f"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, len(REPORT)), max_size=4),
    STRAY,
    st.sampled_from(["utf-8", "cp1252", "utf-16"]),
)
def test_a_few_stray_controls_in_a_report_are_always_removed(
    positions: list[int], stray: str, codec: str
) -> None:
    if codec == "cp1252" and stray in "\x80\x9f":
        stray = "\x01"  # cp1252 has no C1 controls to encode
    text = REPORT
    for position in sorted(positions, reverse=True):
        text = text[:position] + stray + text[position:]
    decoded = decode(text.encode(codec), SETTINGS)
    assert decoded.text == REPORT
    assert decoded.removed_controls == len(positions)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=40), st.sampled_from([b"\x00", b"\x00\x00", b"\x1b",
                                                                   b"\xef\xbb\xbf", b"\xff\xfe",
                                                                   REPORT.encode()])),
                max_size=30))  # fmt: skip
def test_text_with_stray_bytes_decodes_or_raises_an_input_error(pieces: list[bytes]) -> None:
    try:
        decoded = decode(b"".join(pieces), SETTINGS)
    except InputError:
        return
    assert decoded.removed_controls >= 0
    assert all(c in "\n\t" or unicodedata.category(c) != "Cc" for c in decoded.text)


def test_utf8_with_a_few_stray_bytes_stays_utf8() -> None:
    # A page pasted together from two encodings: its real UTF-8 must not become mojibake.
    text = "Zürich, Genève, München, Kraków, Łódź — déjà vu. " * 20
    decoded = decode(text[:200].encode() + b"\xe9" + text[200:].encode(), SETTINGS)
    assert decoded.encoding == "utf-8" and "Genève" in decoded.text
    assert decoded.text.count("\ufffd") == 1
