"""Curated term lists a terminologist keeps (TBX, OmegaT .txt, TSV, CSV), read from a file:
decoded as saikes decodes any text, parsed by `tmx_out.term_lists`, and checked to have
the Kazakh terms in the Kazakh column."""
from __future__ import annotations

from pathlib import Path

from tmx_out.base import ExportError
from tmx_out.term_lists import TermPair, parse_term_list

from ..text.language import detect_language
from ..text.read import decode_text, read_checked


def read_term_list(path: str | Path) -> list[TermPair]:
    path = Path(path)
    if not path.is_file():
        raise ExportError(f"{path}: no such file")
    pairs = parse_term_list(read_checked(path), path.name, lambda data, name: decode_text(data, name)[0])
    check_languages(pairs, path.name)
    return pairs


def check_languages(pairs: list[TermPair], name: str) -> None:
    kk = detect_language(" ".join(p.kk for p in pairs))
    ru = detect_language(" ".join(p.ru for p in pairs))
    if kk == "ru" and ru == "kk":
        raise ExportError(f"{name}: the first column holds Russian and the second Kazakh; "
                          f"put the Kazakh terms first or name the columns kk and ru")
