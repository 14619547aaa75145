"""How often Python's cycle collector runs while saikes works.

Reading, aligning and building a glossary make hundreds of thousands of objects that live
until the work ends (documents, clues, candidates, the readings of words) and few cycles.
At Python's thresholds (a young collection every 700 allocations, an older one every tenth)
the collector walks those live objects again and again: 0.09 of 0.7 CPU-s of a glossary
build on the seeds, 1.9 of 8.3 on the official acts, about 0.1 of a `saikes run` on the
seeds besides the build, with the same peak memory.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager

# allocations between two young collections; young collections between two of the middle
# generation; middle ones between two full collections
THRESHOLDS = (50_000, 20, 20)


@contextmanager
def collecting_less():
    """The collector at THRESHOLDS (or higher ones already set) inside; set back after.
    The thresholds are the process's; usable as a decorator too."""
    before = gc.get_threshold()
    gc.set_threshold(*(max(now, ours) for now, ours in zip(before, THRESHOLDS)))
    try:
        yield
    finally:
        gc.set_threshold(*before)
