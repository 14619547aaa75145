"""One score per glossary entry, 0 to 1, that predicts the entry being right: a logistic
model over the entry's features (build.py computes them), fitted on the reference term
lists by benchmarks/calibrate_glossary.py. Entries under the build's `min_score` are
"candidate": kept in the workspace, not exported unless asked."""
from __future__ import annotations

import math

# The score of an entry: feature → (transform, weight) of a logistic model, fitted by
# benchmarks/calibrate_glossary.py on the reference lists of the seeds and the real acts.
#   dice         association of the two terms over distinct beads
#   links        distinct beads in which the two were linked
#   acts         distinct acts those beads come from
#   confidence   mean alignment confidence of those beads
#   consistency  share of the Kazakh term's links that go to this translation
#   words        how well the words of the two terms answer each other
#   length       1 when the terms have as many words, less the more they differ
_TRANSFORMS = {"id": lambda x: x, "log1p": math.log1p}
# Fitted on the seeds and the 19 real acts against "the entry is in the reference list";
# the lists leave out general words, so the score reads low: 0.1 already means likely right.
# The weight of confidence came out negative (confounded: short formulaic beads align with
# high confidence) and is left at 0.
SCORE_FEATURES = {
    "dice": ("id", 0.837), "links": ("log1p", 0.616), "acts": ("log1p", 0.437), "confidence": ("id", 0.0),
    "consistency": ("id", 1.520), "words": ("id", 1.526), "length": ("id", 8.685),
}
SCORE_WEIGHTS = {"bias": -14.914}


def entry_score(features: dict) -> float:
    """How likely an entry is right, 0 to 1: a logistic model over the entry's features,
    its weights (`SCORE_WEIGHTS`) fitted on the reference term lists
    (benchmarks/calibrate_glossary.py)."""
    z = SCORE_WEIGHTS["bias"]
    for name, (transform, weight) in SCORE_FEATURES.items():
        z += weight * _TRANSFORMS[transform](features[name])
    return 1 / (1 + math.exp(-z))
