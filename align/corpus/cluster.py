"""The local Dask cluster of corpus mode, with the scheduler's and workers' logs kept short.

Dask keeps bounded logs of recent work: in the scheduler the transition log and the event
topics (`distributed.admin.low-level-log-length`, 1,000 entries each), the recent
computations with their source code (`distributed.diagnostics.computations.max-history`,
100), log records (`distributed.admin.log-length`, 10,000), the system monitor's samples
(`distributed.admin.system-monitor.log-length`, 7,200: an hour); in each worker its state
machine's log and stimulus log (1,000 each). A corpus run fills them only after some thousands
of tasks, so at Dask's defaults the driver (which holds the scheduler of a local cluster) grew
by some 20 MB from a few hundred pairs to a few thousand and only then stopped: measured
with 5,000 cheap tasks through the corpus window, +22 MB at the defaults, +6 MB with these.
With them the logs are full after a few hundred tasks, so the memory of a corpus run is the
same from 200 pairs to 5,000. Nothing of saikes reads them; the dashboard still works.

For a cluster started apart (`--scheduler`), give the same settings to `dask scheduler` and
`dask worker` as environment variables (`DASK_CONFIG_ENV`) or in a Dask YAML file.
"""
from __future__ import annotations

from contextlib import contextmanager

BOUNDED_LOGS = {
    "distributed.admin.low-level-log-length": 100,
    "distributed.admin.log-length": 1000,
    "distributed.admin.system-monitor.log-length": 120,
    "distributed.diagnostics.computations.max-history": 5,
    "distributed.scheduler.dashboard.tasks.task-stream-length": 1000,
}


def env_name(key: str) -> str:
    """The environment variable that sets a Dask config key (`DASK_` + path, `__` for dots)."""
    return "DASK_" + key.upper().replace(".", "__").replace("-", "_")


DASK_CONFIG_ENV = {env_name(k): str(v) for k, v in BOUNDED_LOGS.items()}


@contextmanager
def local_cluster(workers: int, **kwargs):
    """A client of a new LocalCluster of `workers` processes of one thread each (the aligner
    holds the GIL), its scheduler and workers configured with BOUNDED_LOGS (the nannies
    hand the configuration to the worker processes, restarted ones included)."""
    import dask
    from distributed import Client, LocalCluster
    with dask.config.set(BOUNDED_LOGS), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, **kwargs) as lc, \
            Client(lc) as client:
        yield client
