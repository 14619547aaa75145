"""Word documents to text: document.xml through lxml with no network and no entities; list
numbers rebuilt from numbering.xml; headings by style, tables as rows, line breaks kept."""
from __future__ import annotations

import re

from lxml import etree

from ..errors import InputError
from ..safexml import message, parse_xml
from .archive import Archive
from .decode import RawText
from .mdwriter import MarkdownWriter

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_LEVEL = 8         # Word's list levels are 0-8


def _safe_xml(data: bytes, name: str, part: str):
    try:
        return parse_xml(data, f"{name} ({part})")
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}: the .docx is damaged ({part}: {message(exc)})") from None


def read_docx_bytes(data: bytes, name: str) -> RawText:
    with Archive(data, name) as archive:
        if not archive.has("word/document.xml"):
            raise InputError(f"{name}: not a .docx file (no word/document.xml inside)")
        root = _safe_xml(archive.read("word/document.xml"), name, "document.xml")
        numbering = {}
        if archive.has("word/numbering.xml"):
            numbering = _numbering_formats(_safe_xml(archive.read("word/numbering.xml"), name,
                                                     "numbering.xml"))
    counters: dict[tuple[str, int], int] = {}
    out = MarkdownWriter()
    body = root.find(W + "body")
    for el in (body if body is not None else root):
        if el.tag == W + "p":
            _docx_paragraph(el, numbering, counters, out)
        elif el.tag == W + "tbl":
            for tr in el.iter(W + "tr"):
                out.row([" ".join(_docx_text(p) for p in tc.iter(W + "p")) for tc in tr.findall(W + "tc")])
    return RawText(out.text(), "utf-8", "docx")


def _docx_text(p) -> str:
    parts = []
    for node in p.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _docx_paragraph(p, numbering, counters, out: MarkdownWriter) -> None:
    """One Word paragraph: its list number (which Word keeps out of the text), its text
    with its line breaks, `#` for a heading style."""
    text = _docx_text(p)
    marker = _list_marker(p, numbering, counters)
    if marker and text.strip():
        text = f"{marker} {text.lstrip()}"
    out.add(text)
    style = p.find(f"{W}pPr/{W}pStyle")
    level = _HEADING_STYLE.match(style.get(W + "val", "")) if style is not None else None
    out.end("#" * int(level.group(1)) + " " if level else "")


_HEADING_STYLE = re.compile(r"^(?:Heading|heading|Заголовок)\s?([1-6])$")


def _numbering_formats(root) -> dict[str, dict[int, tuple[str, str]]]:
    """numId -> level -> (numFmt, lvlText) from word/numbering.xml."""
    abstract = {}
    for an in root.iter(W + "abstractNum"):
        levels = {}
        for lvl in an.iter(W + "lvl"):
            fmt = lvl.find(W + "numFmt")
            txt = lvl.find(W + "lvlText")
            level = _level(lvl.get(W + "ilvl", "0"))
            if level is None:
                continue
            levels[level] = (
                fmt.get(W + "val") if fmt is not None else "decimal",
                txt.get(W + "val") if txt is not None else "%1.")
        abstract[an.get(W + "abstractNumId")] = levels
    out = {}
    for num in root.iter(W + "num"):
        ref = num.find(W + "abstractNumId")
        if ref is not None:
            out[num.get(W + "numId")] = abstract.get(ref.get(W + "val"), {})
    return out


def _list_marker(p, numbering, counters) -> str:
    """The visible number of a Word list item ("1." or "2)"), which Word keeps out of the text."""
    num_pr = p.find(f"{W}pPr/{W}numPr")
    if num_pr is None:
        return ""
    num_id = num_pr.find(W + "numId")
    ilvl = num_pr.find(W + "ilvl")
    if num_id is None:
        return ""
    nid = num_id.get(W + "val")
    level = _level(ilvl.get(W + "val", "0")) if ilvl is not None else 0
    if level is None:          # a level Word would not write: no number rather than a wrong one
        return ""
    fmt, pattern = numbering.get(nid, {}).get(level, ("decimal", "%1."))
    if fmt != "decimal":
        return ""
    for key in list(counters):
        if key[0] == nid and key[1] > level:
            del counters[key]
    counters[(nid, level)] = counters.get((nid, level), 0) + 1
    value = str(counters[(nid, level)])
    return re.sub(r"%\d", value, pattern, count=1).replace("%", "")


def _level(value: str | None) -> int | None:
    """A list level (w:ilvl) as Word writes it, 0-8; None for anything else ("1.5", "x", "")."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and int(value) <= MAX_LEVEL else None
