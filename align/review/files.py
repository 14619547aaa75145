"""Files in and out of the review app: a pair uploaded as two files, a translation memory
or term base downloaded as bytes."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, SaikesError
from ..names import name_from_files, safe_slug, validate_pair_name
from ..store import Workspace
from tmx_out.registry import FORMATS, MEMORY_FORMATS, TERMBASE_FORMATS, write_terms

UPLOAD_LIMIT = 10 * 1024 * 1024          # bytes per uploaded file; legal acts are far smaller
UPLOAD_TYPES = ("txt", "md", "html", "htm", "docx")


def import_upload(ws: Workspace, kk: tuple[str, bytes], ru: tuple[str, bytes],
                  name: str | None = None) -> tuple[str, str]:
    """Import a pair from two uploaded files given as (file name, bytes).
    Returns (pair name, 'new' | 'updated' | 'unchanged')."""
    from ..text.pipeline import build_document
    from ..text.read import read_bytes
    if name and name.strip():
        validate_pair_name(name)        # before reading the files: a bad name is refused at once
    docs = {}
    for lang, (fname, data) in (("kk", kk), ("ru", ru)):
        suffix = Path(fname).suffix.lower().lstrip(".")
        if suffix not in UPLOAD_TYPES:
            raise InputError(f"{safe_slug(fname, 'upload')}: unsupported file type '.{safe_slug(suffix, '')}'; "
                             f"upload {', '.join('.' + t for t in UPLOAD_TYPES)}")
        # shown in messages and stored: no NUL, no 300-byte title; the type stays readable
        fname = f"{safe_slug(Path(fname).stem, 'upload')}.{suffix}"
        if len(data) > UPLOAD_LIMIT:
            raise InputError(f"{fname}: the file is {len(data) / 1024 / 1024:.1f} MB; uploads are "
                             f"limited to {UPLOAD_LIMIT // (1024 * 1024)} MB")
        if not data:
            raise InputError(f"{fname}: the file is empty")
        docs[lang] = build_document(read_bytes(data, fname), fname, lang, fname)
    name = validate_pair_name(name) if name and name.strip() else name_from_files(kk[0], ru[0])
    return name, ws.import_pair(name, docs["kk"], docs["ru"])


EXPORT_FORMATS = MEMORY_FORMATS
EXPORT_STATUSES = ("all-but-rejected", "approved", "all")      # as `saikes export --status`


@dataclass
class ExportOptions:
    """The filters of `saikes export`."""
    status: str = "all-but-rejected"
    min_confidence: float | None = None
    pairs: tuple[str, ...] = ()
    direction: str = "kk-ru"
    merge_identical: bool = False

    def filename(self, fmt: str) -> str:
        who = safe_slug(self.pairs[0]) if len(self.pairs) == 1 else "saikes"
        return f"{who}.{self.direction}.{fmt}"


def count_units(ws: Workspace, options: ExportOptions) -> int:
    """How many beads the export would write."""
    from ..exports import select_units
    return len(select_units(ws, options.status, options.min_confidence or None, list(options.pairs) or None))


def export_bytes(ws: Workspace, options: ExportOptions, fmt: str) -> tuple[bytes, str, str]:
    """The export file as bytes, with a file name and a MIME type, for a download."""
    from ..exports import export
    buffer = io.BytesIO()
    export(ws, fmt, buffer, status=options.status, min_confidence=options.min_confidence or None,
           pairs=list(options.pairs) or None, direction=options.direction,
           merge_identical=options.merge_identical)
    return buffer.getvalue(), options.filename(fmt), FORMATS[fmt].mime


def termbase_bytes(ws: Workspace, fmt: str) -> tuple[bytes, str, str]:
    """The glossary as a TBX-Basic file, a TSV table or an OmegaT glossary, for a download."""
    from .. import glossary as G
    if fmt not in TERMBASE_FORMATS:
        raise SaikesError(f"unknown term base format '{fmt}' (one of {', '.join(TERMBASE_FORMATS)})")
    buffer = io.BytesIO()
    write_terms(fmt, G.exported(ws), buffer, title="saikes glossary", sources=[p.name for p in ws.pairs()])
    return buffer.getvalue(), f"saikes-glossary{FORMATS[fmt].suffix}", FORMATS[fmt].mime
