"""Fit and check the bead confidence.

The dev gold alone cannot calibrate anything: the aligner gets all of its beads right.
So the calibration set also holds the seeds with sentences deleted at random from one
side or the other (what a missing paragraph or a bad copy does: the aligner must leave
segments unaligned and sometimes errs), and the Text+Berg de–fr development document.
A logistic regression over the bead's posterior and clues maps them to the share of
beads that are right; its coefficients go to align/calibration.py.

    python benchmarks/calibrate.py          # print calibration tables with the current coefficients
    python benchmarks/calibrate.py --fit    # refit on the perturbed seeds + Text+Berg and print the new table
"""
import argparse
import ast
import json
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from align import calibration  # noqa: E402
from align.core.aligner import align_items, length_ratio  # noqa: E402
from align.core.features import clues  # noqa: E402
from align.text.pipeline import load_document  # noqa: E402
from align.core.scoring import learn_lexicon  # noqa: E402
from goldtools import stream  # noqa: E402

PEER = ROOT / "tests" / "data" / "textberg"


def seed_samples(drop: float, seed: int, lexicon):
    """(features, right) for every bead of the gold seeds with a share `drop` of the
    segments of each side deleted at random."""
    rng = random.Random(seed)
    out = []
    for gold_path in sorted((ROOT / "tests" / "data" / "seeds_gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        kk = load_document(ROOT / "seeds" / "kk" / f"{gold_path.stem}.txt", "kk")
        ru = load_document(ROOT / "seeds" / "ru" / f"{gold_path.stem}.txt", "ru")
        from align.core.aligner import pair_sections
        sections, _ = pair_sections(kk, ru)
        keep_kk = {k for k in range(len(kk.segments)) if rng.random() >= drop}
        keep_ru = {r for r in range(len(ru.segments)) if rng.random() >= drop}
        gold_beads = _gold_after_drop(gold, kk, ru, keep_kk, keep_ru)
        ratio = length_ratio(kk, ru)
        kc = [clues(s.text, "kk") for s in kk.segments]
        rc = [clues(s.text, "ru") for s in ru.segments]
        for sec in sections:
            ks = [k for k in sec.kk if k in keep_kk]
            rs = [r for r in sec.ru if r in keep_ru]
            for src, tgt, post, parts in align_items([kc[k] for k in ks], [rc[r] for r in rs], ratio,
                                                     lexicon=lexicon):
                key = (frozenset(ks[i] for i in src), frozenset(rs[j] for j in tgt))
                out.append((calibration.features(post, parts), key in gold_beads))
    return out


def _gold_after_drop(gold, kk, ru, keep_kk, keep_ru):
    """Gold beads as sets of our segment indexes (each segment belongs to the gold bead
    holding its first character), with the deleted segments taken out."""
    def owners(doc, side):
        ends, pos = [], 0
        for b in gold["beads"]:
            pos += len(stream(" ".join(b[side])))
            ends.append(pos)
        out, pos, k = {}, 0, 0
        for i, s in enumerate(doc.segments):
            while k < len(ends) - 1 and pos >= ends[k]:
                k += 1
            out[i] = k
            pos += len(stream(s.text))
        return out

    groups: dict[int, tuple[set, set]] = {}
    for i, b in owners(kk, "kk").items():
        if i in keep_kk:
            groups.setdefault(b, (set(), set()))[0].add(i)
    for j, b in owners(ru, "ru").items():
        if j in keep_ru:
            groups.setdefault(b, (set(), set()))[1].add(j)
    return {(frozenset(a), frozenset(b)) for a, b in groups.values()}


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
    first = align_items(dc, fc, ratio)
    lexicon = learn_lexicon([(dc[i[0]].stems, fc[j[0]].stems) for i, j, p, _ in first
                             if len(i) == 1 and len(j) == 1 and p >= 0.5])
    return [(calibration.features(p, parts), (tuple(i), tuple(j)) in gold)
            for i, j, p, parts in align_items(dc, fc, ratio, lexicon=lexicon)]


def table(samples, weights, title):
    x = np.array([f for f, _ in samples])
    y = np.array([r for _, r in samples], dtype=float)
    conf = 1 / (1 + np.exp(-(x @ weights)))
    print(f"\n{title}: {len(y)} beads, {y.mean():.3f} right")
    print("confidence    beads  right")
    edges = [0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001]
    for lo, hi in zip(edges, edges[1:]):
        sel = (conf >= lo) & (conf < hi)
        if sel.any():
            print(f"[{lo:.2f}, {min(hi, 1):.2f}{']' if hi > 1 else ')'} {sel.sum():6}  {y[sel].mean():.3f}")
    sel = conf >= 0.9
    if sel.any():
        print(f">= 0.90       {sel.sum():6}  {y[sel].mean():.3f}")


def fit(samples, l2=1.0, iterations=50):
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
    from eval_gold import align_seeds
    _, lexicon = align_seeds()
    clean = seed_samples(0.0, 0, lexicon)
    perturbed = [s for k in range(6) for s in seed_samples(0.1, k, lexicon)]
    textberg = textberg_samples()
    weights = np.array(calibration.WEIGHTS)
    if args.fit:
        weights = fit(perturbed + textberg)
        print("WEIGHTS = (" + ", ".join(f"{w:.4f}" for w in weights) + ")")
        print("names:  ", ", ".join(calibration.FEATURES))
    table(clean, weights, "dev gold (000, 001, 004)")
    table(perturbed, weights, "dev gold with 10% of segments deleted per side (6 draws)")
    table(textberg, weights, "Text+Berg de-fr dev")


if __name__ == "__main__":
    main()
