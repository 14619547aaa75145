"""The alignment kernel, compiled with numba: bead scores over a band of the diagonal, the
best path (Viterbi) and the forward–backward sums that give each bead its posterior.

Everything here works on flat integer arrays (see `features.Encoded`): segment lengths,
the ids of each segment's numbers, cognate keys and stems in CSR form, and each segment's
structural role. A bead is the source segments i-a..i-1 with the target segments j-b..j-1;
it "ends" at lattice cell (i, j). Cells are stored row by row, only those inside the band:
row i holds the cells lo[i]..hi[i], starting at offset off[i].

The model is the one `scoring` documents: a log-linear sum of clues (length, numbers,
cognates, lexicon, structure) plus a prior per bead shape.
"""
from __future__ import annotations

import math

import numpy as np
from numba import njit

SHAPES = np.array([[1, 1], [1, 2], [2, 1], [2, 2], [1, 0], [0, 1], [1, 3], [3, 1]], dtype=np.int64)
NEG = -1e30

# segment roles (features.ROLE_*) mirrored here for the compiled code
BODY, HEADING, EDITORIAL, TABLE, TOC = 0, 1, 2, 3, 4

# clue vector of a bead (bead_clues fills it); `scoring.Params.weights` weighs them
(C_LENGTH, C_AGREE, C_DIFFER, C_COGNATES, C_LEXICON, C_LEX_LLR, C_KEY_MATCH, C_KEY_MISMATCH, C_ROLE,
 C_UNIT) = range(10)
N_CLUES = 10
# params vector (scoring.Params.vector): weights of the clues, then the skip costs, the
# length model and the lexicon's log-ratios per linked and unlinked word
P_SKIP, P_SKIP_CHEAP, P_VARIANCE, P_RATIO, P_LEX_HIT, P_LEX_MISS = range(N_CLUES, N_CLUES + 6)
N_PARAMS = N_CLUES + 6


@njit(cache=True)
def _union(ptr, ids, first, count, mark, tok):
    """Number of distinct ids over segments first..first+count-1, marked with tok."""
    return _union_overlap(ptr, ids, first, count, mark, mark, tok)[0]


@njit(cache=True)
def _union_overlap(ptr, ids, first, count, mark, other, tok):
    """(distinct ids of these segments, how many of them `other` marked with tok)."""
    n = 0
    both = 0
    for k in range(first, first + count):
        for p in range(ptr[k], ptr[k + 1]):
            v = ids[p]
            if mark[v] != tok:
                mark[v] = tok
                n += 1
                if other[v] == tok:
                    both += 1
    return n, both


