"""Readers: turn a .txt, .md, .html/.htm or .docx file into plain text.

Every reader returns a `RawText`: the text every later offset refers to and the encoding
that was used. Plain text and markdown keep their lines as they were. HTML and DOCX are
written out in the same markdown the legal portal's mirror uses — a blank line after each
paragraph, `#` headings, a `|` row per table row, a line break where the document has
one — so that one markup and paragraph stage reads every format, and a page that is
really one line per paragraph (a PDF pasted into Word) is recognised as such.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..guard import reading
from ..limits import exceeded, limit
from .decode import RawText, check_text, decode, decode_text, read_checked
from .docx import read_docx_bytes
from .html import read_html_bytes

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED = ".txt, .md, .html, .htm, .docx"

__all__ = ["RawText", "decode_text", "read_bytes", "read_checked", "read_file",
           "read_html_bytes", "read_docx_bytes"]

MAGIC = (
    (b"PK\x03\x04", "a zip archive (a Word .docx?)"),
    (b"%PDF", "a PDF; saikes does not read PDF: copy the text into a .txt or save it as .docx"),
    (b"{\\rtf", "an RTF document; save it as .docx or .txt"),
    (b"\xd0\xcf\x11\xe0", "an old Word .doc; save it as .docx"),
)


def read_file(path: str | Path) -> RawText:
    path = Path(path)
    name = path.name or str(path)
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a folder, not a file")
    data = read_checked(path)
    with reading(name):
        raw = _read(data, name, path.suffix.lower())
    if not raw.text.strip():
        raise InputError(f"{name}: the file holds no text")
    check_lines(raw.text, name)
    return raw


def _read(data: bytes, name: str, suffix: str) -> RawText:
    if suffix not in DOCX_SUFFIXES:
        for magic, what in MAGIC:
            if data.startswith(magic):
                raise InputError(f"{name}: this is {what}, not a {suffix or 'text'} file")
    if suffix in DOCX_SUFFIXES:
        raw = read_docx_bytes(data, name)
        raw.text = check_text(raw.text, name, raw.notes)
    elif suffix in HTML_SUFFIXES:
        raw = read_html_bytes(data, name)
        raw.text = check_text(raw.text, name, raw.notes)
    elif suffix in TEXT_SUFFIXES or suffix == "":
        raw = decode(data, name)
        if _looks_like_html(raw.text):
            raw = read_html_bytes(data, name)
            raw.text = check_text(raw.text, name, raw.notes)
        else:
            raw.format = TEXT_SUFFIXES.get(suffix, "txt")
    else:
        raise InputError(f"{name}: unsupported file type '{suffix}'; saikes reads {SUPPORTED}")
    return raw


def check_lines(text: str, name: str) -> None:
    """Refuse a line (or a DOCX/HTML paragraph) over the line-length limit before any later
    stage spends time on it; `str.find` walks a 45 MB line in milliseconds."""
    most, start = limit("line_chars"), 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > most:
            raise exceeded("line_chars", name, end - start)
        start = end + 1


def read_bytes(data: bytes, name: str) -> RawText:
    """Read an uploaded file held in memory (the review app's import)."""
    import tempfile

    from ..names import safe_slug
    suffix = Path(name).suffix
    if not re.fullmatch(r"\.\w{1,10}", suffix):
        suffix = ""
    with tempfile.TemporaryDirectory() as tmp:
        # the uploaded name is data: a NUL byte, a separator or a 300-byte act title must not
        # become (part of) a path; the slug keeps it recognisable in error messages
        path = Path(tmp) / f"{safe_slug(Path(name).stem, 'upload')}{suffix}"
        path.write_bytes(data)
        return read_file(path)


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")
