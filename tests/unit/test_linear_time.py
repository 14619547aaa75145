"""Hostile input in bounded time: 1 MB lines and 100,000-character words go through reading,
segmentation and term extraction in time that grows linearly with their size.

No test here compares a time with a fixed bound (machines differ); each compares the CPU
time at twice the size with the time at the size: about 2x when linear, 4x when quadratic
(the patterns these tests were written for took 3.7 s at 50 KB and 45 s at 200 KB)."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from align.glossary.terms import kazakh_terms, russian_terms
from align.lang.tables import STAMP
from align.text import markup, normalize
from align.text.normalize import _url_spans
from align.text.pipeline import build_document
from align.text.read import RawText

SEED = (Path(__file__).resolve().parents[2] / "seeds" / "kk" / "000_814850e4c9e980b5.txt").read_text(encoding="utf-8")
MB = 1 << 20


def _cpu(fn, arg) -> float:
    start = time.process_time()
    fn(arg)
    return time.process_time() - start


def assert_linear(fn, make, size: int) -> None:
    """fn(make(2 * size)) takes less than 3x fn(make(size)); measured twice if it looks
    worse, since other processes share the machine."""
    small, large = make(size), make(2 * size)
    for _ in range(2):
        t1, t2 = _cpu(fn, small), _cpu(fn, large)
        if t2 < 3 * t1 + 0.05:
            return
    raise AssertionError(f"{fn.__name__}: {t1:.2f} s at {size:,}, {t2:.2f} s at {2 * size:,} characters")


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _read_kazakh(text: str):
    return build_document(RawText(text, "utf-8", "txt"), "hostile.txt", "kk")


@pytest.mark.parametrize("unit", [
    "әқ1.ә.ә@ә.әwww.#|-",       # addresses, numbers, stops and markup, no space at all
    "1.",                       # a point number repeated: razdel's candidate stops
    "ә. ",                      # a one-letter "abbreviation" before every stop
])
def test_a_1_mb_line_is_read_and_segmented_in_linear_time(unit):
    assert_linear(_read_kazakh, lambda n: SEED + "\n\n" + repeat(unit, n) + "\n", MB // 2)


def test_a_1_mb_line_is_segmented_into_bounded_pieces():
    doc = _read_kazakh(SEED + "\n\n" + repeat("қазақ", MB) + "\n")
    assert max(s.end - s.start for s in doc.segments) <= 5000


def _terms(text: str):
    kazakh_terms(text)
    russian_terms(text)


@pytest.mark.parametrize("word", ["а", "қорғау", "у"])
def test_100000_character_words_give_terms_in_linear_time(word):
    # ten (twenty) words of 100,000 letters each, ending like a verbal noun or not
    assert_linear(_terms, lambda n: " ".join(repeat(word, 100_000) for _ in range(n)) + ".", 5)


def test_a_1_mb_segment_of_words_gives_terms_in_linear_time():
    assert_linear(_terms, lambda n: repeat("Тараптар уәкілетті органдар «1) ", n), MB // 4)


@pytest.mark.parametrize("pattern, unit, use", [
    (markup._HEADING_TAIL, " ", "search"),
    (markup._PIPE_SEPARATOR, " ", "match"),
    (STAMP["kk"], "1", "search"),
    (normalize._HARD_BREAK, " ", "search"),
    (markup._LINE_BREAK_RUN, " ", "search"),
])
def test_patterns_found_quadratic_by_the_audit_are_linear(pattern, unit, use):
    def run(text):
        getattr(pattern, use)(text)
    run.__name__ = pattern.pattern[:30]
    assert_linear(run, lambda n: repeat(unit, n) + "x", 100_000)


def test_url_spans_are_those_of_the_old_pattern():
    old = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
    for s in ["see www.adilet.zan.kz, or http://x.kz/a?b=1.", "mail a.b@gov.kz) now", "x@y.z,HTTP://q",
              "қ@www.", "www.", "a@b.c.d@e", "(info@adilet.kz)", "at @ sign. @x.y"]:
        assert _url_spans(s) == [m.span() for m in old.finditer(s)], s