@njit(cache=True)
def bead_clues(i0, j0, a, b, s_len, s_nptr, s_nids, s_cptr, s_cids, s_sptr, s_sids, s_role, s_key, s_level, s_unit,
               s_sw, t_len, t_nptr, t_nids, t_cptr, t_cids, t_sptr, t_sids, t_role, t_key, t_level, t_unit, t_sw,
               lex_ptr, lex_ids, params, marks, tok, out):
    """Fill `out` with the clues of the bead s[i0:i0+a] ~ t[j0:j0+b] (a, b >= 1)."""
    ls = a - 1
    for k in range(i0, i0 + a):
        ls += s_len[k]
    lt = b - 1
    for k in range(j0, j0 + b):
        lt += t_len[k]
    ratio = params[P_RATIO]
    mean = (ls + lt / ratio) / 2.0
    if mean < 1.0:
        mean = 1.0
    delta = (lt - ls * ratio) / math.sqrt(mean * params[P_VARIANCE])
    tail = math.erfc(abs(delta) / math.sqrt(2.0))
    if tail < 1e-12:
        tail = 1e-12
    out[C_LENGTH] = math.log(tail)
    # numbers and dates
    ns = _union(s_nptr, s_nids, i0, a, marks[0], tok)
    nt, both = _union_overlap(t_nptr, t_nids, j0, b, marks[1], marks[0], tok)
    out[C_AGREE] = both
    out[C_DIFFER] = ns + nt - 2 * both
    # cognates
    cs = _union(s_cptr, s_cids, i0, a, marks[2], tok)
    ct, both = _union_overlap(t_cptr, t_cids, j0, b, marks[3], marks[2], tok)
    out[C_COGNATES] = 2.0 * both / (cs + ct) if cs > 0 and ct > 0 else 0.0
    # lexicon: words on either side with a translation on the other side, each weighed by
    # how rare it is in its document (Тараптар ~ Стороны in every sentence proves little)
    out[C_LEXICON] = 0.0
    out[C_LEX_LLR] = 0.0
    if lex_ptr.shape[0] > 1:
        wt = 0.0
        for k in range(j0, j0 + b):
            for p in range(t_sptr[k], t_sptr[k + 1]):
                v = t_sids[p]
                if marks[4][v] != tok:
                    marks[4][v] = tok
                    wt += t_sw[v]
        ws = 0.0
        hits = 0.0
        src_mark = marks[5]
        tgt_hit = marks[6]
        for k in range(i0, i0 + a):
            for p in range(s_sptr[k], s_sptr[k + 1]):
                v = s_sids[p]
                if src_mark[v] == tok:
                    continue
                src_mark[v] = tok
                ws += s_sw[v]
                if v + 1 >= lex_ptr.shape[0]:
                    continue
                hit = False
                for q in range(lex_ptr[v], lex_ptr[v + 1]):
                    w = lex_ids[q]
                    if marks[4][w] == tok:
                        hit = True
                        if tgt_hit[w] != tok:
                            tgt_hit[w] = tok
                            hits += t_sw[w]
                if hit:
                    hits += s_sw[v]
        if ws + wt > 0:
            out[C_LEXICON] = hits / (ws + wt)
            out[C_LEX_LLR] = hits * params[P_LEX_HIT] + (ws + wt - hits) * params[P_LEX_MISS]
    # structure: text of one unit pairs with text of the same unit (a soft preference:
    # a renumbered or misread heading must not cost its article)
    out[C_UNIT] = 0.0
    us = s_unit[i0]
    ut = t_unit[j0]
    if us >= 0 and ut >= 0 and us != ut:
        same = True
        for k in range(i0, i0 + a):
            if s_unit[k] != us:
                same = False
        for k in range(j0, j0 + b):
            if t_unit[k] != ut:
                same = False
        if same:
            out[C_UNIT] = 1.0
    # headings pair with headings of the same unit, roles with roles
    out[C_KEY_MATCH] = 0.0
    out[C_KEY_MISMATCH] = 0.0
    out[C_ROLE] = 0.0
    if a == 1 and b == 1:
        rs = s_role[i0]
        rt = t_role[j0]
        if rs == HEADING and rt == HEADING:
            if s_key[i0] == t_key[j0]:
                out[C_KEY_MATCH] = 1.0
            elif s_level[i0] == t_level[j0]:
                out[C_KEY_MISMATCH] = 1.0
            else:
                out[C_KEY_MISMATCH] = 2.0
        elif rs != rt:
            out[C_ROLE] = 1.0
    else:
        first = s_role[i0]
        mixed = 0.0
        for k in range(i0, i0 + a):
            if s_role[k] == HEADING:
                mixed += 2.0
            elif s_role[k] != first:
                mixed = max(mixed, 1.0)
        for k in range(j0, j0 + b):
            if t_role[k] == HEADING:
                mixed += 2.0
            elif t_role[k] != first:
                mixed = max(mixed, 1.0)
        out[C_ROLE] = mixed


@njit(cache=True)
def _skip_cost(role, params):
    if role == EDITORIAL or role == TOC:
        return params[P_SKIP_CHEAP]
    return params[P_SKIP]


@njit(cache=True)
def score_band(n, m, lo, hi, off, s_len, s_nptr, s_nids, s_cptr, s_cids, s_sptr, s_sids, s_role, s_key,
               s_level, s_unit, s_sw, t_len, t_nptr, t_nids, t_cptr, t_cids, t_sptr, t_sids, t_role, t_key,
               t_level, t_unit, t_sw,
               lex_ptr, lex_ids, params, priors, marks, old_lo, old_hi, old_off, old):
    """Scores of every bead ending at every cell of the band: array [cells, shapes].
    Beads scored in the previous band (old_lo..old_hi by row, scores `old`; empty arrays on
    the first round) are copied: widening the band scores only the beads it adds."""
    cells = off[n] + hi[n] - lo[n] + 1
    out = np.full((cells, SHAPES.shape[0]), NEG)
    clues = np.zeros(N_CLUES)
    tok = 0
    reuse = old_lo.shape[0] == n + 1
    for i in range(n + 1):
        for j in range(lo[i], hi[i] + 1):
            idx = off[i] + j - lo[i]
            was = old_off[i] + j - old_lo[i] if reuse and old_lo[i] <= j <= old_hi[i] else -1
            for k in range(SHAPES.shape[0]):
                # a bead scored before keeps its score; one whose start lay outside the
                # old band (NEG there) is scored now
                if was >= 0 and old[was, k] > NEG:
                    out[idx, k] = old[was, k]
                    continue
                a = SHAPES[k, 0]
                b = SHAPES[k, 1]
                pi = i - a
                pj = j - b
                if pi < 0 or pj < 0 or pj < lo[pi] or pj > hi[pi]:
                    continue
                if a == 0:
                    out[idx, k] = _skip_cost(t_role[pj], params)
                    continue
                if b == 0:
                    out[idx, k] = _skip_cost(s_role[pi], params)
                    continue
                tok += 1
                bead_clues(pi, pj, a, b, s_len, s_nptr, s_nids, s_cptr, s_cids, s_sptr, s_sids, s_role,
                           s_key, s_level, s_unit, s_sw, t_len, t_nptr, t_nids, t_cptr, t_cids, t_sptr,
                           t_sids, t_role, t_key, t_level, t_unit, t_sw, lex_ptr, lex_ids, params, marks, tok,
                           clues)
                value = priors[k]
                for c in range(N_CLUES):
                    value += params[c] * clues[c]
                out[idx, k] = value
    return out


