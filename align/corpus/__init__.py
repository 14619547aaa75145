"""Corpus mode: whole collections of pairs aligned on dask.distributed, written as Parquet
and sharded TMX, resumable (see run.py)."""
from .run import run_corpus, summarize, TMX_SHARD_SIZE
from .tasks import Pair, Settings
