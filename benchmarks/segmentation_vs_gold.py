"""Compare saikes segmentation with the segments of the gold alignments.

Both sides are reduced to streams of letters and digits (as align_score.py does); a
segment boundary is a position in that stream. Prints boundary precision/recall per
file and the differing boundaries with context (--show).

    python benchmarks/segmentation_vs_gold.py [--show]
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from align.pipeline import load_document  # noqa: E402

HOMOGLYPHS = str.maketrans({"i": "і", "I": "і", "e": "е", "E": "е", "o": "о", "O": "о", "a": "а",
                            "A": "а", "c": "с", "C": "с", "p": "р", "P": "р", "x": "х", "X": "х",
                            "y": "у", "Y": "ү", "H": "н", "K": "к", "M": "м", "T": "т", "B": "в"})


def stream(text):
    text = unicodedata.normalize("NFC", text).translate(HOMOGLYPHS).lower()
    return "".join(re.findall(r"[^\W_]", text))


def boundaries(segments):
    out, pos = set(), 0
    for s in segments:
        pos += len(stream(s))
        out.add(pos)
    return out, pos


def main():
    show = "--show" in sys.argv
    for gold_path in sorted((ROOT / "tests" / "data").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for lang in ("kk", "ru"):
            doc = load_document(ROOT / "seeds" / lang / (gold_path.stem + ".txt"), lang)
            g, gl = boundaries([s for b in gold["beads"] for s in b[lang]])
            p, pl = boundaries([s.text for s in doc.segments])
            right = len(g & p)
            print(f"{gold_path.stem} {lang}: gold {len(g)} pred {len(p)} precision {right / len(p):.3f} "
                  f"recall {right / len(g):.3f} stream {gl}/{pl}")
            if show:
                full = "".join(stream(s.text) for s in doc.segments)
                for pos in sorted(g ^ p):
                    tag = "missing" if pos in g else "extra"
                    print(f"   {tag:8} ...{full[max(0, pos - 40):pos]} | {full[pos:pos + 30]}...")


if __name__ == "__main__":
    main()
