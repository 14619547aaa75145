"""Corpus mode: align a whole collection of pairs on a dask.distributed cluster.

The same two passes as `saikes run` (jobs.first_pass / jobs.second_pass):

1. every pair aligned with the built-in lexicon; its confident beads kept on disk;
2. the lexicon learned from the confident beads of the whole corpus as a Dask reduction:
   each task counts some pairs' beads (`LexiconCounts`), the counts are merged in a tree,
   and only the merged counts reach this process; at most `LEXICON_SAMPLE` beads teach
   (an even sample of a larger corpus), as in the workspace;
3. every pair aligned again with it; beads and pair rows written as Parquet;
4. TMX shards and the summary report.

Tasks are handed to the cluster a window at a time, so neither this process nor the
scheduler holds a task per pair of a large corpus.
"""
from __future__ import annotations

import hashlib
import json
import math
import time
from collections import Counter
from itertools import islice
from pathlib import Path

from ..core.aligner import over_base
from ..core.scoring import Lexicon, coverage_step
from ..errors import InputError
from ..jobs import LEXICON_SAMPLE
from . import store, tasks
from .tasks import Pair, Settings

TMX_SHARD_SIZE = 500        # pairs per TMX shard
PAIRS_PER_COUNT = 16        # pairs whose beads one counting task reads
LOW_CONFIDENCE = 0.8        # the summary counts pairs under this mean confidence


class _NoBar:
    def update(self, n=1):
        pass

    def close(self):
        pass


DEFAULT_SETTINGS = Settings()


def run_corpus(client, pairs: list[Pair], out: str | Path, settings: Settings = DEFAULT_SETTINGS,
               tmx_shard_size: int = TMX_SHARD_SIZE, bar=None) -> dict:
    """Align `pairs` on the cluster of `client`, writing under `out`; returns the summary.
    `bar(description, total)` makes a progress bar (an object with update() and close())."""
    out = Path(out).resolve()
    names = [p.name for p in pairs]
    if len(set(names)) != len(names) or len({store.file_stem(n) for n in names}) != len(names):
        twice = sorted(n for n, c in Counter(names).items() if c > 1)
        raise InputError(f"pair names must be unique: {', '.join(twice[:5]) or 'two names give one file name'}")
    if tmx_shard_size < 1:
        raise InputError(f"--tmx-shard-size must be 1 or more, not {tmx_shard_size}")
    store.prepare_out(out)
    bar = bar or (lambda desc, total: _NoBar())
    started = time.time()
    window = 4 * max(1, sum(client.nthreads().values()))

    # 1. first pass; of each pair's result only (hash, state, beads taught) is kept
    states: dict[str, tuple[str, str, int | None]] = {}
    progress = bar("pass 1/2", len(pairs))
    for r in _stream(client, tasks.first, pairs, window, str(out), settings):
        states[r["name"]] = (r["hash"], r["state"], r["taught"])
        progress.update(1)
    progress.close()

    # 2. the lexicon
    lexicon = _lexicon(client, out, [(states[n][0], states[n][2]) for n in names if states[n][2] is not None])

    # 3. second pass, for the pairs not finished before
    todo = [p for p in pairs if states[p.name][1] == "taught"]
    progress = bar("pass 2/2", len(todo))
    lex = client.scatter(lexicon, broadcast=True)   # sent to each worker once, not with every task
    aligned = 0
    for r in _stream(client, _second, ((p, states[p.name][0]) for p in todo), window, str(out), settings, lex):
        aligned += r["state"] == "aligned"
        progress.update(1)
    progress.close()
    lex.release()                                   # the workers drop it before the shards
    del lex
    elapsed = time.time() - started

    # 4. TMX shards, then the summary
    members = [(n, states[n][0]) for n in names]
    shards = [(k, members[i:i + tmx_shard_size]) for k, i in enumerate(range(0, len(members), tmx_shard_size))]
    units = sum(_stream(client, _shard, shards, window, str(out)))
    summary = summarize(out, names)
    summary.update(aligned_now=aligned, skipped=len(pairs) - len(todo), seconds=round(elapsed, 1),
                   lexicon_entries=len(lexicon), tmx_shards=len(list((out / "tmx").glob("corpus-*.tmx"))),
                   tmx_units_written=units)
    store.save_bytes(out / "summary.md", report_text(summary).encode("utf-8"))
    return summary


def _second(item, out, settings, lexicon):
    return tasks.second(item[0], item[1], out, settings, lexicon)


def _shard(item, out):
    return tasks.shard(item[0], item[1], out)


