"""Tabular exports: TSV, CSV, JSONL and XLSX, one class per format.

Every export format (TMX included, see `tmx_out.tmx.TmxWriter`) shares the small
`Writer` interface, as translate-toolkit's stores do:

    writer = CsvWriter(direction="kk-ru")
    n = writer.write(units, "pairs.csv")    # records written; writer.skipped says how many were left out
    units = writer.read("pairs.csv")        # the same pairs back

Files are written through `atomic_write`: a failed export never leaves a half-written
file where a good one was. A writer that would write no record at all raises
`ExportError` instead of leaving an empty file.

Format notes
- Text is cleaned the same way in every format (`clean_text`): characters that XML
  cannot carry (C0 controls other than tab, newline and carriage return, U+FFFE, U+FFFF,
  unpaired surrogates) are removed, so the TSV, the CSV and the TMX of one selection
  hold the same text.
- TSV (UTF-8, no BOM; first line is a header): one pair a line, source then target, then
  document, article, confidence, status. CAT tools and the evaluation script read it as
  plain lines split at tabs, so a tab, a line break or a backslash inside a cell is
  written as ``\\t``, ``\\n``, ``\\r``, ``\\\\`` (the "linear TSV" convention) — real text
  almost never has them, and the file stays one pair a line.
- CSV (RFC 4180, UTF-8 with a BOM so that Excel reads Cyrillic, CRLF line ends): a cell
  that starts with = + - @ (or a tab, a carriage return or their full-width forms) is
  prefixed with an apostrophe so that a spreadsheet shows it as text instead of running
  it as a formula; a cell that starts with an apostrophe gets one more, so reading the
  file back (`CsvWriter.read`) restores every cell exactly.
- JSONL (UTF-8): one JSON object a line with every field of the unit.
- XLSX (openpyxl): text cells are stored as strings, never as formulas (article and
  confidence are numbers, so that a spreadsheet sorts them). A sheet cell
  holds at most 32,767 characters; a pair with a longer side is left out and counted in
  `skipped`.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterable

from .base import (FORMULA_STARTS, ExportError, Unit, Writer, clean_text, neutralize, open_target, tsv_cell,  # noqa: F401
                   tsv_value, unneutralize)

class TsvWriter(Writer):
    format = "tsv"
    suffix = ".tsv"

    def write(self, units: Iterable[Unit], path) -> int:
        self.skipped = count = 0
        with open_target(path, "w", encoding="utf-8") as fh:
            fh.write("\t".join(self.columns()) + "\n")
            for unit in units:
                fh.write("\t".join(tsv_cell(c) for c in self.row(unit)) + "\n")
                count += 1
            self._nothing(count)
        return count

    def read(self, path: str | Path) -> list[Unit]:
        self._read_guard(path)
        units = []
        with self._open_text(path) as fh:
            header = None
            for line in fh:
                cells = [tsv_value(c) for c in line.rstrip("\r\n").split("\t")]
                if header is None:
                    header = cells
                    continue
                units.append(self.unit_from(dict(zip(header, cells))))
        return units


# ------------------------------------------------------------------ CSV

class CsvWriter(Writer):
    format = "csv"
    suffix = ".csv"

    def write(self, units: Iterable[Unit], path) -> int:
        self.skipped = count = 0
        with open_target(path, "w", encoding="utf-8-sig") as fh:
            out = csv.writer(fh, dialect="excel", lineterminator="\r\n")
            out.writerow(self.columns())
            for unit in units:
                out.writerow([neutralize(c) for c in self.row(unit)])
                count += 1
            self._nothing(count)
        return count

    def read(self, path: str | Path) -> list[Unit]:
        self._read_guard(path)
        with self._open_text(path) as fh:
            rows = csv.reader(fh, dialect="excel")
            header = next(rows, None) or []
            return [self.unit_from(dict(zip(header, (unneutralize(c) for c in row)))) for row in rows]


# ------------------------------------------------------------------ JSONL

class JsonlWriter(Writer):
    format = "jsonl"
    suffix = ".jsonl"

    def record(self, unit: Unit) -> dict:
        sides = {"kk": clean_text(unit.kk), "ru": clean_text(unit.ru)}
        rec = {self.source: sides[self.source], self.target: sides[self.target],
               "document": clean_text(unit.document), "article": unit.article,
               "confidence": None if unit.confidence is None else round(float(unit.confidence), 4),
               "status": clean_text(unit.status), "created": unit.created, "changed": unit.changed}
        if unit.props:
            rec["props"] = {clean_text(str(k)): clean_text(str(v)) for k, v in unit.props.items()}
        return rec

    def write(self, units: Iterable[Unit], path) -> int:
        self.skipped = count = 0
        with open_target(path, "w", encoding="utf-8") as fh:
            for unit in units:
                # ensure_ascii=False keeps Cyrillic readable; U+2028/2029 are escaped so that
                # tools splitting at any Unicode line break still see one object a line
                line = json.dumps(self.record(unit), ensure_ascii=False)
                fh.write(line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n")
                count += 1
            self._nothing(count)
        return count

    def read(self, path: str | Path) -> list[Unit]:
        self._read_guard(path)
        units = []
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except ValueError as exc:
                    raise ExportError(f"{path}, line {number}: not a JSON object ({exc})") from None
                unit = self.unit_from(rec)
                unit.created, unit.changed = rec.get("created"), rec.get("changed")
                unit.props = dict(rec.get("props") or {})
                units.append(unit)
        return units


# ------------------------------------------------------------------ XLSX

XLSX_CELL_LIMIT = 32767          # characters in one cell
XLSX_MAX_ROWS = 1_048_576 - 1    # rows in one sheet, less the header


class XlsxWriter(Writer):
    format = "xlsx"
    suffix = ".xlsx"

    def write(self, units: Iterable[Unit], path) -> int:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font

        # gather the rows first: a failure while reading the units then leaves no
        # half-built workbook (and no temporary sheet file) behind
        self.skipped = 0
        rows = []
        for unit in units:
            cells = self.row(unit)
            if max(len(cells[0]), len(cells[1])) > XLSX_CELL_LIMIT:
                self.skipped += 1
                continue
            rows.append((cells, unit.article,
                         None if unit.confidence is None else round(float(unit.confidence), 4)))
        self._nothing(len(rows))
        if len(rows) > XLSX_MAX_ROWS:
            raise ExportError(f"an XLSX sheet holds at most {XLSX_MAX_ROWS:,} pairs, and {len(rows):,} "
                              f"were selected: export as TSV, CSV or TMX, or select fewer pairs")

        with open_target(path, "wb") as fh:     # checks the folder before any sheet is built
            wb = Workbook(write_only=True)
            ws = wb.create_sheet("pairs")
            ws.freeze_panes = "A2"
            for letter, width in zip("ABCDEF", (70, 70, 28, 9, 11, 10)):
                ws.column_dimensions[letter].width = width
            bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")

            def text_cell(value: str, **style):
                cell = WriteOnlyCell(ws)
                cell.value = value
                cell.data_type = "s"      # a string, even when it starts with "=": never a formula
                for k, v in style.items():
                    setattr(cell, k, v)
                return cell

            ws.append([text_cell(c, font=bold) for c in self.columns()])
            for cells, article, confidence in rows:
                ws.append([text_cell(cells[0], alignment=wrap), text_cell(cells[1], alignment=wrap),
                           text_cell(cells[2]), None if article is None else text_cell(article), confidence,
                           text_cell(cells[5])])
            wb.save(fh)
        return len(rows)

    def read(self, path: str | Path) -> list[Unit]:
        from openpyxl import load_workbook
        self._read_guard(path)
        try:
            wb = load_workbook(path, read_only=True, data_only=False)
        except Exception as exc:   # zipfile/XML errors of a damaged file
            raise ExportError(f"cannot read {path} as an XLSX workbook ({exc})") from None
        try:
            rows = wb.worksheets[0].iter_rows(values_only=True)
            header = [str(c) for c in next(rows, ())]
            return [self.unit_from(dict(zip(header, ("" if c is None else str(c) for c in row))))
                    for row in rows]
        finally:
            wb.close()


TABULAR_WRITERS: dict[str, type[Writer]] = {w.format: w for w in (TsvWriter, CsvWriter, JsonlWriter,
                                                                 XlsxWriter)}
