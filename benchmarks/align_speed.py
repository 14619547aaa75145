"""Speed and memory of alignment.

1. `saikes run` on the bundled seeds (a fresh workspace): wall time and peak memory.
2. A synthetic workspace of N pairs (the five seed pairs repeated): import time, then
   `align_all` time, segments per second and peak memory.

    python benchmarks/align_speed.py [--pairs 200]
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_seeds() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        r = subprocess.run([sys.executable, "-m", "align.cli", "--db", f"{tmp}/w.db", "run", "--out",
                            f"{tmp}/out", "--glossaries", f"{tmp}/gl"], cwd=tmp, env=env,
                           capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if r.returncode:
            sys.exit(r.stderr)
        print(f"saikes run on the seeds (5 pairs): {elapsed:.2f} s wall, peak RSS {peak:.0f} MB")


def synthetic(pairs: int) -> None:
    sys.path.insert(0, str(ROOT))
    from align.jobs import align_all
    from align.text.pipeline import load_document
    from align.store import Workspace
    names = sorted(p.stem for p in (ROOT / "seeds" / "kk").glob("*.txt"))
    docs = [(load_document(ROOT / "seeds" / "kk" / f"{n}.txt", "kk"),
             load_document(ROOT / "seeds" / "ru" / f"{n}.txt", "ru")) for n in names]
    with tempfile.TemporaryDirectory() as tmp:
        with Workspace(Path(tmp) / "w.db") as ws:
            t0 = time.perf_counter()
            for k in range(pairs):
                kk, ru = docs[k % len(docs)]
                kk.source += " " * (k // len(docs))  # a distinct file each time, same text
                ws.import_pair(f"pair{k:04d}", kk, ru)
            t_import = time.perf_counter() - t0
            segments = sum(len(ws.document(p.id, "kk").segments) + len(ws.document(p.id, "ru").segments)
                           for p in ws.pairs())
            t0 = time.perf_counter()
            results = align_all(ws)
            t_align = time.perf_counter() - t0
            beads = sum(r["beads"] for r in results.values() if isinstance(r, dict))
            size = (Path(tmp) / "w.db").stat().st_size / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"synthetic workspace: {pairs} pairs, {segments} segments, {beads} beads")
    print(f"  import {t_import:.1f} s; align (two passes) {t_align:.1f} s = {segments / t_align:.0f} segments/s, "
          f"{t_align / pairs * 1000:.0f} ms per pair")
    print(f"  workspace file {size:.1f} MB; peak RSS of the process {peak:.0f} MB")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=200)
    args = ap.parse_args()
    run_seeds()
    synthetic(args.pairs)


if __name__ == "__main__":
    main()
