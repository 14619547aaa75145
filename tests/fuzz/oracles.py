"""What 'faithful' means for each family, written independently of the readers' own checks:
a reader's statistic cannot vouch for itself."""
from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]{3,}")
_KK_RU = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")


def words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def looks_like_garbage(text: str) -> str | None:
    """Why `text` would be garbage stored as an act: controls, U+FFFD, or many words no
    Kazakh, Russian or Latin writer would write (letters of other Cyrillic alphabets,
    capitals inside a lower-case word: the marks of mojibake)."""
    if _CONTROL.search(text):
        return "control or replacement characters accepted"
    found = _WORD.findall(text)
    odd = [w for w in found if any("\u0400" <= c <= "\u04ff" and c.lower() not in _KK_RU for c in w)
           or re.search(r"[a-zа-яәғқңөұүһі][A-ZА-ЯӘҒҚҢӨҰҮҺІ]", w)]
    if found and len(odd) > 0.2 * len(found):
        return f"{len(odd)} of {len(found)} words are mojibake, e.g. {odd[0]!r}"
    return None


def overlap(text: str, original: str) -> float:
    """Share of the accepted text's words that are words of the original (or the start of
    one: a file cut short ends in part of a word)."""
    got, known = words(text), words(original)
    ours = {w for w in got if w in known or any(k.startswith(w) for k in known)}
    return len(ours) / len(got) if got else 1.0


_KAZAKH_ONLY = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def swapped(pairs) -> bool:
    """Most pairs have Kazakh-only letters on the Russian side and none on the Kazakh side."""
    flipped = sum(1 for kk, ru in pairs if not _KAZAKH_ONLY & set(kk) and _KAZAKH_ONLY & set(ru))
    return bool(pairs) and flipped > len(pairs) / 2
