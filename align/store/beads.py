"""Beads: the aligned pairs of a document pair, in document order (`pos` 0, 1, 2, ...),
each with its status, confidence, clues and a version that every change bumps, so that an
edit made against an older version is refused (`StaleEditError`)."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..errors import StaleEditError, WorkspaceError
from .connection import now
from .status import KEPT, REVIEWED, sql_list


@dataclass
class Bead:
    id: int
    pair_id: int
    pos: int
    section: str
    article: str | None
    kk_segs: list[int]
    ru_segs: list[int]
    kk: str
    ru: str
    confidence: float
    scores: dict
    status: str
    version: int
    created_at: str
    changed_at: str

    @property
    def shape(self) -> str:
        return f"{len(self.kk_segs)}:{len(self.ru_segs)}"


class BeadsMixin:
    def store_alignment(self, pair_id: int, beads: list[dict], report: dict) -> None:
        """Replace the beads of a pair. Beads a reviewer approved, rejected or edited are
        kept in the edit log before they are replaced (the aligner passes the approved and
        edited ones back in, as anchors)."""
        with self.transaction() as db:
            reviewed = [dict(r) for r in db.execute(
                f"SELECT id, pos, kk, ru, status FROM beads WHERE pair_id = ? AND status IN ({sql_list(REVIEWED)})",
                (pair_id,))]
            if reviewed:
                self.log(db, "realign", pair_id, before={"reviewed_beads": reviewed})
            db.execute("DELETE FROM beads WHERE pair_id = ?", (pair_id,))
            self._insert_beads(db, pair_id, beads, report)

    def _insert_beads(self, db, pair_id: int, beads: list[dict], report: dict) -> None:
        stamp = now()
        db.executemany(
            "INSERT INTO beads(pair_id, pos, section, article, kk_segs, ru_segs, kk, ru, confidence,"
            " scores, status, version, created_at, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
            [(pair_id, i, b["section"], _text(b.get("article")), json.dumps(b["kk_segs"]),
              json.dumps(b["ru_segs"]), b["kk"], b["ru"], float(b["confidence"]),
              json.dumps(b.get("scores", {})), b.get("status", "auto"),
              b.get("created_at") or stamp, b.get("changed_at") or stamp)
             for i, b in enumerate(beads)])
        db.execute("UPDATE pairs SET aligned_at = ?, report = ? WHERE id = ?",
                   (stamp, json.dumps(report, ensure_ascii=False), pair_id))

    def beads(self, pair_id: int | None = None) -> list[Bead]:
        if pair_id is None:
            rows = self.db.execute("SELECT b.* FROM beads b JOIN pairs p ON p.id = b.pair_id "
                                   "ORDER BY p.name, b.pos")
        else:
            rows = self.db.execute("SELECT * FROM beads WHERE pair_id = ? ORDER BY pos", (pair_id,))
        return [_bead(r) for r in rows]

    def bead(self, bead_id: int) -> Bead:
        r = self.db.execute("SELECT * FROM beads WHERE id = ?", (bead_id,)).fetchone()
        if r is None:
            raise WorkspaceError(f"bead {bead_id} no longer exists (merged or re-aligned?)")
        return _bead(r)

    def neighbour_id(self, pair_id: int, pos: int) -> int | None:
        r = self.db.execute("SELECT id FROM beads WHERE pair_id = ? AND pos = ?", (pair_id, pos)).fetchone()
        return r["id"] if r else None

    def bead_exists(self, bead_id: int, pair_id: int | None = None) -> bool:
        sql = "SELECT 1 FROM beads WHERE id = ?" + ("" if pair_id is None else " AND pair_id = ?")
        args = (bead_id,) if pair_id is None else (bead_id, pair_id)
        return self.db.execute(sql, args).fetchone() is not None

    def sections(self, pair_id: int) -> list[str]:
        """The sections of a pair's beads, in document order."""
        seen: dict[str, None] = {}
        for r in self.db.execute("SELECT section FROM beads WHERE pair_id = ? ORDER BY pos", (pair_id,)):
            seen.setdefault(r["section"], None)
        return list(seen)

    def bead_counts(self) -> dict[int, dict]:
        """Per pair: beads, mean confidence and how many have each status."""
        return {r["pair_id"]: dict(r) for r in self.db.execute(
            "SELECT pair_id, COUNT(*) AS n, AVG(confidence) AS conf, "
            "SUM(status = 'flagged') AS flagged, SUM(status = 'approved') AS approved, "
            "SUM(status = 'rejected') AS rejected, SUM(status = 'edited') AS edited "
            "FROM beads GROUP BY pair_id")}

    def article_counts(self) -> dict[tuple[int, str], int]:
        """Per (pair, language): how many articles the document has."""
        return {(r["pair_id"], r["lang"]): r["n"] for r in self.db.execute(
            "SELECT d.pair_id, d.lang, COUNT(DISTINCT b.article) AS n FROM documents d "
            "JOIN blocks b ON b.doc_id = d.id WHERE b.kind = 'heading' AND b.level = 'article' "
            "GROUP BY d.pair_id, d.lang")}

    def segment_texts(self, pair_id: int, lang: str, idxs: list[int]) -> dict[int, str]:
        """The texts of some segments of a pair's document, by index."""
        if not idxs:
            return {}
        return {r["idx"]: r["text"] for r in self.db.execute(
            f"SELECT s.idx, s.text FROM segments s JOIN documents d ON d.id = s.doc_id "
            f"WHERE d.pair_id = ? AND d.lang = ? AND s.idx IN ({','.join('?' * len(idxs))})",
            (pair_id, lang, *idxs))}

    def confident_texts(self, min_confidence: float, exclude: set[int], limit: int) -> list[tuple[str, str]]:
        """(kk, ru) texts of beads that are confident or approved (never rejected), at most
        `limit` of them, sampled evenly over the workspace."""
        where = (f"kk != '' AND ru != '' AND status != 'rejected' AND "
                 f"(confidence >= ? OR status IN ({sql_list(KEPT)}))")
        args: list = [min_confidence]
        if exclude:
            where += f" AND pair_id NOT IN ({','.join('?' * len(exclude))})"
            args += sorted(exclude)
        if limit <= 0:
            return []
        total = self.db.execute(f"SELECT COUNT(*) FROM beads WHERE {where}", args).fetchone()[0]
        stride = max(1, -(-total // limit))
        return [(r[0], r[1]) for r in self.db.execute(
            f"SELECT kk, ru FROM beads WHERE {where} AND id % ? = 0", args + [stride])]

    def replace_beads(self, db, action: str, old: list[Bead], new: list[dict], who: str | None,
                      extra: dict | None = None, keep_versions: bool = False) -> list[Bead]:
        """Replace the contiguous beads `old` by `new` (dicts; id None for a new bead), keep
        positions contiguous, bump versions, log the change. Runs inside a transaction."""
        stamp = now()
        pair_id = old[0].pair_id
        start = min(b.pos for b in old)
        old_ids = {b.id: b for b in old}
        keep = {d["id"] for d in new if d.get("id") is not None}
        for b in old:
            if b.id not in keep:
                db.execute("DELETE FROM beads WHERE id = ?", (b.id,))
        shift = len(new) - len(old)
        if shift:
            db.execute("UPDATE beads SET pos = pos + ? WHERE pair_id = ? AND pos >= ?",
                       (shift, pair_id, start + len(old)))
        ids = []
        for i, d in enumerate(new):
            if keep_versions:
                version = d["version"]
            elif d.get("id") in old_ids:
                version = old_ids[d["id"]].version + 1
            else:
                version = 1
            values = (start + i, d["section"], _text(d["article"]), json.dumps(d["kk_segs"]),
                      json.dumps(d["ru_segs"]), d["kk"], d["ru"], float(d["confidence"]),
                      json.dumps(d["scores"], ensure_ascii=False), d["status"], version, stamp)
            exists = d.get("id") is not None and db.execute(
                "SELECT 1 FROM beads WHERE id = ?", (d["id"],)).fetchone()
            if exists:
                db.execute("UPDATE beads SET pos = ?, section = ?, article = ?, kk_segs = ?, ru_segs = ?, kk = ?,"
                           " ru = ?, confidence = ?, scores = ?, status = ?, version = ?, changed_at = ?"
                           " WHERE id = ?", values + (d["id"],))
                ids.append(d["id"])
            else:
                ids.append(db.execute(
                    "INSERT INTO beads(id, pair_id, pos, section, article, kk_segs, ru_segs, kk, ru, confidence,"
                    " scores, status, version, changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    " ?, ?, ?, ?)", (d.get("id"), pair_id) + values + (d.get("created_at") or stamp,)).lastrowid)
        result = [self.bead(i) for i in ids]
        self.log(db, action, pair_id, result[0].id,
                 before={"beads": [asdict(b) for b in old]},
                 after=dict(extra or {}, beads=[asdict(b) for b in result]), who=who)
        return result

    def replace_section(self, pair_id: int, section: str, new: list[dict], who: str | None = None) -> None:
        """Replace the beads of one section by `new`, where the section stood; logged."""
        stamp = now()
        with self.transaction() as db:
            rows = [dict(r) for r in db.execute(
                "SELECT id, pos, section, kk, ru, status, confidence FROM beads WHERE pair_id = ? ORDER BY pos",
                (pair_id,))]
            old_rows = [r for r in rows if r["section"] == section]
            at = rows.index(old_rows[0]) if old_rows else len(rows)
            db.execute("DELETE FROM beads WHERE pair_id = ? AND section = ?", (pair_id, section))
            new_ids = [db.execute(
                "INSERT INTO beads(pair_id, pos, section, article, kk_segs, ru_segs, kk, ru, confidence,"
                " scores, status, version, created_at, changed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
                (pair_id, -1, section, _text(b.get("article")), json.dumps(b["kk_segs"]), json.dumps(b["ru_segs"]),
                 b["kk"], b["ru"], b["confidence"], json.dumps(b["scores"]), b["status"],
                 b.get("created_at") or stamp, b.get("changed_at") or stamp)).lastrowid for b in new]
            rest = [r["id"] for r in rows if r["section"] != section]
            order = rest[:at] + new_ids + rest[at:]
            db.executemany("UPDATE beads SET pos = ? WHERE id = ?", [(k, i) for k, i in enumerate(order)])
            self.log(db, "realign-section", pair_id, before={"section": section, "beads": old_rows},
                     after={"section": section, "beads": len(new)}, who=who)


def _text(value) -> str | None:
    return None if value is None else str(value)


def _bead(r) -> Bead:
    return Bead(r["id"], r["pair_id"], r["pos"], r["section"], r["article"], json.loads(r["kk_segs"]),
                json.loads(r["ru_segs"]), r["kk"], r["ru"], r["confidence"], json.loads(r["scores"]),
                r["status"], r["version"], r["created_at"], r["changed_at"])


def check_version(bead: Bead, expected: int | None) -> None:
    if expected is not None and bead.version != expected:
        raise StaleEditError(
            f"bead {bead.id} was changed by someone else since you loaded it (version {expected}, "
            f"now {bead.version}); your edit was not applied — reload to see the current text")
