"""A reviewer's day, point by point (issue 10): structure differences shown where the
reviewer works, honest confidence bands, an app that listens only on this machine, a
workspace file that is complete while the app runs, status after a TMX import, and term
marks that help instead of decorating."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from apptest import app, bead_block, inside, ok

from align import jobs
from align import review as R
from align.core.aligner import status_of
from align.store import Workspace
from align.text.pipeline import load_document
from align.ui.widgets import conf_badge
from workspaces import PAIR, SEEDS, make_workspace

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- 2. renumbered articles

@pytest.fixture
def renumbered(tmp_path, monkeypatch):
    """Seed 000 with the Russian articles from 5 on numbered one higher."""
    kk_text = (SEEDS / "kk" / f"{PAIR}.txt").read_text(encoding="utf-8")
    ru_text = (SEEDS / "ru" / f"{PAIR}.txt").read_text(encoding="utf-8")
    ru_text = re.sub(r"(?m)^(\s*Статья\s+)(\d+)", lambda m: m.group(1) + str(int(m.group(2)) + (int(m.group(2)) >= 5)),
                     ru_text)
    (tmp_path / "kk.txt").write_text(kk_text, encoding="utf-8")
    (tmp_path / "ru.txt").write_text(ru_text, encoding="utf-8")
    db = tmp_path / "renum.db"
    ws = Workspace(db)
    ws.import_pair("renumbered", load_document(tmp_path / "kk.txt", "kk"), load_document(tmp_path / "ru.txt", "ru"))
    jobs.align_pair(ws, "renumbered")
    monkeypatch.setenv("SAIKES_DB", str(db))
    yield ws
    ws.close()


def test_renumbered_articles_are_reported_on_the_review_page_and_marked_on_their_beads(renumbered):
    at = ok(app("review", pair="renumbered"))
    labels = [e.label for e in at.expander]
    assert any("numbered" in label for label in labels), labels
    at.selectbox(key="rv_order").set_value("document").run()
    at.selectbox(key="rv_section").set_value("article:6").run()
    heading = next(b for b in renumbered.beads(renumbered.pair("renumbered").id)
                   if b.section == "article:6" and b.kk.startswith("6-бап"))
    assert "Статья 7" in heading.ru                       # paired by content, not by number
    notes = " ".join(inside(bead_block(at, heading.id), "Markdown"))
    assert "sk-chip" in notes and "numbered differently" in notes


def test_the_documents_page_shows_the_same_report(renumbered):
    at = ok(app("documents"))
    at.selectbox(key="align_pair").set_value("renumbered").run()
    assert any("numbered" in w.value for w in at.warning)


# ---------------------------------------------------------------- 3. bands and flags

@pytest.mark.parametrize("conf, band", [(0.12, "red"), (0.46, "red"), (0.5, "amber"), (0.6, "amber"),
                                        (0.87, "amber"), (0.9, "green"), (0.99, "green")])
def test_three_bands_a_reviewer_reads_at_a_glance(conf, band):
    assert f"sk-band-{band}" in conf_badge(conf)


def test_a_doubtful_bead_is_flagged_whatever_its_shape():
    assert status_of(0.60, {"shape": "2:1"}) == "flagged"
    assert status_of(0.89, {"shape": "1:1"}) == "flagged"
    assert status_of(0.95, {"shape": "1:1"}) == "auto"
    assert status_of(0.95, {"shape": "0:1"}) == "flagged"
    assert status_of(0.95, {"shape": "0:1", "expected_alone": 1}) == "auto"


# ---------------------------------------------------------------- 7. the app listens on this machine only

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_ui_listens_on_localhost_unless_told_and_then_warns(cli, tmp_path):
    from align.cli.ui_cmds import streamlit_command
    cmd = streamlit_command(8501, "127.0.0.1")
    assert cmd[cmd.index("--server.address") + 1] == "127.0.0.1"
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "align.cli", "--db", str(tmp_path / "w.db"), "ui", "--port",
                             str(port), "--address", "0.0.0.0"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        warning = proc.stderr.readline()
        assert "warning" in warning and "no login" in warning and "0.0.0.0" in warning
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def test_ui_on_a_busy_port_is_one_clear_error(cli, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = cli("ui", "--port", port, db=tmp_path / "w.db")
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and f"port {port}" in r.stderr and "in use" in r.stderr
    assert "running on" not in r.stdout and "review app on" not in r.stdout


# ---------------------------------------------------------------- 8. the one file holds every change

def test_the_workspace_file_alone_holds_a_change_made_while_the_app_runs(tmp_path):
    ws = make_workspace(tmp_path / "w.db")
    reader = Workspace(tmp_path / "w.db")                     # another session, as the app has
    reader.beads(reader.pair(PAIR).id)
    b = ws.beads(ws.pair(PAIR).id)[3]
    R.approve(ws, b.id, b.version, who="dana")
    shutil.copy(tmp_path / "w.db", tmp_path / "copy.db")      # the file only, not -wal
    con = sqlite3.connect(tmp_path / "copy.db")
    assert con.execute("SELECT status FROM beads WHERE id = ?", (b.id,)).fetchone()[0] == "approved"
    con.close()
    reader.close()
    ws.close()


def test_backup_copies_consistently_while_another_session_writes(cli, tmp_path):
    ws = make_workspace(tmp_path / "w.db")
    b = ws.beads(ws.pair(PAIR).id)[2]
    R.approve(ws, b.id, b.version)
    r = cli("backup", tmp_path / "b.db", db=tmp_path / "w.db")
    assert r.returncode == 0 and "copied" in r.stdout
    with Workspace(tmp_path / "b.db", create=False) as copy:
        assert copy.bead(b.id).status == "approved"
        assert len(copy.beads(copy.pair(PAIR).id)) == len(ws.beads(ws.pair(PAIR).id))
    again = cli("backup", tmp_path / "b.db", db=tmp_path / "w.db")
    assert again.returncode == 1 and "already exists" in again.stderr and again.stderr.count("\n") == 1
    assert cli("backup", tmp_path / "b.db", "--force", db=tmp_path / "w.db").returncode == 0
    ws.close()


# ---------------------------------------------------------------- 9. status after a TMX import

def test_status_works_on_a_pair_imported_from_tmx_and_never_aligned(cli, tmp_path):
    ws = make_workspace(tmp_path / "w.db")
    ws.close()
    assert cli("export", "tmx", "--status", "all", "-o", tmp_path / "m.tmx", db=tmp_path / "w.db").returncode == 0
    assert cli("import-tmx", tmp_path / "m.tmx", "--name", "legacy", db=tmp_path / "w.db").returncode == 0
    r = cli("status", db=tmp_path / "w.db")
    assert r.returncode == 0 and not r.stderr
    assert re.search(r"legacy: beads \d+ \(1:1×\d+\)", r.stdout)


# ---------------------------------------------------------------- 10. term marks

@pytest.fixture
def glossary_ws(tmp_path):
    from align import glossary as G
    ws = make_workspace(tmp_path / "g.db", aligner=True)
    G.build_glossary(ws)
    yield ws
    ws.close()


def test_marks_only_for_reviewed_or_trusted_terms(glossary_ws):
    from align import glossary as G
    from align.glossary.marks import TermMarker, trusted_entries
    ws = glossary_ws
    rows = G.entries(ws)
    trusted = trusted_entries(rows)
    assert trusted and len(trusted) < len(rows) / 2
    assert all(" " in e.kk_key or e.status in ("approved", "edited") for e in trusted)
    beads = ws.beads(ws.pair(PAIR).id)
    marks = TermMarker(ws).marks(beads)
    marked = sum(e - s for m in marks.values() for s, e, *_ in m["kk"])
    assert marked < 0.35 * sum(len(b.kk) for b in beads)
    assert not any("⚠" in p for m in marks.values() for p in m["pairs"])   # no approved entry: no warning


def test_a_warning_only_when_no_form_of_the_approved_translation_is_there(glossary_ws):
    from align import glossary as G
    from align.glossary.marks import TermMarker
    ws = glossary_ws
    G.add_entry(ws, "дербес деректер", "персональные данные", "", who="test")
    entry = next(e for e in G.entries(ws) if e.kk == "дербес деректер")
    assert entry.status in ("approved", "edited")
    present = _bead(1, "Дербес деректерді қорғау туралы.",
                    "О персональных данных ограниченного доступа и персональных данных.")
    missing = _bead(2, "Дербес деректерді қорғау туралы.", "О защите информации.")
    marks = TermMarker(ws).marks([present, missing])
    assert not any("⚠" in p for p in marks[1]["pairs"])
    assert any("⚠ not on the Russian side" in p and "персональные данные" in p for p in marks[2]["pairs"])


def _bead(i, kk, ru):
    from align.store import Bead
    return Bead(i, 1, i, "act", None, [i], [i], kk, ru, 0.99, {}, "auto", 1, "", "")
