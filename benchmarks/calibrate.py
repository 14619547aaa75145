"""Fit and check the bead confidence.

The calibration set: the official acts with gold (tests/data/real_gold), aligned as they
are and in perturbed copies (tests/perturb.py: sentences lost, headings lost, articles
renumbered, a table of contents added, other layouts), the seeds' dev gold, and the
Text+Berg de–fr development document. A logistic regression over each bead's posterior
and clues (align/core/calibration.py) maps them to the chance that the bead is exactly a
gold bead; its coefficients go to align/core/calibration.py.

    python benchmarks/calibrate.py          # calibration tables with the current coefficients
    python benchmarks/calibrate.py --fit    # refit, print the new coefficients and the tables
"""
import argparse
import ast
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from align.core import calibration  # noqa: E402
from align.core.dp import align_encoded  # noqa: E402
from align.core.features import clues, encode  # noqa: E402
from align.core.scoring import GENERIC, learn_lexicon  # noqa: E402
from align.text.pipeline import load_document  # noqa: E402
from real_acts import GOLD, REAL, align_corpus, calibration_rows, perturbed_runs, real_names  # noqa: E402
import json  # noqa: E402

from goldtools import TEXTBERG as PEER  # noqa: E402


def sample(beads_rows):
    """(features, right) from (confidence, right, bead) rows."""
    return [(calibration.features(b["scores"].get("posterior", 0.0), b["scores"]), right)
            for _, right, b in beads_rows]


def real_samples():
    names = real_names()
    pairs = {n: (load_document(REAL / "kk" / f"{n}.md", "kk"), load_document(REAL / "ru" / f"{n}.md", "ru"))
             for n in names}
    results, lexicons = align_corpus(pairs)
    clean = []
    for n in names:
        gold_path = GOLD / f"{n}.json"
        if gold_path.exists():
            clean.extend(sample(calibration_rows(results[n].beads, json.loads(gold_path.read_text(encoding="utf-8")))))
    perturbed = []
    for runs in perturbed_runs(names, lexicons).values():
        for _, a, gold in runs:
            perturbed.extend(sample(calibration_rows(a.beads, gold)))
    return clean, perturbed


def seed_samples():
    from eval_gold import align_seeds, gold_bead_set
    from goldtools import gold_files, load_gold, stream
    results, _ = align_seeds()
    out = []
    for path in gold_files():
        keys = gold_bead_set(load_gold(path))
        for b in results[path.stem].beads:
            out.append((calibration.features(b["scores"].get("posterior", 0.0), b["scores"]),
                        (stream(b["kk"]), stream(b["ru"])) in keys))
    return out


def textberg_samples():
    de = (PEER / "dev.de").read_text(encoding="utf-8").splitlines()
    fr = (PEER / "dev.fr").read_text(encoding="utf-8").splitlines()
    gold = set()
    for line in (PEER / "dev.defr").read_text(encoding="utf-8").splitlines():
        a, b = line.split(":")[:2]
        gold.add((tuple(ast.literal_eval(a)), tuple(ast.literal_eval(b))))
    dc = [clues(s, "de") for s in de]
    fc = [clues(s, "fr") for s in fr]
    ratio = sum(c.length for c in fc) / sum(c.length for c in dc)
    enc = encode(dc, fc)
    first = align_encoded(enc, ratio, GENERIC)
    lexicon = learn_lexicon([(dc[p.i].stems, fc[p.j].stems) for p in first
                             if p.a == 1 and p.b == 1 and p.posterior >= 0.5])
    return [(calibration.features(p.posterior, p.parts),
             (tuple(range(p.i, p.i + p.a)), tuple(range(p.j, p.j + p.b))) in gold)
            for p in align_encoded(enc, ratio, GENERIC, lexicon)]


def table(samples, weights, title):
    x = np.array([f for f, _ in samples])
    y = np.array([r for _, r in samples], dtype=float)
    conf = 1 / (1 + np.exp(-(x @ weights)))
    print(f"\n{title}: {len(y)} beads, {y.mean():.3f} right")
    print("confidence      beads  right")
    edges = [0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001]
    for lo, hi in zip(edges, edges[1:]):
        sel = (conf >= lo) & (conf < hi)
        if sel.any():
            print(f"[{lo:.2f}, {min(hi, 1):.2f}{']' if hi > 1 else ')'} {sel.sum():8}  {y[sel].mean():.3f}")
    sel = conf >= 0.9
    if sel.any():
        print(f">= 0.90       {sel.sum():8}  {y[sel].mean():.3f}   (wrong beads at >= 0.90: {int((1 - y[sel]).sum())})")
    wrong = y == 0
    if wrong.any():
        print(f"wrong beads below 0.5: {(conf[wrong] < 0.5).mean():.3f}")


def fit(samples, l2=1.0, iterations=60):
    """Logistic regression by Newton's method with an L2 penalty (not on the intercept)."""
    x = np.array([f for f, _ in samples])
    y = np.array([r for _, r in samples], dtype=float)
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty @ w
        hess = (x.T * (p * (1 - p))) @ x + penalty
        w -= np.linalg.solve(hess, grad)
    return w


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fit", action="store_true")
    args = ap.parse_args()
    clean, perturbed = real_samples()
    seeds = seed_samples()
    textberg = textberg_samples()
    weights = np.array(calibration.WEIGHTS)
    if args.fit:
        weights = fit(clean + perturbed + seeds + textberg)
        print("WEIGHTS = (" + ", ".join(f"{w:.4f}" for w in weights) + ")")
        print("names:  ", ", ".join(calibration.FEATURES))
    table(clean, weights, "official acts with gold")
    table(perturbed, weights, "official acts, perturbed copies (11 families)")
    table(clean + perturbed, weights, "official acts, as they are and perturbed")
    table(seeds, weights, "seeds' dev gold (000, 001, 004)")
    table(textberg, weights, "Text+Berg de-fr dev")


if __name__ == "__main__":
    main()
