"""What every export shares: the unit it writes, the `Writer` interface, text cleaning,
TSV cells, and a safe way to write a file or a stream.

As in translate-toolkit, one small unit class and one writer class per file format.
A file is written to a temporary name beside the target and renamed into place, so a
failed export never leaves a half-written file where a good one was; a stream (a download
in the review app) is written directly.
"""
from __future__ import annotations

import io
import os
import re
import tempfile
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from align import __version__ as TOOL_VERSION   # noqa: F401  (not importlib.metadata: 0.1 s at every start)
from align.errors import SaikesError


class ExportError(SaikesError):
    """An export cannot be written (unwritable path, empty selection, bad option)."""


@dataclass
class Unit:
    """One aligned pair as exports see it."""
    kk: str
    ru: str
    document: str = ""
    article: str | None = None     # the article's identifier: "5", "3-1"
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
    remove_stale_temporaries(parent, path.name, ".part")
    try:
        # the writer's process id in the name tells a later run whether the file is stale
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=parent)
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


def remove_stale_temporaries(folder: Path, name: str, suffix: str) -> list[Path]:
    """Remove the hidden temporary files `.NAME.PID.*SUFFIX` in `folder` that a writer killed
    before it could rename or remove them left behind: those whose process is gone (or, with
    no process id in their name, written by an older saikes before this process started).
    A temporary file of a writer still running is left alone. Returns what was removed."""
    removed = []
    head = f".{name}."
    hidden = _temporaries(folder, suffix)
    for entry in [n for n in hidden if n.startswith(head) and len(n) > len(head + suffix)]:
        p = folder / entry
        pid = entry[len(head):-len(suffix)].split(".")[0]
        try:
            stale = not _running(int(pid)) if pid.isdigit() else p.stat().st_mtime < _STARTED
            if stale:
                p.unlink()
                removed.append(p)
                hidden.remove(entry)
        except OSError:
            pass        # gone meanwhile, or not ours to remove
    return removed


_HIDDEN: dict[tuple, list[str]] = {}


def _temporaries(folder: Path, suffix: str) -> list[str]:
    """The names of the hidden `.*SUFFIX` files in `folder`, listed at this process's first
    write there: listing the folder at every write made writing N files into one folder take
    time in N² (2,000 pair files). A writer killed later leaves its file to the next run."""
    key = (str(folder), suffix)
    names = _HIDDEN.get(key)
    if names is None:
        try:
            with os.scandir(folder) as entries:
                names = [e.name for e in entries if e.name.startswith(".") and e.name.endswith(suffix)]
        except OSError:
            names = []
        if len(_HIDDEN) >= 1024:        # a process writing into very many folders
            _HIDDEN.clear()
        _HIDDEN[key] = names
    return names


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True     # someone else's process (or not a pid we can ask about): keep its file
    return True


_STARTED = time.time()


@contextmanager
def open_target(target, mode: str = "wb", encoding: str | None = None):
    """Write to `target`: a path (through `atomic_write`) or a binary stream (a download)."""
    if not hasattr(target, "write"):
        with atomic_write(target, mode, encoding) as fh:
            yield fh
        return
    if "b" in mode:
        yield target
        return
    text = io.TextIOWrapper(target, encoding=encoding or "utf-8", newline="", write_through=True)
    try:
        yield text
        text.flush()
    finally:
        text.detach()


_TSV_ESCAPE = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_ESCAPE_RE = re.compile(r"[\\\t\n\r]")
_TSV_UNESCAPE = {"\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r"}
_TSV_UNESCAPE_RE = re.compile(r"\\[\\tnr]")


def tsv_cell(value) -> str:
    """One cell of every TSV saikes writes: formula-like text neutralized as in CSV and XLSX
    (a spreadsheet opens a .tsv as readily), then backslash, tab and line breaks escaped
    (\\, \t, \n, \r), so that a row is one line and reads back exactly."""
    text = neutralize("" if value is None else str(value))
    return _TSV_ESCAPE_RE.sub(lambda m: _TSV_ESCAPE[m.group(0)], text)


def tsv_value(cell: str) -> str:
    """The text of a TSV cell `tsv_cell` wrote."""
    return unneutralize(_TSV_UNESCAPE_RE.sub(lambda m: _TSV_UNESCAPE[m.group(0)], cell))


# What a spreadsheet may take for the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralize(cell: str) -> str:
    """Make a cell a spreadsheet shows as text: prefix an apostrophe to a cell that
    starts like a formula, and to one that already starts with an apostrophe (so that
    `unneutralize` can undo it exactly). The one rule for CSV, XLSX and TSV."""
    if cell.startswith(FORMULA_STARTS) or cell.startswith("'"):
        return "'" + cell
    return cell


