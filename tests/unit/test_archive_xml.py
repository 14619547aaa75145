"""DOCX archives checked before inflating, and the one hardened XML parser (issue 15)."""
from __future__ import annotations

import io
import struct
import zipfile

import pytest
from hostile import KK_LINES, document_xml, docx, set_declared_size, set_flag, tmx, zip_bomb

from align.errors import InputError
from align.safexml import parse_xml
from align.text.read import read_bytes
from tmx_out.tmx import read_tmx


def _stored_with_bad_crc() -> bytes:
    data = bytearray(docx(KK_LINES[:10], method=zipfile.ZIP_STORED))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    at = info.header_offset + 30 + name_len + extra_len + info.compress_size - 40
    data[at] = ord("x") if data[at] != ord("x") else ord("y")     # text changed, CRC not
    return bytes(data)


@pytest.mark.parametrize("data,fragment", [
    (_stored_with_bad_crc(), "cannot read act.docx: the file is damaged (bad CRC in word/document.xml)"),
    (set_flag(docx(KK_LINES[:5]), "word/document.xml", flag=0x1), "encrypted (password protected)"),
    (set_flag(docx(KK_LINES[:5]), "word/document.xml", method=zipfile.ZIP_LZMA), "compressed with lzma"),
    (set_flag(docx(KK_LINES[:5]), "word/document.xml", method=99), "compressed with AES encryption"),
    (set_declared_size(docx(KK_LINES[:5]), "word/document.xml", 10), "bad CRC in word/document.xml"),
    (set_declared_size(docx(KK_LINES[:5]), "word/document.xml", 5000), "its header says 5,000"),
    (zip_bomb(3), "(word/numbering.xml inflates): 957 times, over the limit of 200 times its compressed size"),
    (b"PK\x03\x04" + b"\x00" * 100, "not a .docx file"),
])
def test_damaged_and_hostile_archives(data, fragment):
    with pytest.raises(InputError) as err:
        read_bytes(data, "act.docx")
    assert fragment in str(err.value) and "\n" not in str(err.value)


def test_too_many_entries(monkeypatch):
    monkeypatch.setenv("SAIKES_LIMIT_ZIP_ENTRIES", "2")
    with pytest.raises(InputError, match="over the limit of 2 entries"):
        read_bytes(docx(KK_LINES[:5]), "act.docx")


@pytest.mark.parametrize("level", ["one", "", "1.5", "-1", "9", "²", "99999999999999"])
def test_list_levels_that_are_not_numbers_read(level):
    raw = read_bytes(docx(KK_LINES[:6], ilvl=level), "act.docx")
    assert KK_LINES[1][:30] in raw.text and not raw.text.lstrip().startswith("1)")


@pytest.mark.parametrize("xml,fragment", [
    ('<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><d>&e;</d>', "entities"),
    ('<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><d>&b;</d>', "entities"),
    ('<d xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd" parse="text"/></d>',
     "XInclude"),
])
def test_hardened_parser_refuses_entities_and_xinclude(xml, fragment):
    with pytest.raises(InputError, match=fragment):
        parse_xml(xml.encode(), "x.xml")


def test_hardened_parser_has_a_depth_limit():
    from lxml import etree
    with pytest.raises(etree.XMLSyntaxError):
        parse_xml(("<a>" * 300 + "</a>" * 300).encode(), "deep.xml")
    assert parse_xml(("<a>" * 200 + "</a>" * 200).encode(), "ok.xml").tag == "a"


def test_tmx_with_xinclude_is_refused(tmp_path):
    path = tmp_path / "x.tmx"
    path.write_text(tmx([(KK_LINES[0], "Стороны договорились")]).replace(
        "<body>", '<body><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/hostname"/>'),
        encoding="utf-8")
    with pytest.raises(InputError, match="x.tmx uses XInclude"):
        read_tmx(path)


def test_docx_part_with_entities_is_refused():
    bad = document_xml(KK_LINES[:3]).replace('<w:document', '<!DOCTYPE w [<!ENTITY x "y">]><w:document', 1)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", bad)
    with pytest.raises(InputError, match="entities"):
        read_bytes(buf.getvalue(), "act.docx")
