"""Align the Text+Berg de–fr development document and score it with
../shared/eval/textberg_score.py (strict and lax F1; hunalign without a dictionary: 0.752).

    python benchmarks/textberg.py [-o OUT.defr] [--subwords]
"""
import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from align.core.sentences import align_sentence_lists  # noqa: E402

from goldtools import TEXTBERG as PEER  # noqa: E402
SCORER = ROOT / "tests" / "data" / "eval" / "textberg_score.py"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", "--out", help="keep the alignment here")
    ap.add_argument("--subwords", action="store_true", help="stems learned by sentencepiece (align-sentences --subwords)")
    args = ap.parse_args()
    de = (PEER / "dev.de").read_text(encoding="utf-8").splitlines()
    fr = (PEER / "dev.fr").read_text(encoding="utf-8").splitlines()
    t0 = time.perf_counter()
    beads = align_sentence_lists(de, fr, "de", "fr", subwords=args.subwords)
    elapsed = time.perf_counter() - t0
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp()) / "dev.defr"
    out.write_text("".join(f"{i}:{j}\n" for i, j, _ in beads), encoding="utf-8")
    print(f"{len(de)} de, {len(fr)} fr sentences, {len(beads)} beads in {elapsed:.1f} s")
    subprocess.run([sys.executable, str(SCORER), "-g", str(PEER / "dev.defr"), "-t", str(out)], check=True)


if __name__ == "__main__":
    main()
