"""What every stage means by a word, and how Latin look-alike letters inside Cyrillic words
are repaired: one pattern, one repair, used by normalizing, alignment clues and the glossary."""
from __future__ import annotations

import re

from .tables import HOMOGLYPHS, ROMAN_LETTERS

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")    # a word; hyphenated compounds stay whole
LETTERS = re.compile(r"[^\W\d_]+")                # a run of letters
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
# Everything a search query typed by hand may bring besides the normalizer's table.
LOOKALIKES = str.maketrans({**HOMOGLYPHS["kk"], "k": "к", "h": "һ", "\u0131": "ы"})
_REPAIRS = {lang: str.maketrans(table) for lang, table in HOMOGLYPHS.items()}


def has_cyrillic(word: str) -> bool:
    return bool(CYRILLIC.search(word))


def repair(word: str, lang: str) -> str:
    """A Cyrillic word with Latin look-alike letters inside, written with Cyrillic letters
    only (Үкiметi -> Үкіметі). Words with no Cyrillic letter (Latin words, URLs), Roman
    numerals, and words with a Latin letter that has no look-alike stay as they are."""
    if not LATIN_LETTER.search(word):     # nearly every word: nothing to repair
        return word
    table = HOMOGLYPHS.get(lang, HOMOGLYPHS["ru"])
    chars = set(word)
    if not has_cyrillic(word) or chars <= ROMAN_LETTERS:
        return word
    if any(ch.isascii() and ch not in table for ch in chars):
        return word
    return word.translate(_REPAIRS.get(lang, _REPAIRS["ru"]))


def fold(word: str) -> str:
    """Lower case with look-alike letters repaired, for comparing words: the key a
    glossary term or a search query is looked up by."""
    if has_cyrillic(word):
        word = word.translate(LOOKALIKES)
    return word.lower().replace("ё", "е")


def fold_text(text: str) -> str:
    """`fold` for every word of a text, keeping its spacing."""
    return " ".join(w.translate(LOOKALIKES) if has_cyrillic(w) else w for w in text.split())


def tokenize(text: str) -> list[str]:
    return WORD.findall(text)
