"""Bytes to text: the encodings a legal act arrives in (UTF-8 with or without BOM, UTF-16,
cp1251, KZ-1048), chosen by how the result reads, and refused when it is not text.

Every candidate decoding is scored by `plausible.assess` (words the alphabet can form,
controls, replacement characters) and the best one wins — not the last that happens to
decode, which made random bytes and damaged UTF-8 come out as KZ-1048 mojibake. UTF-8 with
a few damaged bytes is never re-read in a single-byte code page: its cut-off last character
is dropped and reported, damage inside it is refused with where it is.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..limits import exceeded, limit
from . import plausible

# Single-byte Cyrillic code pages tried when the bytes are not UTF-8. KZ-1048 is the
# Kazakh variant of cp1251: it puts ә ғ қ ң ө ұ ү һ і where cp1251 has Serbian and
# Macedonian letters, so the one that yields Kazakh letters reads better for Kazakh files;
# on a tie (a Russian file uses neither) the first, cp1251, wins.
SINGLE_BYTE = ("cp1251", "kz1048")
# Valid multi-byte UTF-8 characters per damaged byte above which a file is UTF-8 that was
# damaged, not a single-byte file: cp1251 text forms a valid pair only by accident.
UTF8_MAJORITY = 4


@dataclass
class RawText:
    text: str
    encoding: str
    format: str
    notes: list[str] = field(default_factory=list)   # what was repaired while reading, to report


def read_checked(path: Path) -> bytes:
    """The bytes of a file, refused when empty or too large to be a legal act."""
    name = path.name or str(path)
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{name}: the file is empty")
    if size > limit("file_mb") * 1024 * 1024:
        raise exceeded("file_mb", name, size // (1024 * 1024))
    return path.read_bytes()


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode the bytes of a text file; say which encoding was used."""
    raw = decode(data, name)
    return raw.text, raw.encoding


def decode(data: bytes, name: str) -> RawText:
    """Decode, check that the result reads as text, and note any repair."""
    notes: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        text, enc = _utf8(data[3:], name, notes), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, enc = _strict(data, "utf-16", name), "utf-16"
    elif b"\x00" in data[:4096] and (guess := _utf16_without_bom(data)):
        text, enc = _strict(data, guess, name), guess
    elif b"\x00" in data:
        raise InputError(f"{name}: this is a binary file, not text (it holds NUL bytes, "
                         f"the first at byte {data.index(0)})")
    else:
        text, enc = _best(data, name, notes)
    return RawText(check_text(text, name, notes), enc, "txt", notes)


def check_text(text: str, name: str, notes: list[str]) -> str:
    """Text from any reader: controls refused (a lone one made a space and noted), and
    refused unless it reads as words."""
    text = _controls(text, name, notes)
    _refuse_unreadable(text, name)
    return text


def _best(data: bytes, name: str, notes: list[str]) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return _utf8(data, name, notes), "utf-8"
    best = None
    for enc in SINGLE_BYTE:
        try:
            candidate = data.decode(enc)
        except UnicodeDecodeError:       # a byte the code page leaves undefined
            continue
        reading = plausible.assess(candidate)
        score = reading.score() + reading.cyrillic_share
        if best is None or score > best[0]:
            best = (score, candidate, enc, reading)
    if best is None or best[3].cyrillic_share < 0.5 or best[3].formable < plausible.MIN_FORMABLE:
        raise InputError(f"{name}: cannot tell the encoding (not UTF-8, UTF-16, cp1251 or KZ-1048 "
                         f"text); save it as UTF-8 and try again")
    return best[1], best[2]


def looks_like_utf8(data: bytes) -> bool:
    """Valid UTF-8, or UTF-8 with a few damaged bytes (which `decode` reports)."""
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return _mostly_utf8(data)


def _mostly_utf8(data: bytes) -> bool:
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    valid = sum(1 for ch in plausible.sample(text) if ord(ch) > 0x7F and ch != "\ufffd")
    return valid >= UTF8_MAJORITY * max(1, damaged)


def _utf8(data: bytes, name: str, notes: list[str]) -> str:
    """UTF-8, allowing only a last character cut off (a download or copy stopped short)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            notes.append(f"{name}: the file ends in the middle of a character (cut short?); "
                         f"the last {len(data) - exc.start} byte(s) were left out")
            return data[:exc.start].decode("utf-8")
        bad = data.decode("utf-8", errors="replace").count("\ufffd")
        raise InputError(f"{name}: the file is UTF-8 but damaged: {bad} invalid byte sequence(s), the "
                         f"first at byte {exc.start}; repair it or save it again as UTF-8") from None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: the file says it is {encoding} but byte {exc.start} is not; "
                         f"save it as UTF-8 and try again") from None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    # the high byte of Cyrillic is 0x04 and of ASCII 0x00: in UTF-16 one half of the
    # bytes is almost all 0x00 and 0x04
    even, odd = sample[0::2], sample[1::2]

    def high(half: bytes) -> float:
        return sum(1 for b in half if b in (0, 4)) / max(1, len(half))
    if high(odd) > 0.9 and high(even) < 0.5:
        return "utf-16-le"
    if high(even) > 0.9 and high(odd) < 0.5:
        return "utf-16-be"
    return None


def _controls(text: str, name: str, notes: list[str]) -> str:
    """Refuse text with control characters; a lone stray one (a copy's leftover) becomes a
    space, which keeps every offset, and is reported."""
    found = plausible.CONTROLS.search(text)
    if found is None:
        return text
    if "\x00" in text:
        raise InputError(f"{name}: this is a binary file, not text (it holds NUL characters)")
    second = plausible.CONTROLS.search(text, found.end())
    if second is not None:
        count = len(plausible.CONTROLS.findall(text))
        raise InputError(f"{name}: this is a binary file, not text ({count} control characters, "
                         f"the first U+{ord(found.group()):04X} at character {found.start()})")
    notes.append(f"{name}: a stray control character U+{ord(found.group()):04X} at character "
                 f"{found.start()} was read as a space")
    return text[:found.start()] + " " + text[found.end():]


def _refuse_unreadable(text: str, name: str) -> None:
    reading = plausible.assess(text)
    if reading.replacements > max(2, reading.chars // 1000):
        raise InputError(f"{name}: the text holds {reading.replacements} replacement characters (�): "
                         f"an earlier conversion damaged it; use the original file")
    if reading.word_chars >= plausible.MIN_WORD_CHARS and reading.formable < plausible.MIN_FORMABLE:
        raise InputError(f"{name}: the text does not read as words in any alphabet ({reading.formable:.0%} "
                         f"of it does): a wrong encoding or a binary file; save it as UTF-8 and try again")
