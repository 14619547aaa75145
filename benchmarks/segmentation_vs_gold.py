"""Compare saikes segmentation with the segments of the gold alignments.

Both sides are reduced to streams of letters and digits (as align_score.py does); a
segment boundary is a position in that stream. Prints boundary precision/recall per
file and the differing boundaries with context (--show).

    python benchmarks/segmentation_vs_gold.py [--show]
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from align.text.pipeline import load_document  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from goldtools import stream, stream_boundaries  # noqa: E402

def main():
    show = "--show" in sys.argv
    for gold_path in sorted((ROOT / "tests" / "data" / "seeds_gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for lang in ("kk", "ru"):
            doc = load_document(ROOT / "seeds" / lang / (gold_path.stem + ".txt"), lang)
            g = stream_boundaries([s for b in gold["beads"] for s in b[lang]])
            p = stream_boundaries([s.text for s in doc.segments])
            right = len(g & p)
            print(f"{gold_path.stem} {lang}: gold {len(g)} pred {len(p)} precision {right / len(p):.3f} "
                  f"recall {right / len(g):.3f}")
            if show:
                full = "".join(stream(s.text) for s in doc.segments)
                for pos in sorted(g ^ p):
                    tag = "missing" if pos in g else "extra"
                    print(f"   {tag:8} ...{full[max(0, pos - 40):pos]} | {full[pos:pos + 30]}...")


if __name__ == "__main__":
    main()
