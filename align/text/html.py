"""HTML pages to text: lxml with no network and no entity expansion; menus, headers,
footers and other page furniture left out; headings, paragraphs, line breaks, table rows
and preformatted blocks kept as markdown."""
from __future__ import annotations

import codecs
import re

from lxml import etree, html as lxml_html

from ..errors import InputError
from .decode import RawText, check_text, decode, looks_like_utf8
from .mdwriter import MarkdownWriter

BLOCK_TAGS = {"p", "div", "li", "table", "ul", "ol", "blockquote", "section", "article",
              "dd", "dt", "center", "title", "body", "main", "hr", "form", "fieldset", "address"}
DROP_TAGS = {"script", "style", "noscript", "template", "head", "iframe", "object", "svg",
             "nav", "header", "footer", "aside", "button", "select", "input", "menu"}
# Page furniture by its class or id: menus, breadcrumbs, footers, sidebars, cookie banners.
FURNITURE_NAMES = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|footer|header|sidebar|cookie|"
                             r"banner|share|social|toolbar|pagination)(?:$|[\s_-])", re.I)


def read_html_bytes(data: bytes, name: str) -> RawText:
    notes: list[str] = []
    text, encoding = _decode_html(data, name, notes)
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                                  recover=True, encoding="utf-8")
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{name}: the HTML cannot be read ({exc})") from None
    out = MarkdownWriter()
    body = root.find("body")
    _walk_html(body if body is not None else root, out)
    return RawText(out.text(), encoding, "html", notes)


def _decode_html(data: bytes, name: str, notes: list[str]) -> tuple[str, str]:
    """The page's declared encoding (BOM or <meta charset>) when the text it gives reads;
    otherwise, or with none declared, the encoding that reads best (`decode`). Bytes that are
    (nearly all) valid UTF-8 beyond ASCII are UTF-8 whatever the <meta> says: no cp1251 page
    is valid UTF-8 by accident, and a page saved again as UTF-8 often keeps its old <meta>."""
    declared = _html_encoding(data)
    if declared and not declared.startswith("utf") and not data.isascii() and looks_like_utf8(data):
        declared = None
    if declared:
        try:
            return check_text(data.decode(declared), name, notes), declared
        except (UnicodeDecodeError, LookupError, InputError):
            notes.clear()
    raw = decode(data, name)
    notes.extend(raw.notes)
    return raw.text, raw.encoding


def _is_furniture(el) -> bool:
    if el.get("role") in ("navigation", "banner", "contentinfo", "search"):
        return True
    names = " ".join(filter(None, (el.get("class"), el.get("id"))))
    return bool(names and FURNITURE_NAMES.search(names))


def _walk_html(el, out: MarkdownWriter) -> None:
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


def _html_encoding(data: bytes) -> str | None:
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
    return None
