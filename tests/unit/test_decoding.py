"""Decoding chooses the encoding that reads best and refuses what is not text (issue 15)."""
from __future__ import annotations

import random

import pytest
from conftest import SEEDS

from align.errors import InputError
from align.text.decode import decode
from align.text.plausible import assess, formable

RU = (SEEDS / "ru" / "000_814850e4c9e980b5.txt").read_text(encoding="utf-8")
KK = (SEEDS / "kk" / "002_700c28a48b73b99d.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("text,encoding,expected", [
    (RU, "cp1251", "cp1251"), (KK, "kz1048", "kz1048"), (RU, "utf-8", "utf-8"), (KK, "utf-16", "utf-16"),
])
def test_each_encoding_reads_back_exactly(text, encoding, expected):
    raw = decode(text.encode(encoding), "a.txt")
    assert (raw.text, raw.encoding, raw.notes) == (text, expected, [])


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_are_never_text(seed):
    rnd = random.Random(seed)
    low = 0 if seed % 2 else 0x20          # with and without control bytes
    data = bytes(rnd.randrange(low, 256) for _ in range(3000))
    with pytest.raises(InputError, match="binary|encoding|words|damaged"):
        decode(data, "r.txt")


@pytest.mark.parametrize("codepage", ["cp1251", "kz1048"])
def test_utf8_read_in_a_code_page_and_saved_again_is_refused(codepage):
    mojibake = RU.encode("utf-8").decode(codepage, "replace")
    assert "Р" in mojibake and assess(mojibake).formable < 0.2
    with pytest.raises(InputError, match="does not read as words"):
        decode(mojibake.encode("utf-8"), "m.txt")


def test_a_few_damaged_bytes_in_utf8_are_refused_not_read_as_kz1048():
    data = bytearray(RU.encode())
    data[1500] = 0xFE
    with pytest.raises(InputError, match="UTF-8 but damaged.*first at byte"):
        decode(bytes(data), "d.txt")


def test_a_cut_off_last_character_is_dropped_and_noted():
    raw = decode((RU.rstrip() + " закон").encode()[:-1], "t.txt")
    assert raw.encoding == "utf-8" and raw.text.endswith(" зако")
    assert raw.notes == [("t.txt: the file ends in the middle of a character (cut short?); "
                          "the last 1 byte(s) were left out")]


def test_a_lone_control_character_is_a_space_and_noted_two_are_refused():
    one = decode(("Статья 1.\x07 " + RU).encode(), "c.txt")
    assert one.text == "Статья 1.  " + RU and "U+0007" in one.notes[0]
    with pytest.raises(InputError, match="2 control characters"):
        decode(("Статья 1.\x07 \x1b" + RU).encode(), "c.txt")


def test_nul_bytes_are_refused():
    with pytest.raises(InputError, match="NUL bytes, the first at byte 6"):
        decode(b"abcdef\x00" + RU.encode(), "n.txt")


def test_replacement_characters_are_refused():
    with pytest.raises(InputError, match="replacement characters"):
        decode(RU.replace("о", "\ufffd", 50).encode(), "f.txt")


@pytest.mark.parametrize("word,ok", [
    ("Үкiметi", True), ("ҚР", True), ("Республикасы", True), ("Article", True), ("Straße", True),
    ("РёС", False), ("Ђрг", False), ("ўРђ", False), ("сТАТЬЯ", False),
])
def test_words_the_alphabet_can_form(word, ok):
    assert formable(word) is ok


def test_utf8_page_with_an_old_cp1251_meta_is_read_as_utf8():
    from align.text.html import read_html_bytes
    # too few words for the readability check to catch the mojibake a cp1251 reading makes
    page = '<html><head><meta charset="windows-1251"></head><body><p>Қ а з а қ с т а н</p></body></html>'
    raw = read_html_bytes(page.encode("utf-8"), "p.html")
    assert raw.encoding == "utf-8" and "Қ а з а қ с т а н" in raw.text


def test_cut_off_utf8_page_with_a_cp1251_meta_is_not_read_as_cp1251():
    from align.text.html import read_html_bytes
    page = '<html><head><meta charset="windows-1251"></head><body><p>Қ а з а қ с т а н</p><p>Тар'
    raw = read_html_bytes(page.encode("utf-8")[:-1], "p.html")
    assert raw.encoding == "utf-8" and "Қ а з а қ с т а н" in raw.text and "Та" in raw.text
