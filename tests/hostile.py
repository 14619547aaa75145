"""Builders of hostile and honest inputs, shared by the malformed-file corpus and the fuzzing
suite: DOCX archives in memory, TMX, TBX and term-list text, and seed text to mutate."""
from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
QUOTE = {'"': "&quot;"}
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

KK_LINES = [line for line in (SEEDS / "kk" / "002_700c28a48b73b99d.txt").read_text(encoding="utf-8").splitlines()
            if len(line.split()) > 3][:60]
RU_LINES = [line for line in (SEEDS / "ru" / "002_700c28a48b73b99d.txt").read_text(encoding="utf-8").splitlines()
            if len(line.split()) > 3][:60]
# every Kazakh term has a letter Russian lacks, so a list of a few is recognisably Kazakh
KK_TERMS = ["уәкілетті орган", "қатысушы тараптар", "құзыретті орган", "мемлекеттік қызмет", "Үкімет",
            "азаматтық қоғам", "қаржы ұйымы", "әкімдік", "тіркеу куәлігі", "жер учаскесі"]
RU_TERMS = ["уполномоченный орган", "Стороны", "компетентный орган", "государственная служба",
            "Правительство", "гражданское общество", "финансовая организация", "акимат",
            "свидетельство о регистрации", "земельный участок"]


def document_xml(paragraphs, ilvl="0") -> str:
    body = []
    for i, text in enumerate(paragraphs):
        num = (f'<w:pPr><w:numPr><w:ilvl w:val="{escape(ilvl, QUOTE)}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
               if i % 3 == 1 else "")
        body.append(f'<w:p>{num}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>')
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
            + "".join(body) + "</w:body></w:document>")


def numbering_xml(ilvl="0", padding=0) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
            f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{escape(ilvl, QUOTE)}"><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' + " " * padding + '</w:numbering>')


def docx(paragraphs, ilvl="0", numbering=None, method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", document_xml(paragraphs, ilvl))
        z.writestr("word/numbering.xml", numbering if numbering is not None else numbering_xml(ilvl))
    return buf.getvalue()


def set_flag(data: bytes, part: str, flag: int = 0, method: int | None = None) -> bytes:
    """Set a general-purpose flag bit (1 = encrypted) or the compression method of one
    entry, in both its local header and the central directory."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(part)
    offsets = [info.header_offset + 6]                        # local header: flags at +6, method at +8
    central = out.find(b"PK\x01\x02")
    while central >= 0:
        name_len = struct.unpack_from("<H", out, central + 28)[0]
        if out[central + 46:central + 46 + name_len].decode() == part:
            offsets.append(central + 8)                       # central directory: flags at +8
        central = out.find(b"PK\x01\x02", central + 4)
    for off in offsets:
        if flag:
            struct.pack_into("<H", out, off, struct.unpack_from("<H", out, off)[0] | flag)
        if method is not None:
            struct.pack_into("<H", out, off + 2, method)
    return bytes(out)


def set_declared_size(data: bytes, part: str, size: int) -> bytes:
    """Make the headers of one entry claim `size` bytes uncompressed (a lying zip bomb)."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(part)
    struct.pack_into("<I", out, info.header_offset + 22, size)
    central = out.find(b"PK\x01\x02")
    while central >= 0:
        name_len = struct.unpack_from("<H", out, central + 28)[0]
        if out[central + 46:central + 46 + name_len].decode() == part:
            struct.pack_into("<I", out, central + 24, size)
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def damage_deflate(data: bytes, part: str) -> bytes:
    """Overwrite the middle of an entry's compressed data (bad deflate data or a bad CRC)."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(part)
    name_len, extra_len = struct.unpack_from("<HH", out, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    for i in range(start + info.compress_size // 3, start + info.compress_size // 3 + 8):
        out[i] ^= 0x5A
    return bytes(out)


def zip_bomb(megabytes: int = 40) -> bytes:
    """A .docx whose numbering.xml inflates a thousand times (40 MB from about 40 KB)."""
    blank = numbering_xml(padding=megabytes * 1024 * 1024)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", document_xml(KK_LINES[:5]))
        z.writestr("word/numbering.xml", blank)
    return buf.getvalue()


def tmx(units, extra_head: str = "", seg=escape) -> str:
    body = "".join(f'<tu><tuv xml:lang="kk-KZ"><seg>{seg(kk)}</seg></tuv>'
                   f'<tuv xml:lang="ru-RU"><seg>{seg(ru)}</seg></tuv></tu>\n' for kk, ru in units)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + extra_head +
            '<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" '
            'o-tmf="t" adminlang="en" srclang="kk-KZ" datatype="plaintext"/><body>\n' + body + '</body></tmx>\n')


def tbx(pairs) -> str:
    entries = "".join(f'<termEntry><langSet xml:lang="kk"><tig><term>{escape(kk)}</term></tig></langSet>'
                      f'<langSet xml:lang="ru"><tig><term>{escape(ru)}</term></tig></langSet></termEntry>'
                      for kk, ru in pairs)
    return f'<?xml version="1.0" encoding="UTF-8"?><martif type="TBX"><text><body>{entries}</body></text></martif>'


def honest_units(n: int = 20):
    return list(zip(KK_LINES[:n], RU_LINES[:n]))
