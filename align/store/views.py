"""What the review app asks of the beads: one page of a filtered, ordered list, and the
ids and versions of everything a filter selects (for bulk approval), each answered by one
query so that a page of 20 beads costs the same in a pair of 100 beads or of 10,000."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import GREEN_FROM, RED_BELOW, Status
from .beads import Bead, row_to_bead

ORDERS = {
    # not yet reviewed and doubtful (flagged) first, each group in document order
    "doubtful": f"(status = '{Status.FLAGGED.value}') DESC, pos",
    "document": "pos",
    "lowest": "confidence, pos",
}
BAND_SQL = {"red": f"confidence < {RED_BELOW}",
            "amber": f"confidence >= {RED_BELOW} AND confidence < {GREEN_FROM}",
            "green": f"confidence >= {GREEN_FROM}"}


@dataclass(frozen=True)
class BeadQuery:
    """Which beads of a pair the review page lists, and in what order."""
    statuses: tuple[str, ...] = ()           # empty: any status
    bands: tuple[str, ...] = ()              # 'red', 'amber', 'green'; empty: any
    min_confidence: float = 0.0
    max_confidence: float = 1.0
    section: str | None = None
    text: str = ""                           # in either language, case-insensitive
    order: str = "doubtful"

    def where(self, pair_id: int) -> tuple[str, list]:
        sql, args = ["pair_id = ?"], [pair_id]
        if self.statuses:
            sql.append(f"status IN ({','.join('?' * len(self.statuses))})")
            args += [Status(s).value for s in self.statuses]
        if self.bands:
            sql.append("(" + " OR ".join(BAND_SQL[b] for b in self.bands) + ")")
        if self.min_confidence > 0:
            sql.append("confidence >= ?")
            args.append(self.min_confidence - 1e-9)
        if self.max_confidence < 1:
            sql.append("confidence <= ?")
            args.append(self.max_confidence + 1e-9)
        if self.section:
            sql.append("section = ?")
            args.append(self.section)
        needle = self.text.strip().casefold()
        if needle:
            sql.append("(instr(casefold(kk), ?) > 0 OR instr(casefold(ru), ?) > 0)")
            args += [needle, needle]
        return " AND ".join(sql), args


class ViewsMixin:
    def bead_page(self, pair_id: int, query: BeadQuery, limit: int, offset: int = 0) -> tuple[list[Bead], int]:
        """One page of the beads a query selects, and how many it selects in all."""
        where, args = query.where(pair_id)
        total = self.db.execute(f"SELECT COUNT(*) FROM beads WHERE {where}", args).fetchone()[0]
        rows = self.db.execute(f"SELECT * FROM beads WHERE {where} ORDER BY {ORDERS[query.order]} "
                               f"LIMIT ? OFFSET ?", args + [limit, offset])
        return [row_to_bead(r) for r in rows], total

    def bead_versions(self, pair_id: int, query: BeadQuery) -> dict[int, int]:
        """{bead id: version} of every bead a query selects (what a bulk approval acts on)."""
        where, args = query.where(pair_id)
        return {r[0]: r[1] for r in self.db.execute(f"SELECT id, version FROM beads WHERE {where}", args)}

    def bead_count(self, pair_id: int) -> int:
        return self.db.execute("SELECT COUNT(*) FROM beads WHERE pair_id = ?", (pair_id,)).fetchone()[0]
