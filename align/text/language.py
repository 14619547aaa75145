"""Tell Kazakh from Russian, and refuse a file given as the wrong language.

The Kazakh letters ә ғ қ ң ө ұ ү һ і do not occur in Russian words. Copies from PDF often
write і as a Latin i inside Cyrillic words (Үкiметi), so Latin i/I between Cyrillic
letters counts as Kazakh too.
"""
from __future__ import annotations

import re

from ..errors import LanguageError
from ..lang.tables import KAZAKH_LETTERS

NAMES = {"kk": "Kazakh", "ru": "Russian"}
# Starts with the letter itself, so the search skips to each i/I instead of trying both
# look-arounds at every character.
_LATIN_I_IN_CYRILLIC = re.compile(r"[iI](?:(?<=[\u0400-\u04ff].)|(?=[\u0400-\u04ff]))")

# Share of Kazakh-only letters among Cyrillic letters. Kazakh prose has 4-10 %;
# a Russian act with a few Kazakh names stays far below 1 %.
KAZAKH_MIN = 0.015
RUSSIAN_MAX = 0.004


_KAZAKH = "".join(sorted(KAZAKH_LETTERS))
_NOT_LATIN = bytes(c for c in range(128) if not (65 <= c <= 90 or 97 <= c <= 122))


def language_profile(text: str) -> tuple[int, int, int]:
    """(Cyrillic letters, Kazakh-only letters, Latin letters); counted in C, without a
    string per letter (importers profile every unit of a large memory)."""
    # U+0400-U+04FF is exactly the code units whose high byte is 0x04
    cyrillic = text.encode("utf-16-le", "surrogatepass")[1::2].count(4)
    kazakh = sum(map(text.count, _KAZAKH))
    if "i" in text or "I" in text:
        kazakh += len(_LATIN_I_IN_CYRILLIC.findall(text))
    # the ASCII letters are what is left of the ASCII characters once the others are deleted
    latin = len(text.encode("ascii", "ignore").translate(None, _NOT_LATIN))
    return cyrillic, kazakh, latin


def detect_language(text: str) -> str | None:
    """'kk', 'ru', or None when the text is neither (or too short to tell)."""
    return language_of(language_profile(text))


def language_of(profile: tuple[int, int, int]) -> str | None:
    """`detect_language` from a profile already counted."""
    cyrillic, kazakh, latin = profile
    if cyrillic < 20 or cyrillic < latin:
        return None
    share = kazakh / cyrillic
    if share >= KAZAKH_MIN:
        return "kk"
    if share <= RUSSIAN_MAX:
        return "ru"
    return None


def check_language(text: str, expected: str, name: str) -> str:
    """Return `expected` if the text is in it; otherwise raise a LanguageError that says why."""
    found = detect_language(text)
    if found == expected:
        return found
    want = NAMES.get(expected, expected)
    if found is None:
        cyrillic, _, latin = language_profile(text)
        if cyrillic < 20 or cyrillic < latin:
            raise LanguageError(f"{name}: given as {want}, but it is not Cyrillic text "
                                f"(neither Kazakh nor Russian)")
        raise LanguageError(f"{name}: given as {want}, but it mixes Kazakh and Russian so much "
                            f"that saikes cannot tell which it is")
    raise LanguageError(f"{name}: given as {want}, but it is {NAMES[found]} "
                        f"(swap the two files?)")