def _stream(client, fn, items, window: int, *args):
    """fn(item, *args) for every item on the cluster, at most `window` at a time; results
    as they complete. A task lost with its worker is run again by Dask elsewhere.

    Tasks are handed over a half window at a time (one `client.map`), not one by one: every
    submission leaves a record in the scheduler's span for good (dask/distributed#7977: one
    dict per `submit`, one per `map`), so a record per pair would grow the scheduler's memory
    with the corpus."""
    from distributed import as_completed
    it = iter(items)
    batch = max(1, window // 2)

    def submit(n):
        chunk = list(islice(it, n))
        return client.map(fn, chunk, *[[a] * len(chunk) for a in args], pure=False) if chunk else []
    running = as_completed(submit(window))
    done = 0
    for future in running:
        result = future.result()
        future.release()
        del future             # nor does this process keep a finished one
        done += 1
        if done == batch:
            running.update(submit(batch))
            done = 0
        yield result


def _lexicon(client, out: Path, teach: list[tuple[str, int]]) -> Lexicon:
    """The corpus's lexicon: counted by Dask tasks over the pairs' confident beads and
    merged as a tree reduction; kept under OUT/.work so a resumed run reuses it."""
    total = sum(n for _, n in teach)
    stride = max(1, math.ceil(total / LEXICON_SAMPLE))
    cover = coverage_step(len(range(0, total, stride)))
    key = hashlib.sha256(repr((teach, stride, cover)).encode()).hexdigest()[:16]
    path = store.lexicon_path(out, key)
    if path.exists():
        return Lexicon.from_bytes(path.read_bytes())
    plan, offset = [], 0
    for digest, n in teach:
        if n:
            plan.append((digest, offset, n))
        offset += n
    if plan:
        import dask.bag as db
        bag = db.from_sequence(plan, partition_size=PAIRS_PER_COUNT)
        counts = bag.reduction(lambda part: tasks.count(list(part), str(out), stride, cover), tasks.merge,
                               split_every=8)
        # learned on the worker that holds the merged counts: only the lexicon comes back
        lexicon = Lexicon.from_bytes(counts.apply(tasks.learn).compute())
    else:
        lexicon = over_base(Lexicon())
    store.save_bytes(path, lexicon.to_bytes())
    return lexicon


# ------------------------------------------------------------------ the summary

def summarize(out: Path, names: list[str]) -> dict:
    """Figures over the pairs table, read in batches."""
    s = {"pairs": len(names), "aligned": 0, "error_count": 0, "errors": [], "beads": 0, "flagged": 0,
         "article_mismatches": 0, "low_confidence": 0, "confidence_sum": 0.0, "shapes": Counter()}
    seen = 0
    for batch in store.pair_batches(out, names, ["pair", "beads", "shapes", "mean_confidence", "flagged",
                                                 "article_mismatches", "error"]):
        for r in batch.to_pylist():
            seen += 1
            if r["error"]:
                if len(s["errors"]) < 100:
                    s["errors"].append((r["pair"], r["error"]))
                s["error_count"] += 1
                continue
            s["aligned"] += 1
            s["beads"] += r["beads"]
            s["flagged"] += r["flagged"]
            s["article_mismatches"] += r["article_mismatches"]
            s["confidence_sum"] += r["mean_confidence"] * r["beads"]
            s["low_confidence"] += r["mean_confidence"] < LOW_CONFIDENCE
            s["shapes"].update(json.loads(r["shapes"]))
    s["missing"] = len(names) - seen
    s["mean_confidence"] = round(s.pop("confidence_sum") / s["beads"], 4) if s["beads"] else 0.0
    s["shapes"] = dict(s["shapes"].most_common())
    return s


def report_text(s: dict) -> str:
    shapes = ", ".join(f"{k} × {v}" for k, v in s["shapes"].items())
    lines = [
        "# Corpus alignment", "",
        f"- pairs: {s['pairs']} (aligned {s['aligned']}, with errors {s['error_count']}"
        + (f", without output {s['missing']}" if s["missing"] else "") + ")",
        (f"- this run: {s.get('aligned_now', 0)} pairs aligned, {s.get('skipped', 0)} skipped as finished before "
         f"or unreadable, in {s.get('seconds', 0)} s"),
        f"- beads: {s['beads']} ({shapes}); mean confidence {s['mean_confidence']:.3f}; flagged {s['flagged']}",
        (f"- pairs under mean confidence {LOW_CONFIDENCE}: {s['low_confidence']} "
         f"(`saikes corpus review OUT --where \"mean_confidence < {LOW_CONFIDENCE}\"`)"),
        f"- article mismatches: {s['article_mismatches']}",
        f"- lexicon entries: {s.get('lexicon_entries', '?')}; TMX shards: {s.get('tmx_shards', '?')}",
    ]
    if s["errors"]:
        lines += ["", "## Pairs not aligned", ""]
        lines += [f"- {name}: {error}" for name, error in s["errors"]]
        if s["error_count"] > len(s["errors"]):
            lines.append(f"- … and {s['error_count'] - len(s['errors'])} more (the `error` column of pairs/)")
    return "\n".join(lines) + "\n"
