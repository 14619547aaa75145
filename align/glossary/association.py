"""How strongly a Kazakh and a Russian term go together: Dunning's log-likelihood ratio of
two terms over beads, word-level Dice (how well the words of two phrases answer each other),
their lengths, and shared spelling (loanwords both languages write alike: телекоммуникация,
энергетика, инвестиция), which tells apart terms that always come together (the sectors of a
list) where association cannot."""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from functools import lru_cache

from . import kazakh_stem as kz
from . import russian_lemma as rl
from ..lang.tables import KAZAKH_GENITIVE, KAZAKH_PLURAL
from ..lang.words import fold

COGNATE_PREFIX = 5    # letters two words must share at their start to count as spelled alike


def cognate(kk_key: str, ru_key: str) -> float:
    """Share of the Russian term's words that a word of the Kazakh term spells alike (the same
    first `COGNATE_PREFIX` letters, Kazakh-only letters aside)."""
    starts = _kk_starts(kk_key)
    if not starts:
        return 0.0
    ru, ru_starts = _ru_starts(ru_key)
    return sum(w in starts for w in ru_starts) / ru


# (every pair of candidates in a bead asks: the words of a key are read once)
@lru_cache(maxsize=100_000)
def _kk_starts(kk_key: str) -> frozenset[str]:
    return frozenset(fold(w)[:COGNATE_PREFIX] for w in kk_key.split() if len(w) >= COGNATE_PREFIX)


@lru_cache(maxsize=100_000)
def _ru_starts(ru_key: str) -> tuple[int, tuple[str, ...]]:
    """The number of words, and the starts of those long enough."""
    ru = [w.lower() for w in ru_key.split()]
    return len(ru), tuple(w[:COGNATE_PREFIX] for w in ru if len(w) >= COGNATE_PREFIX)


def llr_of(k11: int, k12: int, k21: int, k22: int) -> float:
    """Dunning's log-likelihood ratio (G²) of a 2×2 contingency table."""
    def h(*ks):
        n = sum(ks)
        return sum(k * math.log(k / n) for k in ks if k > 0)
    return max(0.0, 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22)))


def length_factor(k: str, r: str) -> float:
    """Kazakh terms and their Russian renderings mostly have as many words; a Kazakh
    participle or agent noun with the bare object before it is one Russian word (сұрау
    салатын Тарап → запрашивающая Сторона, өтініш беруші → заявитель)."""
    d = abs(_kk_length(k) - len(r.split()))
    return 1.0 if d == 0 else 0.9 if d == 1 else 0.5 ** (d - 1)


@lru_cache(maxsize=100_000)
def _kk_length(k: str) -> int:
    """The words of a Kazakh key a Russian rendering has as many of (a bare object and its
    participle or agent noun count once)."""
    kk = k.split()
    return len(kk) - sum(1 for a, b in zip(kk, kk[1:]) if _VERBAL.search(b) and not _ADJECTIVE.search(a))


_VERBAL = re.compile(r"(?:атын|етін|йтын|йтін|итын|итін|[^аәеоөұүыіэюяё]уш[ыі]|ған|ген|қан|кен)$")
_ADJECTIVE = re.compile(r"(?:лық|лік|дық|дік|тық|тік|лы|лі|ды|ді|ты|ті|сыз|сіз|ғы|гі|қы|кі|ған|ген|қан|кен|"
                        r"атын|етін|йтын|йтін)$")


class WordAssociation:
    """Dice of single words over beads (Kazakh stems, Russian lemmas): how well the words
    of a Kazakh phrase and those of a Russian one answer each other."""

    def __init__(self, beads, stemmer, kk_keys, ru_keys):
        self.stemmer = stemmer
        self._split: dict[str, list[str]] = {}
        self.kk_words = {w for k in kk_keys for w in self.kk_split(k)}
        self.ru_words = {w for r in ru_keys for w in r.split()}
        self.df_k, self.df_r, self.co = Counter(), Counter(), defaultdict(Counter)
        stem, lemmas = self.stemmer.stem, self._ru_lemmas
        for b in beads:       # (each distinct word of a text looked up once)
            K = {stem(t) for t in set(kz.tokenize(b.bead.kk))} & self.kk_words
            R = {w for t in set(rl.tokenize(b.bead.ru)) for w in lemmas(t)} & self.ru_words
            self.df_k.update(K)
            self.df_r.update(R)
            for k in K:
                self.co[k].update(R)
        self._cache = {}

    def kk_split(self, key: str) -> list[str]:
        hit = self._split.get(key)
        if hit is None:
            hit = self._split[key] = [self.stemmer.stem(w) for w in key.split()]
        return list(hit)

    @staticmethod
    @lru_cache(maxsize=200_000)
    def _ru_lemmas(word: str) -> frozenset[str]:
        return frozenset(rl.lemma_of(p) for p in rl.parses(word))

    def dice(self, k: str, r: str) -> float:
        c = self.co[k].get(r, 0) if k in self.co else 0
        return 2 * c / (self.df_k[k] + self.df_r[r]) if c else 0.0

    def compositional(self, kk_key: str, ru_key: str) -> float:
        hit = self._cache.get((kk_key, ru_key))
        if hit is None:
            ks, rs = self.kk_split(kk_key), ru_key.split()
            d = [[self.dice(k, r) for r in rs] for k in ks]     # each pair of words once
            a = sum(max(row) for row in d) / len(ks)
            b = sum(max(column) for column in zip(*d)) / len(rs)
            hit = self._cache[(kk_key, ru_key)] = (a + b) / 2
        return hit


