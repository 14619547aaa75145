"""Names are data, never paths: every way a pair name gets in refuses a path, and every file
name built from a pair name stays in its folder, even for a name stored before names were
checked."""
from __future__ import annotations

import sqlite3

import pytest
from apptest import ok
from streamlit.testing.v1 import AppTest
from workspaces import PAIR, SEEDS

from align import review as R
from align.errors import InputError
from align.names import MAX_NAME_CHARS, safe_slug, validate_pair_name
from align.store import Workspace
from tmx_out.base import Unit
from tmx_out.tmx import write_tmx

HOSTILE = ["../../../outside", "a/b", "a\\b", "..", "x\x00y", "line\nbreak", ".hidden", "я" * (MAX_NAME_CHARS + 1)]


@pytest.mark.parametrize("name", HOSTILE)
def test_validate_pair_name_refuses_paths_controls_and_long_names(name):
    with pytest.raises(InputError) as info:
        validate_pair_name(name)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("name", ["000_814850e4c9e980b5", "Салық кодексі 2024", "a__b", "v1.2-draft"])
def test_ordinary_names_are_valid_and_their_own_slug(name):
    assert validate_pair_name(f" {name} ") == name
    assert safe_slug(name) == name


@pytest.mark.parametrize("name", HOSTILE + ["a:b*c?", "x" * 400])
def test_safe_slug_is_one_short_file_name(name):
    slug = safe_slug(name)
    assert "/" not in slug and "\\" not in slug and ".." not in slug and "\x00" not in slug
    assert not slug.startswith(".") and 0 < len(slug.encode("utf-8")) <= 160


def test_long_names_get_distinct_slugs():
    assert safe_slug("я" * 200 + "a") != safe_slug("я" * 200 + "b")


def _seed(lang):
    return (SEEDS / lang / f"{PAIR}.txt").read_bytes()


def test_cli_import_refuses_a_path_as_name(cli, tmp_path):
    db = tmp_path / "w.db"
    result = cli("import", SEEDS / "kk" / f"{PAIR}.txt", SEEDS / "ru" / f"{PAIR}.txt",
                 "--name", "../../outside", db=db)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "path separator" in result.stderr
    assert not db.exists() or not Workspace(db).pairs()


def test_cli_run_refuses_a_path_as_name(cli, tmp_path):
    result = cli("run", "--name", "../outside", "--out", tmp_path / "out", db=tmp_path / "w.db")
    assert result.returncode == 1 and "path separator" in result.stderr
    assert not (tmp_path / "outside.tmx").exists() and not (tmp_path / "out").exists()


def test_import_tmx_refuses_a_path_in_x_document(cli, tmp_path):
    tmx = tmp_path / "hostile.tmx"
    write_tmx([Unit(kk="Тараптар келісті.", ru="Стороны согласились.", document="../../../outside")], tmx)
    db = tmp_path / "w.db"
    result = cli("import-tmx", tmx, db=db)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "x-document" in result.stderr and "--name" in result.stderr
    named = cli("import-tmx", tmx, "--name", "../x", db=db)
    assert named.returncode == 1 and "path separator" in named.stderr
    assert cli("import-tmx", tmx, "--name", "legacy", db=db).returncode == 0


def test_store_refuses_a_bad_name_whatever_the_caller(tmp_path):
    from align.exports import store_units
    with Workspace(tmp_path / "w.db") as ws:
        with pytest.raises(InputError, match="path separator"):
            store_units(ws, "../x", [Unit(kk="Тараптар келісті.", ru="Стороны согласились.")])
        assert ws.pairs() == []


def test_upload_form_refuses_a_path_as_name(tmp_path):
    with Workspace(tmp_path / "w.db") as ws:
        with pytest.raises(InputError, match="path separator"):
            R.import_upload(ws, ("a.txt", _seed("kk")), ("a.txt", _seed("ru")), name="../../outside")
        assert ws.pairs() == []


