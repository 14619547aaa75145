"""Speed beside hunalign, in one run: whole-process wall and CPU time of
`saikes align-sentences` and of hunalign (built from source in a temporary folder) on
Text+Berg, the doubling series, and the real pipeline on a code doubled up to
1,415 articles (time and peak memory).

    python benchmarks/speed.py [--hunalign BIN | --hunalign-src DIR] [--textberg DIR] [--repeat 7]

hunalign: the binary named by --hunalign or $HUNALIGN, else built with make from the
folder holding its `src/` (--hunalign-src or $HUNALIGN_SRC, e.g. a clone of
github.com/danielvarga/hunalign); skipped with a message when neither is there.
Text+Berg: every NAME.de / NAME.fr pair in the folder (the development document by
default; the held-back seven-document test part when given). Runs alternate between the
two programs and the median of --repeat runs is printed.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from goldtools import TEXTBERG  # noqa: E402
CODE = "code_marriage_family_2011"


def timed(cmd: list[str], ok: tuple = (0,)) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one whole process (with the processes it started),
    from its own rusage."""
    with tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in ok:
            err.seek(0)
            sys.exit(f"{cmd[0]} failed: {err.read().strip()[-300:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def hunalign_binary(args, tmp: Path) -> Path | None:
    given = args.hunalign or os.environ.get("HUNALIGN")
    if given:
        return Path(given)
    src = args.hunalign_src or os.environ.get("HUNALIGN_SRC")
    if not src or not (Path(src) / "src" / "hunalign").is_dir():
        print("hunalign: skipped (give --hunalign BIN or --hunalign-src DIR with its src/ folder)")
        return None
    build = tmp / "hunalign"
    shutil.copytree(Path(src) / "src", build)
    r = subprocess.run(["make", "-C", str(build / "hunalign")], capture_output=True, text=True)
    binary = build / "hunalign" / "hunalign"
    if r.returncode or not binary.exists():
        print(f"hunalign: skipped (the build failed: {r.stderr.strip()[-200:]})")
        return None
    return binary


def pairs(folder: Path) -> list[tuple[Path, Path]]:
    return [(de, de.with_suffix(".fr")) for de in sorted(folder.glob("*.de")) if de.with_suffix(".fr").exists()]


def side_by_side(label: str, jobs: list[tuple[list[str], list[str] | None]], repeat: int) -> None:
    """Each job: the saikes command and the hunalign command for the same input; the
    figures of one measurement are the sums over the jobs (one process each)."""
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append([sum(x) for x in zip(*(timed(s)[:2] for s, _h in jobs))])
        if jobs[0][1]:
            theirs.append([sum(x) for x in zip(*(timed(h)[:2] for _s, h in jobs))])
    wall, cpu = (statistics.median(v) for v in zip(*ours))
    line = f"{label:<38} saikes {wall:6.2f} s wall {cpu:6.2f} s CPU"
    if theirs:
        hw, hc = (statistics.median(v) for v in zip(*theirs))
        line += f" | hunalign {hw:5.2f} s wall {hc:5.2f} s CPU | CPU ratio {cpu / hc:5.1f}x"
    print(line, flush=True)


def concatenated(files: list[Path], times: int, out: Path) -> Path:
    out.write_text("".join(f.read_text(encoding="utf-8") for f in files) * times, encoding="utf-8")
    return out


def doubled_code(times: int, tmp: Path) -> tuple[Path, Path, int]:
    """The marriage and family code repeated `times` times, articles renumbered on, the
    contents only at the start: a code of 283 × times articles."""
    out = []
    for lang, pattern, fmt in (("kk", r"^([#* ]*)(\d+)(-бап)", "{}{}{}"), ("ru", r"^([#* ]*Статья )(\d+)", "{}{}")):
        lines = (ROOT / "tests" / "data" / "real" / lang / f"{CODE}.md").read_text(encoding="utf-8").splitlines()
        body = next(k for k, line in enumerate(lines) if line.startswith("#"))
        text = []
        for copy in range(times):
            part = lines if copy == 0 else lines[body:]
            shift = 283 * copy
            text += [re.sub(pattern, lambda m: fmt.format(m.group(1), int(m.group(2)) + shift, *m.groups()[2:]),
                            line) for line in part]
        path = tmp / f"{lang}{times}.md"
        path.write_text("\n".join(text) + "\n", encoding="utf-8")
        out.append(path)
    return out[0], out[1], 283 * times


SAIKES = [sys.executable, "-m", "align.cli"]


def textberg_series(args, tmp: Path) -> None:
    found = pairs(args.textberg)
    if not found:
        print(f"Text+Berg: skipped (no NAME.de / NAME.fr pairs in {args.textberg})")
        return
    binary = hunalign_binary(args, tmp)
    null = tmp / "null.dic"
    null.write_text("")

    def job(de: Path, fr: Path, *extra: str):
        ours = SAIKES + ["align-sentences", str(de), str(fr), "-o", str(tmp / "out.txt"), *extra]
        return ours, ([str(binary), str(null), str(de), str(fr)] if binary else None)

    print(f"Text+Berg from {args.textberg}: {len(found)} document(s); median of {args.repeat} runs")
    side_by_side(f"all {len(found)} files, a process each", [job(de, fr) for de, fr in found], args.repeat)
    side_by_side(f"one file ({found[0][0].stem})", [job(*found[0])], args.repeat)
    side_by_side("one file, --subwords", [job(*found[0], "--subwords")], args.repeat)
    copies = 1
    while copies <= args.max_copies:
        de = concatenated([d for d, _ in found], copies, tmp / f"cat{copies}.de")
        fr = concatenated([f for _, f in found], copies, tmp / f"cat{copies}.fr")
        side_by_side(f"all files as one document, ×{copies}", [job(de, fr)], max(1, args.repeat // 2))
        copies *= 2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--hunalign")
    ap.add_argument("--hunalign-src")
    ap.add_argument("--textberg", type=Path, default=TEXTBERG)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--max-copies", type=int, default=8)
    ap.add_argument("--code-only", action="store_true", help="only the doubled code, no Text+Berg")
    args = ap.parse_args()
    os.environ["PYTHONPATH"] = str(ROOT)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if not args.code_only:
            textberg_series(args, tmp)
        print("\nthe real pipeline (read, structure, align in two passes with the built-in lexicon):")
        for times in (1, 2, 5):
            kk, ru, articles = doubled_code(times, tmp)
            db = tmp / f"code{times}.db"
            steps = [SAIKES + ["--db", str(db), "import", str(kk), str(ru), "--name", "code"],
                     SAIKES + ["--db", str(db), "align", "code"]]
            figures = [timed(cmd) for cmd in steps]
            print(f"a code of {articles:>5} articles: import {figures[0][0]:5.1f} s, align {figures[1][0]:5.1f} s wall "
                  f"{figures[1][1]:5.1f} s CPU, peak RSS {max(f[2] for f in figures):4.0f} MB", flush=True)


if __name__ == "__main__":
    main()
