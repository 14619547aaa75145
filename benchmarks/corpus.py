"""Corpus mode (`saikes corpus align`) on synthetic corpora: pairs per second with one and
two worker processes (and per CPU-second of the workers, which a machine shared
with other work does not distort), the peak memory of each worker and of the driver (which holds the
LocalCluster's scheduler), and the size of what is written.

The corpora are the seeds and the official acts of tests/data/real (or --real DIR, such
as ../shared/real), copied round under new names; a copy differs from its act by trailing
spaces, as a re-published act would, so no pair is skipped as already done. Acts larger
than --max-kb are left out so that a run fits in minutes (the 548 KB code alone takes
~16 s a pass).

    python benchmarks/corpus.py --pairs 200 1000 5000 --workers 2    # memory: driver and workers
    python benchmarks/corpus.py --pairs 1000 --workers 1 2            # the speed-up (a quiet machine)

The cluster is saikes's own local one (align/corpus/cluster.py, Dask's logs kept short), as
`saikes corpus align` starts it. The driver's peak is that of each run alone (its high-water
mark is reset before the cluster starts, where Linux allows it).
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def acts(real: Path, max_kb: int) -> list[tuple[Path, Path]]:
    found = [(p, ROOT / "seeds" / "ru" / p.name) for p in sorted((ROOT / "seeds" / "kk").glob("*.txt"))]
    found += [(p, real / "ru" / p.name) for p in sorted((real / "kk").glob("*.md")) if (real / "ru" / p.name).exists()]
    return [(k, r) for k, r in found if max(k.stat().st_size, r.stat().st_size) <= max_kb * 1024]


def make_corpus(folder: Path, pairs: int, sources: list[tuple[Path, Path]]) -> None:
    for side in ("kk", "ru"):
        (folder / side).mkdir(parents=True)
    for k in range(pairs):
        kk, ru = sources[k % len(sources)]
        name = f"{k:05d}_{kk.stem}{kk.suffix}"
        (folder / "kk" / name).write_bytes(kk.read_bytes() + b" " * (k // len(sources)))
        (folder / "ru" / name).write_bytes(ru.read_bytes())


def _peak_mb() -> float:
    """This process's peak RSS in MB: VmHWM (which `_reset_peak` can reset), else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return float("nan")


def _reset_peak() -> bool:
    """Make VmHWM the current RSS (Linux: 5 to /proc/self/clear_refs)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _cpu_s() -> float:
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def du_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def measure(folder: Path, workers: int) -> dict:
    from align.corpus import Settings, run_corpus
    from align.corpus.cluster import local_cluster
    from align.corpus.review import pairs_from_folders
    out = folder / f"out{workers}"
    pairs = pairs_from_folders(folder / "kk", folder / "ru")
    reset = _reset_peak()
    driver_start = _rss_mb()
    with local_cluster(workers, dashboard_address=":0") as client:
        client.run(lambda: __import__("align.core.dp", fromlist=["warm_up"]).warm_up())  # start-up apart
        cpu0 = sum(client.run(_cpu_s).values())
        t0 = time.perf_counter()
        summary = run_corpus(client, pairs, out, Settings())
        wall = time.perf_counter() - t0
        cpu = sum(client.run(_cpu_s).values()) - cpu0
        peaks = sorted(client.run(_peak_mb).values())
        driver_end = _rss_mb()
    driver = {"start": driver_start, "end": driver_end, "peak": _peak_mb(), "reset": reset}
    sizes = {d: du_mb(out / d) for d in ("beads", "pairs", "tmx", ".work")}
    shutil.rmtree(out)
    return {"wall": wall, "cpu": cpu, "peaks": peaks, "driver": driver, "sizes": sizes, "summary": summary}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, nargs="+", default=[200, 1000, 5000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--max-kb", type=int, default=64, help="leave out acts larger than this")
    ap.add_argument("--real", type=Path, default=ROOT / "tests" / "data" / "real")
    args = ap.parse_args()
    sources = acts(args.real, args.max_kb)
    print(f"{len(sources)} distinct acts (seeds and {args.real}, each side at most {args.max_kb} KB)", flush=True)
    for n in args.pairs:
        with tempfile.TemporaryDirectory() as tmp:
            make_corpus(Path(tmp), n, sources)
            rate = {}
            for w in args.workers:
                m = measure(Path(tmp), w)
                s = m["summary"]
                rate[w] = n / m["wall"]
                sizes = ", ".join(f"{d} {mb:.1f} MB" for d, mb in m["sizes"].items())
                d = m["driver"]
                print(f"{n} pairs, {w} worker(s): {m['wall']:.1f} s wall, {rate[w]:.2f} pairs/s; workers' CPU "
                      f"{m['cpu']:.0f} s ({n / m['cpu']:.2f} pairs per CPU-second); {s['beads']} beads, "
                      f"mean confidence {s['mean_confidence']:.3f}; peak RSS per worker "
                      f"{' / '.join(f'{p:.0f}' for p in m['peaks'])} MB; driver+scheduler peak {d['peak']:.0f} MB"
                      f"{'' if d['reset'] else ' (of the whole script so far)'} (RSS {d['start']:.0f} MB before "
                      f"the cluster, {d['end']:.0f} MB at the end); output {sizes}", flush=True)
            if 1 in rate and 2 in rate:
                print(f"  speed-up with two workers: {rate[2] / rate[1]:.2f}x", flush=True)


if __name__ == "__main__":
    main()
