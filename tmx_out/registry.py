"""Every file format saikes writes, in one table: its name, suffix, MIME type, and what it
holds (a translation memory of aligned pairs, or a term base of glossary entries)."""
from __future__ import annotations

from dataclasses import dataclass

from .base import ExportError, Writer


@dataclass(frozen=True)
class Format:
    name: str          # what the command line and the app call it
    suffix: str
    mime: str
    holds: str         # "pairs" (translation memory, tables of pairs) or "terms" (term base)
    label: str


FORMATS = {f.name: f for f in (
    Format("tmx", ".tmx", "application/x-tmx+xml", "pairs", "TMX 1.4b"),
    Format("tsv", ".tsv", "text/tab-separated-values", "pairs", "TSV"),
    Format("csv", ".csv", "text/csv", "pairs", "CSV"),
    Format("jsonl", ".jsonl", "application/jsonl", "pairs", "JSON lines"),
    Format("xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pairs", "Excel"),
    Format("tbx", ".tbx", "application/x-tbx+xml", "terms", "TBX (TBX-Basic)"),
    Format("terms-tsv", ".tsv", "text/tab-separated-values", "terms", "TSV (all figures)"),
    Format("omegat", ".txt", "text/plain", "terms", "OmegaT glossary"),
)}
MEMORY_FORMATS = tuple(f.name for f in FORMATS.values() if f.holds == "pairs")
TERMBASE_FORMATS = tuple(f.name for f in FORMATS.values() if f.holds == "terms")


def pair_writer(name: str, direction: str = "kk-ru", **options) -> Writer:
    """The writer of a format of aligned pairs: tmx, tsv, csv, jsonl or xlsx."""
    name = (name or "").lower().lstrip(".")
    if name == "tmx":
        from .tmx import TmxWriter
        return TmxWriter(direction=direction, **options)
    from .tabular import TABULAR_WRITERS
    if name not in TABULAR_WRITERS:
        raise ExportError(f"unknown export format '{name}': use {', '.join(MEMORY_FORMATS)}")
    return TABULAR_WRITERS[name](direction=direction)


def write_terms(name: str, entries, target, title: str = "saikes glossary", sources=()) -> None:
    """Write glossary entries as a term base: tbx, terms-tsv or omegat (`target`: a file
    name or a binary stream)."""
    if name == "tbx":
        from .tbx import write_tbx
        write_tbx(entries, target, title=title, sources=sources)
    elif name == "terms-tsv":
        from .glossary_files import write_tsv
        write_tsv(entries, target)
    elif name == "omegat":
        from .glossary_files import write_omegat
        write_omegat(entries, target, title=title)
    else:
        raise ExportError(f"unknown term base format '{name}': use {', '.join(TERMBASE_FORMATS)}")
