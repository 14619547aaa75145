"""How fast the review app answers, driven in a real browser (Playwright, Debian's chromium).

Two workspaces in the same run: a small one (the five seed pairs, ~400 beads) and a big one
(the 19 official acts copied until it holds 10,000 beads or more, with a glossary built, so
term marks are drawn). On the big one the review page shows its largest pair. Each action
is pressed on the keyboard as a reviewer would, and timed from the key press to the moment
the page has stopped changing (no element left stale, no script run going, 150 ms without a
change in the page). Printed: the time to open the page, and per action the median and the
90th percentile, on both workspaces, with their ratio.

    python benchmarks/app_speed.py [--beads 10000] [--repeat 8]
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from align import glossary as G  # noqa: E402
from align import jobs  # noqa: E402
from align.store import Workspace  # noqa: E402
from align.text.pipeline import load_document  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
REAL = ROOT / "tests" / "data" / "real"

# in-page: the time of the last change to the page, kept by a MutationObserver
WATCH = """() => { window.__last = performance.now();
  new MutationObserver(() => { window.__last = performance.now(); })
    .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true}); }"""
QUIET = """(t0) => (window.__last > t0) && (performance.now() - window.__last > 150)
  && !document.querySelector('[data-stale="true"]')
  && !document.querySelector('[data-testid="stStatusWidget"] button')"""


def build(db: Path, folder: Path, beads_wanted: int) -> tuple[str, int]:
    """Align the acts in `folder` once, then add copies of them until the workspace holds
    `beads_wanted` beads. Returns the largest pair's name and the bead count."""
    ws = Workspace(db)
    names = []
    for kk in sorted((folder / "kk").iterdir()):
        ru = folder / "ru" / kk.name
        if ru.exists():
            ws.import_pair(kk.stem, load_document(kk, "kk"), load_document(ru, "ru"))
            names.append(kk.stem)
    jobs.align_all(ws, names)
    copy = 1
    while sum(c["n"] for c in ws.bead_counts().values()) < beads_wanted:
        copy += 1
        for name in names:
            pid = ws.pair(name).id
            new = f"{name}#{copy}"
            ws.import_pair(new, ws.document(pid, "kk"), ws.document(pid, "ru"))
            ws.store_alignment(ws.pair(new).id, [asdict(b) for b in ws.beads(pid)], ws.pair(name).report)
    G.build_glossary(ws)
    counts = ws.bead_counts()
    largest = max(ws.pairs(), key=lambda p: counts.get(p.id, {}).get("n", 0)).name
    total = sum(c["n"] for c in counts.values())
    ws.close()
    return largest, total


def serve(db: Path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "align.cli", "--db", str(db), "ui", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return proc, url
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("saikes ui did not start")


def timed(page, key: str) -> float:
    t0 = page.evaluate("() => performance.now()")
    page.keyboard.press(key)
    page.wait_for_function(QUIET, arg=t0, polling=20, timeout=60000)
    return page.evaluate("() => window.__last") - t0


def measure(url: str, pair: str, repeat: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright
    out: dict[str, list[float]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        opens = []
        for _ in range(3):
            t0 = time.perf_counter()
            page.goto(f"{url}/?page=review&pair={pair}")
            page.locator(".sk-cur").wait_for(timeout=120000)
            page.evaluate(WATCH)
            page.wait_for_function(QUIET, arg=0, polling=20, timeout=60000)
            opens.append((time.perf_counter() - t0) * 1000 - 150)
        out["open the review page"] = opens
        # each cycle changes the page every time (a key that changes nothing is not timed)
        cycles = [[("next bead (J)", "j")], [("previous bead (K)", "k")],
                  [("approve (A)", "a"), ("undo (U)", "u"), ("redo (Y)", "y")], [("reject (X)", "x")],
                  [("open the editor (E)", "e"), ("close the editor (Esc)", "Escape")],
                  [("next page (PageDown)", "PageDown")],
                  [("approve the article (Shift+A)", "Shift+A"), ("undo the approval (U)", "u")],
                  [("re-align the article (L)", "l")]]
        for cycle in cycles:
            for _ in range(repeat):
                for name, key in cycle:
                    out.setdefault(name, []).append(timed(page, key))
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--beads", type=int, default=10000, help="beads in the big workspace (default 10000)")
    ap.add_argument("--repeat", type=int, default=8, help="presses of each key (default 8)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small_db, big_db = Path(tmp) / "small.db", Path(tmp) / "big.db"
        t0 = time.perf_counter()
        small_pair, small_n = build(small_db, ROOT / "seeds", 0)
        big_pair, big_n = build(big_db, REAL, args.beads)
        print(f"workspaces built in {time.perf_counter() - t0:.0f} s: small {small_n} beads (pair {small_pair}), "
              f"big {big_n} beads (pair {big_pair})")
        results = {}
        for label, db, pair in (("small", small_db, small_pair), ("big", big_db, big_pair)):
            proc, url = serve(db)
            try:
                results[label] = measure(url, pair, args.repeat)
            finally:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait()
    print(f"\n{'action':34} {'small: median  p90':>20} {'big: median  p90':>20} {'big/small':>10}")
    for action in results["big"]:
        s, b = results["small"][action], results["big"][action]
        print(f"{action:34} {_ms(s):>20} {_ms(b):>20} {statistics.median(b) / statistics.median(s):>9.2f}x")


def _ms(values: list[float]) -> str:
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]
    return f"{statistics.median(values):6.0f} ms {p90:5.0f} ms"


if __name__ == "__main__":
    main()
