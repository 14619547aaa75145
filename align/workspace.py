"""The workspace: one SQLite file with documents, segments, beads, review status, an
edit history and the glossary.

Every public method that changes something runs in one transaction: it either happens
whole or not at all. Beads carry a version number; an edit made against an older
version is refused (`StaleEditError`), so two reviewers cannot overwrite each other.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import sqlite3
import zlib
from array import array
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import model as M
from .errors import StaleEditError, WorkspaceError

DEFAULT_DB = "saikes.db"

# Each entry moves the schema one version up; never edit an entry once released,
# add a new one.
MIGRATIONS: list[str] = [
    # 1: documents, segments, beads, edit log
    """
    CREATE TABLE pairs (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        aligned_at TEXT,
        report TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
        lang TEXT NOT NULL CHECK (lang IN ('kk', 'ru')),
        path TEXT NOT NULL,
        encoding TEXT NOT NULL,
        format TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        source TEXT NOT NULL,
        text TEXT NOT NULL,
        offsets BLOB NOT NULL,
        imported_at TEXT NOT NULL,
        UNIQUE (pair_id, lang)
    );
    CREATE TABLE blocks (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        section TEXT NOT NULL,
        article INTEGER,
        number TEXT,
        title TEXT,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE TABLE segments (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        block_idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE TABLE beads (
        id INTEGER PRIMARY KEY,
        pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        section TEXT NOT NULL,
        article INTEGER,
        kk_segs TEXT NOT NULL,
        ru_segs TEXT NOT NULL,
        kk TEXT NOT NULL,
        ru TEXT NOT NULL,
        confidence REAL NOT NULL,
        scores TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'auto'
            CHECK (status IN ('auto', 'flagged', 'approved', 'rejected', 'edited')),
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        changed_at TEXT NOT NULL
    );
    CREATE INDEX beads_pair_pos ON beads(pair_id, pos);
    CREATE TABLE edits (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        pair_id INTEGER,
        bead_id INTEGER,
        action TEXT NOT NULL,
        before TEXT,
        after TEXT,
        who TEXT
    );
    CREATE INDEX edits_pair ON edits(pair_id, id);
    """,
    # 2: the glossary (align/glossary.py): one row per Kazakh–Russian term pair; rows a
    # terminologist approved, edited or rejected survive every rebuild
    """
    CREATE TABLE glossary (
        id INTEGER PRIMARY KEY,
        kk_key TEXT NOT NULL,
        ru_key TEXT NOT NULL,
        kk TEXT NOT NULL,
        ru TEXT NOT NULL,
        kk_pos TEXT NOT NULL DEFAULT 'noun',
        ru_pos TEXT NOT NULL DEFAULT 'noun',
        freq INTEGER NOT NULL DEFAULT 0,
        kk_freq INTEGER NOT NULL DEFAULT 0,
        ru_freq INTEGER NOT NULL DEFAULT 0,
        dice REAL NOT NULL DEFAULT 0,
        llr REAL NOT NULL DEFAULT 0,
        score REAL NOT NULL DEFAULT 0,
        kk_forms TEXT NOT NULL DEFAULT '{}',
        ru_forms TEXT NOT NULL DEFAULT '{}',
        acts TEXT NOT NULL DEFAULT '[]',
        examples TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'auto'
            CHECK (status IN ('auto', 'approved', 'edited', 'rejected')),
        note TEXT NOT NULL DEFAULT '',
        built_at TEXT,
        created_at TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        UNIQUE (kk_key, ru_key)
    );
    CREATE INDEX glossary_kk ON glossary(kk_key);
    CREATE INDEX glossary_ru ON glossary(ru_key);
    CREATE TABLE glossary_builds (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        stats TEXT NOT NULL DEFAULT '{}'
    );
    """,
    # 3: glossary entries carry a version, so that two reviewers cannot overwrite each other
    """
    ALTER TABLE glossary ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    """,
    # 4: units are identified by strings ("3-1", "1024"), and headings have a level
    """
    ALTER TABLE blocks ADD COLUMN level TEXT;
    ALTER TABLE blocks RENAME COLUMN article TO article_number;
    ALTER TABLE blocks ADD COLUMN article TEXT;
    UPDATE blocks SET article = CAST(article_number AS TEXT) WHERE article_number IS NOT NULL;
    ALTER TABLE blocks DROP COLUMN article_number;
    UPDATE blocks SET level = 'article' WHERE kind = 'heading' AND article IS NOT NULL;
    ALTER TABLE beads RENAME COLUMN article TO article_number;
    ALTER TABLE beads ADD COLUMN article TEXT;
    UPDATE beads SET article = CAST(article_number AS TEXT) WHERE article_number IS NOT NULL;
    ALTER TABLE beads DROP COLUMN article_number;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
REVIEW_STATUSES = ("auto", "flagged", "approved", "rejected", "edited")


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_db_path() -> str:
    return os.environ.get("SAIKES_DB") or DEFAULT_DB


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


@dataclass
class PairInfo:
    id: int
    name: str
    created_at: str
    updated_at: str
    aligned_at: str | None
    report: dict = field(default_factory=dict)


class Workspace:
    def __init__(self, path: str | Path | None = None, create: bool = True):
        self.path = str(path or default_db_path())
        if not create and not Path(self.path).exists():
            raise WorkspaceError(f"no workspace at {self.path}; import a pair first (saikes import KK RU)")
        parent = Path(self.path).resolve().parent
        if not parent.exists():
            raise WorkspaceError(f"cannot create the workspace {self.path}: folder {parent} does not exist")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30,
                                      check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise WorkspaceError(f"{self.path} is not a saikes workspace ({exc})") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self):
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise WorkspaceError(f"{self.path} was made by a newer saikes (schema {version}); "
                                 f"upgrade saikes to open it")
        for number in range(version, SCHEMA_VERSION):
            with self.transaction() as db:
                for statement in MIGRATIONS[number].split(";\n"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {number + 1}")

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def log(self, db, action: str, pair_id=None, bead_id=None, before=None, after=None, who=None):
        db.execute("INSERT INTO edits(at, pair_id, bead_id, action, before, after, who) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (now(), pair_id, bead_id, action,
                    None if before is None else json.dumps(before, ensure_ascii=False),
                    None if after is None else json.dumps(after, ensure_ascii=False), who))

    # ------------------------------------------------------------ pairs and documents
    def import_pair(self, name: str, kk: M.Document, ru: M.Document) -> str:
        """Store a document pair; returns 'new', 'updated' or 'unchanged'."""
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

    def document(self, pair_id: int, lang: str) -> M.Document:
        r = self.db.execute("SELECT * FROM documents WHERE pair_id = ? AND lang = ?",
                            (pair_id, lang)).fetchone()
        if r is None:
            raise WorkspaceError(f"pair {pair_id} has no {lang} document")
        offsets = unpack_offsets(r["offsets"])
        doc = M.Document(text=r["text"], offsets=offsets, source=r["source"], path=r["path"],
                         lang=r["lang"], encoding=r["encoding"], format=r["format"])
        doc.blocks = [M.Block(b["kind"], b["start"], b["end"], b["section"], b["article"], b["number"],
                              b["title"], b["level"])
                      for b in self.db.execute("SELECT * FROM blocks WHERE doc_id = ? ORDER BY idx",
                                               (r["id"],))]
        doc.segments = [M.Segment(s["start"], s["end"], s["text"], s["block_idx"], s["kind"])
                        for s in self.db.execute("SELECT * FROM segments WHERE doc_id = ? ORDER BY idx",
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

    # ------------------------------------------------------------ beads
    def store_alignment(self, pair_id: int, beads: list[dict], report: dict) -> None:
        """Replace the beads of a pair. Beads a reviewer approved, rejected or edited are
        kept in the edit log before they are replaced (the aligner passes the approved and
        edited ones back in, as anchors)."""
        with self.transaction() as db:
            reviewed = [dict(r) for r in db.execute(
                "SELECT id, pos, kk, ru, status FROM beads WHERE pair_id = ? AND status IN "
                "('approved', 'rejected', 'edited')", (pair_id,))]
            if reviewed:
                self.log(db, "realign", pair_id, before={"reviewed_beads": reviewed})
            db.execute("DELETE FROM beads WHERE pair_id = ?", (pair_id,))
            self._insert_beads(db, pair_id, beads, report)

    def import_aligned(self, name: str, kk: M.Document, ru: M.Document, beads: list[dict],
                       report: dict) -> int:
        """Store a new pair together with its beads (a translation memory being imported),
        in one transaction. Refuses a name already in the workspace; returns the pair id."""
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
            self._insert_beads(db, pair_id, beads, report)
        return pair_id

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

    def edits(self, pair_id: int | None = None, limit: int = 100) -> list[dict]:
        sql = "SELECT * FROM edits" + (" WHERE pair_id = ?" if pair_id is not None else "") + \
              " ORDER BY id DESC LIMIT ?"
        args = (pair_id, limit) if pair_id is not None else (limit,)
        return [dict(r) for r in self.db.execute(sql, args)]


def _text(value) -> str | None:
    return None if value is None else str(value)


def _bead(r) -> Bead:
    return Bead(r["id"], r["pair_id"], r["pos"], r["section"], r["article"], json.loads(r["kk_segs"]),
                json.loads(r["ru_segs"]), r["kk"], r["ru"], r["confidence"], json.loads(r["scores"]),
                r["status"], r["version"], r["created_at"], r["changed_at"])


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


def check_version(bead: Bead, expected: int | None) -> None:
    if expected is not None and bead.version != expected:
        raise StaleEditError(
            f"bead {bead.id} was changed by someone else since you loaded it (version {expected}, "
            f"now {bead.version}); your edit was not applied — reload to see the current text")