@pytest.mark.parametrize("fname", [f"{PAIR}\x00.txt", "Қазақстан Республикасының заңы " * 12 + ".txt",
                                   "../../etc/passwd.txt"])
def test_upload_file_names_with_nul_or_over_255_bytes_do_not_traceback(tmp_path, fname):
    with Workspace(tmp_path / "w.db") as ws:
        name, outcome = R.import_upload(ws, (fname, _seed("kk")), (fname, _seed("ru")))
        assert outcome == "new" and validate_pair_name(name) == name
        assert [p.name for p in ws.pairs()] == [name]


def _sneak_in(db, name: str) -> None:
    """A hostile name stored the way an older version (or a hand-edited file) could."""
    con = sqlite3.connect(db)
    con.execute("UPDATE pairs SET name = ? WHERE name = ?", (name, PAIR))
    con.commit()
    con.close()


def test_pair_files_of_a_hostile_stored_name_stay_in_their_folder(tmp_path):
    from workspaces import make_workspace

    from align.cli.align_cmds import write_pair_files
    db = tmp_path / "deep" / "w.db"
    db.parent.mkdir()
    make_workspace(db).close()
    _sneak_in(db, "../../outside")
    out = tmp_path / "deep" / "out"
    out.mkdir()
    with Workspace(db) as ws:
        write_pair_files(ws, "../../outside", out)
    slug = safe_slug("../../outside")
    assert "/" not in slug and sorted(p.name for p in out.iterdir()) == [f"{slug}.jsonl", f"{slug}.tsv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep"]


@pytest.fixture
def filenames(monkeypatch):
    """The file names the app's download buttons offer."""
    from streamlit.runtime import memory_media_file_storage as mem
    seen: list[str] = []
    original = mem.MemoryMediaFileStorage.load_and_get_id

    def spy(self, path_or_data, mimetype, kind, filename=None):
        seen.append(filename)
        return original(self, path_or_data, mimetype, kind, filename)
    monkeypatch.setattr(mem.MemoryMediaFileStorage, "load_and_get_id", spy)
    return seen


def test_app_export_of_a_pair_named_with_dots_offers_a_file_inside_its_folder(db, filenames, tmp_path):
    _sneak_in(db, "../../../outside")
    at = AppTest.from_file(str(__import__("apptest").APP), default_timeout=60)
    at.query_params["page"] = "export"
    at.run()
    at.multiselect(key="ex_pairs").set_value(["../../../outside"]).run()
    ok(at)
    assert filenames and filenames[-1] == f"{safe_slug('../../../outside')}.kk-ru.tmx"
    assert all("/" not in f and ".." not in f for f in filenames)
    assert not any("outside" in p.name for p in tmp_path.iterdir())


def test_the_app_shows_no_tracebacks():
    import tomllib

    from align.cli.ui_cmds import streamlit_command
    cmd = streamlit_command(8501, "127.0.0.1")
    assert cmd[cmd.index("--client.showErrorDetails") + 1] == "none"
    root = __import__("apptest").ROOT
    config = tomllib.loads((root / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


def test_an_unexpected_error_on_a_page_is_one_line(db, monkeypatch):
    from align.ui import export
    monkeypatch.setattr(export.R, "count_units", lambda *a: 1 / 0)
    at = AppTest.from_file(str(__import__("apptest").APP), default_timeout=60)
    at.query_params["page"] = "export"
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Something went wrong on this page (ZeroDivisionError); the server log has the details."]


def test_a_docx_upload_with_a_long_title_is_read_as_docx(tmp_path):
    import io
    import zipfile

    from align.text.read import read_bytes
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in _seed("kk").decode("utf-8").splitlines())
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                   f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    title = "Қазақстан Республикасының заңы " * 12 + ".docx"
    assert read_bytes(data.getvalue(), title).format == "docx"
    with Workspace(tmp_path / "w.db") as ws:
        name, outcome = R.import_upload(ws, (title, data.getvalue()), (f"{PAIR}.txt", _seed("ru")))
        assert outcome == "new" and ws.document(ws.pair(name).id, "kk").format == "docx"
