"""Read, normalize and segment all ten seed files: segment counts, time, peak memory.

    python benchmarks/read_segment.py [--repeat N]
"""
import argparse
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from align.text.pipeline import load_document  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5, help="passes over the seeds for the timing")
    args = ap.parse_args()
    files = sorted((ROOT / "seeds").glob("*/*.txt"))
    load_document(files[0], files[0].parent.name)  # warm up imports and razdel
    t0 = time.perf_counter()
    counts = {}
    chars = 0
    for _ in range(args.repeat):
        for f in files:
            doc = load_document(f, f.parent.name)
            counts[f"{f.parent.name}/{f.name}"] = (len(doc.blocks), len(doc.segments), len(doc.articles))
            chars += len(doc.source)
    elapsed = time.perf_counter() - t0
    # memory in a separate pass: tracing slows Python down several times
    tracemalloc.start()
    for f in files:
        load_document(f, f.parent.name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{'file':40} {'blocks':>6} {'segments':>8} {'articles':>8}")
    for name, (blocks, segs, arts) in counts.items():
        print(f"{name:40} {blocks:>6} {segs:>8} {arts:>8}")
    total = sum(s for _, s, _ in counts.values())
    per_pass = elapsed / args.repeat
    print(f"\nfiles {len(files)}  segments {total}  passes {args.repeat}")
    print(f"time per pass {per_pass * 1000:.0f} ms  ({total / per_pass:.0f} segments/s, "
          f"{chars / elapsed / 1e6:.2f} M chars/s)")
    print(f"peak traced memory {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
