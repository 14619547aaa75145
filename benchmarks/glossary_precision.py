"""Precision and recall of the glossary, judged against reference term lists written by
reading the texts before tuning (tests/data/reference_terms.tsv for the seeds,
tests/data/reference_terms_real.tsv for the 19 real acts).

An entry (Kazakh term → Russian term) counts as right when its Kazakh term is in the list
and its Russian term is one of the renderings the list accepts for it; both are compared
by their normalized keys (Kazakh stems, Russian lemmas), so inflection and number do not
matter. Anything the list lacks counts as wrong (so precision is a lower bound: the lists
are not complete). On the real acts the judged sample (`benchmarks/glossary_real_sample.tsv`,
200 exported entries drawn at random and judged by reading their beads) gives the precision
figure instead; verdicts given before (an earlier sample, the top 100, entries read apart:
`glossary_real_sample_17e19cf.tsv`, `glossary_real_top100.tsv`, `glossary_real_judged.tsv`) are
carried into a new sample.

Recall: of the reference pairs attested in the texts — the Kazakh term and one of its
renderings occur, as word sequences with the same keys, in the same bead of at least two
distinct beads — the share the exported glossary holds. Attestation reads the bead texts,
not the extractor's candidates, so a term the extractor cannot see still counts as missed.

    python benchmarks/glossary_precision.py                    # the five seeds aligned by saikes
    python benchmarks/glossary_precision.py --source gold      # gold beads of 000, 001, 004
    python benchmarks/glossary_precision.py --top 100 --show   # each of the top entries judged
    python benchmarks/glossary_precision.py --real             # the 19 real acts (aligned first)
    python benchmarks/glossary_precision.py --real --sample 200 # write a sample to judge by hand
    python benchmarks/glossary_precision.py --db saikes.db     # any aligned workspace (a copy is built)

Prints precision of the top N (100 by default) and of all exported entries, recall of the
attested reference pairs, and the time the build took.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from align import glossary as G
from align.glossary import kazakh_stem as kz
from align.glossary import russian_lemma as rl
from align.model import Status
from align.store import Workspace

REFERENCE = ROOT / "tests" / "data" / "reference_terms.tsv"
REFERENCE_REAL = ROOT / "tests" / "data" / "reference_terms_real.tsv"
REAL = ROOT / "tests" / "data" / "real"
SAMPLE = ROOT / "benchmarks" / "glossary_real_sample.tsv"
JUDGED_SEEDS = ROOT / "benchmarks" / "glossary_judged_seeds.tsv"
JUDGED_REAL_TOP = ROOT / "benchmarks" / "glossary_real_top100.tsv"
# entries of the real acts judged by reading outside the current sample: an earlier sample (its
# verdicts stay) and entries read while changing the build (kk, ru, verdict, reason)
OLD_SAMPLE = ROOT / "benchmarks" / "glossary_real_sample_17e19cf.tsv"
JUDGED_REAL = ROOT / "benchmarks" / "glossary_real_judged.tsv"


def real_verdicts(stemmer=None) -> dict:
    """Every verdict by reading on the real acts' entries: the earlier sample, the top 100,
    the entries read apart, and the current sample (later files win where they differ)."""
    return {**load_judged(OLD_SAMPLE, stemmer, 1, 3), **load_judged(JUDGED_REAL_TOP, stemmer),
            **load_judged(JUDGED_REAL, stemmer), **load_judged(SAMPLE, stemmer, 1, 3)}


def load_reference(stemmer=None, path: Path = REFERENCE) -> dict[str, set[str]]:
    """kk key → accepted ru keys."""
    ref: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kk, ru = line.split("\t")[:2]
        key = kz.phrase_key(kk, stemmer)
        ref.setdefault(key, set()).update(rl.phrase_key(r.strip()) for r in ru.split("|") if r.strip())
    return ref


def judge(entries, ref, judged: dict | None = None) -> list[bool]:
    """Right: in the reference list, or judged right by reading (`judged`)."""
    judged = judged or {}
    return [e.kk_key in ref and e.ru_key in ref[e.kk_key] or
            judged.get((e.kk_key, e.ru_key), judged.get(("as written", e.kk, e.ru), False)) for e in entries]


def load_judged(path: Path, stemmer=None, kk_col: int = 0, verdict_col: int = 2) -> dict[tuple, bool]:
    """(kk key, ru key) → judged right, from a file of entries judged by reading."""
    out = {}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[verdict_col] in ("right", "wrong"):
            ok = cols[verdict_col] == "right"
            out[(kz.phrase_key(cols[kk_col], stemmer), rl.phrase_key(cols[kk_col + 1]))] = ok
            out[("as written", cols[kk_col], cols[kk_col + 1])] = ok     # where a key comes out otherwise
    return out


def exported(entries) -> list:
    """The entries the glossary files carry: all but the low-score candidates."""
    return [e for e in entries if e.status != getattr(Status, "CANDIDATE", "candidate")]


# ------------------------------------------------------------------ recall

def _window_keys(words: list[str], key_of, max_words: int = 4) -> set[str]:
    out = set()
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + max_words) + 1):
            out.add(key_of(words[i:j]))
    return out


def attested(ws: Workspace, ref: dict[str, set[str]], stemmer, min_beads: int = 2) -> set[tuple[str, str]]:
    """Reference pairs whose Kazakh and Russian keys occur together in `min_beads` distinct beads
    (distinct by text, so a repeated act does not count twice)."""
    kk_lens = {len(k.split()) for k in ref} or {1}
    ru_lens = {len(r.split()) for rs in ref.values() for r in rs} or {1}
    counts: Counter = Counter()
    seen = set()
    for b in ws.beads():
        if b.status == Status.REJECTED or (b.kk, b.ru) in seen or not b.kk.strip() or not b.ru.strip():
            continue
        seen.add((b.kk, b.ru))
        K = _window_keys(kz.tokenize(b.kk), lambda w: kz.phrase_key(w, stemmer), max(kk_lens)) & ref.keys()
        if not K:
            continue
        R = _window_keys(rl.tokenize(b.ru), rl.phrase_key, max(ru_lens))
        counts.update((k, r) for k in K for r in ref[k] & R)
    pairs = {p for p, n in counts.items() if n >= min_beads}
    # one pair per Kazakh term: the rendering seen most
    best: dict[str, tuple[str, str]] = {}
    for (k, r) in sorted(pairs, key=lambda p: -counts[p]):
        best.setdefault(k, (k, r))
    return set(best.values())


def recall(rows, pairs: set[tuple[str, str]], ref) -> tuple[int, int, list]:
    have = {e.kk_key: set() for e in rows}
    for e in rows:
        have[e.kk_key].add(e.ru_key)
    found = [(k, r) for k, r in pairs if have.get(k, set()) & ref[k]]
    missed = sorted(p for p in pairs if p not in set(found))
    return len(found), len(pairs), missed


# ------------------------------------------------------------------ workspaces

def seed_workspace(path: Path, source: str) -> Workspace:
    if source == "gold":
        from workspaces import gold_workspace
        return gold_workspace(path)
    from align.cli.common import seeds_dir
    return aligned_workspace(path, seeds_dir() / "kk", seeds_dir() / "ru", "*.txt")


def aligned_workspace(path: Path, kk_dir: Path, ru_dir: Path, pattern: str) -> Workspace:
    from align.jobs import align_all
    from align.text.pipeline import load_document
    ws = Workspace(path)
    for kk_path in sorted(kk_dir.glob(pattern)):
        ws.import_pair(kk_path.stem, load_document(kk_path, "kk"), load_document(ru_dir / kk_path.name, "ru"))
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


# ------------------------------------------------------------------ the judged sample of the real acts

SAMPLE_HEADER = """\
# Judged sample of {n} exported glossary entries of the 19 real acts (tests/data/real), drawn at random
# (random.Random(14).sample over the ranks of the exported entries) by
# `python benchmarks/glossary_precision.py --db REAL.db --real --sample {n}` on the build of this commit.
# Verdicts: 'right' if the pair is in tests/data/reference_terms_real.tsv; else the verdict already given
# to the same pair by reading (glossary_real_sample_17e19cf.tsv, glossary_real_top100.tsv,
# glossary_real_judged.tsv), reason 'judged before'; else '?', then set by reading the example beads
# (columns 6-7) and, where unsure, the acts: right = the Russian term renders the Kazakh term and both are
# terms as written; wrong = a different meaning, a truncated term, a non-word or inflected headword, a name.
"""


def write_sample(rows, n: int, path: Path, ref, judged: dict) -> None:
    """A reproducible random sample of exported entries, with the verdicts known (reference
    list, entries judged before); the rest ('?') are then judged by reading the beads."""
    rnd = random.Random(14)
    pick = sorted(rnd.sample(range(len(rows)), min(n, len(rows))))
    with path.open("w", encoding="utf-8") as f:
        f.write(SAMPLE_HEADER.format(n=n))
        f.write("# rank\tkk\tru\tverdict\treason\texample_kk\texample_ru\n")
        for i in pick:
            e = rows[i]
            before = judged.get((e.kk_key, e.ru_key), judged.get(("as written", e.kk, e.ru)))
            if e.kk_key in ref and e.ru_key in ref[e.kk_key]:
                verdict, reason = "right", "in reference list"
            elif before is not None:
                verdict, reason = ("right" if before else "wrong"), "judged before"
            else:
                verdict, reason = "?", ""
            ex = e.examples[0] if e.examples else {"kk": "", "ru": ""}
            f.write(f"{i + 1}\t{e.kk}\t{e.ru}\t{verdict}\t{reason}\t"
                    f"{' '.join(ex['kk'].split())[:200]}\t{' '.join(ex['ru'].split())[:200]}\n")


def sample_figures(out, top: int, stemmer=None) -> str:
    """Precision of the judged sample (each row once), over the sampled entries the glossary
    still exports (found by keys, or as written where a key comes out otherwise, so a rebuild
    that drops an entry drops its verdict), and over those ranked in the top N now."""
    by_key = {(e.kk_key, e.ru_key): i for i, e in enumerate(out, 1)}
    by_text = {(e.kk, e.ru): i for i, e in enumerate(out, 1)}
    rows = [line.split("\t") for line in SAMPLE.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    judged = [(r[1], r[2], r[3] == "right") for r in rows if r[3] in ("right", "wrong")]
    inside = []
    for kk, ru, ok in judged:
        i = by_key.get((kz.phrase_key(kk, stemmer), rl.phrase_key(ru)), by_text.get((kk, ru)))
        if i is not None:
            inside.append((i, ok))

    def share(xs):
        return f"{sum(xs)}/{len(xs)} = {sum(xs) / max(len(xs), 1):.3f}"
    return (f"judged sample ({SAMPLE.name}): {len(judged)} judged, {len(inside)} still exported: "
            f"precision {share([ok for _, ok in inside])}; in the top {top}: "
            f"{share([ok for r, ok in inside if r <= top])}")


# ------------------------------------------------------------------ main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", choices=("gold", "aligner"), default="aligner",
                    help="beads from saikes' aligner (all five seeds, default) or the gold alignments (000, 001, 004)")
    ap.add_argument("--real", action="store_true", help="the 19 real acts in tests/data/real")
    ap.add_argument("--db", help="an aligned workspace to build on (a copy; the file is not changed)")
    ap.add_argument("--top", type=int, default=100)
    ap.add_argument("--show", action="store_true", help="list the top entries with their verdicts")
    ap.add_argument("--missed", action="store_true", help="list the attested reference pairs not found")
    ap.add_argument("--sample", type=int, default=0, help="write a sample of N exported entries to judge "
                                                          f"({SAMPLE.relative_to(ROOT)})")
    ap.add_argument("--association", choices=("dice", "llr"), default="dice")
    ap.add_argument("--repeat", type=int, default=1,
                    help="store every pair this many times (under new names); the glossary should not change")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        if args.db:
            shutil.copy(args.db, db)
            ws = Workspace(db, create=False)
        elif args.real:
            ws = aligned_workspace(db, REAL / "kk", REAL / "ru", "*.md")
        else:
            ws = seed_workspace(db, args.source)
        if args.repeat > 1:
            repeat_pairs(ws, args.repeat)
        t = time.perf_counter()
        stats = G.build_glossary(ws, association=args.association)
        took = time.perf_counter() - t
        stemmer = G.kazakh_stemmer(ws)
        ref = load_reference(stemmer, REFERENCE_REAL if args.real else REFERENCE)
        rows = G.entries(ws)
        out = exported(rows)
        top = out[:args.top]
        if args.real:
            sample = load_judged(SAMPLE, stemmer, 1, 3)
            judged = real_verdicts(stemmer)
        else:
            judged = load_judged(JUDGED_SEEDS, stemmer)
        verdicts = judge(top, ref, judged)
        if args.show:
            for i, (e, ok) in enumerate(zip(top, verdicts), 1):
                print(f"{i:3} {'+' if ok else '-'} {e.kk:40} → {e.ru:45} {e.freq:3} links, Dice {e.dice:.2f}, "
                      f"score {e.score:.3f}")
        print(f"{'real acts' if args.real else 'seeds (' + args.source + ')'}: {stats['pairs']} pairs, "
              f"{stats['beads']} beads; {len(rows)} entries, {len(out)} exported; build {took:.2f} s")
        def share(xs):
            return f"{sum(xs)}/{len(xs)} = {sum(xs) / max(len(xs), 1):.3f}"
        source = "the verdicts by reading" if args.real else JUDGED_SEEDS.name
        print(f"precision@{len(top)}: reference list only {share(judge(top, ref))}; "
              f"with {source}: {share(verdicts)}")
        print(f"precision of all {len(out)} exported: reference list only {share(judge(out, ref))}; "
              f"with {source}: {share(judge(out, ref, judged))}")
        unjudged = [e for e in out if not (e.kk_key in ref and e.ru_key in ref[e.kk_key])
                    and (e.kk_key, e.ru_key) not in judged and ("as written", e.kk, e.ru) not in judged]
        print(f"exported entries neither in the list nor judged (counted wrong): {len(unjudged)}"
              f"{f', {sum(1 for e in unjudged if e in top)} in the top {args.top}' if args.real else ''}")
        for e in unjudged if args.show else []:
            print(f"  unjudged: {e.kk} → {e.ru}")
        pairs = attested(ws, ref, stemmer)
        found, total, missed = recall(out, pairs, ref)
        print(f"recall of attested reference pairs: {found}/{total} = {found / max(total, 1):.3f}")
        if args.missed:
            for k, r in missed:
                print(f"  missed: {k} → {r}")
        if args.sample:
            write_sample(out, args.sample, SAMPLE, ref, judged if args.real else {})
            print(f"sample of {args.sample} written to {SAMPLE}")
        elif args.real and sample:
            print(sample_figures(out, args.top, stemmer))
        ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
