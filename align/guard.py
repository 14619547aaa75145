"""One guard around every reader: whatever a format library raises on a damaged or hostile
file (lxml, zipfile, zlib, csv, codecs, openpyxl...) becomes one `InputError` line that names
the file and says what is wrong, instead of a traceback.

Only the exceptions a library raises on bad *data* are translated. Our own mistakes
(AttributeError, KeyError, TypeError, IndexError, NameError) pass through as the internal
errors they are, so the fuzzing suite can still find them.
"""
from __future__ import annotations

import csv
import re
import struct
import zipfile
import zlib
from contextlib import contextmanager

from lxml import etree

from .errors import InputError, SaikesError
from .safexml import message

_BAD_CRC = re.compile(r"Bad CRC-32 for file '?([^']+)'?")


def describe(exc: BaseException) -> str | None:
    """What a library's exception says about the file, in a few words; None if it is not
    an error about the data."""
    text = message(exc) if isinstance(exc, etree.LxmlError) else str(exc)
    first = (text.strip().splitlines() or [""])[0][:160]
    if isinstance(exc, zipfile.BadZipFile):
        crc = _BAD_CRC.search(first)
        if crc:
            return f"the file is damaged (bad CRC in {crc.group(1)})"
        return f"the archive is damaged ({first or 'not a zip archive'})"
    if isinstance(exc, zlib.error):
        return f"the file is damaged (compressed data cannot be unpacked: {first})"
    if isinstance(exc, (etree.XMLSyntaxError, etree.ParserError, etree.XIncludeError)):
        return f"the XML is not well-formed ({first})"
    if isinstance(exc, etree.LxmlError):
        return f"the XML cannot be read ({first})"
    if isinstance(exc, UnicodeError):
        return "the text is not in a readable encoding"
    if isinstance(exc, csv.Error):
        return f"the table cannot be read ({first})"
    if isinstance(exc, RecursionError):
        return "the file is nested too deeply"
    if isinstance(exc, MemoryError):
        return "the file is too large to read"
    if isinstance(exc, NotImplementedError):      # zipfile: a compression method it lacks
        return f"the file uses a format feature saikes cannot read ({first})"
    if isinstance(exc, RuntimeError) and "encrypt" in first.lower():
        return "the file is encrypted (password protected); save it without a password"
    if isinstance(exc, (EOFError, struct.error)):
        return "the file is cut short or damaged"
    if isinstance(exc, OSError):
        return f"the file cannot be read ({exc.strerror or first})"
    if isinstance(exc, (ValueError, OverflowError)):
        return f"the file is damaged ({first})"
    return None


@contextmanager
def reading(name: str):
    """``with reading("act.docx"): ...`` — library errors on the data become one InputError."""
    try:
        yield
    except SaikesError:
        raise
    except Exception as exc:
        what = describe(exc)
        if what is None:
            raise
        raise InputError(f"cannot read {name}: {what}") from None
