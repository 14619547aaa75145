"""TMX 1.4b: a writer that CAT tools accept and a reader that cannot be turned against
the machine it runs on.

Writing (`write_tmx`, `TmxWriter`)
- UTF-8, an XML declaration and ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``; the file is valid
  against the TMX 1.4b DTD.
- The header carries every attribute the DTD requires (creationtool "saikes",
  creationtoolversion, segtype "sentence", o-tmf "saikes", adminlang "en-US", srclang
  from the direction, datatype "plaintext") and a creationdate.
- One <tu> per unit, with creationdate and changedate (YYYYMMDDThhmmssZ), provenance in
  <prop> elements of the x- types x-document, x-article, x-confidence, x-status (and
  x-occurrences for merged pairs, x-<name> for any other unit property), then one <tuv>
  per language, source language first: kk-KZ and ru-RU.
- Characters XML cannot carry are removed (`clean_text`) and white space around a
  segment is trimmed (CAT tools keep it outside their segments, so an untrimmed
  segment would never match exactly); a unit with a side that is empty after that (or
  holds only invisible format characters such as bidi marks) is left out — never an
  empty <seg> — and counted in `skipped`.
- `merge_identical=True` writes identical pairs once: the first one's article, the
  highest confidence, the most reviewed status, the earliest creation and latest change
  date, every document it occurs in, and x-occurrences.

Reading (`read_tmx`)
- lxml with entity expansion, DTD loading and network access switched off, comments
  and processing instructions dropped, lxml's size limits on (no huge_tree) and a limit
  on the file size; a file that uses entities is refused rather than read with text
  missing.
- Languages are recognized by their primary subtag (kk, kk-KZ, KK_kz, kaz; ru, ru-RU,
  rus); the text of inline codes (bpt, ept, ph, it, ut) is left out, the text inside
  <hi> and <sub> kept.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from lxml import etree

from align.guard import reading
from align.limits import exceeded, limit
from align.safexml import check_element, iterparse, message

from .base import (LANG_TAGS, TOOL_VERSION, ExportError, Unit, Writer, open_target, clean_text, format_confidence,
                   is_blank, parse_article, parse_confidence)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
KNOWN_PROPS = ("x-document", "x-article", "x-confidence", "x-status", "x-occurrences")
# For merging identical pairs: the more reviewed status wins.
STATUS_RANK = {"approved": 5, "edited": 4, "auto": 3, "flagged": 2, "rejected": 1}
_INLINE_CODES = {"bpt", "ept", "ph", "it", "ut"}
_LANG_ALIASES = {"kk": "kk", "kaz": "kk", "ru": "ru", "rus": "ru"}


def tmx_date(value: str | None = None) -> str:
    """A TMX date (YYYYMMDDThhmmssZ, UTC) from an ISO 8601 string; now if None or unreadable."""
    return (_converted(value) if value else None) or _format(datetime.now(timezone.utc))


@lru_cache(maxsize=4096)
def _converted(value: str) -> str | None:
    # cached: the beads of one alignment share their time stamp, and a memory of 200,000 units
    # converted each of its 400,000 dates anew (1.7 of 15 CPU-s)
    try:
        stamp = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return _format(stamp.replace(tzinfo=timezone.utc) if stamp.tzinfo is None else stamp)


def _format(stamp: datetime) -> str:
    return stamp.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


_TMX_DATE = re.compile(r"(\d{4})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3])([0-5]\d)([0-5]\d)Z")


def iso_date(value: str | None) -> str | None:
    """The ISO 8601 form (YYYY-MM-DDThh:mm:ssZ) of a TMX date, None if unreadable."""
    m = _TMX_DATE.fullmatch(value.strip()) if value else None
    return "{}-{}-{}T{}:{}:{}Z".format(*m.groups()) if m else None


@dataclass
class _Entry:
    """A unit as it will be written: cleaned text, merged provenance."""
    kk: str
    ru: str
    unit: Unit
    documents: list[str] = field(default_factory=list)
    confidence: float | None = None
    status: str = "auto"
    created: str = ""
    changed: str = ""
    occurrences: int = 1


class TmxWriter(Writer):
    format = "tmx"
    suffix = ".tmx"

    def __init__(self, direction: str = "kk-ru", merge_identical: bool = False):
        super().__init__(direction)
        self.merge_identical = merge_identical

    def _entries(self, units: Iterable[Unit]):
        """Cleaned entries, units with an empty side left out (and counted)."""
        merged: dict[tuple[str, str], _Entry] = {}
        for unit in units:
            kk, ru = clean_text(unit.kk).strip(), clean_text(unit.ru).strip()
            if is_blank(kk) or is_blank(ru):
                self.skipped += 1
                continue
            entry = _Entry(kk, ru, unit, [clean_text(unit.document)] if unit.document else [],
                           unit.confidence, unit.status or "auto",
                           tmx_date(unit.created), tmx_date(unit.changed or unit.created))
            if not self.merge_identical:
                yield entry
                continue
            first = merged.get((kk, ru))
            if first is None:
                merged[(kk, ru)] = entry
                continue
            first.occurrences += 1
            for doc in entry.documents:
                if doc not in first.documents:
                    first.documents.append(doc)
            if entry.confidence is not None:
                first.confidence = max(entry.confidence, first.confidence or 0.0)
            if STATUS_RANK.get(entry.status, 0) > STATUS_RANK.get(first.status, 0):
                first.status = entry.status
            first.created = min(first.created, entry.created)
            first.changed = max(first.changed, entry.changed)
        yield from merged.values()

    def _tu(self, entry: _Entry) -> etree._Element:
        tu = etree.Element("tu", creationdate=entry.created, changedate=entry.changed)
        unit = entry.unit

        def prop(kind: str, value: str) -> None:
            value = clean_text(value)
            if value:
                etree.SubElement(tu, "prop", type=kind).text = value

        for doc in entry.documents:
            prop("x-document", doc)
        if unit.article is not None:
            prop("x-article", str(unit.article))
        if entry.confidence is not None:
            prop("x-confidence", format_confidence(entry.confidence))
        prop("x-status", entry.status)
        if entry.occurrences > 1:
            prop("x-occurrences", str(entry.occurrences))
        for key, value in (unit.props or {}).items():
            kind = clean_text(str(key))
            kind = kind if kind.startswith("x-") else f"x-{kind}"
            if kind not in KNOWN_PROPS and value is not None:
                prop(kind, str(value))
        text = {"kk": entry.kk, "ru": entry.ru}
        for lang in (self.source, self.target):
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(XML_LANG, LANG_TAGS[lang])
            etree.SubElement(tuv, "seg").text = text[lang]
        return tu

    def write(self, units: Iterable[Unit], path) -> int:
        self.skipped = count = 0
        with open_target(path, "wb") as fh:
            fh.write(DECLARATION)
            with etree.xmlfile(fh, encoding="UTF-8") as xf:
                xf.write_doctype(DOCTYPE)
                with xf.element("tmx", version="1.4"):
                    header = etree.Element("header", attrib={
                        "creationtool": "saikes", "creationtoolversion": TOOL_VERSION,
                        "segtype": "sentence", "o-tmf": "saikes", "adminlang": "en-US",
                        "srclang": LANG_TAGS[self.source], "datatype": "plaintext",
                        "creationdate": tmx_date()})
                    xf.write("\n  ", header, "\n  ")
                    with xf.element("body"):
                        for entry in self._entries(units):
                            tu = self._tu(entry)
                            etree.indent(tu, space="  ", level=2)
                            xf.write("\n    ", tu)
                            count += 1
                        xf.write("\n  ")
                    xf.write("\n")
            fh.write(b"\n")
            self._nothing(count)
        return count

    def read(self, path: str | Path) -> list[Unit]:
        return read_tmx(path).units


def write_tmx(units: Iterable[Unit], path: str | Path, direction: str = "kk-ru",
              merge_identical: bool = False) -> int:
    """Write `units` as a TMX 1.4b file; returns the number of <tu> written.

    Units with a side that is empty after cleaning are left out. Raises ExportError when
    the file cannot be written or no unit is left to write (the target file, if any, is
    then left as it was)."""
    return TmxWriter(direction=direction, merge_identical=merge_identical).write(units, path)


# ------------------------------------------------------------------ reading

@dataclass
class TmxContent:
    units: list[Unit]
    skipped: int = 0                       # <tu> without a usable Kazakh and Russian segment
    srclang: str = ""
    creationtool: str = ""
    languages: list[str] = field(default_factory=list)   # every xml:lang seen, in order


def _lang_of(tuv) -> str:
    raw = tuv.get(XML_LANG) or tuv.get("lang") or ""
    return raw


def _primary(lang: str) -> str | None:
    return _LANG_ALIASES.get(lang.strip().lower().replace("_", "-").split("-")[0])


class _EntityRef(Exception):
    """A <seg> refers to an entity that was (deliberately) not expanded."""

    def __init__(self, name: str, line: int | None):
        super().__init__(name)
        self.name, self.line = name, line


def seg_text(seg) -> str:
    """The text of a <seg>: its text and that of <hi>/<sub>, without inline codes."""
    parts = [seg.text or ""]
    for child in seg:
        if isinstance(child, etree._Entity):
            raise _EntityRef(child.text, child.sourceline)
        if isinstance(child.tag, str) and etree.QName(child).localname not in _INLINE_CODES:
            parts.append(seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _safe_events(path: Path):
    return iterparse(str(path), ("header", "tu"))


def read_tmx(path: str | Path, max_bytes: int | None = None) -> TmxContent:
    """Read the Kazakh–Russian pairs of a TMX file. Raises ExportError when the file is
    missing, too large, not well-formed XML, not a TMX, or has no Kazakh–Russian pair;
    InputError when it is over a limit or uses entities or XInclude."""
    path = Path(path)
    with reading(path.name):
        return _read_tmx(path, max_bytes)


def _read_tmx(path: Path, max_bytes: int | None) -> TmxContent:
    max_bytes = max_bytes if max_bytes is not None else limit("tmx_mb") * 1024 * 1024
    most_units = limit("tmx_units")
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise ExportError(f"cannot read {path}: {exc.strerror or exc}") from None
    if path.is_dir():
        raise ExportError(f"cannot read {path}: it is a folder")
    if size > max_bytes:
        raise ExportError(f"{path} is {size:,} bytes, more than the {max_bytes:,} a TMX import "
                          f"accepts; split the file")
    content = TmxContent(units=[])
    seen_langs: dict[str, None] = {}
    events = _safe_events(path)

    def check_root() -> None:
        root = events.root
        if root is not None and root.tag != "tmx":
            raise ExportError(f"{path} is not a TMX file (its root element is <{root.tag}>, not <tmx>)")

    try:
        checked = False
        for _, elem in events:
            if not checked:
                check_root()
                checked = True
            check_element(elem, path.name)
            if elem.tag == "header":
                parent = elem.getparent()
                if parent is not None and parent.getparent() is None:
                    content.srclang = elem.get("srclang") or ""
                    content.creationtool = elem.get("creationtool") or ""
                continue
            unit = _unit(elem, seen_langs)
            if unit is None:
                content.skipped += 1
            else:
                content.units.append(unit)
                if len(content.units) > most_units:
                    raise exceeded("tmx_units", path.name, len(content.units))
            # keep memory flat on large files: drop what has been read
            elem.clear(keep_tail=False)
            parent = elem.getparent()
            while parent is not None and elem.getprevious() is not None:
                del parent[0]
        check_root()
    except _EntityRef as ref:
        raise ExportError(f"{path} uses the entity {ref.name} (line {ref.line}), which saikes does "
                          f"not expand; save the TMX with plain characters") from None
    except etree.XMLSyntaxError as exc:
        line, column = getattr(exc, "position", None) or (exc.lineno, None)
        where = f" (at line {line}" + (f", column {column})" if column else ")") if line else ""
        what = message(exc).split(", line ")[0].strip()
        raise ExportError(f"{path} is not a well-formed TMX file: {what}{where}") from None
    except OSError as exc:
        raise ExportError(f"cannot read {path}: {exc.strerror or exc}") from None
    content.languages = list(seen_langs)
    if not content.units:
        found = ", ".join(content.languages) or "none"
        raise ExportError(f"{path} has no translation unit with both a Kazakh and a Russian segment "
                          f"(languages found: {found})")
    return content


def _unit(tu, seen_langs: dict) -> Unit | None:
    sides: dict[str, str] = {}
    props: dict[str, list[str]] = {}
    for child in tu:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "prop":
            props.setdefault(child.get("type") or "", []).append(child.text or "")
        elif child.tag == "tuv":
            lang = _lang_of(child)
            seen_langs.setdefault(lang, None)
            side = _primary(lang)
            seg = child.find("seg")
            if side is None or seg is None or side in sides:
                continue
            sides[side] = clean_text(seg_text(seg)).strip()
    if is_blank(sides.get("kk", "")) or is_blank(sides.get("ru", "")):
        return None

    def first(kind: str) -> str | None:
        values = props.get(kind)
        return values[0].strip() if values else None

    status = first("x-status")
    extra = {k[2:] if k.startswith("x-") else k: v[0]
             for k, v in props.items() if k and k not in KNOWN_PROPS}
    return Unit(kk=sides["kk"], ru=sides["ru"], document=first("x-document") or "",
                article=parse_article(first("x-article")),
                confidence=parse_confidence(first("x-confidence")),
                status=status if status in STATUS_RANK else "auto",
                created=iso_date(tu.get("creationdate")),
                changed=iso_date(tu.get("changedate")), props=extra)
