"""Run one generated input through a reader and classify the outcome, as the fuzzing run of
issue 15 did:

- accepted: read, and what was read is faithful (the family's oracle says so);
- refused: an `align.errors` exception with a one-line message naming the file;
- BAD: any other exception (an internal error), garbage accepted, an honest input refused,
  a message over one line, or a run over 10 s or 500 MB.

Counts are kept per family and printed at the end of the session: this module is a pytest
plugin (tests/conftest.py lists it), so the summary needs no `-s`.
"""
from __future__ import annotations

import os
import resource
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from hypothesis import HealthCheck

from align.errors import SaikesError

MAX_SECONDS = 10.0
MAX_MB = 500
# Examples per family in the default run; SAIKES_FUZZ_SCALE=10 runs ten times as many.
SCALE = float(os.environ.get("SAIKES_FUZZ_SCALE", "1") or 1)
# derandomized: CI runs the same inputs every time; no example database between runs
SETTINGS = {"deadline": None, "database": None, "derandomize": True, "print_blob": True,
            "suppress_health_check": list(HealthCheck)}
COUNTS: dict[str, Counter] = defaultdict(Counter)
BAD: dict[str, list[str]] = defaultdict(list)


def examples(n: int) -> int:
    return max(1, int(n * SCALE))


@dataclass
class Case:
    """One input: the bytes, the file name that picks the reader, and what the generator
    knows about it: 'honest' (must be accepted), 'garbage' (must be refused) or 'either'."""
    data: bytes
    name: str
    kind: str = "either"
    label: str = ""
    meta: dict = field(default_factory=dict)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(family: str, case: Case, read, faithful) -> str:
    """`read(case)` -> result; `faithful(case, result)` -> None if faithful, else why not."""
    before, start = _peak_mb(), time.perf_counter()
    why = None
    try:
        result = read(case)
    except SaikesError as exc:
        message = str(exc)
        outcome = "refused"
        if "\n" in message.strip() or not message.strip():
            why = f"message not one line: {message!r}"
        elif case.kind == "honest":
            why = f"honest input refused: {message}"
    except Exception as exc:  # noqa: BLE001 — an internal error is exactly what is looked for
        outcome, why = "bad", f"internal error {type(exc).__name__}: {exc}"
    else:
        outcome = "accepted"
        if case.kind == "garbage":
            why = "garbage accepted"
        else:
            why = faithful(case, result)
    elapsed, grown = time.perf_counter() - start, _peak_mb() - before
    if elapsed > MAX_SECONDS:
        why = f"{elapsed:.1f} s"
    elif grown > MAX_MB:
        why = f"{grown:.0f} MB"
    COUNTS[family]["inputs"] += 1
    if why:
        COUNTS[family]["bad"] += 1
        # the input's first bytes, to reproduce it without hypothesis
        BAD[family].append(f"{case.label or case.name}: {why}"[:300] + f" | input {case.data[:300]!r}")
        return "bad"
    COUNTS[family][outcome] += 1
    return outcome


def summary() -> list[str]:
    lines = [f"{'family':14} {'inputs':>7} {'accepted':>9} {'refused':>8} {'bad':>5}"]
    total = Counter()
    for family in sorted(COUNTS):
        c = COUNTS[family]
        total.update(c)
        lines.append(f"{family:14} {c['inputs']:>7} {c['accepted']:>9} {c['refused']:>8} {c['bad']:>5}")
    lines.append(f"{'all':14} {total['inputs']:>7} {total['accepted']:>9} {total['refused']:>8} {total['bad']:>5}")
    return lines


def pytest_terminal_summary(terminalreporter):
    if not COUNTS:
        return
    terminalreporter.section("fuzzing: inputs per family and outcome")
    for line in summary():
        terminalreporter.write_line(line)
    for family, cases in sorted(BAD.items()):
        for case in cases[:5]:
            terminalreporter.write_line(f"BAD {family}: {case}")
