"""Reading term lists a terminologist keeps: TBX, an OmegaT glossary (.txt), TSV or CSV.

A table's first two columns are the Kazakh and the Russian term unless a header row
names them (kk/ru, Kazakh/Russian, Қазақша/Русский); a column named note or comment, or
the third column of an OmegaT glossary, is kept as the note. Lines starting with # are
comments. TBX is read with a safe parser: no entities, no DTD, no network.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from align.errors import InputError
from align.guard import reading
from align.limits import exceeded, limit
from align.safexml import message, parse_xml

from .base import ExportError, clean_text

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HEADER_NAMES = {
    "kk": {"kk", "kk-kz", "kaz", "kazakh", "қазақша", "қазақ тілі", "source"},
    "ru": {"ru", "ru-ru", "rus", "russian", "русский", "орысша", "target"},
    "note": {"note", "comment", "comments", "ескерту", "примечание"},
}


@dataclass
class TermPair:
    kk: str
    ru: str
    note: str = ""


def parse_term_list(data: bytes, name: str, decode) -> list[TermPair]:
    """The term pairs of a file's bytes: TBX by its name (.tbx, .xml), a table otherwise.
    `decode(data, name) -> text` turns a table's bytes into text (the caller knows which
    encodings to accept)."""
    suffix = Path(name).suffix.lower()
    with reading(name):
        if suffix in (".tbx", ".xml"):
            pairs = _read_tbx(data, name)
        else:
            pairs = _from_rows(_rows(decode(data, name), suffix, name), name)
    if len(pairs) > limit("term_rows"):
        raise exceeded("term_rows", name, len(pairs))
    missing = [n for n, p in enumerate(pairs, 1) if bool(p.kk) != bool(p.ru)]
    if missing:
        side = "Russian" if pairs[missing[0] - 1].kk else "Kazakh"
        raise ExportError(f"{name}: {len(missing)} of {len(pairs)} entries have only one term (the "
                          f"first, entry {missing[0]}, has no {side} term); fill in or remove them")
    pairs = [p for p in pairs if p.kk and p.ru]
    if not pairs:
        raise ExportError(f"{name}: no Kazakh–Russian term pair found")
    return pairs


def _rows(text: str, suffix: str, name: str) -> list[list[str]]:
    """The non-blank, non-comment rows of a table. A carriage return alone is a line end only
    in a file that has no other (an old Mac file); elsewhere it is a line break a spreadsheet
    left inside a cell, read as a space (the csv module would stop at it)."""
    text = text.replace("\r\n", "\n")
    text = text.replace("\r", " " if "\n" in text else "\n")
    dialect = "excel" if suffix == ".csv" else "excel-tab"
    return [r for r in csv.reader(io.StringIO(text, newline=""), dialect=dialect)
            if r and any(c.strip() for c in r) and not r[0].lstrip().startswith("#")]


def _from_rows(rows: list[list[str]], name: str) -> list[TermPair]:
    if not rows:
        return []
    header = [c.strip().lower() for c in rows[0]]
    cols = {key: next((i for i, h in enumerate(header) if h in names), None)
            for key, names in HEADER_NAMES.items()}
    if cols["kk"] is not None and cols["ru"] is not None:
        rows = rows[1:]
    else:
        cols = {"kk": 0, "ru": 1, "note": 2}
    if not rows or max(cols["kk"], cols["ru"]) >= max(len(r) for r in rows):
        raise ExportError(f"{name}: expected a Kazakh and a Russian column separated by "
                          f"{'commas' if name.lower().endswith('.csv') else 'tabs'}")

    def cell(row, key):
        i = cols[key]
        return clean_text(row[i]).strip() if i is not None and i < len(row) else ""

    return [TermPair(cell(r, "kk"), cell(r, "ru"), cell(r, "note")) for r in rows]


def _read_tbx(data: bytes, name: str) -> list[TermPair]:
    try:
        root = parse_xml(data, name)        # entities and XInclude refused there
    except etree.XMLSyntaxError as exc:
        raise ExportError(f"{name}: not a well-formed TBX file ({message(exc)})") from None
    except InputError as exc:          # entities, XInclude: term lists raise ExportError
        raise ExportError(str(exc)) from None
    pairs = []
    for entry in root.iter("{*}termEntry", "{*}conceptEntry"):
        terms: dict[str, list[str]] = {"kk": [], "ru": []}
        for lang_set in entry.iter("{*}langSet", "{*}langSec"):
            lang = (lang_set.get(XML_LANG) or lang_set.get("lang") or "").lower()[:2]
            if lang in terms:
                terms[lang] += [" ".join("".join(t.itertext()).split()) for t in lang_set.iter("{*}term")]
        for kk in terms["kk"][:1]:
            pairs.extend(TermPair(kk, ru) for ru in terms["ru"])
    return pairs
