"""Where corpus mode keeps its results, and how it writes and reads them.

    OUT/beads/PAIR.parquet     the pair's beads (BEADS schema)
    OUT/pairs/PAIR.parquet     the pair's row (PAIRS schema); written last, so it marks the
                               pair complete
    OUT/tmx/corpus-NNNNN.tmx   TMX shards, one per `tmx_shard_size` pairs of the input order
    OUT/summary.md             the run's report
    OUT/aligned.log            one line per pair the second pass aligned (pair, hash, time)
    OUT/.work/                 the first pass's confident texts (teach/HASH.parquet), the
                               learned lexicon, the shards' keys: what a resumed run reuses

Every file is written to a hidden temporary file and renamed into place, so a killed worker
or run leaves whole files or none; Parquet readers skip the hidden temporaries.
One file per pair keeps a pair's task idempotent (a retried task rewrites the same files)
and lets a re-run tell a finished pair by one small read.
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tmx_out.base import Unit, atomic_write

BEADS = pa.schema([
    ("pair", pa.string()), ("bead", pa.int32()), ("kk", pa.string()), ("ru", pa.string()),
    ("confidence", pa.float64()), ("shape", pa.string()), ("section", pa.string()),
    ("article", pa.string()), ("article_kk", pa.string()), ("article_ru", pa.string()),
    ("status", pa.string()), ("flagged", pa.bool_()),
    ("kk_segs", pa.list_(pa.int32())), ("ru_segs", pa.list_(pa.int32())), ("scores", pa.string()),
])

PAIRS = pa.schema([
    ("pair", pa.string()), ("kk_path", pa.string()), ("ru_path", pa.string()),
    ("kk_segments", pa.int32()), ("ru_segments", pa.int32()), ("beads", pa.int32()),
    ("beads_1_1", pa.int32()), ("beads_other", pa.int32()), ("beads_one_sided", pa.int32()),
    ("shapes", pa.string()), ("mean_confidence", pa.float64()), ("flagged", pa.int32()),
    ("article_mismatches", pa.int32()), ("lexicon_entries", pa.int32()), ("error", pa.string()),
    ("hash", pa.string()), ("saikes_version", pa.string()), ("aligned_at", pa.string()),
    ("report", pa.string()),
])


def file_stem(name: str) -> str:
    """A pair's name as a file name (the name itself stays in the `pair` column)."""
    safe = re.sub(r"[^\w.-]", "_", name)
    if safe == name and not name.startswith("."):
        return name
    return f"{safe.lstrip('.')}-{hashlib.sha1(name.encode()).hexdigest()[:8]}"


def prepare_out(out: Path) -> None:
    """The folders under OUT, less the temporary files a killed run left (one run at a
    time writes to an OUT)."""
    for sub in ("beads", "pairs", "tmx", ".work/teach", ".work/shards"):
        (out / sub).mkdir(parents=True, exist_ok=True)
        for tmp in (out / sub).glob(".*.part"):
            tmp.unlink(missing_ok=True)


def pairs_path(out: Path, name: str) -> Path:
    return out / "pairs" / f"{file_stem(name)}.parquet"


def beads_path(out: Path, name: str) -> Path:
    return out / "beads" / f"{file_stem(name)}.parquet"


def teach_path(out: Path, digest: str) -> Path:
    return out / ".work" / "teach" / f"{digest}.parquet"


def write_table(table: pa.Table, path: Path) -> None:
    with atomic_write(path, "wb") as fh:
        pq.write_table(table, fh)


# ------------------------------------------------------------------ pairs

def finished_hash(out: Path, name: str) -> str | None:
    """The input hash of the pair's complete output, if there is one."""
    path = pairs_path(out, name)
    if not path.exists():
        return None
    return read_file(path, ["hash"]).column("hash")[0].as_py()


def pair_row(name: str, kk_path: str, ru_path: str, digest: str, version: str, report: dict | None = None,
             error: str | None = None) -> dict:
    r = report or {}
    shapes = r.get("shapes", {})
    return {
        "pair": name, "kk_path": kk_path, "ru_path": ru_path,
        "kk_segments": r.get("kk_segments"), "ru_segments": r.get("ru_segments"), "beads": r.get("beads"),
        "beads_1_1": shapes.get("1:1", 0) if report else None,
        "beads_one_sided": shapes.get("1:0", 0) + shapes.get("0:1", 0) if report else None,
        "beads_other": sum(n for s, n in shapes.items() if s not in ("1:1", "1:0", "0:1")) if report else None,
        "shapes": json.dumps(shapes, sort_keys=True) if report else None,
        "mean_confidence": r.get("mean_confidence"), "flagged": r.get("flagged"),
        "article_mismatches": len(r.get("article_problems", [])) if report else None,
        "lexicon_entries": r.get("lexicon_entries"), "error": error, "hash": digest,
        "saikes_version": version, "aligned_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "report": json.dumps(r, ensure_ascii=False) if report else None,
    }


