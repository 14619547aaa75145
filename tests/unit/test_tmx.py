"""TMX 1.4b: the writer, the safe reader, the workspace selection and import.

Every TMX written here is validated against the TMX 1.4b DTD that Debian's OmegaT
carries (unzipped from OmegaT.jar at test time), and read back with translate-toolkit.
The helpers at the top are used by the other export tests too.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from workspaces import (
    TMX_DATE,
    XML_LANG,
    adversarial_units,
    assert_valid_tmx,
    tmx_pairs,
)

import align
from tmx_out.base import ExportError, Unit, clean_text
from tmx_out.tmx import TmxWriter, read_tmx, tmx_date, write_tmx

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "seeds_gold"
SEEDS = ROOT / "seeds"


# ------------------------------------------------------------------ shared helpers


# ------------------------------------------------------------------ text cleaning

def test_clean_text_removes_what_xml_cannot_carry():
    assert clean_text("a\x00b\x01c\x08d\x0be\x0cf\x1fg") == "abcdefg"
    assert clean_text("tab\there\nnew\rcr") == "tab\there\nnew\rcr"
    assert clean_text("x\ufffey\uffffz") == "xyz"
    # a surrogate pair that arrived as two code points becomes the character; a lone one goes
    assert clean_text("a\ud83d\ude00b") == "a😀b"
    assert clean_text("a\ud800b\udc00c") == "abc"
    assert clean_text("Қазақстан 😀 \u200f\u2028") == "Қазақстан 😀 \u200f\u2028"
    assert clean_text(None) == ""


def test_tmx_date_forms():
    assert tmx_date("2024-03-01T10:05:09Z") == "20240301T100509Z"
    assert tmx_date("2024-03-01T15:05:09+05:00") == "20240301T100509Z"
    assert TMX_DATE.match(tmx_date(None))
    assert TMX_DATE.match(tmx_date("not a date"))


# ------------------------------------------------------------------ writing

def test_header_and_units(tmp_path, tmx_dtd):
    units = [Unit("Тараптар келісті.", "Стороны согласились.", document="doc-a", article="3",
                  confidence=0.91234, status="approved", created="2024-05-06T07:08:09Z",
                  changed="2024-06-07T08:09:10Z"),
             Unit("Екінші сөйлем.", "Второе предложение.", document="doc-b", status="auto")]
    out = tmp_path / "a.tmx"
    assert write_tmx(units, out) == 2
    tree = assert_valid_tmx(out, tmx_dtd)
    header = tree.getroot().find("header")
    assert header.get("creationtool") == "saikes"
    assert header.get("creationtoolversion") == align.__version__
    assert header.get("segtype") == "sentence"
    assert header.get("o-tmf") == "saikes"
    assert header.get("adminlang") == "en-US"
    assert header.get("srclang") == "kk-KZ"
    assert header.get("datatype") == "plaintext"
    assert TMX_DATE.match(header.get("creationdate"))
    tus = tree.getroot().findall("body/tu")
    assert len(tus) == 2
    first = tus[0]
    assert first.get("creationdate") == "20240506T070809Z"
    assert first.get("changedate") == "20240607T080910Z"
    # DTD order: props, then the source tuv, then the target tuv
    assert [c.tag for c in first] == ["prop", "prop", "prop", "prop", "tuv", "tuv"]
    assert [(p.get("type"), p.text) for p in first.findall("prop")] == [
        ("x-document", "doc-a"), ("x-article", "3"), ("x-confidence", "0.9123"), ("x-status", "approved")]
    assert [t.get(XML_LANG) for t in first.findall("tuv")] == ["kk-KZ", "ru-RU"]
    assert first.find("tuv/seg").text == "Тараптар келісті."
    # no article, no confidence: no prop for them
    assert {p.get("type") for p in tus[1].findall("prop")} == {"x-document", "x-status"}


def test_direction_ru_kk_sets_srclang_and_order(tmp_path, tmx_dtd):
    out = tmp_path / "ru.tmx"
    write_tmx([Unit("Бірінші.", "Первое.")], out, direction="ru-kk")
    tree = assert_valid_tmx(out, tmx_dtd)
    assert tree.getroot().find("header").get("srclang") == "ru-RU"
    assert [t.get(XML_LANG) for t in tree.getroot().iter("tuv")] == ["ru-RU", "kk-KZ"]
    with pytest.raises(ExportError, match="direction"):
        write_tmx([Unit("a", "b")], tmp_path / "x.tmx", direction="en-de")
    assert not (tmp_path / "x.tmx").exists()


def test_empty_sides_are_skipped_and_counted(tmp_path, tmx_dtd):
    units = [Unit("Толық.", "Полное."), Unit("", "Только русский."), Unit("Тек қазақша.", "   "),
             Unit("\x01\x02", "Управляющие"), Unit(" Бос орын ", " Пробелы "),
             Unit("\u200f\u200e\ufeff \u200d", "Только знаки направления")]
    writer = TmxWriter()
    out = tmp_path / "e.tmx"
    assert writer.write(units, out) == 2
    assert writer.skipped == 4
    pairs = tmx_pairs(assert_valid_tmx(out, tmx_dtd))
    assert [(p["kk-KZ"], p["ru-RU"]) for p in pairs] == [("Толық.", "Полное."), ("Бос орын", "Пробелы")]


def test_nothing_to_write_is_an_error_and_keeps_the_old_file(tmp_path):
    out = tmp_path / "keep.tmx"
    out.write_bytes(b"previous export")
    with pytest.raises(ExportError, match="nothing to export"):
        write_tmx([Unit("", "x"), Unit("y", "")], out)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.tmx"]      # no temporary file left


def test_failure_mid_write_keeps_the_old_file(tmp_path):
    out = tmp_path / "keep.tmx"
    out.write_bytes(b"previous export")

    def units():
        yield Unit("Бірінші.", "Первое.")
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        write_tmx(units(), out)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.tmx"]


def test_unwritable_targets(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_tmx([Unit("a", "b")], tmp_path / "no" / "such" / "dir.tmx")
    with pytest.raises(ExportError, match="folder"):
        write_tmx([Unit("a", "b")], tmp_path)
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(ExportError):
        write_tmx([Unit("a", "b")], blocker / "out.tmx")


def test_merge_identical(tmp_path, tmx_dtd):
    units = [Unit("Тараптар.", "Стороны.", document="d1", confidence=0.5, status="auto",
                  created="2024-01-01T00:00:00Z", changed="2024-01-02T00:00:00Z"),
             Unit("Басқа.", "Другое.", document="d1"),
             Unit("Тараптар.", "Стороны.", document="d2", confidence=0.9, status="approved",
                  created="2023-01-01T00:00:00Z", changed="2025-01-01T00:00:00Z"),
             Unit("Тараптар.", "Стороны.", document="d1", confidence=0.7, status="flagged",
                  created="2024-01-01T00:00:00Z", changed="2024-01-01T00:00:00Z")]
    plain = tmp_path / "plain.tmx"
    assert write_tmx(units, plain) == 4                       # off by default
    assert len(tmx_pairs(assert_valid_tmx(plain, tmx_dtd))) == 4
    merged = tmp_path / "merged.tmx"
    assert write_tmx(units, merged, merge_identical=True) == 2
    tree = assert_valid_tmx(merged, tmx_dtd)
    first, second = tmx_pairs(tree)
    assert (first["kk-KZ"], second["kk-KZ"]) == ("Тараптар.", "Басқа.")
    assert first["props"]["x-document"] == ["d1", "d2"]
    assert first["props"]["x-confidence"] == ["0.9000"]
    assert first["props"]["x-status"] == ["approved"]
    assert first["props"]["x-occurrences"] == ["3"]
    tu = tree.getroot().find("body/tu")
    assert tu.get("creationdate") == "20230101T000000Z" and tu.get("changedate") == "20250101T000000Z"
    assert "x-occurrences" not in second["props"]


def test_adversarial_content_stays_valid_and_round_trips(tmp_path, tmx_dtd):
    units = adversarial_units()
    first = tmp_path / "adv.tmx"
    assert write_tmx(units, first) == len(units)
    tree = assert_valid_tmx(first, tmx_dtd)
    written = tmx_pairs(tree)
    for unit, pair in zip(units, written):
        assert pair["kk-KZ"] == clean_text(unit.kk).strip()
        assert pair["ru-RU"] == clean_text(unit.ru).strip()
    assert "]]&gt;" in first.read_text(encoding="utf-8")
    assert len(written[4]["kk-KZ"]) > 10_000
    assert "😀" in written[3]["kk-KZ"] and "\u202b" in written[2]["kk-KZ"]
    assert "\r\n" in written[6]["kk-KZ"] and "\t" in written[6]["kk-KZ"]
    # read back: the same text, and writing what was read gives the same file body
    content = read_tmx(first)
    assert [(u.kk, u.ru) for u in content.units] == [(p["kk-KZ"], p["ru-RU"]) for p in written]
    assert [u.document for u in content.units] == [u.document for u in units]
    second = tmp_path / "adv2.tmx"
    write_tmx(content.units, second)
    assert_valid_tmx(second, tmx_dtd)
    assert _body(first) == _body(second)


def _body(path) -> bytes:
    raw = Path(path).read_bytes()
    return raw[raw.index(b"<body>"):]


def test_translate_toolkit_reads_every_unit(tmp_path, tmx_dtd):
    from translate.storage import tmx as ttk_tmx
    from translate.storage.lisa import getXMLlang
    units = adversarial_units() + [Unit("Қарапайым сөйлем.", "Простое предложение.")]
    for direction, (src, tgt) in {"kk-ru": ("kk-KZ", "ru-RU"), "ru-kk": ("ru-RU", "kk-KZ")}.items():
        out = tmp_path / f"{direction}.tmx"
        write_tmx(units, out, direction=direction)
        assert_valid_tmx(out, tmx_dtd)
        with open(out, "rb") as fh:
            store = ttk_tmx.tmxfile(fh)
        assert store.sourcelanguage == src
        assert len(store.units) == len(units)
        for unit, tu in zip(units, store.units):
            sides = {"kk-KZ": clean_text(unit.kk).strip(), "ru-RU": clean_text(unit.ru).strip()}
            assert getXMLlang(tu.get_source_dom()) == src
            assert getXMLlang(tu.get_target_dom()) == tgt
            assert tu.source == sides[src]
            assert tu.target == sides[tgt]


# ------------------------------------------------------------------ reading safely

TMX_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n{doctype}<tmx version="1.4"><header creationtool="t" '
            'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="kk" '
            'datatype="plaintext"/><body>{body}</body></tmx>')


def _tmx(path, body, doctype=""):
    path.write_text(TMX_HEAD.format(body=body, doctype=doctype), encoding="utf-8")
    return path


def test_reader_refuses_entity_expansion(tmp_path):
    doctype = ('<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
               '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n')
    bomb = _tmx(tmp_path / "bomb.tmx", '<tu><tuv xml:lang="kk"><seg>x &d; y</seg></tuv>'
                '<tuv xml:lang="ru"><seg>z</seg></tuv></tu>', doctype)
    with pytest.raises(ExportError, match="entity &d;"):
        read_tmx(bomb)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    xxe = _tmx(tmp_path / "xxe.tmx", '<tu><tuv xml:lang="kk"><seg>&x;</seg></tuv>'
               '<tuv xml:lang="ru"><seg>z</seg></tuv></tu>',
               f'<!DOCTYPE tmx [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n')
    with pytest.raises(ExportError, match="entity") as err:
        read_tmx(xxe)
    assert "TOP-SECRET" not in str(err.value)


def test_reader_size_limit_and_malformed_files(tmp_path):
    good = _tmx(tmp_path / "good.tmx", '<tu><tuv xml:lang="kk"><seg>Бір.</seg></tuv>'
                '<tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>')
    assert len(read_tmx(good).units) == 1
    with pytest.raises(ExportError, match="more than"):
        read_tmx(good, max_bytes=100)
    broken = tmp_path / "broken.tmx"
    broken.write_text(good.read_text(encoding="utf-8")[:-30], encoding="utf-8")
    with pytest.raises(ExportError, match="not a well-formed TMX file.*line 2"):
        read_tmx(broken)
    other = tmp_path / "other.tmx"
    other.write_text("<html><body>hi</body></html>")
    with pytest.raises(ExportError, match="root element is <html>"):
        read_tmx(other)
    disguised = tmp_path / "disguised.tmx"
    disguised.write_text(good.read_text(encoding="utf-8").replace("<tmx ", "<xliff ").replace("</tmx>", "</xliff>"),
                         encoding="utf-8")
    with pytest.raises(ExportError, match="root element is <xliff>"):
        read_tmx(disguised)
    ende = _tmx(tmp_path / "ende.tmx", '<tu><tuv xml:lang="en"><seg>a</seg></tuv>'
                '<tuv xml:lang="de"><seg>b</seg></tuv></tu>')
    with pytest.raises(ExportError, match="languages found: en, de"):
        read_tmx(ende)
    with pytest.raises(ExportError, match="cannot read"):
        read_tmx(tmp_path / "missing.tmx")
    binary = tmp_path / "binary.tmx"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 10)
    with pytest.raises(ExportError, match="not a well-formed"):
        read_tmx(binary)


def test_reader_takes_foreign_tmx(tmp_path):
    """Language tags as other tools write them, inline codes, TMX 1.1 'lang', other languages."""
    body = ('<tu><prop type="x-status">bogus</prop><tuv xml:lang="KK_kz"><seg>Бірінші <bpt i="1">&lt;b&gt;</bpt>'
            'қалың<ept i="1">&lt;/b&gt;</ept> <hi>сөз</hi><ph>{0}</ph>.</seg></tuv>'
            '<tuv xml:lang="en-GB"><seg>First</seg></tuv>'
            '<tuv xml:lang="RU-ru"><seg>Первое <it pos="begin">&lt;i&gt;</it>слово.</seg></tuv></tu>'
            '<tu><tuv lang="kaz"><seg>Екінші.</seg></tuv><tuv lang="rus"><seg>Второе.</seg></tuv></tu>'
            '<tu><tuv xml:lang="kk"><seg>Жалғыз.</seg></tuv></tu>'
            '<tu><tuv xml:lang="kk"><seg>  </seg></tuv><tuv xml:lang="ru"><seg>Пусто.</seg></tuv></tu>')
    content = read_tmx(_tmx(tmp_path / "f.tmx", body))
    assert [(u.kk, u.ru) for u in content.units] == [("Бірінші қалың сөз.", "Первое слово."),
                                                     ("Екінші.", "Второе.")]
    assert content.skipped == 2
    assert content.units[0].status == "auto"              # an unknown status is not taken
    assert content.units[0].confidence is None
    assert content.languages == ["KK_kz", "en-GB", "RU-ru", "kaz", "rus", "kk", "ru"]
