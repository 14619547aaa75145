"""Pairs and their documents: the normalized text, its offsets back to the source, the
blocks and the segments, stored as they came out of the text stages."""
from __future__ import annotations

import hashlib
import itertools
import json
import zlib
from array import array
from dataclasses import dataclass, field

from .. import model as M
from ..errors import WorkspaceError
from ..names import validate_pair_name
from .connection import now


@dataclass
class PairInfo:
    id: int
    name: str
    created_at: str
    updated_at: str
    aligned_at: str | None
    report: dict = field(default_factory=dict)


class DocumentsMixin:
    def import_pair(self, name: str, kk: M.Document, ru: M.Document) -> str:
        """Store a document pair; returns 'new', 'updated' or 'unchanged'."""
        name = validate_pair_name(name)
        digests = {d.lang: _digest(d) for d in (kk, ru)}
        with self.transaction() as db:
            row = db.execute("SELECT id FROM pairs WHERE name = ?", (name,)).fetchone()
            if row:
                pair_id = row["id"]
                stored = {r["lang"]: r["sha256"] for r in db.execute(
                    "SELECT lang, sha256 FROM documents WHERE pair_id = ?", (pair_id,))}
                if stored == digests:
                    return "unchanged"
                old = [dict(r) for r in db.execute(
                    "SELECT pos, kk, ru, status, confidence FROM beads WHERE pair_id = ? ORDER BY pos",
                    (pair_id,))]
                # the previous beads stay readable in the edit log
                self.log(db, "reimport", pair_id, before={"beads": old} if old else None,
                         after={"sha256": digests})
                db.execute("DELETE FROM beads WHERE pair_id = ?", (pair_id,))
                db.execute("DELETE FROM documents WHERE pair_id = ?", (pair_id,))
                db.execute("UPDATE pairs SET updated_at = ?, aligned_at = NULL, report = '{}' WHERE id = ?",
                           (now(), pair_id))
                outcome = "updated"
            else:
                pair_id = db.execute("INSERT INTO pairs(name, created_at, updated_at) VALUES (?, ?, ?)",
                                     (name, now(), now())).lastrowid
                self.log(db, "import", pair_id, after={"sha256": digests})
                outcome = "new"
            for doc in (kk, ru):
                self._store_document(db, pair_id, doc, digests[doc.lang])
        return outcome

    def _store_document(self, db, pair_id: int, doc: M.Document, digest: str) -> None:
        doc_id = db.execute(
            "INSERT INTO documents(pair_id, lang, path, encoding, format, sha256, source, text, offsets,"
            " imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (pair_id, doc.lang, doc.path, doc.encoding, doc.format, digest, doc.source, doc.text,
             pack_offsets(doc.offsets), now())).lastrowid
        db.executemany(
            "INSERT INTO blocks(doc_id, idx, kind, start, end, section, article, number, title, level)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, i, b.kind, b.start, b.end, b.section, b.article, b.number, b.title, b.level)
             for i, b in enumerate(doc.blocks)])
        db.executemany(
            "INSERT INTO segments(doc_id, idx, block_idx, kind, start, end, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, i, s.block, s.kind, s.start, s.end, s.text) for i, s in enumerate(doc.segments)])

    def import_aligned(self, name: str, kk: M.Document, ru: M.Document, beads: list[dict],
                       report: dict) -> int:
        """Store a new pair together with its beads (a translation memory being imported),
        in one transaction. Refuses a name already in the workspace; returns the pair id."""
        name = validate_pair_name(name)
        digests = {d.lang: _digest(d) for d in (kk, ru)}
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM pairs WHERE name = ?", (name,)).fetchone():
                raise WorkspaceError(f"a pair named '{name}' is already in {self.path}; nothing was "
                                     f"imported — choose another name")
            pair_id = db.execute("INSERT INTO pairs(name, created_at, updated_at) VALUES (?, ?, ?)",
                                 (name, now(), now())).lastrowid
            self.log(db, "import", pair_id, after={"sha256": digests, "beads": len(beads)})
            for doc in (kk, ru):
                self._store_document(db, pair_id, doc, digests[doc.lang])
            self._insert_beads(db, pair_id, beads)
            db.execute("UPDATE pairs SET aligned_at = ?, report = ? WHERE id = ?",
                       (now(), json.dumps(report, ensure_ascii=False), pair_id))
        return pair_id

    def pairs(self) -> list[PairInfo]:
        return [PairInfo(r["id"], r["name"], r["created_at"], r["updated_at"], r["aligned_at"],
                         json.loads(r["report"] or "{}"))
                for r in self.db.execute("SELECT * FROM pairs ORDER BY name")]

    def pair(self, name: str) -> PairInfo:
        r = self.db.execute("SELECT * FROM pairs WHERE name = ?", (name,)).fetchone()
        if r is None:
            known = ", ".join(p.name for p in self.pairs()[:10]) or "none"
            raise WorkspaceError(f"no pair named '{name}' in {self.path} (pairs: {known})")
        return PairInfo(r["id"], r["name"], r["created_at"], r["updated_at"], r["aligned_at"],
                        json.loads(r["report"] or "{}"))

    def alignment_stamp(self) -> tuple:
        """Changes whenever a pair is imported, removed or aligned again."""
        return tuple(self.db.execute(
            "SELECT (SELECT COUNT(*) FROM pairs), (SELECT COALESCE(MAX(id), 0) FROM edits WHERE action IN "
            "('import', 'reimport', 'delete', 'align', 're-align'))").fetchone())

    def document_revision(self, pair_id: int, db=None) -> tuple:
        """What identifies the documents a pair holds now: each one's row and digest, and the
        last import of the pair. An alignment made from documents of another revision does
        not belong to the pair (their segments are not the beads' segments)."""
        db = db or self.db
        docs = tuple(tuple(r) for r in db.execute(
            "SELECT lang, id, sha256 FROM documents WHERE pair_id = ? ORDER BY lang", (pair_id,)))
        last = db.execute("SELECT MAX(id) FROM edits WHERE pair_id = ? AND action IN ('import', 'reimport')",
                          (pair_id,)).fetchone()[0]
        return docs, last

    def pair_name(self, pair_id: int) -> str:
        r = self.db.execute("SELECT name FROM pairs WHERE id = ?", (pair_id,)).fetchone()
        if r is None:
            raise WorkspaceError(f"pair {pair_id} is no longer in {self.path}")
        return r["name"]

    def document(self, pair_id: int, lang: str) -> M.Document:
        r = self.db.execute("SELECT * FROM documents WHERE pair_id = ? AND lang = ?",
                            (pair_id, lang)).fetchone()
        if r is None:
            raise WorkspaceError(f"pair {pair_id} has no {lang} document")
        offsets = unpack_offsets(r["offsets"])
        doc = M.Document(text=r["text"], offsets=offsets, source=r["source"], path=r["path"],
                         lang=r["lang"], encoding=r["encoding"], format=r["format"])
        # columns in the order of the model's fields: a row unpacks straight into one
        doc.blocks = [M.Block(*b) for b in self.db.execute(
            "SELECT kind, start, end, section, article, number, title, level FROM blocks "
            "WHERE doc_id = ? ORDER BY idx", (r["id"],))]
        doc.segments = [M.Segment(*s) for s in self.db.execute(
            "SELECT start, end, text, block_idx, kind FROM segments WHERE doc_id = ? ORDER BY idx",
            (r["id"],))]
        return doc

    def delete_pair(self, name: str) -> None:
        """Remove a pair; its beads (with their review status) stay readable in the edit log."""
        info = self.pair(name)
        with self.transaction() as db:
            beads = [dict(r) for r in db.execute(
                "SELECT pos, kk, ru, status, confidence FROM beads WHERE pair_id = ? ORDER BY pos", (info.id,))]
            self.log(db, "delete", info.id, before={"name": name, "beads": beads})
            db.execute("DELETE FROM pairs WHERE id = ?", (info.id,))


# Offsets are stored as zlib-compressed differences: nearly every normalized character
# comes from the source character after the previous one, so the differences are almost
# all 1 and a 30,000-character act takes a few hundred bytes instead of 120 KB.
_PACKED = b"ZOF\x01"


def pack_offsets(offsets: array) -> bytes:
    deltas = array("i", (b - a for a, b in zip([0] + list(offsets[:-1]), offsets)))
    return _PACKED + zlib.compress(deltas.tobytes(), 6)


def unpack_offsets(blob: bytes) -> array:
    if not blob.startswith(_PACKED):
        raise WorkspaceError("a document's character offsets are in an unknown format")
    deltas = array("i")
    deltas.frombytes(zlib.decompress(blob[len(_PACKED):]))
    return array("i", itertools.accumulate(deltas))


def _digest(doc: M.Document) -> str:
    return hashlib.sha256(doc.source.encode("utf-8")).hexdigest()
