"""`saikes status` and the app's pages on a workspace holding a pair imported from a TMX
(its stored report has none of an alignment's figures: no shapes, no structure)."""
from __future__ import annotations

from apptest import ok
from streamlit.testing.v1 import AppTest

from align.store import Workspace
from tmx_out.base import Unit
from tmx_out.tmx import write_tmx

UNITS = [Unit(kk="Тараптар келісті.", ru="Стороны согласились.", status="approved"),
         Unit(kk="Осы Келісім қол қойылған күннен бастап күшіне енеді.",
              ru="Настоящее Соглашение вступает в силу с даты подписания.")]


def _import(cli, tmp_path):
    tmx, db = tmp_path / "legacy.tmx", tmp_path / "w.db"
    write_tmx(UNITS, tmx)
    assert cli("import-tmx", tmx, "--name", "legacy", db=db).returncode == 0
    return db


def test_status_after_import_tmx(cli, tmp_path):
    db = _import(cli, tmp_path)
    result = cli("status", db=db)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout.startswith("legacy: beads 2 (1:1×2)") and "approved 1" in result.stdout


def test_app_pages_after_import_tmx(cli, tmp_path, monkeypatch):
    db = _import(cli, tmp_path)
    monkeypatch.setenv("SAIKES_DB", str(db))
    for page in ("documents", "review", "export"):
        at = AppTest.from_file(str(__import__("apptest").APP), default_timeout=60)
        at.query_params["page"] = page
        at.run()
        ok(at)
    with Workspace(db) as ws:
        assert [p.name for p in ws.pairs()] == ["legacy"]
