"""Tabular exports: TSV, CSV, JSONL, XLSX — one interface, round trips, spreadsheet safety."""
from __future__ import annotations

import csv
import json
import zipfile

import pytest

from workspaces import adversarial_units, build_workspace
from tmx_out.base import ExportError, Unit
from align.exports import export, select_units
from tmx_out.registry import MEMORY_FORMATS as FORMATS
from tmx_out.registry import pair_writer as writer_for
from tmx_out.tabular import (TABULAR_WRITERS, XLSX_CELL_LIMIT, CsvWriter, JsonlWriter,
                             TsvWriter, Writer, XlsxWriter, clean_text, neutralize, unneutralize,
                             )
from tmx_out.base import tsv_cell as tsv_escape, tsv_value as tsv_unescape


def plain_units() -> list[Unit]:
    return [Unit("Тараптар келісті.", "Стороны согласились.", document="d1", article="2",
                 confidence=0.875, status="approved"),
            Unit("Уәкілетті орган.", "Уполномоченный орган.", document="d1", article=None,
                 confidence=None, status="auto"),
            Unit("Тек қазақша.", "", document="d2", article="7", confidence=0.1, status="flagged")]


def comparable(units, *, strip=False) -> list[tuple]:
    def text(s):
        s = clean_text(s)
        return s.strip() if strip else s
    return [(text(u.kk), text(u.ru), u.document, u.article,
             None if u.confidence is None else round(u.confidence, 4), u.status) for u in units]


def test_one_interface_for_every_format():
    assert FORMATS == ("tmx", "tsv", "csv", "jsonl", "xlsx")
    for fmt in FORMATS:
        w = writer_for(fmt, direction="ru-kk")
        assert isinstance(w, Writer)
        assert w.format == fmt and w.suffix == f".{fmt}"
        assert (w.source, w.target) == ("ru", "kk")
    with pytest.raises(ExportError, match="unknown export format"):
        writer_for("docx")
    with pytest.raises(ExportError, match="direction"):
        writer_for("csv", direction="kk-en")


@pytest.mark.parametrize("fmt", sorted(TABULAR_WRITERS))
def test_round_trip_plain(tmp_path, fmt):
    units = plain_units()
    writer = TABULAR_WRITERS[fmt]()
    path = tmp_path / f"p{writer.suffix}"
    assert writer.write(units, path) == len(units)      # tabular formats keep a pair with an empty side
    assert writer.skipped == 0
    assert comparable(writer.read(path)) == comparable(units)


@pytest.mark.parametrize("fmt", sorted(TABULAR_WRITERS))
def test_round_trip_adversarial(tmp_path, fmt):
    units = adversarial_units()
    writer = TABULAR_WRITERS[fmt]()
    path = tmp_path / f"adv{writer.suffix}"
    assert writer.write(units, path) == len(units)
    back = writer.read(path)
    assert comparable(back) == comparable(units)
    assert any(len(u.kk) > 10_000 for u in back)
    assert any("😀" in u.kk for u in back) and any("\u202e" in u.ru for u in back)
    # writing what was read gives the same file
    again = tmp_path / f"again{writer.suffix}"
    writer.write(back, again)
    assert comparable(writer.read(again)) == comparable(back)
    if fmt != "xlsx":            # xlsx is a zip with time stamps inside
        assert again.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("direction", ["kk-ru", "ru-kk"])
def test_direction_sets_the_column_order(tmp_path, direction):
    src, tgt = direction.split("-")
    unit = Unit("Қазақша.", "По-русски.")
    t = tmp_path / "d.tsv"
    TsvWriter(direction).write([unit], t)
    lines = t.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:2] == [src, tgt]
    assert lines[1].split("\t")[:2] == [getattr(unit, src), getattr(unit, tgt)]
    j = tmp_path / "d.jsonl"
    JsonlWriter(direction).write([unit], j)
    assert list(json.loads(j.read_text(encoding="utf-8")))[:2] == [src, tgt]


def test_tsv_is_one_pair_a_line(tmp_path):
    units = [Unit("Бір\tтаб\nжол\\соңы", "Один\r\nдва"), Unit("Қарапайым.", "Простое.")]
    path = tmp_path / "t.tsv"
    TsvWriter().write(units, path)
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == 1 + len(units) + 1
    assert all(line.count("\t") == 5 for line in lines[:-1])
    assert lines[1].split("\t")[0] == "Бір\\tтаб\\nжол\\\\соңы"
    assert [(u.kk, u.ru) for u in TsvWriter().read(path)] == [(u.kk, u.ru) for u in units]
    for cell in ["", "\\", "\\t", "a\\\\nb", "\t\n\r\\", "\\\\\\"]:
        assert tsv_unescape(tsv_escape(cell)) == cell


