"""Clues to whether two pieces of text say the same thing, extracted once per segment.

Numbers and dates (digits, month names, number words), cognates and names through a
transliteration key, and stems for the lexicon learned from the corpus. Works for any
pair of languages; Kazakh and Russian get their month and number-word tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lang_rules as R

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(slots=True)
class Clues:
    length: int                 # characters, spaces collapsed
    numbers: frozenset          # "2024", "m6", "752"
    cognates: frozenset         # transliterated word prefixes
    stems: frozenset            # lower-cased word prefixes for the lexicon


def clues(text: str, lang: str) -> Clues:
    lower = text.lower()
    words = _WORD.findall(lower)
    numbers = {n.replace(",", ".").strip(".") for n in _NUMBER.findall(text)}
    months = R.MONTHS.get(lang, {})
    number_words = R.NUMBER_WORDS.get(lang, {})
    for w in words:
        if w in number_words:
            numbers.add(str(number_words[w]))
        if months:
            for stem, month in months.items():
                if w.startswith(stem):
                    numbers.add(f"m{month}")
                    break
    cognates = {_cognate_key(w) for w in words if len(w) >= R.COGNATE_PREFIX + 1}
    stems = {w[:R.STEM_PREFIX] for w in words if len(w) >= 3}
    return Clues(len(" ".join(text.split())), frozenset(numbers), frozenset(cognates), frozenset(stems))


def _cognate_key(word: str) -> str:
    return word.translate(R.COGNATE_MAP).replace("-", "")[:R.COGNATE_PREFIX]


def merge(parts: list[Clues]) -> Clues:
    if len(parts) == 1:
        return parts[0]
    return Clues(sum(p.length for p in parts) + len(parts) - 1,
                 frozenset().union(*(p.numbers for p in parts)),
                 frozenset().union(*(p.cognates for p in parts)),
                 frozenset().union(*(p.stems for p in parts)))
