"""Word documents to text: document.xml through lxml with no network and no entities; list
numbers rebuilt from numbering.xml; headings by style, tables as rows, line breaks kept."""
from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from ..errors import InputError
from .decode import RawText
from .mdwriter import MarkdownWriter

MAX_DOCX_XML = 200 * 1024 * 1024      # the document.xml inside a .docx, uncompressed
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _safe_xml(data: bytes, name: str, part: str):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, remove_comments=True)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}: the .docx is damaged ({part}: {exc.msg})") from None


def read_docx_bytes(data: bytes, name: str) -> RawText:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(f"{name}: not a .docx file (it is not a zip archive)") from None
    with archive:
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError:
            raise InputError(f"{name}: not a .docx file (no word/document.xml inside)") from None
        if info.file_size > MAX_DOCX_XML:
            raise InputError(f"{name}: the document inside the .docx is too large")
        root = _safe_xml(archive.read(info), name, "document.xml")
        numbering = {}
        if "word/numbering.xml" in archive.namelist():
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
            levels[int(lvl.get(W + "ilvl", "0"))] = (
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
    level = int(ilvl.get(W + "val")) if ilvl is not None else 0
    fmt, pattern = numbering.get(nid, {}).get(level, ("decimal", "%1."))
    if fmt != "decimal":
        return ""
    for key in list(counters):
        if key[0] == nid and key[1] > level:
            del counters[key]
    counters[(nid, level)] = counters.get((nid, level), 0) + 1
    value = str(counters[(nid, level)])
    return re.sub(r"%\d", value, pattern, count=1).replace("%", "")
