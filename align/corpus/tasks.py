"""The tasks corpus mode runs on the Dask workers, one pair (or one shard) each.

Each task is idempotent: it decides from OUT what is already done, and writes its files
atomically, so that Dask may run it again on another worker when a worker dies, and a
re-run of the whole corpus skips what is finished. A pair's bad input is recorded as its
row's `error`, never raised: one bad file must not stop an unattended run.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..core.aligner import over_base, text_stems
from ..core.scoring import DEFAULT, Lexicon, LexiconCounts, Params, lexicon_from_counts
from ..errors import SaikesError
from ..jobs import first_pass, second_pass
from . import store

FORMAT = 1   # of the files under OUT; part of every pair's hash


@dataclass(frozen=True)
class Pair:
    name: str
    kk: str     # paths
    ru: str


@dataclass(frozen=True)
class Settings:
    params: Params = DEFAULT
    force: bool = False           # align pairs that look unrelated too

    def fingerprint(self) -> str:
        return f"saikes {__version__}; format {FORMAT}; {self.params!r}; force={self.force}"


def pair_hash(pair: Pair, settings: Settings) -> str:
    """What a pair's output depends on: its name, both files' bytes, saikes's version and
    the settings. (Not the lexicon: adding one pair to a corpus must not re-align them all.)"""
    h = hashlib.sha256(f"{settings.fingerprint()}\n{pair.name}\n".encode())
    for path in (pair.kk, pair.ru):
        try:
            h.update(hashlib.sha256(Path(path).read_bytes()).digest())
        except OSError as exc:          # the error itself is reported by reading it again
            h.update(f"unreadable: {exc.strerror}".encode())
    return h.hexdigest()


def _error_row(out: Path, pair: Pair, digest: str, exc: Exception) -> dict:
    message = str(exc) if isinstance(exc, SaikesError) else f"internal error: {type(exc).__name__}: {exc}"
    store.beads_path(out, pair.name).unlink(missing_ok=True)    # beads of an earlier, good version
    store.write_pair(out, store.pair_row(pair.name, pair.kk, pair.ru, digest, __version__, error=message))
    return {"name": pair.name, "hash": digest, "state": "error", "taught": None, "error": message}


def first(pair: Pair, out: str, settings: Settings) -> dict:
    """The first pass: align the pair with the built-in lexicon and keep its confident
    texts (OUT/.work/teach) for the lexicon. Returns the pair's state: 'done' (its output is
    complete and its input unchanged), 'error', or 'taught' (ready for the second pass),
    with the number of beads it teaches."""
    out = Path(out)
    digest = pair_hash(pair, settings)
    if store.finished_hash(out, pair.name) == digest:
        return {"name": pair.name, "hash": digest, "state": "done", "taught": store.taught(out, digest)}
    n = store.taught(out, digest)
    if n is not None:
        return {"name": pair.name, "hash": digest, "state": "taught", "taught": n}
    from ..text.pipeline import load_pair
    try:
        texts, problem = first_pass(pair.name, *load_pair(pair.kk, pair.ru), settings.params)
    except Exception as exc:   # noqa: BLE001  (recorded in the pair's row; the run goes on)
        return _error_row(out, pair, digest, exc)
    if problem and not settings.force:
        return _error_row(out, pair, digest, problem)
    store.write_teach(out, digest, texts)
    return {"name": pair.name, "hash": digest, "state": "taught", "taught": len(texts)}


def count(plan: list[tuple[str, int, int]], out: str, stride: int, cover: int) -> LexiconCounts:
    """The lexicon counts of some pairs' confident beads. `plan` gives each pair's teach
    file and the position of its first bead among all the corpus's confident beads; beads
    at positions that are multiples of `stride` teach (an even sample of a corpus larger
    than the budget), and every `cover`-th taught bead measures the lexicon's coverage."""
    counts = LexiconCounts()
    for digest, offset, _n in plan:
        for j, (kk, ru) in enumerate(store.read_teach(Path(out), digest)):
            i = offset + j
            if i % stride:
                continue
            t = i // stride
            counts.add(*text_stems(kk, ru), t if t % cover == 0 else None)
    return counts


def merge(parts) -> LexiconCounts:
    total = LexiconCounts()
    for part in parts:
        total.merge(part)
    return total


def learn(counts: LexiconCounts) -> bytes:
    """The lexicon of the corpus's merged counts (over the built-in one), serialized."""
    return over_base(lexicon_from_counts(counts)).to_bytes()


def second(pair: Pair, digest: str, out: str, settings: Settings, lexicon: Lexicon) -> dict:
    """The second pass: align the pair with the corpus's lexicon and write its beads, then
    its row (which marks it complete), then a line of OUT/aligned.log."""
    out = Path(out)
    if store.finished_hash(out, pair.name) == digest:      # a retried task whose first run finished
        return {"name": pair.name, "state": "done"}
    from ..text.pipeline import load_pair
    try:
        kk, ru = load_pair(pair.kk, pair.ru)
        result = second_pass(kk, ru, settings.params, lexicon)
    except Exception as exc:   # noqa: BLE001
        return _error_row(out, pair, digest, exc)
    store.write_beads(out, pair.name, result.beads, kk, ru)
    store.write_pair(out, store.pair_row(pair.name, pair.kk, pair.ru, digest, __version__, result.report))
    store.log_aligned(out, pair.name, digest)
    return {"name": pair.name, "state": "aligned"}


def shard(k: int, members: list[tuple[str, str]], out: str) -> int:
    """Write TMX shard k of these (pair, hash) members, unless it was written from exactly
    them before. Returns the units written (0: nothing to write, or unchanged)."""
    from tmx_out.tmx import write_tmx
    out = Path(out)
    key = hashlib.sha256(repr(members).encode()).hexdigest()
    key_path, path = store.shard_key_path(out, k), store.shard_path(out, k)
    if path.exists() and key_path.exists() and key_path.read_text() == key:
        return 0
    units = store.shard_units(out, [name for name, _ in members])
    first_unit = next(units, None)
    if first_unit is None:               # only pairs with errors: no shard
        path.unlink(missing_ok=True)
        return 0

    def all_units():
        yield first_unit
        yield from units
    n = write_tmx(all_units(), path)
    store.save_bytes(key_path, key.encode())
    return n
