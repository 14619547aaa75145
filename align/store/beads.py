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


# Edit-log actions that start a pair's history afresh: what came before them cannot be
# undone. "realign" and "realign-section" are the entries of workspaces made before re-alignment
# was undoable (they hold no snapshot to go back to).
HISTORY_STARTS = ("import", "reimport", "align", "delete", "realign", "realign-section")


class BeadsMixin:
    def store_alignment(self, pair_id: int, beads: list[dict], report: dict, who: str | None = None,
                        revision: tuple | None = None) -> str:
        """Store the beads the aligner made for a pair. The first alignment starts the pair's
        history; a later one replaces the beads as one undoable step in the edit log, with
        every bead that is unchanged (a reviewer's kept beads above all) left exactly as it
        was — same id, same version. Returns 'aligned', 're-aligned' or 'unchanged'.

        `revision` is `document_revision` as it was before the aligner read the documents;
        if the pair was re-imported or removed since (another process), nothing is stored and
        StaleEditError says so."""
        with self.transaction() as db:
            if revision is not None and self.document_revision(pair_id, db) != revision:
                name = db.execute("SELECT name FROM pairs WHERE id = ?", (pair_id,)).fetchone()
                what = f"the pair {name['name']} changed" if name else f"pair {pair_id} was removed"
                raise StaleEditError(f"{what} while it was being aligned; nothing was stored — run align again")
            old = self._pair_beads(db, pair_id)
            if not old:
                self._insert_beads(db, pair_id, beads)
                self.log(db, "align", pair_id, after={"beads": len(beads)}, who=who)
                outcome = "aligned"
            else:
                new = reuse_ids(old, beads)
                if len(new) == len(old) and all(same_bead(asdict(o), n) for o, n in zip(old, new)):
                    outcome = "unchanged"
                else:
                    changed = sum(1 for d in new if d.get("id") is None)
                    self.replace_beads(db, "re-align", old, new, who,
                                       summary=f"whole pair re-aligned: {changed} new bead(s), "
                                               f"{len(new) - changed} kept")
                    outcome = "re-aligned"
            db.execute("UPDATE pairs SET aligned_at = ?, report = ? WHERE id = ?",
                       (now(), json.dumps(report, ensure_ascii=False), pair_id))
        return outcome

    def _insert_beads(self, db, pair_id: int, beads: list[dict]) -> None:
        stamp = now()
        db.executemany(
            "INSERT INTO beads(pair_id, pos, section, article, kk_segs, ru_segs, kk, ru, confidence,"
            " scores, status, version, created_at, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
            [(pair_id, i, b["section"], _text(b.get("article")), json.dumps(b["kk_segs"]),
              json.dumps(b["ru_segs"]), b["kk"], b["ru"], float(b["confidence"]),
              json.dumps(b.get("scores", {}), ensure_ascii=False), b.get("status", "auto"),
              b.get("created_at") or stamp, b.get("changed_at") or stamp)
             for i, b in enumerate(beads)])

    def _pair_beads(self, db, pair_id: int) -> list[Bead]:
        return [row_to_bead(r) for r in db.execute("SELECT * FROM beads WHERE pair_id = ? ORDER BY pos", (pair_id,))]

    def beads(self, pair_id: int | None = None) -> list[Bead]:
        return list(self.iter_beads(pair_id))

    def iter_beads(self, pair_id: int | None = None):
        """The beads (of one pair, or of all by pair name), read as they are consumed: a
        pass over a whole corpus holds one bead at a time."""
        if pair_id is None:
            rows = self.db.execute("SELECT b.* FROM beads b JOIN pairs p ON p.id = b.pair_id "
                                   "ORDER BY p.name, b.pos")
        else:
            rows = self.db.execute("SELECT * FROM beads WHERE pair_id = ? ORDER BY pos", (pair_id,))
        for r in rows:
            yield row_to_bead(r)

    def iter_export_rows(self, pair_id: int):
        """A pair's beads in order as an export reads them: (kk, ru, article, confidence,
        status, created_at, changed_at), without decoding their segment lists and scores (a
        third of the time of writing a large memory)."""
        yield from self.db.execute("SELECT kk, ru, article, confidence, status, created_at, changed_at "
                                   "FROM beads WHERE pair_id = ? ORDER BY pos", (pair_id,))

    def bead(self, bead_id: int) -> Bead:
        r = self.db.execute("SELECT * FROM beads WHERE id = ?", (bead_id,)).fetchone()
        if r is None:
            raise WorkspaceError(f"bead {bead_id} no longer exists (merged or re-aligned?)")
        return row_to_bead(r)

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

    def shape_counts(self) -> dict[int, dict[str, int]]:
        """Per pair: how many beads of each shape ('1:1', '2:1', '0:1', ...)."""
        out: dict[int, dict[str, int]] = {}
        for r in self.db.execute(
                "SELECT pair_id, json_array_length(kk_segs) || ':' || json_array_length(ru_segs) AS shape,"
                " COUNT(*) AS n FROM beads GROUP BY pair_id, shape"):
            out.setdefault(r["pair_id"], {})[r["shape"]] = r["n"]
        return out

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

    def save_lexicon(self, blob: bytes, beads: int) -> None:
        """Keep the lexicon learned from `beads` beads (serialized by the aligner)."""
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO lexicon (id, learned_at, beads, data) VALUES (1, ?, ?, ?)",
                       (now(), beads, blob))

    def stored_lexicon(self) -> bytes | None:
        r = self.db.execute("SELECT data FROM lexicon WHERE id = 1").fetchone()
        return r["data"] if r else None

    def beads_by_id(self, ids: list[int]) -> list[Bead]:
        """The beads with these ids that exist, in the order of `ids`."""
        found: dict[int, Bead] = {}
        for n in range(0, len(ids), 900):
            chunk = ids[n:n + 900]
            for r in self.db.execute(f"SELECT * FROM beads WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                found[r["id"]] = row_to_bead(r)
        return [found[i] for i in ids if i in found]

    def replace_beads(self, db, action: str, old: list[Bead], new: list[dict], who: str | None,
                      extra: dict | None = None, ref: int | None = None,
                      summary: str | None = None) -> list[Bead]:
        """Replace the beads `old` by `new` (dicts; an id that is one of `old` updates that
        bead, an unknown or missing id makes a new one) and log both, so the change can be
        undone. When `new` holds exactly the ids of `old`, each bead changes in place and
        `old` may be anywhere in the pair; otherwise `old` must be a run of neighbours, and
        the beads after it move up or down. A bead whose content does not change keeps its
        version; every other one gets a version above any it had. Runs inside a transaction."""
        stamp = now()
        pair_id = old[0].pair_id
        old_by_id = {b.id: b for b in old}
        new_ids = [d.get("id") for d in new]
        if len(new) == len(old) and set(new_ids) == set(old_by_id):
            places = [old_by_id[i].pos for i in new_ids]
        else:
            positions = sorted(b.pos for b in old)
            if positions != list(range(positions[0], positions[0] + len(old))):
                raise WorkspaceError("the beads to replace are no longer next to each other; nothing was changed")
            start = positions[0]
            keep = {i for i in new_ids if i in old_by_id}
            gone = [b.id for b in old if b.id not in keep]
            db.executemany("DELETE FROM beads WHERE id = ?", [(i,) for i in gone])
            if len(new) != len(old):
                db.execute("UPDATE beads SET pos = pos + ? WHERE pair_id = ? AND pos >= ?",
                           (len(new) - len(old), pair_id, start + len(old)))
            places = list(range(start, start + len(new)))
        updates, ids = [], []
        for d, pos in zip(new, places):
            o = old_by_id.get(d.get("id"))
            if o is not None and same_bead(asdict(o), d):
                if o.pos != pos:
                    db.execute("UPDATE beads SET pos = ? WHERE id = ?", (pos, o.id))
                ids.append(o.id)
                continue
            if o is not None:
                version = o.version + 1
            elif d.get("id") is not None:     # a bead coming back (undo): above any version it had
                version = int(d.get("version") or 0) + 1
            else:
                version = 1
            values = (pos, d["section"], _text(d.get("article")), json.dumps(d["kk_segs"]),
                      json.dumps(d["ru_segs"]), d["kk"], d["ru"], float(d["confidence"]),
                      json.dumps(d.get("scores", {}), ensure_ascii=False), d["status"], version, stamp)
            if o is not None:
                updates.append(values + (o.id,))
                ids.append(o.id)
                continue
            wanted = d.get("id")
            if wanted is not None and db.execute("SELECT 1 FROM beads WHERE id = ?", (wanted,)).fetchone():
                wanted = None                 # the id was taken meanwhile: the bead comes back under a new one
            ids.append(db.execute(
                "INSERT INTO beads(id, pair_id, pos, section, article, kk_segs, ru_segs, kk, ru, confidence,"
                " scores, status, version, changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?, ?, ?)", (wanted, pair_id) + values + (d.get("created_at") or stamp,)).lastrowid)
        db.executemany("UPDATE beads SET pos = ?, section = ?, article = ?, kk_segs = ?, ru_segs = ?, kk = ?,"
                       " ru = ?, confidence = ?, scores = ?, status = ?, version = ?, changed_at = ?"
                       " WHERE id = ?", updates)
        result = self.beads_by_id(ids)
        self.log(db, action, pair_id, result[0].id if result else None,
                 before={"beads": [asdict(b) for b in old]},
                 after=dict(extra or {}, beads=[asdict(b) for b in result]), who=who, ref=ref,
                 summary=summary)
        return result

    def section_beads(self, pair_id: int, section: str) -> list[Bead]:
        """The beads of one section, and any beads between its first and last (a unit the
        aligner placed apart), as the run of neighbours that re-aligning the section replaces."""
        rows = self.db.execute("SELECT MIN(pos), MAX(pos) FROM beads WHERE pair_id = ? AND section = ?",
                               (pair_id, section)).fetchone()
        if rows[0] is None:
            return []
        return [row_to_bead(r) for r in self.db.execute(
            "SELECT * FROM beads WHERE pair_id = ? AND pos BETWEEN ? AND ? ORDER BY pos", (pair_id, rows[0], rows[1]))]


def reuse_ids(old: list[Bead], new: list[dict]) -> list[dict]:
    """New beads of a re-alignment, each one that pairs the same sentences as an old bead
    taking that bead's id — and, when a reviewer decided on the old bead, taking it whole:
    re-alignment never changes what a person approved, edited or rejected."""
    by_segs = {(tuple(b.kk_segs), tuple(b.ru_segs)): b for b in old}
    out = []
    for d in new:
        o = by_segs.pop((tuple(d["kk_segs"]), tuple(d["ru_segs"])), None)
        if o is None:
            out.append({**d, "id": None})
        elif o.status in REVIEWED:
            out.append(asdict(o))
        else:
            out.append({**d, "id": o.id, "version": o.version, "created_at": o.created_at})
    return out


def same_bead(a: dict, b: dict) -> bool:
    """True if two beads hold the same pairing, texts, status and confidence."""
    return (list(a["kk_segs"]) == list(b["kk_segs"]) and list(a["ru_segs"]) == list(b["ru_segs"])
            and a["kk"] == b["kk"] and a["ru"] == b["ru"] and a["status"] == b["status"]
            and a["section"] == b["section"] and _text(a.get("article")) == _text(b.get("article"))
            and round(float(a["confidence"]), 4) == round(float(b["confidence"]), 4))


def _text(value) -> str | None:
    return None if value is None else str(value)


def row_to_bead(r) -> Bead:
    return Bead(r["id"], r["pair_id"], r["pos"], r["section"], r["article"], json.loads(r["kk_segs"]),
                json.loads(r["ru_segs"]), r["kk"], r["ru"], r["confidence"], json.loads(r["scores"]),
                r["status"], r["version"], r["created_at"], r["changed_at"])


def check_version(bead: Bead, expected: int | None) -> None:
    if expected is not None and bead.version != expected:
        raise StaleEditError(
            f"bead {bead.id} was changed by someone else since you loaded it (version {expected}, "
            f"now {bead.version}); your edit was not applied — reload to see the current text")
