"""Bead scores: how well a group of source segments matches a group of target segments.

A bead's score is a log-linear sum of clues: a length model (Gale–Church: the target
length is the source length times a ratio learned from the pair, with a variance that
grows with length), numbers and dates that agree or disagree, cognates and names
(Қазақстан ~ Казахстан), links from the lexicon learned from the corpus, and a prior
per bead shape. The weights are fitted on the dev gold (benchmarks/tune_aligner.py).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from .features import Clues, merge


@dataclass(frozen=True)
class Params:
    variance: float = 6.8        # Gale–Church variance of the length difference per character
    w_length: float = 1.0
    w_numbers: float = 1.5       # per number or date found on both sides
    w_number_miss: float = 1.5   # per number on one side only
    w_cognates: float = 4.0      # times the Dice overlap of cognate keys
    w_lexicon: float = 4.0       # times the share of words linked by the lexicon
    skip: float = -6.0           # a segment left unaligned (1:0, 0:1)
    priors: dict = field(default_factory=lambda: {
        (1, 1): 0.0, (1, 2): -1.5, (2, 1): -1.5, (2, 2): -3.0, (1, 3): -3.5, (3, 1): -3.5})
    temperature: float = 2.0     # of the posterior that confidence is built from


DEFAULT = Params()


@dataclass
class Lexicon:
    """Stem-to-stem translation links (source stem -> target stems) learned from beads."""
    links: dict[str, frozenset] = field(default_factory=dict)

    def __len__(self):
        return len(self.links)

    def linked(self, src: frozenset, tgt: frozenset) -> int:
        """How many words on both sides have a translation on the other side."""
        if not self.links:
            return 0
        hit_src = 0
        hit_tgt = set()
        for s in src:
            targets = self.links.get(s)
            if targets:
                common = targets & tgt
                if common:
                    hit_src += 1
                    hit_tgt |= common
        return hit_src + len(hit_tgt)


class BeadScorer:
    """Scores beads over two lists of segment clues; callable as dp.Score."""

    def __init__(self, src: list[Clues], tgt: list[Clues], ratio: float, params: Params = DEFAULT,
                 lexicon: Lexicon | None = None):
        self.src, self.tgt = src, tgt
        self.ratio = ratio
        self.p = params
        self.lexicon = lexicon or Lexicon()
        self._cache: dict[tuple[int, int, int, int], float] = {}
        self._src_groups: dict[tuple[int, int], Clues] = {}
        self._tgt_groups: dict[tuple[int, int], Clues] = {}

    def _group(self, side: str, i: int, a: int) -> Clues:
        """Clues of items i..i+a-1 of one side, merged once and remembered."""
        cache, items = (self._src_groups, self.src) if side == "src" else (self._tgt_groups, self.tgt)
        group = cache.get((i, a))
        if group is None:
            group = cache[(i, a)] = merge(items[i:i + a])
        return group

    def __call__(self, i: int, j: int, a: int, b: int) -> float:
        key = (i, j, a, b)
        value = self._cache.get(key)
        if value is None:
            value = self._score(i, j, a, b)
            self._cache[key] = value
        return value

    def parts(self, i: int, j: int, a: int, b: int) -> dict:
        """The clues behind one bead's score, for reports and for confidence."""
        if a == 0 or b == 0:
            return {"shape": f"{a}:{b}"}
        S, T = self._group("src", i, a), self._group("tgt", j, b)
        return {
            "shape": f"{a}:{b}",
            "length": round(self.length_logp(S.length, T.length), 3),
            "numbers_agree": len(S.numbers & T.numbers),
            "numbers_differ": len(S.numbers ^ T.numbers),
            "cognates": round(_dice(S.cognates, T.cognates), 3),
            "lexicon": round(self._lexical(S, T), 3),
        }

    def length_logp(self, ls: int, lt: int) -> float:
        """Log-probability of the length pair under the Gale–Church model (<= 0)."""
        mean = (ls + lt / self.ratio) / 2
        delta = (lt - ls * self.ratio) / math.sqrt(max(mean, 1.0) * self.p.variance)
        # two-sided tail of the standard normal, kept away from log(0)
        tail = math.erfc(abs(delta) / math.sqrt(2))
        return math.log(max(tail, 1e-12))

    def _lexical(self, S: Clues, T: Clues) -> float:
        total = len(S.stems) + len(T.stems)
        if not total or not self.lexicon:
            return 0.0
        return self.lexicon.linked(S.stems, T.stems) / total

    def _score(self, i: int, j: int, a: int, b: int) -> float:
        p = self.p
        if a == 0 or b == 0:
            return p.skip
        S, T = self._group("src", i, a), self._group("tgt", j, b)
        score = p.priors[(a, b)] + p.w_length * self.length_logp(S.length, T.length)
        score += p.w_numbers * len(S.numbers & T.numbers)
        score -= p.w_number_miss * len(S.numbers ^ T.numbers)
        score += p.w_cognates * _dice(S.cognates, T.cognates)
        if self.lexicon:
            score += p.w_lexicon * self._lexical(S, T)
        return score


def _dice(x: frozenset, y: frozenset) -> float:
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def learn_lexicon(bead_stems: list[tuple[frozenset, frozenset]], min_count: int = 2,
                  min_dice: float = 0.3, per_word: int = 3) -> Lexicon:
    """Dice association between source and target stems over aligned beads."""
    from collections import Counter
    c_src: Counter = Counter()
    c_tgt: Counter = Counter()
    c_pair: Counter = Counter()
    for src, tgt in bead_stems:
        c_src.update(src)
        c_tgt.update(tgt)
        for s in src:
            for t in tgt:
                c_pair[(s, t)] += 1
    best: dict[str, list[tuple[float, str]]] = {}
    for (s, t), n in c_pair.items():
        if n < min_count:
            continue
        dice = 2 * n / (c_src[s] + c_tgt[t])
        if dice >= min_dice:
            best.setdefault(s, []).append((dice, t))
    return Lexicon({s: frozenset(t for _, t in sorted(v, reverse=True)[:per_word]) for s, v in best.items()})
