"""Align the official acts in tests/data/real (copies of ../shared/real) and score them.

Every pair is aligned as `saikes run` does it: a first pass over all pairs teaches the
lexicon the second pass uses. Prints, per act, the beads by shape and the article report;
where a gold alignment exists (tests/data/real_gold, made by reading both texts), link F1
and bead F1 from ../shared/eval/align_score.py's `score` (a copy of the scorer is not
needed: tests/goldtools reads gold the same way); and a calibration table over all gold
acts: confidence bucket -> beads -> share exactly a gold bead.

With --perturb, every gold act is also aligned in perturbed copies (tests/perturb.py: a
tenth of the sentences of one side lost, headings lost, articles renumbered, a table of
contents added, text re-wrapped at 40-60 characters, one paragraph a line, a web page with
menus, article text on the heading line), with the gold adjusted to match; the figures are
printed per family and the calibration table covers them all.

    python benchmarks/real_acts.py [--only NAME ...] [--perturb] [--show-wrong] [--reports]
"""
import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from align.core.aligner import align_documents, confident_texts  # noqa: E402
from align.text.pipeline import load_document  # noqa: E402
from goldtools import stream  # noqa: E402
import perturb  # noqa: E402

REAL = ROOT / "tests" / "data" / "real"
GOLD = ROOT / "tests" / "data" / "real_gold"
SCORER = ROOT / "tests" / "data" / "eval" / "align_score.py"
EDGES = [0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01]


