"""The glossary reads at most `glossary_beads` distinct pairs of texts: beyond, an even
sample that does not depend on the order of the beads, so that a corpus glossary's memory
stops growing with the corpus (issue 13)."""
from __future__ import annotations

import random
from types import SimpleNamespace

from align.glossary.beads import _distinct, _normalized, _stable_hash


_LETTERS = "абвгдежзиклмнопрстуфхцчшэюя"


def _word(k: int) -> str:
    """A distinct word for each k (the texts are compared by their words: digits do not count)."""
    return "".join(_LETTERS[k // len(_LETTERS) ** p % len(_LETTERS)] for p in range(3))


def _beads(n: int, copies: int = 3) -> list:
    texts = [(f"Тараптар {_word(k)} бапты орындайды", f"Стороны исполняют статью {_word(k)}") for k in range(n)]
    out = []
    for c in range(copies):          # a corpus of re-published acts: the same texts, spaced otherwise
        out += [SimpleNamespace(kk=kk + " " * c, ru=ru, copy=c) for kk, ru in texts]
    return out


def _texts(beads) -> list:
    return [(b.kk.strip(), b.ru) for b in beads]


def test_every_distinct_pair_once_in_the_order_first_seen():
    beads = _beads(40)
    kept = _distinct(beads, None)
    assert _texts(kept) == _texts(beads[:40]) and all(b.copy == 0 for b in kept)
    assert _texts(_distinct(beads, 40)) == _texts(kept)


def test_past_the_limit_an_even_sample_the_same_in_any_order():
    beads = _beads(500)
    kept = _distinct(beads, 100)
    assert len(kept) == 100 and len(set(_texts(kept))) == 100
    # the sample is the 100 distinct pairs with the smallest hashes, whatever the order
    smallest = sorted(set(_texts(beads[:500])), key=lambda t: _stable_hash(_normalized(t[0]), _normalized(t[1])))[:100]
    assert set(_texts(kept)) == set(smallest)
    shuffled = beads[:]
    random.Random(7).shuffle(shuffled)
    again = _distinct(shuffled, 100)
    assert set(_texts(again)) == set(smallest)
    # kept in the order of the input they were read from
    order = {id(b): k for k, b in enumerate(shuffled)}
    assert [order[id(b)] for b in again] == sorted(order[id(b)] for b in again)
    # spread over the corpus, not its first hundred pairs
    where = {_word(k): k for k in range(500)}
    numbers = sorted(where[t[1].rsplit(" ", 1)[1]] for t in _texts(kept))
    assert numbers[-1] - numbers[0] > 400


def test_the_hash_is_stable_across_processes():
    # Python's own hash() changes from one process to the next; the sample must not
    assert _stable_hash("тараптар", "стороны") == 5432628872327770140