@njit(cache=True)
def viterbi(n, m, lo, hi, off, scores):
    """Best path as (i, j, shape) triples from the start, and its total score."""
    cells = scores.shape[0]
    best = np.full(cells, NEG)
    back = np.full(cells, -1, dtype=np.int64)
    best[0] = 0.0
    for i in range(n + 1):
        for j in range(lo[i], hi[i] + 1):
            idx = off[i] + j - lo[i]
            if i == 0 and j == 0:
                continue
            top = NEG
            arg = -1
            for k in range(SHAPES.shape[0]):
                s = scores[idx, k]
                if s <= NEG:
                    continue
                pi = i - SHAPES[k, 0]
                pj = j - SHAPES[k, 1]
                prev = best[off[pi] + pj - lo[pi]]
                if prev <= NEG:
                    continue
                if prev + s > top:
                    top = prev + s
                    arg = k
            best[idx] = top
            back[idx] = arg
    end = off[n] + m - lo[n]
    path = np.empty((n + m, 3), dtype=np.int64)
    count = 0
    i = n
    j = m
    if back[end] < 0 and (n > 0 or m > 0):
        return path[:0], NEG
    while i > 0 or j > 0:
        k = back[off[i] + j - lo[i]]
        path[count, 0] = i
        path[count, 1] = j
        path[count, 2] = k
        count += 1
        i -= SHAPES[k, 0]
        j -= SHAPES[k, 1]
    return path[:count][::-1].copy(), best[end]


@njit(cache=True)
def _logaddexp(x, y):
    if x <= NEG:
        return y
    if y <= NEG:
        return x
    if x > y:
        return x + math.log1p(math.exp(y - x))
    return y + math.log1p(math.exp(x - y))


@njit(cache=True)
def forward_backward(n, m, lo, hi, off, scores, temperature):
    """Log forward and backward sums over all paths of the band, scores divided by T."""
    cells = scores.shape[0]
    fwd = np.full(cells, NEG)
    bwd = np.full(cells, NEG)
    fwd[0] = 0.0
    for i in range(n + 1):
        for j in range(lo[i], hi[i] + 1):
            idx = off[i] + j - lo[i]
            if i == 0 and j == 0:
                continue
            acc = NEG
            for k in range(SHAPES.shape[0]):
                s = scores[idx, k]
                if s <= NEG:
                    continue
                pi = i - SHAPES[k, 0]
                pj = j - SHAPES[k, 1]
                acc = _logaddexp(acc, fwd[off[pi] + pj - lo[pi]] + s / temperature)
            fwd[idx] = acc
    bwd[off[n] + m - lo[n]] = 0.0
    for i in range(n, -1, -1):
        for j in range(hi[i], lo[i] - 1, -1):
            idx = off[i] + j - lo[i]
            if i == n and j == m:
                continue
            acc = NEG
            for k in range(SHAPES.shape[0]):
                ni = i + SHAPES[k, 0]
                nj = j + SHAPES[k, 1]
                if ni > n or nj > m or nj < lo[ni] or nj > hi[ni]:
                    continue
                nidx = off[ni] + nj - lo[ni]
                s = scores[nidx, k]
                if s <= NEG:
                    continue
                acc = _logaddexp(acc, bwd[nidx] + s / temperature)
            bwd[idx] = acc
    return fwd, bwd
