"""Pair names are data, never paths.

A pair name comes from a person (the upload form, `--name`) or from a file someone else
made (the x-document prop of a TMX, a file name), and ends up in file names of exports.
`validate_pair_name` is the one check every way into the workspace goes through;
`safe_slug` is the one way a name becomes part of a file name, so that even a name stored
by an older version (before names were checked) cannot point outside its folder.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from .errors import InputError

MAX_NAME_CHARS = 120
# A file name is at most 255 bytes on common file systems; the slug leaves room for
# ".kk-ru.xlsx", ".glossary.tbx" and the ".NAME.XXXXXXXX.part" temporary file beside it.
MAX_SLUG_BYTES = 160
# Characters Windows refuses in file names, and both path separators.
_UNSAFE_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*]')


def _control(ch: str) -> bool:
    # Cc: C0 and C1 controls and DEL; Cs: lone surrogates (undecodable file names); Zl/Zp:
    # line and paragraph separators, which break the one-line messages a name is printed in.
    return unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")


def validate_pair_name(name: str | None) -> str:
    """The name with surrounding spaces removed, or InputError saying what is wrong with it."""
    shown = repr(name)[:60]
    name = (name or "").strip()
    if not name:
        raise InputError("a pair needs a name")
    if any(_control(ch) for ch in name):
        raise InputError(f"the pair name {shown} holds control characters; use letters, digits, - and _")
    if "/" in name or "\\" in name:
        raise InputError(f"the pair name {shown} holds a path separator (/ or \\); a name is not a path")
    if ".." in name or name.startswith("."):
        raise InputError(f"the pair name {shown} holds '..' or starts with '.'; a name is not a path")
    if len(name) > MAX_NAME_CHARS:
        raise InputError(f"the pair name {shown}... is {len(name)} characters long; "
                         f"keep it to {MAX_NAME_CHARS}")
    return name


def safe_slug(name: str, default: str = "pair") -> str:
    """`name` as one safe file name component: no separators, controls, leading dots or
    Windows-reserved characters, at most MAX_SLUG_BYTES bytes of UTF-8. A valid ordinary name
    (letters, digits, spaces, - _ .) comes back unchanged; a shortened one gets a short hash
    of the whole name so that two long names do not share a file."""
    slug = "".join("_" if _control(ch) else ch for ch in name)
    slug = _UNSAFE_IN_FILE_NAMES.sub("_", slug)
    slug = re.sub(r"\.{2,}", "_", slug).strip().lstrip(".").strip()
    if not slug:
        return default
    if len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        cut = slug.encode("utf-8")[:MAX_SLUG_BYTES - 9].decode("utf-8", "ignore").rstrip(" .")
        slug = f"{cut}-{digest}"
    return slug


def name_from_files(kk: str, ru: str) -> str:
    """The default pair name for two files: their common stem, or both stems joined by __;
    made safe and short enough to be valid (a long act title, a stray control character)."""
    from pathlib import PurePath
    a, b = PurePath(kk).stem, PurePath(ru).stem
    name = a if a == b else f"{a}__{b}"
    slug = safe_slug(name)
    if len(slug) > MAX_NAME_CHARS:
        slug = f"{slug[:MAX_NAME_CHARS - 9].rstrip(' .')}-{hashlib.sha1(slug.encode()).hexdigest()[:8]}"
    return validate_pair_name(slug)