def unneutralize(cell: str) -> str:
    if cell.startswith("'") and (cell[1:].startswith(FORMULA_STARTS) or cell[1:].startswith("'")):
        return cell[1:]
    return cell


# ------------------------------------------------------------------ shared by every format

DIRECTIONS = ("kk-ru", "ru-kk")
LANG_TAGS = {"kk": "kk-KZ", "ru": "ru-RU"}

_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
# Characters XML 1.0 cannot carry: C0 controls except tab, LF, CR; lone surrogates; U+FFFE/FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str | None) -> str:
    """`text` without the characters XML 1.0 cannot carry.

    A surrogate pair that arrived as two code points (text decoded with
    'surrogatepass') is joined into the character it stands for; an unpaired surrogate
    is removed.
    """
    if not text:
        return ""
    if _XML_ILLEGAL.search(text):
        text = _SURROGATE_PAIR.sub(_join_pair, text)
        text = _XML_ILLEGAL.sub("", text)
    return text


def is_blank(text: str) -> bool:
    """True when `text` has nothing but white space and invisible format characters
    (bidi marks, zero-width joiners, BOM): such a segment is empty to a translator."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)


def _join_pair(m: re.Match) -> str:
    hi, lo = m.group(0)
    return chr(0x10000 + ((ord(hi) - 0xD800) << 10) + (ord(lo) - 0xDC00))


def check_direction(direction: str) -> tuple[str, str]:
    """("kk", "ru") for "kk-ru", ("ru", "kk") for "ru-kk"."""
    norm = (direction or "").strip().lower().replace("→", "-").replace(">", "-").replace("_", "-")
    if norm not in DIRECTIONS:
        raise ExportError(f"unknown direction '{direction}': use kk-ru (Kazakh source) or ru-kk "
                          f"(Russian source)")
    src, tgt = norm.split("-")
    return src, tgt


def format_confidence(value: float | None) -> str:
    return "" if value is None else f"{float(value):.4f}"


def parse_confidence(text: str | None) -> float | None:
    if text is None or not str(text).strip():
        return None
    try:
        value = float(str(text).strip().replace(",", "."))
    except ValueError:
        return None
    if value != value or not 0.0 <= value <= 1.0:   # NaN or out of range
        return None
    return value


_ARTICLE_ID = re.compile(r"^\d{1,5}(?:-\d{1,3}){0,2}$")


def parse_article(text) -> str | None:
    """An article identifier as written ("12", "3-1"), or None for anything else."""
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    text = str(text).strip()
    return text if _ARTICLE_ID.match(text) else None


class Writer:
    """One export format. Subclasses set `format` and `suffix` and implement `write`
    (and `read`, which gives the units of a file the writer wrote)."""

    format = ""
    suffix = ""

    def __init__(self, direction: str = "kk-ru"):
        self.source, self.target = check_direction(direction)
        self.direction = f"{self.source}-{self.target}"
        self.skipped = 0          # units the last `write` left out

    def write(self, units: Iterable[Unit], path) -> int:
        """Write the units to `path` (a file name or a binary stream); returns how many."""
        raise NotImplementedError

    def to_bytes(self, units: Iterable[Unit]) -> bytes:
        """The file as bytes (for a download): no temporary file."""
        buffer = io.BytesIO()
        self.write(units, buffer)
        return buffer.getvalue()

    def read(self, path: str | Path) -> list[Unit]:
        raise NotImplementedError

    # helpers shared by the formats
    def columns(self) -> list[str]:
        return [self.source, self.target, "document", "article", "confidence", "status"]

    def row(self, unit: Unit) -> list[str]:
        sides = {"kk": clean_text(unit.kk), "ru": clean_text(unit.ru)}
        return [sides[self.source], sides[self.target], clean_text(unit.document),
                "" if unit.article is None else str(unit.article),
                format_confidence(unit.confidence), clean_text(unit.status)]

    def unit_from(self, record: dict) -> Unit:
        return Unit(kk=record.get("kk") or "", ru=record.get("ru") or "",
                    document=record.get("document") or "",
                    article=parse_article(record.get("article")),
                    confidence=parse_confidence(record.get("confidence")),
                    status=record.get("status") or "auto")

    def _nothing(self, count: int) -> None:
        if count == 0:
            raise ExportError(f"nothing to export: no pair to write to the {self.format.upper()} file"
                              + (f" ({self.skipped} left out)" if self.skipped else ""))

    def _open_text(self, path: str | Path):
        return open(path, encoding="utf-8-sig", newline="")

    def _read_guard(self, path: str | Path):
        path = Path(path)
        if not path.is_file():
            raise ExportError(f"cannot read {path}: no such file")


# ------------------------------------------------------------------ TSV
