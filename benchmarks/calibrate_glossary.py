"""Fit the glossary's entry score (align/glossary/build.py: SCORE_FEATURES, SCORE_WEIGHTS)
on the reference term lists: a logistic regression of "the entry is in the list" on the
entry's features, over the entries built from the seeds and from the real acts.

    python benchmarks/calibrate_glossary.py --db seeds.db --db real.db:real

Each --db is an aligned workspace (a copy is read); ":real" judges it against
tests/data/reference_terms_real.tsv. Prints the fitted weights, to be copied into
build.py, and precision/recall of exported entries at a few thresholds.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from glossary_precision import REFERENCE, REFERENCE_REAL, load_reference

from align.glossary import build as B
from align.glossary import score as S
from align.glossary.beads import kazakh_stemmer
from align.store import Workspace


def rows_of(db: str, real: bool):
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "w.db"
        shutil.copy(db, copy)
        ws = Workspace(copy, create=False)
        entries, _ = B.build_entries(ws)
        ref = load_reference(kazakh_stemmer(ws), REFERENCE_REAL if real else REFERENCE)
        ws.close()
    entries = [e for e in entries if "features" in e]      # derived entries carry their sources' scores
    X = [[S._TRANSFORMS[t](e["features"][n]) for n, (t, _) in S.SCORE_FEATURES.items()] for e in entries]
    y = [e["kk_key"] in ref and e["ru_key"] in ref[e["kk_key"]] for e in entries]
    return np.array(X, float), np.array(y, float)


def fit(X, y, l2=0.01, steps=5000, lr=0.5):
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = (X - mu) / sd
    w, b = np.zeros(Z.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(Z @ w + b)))
        w -= lr * (Z.T @ (p - y) / len(y) + l2 * w)
        b -= lr * float((p - y).mean())
    # back to the raw features
    w_raw = w / sd
    return w_raw, b - float((w * mu / sd).sum())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", action="append", required=True, help="workspace[:real]")
    args = ap.parse_args(argv)
    Xs, ys = [], []
    for spec in args.db:
        path, _, kind = spec.partition(":")
        X, y = rows_of(path, kind == "real")
        print(f"{path}: {len(y)} entries, {int(y.sum())} in the reference list")
        Xs.append(X)
        ys.append(y)
    X, y = np.vstack(Xs), np.concatenate(ys)
    names = list(S.SCORE_FEATURES)
    # every feature should make an entry more likely right; one that comes out negative is
    # confounded with another (short formulaic beads align with high confidence) and is
    # left out (weight 0) and the rest refitted
    use = np.ones(len(names), bool)
    while True:
        w_use, b = fit(X[:, use], y)
        w = np.zeros(len(names))
        w[use] = w_use
        if (w >= 0).all():
            break
        use &= w >= 0
    print("SCORE_FEATURES = {" + ", ".join(f'"{n}": ("{S.SCORE_FEATURES[n][0]}", {v:.3f})'
                                          for n, v in zip(names, w)) + "}")
    print(f'SCORE_WEIGHTS = {{"bias": {b:.3f}}}')
    for X, y, spec in zip(Xs, ys, args.db):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        for t in (0.1, 0.2, 0.3, 0.4, 0.5):
            keep = p >= t
            print(f"  {spec}: threshold {t}: {int(keep.sum())} exported, in list {y[keep].mean():.3f}, "
                  f"listed entries kept {y[keep].sum() / max(y.sum(), 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
