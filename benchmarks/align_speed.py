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
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        if r.returncode:
            sys.exit(r.stderr)
        print(f"saikes run on the seeds (5 pairs): {elapsed:.2f} s wall, "
              f"{usage.ru_utime + usage.ru_stime:.2f} s CPU, peak RSS {usage.ru_maxrss / 1024:.0f} MB")


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


def cores(pairs: int) -> None:
    """`saikes run` on a folder of `pairs` pairs (the seeds and the official acts, copied
    round) with one process and with two: wall, CPU, the largest process's peak memory."""
    from speed import timed
    acts = [(ROOT / "seeds" / "kk" / p.name, ROOT / "seeds" / "ru" / p.name)
            for p in sorted((ROOT / "seeds" / "kk").glob("*.txt"))]
    real = ROOT / "tests" / "data" / "real"
    acts += [(p, real / "ru" / p.name) for p in sorted((real / "kk").glob("*.md")) if (real / "ru" / p.name).exists()]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for side in ("kk", "ru"):
            (folder / side).mkdir()
        for k in range(pairs):
            kk, ru = acts[k % len(acts)]
            copy = f"{k:05d}_{kk.stem}{kk.suffix}"
            # a copy differs from the act by one space, as a re-published act would
            (folder / "kk" / copy).write_bytes(kk.read_bytes() + b" " * (k // len(acts)))
            (folder / "ru" / copy).write_bytes(ru.read_bytes())
        figures = {}
        for workers in (1, 2):
            cmd = [sys.executable, "-m", "align.cli", "--db", f"{tmp}/w{workers}.db", "run", "--kk", f"{tmp}/kk",
                   "--ru", f"{tmp}/ru", "--out", f"{tmp}/out{workers}", "--workers", str(workers)]
            figures[workers] = timed(cmd, ok=(0, 1))
            wall, cpu, peak = figures[workers]
            print(f"saikes run, {pairs} pairs, {workers} process(es): {wall:.1f} s wall, {cpu:.1f} s CPU, "
                  f"largest process {peak:.0f} MB", flush=True)
        print(f"  speed-up with two cores: {figures[1][0] / figures[2][0]:.2f}x")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=200)
    ap.add_argument("--cores", type=int, default=0, metavar="PAIRS",
                    help="also time `saikes run` on this many pairs with one and two processes")
    args = ap.parse_args()
    run_seeds()
    synthetic(args.pairs)
    if args.cores:
        cores(args.cores)


if __name__ == "__main__":
    main()
