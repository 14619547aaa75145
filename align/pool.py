"""Worker processes for work spread over the cores: forked where the system can fork, so
that they start with what this process has already imported and compiled; or one fresh
interpreter for a step that should not inherit this process's memory."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def process_pool(workers: int, initializer=None, initargs: tuple = ()) -> ProcessPoolExecutor:
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(workers, multiprocessing.get_context(method), initializer=initializer,
                               initargs=initargs)


def run_apart(fn, *args):
    """fn(*args) in a fresh interpreter (spawned, not forked), its result or its exception
    passed back: a step that holds much (the glossary of a large run) then does not add to
    what this process already holds (the aligner's compiled kernel, about 100 MB)."""
    with ProcessPoolExecutor(1, multiprocessing.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()
