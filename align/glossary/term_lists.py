"""Curated term lists a terminologist keeps (TBX, OmegaT .txt, TSV, CSV), read from a file:
decoded as saikes decodes any text, parsed by `tmx_out.term_lists`, and checked to have
Kazakh terms in the Kazakh column and Russian in the Russian one (`align.text.sides`)."""
from __future__ import annotations

from pathlib import Path

from tmx_out.base import ExportError
from tmx_out.term_lists import TermPair, parse_term_list

from ..text.language import detect_language
from ..text.read import decode_text, read_checked
from ..text.sides import SideCheck, check_sides, enforce


def read_term_list(path: str | Path, force: bool = False) -> list[TermPair]:
    return load_term_list(path, force)[0]


def load_term_list(path: str | Path, force: bool = False) -> tuple[list[TermPair], SideCheck]:
    """The term pairs to import and what the language check found (for the report)."""
    path = Path(path)
    if not path.is_file():
        raise ExportError(f"{path}: no such file")
    pairs = parse_term_list(read_checked(path), path.name, lambda data, name: decode_text(data, name)[0])
    if not force:
        check_languages(pairs, path.name)
    check = check_sides([(p.kk, p.ru) for p in pairs])
    enforce(check, path.name, force, "entries", error=ExportError)
    pairs = check.kept(pairs)
    if not pairs:
        raise ExportError(f"{path.name}: no term pair holds readable Kazakh and Russian text")
    return pairs, check


def check_languages(pairs: list[TermPair], name: str) -> None:
    """Swapped columns, told from the whole list even when it is too short for `check_sides`."""
    kk = detect_language(" ".join(p.kk for p in pairs))
    ru = detect_language(" ".join(p.ru for p in pairs))
    if kk == "ru" and ru == "kk":
        raise ExportError(f"{name}: the first column holds Russian and the second Kazakh; "
                          f"put the Kazakh terms first or name the columns kk and ru")