_BEFORE = re.compile(r"([^\W\d_][\w-]*) $")


def _word_before(text: str, o) -> str | None:
    """The word right before an occurrence, one space apart (none across punctuation,
    numbers or line breaks)."""
    before = _BEFORE.search(text[max(0, o.start - 40):o.start])
    return fold(before.group(1)) if before else None


def left_bound(linked: list, kk_stop) -> float:
    """Share of a Kazakh term's linked occurrences that the same word, not a genitive (a
    possessor is another thing) nor a word of `kk_stop`, stands right before: a term always
    read after "жасанды" or "заңға" is a piece of "жасанды интеллект", "заңға тәуелді"."""
    seen = Counter()
    for b, ko, _ in linked:
        w = _word_before(b.bead.kk, ko)
        if w is None or len(w) < 3 or kk_stop(w) or KAZAKH_GENITIVE.search(w) or _PARTICIPLE.search(w):
            continue
        if KAZAKH_PLURAL.search(w) and not (ko.genitive and ko.genitive[0]):
            continue        # a subject (Тараптар мемлекетаралық қарым-қатынастарды дамытады), unless
                            # the possessor of a genitive (Тараптар мемлекеттерінің органдары)
        seen[w] += 1
    return max(seen.values(), default=0) / len(linked)


_PARTICIPLE = re.compile(r"(?:ған|ген|қан|кен|атын|етін|йтын|йтін|итын|итін)$")


# conjunctions between two terms: "A мен B", "A немесе B", "A және (немесе) B"; "X и Y", "X или Y"
_KK_CONJUNCTION = re.compile(r"\s+(?:және \(немесе\)|мен|пен|бен|және|немесе|не|әрі)\s+", re.I)
_RU_CONJUNCTION = re.compile(r",?\s+(?:и \(или\)|и|или|либо)\s+", re.I)


def _conjuncts(text: str, occs: list, pattern: re.Pattern) -> list[tuple[set[str], set[str]]]:
    """For each conjunction of `text` between two candidates: the keys of the candidates that
    end right before it and of those that start right after it."""
    ends, starts = defaultdict(set), defaultdict(set)
    for o in occs:
        if not o.whole:
            ends[o.end].add(o.key)
            starts[o.start].add(o.key)
    return [(ends[m.start()], starts[m.end()]) for m in pattern.finditer(text)
            if ends.get(m.start()) and starts.get(m.end())]


def conjunct_pairs(b, co: dict, min_links: int) -> set[tuple[str, str]]:
    """Pairs of terms that stand on the same side of a conjunction in the two texts of a bead
    (b: bead with candidates `kk`, `ru`): the conjuncts of "өзгерістер мен толықтырулар" and
    "изменения и дополнения", of "қорғаншылықты немесе қамқоршылықты" and "опеки или
    попечительства", answer each other in order. Association alone cannot tell them apart:
    the two always come together. Returns the pairs in order (only those seen together in
    `min_links` beads, `co`) and the pairs across (қамқоршылықты → опеки)."""
    out, crossed = set(), set()
    for ka, kb in _conjuncts(b.bead.kk, b.kk, _KK_CONJUNCTION):
        for ra, rb in _conjuncts(b.bead.ru, b.ru, _RU_CONJUNCTION):
            for ks, rs in ((ka, ra), (kb, rb)):
                out.update((k, r) for k in ks for r in rs if co[k][r] >= min_links)
            for ks, rs in ((ka, rb), (kb, ra)):
                crossed.update((k, r) for k in ks for r in rs)
    return out, crossed - out
