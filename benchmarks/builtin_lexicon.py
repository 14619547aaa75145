"""The built-in Kazakh–Russian legal lexicon: build it, and measure what it brings to an
act it has never seen.

The lexicon saikes ships (align/data/lexicon.tsv) is learned the way a workspace learns
its own: stem-to-stem Dice links over the confident beads of the official acts in
tests/data/real and the seeds, aligned in two passes. It lets the first pass of a single
new pair use legal vocabulary (Тараптар ~ Стороны, уәкілетті ~ уполномоченный) instead of
length and numbers alone.

Leave one out: for each act with gold, a lexicon learned from the other acts only aligns
that act alone (as `saikes align NAME` in an empty workspace would), against the same
alignment with no built-in lexicon.

    python benchmarks/builtin_lexicon.py            # leave-one-out figures
    python benchmarks/builtin_lexicon.py --write    # rebuild align/data/lexicon.tsv from all acts
"""
import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from align.core import lexicon_data  # noqa: E402
from align.core.aligner import align_documents, confident_texts, lexicon_from_texts, prepare  # noqa: E402
from align.core.scoring import Lexicon  # noqa: E402
from align.text.pipeline import load_document  # noqa: E402
from real_acts import GOLD, REAL, load_scorer, real_names  # noqa: E402


def corpus():
    docs = {n: (prepare(load_document(REAL / "kk" / f"{n}.md", "kk")),
                prepare(load_document(REAL / "ru" / f"{n}.md", "ru"))) for n in real_names()}
    seeds = ROOT / "seeds"
    for path in sorted((seeds / "kk").glob("*.txt")):
        docs[f"seed:{path.stem}"] = (prepare(load_document(path, "kk")),
                                     prepare(load_document(seeds / "ru" / path.name, "ru")))
    return docs


NONE = Lexicon()


def teach(docs, names, lexicon=NONE):
    """Confident (kk, ru) texts of the named pairs, aligned with `lexicon`."""
    texts = []
    for n in names:
        texts.extend(confident_texts(align_documents(*docs[n], lexicon=lexicon).beads))
    return texts


def single_pair(kk, ru, base):
    """`saikes align` on one new pair: first pass with `base`, second with what it taught
    merged over `base`."""
    first = align_documents(kk, ru, lexicon=base)
    return align_documents(kk, ru, lexicon=lexicon_from_texts(confident_texts(first.beads), base))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true", help="rebuild align/data/lexicon.tsv from every act")
    args = ap.parse_args()
    docs = corpus()
    if args.write:
        first = teach(docs, docs)
        texts = teach(docs, docs, lexicon_from_texts(first, NONE))
        lexicon = lexicon_from_texts(texts, NONE)
        lexicon_data.save(lexicon, lexicon_data.PATH)
        print(f"{lexicon_data.PATH}: {len(lexicon)} stems, p_true {lexicon.p_true}, p_random {lexicon.p_random}")
        return
    scorer = load_scorer()
    first = {n: confident_texts(align_documents(*docs[n], lexicon=NONE).beads) for n in docs}
    print(f"{'act (aligned alone)':48} {'no built-in':>17}  {'built-in, act left out':>22}")
    totals = [[], []]
    for n in real_names():
        gold_path = GOLD / f"{n}.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        base = lexicon_from_texts([t for m, texts in first.items() if m != n for t in texts], NONE)
        row = []
        for k, lexicon in enumerate((NONE, base)):
            s = scorer.score(gold, [(b["kk"], b["ru"]) for b in single_pair(*docs[n], lexicon).beads])
            row.append(f"{s['link_f1']:.4f} {s['bead_f1']:.4f}")
            totals[k].append((s["link_f1"], s["bead_f1"]))
        print(f"{n:48} {row[0]:>17}  {row[1]:>22}")
    for k, label in enumerate(("no built-in", "built-in, act left out")):
        link = sum(a for a, _ in totals[k]) / len(totals[k])
        bead = sum(b for _, b in totals[k]) / len(totals[k])
        print(f"mean {label:24} link F1 {link:.4f}  bead F1 {bead:.4f}")


if __name__ == "__main__":
    main()
