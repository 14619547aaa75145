"""`saikes export` and `saikes import-tmx` from the command line: files, options, and
errors that are one line on stderr with nothing stored lost or half-written."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workspaces import GOLD_NAMES, SEEDS, assert_valid_tmx, build_workspace, tmx_pairs
from align.text.pipeline import load_document
from align.store import Workspace
from align.exports import select_units
from tmx_out.tabular import TABULAR_WRITERS
from tmx_out.tmx import read_tmx

SCORER = Path(__file__).resolve().parents[1] / "data" / "eval" / "align_score.py"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("ws") / "w.db"
    build_workspace(path).close()
    return path


def snapshot(path) -> list[tuple]:
    """Everything the workspace holds that an export or a failed import must not change."""
    with Workspace(path, create=False) as ws:
        return [(p.name, [(b.kk, b.ru, b.status, b.confidence, b.version) for b in ws.beads(p.id)])
                for p in ws.pairs()]


def one_line_error(result, *fragments) -> None:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    err = result.stderr
    assert "Traceback" not in err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("saikes: error: ")
    for fragment in fragments:
        assert fragment in err, err


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "csv", "jsonl", "xlsx"])
def test_export_every_format(cli, db, tmp_path, fmt, tmx_dtd):
    out = tmp_path / f"all.{fmt}"
    before = snapshot(db)
    result = cli("export", fmt, "-o", out, db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    with Workspace(db, create=False) as ws:
        expected = select_units(ws)                    # the default: all but rejected
    if fmt == "tmx":
        pairs = tmx_pairs(assert_valid_tmx(out, tmx_dtd))
        with_both = [u for u in expected if u.kk.strip() and u.ru.strip()]
        assert [(p["kk-KZ"], p["ru-RU"]) for p in pairs] == [(u.kk, u.ru) for u in with_both]
        assert f"wrote {len(with_both)} pairs" in result.stdout
        assert f"left out {len(expected) - len(with_both)} with an empty side" in result.stdout
    else:
        back = TABULAR_WRITERS[fmt]().read(out)
        assert [(u.kk, u.ru, u.status) for u in back] == [(u.kk, u.ru, u.status) for u in expected]
        assert f"wrote {len(expected)} pairs" in result.stdout
    assert str(out) in result.stdout
    assert snapshot(db) == before                      # an export changes nothing stored


def test_export_options(cli, db, tmp_path, tmx_dtd):
    name = GOLD_NAMES[-1]
    out = tmp_path / "approved.tmx"
    result = cli("export", "tmx", "--status", "approved", "--min-confidence", "0.4", "--direction",
                 "ru-kk", "--pair", name, "-o", out, db=db)
    assert result.returncode == 0, result.stderr
    tree = assert_valid_tmx(out, tmx_dtd)
    assert tree.getroot().find("header").get("srclang") == "ru-RU"
    pairs = tmx_pairs(tree)
    assert pairs
    for p in pairs:
        assert p["props"]["x-document"] == [name]
        assert p["props"]["x-status"][0] in ("approved", "edited")
        assert float(p["props"]["x-confidence"][0]) >= 0.4
    with Workspace(db, create=False) as ws:
        expected = [u for u in select_units(ws, "approved", 0.4, [name]) if u.kk.strip() and u.ru.strip()]
    assert [(p["kk-KZ"], p["ru-RU"]) for p in pairs] == [(u.kk, u.ru) for u in expected]
    first = tree.getroot().find("body/tu/tuv")
    assert first.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru-RU"


def test_export_merge_identical(cli, tmp_path, tmx_dtd):
    path = tmp_path / "dup.db"
    ws = Workspace(path)
    name = GOLD_NAMES[0]
    ws.import_pair(name, load_document(SEEDS / "kk" / f"{name}.txt", "kk"),
                   load_document(SEEDS / "ru" / f"{name}.txt", "ru"))
    pair = ws.pair(name)
    beads = [{"section": "act", "kk_segs": [i], "ru_segs": [i], "kk": "Тараптар келісті.",
              "ru": "Стороны согласились.", "confidence": 0.9, "status": "auto"} for i in range(3)]
    ws.store_alignment(pair.id, beads, {})
    ws.close()
    plain = cli("export", "tmx", "-o", tmp_path / "plain.tmx", db=path)
    merged = cli("export", "tmx", "--merge-identical", "-o", tmp_path / "merged.tmx", db=path)
    assert plain.returncode == merged.returncode == 0
    assert "wrote 3 pairs" in plain.stdout
    assert "wrote 1 pair " in merged.stdout and "2 identical pairs merged" in merged.stdout
    assert len(tmx_pairs(assert_valid_tmx(tmp_path / "plain.tmx", tmx_dtd))) == 3
    (only,) = tmx_pairs(assert_valid_tmx(tmp_path / "merged.tmx", tmx_dtd))
    assert only["props"]["x-occurrences"] == ["3"]
    assert (only["kk-KZ"], only["ru-RU"]) == ("Тараптар келісті.", "Стороны согласились.")


@pytest.mark.parametrize("case", ["no-folder", "is-folder", "parent-is-file", "empty-selection",
                                  "bad-confidence", "confidence-range", "unknown-pair"])
def test_export_errors_are_one_line(cli, db, tmp_path, case):
    keep = tmp_path / "keep.tmx"
    keep.write_bytes(b"an export made yesterday")
    (tmp_path / "file.txt").write_text("x")
    args = {
        "no-folder": (["-o", tmp_path / "nope" / "out.tmx"], ["does not exist"]),
        "is-folder": (["-o", tmp_path], ["is a folder"]),
        "parent-is-file": (["-o", tmp_path / "file.txt" / "out.tmx"], ["cannot write"]),
        "empty-selection": (["--status", "approved", "--min-confidence", "1", "-o", keep],
                            ["nothing to export", "status approved", "nothing was written"]),
        "bad-confidence": (["--min-confidence", "high", "-o", keep], ["minimum confidence", "high"]),
        "confidence-range": (["--min-confidence", "1.5", "-o", keep], ["between 0 and 1"]),
        "unknown-pair": (["--pair", "no-such-act", "-o", keep], ["no pair named 'no-such-act'",
                                                                 GOLD_NAMES[0]]),
    }[case]
    before = snapshot(db)
    result = cli("export", "tmx", *args[0], db=db)
    one_line_error(result, *args[1])
    assert result.stdout == ""
    assert keep.read_bytes() == b"an export made yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "keep.tmx"]
    assert snapshot(db) == before


def test_export_without_a_workspace(cli, tmp_path):
    missing = tmp_path / "none.db"
    result = cli("export", "csv", "-o", tmp_path / "x.csv", db=missing)
    one_line_error(result, "no workspace")
    assert not missing.exists() and not (tmp_path / "x.csv").exists()


def test_import_tmx_round_trip(cli, db, tmp_path, tmx_dtd):
    name = GOLD_NAMES[0]
    first = tmp_path / "first.tmx"
    assert cli("export", "tmx", "--status", "all", "--pair", name, "-o", first, db=db).returncode == 0
    target = tmp_path / "target.db"
    result = cli("import-tmx", first, db=target)
    assert result.returncode == 0, result.stderr
    units = read_tmx(first).units
    # the pair is named after the one document the TMX names
    assert result.stdout.startswith(f"{name}: imported {len(units)} pairs")
    with Workspace(target, create=False) as ws:
        beads = ws.beads(ws.pair(name).id)
        assert [(b.kk, b.ru, b.status) for b in beads] == [(u.kk, u.ru, u.status) for u in units]
        assert [round(b.confidence, 4) for b in beads] == [u.confidence for u in units]
    second = tmp_path / "second.tmx"
    assert cli("export", "tmx", "--status", "all", "-o", second, db=target).returncode == 0
    assert tmx_pairs(assert_valid_tmx(first, tmx_dtd)) == tmx_pairs(assert_valid_tmx(second, tmx_dtd))
    # the same name again is refused, and the pair stays as it was
    before = snapshot(target)
    again = cli("import-tmx", second, db=target)
    one_line_error(again, f"a pair named '{name}' is already", "--name")
    assert snapshot(target) == before
    renamed = cli("import-tmx", second, "--name", "copy", db=target)
    assert renamed.returncode == 0, renamed.stderr
    assert [p[0] for p in snapshot(target)] == sorted([name, "copy"])


@pytest.mark.parametrize("content,fragment", [
    (b"<tmx><body><tu><tuv xml:lang='kk'><seg>", "not a well-formed TMX file"),
    (b"", "not a well-formed TMX file"),
    (b"<?xml version='1.0'?><html/>", "not a TMX file"),
    (b"<?xml version='1.0'?><!DOCTYPE tmx [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;'>]>"
     b"<tmx version='1.4'><header/><body><tu><tuv xml:lang='kk'><seg>&b;</seg></tuv>"
     b"<tuv xml:lang='ru'><seg>x</seg></tuv></tu></body></tmx>", "uses the entity &b;"),
    (b"<?xml version='1.0'?><tmx version='1.4'><header/><body><tu><tuv xml:lang='en'><seg>a</seg>"
     b"</tuv><tuv xml:lang='ru'><seg>b</seg></tuv></tu></body></tmx>", "no translation unit"),
])
def test_import_tmx_errors_change_nothing(cli, db, tmp_path, content, fragment):
    bad = tmp_path / "bad.tmx"
    bad.write_bytes(content)
    before = snapshot(db)
    result = cli("import-tmx", bad, db=db)
    one_line_error(result, fragment)
    assert snapshot(db) == before
    fresh = tmp_path / "fresh.db"
    one_line_error(cli("import-tmx", bad, db=fresh), fragment)
    assert not fresh.exists()                           # a failed import creates no workspace


def test_import_missing_file(cli, tmp_path):
    one_line_error(cli("import-tmx", tmp_path / "missing.tmx", db=tmp_path / "w.db"), "cannot read")


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "jsonl"])
def test_exports_score_perfectly_against_gold(cli, db, tmp_path, fmt, tmx_dtd):
    """The project's evaluation script reads every export; the workspace holds the gold
    beads, so an export of all of them must match the gold exactly."""
    name = GOLD_NAMES[1]
    out = tmp_path / f"{name}.{fmt}"
    assert cli("export", fmt, "--status", "all", "--pair", name, "-o", out, db=db).returncode == 0
    if fmt == "tmx":
        assert_valid_tmx(out, tmx_dtd)
    scored = subprocess.run([sys.executable, str(SCORER),
                             str(Path(__file__).parents[1] / "data" / "seeds_gold" / f"{name}.json"), str(out), "--json"],
                            capture_output=True, text=True, timeout=120)
    assert scored.returncode == 0, scored.stderr
    result = json.loads(scored.stdout)
    assert result["link_f1"] == pytest.approx(1.0)
    assert result["bead_f1"] == pytest.approx(1.0)
