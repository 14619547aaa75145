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


def _casefold(text):
    return text.casefold() if isinstance(text, str) else text


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
            # SQLite folds the case of Latin letters only; searches fold Kazakh and Russian too
            self.db.create_function("casefold", 1, _casefold, deterministic=True)
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
            # Copy the change from the write-ahead log into the file itself, so that the one
            # file a translator copies or backs up holds every change (a reader that is in the
            # middle of a read only postpones it to the next commit).
            self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def backup(self, target: str | Path, overwrite: bool = False) -> Path:
        """A consistent copy of the workspace at `target`, taken with SQLite's backup API, so
        it is safe while the app is running. Written to a temporary file and renamed into place."""
        target = Path(target)
        if target.resolve() == Path(self.path).resolve():
            raise WorkspaceError(f"{target} is the workspace itself; give another file for the copy")
        if target.exists() and not overwrite:
            raise WorkspaceError(f"{target} already exists; nothing was written (use --force to replace it)")
        if not target.parent.is_dir():
            raise WorkspaceError(f"cannot write {target}: folder {target.parent} does not exist")
        from tmx_out.base import remove_stale_temporaries
        remove_stale_temporaries(target.parent, target.name, ".tmp")     # left by a killed backup
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            copy = sqlite3.connect(tmp)
            try:
                self.db.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")      # one self-contained file
            finally:
                copy.close()
            os.replace(tmp, target)
        except (OSError, sqlite3.Error) as exc:
            tmp.unlink(missing_ok=True)
            raise WorkspaceError(f"cannot write the copy {target} ({exc}); nothing was written") from None
        return target

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

    def log(self, db, action: str, pair_id=None, bead_id=None, before=None, after=None, who=None,
            ref: int | None = None, summary: str | None = None) -> int:
        """One entry of the edit log; `ref` is the entry an undo or a redo acts on, `summary`
        says in one line what happened."""
        return db.execute("INSERT INTO edits(at, pair_id, bead_id, action, before, after, who, ref, summary) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          (now(), pair_id, bead_id, action,
                           None if before is None else json.dumps(before, ensure_ascii=False),
                           None if after is None else json.dumps(after, ensure_ascii=False), who,
                           ref, summary)).lastrowid

    def edits(self, pair_id: int | None = None, limit: int = 100, snapshots: bool = True) -> list[dict]:
        """The edit log, newest first; without `snapshots`, only who did what when (the
        snapshots of a re-aligned act run to megabytes)."""
        columns = "*" if snapshots else "id, at, pair_id, bead_id, action, who, ref, summary"
        sql = f"SELECT {columns} FROM edits" + (" WHERE pair_id = ?" if pair_id is not None else "") + \
              " ORDER BY id DESC LIMIT ?"
        args = (pair_id, limit) if pair_id is not None else (limit,)
        return [dict(r) for r in self.db.execute(sql, args)]

    def edit_actions(self, pair_id: int) -> list[tuple[int, str, int | None]]:
        """(id, action, ref) of every entry in a pair's edit log, oldest first: what the
        undo and redo stacks are worked out from, without reading the snapshots."""
        return [tuple(r) for r in self.db.execute(
            "SELECT id, action, ref FROM edits WHERE pair_id = ? ORDER BY id", (pair_id,))]

    def last_edit(self, pair_id: int) -> int:
        """The id of the newest edit-log entry of a pair (0 if none): changes with every change
        to its beads, so the app keys its caches of the pair by it."""
        return self.db.execute("SELECT COALESCE(MAX(id), 0) FROM edits WHERE pair_id = ?", (pair_id,)).fetchone()[0]

    def edits_by_id(self, ids: list[int]) -> list[dict]:
        """Who did what when for these entries (no snapshots), in the order of `ids`."""
        rows = {r["id"]: dict(r) for r in self.db.execute(
            f"SELECT id, at, pair_id, bead_id, action, who, ref, summary FROM edits "
            f"WHERE id IN ({','.join('?' * len(ids))})", list(ids))}
        return [rows[i] for i in ids if i in rows]

    def edit(self, edit_id: int) -> dict:
        r = self.db.execute("SELECT * FROM edits WHERE id = ?", (edit_id,)).fetchone()
        if r is None:
            raise WorkspaceError(f"change #{edit_id} is not in the edit log")
        return dict(r)
