"""Bytes to text: the encodings a legal act arrives in (UTF-8 with or without BOM, UTF-16,
cp1251, KZ-1048), chosen by how the result reads, and refused when it is not text."""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..lang.tables import KAZAKH_LETTERS

MAX_BYTES = 50 * 1024 * 1024          # a legal act is kilobytes; anything this big is not one

# Single-byte Cyrillic code pages tried when the bytes are not UTF-8. KZ-1048 is the
# Kazakh variant of cp1251: it puts ә ғ қ ң ө ұ ү һ і where cp1251 has Serbian and
# Macedonian letters, so the one that yields Kazakh letters wins for Kazakh files.
SINGLE_BYTE = ("cp1251", "kz1048")
SERBIAN_ONLY = set("ђѓќћџљњѕјЂЃЌЋЏЉЊЅЈ")


@dataclass
class RawText:
    text: str
    encoding: str
    format: str


# What a file really is, by its first bytes, when its name says otherwise.
def read_checked(path: Path) -> bytes:
    """The bytes of a file, refused when empty or too large to be a legal act."""
    name = path.name or str(path)
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{name}: the file is empty")
    if size > MAX_BYTES:
        raise InputError(f"{name}: the file is {size // (1024 * 1024)} MB; saikes reads legal acts "
                         f"of up to {MAX_BYTES // (1024 * 1024)} MB")
    return path.read_bytes()


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode the bytes of a text file; say which encoding was used."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", name), "utf-16"
    if b"\x00" in data[:4096]:
        guess = _utf16_without_bom(data)
        if guess:
            return _strict(data, guess, name), guess
        raise InputError(f"{name}: this is a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        _refuse_binary(text, name)
        return text, "utf-8"
    best = None
    for enc in SINGLE_BYTE:
        candidate = data.decode(enc, errors="replace")
        if "\ufffd" in candidate:
            continue
        score = _cyrillic_plausibility(candidate, enc)
        if best is None or score > best[0]:
            best = (score, candidate, enc)
    if best is None or best[0] < 0.5:
        raise InputError(f"{name}: cannot tell the encoding (not UTF-8, UTF-16, cp1251 or KZ-1048); "
                         f"save it as UTF-8 and try again")
    _refuse_binary(best[1], name)
    return best[1], best[2]


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: the file says it is {encoding} but byte {exc.start} is not; "
                         f"save it as UTF-8 and try again") from None
    _refuse_binary(text, name)
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    # the high byte of Cyrillic is 0x04 and of ASCII 0x00: in UTF-16 one half of the
    # bytes is almost all 0x00 and 0x04
    even, odd = sample[0::2], sample[1::2]
    high = lambda half: sum(1 for b in half if b in (0, 4)) / max(1, len(half))  # noqa: E731
    if high(odd) > 0.9 and high(even) < 0.5:
        return "utf-16-le"
    if high(even) > 0.9 and high(odd) < 0.5:
        return "utf-16-be"
    return None


def _refuse_binary(text: str, name: str) -> None:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in sample or controls > max(8, len(sample) // 100):
        raise InputError(f"{name}: this is a binary file, not text")


def _cyrillic_plausibility(text: str, encoding: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    share = cyrillic / len(letters)
    # Serbian-only letters in a Kazakh or Russian act mean the code page was wrong.
    odd = sum(1 for ch in letters if ch in (SERBIAN_ONLY if encoding == "cp1251" else set()))
    kazakh = sum(1 for ch in letters if ch in KAZAKH_LETTERS)
    if encoding == "kz1048" and kazakh == 0:
        share -= 0.01  # prefer cp1251 when KZ-1048 brings nothing Kazakh
    return share - 5 * odd / len(letters)
