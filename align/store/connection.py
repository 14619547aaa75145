"""The workspace file: one SQLite database, opened with foreign keys and a write-ahead log,
migrated to the current schema, with transactions and the edit log.

Every public method of the workspace that changes something runs in one transaction: it
either happens whole or not at all.
"""
from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from ..errors import WorkspaceError
from .schema import MIGRATIONS, SCHEMA_VERSION

DEFAULT_DB = "saikes.db"


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_db_path() -> str:
    return os.environ.get("SAIKES_DB") or DEFAULT_DB


class Connection:
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

    def edits(self, pair_id: int | None = None, limit: int = 100) -> list[dict]:
        """The edit log, newest first."""
        sql = "SELECT * FROM edits" + (" WHERE pair_id = ?" if pair_id is not None else "") + \
              " ORDER BY id DESC LIMIT ?"
        args = (pair_id, limit) if pair_id is not None else (limit,)
        return [dict(r) for r in self.db.execute(sql, args)]

    def edits_after(self, pair_id: int):
        """The edit log of a pair, newest first, as a stream (for walking back through undo)."""
        return (dict(r) for r in self.db.execute("SELECT * FROM edits WHERE pair_id = ? ORDER BY id DESC",
                                                 (pair_id,)))
