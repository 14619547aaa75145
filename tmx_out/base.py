"""What every export shares: the unit it writes and a safe way to write a file.

As in translate-toolkit, one small unit class and one writer class per file format.
A file is written to a temporary name beside the target and renamed into place, so a
failed export never leaves a half-written file where a good one was.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from align.errors import SaikesError


class ExportError(SaikesError):
    """An export cannot be written (unwritable path, empty selection, bad option)."""


@dataclass
class Unit:
    """One aligned pair as exports see it."""
    kk: str
    ru: str
    document: str = ""
    article: int | None = None
    confidence: float | None = None
    status: str = "auto"
    created: str | None = None      # ISO 8601, UTC
    changed: str | None = None
    props: dict = field(default_factory=dict)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_write(path: str | Path, mode: str = "wb", encoding: str | None = None):
    """Open a temporary file beside `path`; rename it over `path` only on success."""
    path = Path(path)
    parent = path.resolve().parent
    if not parent.is_dir():
        raise ExportError(f"cannot write {path}: folder {parent} does not exist")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=parent)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, mode, encoding=encoding, **({"newline": ""} if "b" not in mode else {})) as fh:
            yield fh
        # mkstemp makes the file private; give it the mode a plain open() would have
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
