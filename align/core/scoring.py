"""Bead scores: how well a group of source segments matches a group of target segments.

A bead's score is a log-linear sum of clues (computed by `kernel.bead_clues`): a length
model (Gale–Church: the target length is the source length times a ratio learned from the
pair, with a variance that grows with length), numbers and dates that agree or disagree,
cognates and names (Қазақстан ~ Казахстан), links from the lexicon learned from the
corpus, the structure (a heading pairs with the heading of the same unit; a heading,
an editorial note or a table row pairs with its own kind), and a prior per bead shape.
Leaving a segment unaligned costs `skip`; an editorial note or a line of a table of
contents, which one version often has alone, costs less. The weights are fitted on the
gold alignments (benchmarks/tune_aligner.py).
"""
from __future__ import annotations

import json
import math
import zlib
from collections import Counter
from dataclasses import dataclass, field
from itertools import product

import numpy as np

from . import kernel as K


@dataclass(frozen=True)
class Params:
    variance: float = 21.8       # Gale–Church variance of the length difference per character
    w_length: float = 1.0
    w_numbers: float = 1.5       # per number or date found on both sides
    w_number_miss: float = 1.9   # per number on one side only
    w_cognates: float = 6.4      # times the Dice overlap of cognate keys
    w_lexicon: float = 4.0       # times the share of words linked by the lexicon
    w_lex_llr: float = 0.38      # times the log-likelihood ratio of the links found (Lexicon.llr_weights)
    w_key_match: float = 3.0     # a heading paired with the heading of the same unit
    w_key_mismatch: float = 2.0  # per step of disagreement: another unit of its level, or another level
    w_role: float = 1.8          # a heading, note or table row paired with another kind of text
    w_unit: float = 1.0          # text of one unit paired with text of another unit
    skip: float = -3.6           # a segment left unaligned (1:0, 0:1)
    skip_cheap: float = -1.9     # an editorial note or contents line left unaligned
    priors: dict = field(default_factory=lambda: {
        (1, 1): 0.0, (1, 2): -1.9, (2, 1): -1.9, (2, 2): -7.7, (1, 3): -2.1, (3, 1): -2.1})
    temperature: float = 2.0     # of the posterior that confidence is built from

    def vector(self, ratio: float, lexicon: "Lexicon | None" = None) -> np.ndarray:
        v = np.zeros(K.N_PARAMS)
        v[K.C_LEX_LLR] = self.w_lex_llr
        v[K.P_LEX_HIT], v[K.P_LEX_MISS] = lexicon.llr_weights() if lexicon else (0.0, 0.0)
        v[K.C_LENGTH] = self.w_length
        v[K.C_AGREE] = self.w_numbers
        v[K.C_DIFFER] = -self.w_number_miss
        v[K.C_COGNATES] = self.w_cognates
        v[K.C_LEXICON] = self.w_lexicon
        v[K.C_KEY_MATCH] = self.w_key_match
        v[K.C_KEY_MISMATCH] = -self.w_key_mismatch
        v[K.C_ROLE] = -self.w_role
        v[K.C_UNIT] = -self.w_unit
        v[K.P_SKIP] = self.skip
        v[K.P_SKIP_CHEAP] = self.skip_cheap
        v[K.P_VARIANCE] = self.variance
        v[K.P_RATIO] = ratio
        return v

    def prior_vector(self) -> np.ndarray:
        return np.array([self.priors.get((int(a), int(b)), 0.0) for a, b in K.SHAPES])


# Tuned on the official acts and their perturbed copies (benchmarks/tune_aligner.py).
DEFAULT = Params()
# For sentence-per-line input of any languages (`saikes align-sentences`): no structure,
# no lexicon shipped, text that is rarely missing a sentence. Tuned on the Text+Berg
# development document, where the legal weights lose 0.07 strict F1.
GENERIC = Params(variance=6.8, w_number_miss=1.5, w_cognates=4.0, w_lex_llr=0.3, w_role=3.0, skip=-6.0,
                 skip_cheap=-2.5, priors={(1, 1): 0.0, (1, 2): -1.5, (2, 1): -1.5, (2, 2): -3.0,
                                          (1, 3): -3.5, (3, 1): -3.5})


