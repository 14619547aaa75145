"""Bead confidence: the posterior of the bead and its clues, mapped by a logistic
regression to the probability that the bead is right.

Besides the posterior, the clues that tell a right pair from a shifted one carry most of
the weight: how much better the bead's words and numbers fit than its neighbours' would
(`margin`), the lexicon's log-likelihood ratio, numbers that contradict, and the structure
(a heading paired with another unit's heading, text paired across units, a kind paired
with another kind). The coefficients are data, fitted by benchmarks/calibrate.py on the
official acts with gold, their perturbed copies, the seeds' gold and Text+Berg; refit
there after changing the scorer.
"""
from __future__ import annotations

import math

FEATURES = ("intercept", "posterior_logit", "unaligned", "expected_alone", "many_to_one", "numbers_agree",
            "numbers_contradict", "cognates", "lexicon", "lexicon_llr", "length_logp", "margin",
            "key_match", "key_mismatch", "role_mismatch", "unit_mismatch", "moved")
WEIGHTS = (2.9453, 0.4686, -2.5864, 1.5305, -1.9429, 0.4067, -0.7599, -1.0392, 0.7552, -0.5003, 0.8472,
           0.5614, -0.6800, 0.1883, -0.2626, -0.1888, 0.0000)


def features(posterior: float, parts: dict) -> list[float]:
    p = min(max(posterior, 1e-4), 1 - 1e-4)
    shape = parts.get("shape", "1:1")
    skip = shape in ("1:0", "0:1")
    agree = parts.get("numbers_agree", 0) > 0
    return [1.0, math.log(p / (1 - p)), float(skip), float(skip and bool(parts.get("expected_alone"))),
            float(not skip and shape != "1:1"),
            float(agree), float(parts.get("numbers_differ", 0) > 0 and not agree),
            float(parts.get("cognates", 0.0)), float(parts.get("lexicon", 0.0)),
            max(-3.0, min(3.0, float(parts.get("lex_llr", 0.0)) / 10)),
            max(-10.0, float(parts.get("length", 0.0))),
            max(-3.0, min(3.0, float(parts.get("margin", 0.0)) / 3)),
            float(parts.get("key_match", 0)), float(parts.get("key_mismatch", 0)),
            float(parts.get("role", 0) > 0), float(parts.get("unit_mismatch", 0)), float(parts.get("moved", 0))]


def confidence(posterior: float, parts: dict) -> float:
    z = sum(w * f for w, f in zip(WEIGHTS, features(posterior, parts)))
    return round(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))), 4)
