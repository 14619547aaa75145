"""`saikes import` and `saikes inspect`: results, bad input, the workspace left intact."""
import hashlib
import sqlite3

import pytest

from align.store import SCHEMA_VERSION, Workspace

from conftest import SEEDS

KK0 = SEEDS / "kk" / "000_814850e4c9e980b5.txt"
RU0 = SEEDS / "ru" / "000_814850e4c9e980b5.txt"


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _counts(db):
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("pairs", "documents", "segments", "blocks")}
    finally:
        con.close()


def test_inspect_lists_articles_1_to_26(cli):
    r = cli("inspect", SEEDS / "kk" / "002_700c28a48b73b99d.txt")
    assert r.returncode == 0, r.stderr
    assert "articles  26 (1–26)" in r.stdout
    assert "language  kk" in r.stdout and "encoding  utf-8" in r.stdout
    for n in range(1, 27):
        assert f"] article {n}\n" in r.stdout or f"] article {n}:" in r.stdout


def test_inspect_reports_encoding(cli):
    r = cli("inspect", SEEDS / "ru" / "001_966cfad3000587e1.txt")
    assert r.returncode == 0
    assert "encoding  cp1251" in r.stdout and "language  ru" in r.stdout


def test_import_stores_pair_and_reimport_does_not_duplicate(cli, tmp_path):
    db = tmp_path / "w.db"
    r = cli("import", KK0, RU0, db=db)
    assert r.returncode == 0, r.stderr
    assert "new" in r.stdout
    first = _counts(db)
    assert first["pairs"] == 1 and first["documents"] == 2 and first["segments"] > 100
    r = cli("import", KK0, RU0, db=db)
    assert r.returncode == 0 and "unchanged" in r.stdout
    assert _counts(db) == first
    with Workspace(db) as ws:
        assert ws.schema_version == SCHEMA_VERSION
        kk = ws.document(ws.pair("000_814850e4c9e980b5").id, "kk")
        assert kk.encoding == "utf-8" and kk.lang == "kk"
        seg = kk.segments[10]
        a, b = kk.source_span(seg.start, seg.end)
        assert kk.source[a:b].split()[0] == seg.text.split()[0]


def test_reimport_changed_text_updates_in_place(cli, tmp_path):
    db = tmp_path / "w.db"
    kk = tmp_path / "act.txt"
    kk.write_bytes(KK0.read_bytes())
    assert cli("import", kk, RU0, "--name", "act", db=db).returncode == 0
    kk.write_text(KK0.read_text(encoding="utf-8").replace("Баку", "Астана"), encoding="utf-8")
    r = cli("import", kk, RU0, "--name", "act", db=db)
    assert r.returncode == 0 and "updated" in r.stdout
    with Workspace(db) as ws:
        assert len(ws.pairs()) == 1
        assert "Астана қаласында жасалған" in ws.document(ws.pair("act").id, "kk").text


def _file(name, content):
    def make(folder):
        path = folder / name
        path.write_bytes(content)
        return path
    return make


@pytest.mark.parametrize("make_bad,needle", [
    (lambda p: p / "missing.txt", "no such file"),
    (_file("empty.txt", b""), "empty"),
    (_file("bin.txt", bytes(range(256)) * 40), "binary"),
    (_file("act.docx", b"<html>not a docx</html>"), "not a .docx"),
    (lambda p: RU0, "given as Kazakh, but it is Russian"),
])
def test_bad_input_one_line_and_workspace_unchanged(cli, tmp_path, make_bad, needle):
    db = tmp_path / "w.db"
    assert cli("import", KK0, RU0, db=db).returncode == 0
    before_counts, before_bytes = _counts(db), _digest(db)
    bad = make_bad(tmp_path)
    r = cli("import", bad, RU0, "--name", "other", db=db)
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in r.stderr
    assert _counts(db) == before_counts
    assert _digest(db) == before_bytes


def test_bad_input_does_not_create_workspace(cli, tmp_path):
    db = tmp_path / "new.db"
    r = cli("import", tmp_path / "none.txt", RU0, db=db)
    assert r.returncode == 1 and not db.exists()


def test_not_a_workspace(cli, tmp_path):
    db = tmp_path / "w.db"
    db.write_bytes(b"this is not sqlite" * 100)
    r = cli("import", KK0, RU0, db=db)
    assert r.returncode == 1
    assert "not a saikes workspace" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_db_from_environment(cli, tmp_path):
    db = tmp_path / "env.db"
    r = cli("import", KK0, RU0, env={"SAIKES_DB": str(db)})
    assert r.returncode == 0 and db.exists()


@pytest.mark.parametrize("name,content,needle", [
    ("act.html", b"PK\x03\x04" + b"\x00" * 100, "zip archive"),
    ("act.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"x" * 200, "PDF"),
    ("act.txt", b"{\\rtf1\\ansi " + "Статья 1".encode("cp1251") * 20, "RTF"),
])
def test_mislabelled_files(cli, tmp_path, name, content, needle):
    path = tmp_path / name
    path.write_bytes(content)
    r = cli("inspect", path)
    assert r.returncode == 1
    assert needle in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_huge_file_refused_before_reading(cli, tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(60 * 1024 * 1024)       # sparse: nothing is written to disk
    for args in (("inspect", path), ("align-sentences", path, path)):
        r = cli(*args)
        assert r.returncode == 1 and "60 MB" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_db_option_after_the_command(cli, tmp_path):
    db = tmp_path / "after.db"
    r = cli("import", KK0, RU0, "--db", db)
    assert r.returncode == 0 and db.exists()
    assert "000_814850e4c9e980b5" in cli("status", "--db", db).stdout


@pytest.mark.parametrize("args", [("frobnicate",), ("export",), ("ui", "--port", "99999999")])
def test_usage_errors_are_one_line(cli, args):
    r = cli(*args)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "error" in r.stderr


def test_remove_a_pair_keeps_a_record(cli, tmp_path):
    import json
    db = tmp_path / "w.db"
    assert cli("import", KK0, RU0, "--name", "act", db=db).returncode == 0
    assert cli("align", "act", db=db).returncode == 0
    r = cli("remove", "act", db=db)
    assert r.returncode == 0 and "removed" in r.stdout
    with Workspace(db) as ws:
        assert ws.pairs() == [] and ws.beads() == []
        record = next(e for e in ws.edits() if e["action"] == "delete")
        assert len(json.loads(record["before"])["beads"]) > 50
    r = cli("remove", "act", db=db)
    assert r.returncode == 1 and "no pair named 'act'" in r.stderr
