"""Precision of the top glossary entries, judged against tests/data/reference_terms.tsv.

The reference list was written from a reading of the seed texts before the extractor
existed. An entry (Kazakh term → Russian term) counts as right when its Kazakh term is in
the list and its Russian term is one of the renderings the list accepts for it; both are
compared by their normalized keys (Kazakh stems, Russian lemmas), so inflection and
number do not matter. Anything the list lacks counts as wrong.

    python benchmarks/glossary_precision.py                  # gold beads of 000, 001, 004
    python benchmarks/glossary_precision.py --source aligner # all five seed pairs, aligned by saikes
    python benchmarks/glossary_precision.py --top 60 --show  # more entries, each judged
    python benchmarks/glossary_precision.py --repeat 20      # speed: every pair stored 20 times

Prints the precision of the top N entries (N = 40 by default) and the time the build took.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from align import glossary as G  # noqa: E402
from align.glossary import kazakh_stem as kz  # noqa: E402
from align.glossary import russian_lemma as rl  # noqa: E402
from align.store import Workspace  # noqa: E402

REFERENCE = ROOT / "tests" / "data" / "reference_terms.tsv"


def load_reference(stemmer=None, path: Path = REFERENCE) -> dict[str, set[str]]:
    """kk key → accepted ru keys."""
    ref: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kk, ru = line.split("\t")
        key = kz.phrase_key(kk, stemmer)
        ref.setdefault(key, set()).update(rl.phrase_key(r.strip()) for r in ru.split("|") if r.strip())
    return ref


def judge(entries, ref) -> list[bool]:
    return [e.kk_key in ref and e.ru_key in ref[e.kk_key] for e in entries]


def seed_workspace(path: Path, source: str) -> Workspace:
    if source == "gold":
        from test_glossary import gold_workspace
        return gold_workspace(path)
    from align.jobs import align_all
    from align.cli import SEEDS
    from align.text.pipeline import load_document
    ws = Workspace(path)
    for kk_path in sorted((SEEDS / "kk").glob("*.txt")):
        ru_path = SEEDS / "ru" / kk_path.name
        ws.import_pair(kk_path.stem, load_document(kk_path, "kk"), load_document(ru_path, "ru"))
    align_all(ws)
    return ws


def repeat_pairs(ws: Workspace, times: int) -> None:
    for p in ws.pairs():
        kk, ru = ws.document(p.id, "kk"), ws.document(p.id, "ru")
        beads = [dict(section=b.section, article=b.article, kk_segs=b.kk_segs, ru_segs=b.ru_segs, kk=b.kk,
                      ru=b.ru, confidence=b.confidence, scores=b.scores, status=b.status)
                 for b in ws.beads(p.id)]
        for i in range(1, times):
            name = f"{p.name}~{i}"
            ws.import_pair(name, kk, ru)
            ws.store_alignment(ws.pair(name).id, beads, {})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", choices=("gold", "aligner"), default="gold",
                    help="beads from the gold alignments (000, 001, 004) or from saikes' aligner (all five)")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--show", action="store_true", help="list the entries with their verdicts")
    ap.add_argument("--association", choices=("dice", "llr"), default="dice",
                    help="association measure the candidates are linked by (default: dice)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="store every pair this many times (under new names) to time bigger builds; "
                         "precision is then not meaningful")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        ws = seed_workspace(Path(tmp) / "bench.db", args.source)
        if args.repeat > 1:
            repeat_pairs(ws, args.repeat)
        t = time.perf_counter()
        stats = G.build_glossary(ws, association=args.association)
        took = time.perf_counter() - t
        ref = load_reference(G.kazakh_stemmer(ws))
        rows = G.entries(ws)[:args.top]
        verdicts = judge(rows, ref)
        if args.show:
            for i, (e, ok) in enumerate(zip(rows, verdicts), 1):
                print(f"{i:3} {'+' if ok else '-'} {e.kk:40} → {e.ru:45} {e.freq:3} links, Dice {e.dice:.2f}")
        right = sum(verdicts)
        print(f"source: {args.source}; association: {args.association}; {stats['pairs']} pairs, {stats['beads']} beads; "
              f"{stats['entries']} entries; build {took:.2f} s")
        print(f"precision@{len(rows)}: {right}/{len(rows)} = {right / max(len(rows), 1):.3f}")
        ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
