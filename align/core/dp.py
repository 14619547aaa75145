"""The alignment core: dynamic programming over bead scores, apart from all I/O.

`best_path` finds the monotone sequence of beads (1:1, 1:2, 2:1, ...) with the highest
total score; `posteriors` gives, for each bead of a path, the probability mass of all
alignments that contain that bead (forward-backward over the same lattice), which is
what the confidence of a bead is built from. Both take the score as a function of
(i, j, a, b): the bead covering source items i..i+a-1 and target items j..j+b-1.
"""
from __future__ import annotations

import math
from typing import Callable

Score = Callable[[int, int, int, int], float]
SHAPES = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 0), (0, 1), (1, 3), (3, 1))
NEG = float("-inf")


def band_of(n: int, m: int, width: int | None) -> Callable[[int, int], bool]:
    """Cells allowed by a band around the diagonal (None: no band)."""
    if width is None or n == 0 or m == 0:
        return lambda i, j: True
    ratio = m / n
    return lambda i, j: abs(j - i * ratio) <= width


def _lattice(n, m, shapes, inside):
    for i in range(n + 1):
        for j in range(m + 1):
            if (i or j) and inside(i, j):
                yield i, j


def best_path(n: int, m: int, score: Score, shapes=SHAPES, band: int | None = None
              ) -> list[tuple[int, int, int, int, float]]:
    """Beads (i, j, a, b, score) of the best monotone alignment of n with m items."""
    inside = band_of(n, m, band)
    best = {(0, 0): (0.0, None)}
    for i, j in _lattice(n, m, shapes, inside):
        top, back = NEG, None
        for a, b in shapes:
            prev = best.get((i - a, j - b))
            if prev is None or prev[0] == NEG:
                continue
            value = prev[0] + score(i - a, j - b, a, b)
            if value > top:
                top, back = value, (a, b)
        if back is not None:
            best[(i, j)] = (top, back)
    if (n, m) not in best:
        if band is not None:
            return best_path(n, m, score, shapes, None)
        raise ValueError("no alignment path: the bead shapes cannot cover the input")
    path = []
    i, j = n, m
    while (i, j) != (0, 0):
        a, b = best[(i, j)][1]
        i, j = i - a, j - b
        path.append((i, j, a, b, score(i, j, a, b)))
    path.reverse()
    return path


def _logsumexp(values: list[float]) -> float:
    top = max(values)
    if top == NEG:
        return NEG
    return top + math.log(sum(math.exp(v - top) for v in values))


def posteriors(n: int, m: int, score: Score, path, shapes=SHAPES, band: int | None = None,
               temperature: float = 1.0) -> list[float]:
    """For each bead of `path`, the posterior probability that it is part of the alignment."""
    inside = band_of(n, m, band)
    cells = list(_lattice(n, m, shapes, inside))
    t = temperature
    fwd = {(0, 0): 0.0}
    for i, j in cells:
        terms = [fwd[(i - a, j - b)] + score(i - a, j - b, a, b) / t
                 for a, b in shapes if (i - a, j - b) in fwd]
        if terms:
            fwd[(i, j)] = _logsumexp(terms)
    if (n, m) not in fwd:
        return [0.0 for _ in path]
    bwd = {(n, m): 0.0}
    for i, j in reversed([(0, 0)] + cells):
        if (i, j) == (n, m):
            continue
        terms = [bwd[(i + a, j + b)] + score(i, j, a, b) / t
                 for a, b in shapes if (i + a, j + b) in bwd]
        if terms:
            bwd[(i, j)] = _logsumexp(terms)
    total = fwd[(n, m)]
    out = []
    for i, j, a, b, s in path:
        f, g = fwd.get((i, j)), bwd.get((i + a, j + b))
        out.append(0.0 if f is None or g is None else min(1.0, math.exp(f + s / t + g - total)))
    return out
