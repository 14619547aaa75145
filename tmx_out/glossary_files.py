"""Glossaries as plain tables: a TSV with all the figures, and an OmegaT glossary.

The OmegaT glossary is a UTF-8 text file with one term pair a line: Kazakh term, tab,
Russian term, tab, comment (OmegaT reads *.txt glossaries as UTF-8 and skips lines that
start with #). Entries may be any objects with the attributes of `align.glossary.Entry`.
"""
from __future__ import annotations

from .base import ExportError, open_target, tsv_cell
from align.model import Status

TSV_COLUMNS = ("kk", "ru", "status", "pairs_linked", "kk_segments", "ru_segments", "dice", "llr",
               "acts", "kk_forms", "ru_forms", "example_kk", "example_ru", "note", "id")


def _clean(value) -> str:
    return " ".join(str(value).replace("\t", " ").split())


def _live(entries) -> list:
    rows = [e for e in entries if e.status != Status.REJECTED]
    if not rows:
        raise ExportError("the glossary has no entries to export")
    return rows


def write_tsv(entries, path) -> None:
    """All entries with their figures, one a line, best first (`path`: a file or a stream)."""
    rows = _live(entries)
    with open_target(path, "w", encoding="utf-8") as fh:
        fh.write("\t".join(TSV_COLUMNS) + "\n")
        for e in rows:
            ex = e.examples[0] if e.examples else {}
            vals = (e.kk, e.ru, e.status, e.freq, e.kk_freq, e.ru_freq, f"{e.dice:.3f}", f"{e.llr:.1f}",
                    ", ".join(e.acts), "; ".join(f"{f} ({n})" for f, n in list(e.kk_forms.items())[:12]),
                    "; ".join(f"{f} ({n})" for f, n in list(e.ru_forms.items())[:12]),
                    ex.get("kk", ""), ex.get("ru", ""), e.note, e.id)
            fh.write("\t".join(tsv_cell(v) for v in vals) + "\n")


def write_omegat(entries, path, title: str = "saikes glossary") -> None:
    """An OmegaT glossary (kk → ru), best translations first (`path`: a file or a stream)."""
    rows = _live(entries)
    with open_target(path, "w", encoding="utf-8") as fh:
        fh.write(f"# {_clean(title)}: Kazakh\tRussian\tcomment\n")
        for e in rows:
            comment = f"{e.freq}× in {len(e.acts)} act(s)" if e.freq else "added by hand"
            if e.status != "auto":
                comment += f"; {e.status}"
            if e.note:
                comment += f"; {_clean(e.note)}"
            fh.write(f"{_clean(e.kk)}\t{_clean(e.ru)}\t{_clean(comment)}\n")
