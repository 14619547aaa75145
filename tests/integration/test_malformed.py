"""The corpus of malformed files that the fuzzing run of issue 15 found bugs with, one file a
bug (tests/data/malformed, written by make.py there): each is refused by the command line
with one line on stderr naming the file and the reason, or read faithfully — never a
traceback, never garbage stored."""
from __future__ import annotations

import sqlite3

import pytest
from conftest import DATA
from hostile import KK_LINES

from align.cli.main import main
from align.text.read import read_file

CORPUS = DATA / "malformed"

# file -> (command that reads it, fragment of the one-line error)
REFUSED = {
    "random_bytes.txt": ("inspect", "cannot tell the encoding"),
    "damaged_utf8_ru.txt": ("inspect", "UTF-8 but damaged: 6 invalid byte sequence(s), the first at byte 1000"),
    "mojibake_saved_as_utf8.txt": ("inspect", "does not read as words"),
    "nul_bytes.txt": ("inspect", "NUL bytes, the first at byte 3001"),
    "swapped.tmx": ("import-tmx", "Kazakh and Russian are swapped"),
    "control_chars.tmx": ("import-tmx", "no unit holds readable text"),
    "xinclude.tmx": ("import-tmx", "uses XInclude"),
    "english.tbx": ("glossary", "the Kazakh side is not Cyrillic"),
    "swapped.tsv": ("glossary", "the first column holds Russian"),
    "missing_column.tsv": ("glossary", "have only one term"),
    "damaged_deflate.docx": ("inspect", "cannot read damaged_deflate.docx: the file is damaged"),
    "encrypted.docx": ("inspect", "encrypted"),
    "bzip2.docx": ("inspect", "compressed with bzip2"),
    "zip_bomb.docx": ("inspect", "zip bomb"),
    "zip_bomb_lying_header.docx": ("inspect", "over the limit of 200 MB in one part of a .docx"),
}


def run(capsys, tmp_path, command: str, path) -> tuple[int, str, str]:
    db = str(tmp_path / "w.db")
    argv = {"inspect": ["inspect", str(path), "--blocks-only"],
            "import-tmx": ["--db", db, "import-tmx", str(path)],
            "glossary": ["--db", db, "glossary", "import", str(path)]}[command]
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_corpus_is_complete():
    assert sorted(p.name for p in CORPUS.iterdir() if p.name != "make.py") == sorted(
        [*REFUSED, "truncated_utf8_ru.txt", "cr_in_cell.csv", "ilvl_not_a_number.docx"])


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_one_line(capsys, tmp_path, name):
    command, fragment = REFUSED[name]
    code, _, err = run(capsys, tmp_path, command, CORPUS / name)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert name in lines[0] and fragment in lines[0], lines[0]
    # nothing was stored: the workspace, if the command opened one, holds no pair and no term
    db = tmp_path / "w.db"
    if db.exists():
        with sqlite3.connect(db) as con:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            for table in {"pairs", "beads", "glossary"} & tables:
                assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_truncated_utf8_tail_is_read_as_utf8_and_reported():
    raw = read_file(CORPUS / "truncated_utf8_ru.txt")
    assert raw.encoding == "utf-8"
    assert raw.text.rstrip().endswith("зако")          # the cut-off н left out, nothing else
    assert any("cut short" in note and "1 byte" in note for note in raw.notes)


def test_inspect_reports_what_reading_repaired(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path, "inspect", CORPUS / "truncated_utf8_ru.txt")
    assert code == 0
    assert "note      truncated_utf8_ru.txt: the file ends in the middle of a character" in out


def test_non_numeric_list_level_reads_without_a_number(capsys, tmp_path):
    raw = read_file(CORPUS / "ilvl_not_a_number.docx")
    assert raw.format == "docx" and KK_LINES[1][:30] in raw.text
    assert not any(line.startswith(("1)", "2)")) for line in raw.text.splitlines())
    assert run(capsys, tmp_path, "inspect", CORPUS / "ilvl_not_a_number.docx")[0] == 0


def test_carriage_return_inside_a_csv_cell(capsys, tmp_path):
    code, out, err = run(capsys, tmp_path, "glossary", CORPUS / "cr_in_cell.csv")
    assert code == 0, err
    assert "10 term pairs" in out
    with sqlite3.connect(tmp_path / "w.db") as con:
        kk = {r[0] for r in con.execute("SELECT kk FROM glossary")}
    assert "уәкілетті орган уәкілетті орган" in kk


def test_huge_one_line_file_is_refused_by_the_line_limit(capsys, tmp_path):
    path = tmp_path / "one_line.txt"
    path.write_bytes(("Тараптар уәкілетті органдар арқылы ынтымақтасады " * 250_000).encode())   # 12 MB
    code, _, err = run(capsys, tmp_path, "inspect", path)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "over the limit of 200,000 characters in one line" in err and "--limit line_chars=N" in err


@pytest.mark.parametrize("name,command,count", [
    ("swapped.tmx", "import-tmx", "--force: 19 units do not look Kazakh–Russian: Kazakh and Russian are swapped"),
    ("english.tbx", "glossary", "--force: 4 do not look Kazakh–Russian: the Kazakh side is not Cyrillic"),
])
def test_force_imports_and_reports(capsys, tmp_path, name, command, count):
    db = str(tmp_path / "w.db")
    sub = ["import-tmx"] if command == "import-tmx" else ["glossary", "import"]
    code = main(["--db", db, *sub, str(CORPUS / name), "--force"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert count in out, out
