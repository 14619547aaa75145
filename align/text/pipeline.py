"""read → normalize → structure → segment: one file into one `Document`."""
from __future__ import annotations

from pathlib import Path

from .. import model as M
from ..errors import InputError
from ..limits import exceeded, limit
from .language import check_language, detect_language
from .normalize import normalize
from .read import RawText, read_file
from .segment import segment
from .structure import build_blocks


def load_document(path: str | Path, lang: str | None = None) -> M.Document:
    """Read a file as an act in `lang` ("kk" or "ru"); with lang=None, detect it."""
    raw = read_file(path)
    return build_document(raw, Path(path).name, lang, str(path))


def load_pair(kk_path: str | Path, ru_path: str | Path) -> tuple[M.Document, M.Document]:
    """A pair's Kazakh and Russian documents (InputError if either cannot be read)."""
    return load_document(kk_path, "kk"), load_document(ru_path, "ru")


def build_document(raw: RawText, name: str, lang: str | None, path: str = "") -> M.Document:
    if lang is None:
        lang = detect_language(raw.text)
        if lang is None:
            raise InputError(f"{name}: cannot tell whether this is Kazakh or Russian")
    else:
        check_language(raw.text, lang, name)
    norm = normalize(raw, lang)
    doc = M.Document(text=norm.text, offsets=norm.offsets, source=raw.text, path=path or name, lang=lang,
                     encoding=raw.encoding, format=raw.format, notes=list(raw.notes))
    doc.blocks = build_blocks(norm.text, lang, norm.hints)
    doc.segments = segment(doc)
    if not doc.segments:
        raise InputError(f"{name}: no sentences found in the file")
    if len(doc.segments) > limit("segments"):
        raise exceeded("segments", name, len(doc.segments))
    return doc