@dataclass
class Lexicon:
    """Stem-to-stem translation links (source stem -> target stems) learned from beads.

    `p_true` and `p_random` are the share of words with a translation on the other side in
    a true pair and in a random pair, measured on the beads it was learned from: they turn
    the links found in a bead into a log-likelihood ratio, so that two long sentences with
    no word in common count as evidence against pairing them, in proportion to their length."""
    links: dict[str, frozenset] = field(default_factory=dict)
    p_true: float = 0.0
    p_random: float = 0.0

    def __len__(self):
        return len(self.links)

    def linked(self, src, tgt) -> int:
        """How many words on both sides have a translation on the other side (`src`, `tgt`:
        collections of distinct stems)."""
        hit_src, hit_tgt = 0, set()
        tgt = tgt if isinstance(tgt, (set, frozenset)) else frozenset(tgt)
        for s in src:
            common = self.links.get(s, frozenset()) & tgt
            if common:
                hit_src += 1
                hit_tgt |= common
        return hit_src + len(hit_tgt)

    def share(self, src, tgt) -> float:
        total = len(src) + len(tgt)
        return self.linked(src, tgt) / total if total else 0.0

    def to_bytes(self) -> bytes:
        data = {"links": {s: sorted(t) for s, t in self.links.items()}, "p_true": self.p_true,
                "p_random": self.p_random}
        return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    @classmethod
    def from_bytes(cls, blob: bytes) -> "Lexicon":
        data = json.loads(zlib.decompress(blob).decode("utf-8"))
        return cls({s: frozenset(t) for s, t in data["links"].items()}, data["p_true"], data["p_random"])

    def llr_weights(self) -> tuple[float, float]:
        """(log-ratio per linked word, per unlinked word), or (0, 0) when not measured."""
        p1, p0 = self.p_true, self.p_random
        if not (0.0 < p0 < p1 < 1.0):
            return 0.0, 0.0
        return math.log(p1 / p0), math.log((1 - p1) / (1 - p0))

    def csr(self, src_stems: dict[str, int], tgt_stems: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        """The links between the stems of one document pair, as arrays over their ids."""
        if not self.links:
            return np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64)
        ptr = np.zeros(len(src_stems) + 1, dtype=np.int64)
        ids: list[int] = []
        by_id = sorted(src_stems.items(), key=lambda kv: kv[1])
        for stem, k in by_id:
            ids.extend(tgt_stems[t] for t in self.links.get(stem, ()) if t in tgt_stems)
            ptr[k + 1] = len(ids)
        return ptr, np.array(ids, dtype=np.int64)


COVERAGE_SAMPLE = 2000      # beads on which a lexicon's coverage (p_true, p_random) is measured


@dataclass
class LexiconCounts:
    """What learning a lexicon counts over beads: stems on each side, stem pairs seen in
    the same bead, and the sampled beads its coverage is measured on (with their position
    among all beads, which fixes the sample's order). Counts of parts of a corpus `merge`,
    so that corpus mode counts pairs in many processes and still learns the lexicon that
    counting all the beads in one process learns."""
    src: Counter = field(default_factory=Counter)
    tgt: Counter = field(default_factory=Counter)
    pair: Counter = field(default_factory=Counter)
    sample: list = field(default_factory=list)

    def add(self, src, tgt, position: int | None = None) -> None:
        """Count one bead's stems; `position` puts it in the coverage sample."""
        self.src.update(src)
        self.tgt.update(tgt)
        self.pair.update(product(src, tgt))
        if position is not None:
            self.sample.append((position, src, tgt))

    def merge(self, other: "LexiconCounts") -> "LexiconCounts":
        self.src.update(other.src)
        self.tgt.update(other.tgt)
        self.pair.update(other.pair)
        self.sample.extend(other.sample)
        return self


def coverage_step(beads: int) -> int:
    """Every how many beads one is sampled to measure coverage."""
    return max(1, beads // COVERAGE_SAMPLE)


def learn_lexicon(bead_stems, min_count: int = 2, min_dice: float = 0.3, per_word: int = 3) -> Lexicon:
    """Dice association between source and target stems over aligned beads."""
    bead_stems = list(bead_stems)
    step = coverage_step(len(bead_stems))
    counts = LexiconCounts()
    for i, (src, tgt) in enumerate(bead_stems):
        counts.add(src, tgt, i if i % step == 0 else None)
    return lexicon_from_counts(counts, min_count, min_dice, per_word)


def lexicon_from_counts(counts: LexiconCounts, min_count: int = 2, min_dice: float = 0.3,
                        per_word: int = 3) -> Lexicon:
    """The lexicon of counted beads: stem pairs seen `min_count` times with a Dice of
    `min_dice`, the best `per_word` for each source stem."""
    c_src, c_tgt = counts.src, counts.tgt
    best: dict[str, list[tuple[float, str]]] = {}
    for (s, t), n in counts.pair.items():
        if n < min_count:
            continue
        dice = 2 * n / (c_src[s] + c_tgt[t])
        if dice >= min_dice:
            best.setdefault(s, []).append((dice, t))
    lexicon = Lexicon({s: frozenset(t for _, t in sorted(v, reverse=True)[:per_word]) for s, v in best.items()})
    sample = [(src, tgt) for _, src, tgt in sorted(counts.sample, key=lambda x: x[0])]
    lexicon.p_true, lexicon.p_random = _coverage(lexicon, sample)
    return lexicon


def _coverage(lexicon: Lexicon, pairs: list) -> tuple[float, float]:
    """Mean share of linked words in the sampled beads (true pairs) and in beads paired
    with a bead further on (random pairs)."""
    if len(pairs) < 20 or not lexicon.links:
        return 0.0, 0.0
    true = sum(lexicon.share(s, t) for s, t in pairs) / len(pairs)
    shift = len(pairs) // 2
    rand = sum(lexicon.share(pairs[k][0], pairs[(k + shift) % len(pairs)][1]) for k in range(len(pairs))) / len(pairs)
    return round(true, 4), round(max(rand, 0.01), 4)
