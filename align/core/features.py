"""Clues to whether two pieces of text say the same thing, extracted once per segment.

Numbers and dates (digits, month names, number words), cognates and names through a
transliteration key, stems for the lexicon learned from the corpus, and the segment's
place in the act's structure (a heading of which unit, an editorial note, a table row).
Works for any pair of languages; Kazakh and Russian get their month and number-word tables.

`encode` turns the clues of two documents into the flat integer arrays the compiled
kernel reads: each clue string becomes an id, each segment's ids a slice of one array.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..lang import tables as R
from ..lang.words import WORD

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

# Structural roles of segments; pairs across roles are penalized (see kernel.bead_clues).
ROLE_BODY, ROLE_HEADING, ROLE_EDITORIAL, ROLE_TABLE, ROLE_TOC = 0, 1, 2, 3, 4


@dataclass(slots=True)
class Clues:
    """Each collection holds distinct strings in no particular order. They are tuples of
    interned strings, not sets: a 10,000-segment code keeps its clues through two passes,
    and sets of fresh strings took 40 MB a document where tuples take a fifth of it."""
    length: int                 # characters, spaces collapsed
    numbers: tuple              # "2024", "m6", "752"
    cognates: tuple             # transliterated word prefixes
    stems: tuple                # lower-cased word prefixes for the lexicon


_MONTH_LENGTHS = {lang: sorted({len(k) for k in table}) for lang, table in R.MONTHS.items()}


def clues(text: str, lang: str, drop_numbers: frozenset = frozenset()) -> Clues:
    """The clues of one segment; `drop_numbers` are left out (a heading's own number,
    which the structure already accounts for)."""
    words = set(WORD.findall(text.lower()))
    numbers = {n.replace(",", ".").strip(".") for n in _NUMBER.findall(text)}
    numbers -= drop_numbers
    months = R.MONTHS.get(lang)
    number_words = R.NUMBER_WORDS.get(lang, {})
    for w in words:
        if w in number_words:
            numbers.add(str(number_words[w]))
        if months:
            for size in _MONTH_LENGTHS[lang]:
                month = months.get(w[:size])
                if month:
                    numbers.add(f"m{month}")
                    break
    cognates = {cognate_key(w) for w in words if len(w) >= R.COGNATE_PREFIX + 1}
    return Clues(len(" ".join(text.split())), _interned(numbers), _interned(cognates), _stems(words))


def stems(text: str) -> tuple:
    """The stems of a text, as `clues` finds them (for the lexicon, which needs no more)."""
    return _stems(set(WORD.findall(text.lower())))


def _stems(words: set[str]) -> tuple:
    return _interned({w[:R.STEM_PREFIX] for w in words if len(w) >= 3})


def _interned(strings: set[str]) -> tuple:
    return tuple(map(sys.intern, strings))


@lru_cache(maxsize=1 << 16)
def cognate_key(word: str) -> str:
    return word.translate(R.COGNATE_MAP).replace("-", "")[:R.COGNATE_PREFIX]


def merge(parts: list[Clues]) -> Clues:
    if len(parts) == 1:
        return parts[0]
    return Clues(sum(p.length for p in parts) + len(parts) - 1,
                 tuple(set().union(*(p.numbers for p in parts))),
                 tuple(set().union(*(p.cognates for p in parts))),
                 tuple(set().union(*(p.stems for p in parts))))


@dataclass(slots=True)
class Side:
    """One document's segments as the kernel reads them."""
    length: np.ndarray
    num_ptr: np.ndarray
    num_ids: np.ndarray
    cog_ptr: np.ndarray
    cog_ids: np.ndarray
    stem_ptr: np.ndarray
    stem_ids: np.ndarray
    role: np.ndarray
    key: np.ndarray             # id of the heading's unit ("article:5"), -1 for other segments
    level: np.ndarray           # the heading's level, -1 for other segments
    unit: np.ndarray            # id of the unit the segment belongs to, -1 outside any
    stem_weight: np.ndarray     # by stem id: how rare the stem is among this side's segments, in (0, 1]

    def arrays(self):
        return (self.length, self.num_ptr, self.num_ids, self.cog_ptr, self.cog_ids, self.stem_ptr,
                self.stem_ids, self.role, self.key, self.level, self.unit, self.stem_weight)

    def __len__(self):
        return len(self.length)


@dataclass(slots=True)
class Encoded:
    src: Side
    tgt: Side
    src_stems: dict             # stem -> id, for the lexicon
    tgt_stems: dict
    sizes: tuple                # vocabulary sizes: numbers, cognates, source stems, target stems


@dataclass(slots=True)
class Structure:
    """A segment's place in the act: its role, and for headings the unit it opens."""
    role: int = ROLE_BODY
    key: str | None = None
    level: int = -1
    unit: str | None = None     # the unit it belongs to ("article:5"), None outside any


def encode(src: list[Clues], tgt: list[Clues], src_struct: list[Structure] | None = None,
           tgt_struct: list[Structure] | None = None) -> Encoded:
    numbers: dict[str, int] = {}
    cognates: dict[str, int] = {}
    keys: dict[str, int] = {}
    src_stems: dict[str, int] = {}
    tgt_stems: dict[str, int] = {}

    def side(items: list[Clues], structs, stems: dict) -> Side:
        n = len(items)
        structs = structs or [Structure()] * n
        return Side(
            np.array([c.length for c in items], dtype=np.int64),
            *_csr([c.numbers for c in items], numbers),
            *_csr([c.cognates for c in items], cognates),
            *_csr([c.stems for c in items], stems),
            np.array([s.role for s in structs], dtype=np.int64),
            np.array([keys.setdefault(s.key, len(keys)) if s.key else -1 for s in structs], dtype=np.int64),
            np.array([s.level for s in structs], dtype=np.int64),
            np.array([keys.setdefault(s.unit, len(keys)) if s.unit else -1 for s in structs], dtype=np.int64),
            np.zeros(0))

    s = side(src, src_struct, src_stems)
    t = side(tgt, tgt_struct, tgt_stems)
    s.stem_weight = _rarity(s.stem_ids, len(src), len(src_stems))
    t.stem_weight = _rarity(t.stem_ids, len(tgt), len(tgt_stems))
    return Encoded(s, t, src_stems, tgt_stems,
                   (len(numbers) + 1, len(cognates) + 1, len(src_stems) + 1, len(tgt_stems) + 1))


def _rarity(ids: np.ndarray, segments: int, vocabulary: int) -> np.ndarray:
    """Inverse document frequency over the segments, scaled to (0, 1]: a stem found in one
    segment weighs 1, one found in every segment close to 0."""
    df = np.bincount(ids, minlength=vocabulary + 1).astype(float)
    scale = np.log(segments + 1.0)
    return np.clip(np.log((segments + 1.0) / (df + 0.5)) / scale, 0.05, 1.0) if scale > 0 else np.ones(vocabulary + 1)


def _csr(sets: list[tuple], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    ptr = np.zeros(len(sets) + 1, dtype=np.int64)
    ids: list[int] = []
    for k, items in enumerate(sets):
        ids.extend(vocab.setdefault(x, len(vocab)) for x in items)
        ptr[k + 1] = len(ids)
    return ptr, np.array(ids, dtype=np.int64)
