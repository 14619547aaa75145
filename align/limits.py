"""Limits on what saikes reads: one home for every bound on input size.

Each limit has a default sized for legal acts with a wide margin, and can be raised (or
lowered) without touching code: by the environment variable ``SAIKES_LIMIT_<NAME>``
(``SAIKES_LIMIT_FILE_MB=200``) or by the command line's ``--limit NAME=VALUE``, which sets
the same variable so worker processes see it too. A file over a limit is refused with a
message naming the limit and how to raise it; nothing is read past it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import InputError


@dataclass(frozen=True)
class Limit:
    default: int
    what: str          # how a translator would say it, for the error message
    unit: str          # of the amount found: "60 MB, over the limit of 50 MB in one input file"


LIMITS = {
    # The largest official act (a code of 1,400 articles) is about 3 MB as text and 1 MB
    # as DOCX; fifty times that is still an act, more is something else.
    "file_mb": Limit(50, "MB in one input file", "MB"),
    # A TMX from a CAT tool holds a whole translation memory: hundreds of thousands of units.
    "tmx_mb": Limit(1024, "MB in one TMX file", "MB"),
    "tmx_units": Limit(2_000_000, "translation units in one TMX file", "units"),
    # The longest paragraph of the official acts is about 12,000 characters; a line much longer
    # is not running text (a minified page, a binary dump) and makes later stages slow.
    "line_chars": Limit(200_000, "characters in one line or paragraph", "characters"),
    "segments": Limit(200_000, "sentences in one document", "sentences"),
    # Inside a DOCX: one XML part uncompressed, how much it may inflate, how many entries.
    "xml_part_mb": Limit(200, "MB in one part of a .docx, uncompressed", "MB"),
    "zip_ratio": Limit(200, "times its compressed size for a part of a .docx (a zip bomb?)", "times"),
    "zip_entries": Limit(10_000, "entries in a .docx archive", "entries"),
    "term_rows": Limit(1_000_000, "rows in one term list", "rows"),
    # Not a refusal: a glossary is built from at most this many distinct aligned pairs of
    # texts, an even sample of a larger corpus (terms of legal language recur), so that its
    # memory stops growing with the corpus. 20,000 is some 100 acts of distinct text, and
    # a build's peak about 1 GB (measured: 114 / 160 / 241 MB at 1,000 / 2,000 / 3,946 of
    # the official acts' beads, some 45 KB a bead).
    "glossary_beads": Limit(20_000, "distinct aligned pairs a glossary is built from", "pairs"),
}


def env_name(name: str) -> str:
    return f"SAIKES_LIMIT_{name.upper()}"


def limit(name: str) -> int:
    """The current value of a limit: the environment's if set and valid, else the default."""
    raw = os.environ.get(env_name(name), "").strip()
    if raw:
        try:
            value = int(raw.replace("_", ""))
        except ValueError:
            value = 0
        if value > 0:
            return value
    return LIMITS[name].default


def set_limit(setting: str) -> None:
    """Apply a command line ``NAME=VALUE``; refuse an unknown name or a value that is not a
    positive whole number."""
    name, _, value = setting.partition("=")
    name = name.strip().lower().replace("-", "_")
    if name not in LIMITS:
        raise InputError(f"unknown limit '{name}'; the limits are: {', '.join(LIMITS)}")
    if not value.strip().isdigit() or int(value) <= 0:
        raise InputError(f"the limit {name} needs a positive whole number, not '{value}'")
    os.environ[env_name(name)] = value.strip()


def exceeded(name: str, file: str, found: int | None = None) -> InputError:
    """The error for a file over a limit: what, how much, and how to raise it."""
    spec = LIMITS[name]
    seen = f"{found:,} {spec.unit}, " if found is not None else ""
    return InputError(f"{file}: {seen}over the limit of {limit(name):,} {spec.what}; "
                      f"raise it with --limit {name}=N or {env_name(name)} if the file is right")
