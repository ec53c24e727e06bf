"""Bytes to text: size and binary checks, encoding detection, normalisation.

The order of attempts is fixed, so the same bytes always give the same text:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
2. bytes with a NUL in every other byte are UTF-16 without a BOM; other bytes with more than
   a few percent of NULs and control bytes are binary (a few stray ones are not: they are
   removed, and counted);
3. strict UTF-8;
4. a charset declared in an HTML `<meta>` or `<?xml?>` declaration, when it decodes cleanly
   (legacy labels are read as their WHATWG supersets: ISO-8859-1 as cp1252, Shift_JIS as cp932);
5. the most plausible of cp1252 (the web's default legacy encoding), charset-normalizer's
   guesses and a few common legacy encodings: charset-normalizer alone is unreliable on
   short texts, so each candidate is scored by how many of its characters look out of place.

The text is then normalised: newlines become "\\n", Unicode is composed (NFC), and control
characters other than "\\n" and "\\t" are dropped and counted (`Decoded.removed_controls`).
Zero-width and bidirectional marks are text and stay.
"""

from __future__ import annotations

import codecs
import re
import stat
import unicodedata
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import BinaryIO, NamedTuple

from charset_normalizer import from_bytes

from storyline.errors import Code, InputError
from storyline.nlp.spacy_stage import without_surrogates
from storyline.settings import Settings


class Decoded(NamedTuple):
    text: str
    encoding: str  # a Python codec name: "utf-8", "utf-16", "cp1252", "cp932", ...
    removed_controls: int = 0  # NUL, C0 (but tab and line ends), DEL and C1 characters dropped


_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# NUL and C0 controls other than \t \n \v \f \r and ESC, plus DEL: rare in any text encoding.
# Text may hold a few stray ones (removed on normalisation); binary files are full of them.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.05
_SAMPLE_BYTES = 65_536
_DECLARATION_BYTES = 8_192
_DECLARED = (
    re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE),
    re.compile(rb"<\?xml\b[^>]*?encoding\s*=\s*[\"']\s*([A-Za-z0-9._:-]+)", re.IGNORECASE),
)
# Labels browsers accept that Python does not know.
_LABELS = {"x-sjis": "cp932", "windows-31j": "cp932", "x-gbk": "gbk", "x-euc-jp": "euc_jp"}
# What browsers really decode when a page declares these (WHATWG Encoding Standard).
_SUPERSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "tis-620": "cp874",
}
# Declared charsets that cannot be right for ASCII-compatible bytes, or are unsafe.
_REFUSED_PREFIXES = ("utf-16", "utf-32", "utf-7", "unicode", "raw-unicode", "raw_unicode")
_REFUSED = {"idna", "punycode", "undefined"}

_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# What normalisation removes once line ends are "\n": NUL, C0 but tab and newline, DEL, C1.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_C0_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_C1_CONTROLS = re.compile(r"[\x80-\x84\x86-\x9f]")  # U+0085 is a line end

# Non-ASCII characters expected in Latin-script text: letters of Western languages and common
# punctuation. Other non-ASCII characters may count against a candidate decoding.
_COMMON_LATIN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜßàáâãäåæçèéêëìíîïñòóôõöøùúûüÿŒœŸ"
    "\u00a0¡£¥§©«®°±·»¿€™•‰‹›" + "".join(map(chr, range(0x2010, 0x2028)))
)
_MAX_ODD_SHARE = 0.1
_MAX_BAD_SHARE = 0.01
# Latin-1 letters of Icelandic only, and what Turkish cp1254 text read as cp1252 is full of.
_RARE_LATIN = frozenset("ÐÞÝðþý")
# Tried after charset-normalizer's guesses, which often miss on short texts.
_FALLBACKS = ("cp1251", "koi8_r", "gb18030", "cp932", "euc_jp", "cp949", "big5")
_SCORED_CHARS = 20_000
# Bytes that are not UTF-8 in text that otherwise is, replaced rather than misread (or per 1000).
_MAX_STRAY_UTF8 = 8


