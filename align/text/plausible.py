"""Does decoded text read as text? The statistics that tell a right decoding from a wrong one
and text from binary: control characters, replacement characters (U+FFFD), and the share of
words the Kazakh–Russian (or Latin) alphabet can form with a plausible case pattern.

A wrong code page and mojibake ("Р Р°С‚РёС„РёС†") give words with letters outside the
alphabet (ђ ў Ѓ) and case that flips inside a word (РёС); random bytes give both, and
controls. Real acts, including PDF copies with Latin look-alikes (Үкiметi), score above
0.95 on every seed and official act.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..lang.tables import CYRILLIC_ALPHABET, HOMOGLYPHS

# Control characters no text file holds (tab, line feed, form feed, carriage return and
# vertical tab are layout; DEL and C1 are never text either).
CONTROL_CHARS = frozenset(map(chr, [*range(0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)]))
CONTROLS = re.compile("[" + re.escape("".join(sorted(CONTROL_CHARS))) + "]")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_LOOKALIKES = frozenset(HOMOGLYPHS["kk"]) | frozenset(HOMOGLYPHS["ru"])
_IN_CYRILLIC_WORD = CYRILLIC_ALPHABET | _LOOKALIKES
_CYRILLIC_BLOCK = re.compile("[\u0400-\u04ff]")
SAMPLE = 20_000          # characters read from the start, middle and end of a long text

# The same marks of a wrong decoding, found by one regular-expression search (for checking
# every unit of a large memory): a letter of the Cyrillic block that Kazakh and Russian do
# not use, or a capital right after a small letter inside a word (РёС; a CamelCase name
# such as ҚазМұнайГаз matches too, which is why importers only count, never refuse, one).
ODD_LETTERS = frozenset(chr(c) for c in range(0x400, 0x500) if chr(c).isalpha() and chr(c) not in CYRILLIC_ALPHABET)
CASE_FLIP = re.compile("[a-zа-яёәғқңөұүһі][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")

# A text reads when at least this share of its word characters form words.
MIN_FORMABLE = 0.80
# Below this many word characters the statistic says nothing (a one-line file).
MIN_WORD_CHARS = 40


@dataclass
class Reading:
    chars: int = 0
    controls: int = 0
    replacements: int = 0
    letters: int = 0
    cyrillic: int = 0
    word_chars: int = 0
    formable_chars: int = 0

    @property
    def formable(self) -> float:
        return self.formable_chars / self.word_chars if self.word_chars else 1.0

    @property
    def cyrillic_share(self) -> float:
        return self.cyrillic / self.letters if self.letters else 0.0

    def score(self) -> float:
        """Higher reads better: formable words, few controls and replacements."""
        bad = (self.controls + self.replacements) / max(1, self.chars)
        return self.formable - 10 * bad


def sample(text: str) -> str:
    if len(text) <= 3 * SAMPLE:
        return text
    mid = len(text) // 2
    return text[:SAMPLE] + "\n" + text[mid:mid + SAMPLE] + "\n" + text[-SAMPLE:]


def assess(text: str) -> Reading:
    text = sample(text)
    r = Reading(chars=len(text), controls=len(CONTROLS.findall(text)), replacements=text.count("\ufffd"))
    # The runs of letters hold every alphabetic character (and numerals such as "²", which
    # are not alphabetic): letters are counted from them, in C, rather than character by
    # character over the whole text.
    runs = _LETTER_RUN.findall(text)
    letters = "".join(runs)
    r.letters = len(letters) if letters.isalpha() else sum(map(str.isalpha, letters))
    # U+0400-U+04FF is exactly the code units whose high byte is 0x04
    r.cyrillic = letters.encode("utf-16-le", "surrogatepass")[1::2].count(4)
    # a legal text repeats its words: each distinct word (two letters or more) is judged once
    for word, times in Counter(w for w in runs if len(w) > 1).items():
        chars = len(word) * times
        r.word_chars += chars
        if formable(word):
            r.formable_chars += chars
    return r


def formable(word: str) -> bool:
    """A word Kazakh, Russian or Latin letters can form: one alphabet (Latin look-alikes may
    sit in a Cyrillic word, as PDF copies put them) and lower, Title or UPPER case."""
    chars = set(word)
    if not chars.isdisjoint(CYRILLIC_ALPHABET):
        if not chars <= _IN_CYRILLIC_WORD:
            return False
    # other scripts are text too (the language check says which); only letters of
    # Cyrillic code pages that Kazakh and Russian lack mark a wrong decoding
    elif not word.isascii() and _CYRILLIC_BLOCK.search(word):
        return False
    rest = word[1:]
    return rest.islower() or word.isupper() or not any(ch.isalpha() for ch in rest)
