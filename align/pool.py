"""Worker processes for work spread over the cores: forked where the system can fork, so
that they start with what this process has already imported and compiled."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def process_pool(workers: int, initializer=None, initargs: tuple = ()) -> ProcessPoolExecutor:
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(workers, multiprocessing.get_context(method), initializer=initializer,
                               initargs=initargs)
