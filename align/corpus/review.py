"""Pulling doubtful pairs out of a corpus into a workspace for the review app, and the
lists of pairs a corpus run takes."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from ..errors import InputError, SaikesError
from ..jobs import match_files
from . import store
from .tasks import Pair, Settings, pair_hash


def pairs_from_folders(kk_dir: str | Path, ru_dir: str | Path) -> list[Pair]:
    kk_dir, ru_dir = Path(kk_dir), Path(ru_dir)
    for d, what in ((kk_dir, "Kazakh"), (ru_dir, "Russian")):
        if not d.is_dir():
            raise InputError(f"{d}: no such folder of {what} files")
    pairs = [Pair(k.stem, str(k.resolve()), str(r.resolve())) for k, r in match_files(kk_dir, ru_dir)]
    if not pairs:
        raise InputError(f"no files in {kk_dir} have a counterpart of the same name in {ru_dir}")
    return pairs


def pairs_from_csv(path: str | Path) -> list[Pair]:
    """Rows of kk, ru[, name] (a header row naming them is allowed); paths relative to the
    list's folder; the name defaults to the Kazakh file's name."""
    path = Path(path)
    try:
        rows = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from None
    if rows and [c.strip().lower() for c in rows[0][:2]] == ["kk", "ru"]:
        rows = rows[1:]
    pairs = []
    for n, row in enumerate(rows, 1):
        if not row or not "".join(row).strip():
            continue
        if len(row) < 2:
            raise InputError(f"{path}, row {n}: give the Kazakh file, the Russian file and a name")
        kk, ru = (path.parent / row[0].strip()).resolve(), (path.parent / row[1].strip()).resolve()
        name = row[2].strip() if len(row) > 2 and row[2].strip() else kk.stem
        pairs.append(Pair(name, str(kk), str(ru)))
    if not pairs:
        raise InputError(f"{path}: no pairs listed")
    return pairs


def select(out: str | Path, where: str, limit: int | None = None) -> list[str]:
    """Names of the aligned pairs whose rows match `where` (a pandas query over the pairs
    table's columns, such as "mean_confidence < 0.8"), lowest mean confidence first."""
    out = Path(out)
    if not (out / "pairs").is_dir():
        raise InputError(f"{out}: not a corpus folder (no pairs/ in it); run saikes corpus align first")
    found = []
    for batch in store.pair_batches(out):
        df = batch.to_pandas()
        df = df[df["error"].isna()]
        try:
            hit = df.query(where) if where else df
        except Exception as exc:   # noqa: BLE001  (pandas raises many kinds)
            raise InputError(f"cannot select pairs with --where \"{where}\": {exc}; the columns are "
                             f"{', '.join(store.PAIRS.names)}") from None
        found.extend(zip(hit["mean_confidence"], hit["pair"]))
    found.sort()
    return [name for _, name in (found[:limit] if limit else found)]


def import_pairs(ws, out: str | Path, names: list[str], who: str | None = None) -> list[str]:
    """Import each pair's documents (read again from its source files) and its beads as
    the corpus run aligned them; a pair whose files changed since is refused."""
    from ..text.pipeline import load_pair
    out = Path(out)
    done = []
    for name in names:
        row = next(store.pair_batches(out, [name])).to_pylist()[0]
        pair = Pair(name, row["kk_path"], row["ru_path"])
        # the hash also holds the settings: the command line varies only --force
        if row["hash"] not in (pair_hash(pair, Settings()), pair_hash(pair, Settings(force=True))):
            raise SaikesError(f"{name}: its files changed since the corpus was aligned; run saikes corpus "
                              f"align again first")
        ws.import_pair(name, *load_pair(pair.kk, pair.ru))
        ws.store_alignment(ws.pair(name).id, store.read_beads(out, name), json.loads(row["report"]), who)
        done.append(name)
    return done
