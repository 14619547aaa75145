"""Bead confidence: the posterior of the bead and its clues, mapped by a logistic
regression to the probability that the bead is right.

The coefficients are data, fitted by benchmarks/calibrate.py on the seeds with
segments deleted at random and on the Text+Berg de–fr development document; refit
there after changing the scorer.
"""
from __future__ import annotations

import math

FEATURES = ("intercept", "posterior_logit", "unaligned", "many_to_one", "numbers_agree",
            "numbers_contradict", "cognates", "lexicon", "length_logp")
WEIGHTS = (2.9983, 0.3612, -1.7210, -2.9704, -0.0441, -2.2462, -0.2868, 0.3875, 0.3626)


def features(posterior: float, parts: dict) -> list[float]:
    p = min(max(posterior, 1e-4), 1 - 1e-4)
    shape = parts.get("shape", "1:1")
    skip = shape in ("1:0", "0:1")
    agree = parts.get("numbers_agree", 0) > 0
    return [1.0, math.log(p / (1 - p)), float(skip), float(not skip and shape != "1:1"),
            float(agree), float(parts.get("numbers_differ", 0) > 0 and not agree),
            float(parts.get("cognates", 0.0)), float(parts.get("lexicon", 0.0)),
            max(-10.0, float(parts.get("length", 0.0)))]


def confidence(posterior: float, parts: dict) -> float:
    z = sum(w * f for w, f in zip(WEIGHTS, features(posterior, parts)))
    return round(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))), 4)