def read_file(path: Path, settings: Settings) -> bytes:
    """The bytes of a regular file, refused before reading when it is over the size limit."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(Code.UNSUPPORTED, f"{path} is not a regular file")
        check_size(info.st_size, settings)
        with path.open("rb") as handle:
            return read_stream(handle, settings)
    except OSError as exc:
        raise InputError(Code.UNREADABLE, f"{path}: {exc.strerror or exc}") from exc


def read_stream(stream: BinaryIO, settings: Settings) -> bytes:
    """At most `max_report_bytes` from `stream`; InputError(TOO_LARGE) if there is more."""
    limit = settings.max_report_bytes
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(limit + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise InputError(Code.TOO_LARGE, f"more than {limit:,} bytes (max_report_bytes)")
    return b"".join(chunks)


def check_size(size: int, settings: Settings) -> None:
    if size > settings.max_report_bytes:
        raise InputError(
            Code.TOO_LARGE, f"{size:,} bytes > max_report_bytes {settings.max_report_bytes:,}"
        )


def decode(data: bytes, settings: Settings) -> Decoded:
    """The normalised text of `data` and the encoding it was read with.

    Raises InputError with code TOO_LARGE, EMPTY, BINARY or UNDECODABLE.
    """
    check_size(len(data), settings)
    if not data.strip():
        raise InputError(Code.EMPTY, f"{len(data):,} bytes, none of them visible")
    decoded = _decode_raw(data)
    text, removed = normalise_counting(decoded.text)
    if not text.strip():
        raise InputError(Code.EMPTY, f"no visible text once decoded as {decoded.encoding}")
    return Decoded(text, decoded.encoding, removed)


def normalise_text(text: str) -> str:
    """Newlines as "\\n", NFC, no control characters but "\\n" and "\\t", no lone surrogates."""
    return normalise_counting(text)[0]


def normalise_counting(text: str) -> tuple[str, int]:
    """`normalise_text(text)`, and how many control characters it removed."""
    text = without_surrogates(text)
    text = _NEWLINES.sub("\n", text)
    text = unicodedata.normalize("NFC", text)
    return _CONTROLS.subn("", text)


def _decode_raw(data: bytes) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _decode_with_bom(data[len(bom) :], encoding)
            except InputError:
                if encoding != "utf-32-le":
                    raise
                # FF FE 00 00 is also the UTF-16 BOM before a NUL: try UTF-16 next.
    if b"\x00" in data:
        utf16 = _decode_utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    sample = data[:_SAMPLE_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        nuls = sample.count(0)
        detail = f"{controls:,} control bytes in the first {len(sample):,}"
        raise InputError(Code.BINARY, detail + (f", {nuls:,} of them NUL" if nuls else ""))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    nearly = _nearly_utf8(data)
    if nearly is not None:
        return nearly
    declared = _decode_declared(data)
    if declared is not None:
        return declared
    return _decode_guessed(data)


def _decode_with_bom(body: bytes, encoding: str) -> Decoded:
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            Code.UNDECODABLE, f"starts with a {encoding} byte-order mark but {exc.reason}"
        ) from exc
    if not _plausible_unicode(text):
        raise InputError(Code.BINARY, f"decoded as {encoding}, mostly control characters")
    return Decoded(text, encoding.removesuffix("-le").removesuffix("-be"))


def _decode_utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text without a BOM has a NUL in every other byte; None when `data` is not that."""
    sample = data[:_SAMPLE_BYTES]
    half = max(len(sample) // 2, 1)
    even_nuls = sample[0::2].count(0) / half
    odd_nuls = sample[1::2].count(0) / half
    encoding = None
    if len(data) % 2 == 0 and odd_nuls > 0.7 and even_nuls < 0.1:
        encoding = "utf-16-le"
    elif len(data) % 2 == 0 and even_nuls > 0.7 and odd_nuls < 0.1:
        encoding = "utf-16-be"
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            text = None
        if text is not None and _plausible_unicode(text):
            return Decoded(text, encoding)
    return None


def _decode_declared(data: bytes) -> Decoded | None:
    head = data[:_DECLARATION_BYTES]
    for pattern in _DECLARED:
        match = pattern.search(head)
        if match is None:
            continue
        encoding = _codec_for_label(match.group(1).decode("ascii"))
        if encoding is None:
            continue
        try:
            text = data.decode(encoding)
        except (UnicodeError, LookupError):
            continue
        if _bad_share(text) <= _MAX_BAD_SHARE:
            return Decoded(text, encoding)
    return None


def _nearly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few stray bytes (a page pasted together from two encodings).

    Read as UTF-8, the stray bytes replaced, when the rest shows it is UTF-8: its other
    non-ASCII characters are valid UTF-8 sequences (four for every stray byte at least).
    Any legacy encoding would turn all of those into mojibake to save the few.
    """
    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd")
    if stray > max(_MAX_STRAY_UTF8, len(text) // 1000):
        return None
    valid = sum(1 for char in text[:_SCORED_CHARS] if char > "\x7f" and char != "\ufffd")
    return Decoded(text, "utf-8") if valid >= 4 * stray else None


def _codec_for_label(label: str) -> str | None:
    label = label.strip().lower()
    try:
        name = codecs.lookup(_LABELS.get(label, label)).name
    except LookupError:
        return None
    if name in _REFUSED or name.startswith(_REFUSED_PREFIXES) or name == "utf-8":
        return None
    return _SUPERSETS.get(name, name)


def _decode_guessed(data: bytes) -> Decoded:
    """The least odd of cp1252, charset-normalizer's guesses and common legacy encodings.

    Ties go to the first in that order; the winner must still be plausible.
    """
    guesses = [_codec_for_label(match.encoding) for match in list(from_bytes(data))[:6]]
    names = list(dict.fromkeys(name for name in ("cp1252", *guesses, *_FALLBACKS) if name))
    best: tuple[float, int, Decoded] | None = None
    for rank, name in enumerate(names):
        try:
            text = data.decode(name)
        except (UnicodeError, LookupError):
            continue
        if _bad_share(text) > _MAX_BAD_SHARE:
            continue
        odd = _odd_share(text)
        if best is None or (odd, rank) < best[:2]:
            best = (odd, rank, Decoded(text, name))
    if best is None or best[0] > _MAX_ODD_SHARE:
        tried = ", ".join(names)
        detail = f"not UTF-8, and no plausible text as any of {tried}"
        raise InputError(Code.UNDECODABLE, detail)
    return best[2]


def _plausible_unicode(text: str) -> bool:
    """Text read as UTF-16 or UTF-32: a few stray controls (C1 included: the encoding is
    known, so they are not a sign of a wrong one), hardly any impossible characters."""
    return (
        _bad_share(text, c1=False) <= _MAX_BAD_SHARE
        and _control_share(text, c1=True) <= _MAX_CONTROL_SHARE
    )


def _bad_share(text: str, *, c1: bool = True) -> float:
    """Share of characters that no real text contains: unassigned, private use, and C1
    controls (a sign of a wrong decoding) unless `c1` is false. NUL, C0 and DEL, the
    same bytes in every ASCII-compatible encoding, are left to `_control_share`."""
    sample = text[:_SCORED_CHARS]
    if not sample:
        return 0.0
    bad = sum(
        1
        for char in sample
        if char >= "\x80"
        and (char == "\ufffd" or unicodedata.category(char) in ("Cc", "Cn", "Co", "Cs"))
        and (c1 or char > "\x9f")
    )
    return bad / len(sample)


def _control_share(text: str, *, c1: bool = False) -> float:
    """Share of NUL, C0 controls (but tab, line ends and ESC), DEL, and with `c1` C1
    controls among the characters."""
    sample = text[:_SCORED_CHARS]
    controls = len(_C0_CONTROLS.findall(sample))
    if c1:
        controls += len(_C1_CONTROLS.findall(sample))
    return controls / max(len(sample), 1)


def _odd_share(text: str) -> float:
    """Share of characters out of place: a sign of a wrong single- or multi-byte guess."""
    sample = text[:_SCORED_CHARS]
    common_cjk = _common_cjk()
    odd = sum(_oddness(char, previous, common_cjk) for previous, char in pairwise(" " + sample))
    return odd / max(len(sample), 1)


def _oddness(char: str, previous: str, common_cjk: frozenset[str]) -> float:
    """How out of place `char` is after `previous`, from 0 (expected) to 1.

    Odd are non-ASCII symbols outside common punctuation, Latin letters outside Western
    European ones (less so: they are right in Central European text), an accented capital
    after a small letter ("íÉÎ"), non-Latin letters glued to an ASCII letter ("cafй"),
    half-width katakana, and Hangul or CJK ideographs outside the common national sets
    (what Shift_JIS read as cp949, or EUC-JP read as Big5, is full of).
    """
    if char < "\x80" or char in _COMMON_LATIN:
        return 0.0
    if not char.isalpha():
        symbol = unicodedata.category(char) in ("So", "Sm", "Sk", "Sc", "No")
        return 1.0 if char < "\u0250" or symbol else 0.0
    if char in _RARE_LATIN or (char.isupper() and previous.islower()):
        return 1.0
    if char < "\u0250":
        return 0.3
    glued = previous.isascii() and previous.isalpha()
    halfwidth_kana = "\uff61" <= char <= "\uff9f"
    rare_cjk = _is_cjk(char) and char not in common_cjk
    return 1.0 if glued or halfwidth_kana or rare_cjk else 0.0


def _is_cjk(char: str) -> bool:
    return (
        "\u3400" <= char <= "\u9fff"
        or "\uac00" <= char <= "\ud7a3"
        or "\uf900" <= char <= "\ufaff"
        or char >= "\U00020000"
    )


@cache
def _common_cjk() -> frozenset[str]:
    """Hangul of KS X 1001, hanzi of GB 2312, kanji of JIS X 0208, Big5 level-1 hanzi."""
    tables = (
        ("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF)),
        ("gb2312", range(0xB0, 0xF8), range(0xA1, 0xFF)),
        ("euc_jp", range(0xB0, 0xF5), range(0xA1, 0xFF)),
        ("big5", range(0xA4, 0xC7), (*range(0x40, 0x7F), *range(0xA1, 0xFF))),
    )
    chars: set[str] = set()
    for encoding, leads, trails in tables:
        for lead in leads:
            for trail in trails:
                try:
                    chars.add(bytes((lead, trail)).decode(encoding))
                except UnicodeDecodeError:
                    continue
    return frozenset(chars)
