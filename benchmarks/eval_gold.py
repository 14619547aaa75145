"""Align the seed pairs and score them against the dev gold with ../shared/eval/align_score.py.

Prints link F1 and bead F1 per gold document and a calibration table (confidence bucket
-> share of beads that are exactly a gold bead).

    python benchmarks/eval_gold.py [--calibration]
"""
import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from align.core.aligner import align_documents, confident_texts  # noqa: E402
from align.core.features import clues  # noqa: E402
from align.core.scoring import learn_lexicon  # noqa: E402
from align.text.pipeline import load_document  # noqa: E402
from goldtools import stream  # noqa: E402

SCORER = ROOT / "tests" / "data" / "eval" / "align_score.py"


def load_scorer():
    spec = importlib.util.spec_from_file_location("align_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def align_seeds(params=None):
    from align.core.scoring import DEFAULT
    params = params or DEFAULT
    names = sorted(p.stem for p in (ROOT / "seeds" / "kk").glob("*.txt"))
    docs = {n: (load_document(ROOT / "seeds" / "kk" / f"{n}.txt", "kk"),
                load_document(ROOT / "seeds" / "ru" / f"{n}.txt", "ru")) for n in names}
    first = {n: align_documents(*docs[n], params) for n in names}
    texts = [t for a in first.values() for t in confident_texts(a.beads)]
    lexicon = learn_lexicon((clues(kk, "kk").stems, clues(ru, "ru").stems) for kk, ru in texts)
    return {n: align_documents(*docs[n], params, lexicon) for n in names}, lexicon


def gold_bead_set(gold):
    return {(stream(" ".join(b["kk"])), stream(" ".join(b["ru"]))) for b in gold["beads"]}


def evaluate(results, scorer, show=False):
    out = {}
    calib = []
    for gold_path in sorted((ROOT / "tests" / "data" / "seeds_gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        beads = results[gold_path.stem].beads
        pairs = [(b["kk"], b["ru"]) for b in beads]
        out[gold_path.stem] = scorer.score(gold, pairs)
        gset = gold_bead_set(gold)
        for b in beads:
            right = (stream(b["kk"]), stream(b["ru"])) in gset
            calib.append((b["confidence"], right))
            if show and not right:
                print(f"  WRONG {b['confidence']:.2f} {b['scores']} \n     kk: {b['kk'][:150]}\n     ru: {b['ru'][:150]}")
    return out, calib


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true", help="print the beads that are not gold beads")
    args = ap.parse_args()
    results, lexicon = align_seeds()
    scores, calib = evaluate(results, load_scorer(), args.show)
    print(f"lexicon entries {len(lexicon)}")
    for doc, s in scores.items():
        print(f"{doc}: link F1 {s['link_f1']:.4f}  bead F1 {s['bead_f1']:.4f}  "
              f"(pairs {s['pairs']}, gold beads {s['gold_beads']})")
    print("\nconfidence   beads  exactly right")
    edges = [0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01]
    for lo, hi in zip(edges, edges[1:]):
        bucket = [r for c, r in calib if lo <= c < hi]
        if bucket:
            print(f"[{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}  {len(bucket):5}  {sum(bucket) / len(bucket):.3f}")
    high = [r for c, r in calib if c >= 0.9]
    if high:
        print(f">= 0.90      {len(high):5}  {sum(high) / len(high):.3f}")


if __name__ == "__main__":
    main()
