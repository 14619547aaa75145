"""The glossary of a corpus folder (`saikes corpus glossary OUT`): the workspace glossary
build, reading the Parquet beads a pair file at a time instead of a workspace's beads.

The build counts every distinct pair of texts once and holds only those (a corpus of
re-published acts repeats most of its text), so memory grows with the distinct text of the
corpus, not with its pairs. The entries are stored in a workspace (its glossary table, where
a terminologist reviews them in the app) and written as TSV, TBX and OmegaT files.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..store.beads import Bead
from . import store as S

_COLUMNS = ["bead", "section", "article", "kk_segs", "ru_segs", "kk", "ru", "confidence", "status"]


@dataclass
class _PairRef:
    id: int
    name: str


class CorpusBeads:
    """The aligned pairs of OUT as the glossary build reads a workspace (`pairs`,
    `iter_beads`), storing the result in the workspace `into`."""

    def __init__(self, out: str | Path, into):
        self.out, self.into = Path(out), into
        self.path = str(self.out)
        names = []
        for batch in S.pair_batches(self.out, columns=["pair", "error"]):
            names += [n for n, e in zip(batch.column("pair").to_pylist(), batch.column("error").to_pylist())
                      if e is None and S.beads_path(self.out, n).exists()]
        self._pairs = [_PairRef(k, n) for k, n in enumerate(sorted(names))]

    def pairs(self) -> list[_PairRef]:
        return self._pairs

    def pair(self, name: str) -> _PairRef:
        return next(p for p in self._pairs if p.name == name)

    def iter_beads(self, pair_id: int | None = None):
        """The beads of every aligned pair (or of one), a pair file in memory at a time. A
        corpus bead has no workspace id: `pair` and `pos` name it."""
        for ref in self._pairs if pair_id is None else [self._pairs[pair_id]]:
            for r in S.read_file(S.beads_path(self.out, ref.name), _COLUMNS).to_pylist():
                yield Bead(None, ref.id, r["bead"], r["section"] or "", r["article"], r["kk_segs"], r["ru_segs"],
                           r["kk"], r["ru"], r["confidence"], {}, r["status"], 0, "", "")

    def store_glossary(self, entries: list[dict], stats: dict) -> dict:
        return self.into.store_glossary(entries, stats)
