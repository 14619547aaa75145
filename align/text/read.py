"""Readers: turn a .txt, .md, .html/.htm or .docx file into plain text.

Every reader returns a `RawText`: the text every later offset refers to and the encoding
that was used. Plain text and markdown keep their lines as they were. HTML and DOCX are
written out in the same markdown the legal portal's mirror uses — a blank line after each
paragraph, `#` headings, a `|` row per table row, a line break where the document has
one — so that one markup and paragraph stage reads every format, and a page that is
really one line per paragraph (a PDF pasted into Word) is recognised as such.
"""
from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree, html as lxml_html

from ..errors import InputError
from ..lang_rules import KAZAKH_LETTERS

MAX_BYTES = 50 * 1024 * 1024          # a legal act is kilobytes; anything this big is not one
MAX_DOCX_XML = 200 * 1024 * 1024      # the document.xml inside a .docx, uncompressed

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED = ".txt, .md, .html, .htm, .docx"

# Single-byte Cyrillic code pages tried when the bytes are not UTF-8. KZ-1048 is the
# Kazakh variant of cp1251: it puts ә ғ қ ң ө ұ ү һ і where cp1251 has Serbian and
# Macedonian letters, so the one that yields Kazakh letters wins for Kazakh files.
SINGLE_BYTE = ("cp1251", "kz1048")
SERBIAN_ONLY = set("ђѓќћџљњѕјЂЃЌЋЏЉЊЅЈ")


@dataclass
class RawText:
    text: str
    encoding: str
    format: str


# What a file really is, by its first bytes, when its name says otherwise.
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
    suffix = path.suffix.lower()
    if suffix not in DOCX_SUFFIXES:
        for magic, what in MAGIC:
            if data.startswith(magic):
                raise InputError(f"{name}: this is {what}, not a {suffix or 'text'} file")
    if suffix in DOCX_SUFFIXES:
        raw = read_docx_bytes(data, name)
    elif suffix in HTML_SUFFIXES:
        raw = read_html_bytes(data, name)
    elif suffix in TEXT_SUFFIXES or suffix == "":
        text, encoding = decode_text(data, name)
        if _looks_like_html(text):
            raw = read_html_bytes(data, name)
        else:
            raw = RawText(text, encoding, TEXT_SUFFIXES.get(suffix, "txt"))
    else:
        raise InputError(f"{name}: unsupported file type '{suffix}'; saikes reads {SUPPORTED}")
    if not raw.text.strip():
        raise InputError(f"{name}: the file holds no text")
    return raw


def read_checked(path: Path) -> bytes:
    """The bytes of a file, refused when empty or too large to be a legal act."""
    name = path.name or str(path)
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{name}: the file is empty")
    if size > MAX_BYTES:
        raise InputError(f"{name}: the file is {size // (1024 * 1024)} MB; saikes reads legal acts "
                         f"of up to {MAX_BYTES // (1024 * 1024)} MB")
    return path.read_bytes()


def read_bytes(data: bytes, name: str) -> RawText:
    """Read an uploaded file held in memory (the review app's import)."""
    import tempfile
    suffix = Path(name).suffix
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / (Path(name).name or f"upload{suffix}")
        path.write_bytes(data)
        return read_file(path)


# ---------------------------------------------------------------- plain text

def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode the bytes of a text file; say which encoding was used."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", name), "utf-16"
    if b"\x00" in data[:4096]:
        guess = _utf16_without_bom(data)
        if guess:
            return _strict(data, guess, name), guess
        raise InputError(f"{name}: this is a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        _refuse_binary(text, name)
        return text, "utf-8"
    best = None
    for enc in SINGLE_BYTE:
        candidate = data.decode(enc, errors="replace")
        if "\ufffd" in candidate:
            continue
        score = _cyrillic_plausibility(candidate, enc)
        if best is None or score > best[0]:
            best = (score, candidate, enc)
    if best is None or best[0] < 0.5:
        raise InputError(f"{name}: cannot tell the encoding (not UTF-8, UTF-16, cp1251 or KZ-1048); "
                         f"save it as UTF-8 and try again")
    _refuse_binary(best[1], name)
    return best[1], best[2]


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: the file says it is {encoding} but byte {exc.start} is not; "
                         f"save it as UTF-8 and try again") from None
    _refuse_binary(text, name)
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    # the high byte of Cyrillic is 0x04 and of ASCII 0x00: in UTF-16 one half of the
    # bytes is almost all 0x00 and 0x04
    even, odd = sample[0::2], sample[1::2]
    high = lambda half: sum(1 for b in half if b in (0, 4)) / max(1, len(half))  # noqa: E731
    if high(odd) > 0.9 and high(even) < 0.5:
        return "utf-16-le"
    if high(even) > 0.9 and high(odd) < 0.5:
        return "utf-16-be"
    return None


