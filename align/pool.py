"""Worker processes for work spread over the cores: forked where the system can fork, so
that they start with what this process has already imported and compiled; or one fresh
interpreter for a step that should not inherit this process's memory."""
from __future__ import annotations

import multiprocessing
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor

from .errors import SaikesError


def process_pool(workers: int, initializer=None, initargs: tuple = ()) -> ProcessPoolExecutor:
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(workers, multiprocessing.get_context(method), initializer=initializer,
                               initargs=initargs)


@contextmanager
def apart(fn, *args):
    """fn(*args) started in a fresh interpreter (spawned, not forked); yields a function
    that waits for its result (or raises its exception), as often as it is called. A step
    that holds much (the glossary of a large run) then does not add to what this process
    already holds (the aligner's compiled kernel, about 100 MB), and this process can work
    meanwhile. Leaving the block early (an error, Ctrl-C) stops the other process."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_answer, args=(send, fn, args))
    process.start()
    send.close()

    answer = []

    def result():
        if not answer:
            try:
                answer.append(receive.recv())
            except EOFError:
                raise SaikesError(f"the process running {fn.__name__} ended without a result "
                                  f"(exit code {process.exitcode})") from None
        ok, value = answer[0]
        if not ok:
            raise value
        return value

    try:
        yield result
    finally:
        if process.is_alive():
            process.terminate()
        process.join()
        receive.close()


def _answer(send, fn, args) -> None:
    try:
        send.send((True, fn(*args)))
    except BaseException as exc:       # passed back whole: the caller raises it
        send.send((False, exc))
    finally:
        send.close()
