"""Tune the aligner's weights on the gold acts and their perturbed copies.

Coordinate descent: each weight of `scoring.Params` in turn is tried at a few multiples
of its current value, and kept where the mean of link F1 and bead F1 over every gold act
in every perturbation family (tests/perturb.py) is highest. The documents are read once
and the lexicon learned once, so a trial costs one alignment of each variant.

    python benchmarks/tune_aligner.py [--rounds 2] [--families original drop_kk ...]

Prints the best Params; copy them into align/core/scoring.py and refit the calibration
(python benchmarks/calibrate.py --fit).
"""
import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from align.core.aligner import align_documents, prepare  # noqa: E402
from align.core.scoring import DEFAULT  # noqa: E402
import perturb  # noqa: E402
from real_acts import GOLD, REAL, align_corpus, load_scorer, load_variant, real_names  # noqa: E402
from align.text.pipeline import load_document  # noqa: E402

TUNED = ("variance", "w_numbers", "w_number_miss", "w_cognates", "w_lexicon", "w_lex_llr", "w_key_match",
         "w_key_mismatch", "w_role", "w_unit", "skip", "skip_cheap")
PRIORS = {"prior_12": ((1, 2), (2, 1)), "prior_22": ((2, 2),), "prior_13": ((1, 3), (3, 1))}
STEPS = (0.6, 0.8, 1.25, 1.6)


def get(params, name):
    if name in PRIORS:
        return params.priors[PRIORS[name][0]]
    return getattr(params, name)


def with_value(params, name, value):
    if name in PRIORS:
        priors = dict(params.priors)
        for shape in PRIORS[name]:
            priors[shape] = value
        return dataclasses.replace(params, priors=priors)
    return dataclasses.replace(params, **{name: value})


def cases(families):
    names = [n for n in real_names() if (GOLD / f"{n}.json").exists()]
    pairs = {n: (load_document(REAL / "kk" / f"{n}.md", "kk"), load_document(REAL / "ru" / f"{n}.md", "ru"))
             for n in real_names()}
    _, lexicons = align_corpus(pairs)
    out = []
    for family in families:
        for k, n in enumerate(names):
            texts = {side: (REAL / side / f"{n}.md").read_text(encoding="utf-8") for side in ("kk", "ru")}
            gold = json.loads((GOLD / f"{n}.json").read_text(encoding="utf-8"))
            texts, fmt, gold = perturb.variant(family, texts, gold, k)
            kk, ru = load_variant(texts, fmt, n)
            out.append((family, n, prepare(kk), prepare(ru), gold, lexicons[n]))
    return out


def evaluate(params, data, scorer) -> float:
    total = 0.0
    for _, _, kk, ru, gold, lexicon in data:
        beads = align_documents(kk, ru, params, lexicon).beads
        s = scorer.score(gold, [(b["kk"], b["ru"]) for b in beads])
        total += (s["link_f1"] + s["bead_f1"]) / 2
    return total / len(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--families", nargs="*", default=list(perturb.FAMILIES))
    args = ap.parse_args()
    scorer = load_scorer()
    data = cases(args.families)
    best = DEFAULT
    t = time.perf_counter()
    best_score = evaluate(best, data, scorer)
    print(f"start {best_score:.5f} ({len(data)} cases, {time.perf_counter() - t:.0f} s a trial)", flush=True)
    for rnd in range(args.rounds):
        for name in TUNED + tuple(PRIORS):
            for step in STEPS:
                trial = with_value(best, name, get(best, name) * step)
                score = evaluate(trial, data, scorer)
                if score > best_score + 1e-5:
                    best, best_score = trial, score
                    print(f"round {rnd + 1}: {name} = {get(best, name):.3f} -> {best_score:.5f}", flush=True)
    print("\nbest", best_score)
    print({name: round(get(best, name), 3) for name in TUNED + tuple(PRIORS)})


if __name__ == "__main__":
    main()
