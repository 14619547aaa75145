"""Corpus mode: whole collections of pairs aligned on dask.distributed, written as Parquet
and sharded TMX, resumable (see run.py)."""
from .run import TMX_SHARD_SIZE, run_corpus, summarize
from .tasks import Pair, Settings
