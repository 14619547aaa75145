"""Headword case: the current rule (capitals as the texts write them off sentence starts,
align/glossary/citation.py) against sacremoses' MosesTruecaser trained on the same bead texts,
judged by how many headwords of entries in the reference list are written with the case the
list writes them with (a term the list writes twice, Келісім and келісім, matches either).

    python benchmarks/headword_case.py --db seeds.db            # the seeds, reference_terms.tsv
    python benchmarks/headword_case.py --db real.db --real      # the real acts

Prints, per language, the headwords compared and how many match under each method.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align import glossary as G
from align.glossary import kazakh_stem as kz
from align.glossary import russian_lemma as rl
from align.model import Status
from align.store import Workspace

REFERENCE = ROOT / "tests" / "data" / "reference_terms.tsv"
REFERENCE_REAL = ROOT / "tests" / "data" / "reference_terms_real.tsv"


def written(path: Path, stemmer) -> dict:
    """(lang, key) → the ways the list writes the term."""
    out = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kk, ru = line.split("\t")[:2]
        out[("kk", kz.phrase_key(kk, stemmer))].add(kk.strip())
        for r in ru.split("|"):
            if r.strip():
                out[("ru", rl.phrase_key(r.strip()))].add(r.strip())
    return out


def case_pattern(text: str) -> tuple:
    return tuple(w[:1].isupper() for w in text.split())


def truecaser(texts: list[str]):
    from sacremoses import MosesTokenizer, MosesTruecaser
    tok = MosesTokenizer()
    tc = MosesTruecaser()
    tc.train([tok.tokenize(t, escape=False) for t in texts], processes=1)
    return tc


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--real", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(args.db, Path(tmp) / "w.db")
        ws = Workspace(Path(tmp) / "w.db", create=False)
        G.build_glossary(ws)
        stemmer = G.kazakh_stemmer(ws)
        ref = written(REFERENCE_REAL if args.real else REFERENCE, stemmer)
        beads = [b for b in ws.beads() if b.status != Status.REJECTED]
        cases = {"kk": truecaser([b.kk for b in beads]), "ru": truecaser([b.ru for b in beads])}
        rows = G.exported(ws)
        ws.close()
    for lang in ("kk", "ru"):
        n = rule = moses = 0
        for e in rows:
            key, head = (e.kk_key, e.kk) if lang == "kk" else (e.ru_key, e.ru)
            forms = ref.get((lang, key))
            if not forms:
                continue
            want = {case_pattern(f) for f in forms}
            mt = cases[lang].truecase(head, return_str=True)
            n += 1
            rule += case_pattern(head) in want
            moses += len(mt.split()) == len(head.split()) and case_pattern(mt) in want
        print(f"{lang}: {n} headwords in the reference list; case as the list writes it: current rule "
              f"{rule}/{n} = {rule / max(n, 1):.3f}, MosesTruecaser {moses}/{n} = {moses / max(n, 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