def load_scorer():
    spec = importlib.util.spec_from_file_location("align_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def real_names():
    return sorted(p.stem for p in (REAL / "kk").glob("*.md"))


def align_corpus(pairs: dict, params=None, honest: bool = True):
    """{name: (kk Document, ru Document)} -> ({name: Alignment}, {name: lexicon}), two passes
    as `saikes run` makes them. The built-in lexicon was learned from these very acts, so by
    default (`honest`) each act is aligned with a built-in lexicon learned from the other
    acts only, as a new act would be; each act's lexicon is the corpus's own merged over that."""
    from align.core import lexicon_data
    from align.core.aligner import lexicon_from_texts
    from align.core.scoring import DEFAULT, Lexicon
    params = params or DEFAULT
    none = Lexicon()
    if honest:
        plain = {n: confident_texts(align_documents(*docs, params, none).beads) for n, docs in pairs.items()}
        bases = {n: lexicon_from_texts([t for m, ts in plain.items() if m != n for t in ts], none) for n in pairs}
    else:
        bases = {n: lexicon_data.builtin() for n in pairs}
    first = {n: align_documents(*docs, params, bases[n]) for n, docs in pairs.items()}
    texts = [t for a in first.values() for t in confident_texts(a.beads)]
    learned = lexicon_from_texts(texts, none)
    lexicons = {n: lexicon_data.merge(learned, bases[n]) for n in pairs}
    return {n: align_documents(*pairs[n], params, lexicons[n]) for n in pairs}, lexicons


def load_variant(texts: dict, fmt: dict, name: str):
    """Documents from perturbed source texts, read as their format says."""
    from align.text.pipeline import build_document
    from align.text.read import RawText, read_html_bytes
    docs = []
    for side in ("kk", "ru"):
        if fmt[side] == "html":
            raw = read_html_bytes(texts[side].encode("utf-8"), f"{name}.html")
        else:
            raw = RawText(texts[side], "utf-8", fmt[side])
        docs.append(build_document(raw, f"{name}.{fmt[side]}", side))
    return tuple(docs)


def perturbed_runs(names, lexicons, families=perturb.FAMILIES[1:], seed=0):
    """{family: [(name, Alignment, gold)]} for the gold acts among `names`."""
    out = {}
    for family in families:
        runs = []
        for k, n in enumerate(names):
            gold_path = GOLD / f"{n}.json"
            if not gold_path.exists():
                continue
            texts = {side: (REAL / side / f"{n}.md").read_text(encoding="utf-8") for side in ("kk", "ru")}
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            texts, fmt, gold = perturb.variant(family, texts, gold, seed + k)
            kk, ru = load_variant(texts, fmt, n)
            runs.append((n, align_documents(kk, ru, lexicon=lexicons[n]), gold))
        out[family] = runs
    return out


def gold_keys(gold) -> set:
    return {(stream(" ".join(b["kk"])), stream(" ".join(b["ru"]))) for b in gold["beads"]}


def calibration_rows(beads, gold):
    keys = gold_keys(gold)
    return [(b["confidence"], (stream(b["kk"]), stream(b["ru"])) in keys, b) for b in beads]


def print_calibration(rows, title):
    print(f"\n{title}\nconfidence     beads  exactly right")
    for lo, hi in zip(EDGES, EDGES[1:]):
        bucket = [r for c, r, _ in rows if lo <= c < hi]
        if bucket:
            print(f"[{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}  {len(bucket):6}  "
                  f"{sum(bucket) / len(bucket):.3f}")
    high = [r for c, r, _ in rows if c >= 0.9]
    if high:
        print(f">= 0.90       {len(high):6}  {sum(high) / len(high):.3f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", help="act names to align (default: all)")
    ap.add_argument("--show-wrong", action="store_true", help="print confident beads that are not gold beads")
    ap.add_argument("--reports", action="store_true", help="print each act's structural report")
    ap.add_argument("--perturb", action="store_true", help="also align perturbed copies of the gold acts")
    ap.add_argument("--builtin", action="store_true",
                    help="use the shipped built-in lexicon (learned from these very acts: optimistic)")
    args = ap.parse_args()
    names = args.only or real_names()
    t0 = time.perf_counter()
    pairs = {n: (load_document(REAL / "kk" / f"{n}.md", "kk"), load_document(REAL / "ru" / f"{n}.md", "ru"))
             for n in names}
    t1 = time.perf_counter()
    results, lexicons = align_corpus(pairs, honest=not args.builtin)
    t2 = time.perf_counter()
    scorer = load_scorer() if SCORER.exists() else None
    rows = []
    print(f"{'act':52} {'kk':>5} {'ru':>5} {'beads':>5}  {'link F1':>7} {'bead F1':>7}  problems")
    for n in names:
        a = results[n]
        r = a.report
        gold_path = GOLD / f"{n}.json"
        link = bead = ""
        if gold_path.exists():
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            if scorer:
                s = scorer.score(gold, [(b["kk"], b["ru"]) for b in a.beads])
                link, bead = f"{s['link_f1']:.4f}", f"{s['bead_f1']:.4f}"
            rows.extend(calibration_rows(a.beads, gold))
        print(f"{n:52} {r['kk_segments']:5} {r['ru_segments']:5} {r['beads']:5}  {link:>7} {bead:>7}  "
              f"{len(r['article_problems'])}")
        if args.reports:
            for f in r["structure"]:
                print(f"      {'mismatch' if f['mismatch'] else 'note'}: {f['message']}")
    print(f"\nread {t1 - t0:.1f} s, align {t2 - t1:.1f} s; built-in lexicon "
          f"{'as shipped' if args.builtin else 'learned without the act measured'}")
    print_calibration(rows, "calibration on the gold acts")
    if args.perturb:
        print(f"\n{'perturbation':24} {'acts':>4}  {'link F1 mean/min':>17}  {'bead F1 mean/min':>17}")
        perturbed_rows = []
        for family, runs in perturbed_runs(names, lexicons).items():
            links, beads = [], []
            for n, a, gold in runs:
                if scorer:
                    s = scorer.score(gold, [(b["kk"], b["ru"]) for b in a.beads])
                    links.append(s["link_f1"])
                    beads.append(s["bead_f1"])
                perturbed_rows.extend(calibration_rows(a.beads, gold))
            if links:
                print(f"{family:24} {len(runs):4}  {sum(links) / len(links):8.4f} {min(links):.4f}  "
                      f"{sum(beads) / len(beads):8.4f} {min(beads):.4f}")
        print_calibration(perturbed_rows, "calibration on the perturbed gold acts")
        rows += perturbed_rows
    if args.show_wrong:
        for c, right, b in rows:
            if c >= 0.9 and not right:
                print(f"  WRONG {c:.2f} {b['scores'].get('shape')}\n     kk: {b['kk'][:160]}\n     ru: {b['ru'][:160]}")


if __name__ == "__main__":
    main()