def test_csv_neutralizes_formulas(tmp_path):
    dangerous = ["=1+1", "+7 727", "-1", "@SUM(A1)", "\tTAB", "\rCR", "＝1+1", "'quoted"]
    units = [Unit(kk=d, ru=f"безопасно {i}", document=d) for i, d in enumerate(dangerous)]
    path = tmp_path / "f.csv"
    CsvWriter().write(units, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                       # a BOM, so that Excel reads UTF-8
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["kk", "ru", "document", "article", "confidence", "status"]
    for row, d in zip(rows[1:], dangerous):
        # as a spreadsheet sees the cells: none starts like a formula
        assert row[0] == "'" + d and row[2] == "'" + d
        assert not row[0].startswith(("=", "+", "-", "@", "\t", "\r"))
    assert rows[1][1] == "безопасно 0"                           # harmless cells are left alone
    assert [(u.kk, u.document) for u in CsvWriter().read(path)] == [(d, d) for d in dangerous]
    for cell in ["=x", "'=x", "''", "'", "a'b", "-", ""]:
        assert unneutralize(neutralize(cell)) == cell


def test_xlsx_cells_are_text_never_formulas(tmp_path):
    from openpyxl import load_workbook
    units = [Unit("=HYPERLINK(\"http://x\",\"click\")", "=1+1", document="@cmd", article="3-1",
                  confidence=0.5, status="approved"),
             Unit("Басқару\x01таңбасы", "Управляющий\x1fсимвол")]
    path = tmp_path / "x.xlsx"
    assert XlsxWriter().write(units, path) == 2
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet
    wb = load_workbook(path)
    ws = wb.active
    assert ws.title == "pairs"
    assert [c.value for c in ws[1]] == ["kk", "ru", "document", "article", "confidence", "status"]
    assert ws["A2"].value == units[0].kk and ws["A2"].data_type == "s"
    assert ws["B2"].value == "=1+1" and ws["B2"].data_type == "s"
    assert ws["D2"].value == "3-1" and ws["D2"].data_type == "s" and ws["E2"].value == 0.5
    assert ws["A3"].value == "Басқарутаңбасы"
    assert ws.freeze_panes == "A2"


def test_xlsx_leaves_out_what_a_cell_cannot_hold(tmp_path):
    units = [Unit("қ" * (XLSX_CELL_LIMIT + 1), "р"), Unit("Қысқа.", "Короткое.")]
    writer = XlsxWriter()
    assert writer.write(units, tmp_path / "l.xlsx") == 1
    assert writer.skipped == 1
    assert [u.kk for u in writer.read(tmp_path / "l.xlsx")] == ["Қысқа."]


def test_xlsx_refuses_more_rows_than_a_sheet_holds(tmp_path, monkeypatch):
    import tmx_out.tabular as tabular
    monkeypatch.setattr(tabular, "XLSX_MAX_ROWS", 2)
    with pytest.raises(ExportError, match="at most 2 pairs"):
        XlsxWriter().write([Unit(f"Сөйлем {i}.", f"Предложение {i}.") for i in range(3)], tmp_path / "r.xlsx")
    assert not (tmp_path / "r.xlsx").exists()
    assert XlsxWriter().write([Unit("Бір.", "Один."), Unit("Екі.", "Два.")], tmp_path / "r.xlsx") == 2


def test_jsonl_is_one_object_a_line(tmp_path):
    units = [Unit("Жол\u2028бөлгіш\u2029", "Разделитель\nстрок", created="2024-01-01T00:00:00Z",
                  props={"section": "article:3"}),
             Unit("Екінші.", "Второе.")]
    path = tmp_path / "j.jsonl"
    JsonlWriter().write(units, path)
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) == 2                      # str.splitlines splits at U+2028 too
    first = json.loads(text.splitlines()[0])
    assert first["kk"] == units[0].kk and first["created"] == "2024-01-01T00:00:00Z"
    assert first["props"] == {"section": "article:3"}
    assert "Разделитель" in text                            # Cyrillic written as is, not \u-escaped
    back = JsonlWriter().read(path)
    assert back[0].props == {"section": "article:3"} and back[0].created == "2024-01-01T00:00:00Z"


@pytest.mark.parametrize("fmt", sorted(TABULAR_WRITERS))
def test_failed_exports_leave_the_old_file(tmp_path, fmt):
    writer = TABULAR_WRITERS[fmt]()
    path = tmp_path / f"keep{writer.suffix}"
    path.write_bytes(b"previous export")
    with pytest.raises(ExportError, match="nothing to export"):
        writer.write([], path)
    assert path.read_bytes() == b"previous export"

    def broken():
        yield Unit("Бір.", "Один.")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        writer.write(broken(), path)
    assert path.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]      # no temporary file left
    with pytest.raises(ExportError, match="does not exist"):
        writer.write(plain_units(), tmp_path / "missing" / f"x{writer.suffix}")


@pytest.mark.parametrize("fmt", sorted(TABULAR_WRITERS))
def test_workspace_exports(tmp_path, fmt):
    ws = build_workspace(tmp_path / "w.db")
    path = tmp_path / f"all.{fmt}"
    result = export(ws, fmt, path, status="approved", min_confidence=0.3)
    expected = select_units(ws, status="approved", min_confidence=0.3)
    assert expected and result.written == len(expected) == result.selected
    back = TABULAR_WRITERS[fmt]().read(path)
    assert comparable(back) == comparable(expected)
    assert {u.status for u in back} <= {"approved", "edited"}
    assert all(u.confidence >= 0.3 for u in back)
    ws.close()