def _refuse_binary(text: str, name: str) -> None:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in sample or controls > max(8, len(sample) // 100):
        raise InputError(f"{name}: this is a binary file, not text")


def _cyrillic_plausibility(text: str, encoding: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    share = cyrillic / len(letters)
    # Serbian-only letters in a Kazakh or Russian act mean the code page was wrong.
    odd = sum(1 for ch in letters if ch in (SERBIAN_ONLY if encoding == "cp1251" else set()))
    kazakh = sum(1 for ch in letters if ch in KAZAKH_LETTERS)
    if encoding == "kz1048" and kazakh == 0:
        share -= 0.01  # prefer cp1251 when KZ-1048 brings nothing Kazakh
    return share - 5 * odd / len(letters)


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


# ---------------------------------------------------------------- HTML

BLOCK_TAGS = {"p", "div", "li", "table", "ul", "ol", "blockquote", "section", "article",
              "dd", "dt", "center", "title", "body", "main", "hr", "form", "fieldset", "address"}
DROP_TAGS = {"script", "style", "noscript", "template", "head", "iframe", "object", "svg",
             "nav", "header", "footer", "aside", "button", "select", "input", "menu"}
# Page furniture by its class or id: menus, breadcrumbs, footers, sidebars, cookie banners.
FURNITURE_NAMES = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|footer|header|sidebar|cookie|"
                             r"banner|share|social|toolbar|pagination)(?:$|[\s_-])", re.I)


def read_html_bytes(data: bytes, name: str) -> RawText:
    encoding = _html_encoding(data)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text, encoding = decode_text(data, name)
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                                  recover=True, encoding="utf-8")
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{name}: the HTML cannot be read ({exc})") from None
    out = _MarkdownWriter()
    body = root.find("body")
    _walk_html(body if body is not None else root, out)
    return RawText(out.text(), encoding, "html")


class _MarkdownWriter:
    """Collects text as markdown paragraphs: inline text runs, line breaks inside a
    paragraph, and paragraph ends."""

    def __init__(self):
        self.paragraphs: list[str] = []
        self.current: list[str] = []

    def add(self, text: str | None) -> None:
        if text:
            self.current.append(text)

    def line_break(self) -> None:
        self.current.append("\n")

    def end(self, prefix: str = "") -> None:
        lines = [" ".join(x.split()) for x in "".join(self.current).split("\n")]
        lines = [x for x in lines if x]
        if lines:
            self.paragraphs.append(prefix + "\n".join(lines))
        self.current = []

    def verbatim(self, text: str) -> None:
        """Preformatted text (<pre>) as a fenced block: its spacing may be a table's columns."""
        self.end()
        if text.strip():
            self.paragraphs.append("```\n" + text.strip("\n") + "\n```")

    def row(self, cells: list[str]) -> None:
        self.end()
        cells = [" ".join(c.split()).replace("|", "\\|") for c in cells]
        if any(cells):
            self.paragraphs.append("| " + " | ".join(cells) + " |")

    def text(self) -> str:
        self.end()
        return "\n\n".join(self.paragraphs) + "\n"


def _is_furniture(el) -> bool:
    if el.get("role") in ("navigation", "banner", "contentinfo", "search"):
        return True
    names = " ".join(filter(None, (el.get("class"), el.get("id"))))
    return bool(names and FURNITURE_NAMES.search(names))


def _walk_html(el, out: _MarkdownWriter) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag in DROP_TAGS or _is_furniture(el):
        out.add(el.tail)
        return
    if tag == "br":
        out.line_break()
        out.add(el.tail)
        return
    if tag == "pre":
        out.verbatim(el.text_content())
        out.add(el.tail)
        return
    if tag == "tr":
        out.row([" ".join(cell.text_content().split()) for cell in el if isinstance(cell.tag, str)
                 and cell.tag.lower() in ("td", "th")])
        out.add(el.tail)
        return
    heading = len(tag) == 2 and tag[0] == "h" and tag[1] in "123456"
    if heading or tag in BLOCK_TAGS:
        out.end()
    out.add(el.text)
    for child in el:
        _walk_html(child, out)
    if heading:
        out.end("#" * int(tag[1]) + " ")
    elif tag in BLOCK_TAGS:
        out.end()
    out.add(el.tail)


def _html_encoding(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    m = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", data[:4096], re.I)
    if m:
        enc = m.group(1).decode("ascii").lower()
        try:
            codecs.lookup(enc)
            return enc
        except LookupError:
            pass
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1251"


# ---------------------------------------------------------------- DOCX

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _safe_xml(data: bytes, name: str, part: str):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, remove_comments=True)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}: the .docx is damaged ({part}: {exc.msg})") from None


def read_docx_bytes(data: bytes, name: str) -> RawText:
    import io
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
    out = _MarkdownWriter()
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


def _docx_paragraph(p, numbering, counters, out: _MarkdownWriter) -> None:
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
