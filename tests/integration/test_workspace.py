"""The workspace: migrations, transactions, imports that happen whole or not at all."""
import sqlite3

import pytest

from align.errors import WorkspaceError
from align.store import SCHEMA_VERSION, Workspace
from tmx_out.base import Unit
from align.exports import select_units, store_units
from tmx_out.base import ExportError


def test_new_workspace_has_current_schema(tmp_path):
    with Workspace(tmp_path / "w.db") as ws:
        assert ws.schema_version == SCHEMA_VERSION
        tables = {r[0] for r in ws.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"pairs", "documents", "blocks", "segments", "beads", "edits"} <= tables


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "w.db"
    Workspace(db).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    con.close()
    with pytest.raises(WorkspaceError, match="newer saikes"):
        Workspace(db)


def test_missing_workspace_is_not_created_for_reading(tmp_path):
    with pytest.raises(WorkspaceError, match="no workspace"):
        Workspace(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_tmx_import_is_one_transaction_and_keeps_dates(tmp_path):
    units = [Unit("Тараптар келісті.", "Стороны договорились.", created="2020-01-02T03:04:05Z",
                  changed="2021-01-02T03:04:05Z", status="approved", confidence=0.9),
             Unit("Осы Келісім күшіне енеді.", "Настоящее Соглашение вступает в силу.")]
    with Workspace(tmp_path / "w.db") as ws:
        store_units(ws, "memory", units)
        beads = ws.beads(ws.pair("memory").id)
        assert [b.status for b in beads] == ["approved", "auto"]
        assert beads[0].created_at == "2020-01-02T03:04:05Z" and beads[0].changed_at == "2021-01-02T03:04:05Z"
        out = select_units(ws)
        assert out[0].created == "2020-01-02T03:04:05Z"
        before = {t: ws.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("pairs", "beads", "edits")}
        with pytest.raises(ExportError, match="already in"):
            store_units(ws, "memory", units)
        # a failure inside the transaction leaves nothing behind
        with pytest.raises(ValueError):
            ws.import_aligned("broken", *_docs(), [{"section": "act", "kk_segs": [0], "ru_segs": [0],
                                                    "kk": "a", "ru": "b", "confidence": "x"}], {})
        after = {t: ws.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("pairs", "beads", "edits")}
        assert after == before


def _docs():
    from align.exports import units_to_documents
    return units_to_documents([Unit("Бір.", "Один.")], "")


def test_glossary_entry_stale_edit_refused(tmp_path):
    from align import glossary as G
    from align.errors import StaleEditError
    with Workspace(tmp_path / "w.db") as ws:
        e = G.add_entry(ws, "уәкілетті орган", "уполномоченный орган")
        seen = e.version
        first = G.edit_entry(ws, e.id, ru="уполномоченные органы", expected_version=seen)
        assert first.version == seen + 1
        with pytest.raises(StaleEditError, match="changed by someone else"):
            G.set_status(ws, e.id, "rejected", expected_version=seen)
        kept = G.entry(ws, e.id)
        assert kept.ru == "уполномоченные органы" and kept.status == "edited"
