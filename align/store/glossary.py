"""The glossary tables: one row per Kazakh–Russian term pair with its figures, forms, acts
and examples, and one row per build. Rows a terminologist approved, edited or rejected
survive rebuilds; rows carry a version so that a stale edit is refused."""
from __future__ import annotations

import json
from dataclasses import dataclass

from ..errors import StaleEditError, WorkspaceError
from .connection import now
from .status import GLOSSARY_AUTOMATIC, Status


@dataclass
class Entry:
    id: int
    kk_key: str
    ru_key: str
    kk: str
    ru: str
    kk_pos: str
    ru_pos: str
    freq: int
    kk_freq: int
    ru_freq: int
    dice: float
    llr: float
    score: float
    kk_forms: dict
    ru_forms: dict
    acts: list
    examples: list
    status: str
    note: str
    built_at: str | None
    created_at: str
    changed_at: str
    version: int = 1


# json.dumps(…, ensure_ascii=False) with one encoder: dumps makes a new one at every call (four per row)
_JSON = json.JSONEncoder(ensure_ascii=False).encode

STAT_COLUMNS = ("freq", "kk_freq", "ru_freq", "dice", "llr", "score", "kk_forms", "ru_forms", "acts",
                "examples")


class GlossaryMixin:
    def store_glossary(self, entries: list[dict], stats: dict) -> dict:
        """Replace the automatic rows by a new build; reviewed rows keep their wording and
        status and get the new figures. Returns what changed."""
        stamp = now()
        kept = updated = inserted = removed = 0
        with self.transaction() as db:
            old = {(r["kk_key"], r["ru_key"]): dict(r) for r in
                   db.execute("SELECT id, kk_key, ru_key, status FROM glossary")}
            new_keys = set()
            for e in entries:
                key = (e["kk_key"], e["ru_key"])
                new_keys.add(key)
                vals = [_JSON(e[c]) if isinstance(e[c], (dict, list)) else e[c]
                        for c in STAT_COLUMNS]
                row = old.get(key)
                if row is None:
                    db.execute(
                        "INSERT INTO glossary(kk_key, ru_key, kk, ru, kk_pos, ru_pos, " + ", ".join(STAT_COLUMNS) +
                        ", status, built_at, created_at, changed_at) VALUES (" + ", ".join("?" * 20) + ")",
                        [e["kk_key"], e["ru_key"], e["kk"], e["ru"], e["kk_pos"], e["ru_pos"], *vals,
                         e.get("status", Status.AUTO.value), stamp, stamp, stamp])
                    inserted += 1
                elif row["status"] in GLOSSARY_AUTOMATIC:
                    db.execute("UPDATE glossary SET kk = ?, ru = ?, kk_pos = ?, ru_pos = ?, status = ?, " +
                               ", ".join(f"{c} = ?" for c in STAT_COLUMNS) + ", built_at = ? WHERE id = ?",
                               [e["kk"], e["ru"], e["kk_pos"], e["ru_pos"], e.get("status", Status.AUTO.value),
                                *vals, stamp, row["id"]])
                    updated += 1
                else:       # reviewed: refresh the figures, keep wording and status
                    db.execute("UPDATE glossary SET " + ", ".join(f"{c} = ?" for c in STAT_COLUMNS) +
                               ", built_at = ? WHERE id = ?", [*vals, stamp, row["id"]])
                    kept += 1
            for key, row in old.items():
                if key in new_keys:
                    continue
                if row["status"] in GLOSSARY_AUTOMATIC:
                    db.execute("DELETE FROM glossary WHERE id = ?", (row["id"],))
                    removed += 1
                else:
                    kept += 1
            result = {"inserted": inserted, "updated": updated, "removed": removed, "reviewed_kept": kept}
            db.execute("INSERT INTO glossary_builds(at, stats) VALUES (?, ?)",
                       (stamp, json.dumps({**stats, **result}, ensure_ascii=False)))
            self.log(db, "glossary_build", after={**stats, **result})
        return result

    def glossary_entries(self, include_rejected: bool = False) -> list[Entry]:
        """Glossary rows, best first: reviewed rows rank with the others by their score."""
        sql = "SELECT * FROM glossary" + ("" if include_rejected else " WHERE status != 'rejected'") + \
              " ORDER BY score DESC, freq DESC, kk_key, ru_key"
        return [_entry(r) for r in self.db.execute(sql)]

    def glossary_stamp(self) -> tuple:
        """Changes whenever the glossary does (a build, an edit, an approval): what a cache
        of anything derived from the glossary is keyed by."""
        # every change to the glossary is logged, with no pair: the newest such entry says it all
        return tuple(self.db.execute("SELECT COALESCE(MAX(id), 0) FROM edits WHERE pair_id IS NULL "
                                     "AND action LIKE 'glossary%'").fetchone())

    def glossary_entry(self, entry_id: int) -> Entry:
        r = self.db.execute("SELECT * FROM glossary WHERE id = ?", (entry_id,)).fetchone()
        if r is None:
            raise WorkspaceError(f"no glossary entry {entry_id}")
        return _entry(r)

    def set_glossary_status(self, entry_id: int, status: str, note: str | None, who: str | None,
                            expected_version: int | None) -> None:
        before = self.glossary_entry(entry_id)
        with self.transaction() as db:
            _check_version(db, entry_id, expected_version)
            db.execute("UPDATE glossary SET status = ?, note = COALESCE(?, note), changed_at = ?,"
                       " version = version + 1 WHERE id = ?", (status, note, now(), entry_id))
            self.log(db, "glossary_status", before={"id": entry_id, "status": before.status},
                     after={"id": entry_id, "status": status}, who=who)

    def reword_glossary_entry(self, entry_id: int, kk: str, ru: str, kk_key: str, ru_key: str,
                              note: str | None, who: str | None, expected_version: int | None) -> None:
        """Change an entry's wording (it becomes 'edited'); an automatic row that already
        has the new wording is merged in."""
        before = self.glossary_entry(entry_id)
        with self.transaction() as db:
            _check_version(db, entry_id, expected_version)
            clash = db.execute("SELECT id, status FROM glossary WHERE kk_key = ? AND ru_key = ? AND id != ?",
                               (kk_key, ru_key, entry_id)).fetchone()
            if clash is not None:
                if clash["status"] not in GLOSSARY_AUTOMATIC:
                    raise WorkspaceError(f"entry {clash['id']} already holds {kk} → {ru}")
                db.execute("DELETE FROM glossary WHERE id = ?", (clash["id"],))
            db.execute("UPDATE glossary SET kk = ?, ru = ?, kk_key = ?, ru_key = ?, note = COALESCE(?, note),"
                       " status = 'edited', changed_at = ?, version = version + 1 WHERE id = ?",
                       (kk, ru, kk_key, ru_key, note, now(), entry_id))
            self.log(db, "glossary_edit", before={"id": entry_id, "kk": before.kk, "ru": before.ru},
                     after={"id": entry_id, "kk": kk, "ru": ru}, who=who)

    def add_glossary_entries(self, rows: list[tuple[str, str, str, str, str]], who: str | None) -> list[int]:
        """Add (kk, ru, note, kk_key, ru_key) rows as approved entries in one transaction; a
        pair already held becomes approved with the new wording. Returns the ids."""
        stamp = now()
        ids = []
        with self.transaction() as db:
            for kk, ru, note, kk_key, ru_key in rows:
                row = db.execute("SELECT id FROM glossary WHERE kk_key = ? AND ru_key = ?",
                                 (kk_key, ru_key)).fetchone()
                if row is not None:
                    db.execute("UPDATE glossary SET kk = ?, ru = ?, status = 'approved', note = ?, changed_at = ?,"
                               " version = version + 1 WHERE id = ?", (kk, ru, note, stamp, row["id"]))
                    ids.append(row["id"])
                else:
                    ids.append(db.execute(
                        "INSERT INTO glossary(kk_key, ru_key, kk, ru, status, note, created_at, changed_at) "
                        "VALUES (?, ?, ?, ?, 'approved', ?, ?, ?)", (kk_key, ru_key, kk, ru, note, stamp, stamp)
                    ).lastrowid)
                self.log(db, "glossary_add", after={"id": ids[-1], "kk": kk, "ru": ru}, who=who)
        return ids


def _entry(r) -> Entry:
    return Entry(r["id"], r["kk_key"], r["ru_key"], r["kk"], r["ru"], r["kk_pos"], r["ru_pos"],
                 r["freq"], r["kk_freq"], r["ru_freq"], r["dice"], r["llr"], r["score"],
                 json.loads(r["kk_forms"]), json.loads(r["ru_forms"]), json.loads(r["acts"]),
                 json.loads(r["examples"]), r["status"], r["note"], r["built_at"], r["created_at"],
                 r["changed_at"], r["version"])


def _check_version(db, entry_id: int, expected: int | None) -> None:
    """Inside a transaction: refuse an edit made against an older version of the entry."""
    row = db.execute("SELECT kk, ru, version FROM glossary WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise WorkspaceError(f"no glossary entry {entry_id}")
    if expected is not None and row["version"] != expected:
        raise StaleEditError(f"glossary entry {row['kk']} → {row['ru']} was changed by someone else since "
                             f"you loaded it; your change was not applied — reload to see it")
