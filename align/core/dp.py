"""The alignment core: the best monotone sequence of beads through a band of the lattice,
with each bead's posterior probability, apart from all I/O.

The band follows a guide path: straight lines, by character length, between anchor points
(headings of the same unit on both sides, where the caller knows them). It starts `WIDTH`
cells wide on each side of the guide; wherever the best path touches its edge, the band
is widened there and the alignment recomputed, so a long one-sided passage is followed
without ever filling the whole n×m lattice (vecalign widens coarse-to-fine the same way).
The scoring, Viterbi and forward–backward loops are compiled (`kernel`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import kernel as K
from .features import Encoded, clues, encode
from .scoring import DEFAULT, Lexicon, Params

WIDTH = 30              # initial half-width of the band, in segments (50 gave the same
                        # figures on the gold acts and Text+Berg for 40% more CPU)
NARROW = 10             # ... between two anchors closer than that: the path cannot stray far
                        # from a guide pinned at both ends (10 everywhere cost Text+Berg, which
                        # has no anchors, 0.012 strict F1; on the gold acts it changed no bead)
WIDEN_ROUNDS = 8        # at most this many widenings


@dataclass(slots=True)
class PathBead:
    i: int                  # first source segment
    j: int                  # first target segment
    a: int                  # how many source segments
    b: int                  # how many target segments
    posterior: float
    parts: dict


def align_encoded(enc: Encoded, ratio: float, params: Params = DEFAULT, lexicon: Lexicon | None = None,
                  anchors: list[tuple[int, int]] = ()) -> list[PathBead]:
    """Beads of the best alignment of enc.src with enc.tgt, in order."""
    n, m = len(enc.src), len(enc.tgt)
    if n == 0 or m == 0:
        return [PathBead(i, 0, 1, 0, 1.0, {"shape": "1:0"}) for i in range(n)] + \
               [PathBead(n, j, 0, 1, 1.0, {"shape": "0:1"}) for j in range(m)]
    lex_ptr, lex_ids = (lexicon or Lexicon()).csr(enc.src_stems, enc.tgt_stems)
    vec = params.vector(ratio, lexicon)
    priors = params.prior_vector()
    src, tgt = enc.src.arrays(), enc.tgt.arrays()
    guide, width = _guide(enc, anchors)
    below, above = width, width.copy()
    none = np.zeros(0, dtype=np.int64)
    lo, hi, off, scores = none, none, none, np.zeros((0, len(K.SHAPES)))
    for _ in range(WIDEN_ROUNDS + 1):
        old = (lo, hi, off, scores)
        lo, hi, off = _band(guide, below, above, n, m)
        scores = K.score_band(n, m, lo, hi, off, *src, *tgt, lex_ptr, lex_ids, vec, priors, _marks(enc), *old)
        path, _total = K.viterbi(n, m, lo, hi, off, scores)
        touched = _touches(path, lo, hi, m) if len(path) else [(n, "both")]
        if not touched or (below.max() >= m and above.max() >= m):
            break
        for row, side in touched:
            span = slice(max(0, row - 2 * WIDTH), min(n + 1, row + 2 * WIDTH))
            if side in ("low", "both"):
                below[span] = np.minimum(below[span] * 2, m)
            if side in ("high", "both"):
                above[span] = np.minimum(above[span] * 2, m)
    if not len(path):
        raise ValueError("no alignment path: the bead shapes cannot cover the input")
    fwd, bwd = K.forward_backward(n, m, lo, hi, off, scores, params.temperature)
    total = fwd[off[n] + m - lo[n]]
    marks = _marks(enc)
    clue = np.zeros(K.N_CLUES)
    out = []
    tok = 0
    for i, j, k in path:
        a, b = int(K.SHAPES[k, 0]), int(K.SHAPES[k, 1])
        idx = off[i] + j - lo[i]
        s = scores[idx, k]
        pi, pj = i - a, j - b
        f, g = fwd[off[pi] + pj - lo[pi]], bwd[idx]
        post = min(1.0, math.exp(f + s / params.temperature + g - total)) if f > K.NEG and g > K.NEG else 0.0
        parts = {"shape": f"{a}:{b}"}
        if a and b:
            tok += 1
            K.bead_clues(pi, pj, a, b, *src, *tgt, lex_ptr, lex_ids, vec, marks, tok, clue)
            parts.update(_named(clue))
            if a == 1 and b == 1:
                tok = _margin(parts, pi, pj, n, m, src, tgt, lex_ptr, lex_ids, vec, marks, tok, params)
        out.append(PathBead(int(pi), int(pj), a, b, post, parts))
    return out


def warm_up() -> None:
    """Load the compiled kernel into this process now, so that worker processes forked
    from it start with it loaded instead of each loading it again."""
    one = clues("1 a", "")
    align_encoded(encode([one], [one]), 1.0)


def _named(clue: np.ndarray) -> dict:
    return {"length": round(float(clue[K.C_LENGTH]), 3), "numbers_agree": int(clue[K.C_AGREE]),
            "numbers_differ": int(clue[K.C_DIFFER]), "cognates": round(float(clue[K.C_COGNATES]), 3),
            "lexicon": round(float(clue[K.C_LEXICON]), 3), "lex_llr": round(float(clue[K.C_LEX_LLR]), 2),
            "key_match": int(clue[K.C_KEY_MATCH]),
            "key_mismatch": int(clue[K.C_KEY_MISMATCH]), "role": int(clue[K.C_ROLE]),
            "unit_mismatch": int(clue[K.C_UNIT])}


def _content(parts: dict, params: Params) -> float:
    """What the words and numbers say, length aside: the evidence that tells a bead from
    its neighbour of similar length."""
    return (params.w_numbers * parts["numbers_agree"] - params.w_number_miss * parts["numbers_differ"]
            + params.w_cognates * parts["cognates"] + params.w_lexicon * parts["lexicon"]
            + params.w_lex_llr * parts["lex_llr"])


def _margin(parts, i, j, n, m, src, tgt, lex_ptr, lex_ids, vec, marks, tok, params) -> int:
    """How much better this 1:1 bead's content is than its neighbours' (the source
    segment with the previous or next target segment, and the reverse): a shifted pair
    loses to a neighbour."""
    own = _content(parts, params)
    clue = np.zeros(K.N_CLUES)
    best = -1e9
    for di, dj in ((0, -1), (0, 1), (-1, 0), (1, 0)):
        x, y = i + di, j + dj
        if 0 <= x < n and 0 <= y < m:
            tok += 1
            K.bead_clues(x, y, 1, 1, *src, *tgt, lex_ptr, lex_ids, vec, marks, tok, clue)
            best = max(best, _content(_named(clue), params))
    parts["margin"] = round(own - best, 3) if best > -1e9 else 0.0
    return tok


def _marks(enc: Encoded):
    nums, cogs, s_stems, t_stems = enc.sizes
    return (np.zeros(nums, dtype=np.int64), np.zeros(nums, dtype=np.int64),
            np.zeros(cogs, dtype=np.int64), np.zeros(cogs, dtype=np.int64),
            np.zeros(t_stems, dtype=np.int64), np.zeros(s_stems, dtype=np.int64),
            np.zeros(t_stems, dtype=np.int64))


def _guide(enc: Encoded, anchors) -> tuple[np.ndarray, np.ndarray]:
    """For each source position 0..n, the target position the band is centred on
    (straight lines by character length between the anchor points) and the band's
    initial half-width there (the span between those points, from NARROW to WIDTH)."""
    n, m = len(enc.src), len(enc.tgt)
    cum_s = np.concatenate([[0], np.cumsum(enc.src.length + 1)]).astype(float)
    cum_t = np.concatenate([[0], np.cumsum(enc.tgt.length + 1)]).astype(float)
    points = [(0, 0)] + sorted(set(anchors)) + [(n, m)]
    guide = np.zeros(n + 1, dtype=np.int64)
    width = np.zeros(n + 1, dtype=np.int64)
    for (i0, j0), (i1, j1) in zip(points, points[1:]):
        half = min(WIDTH, max(NARROW, i1 - i0, j1 - j0))
        width[i0:i1 + 1] = np.maximum(width[i0:i1 + 1], half)
        span_s = cum_s[i1] - cum_s[i0]
        if span_s > 0:
            frac = (cum_s[i0:i1 + 1] - cum_s[i0]) / span_s
        else:
            frac = np.zeros(i1 - i0 + 1)
            frac[-1] = 1.0
        target = cum_t[j0] + frac * (cum_t[j1] - cum_t[j0])
        guide[i0:i1 + 1] = np.clip(np.searchsorted(cum_t, target), j0, j1)
    return guide, width


def _band(guide, below, above, n, m):
    prev = np.concatenate([[guide[0]], guide[:-1]])
    nxt = np.concatenate([guide[1:], [guide[-1]]])
    lo = np.maximum(0, np.minimum(prev, guide) - below)
    hi = np.minimum(m, np.maximum(nxt, guide) + above)
    lo[0], hi[n] = 0, m
    hi = np.maximum.accumulate(hi)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    lo[1:] = np.minimum(lo[1:], hi[:-1])
    width = hi - lo + 1
    off = np.concatenate([[0], np.cumsum(width)[:-1]]).astype(np.int64)
    return lo.astype(np.int64), hi.astype(np.int64), off


def _touches(path, lo, hi, m) -> list[tuple[int, str]]:
    out = []
    for i, j, _k in path:
        if j == lo[i] and lo[i] > 0:
            out.append((int(i), "low"))
        elif j == hi[i] and hi[i] < m:
            out.append((int(i), "high"))
    return out