def write_pair(out: Path, row: dict) -> None:
    write_table(pa.Table.from_pylist([row], schema=PAIRS), pairs_path(out, row["pair"]))


def write_beads(out: Path, name: str, beads: list[dict], kk_doc, ru_doc) -> None:
    def article(doc, segs):
        return doc.blocks[doc.segments[segs[0]].block].article if segs else None
    rows = [{"pair": name, "bead": i, "kk": b["kk"], "ru": b["ru"], "confidence": b["confidence"],
             "shape": f"{len(b['kk_segs'])}:{len(b['ru_segs'])}", "section": b["section"],
             "article": b.get("article"), "article_kk": article(kk_doc, b["kk_segs"]),
             "article_ru": article(ru_doc, b["ru_segs"]), "status": b["status"],
             "flagged": b["status"] == "flagged", "kk_segs": b["kk_segs"], "ru_segs": b["ru_segs"],
             "scores": json.dumps(b.get("scores", {}), ensure_ascii=False)} for i, b in enumerate(beads)]
    write_table(pa.Table.from_pylist(rows, schema=BEADS), beads_path(out, name))


def log_aligned(out: Path, name: str, digest: str) -> None:
    """One line per pair aligned: an append of one short line is atomic on a local disk,
    so lines of concurrent workers do not mix."""
    with open(out / "aligned.log", "a", encoding="utf-8") as fh:
        fh.write(f"{name}\t{digest}\t{time.time():.3f}\n")


def read_beads(out: Path, name: str) -> list[dict]:
    """A pair's beads as the aligner made them (the dicts `Workspace.store_alignment` takes)."""
    rows = read_file(beads_path(out, name)).to_pylist()
    return [{"section": r["section"], "article": r["article"], "kk_segs": r["kk_segs"], "ru_segs": r["ru_segs"],
             "kk": r["kk"], "ru": r["ru"], "confidence": r["confidence"], "scores": json.loads(r["scores"]),
             "status": r["status"]} for r in rows]


def pair_batches(out: Path, names: list[str] | None = None, columns: list[str] | None = None):
    """The pairs table a pair file at a time (of the pairs in `names`, else of every pair
    under OUT). Read file by file with ParquetFile (`read_file`), not as a dataset scan over
    thousands of small files, which left the driver larger by 100-200 KB a pair. (Reading
    600 pair files one by one, 1 to 4 times over, costs the same fixed 10 MB: nothing a pair.)"""
    files = (pairs_path(out, n) for n in names) if names is not None else sorted((out / "pairs").glob("*.parquet"))
    for path in files:
        if path.exists():
            yield from read_file(path, columns).to_batches()


def read_file(path: Path, columns: list[str] | None = None) -> pa.Table:
    """One Parquet file of OUT. Not read_table, here and in the workers' tasks: read_table
    goes through pyarrow.dataset, whose first use costs a process ~50 MB more than
    ParquetFile (measured: 59 MB against 10 MB for reading 600 pair files, once, not per file)."""
    return pq.ParquetFile(path).read(columns=columns, use_threads=False)


# ------------------------------------------------------------------ the first pass and the lexicon

def write_teach(out: Path, digest: str, texts: list[tuple[str, str]]) -> None:
    table = pa.table({"kk": [k for k, _ in texts], "ru": [r for _, r in texts]},
                     schema=pa.schema([("kk", pa.string()), ("ru", pa.string())]))
    write_table(table, teach_path(out, digest))


def taught(out: Path, digest: str) -> int | None:
    """How many confident beads the pair's first pass kept to teach the lexicon (None: no first pass)."""
    path = teach_path(out, digest)
    return pq.ParquetFile(path).metadata.num_rows if path.exists() else None


def read_teach(out: Path, digest: str) -> list[tuple[str, str]]:
    t = read_file(teach_path(out, digest))
    return list(zip(t.column("kk").to_pylist(), t.column("ru").to_pylist()))


def lexicon_path(out: Path, key: str) -> Path:
    return out / ".work" / f"lexicon-{key}.bin"


def save_bytes(path: Path, data: bytes) -> None:
    with atomic_write(path, "wb") as fh:
        fh.write(data)


# ------------------------------------------------------------------ TMX shards

def shard_path(out: Path, k: int) -> Path:
    return out / "tmx" / f"corpus-{k:05d}.tmx"


def shard_key_path(out: Path, k: int) -> Path:
    return out / ".work" / "shards" / f"corpus-{k:05d}.key"


def shard_units(out: Path, names: list[str]):
    """The units of a shard's pairs, read one pair at a time (rejected beads left out, as
    the workspace export leaves them out by default)."""
    for name in names:
        path = beads_path(out, name)
        if not path.exists():
            continue
        t = read_file(path, ["kk", "ru", "article", "confidence", "status"])
        for r in t.to_pylist():
            if r["status"] != "rejected":
                yield Unit(kk=r["kk"], ru=r["ru"], document=name, article=r["article"],
                           confidence=r["confidence"], status=r["status"])
