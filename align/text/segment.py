"""Segment: sentences inside each block.

razdel proposes sentence boundaries (measured acceptable for both languages); the
abbreviation tables of `lang.tables` veto boundaries after abbreviations and initials,
and inline numbering ("… мыналар: 2. Тараптар …") adds boundaries razdel does not see.
Headings and list items are already blocks of their own, so each is one segment.
"""
from __future__ import annotations

import re

from razdel import sentenize

from ..lang import tables as R
from .. import model as M

# "…: 2. Тараптар", "…; 3) …", "…; және 3.7) …": a number opening a point or sub-item
# inside a paragraph (the space before it is the cut). Written to open with the stop, which
# the search skips to; the conjunction is tried only after ";" (a number and a conjunction
# cannot both follow one stop, so this finds what `[:;.]|;\s+(?:және|…)` found).
_INLINE_NUMBER = re.compile(r"[:;.](?:(?<=;)\s+(?:және|немесе|не|и|или|либо|а\s+также))?(\s+)"
                            r"(?=(?:\d{1,3}(?:\.\d{1,3})*[.)]|\((?:[ivx]{1,5}|\d{1,3})\))\s+\S)")
_ABBREV_END = re.compile(r"(?:^|[\s(«\"])(?P<abbr>[^\W\d_]+(?:\.[^\W\d_]+)*)\.$")
_BARE_NUMBER = re.compile(r"^\d{1,4}(?:[-.]\d{1,3})*[.)]$")
_NUMBER_SIGN_END = re.compile(r"(?:№|N)\s*$")
# A list item in running text: ends with ";" or follows a paragraph that opens a list.
_OPENS_LIST = (":", ";")


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph."""
    chunks, cut = [], 0
    for m in _INLINE_NUMBER.finditer(text):
        chunks.append((cut, m.start(1)))
        cut = m.end(1)
    chunks.append((cut, len(text)))
    out: list[list[int]] = []
    for lo, hi in chunks:
        merged: list[list[int]] = []
        for start, stop in _sentences(text, lo, hi, lang):
            # only the end of the sentence so far decides, and a bounded slice of it keeps a
            # run of thousands of merges linear
            if merged and _no_boundary(text[max(merged[-1][0], merged[-1][1] - _TAIL):merged[-1][1]],
                                       text[start:min(stop, start + _TAIL)], lang):
                merged[-1][1] = stop
            else:
                merged.append([start, stop])
        out.extend(merged)
    return [(a, b) for a, b in out if text[a:b].strip()]


# razdel takes some ordinary words for abbreviations ("в нем. Сроки", нем = немецкий): a
# stop after a lower-case word of three or more letters that our tables do not list as
# an abbreviation, followed by a capital, ends the sentence.
_MISSED_END = re.compile(r"(?<![^\W\d_])([^\W\d_]{3,})\.\s+(?=[А-ЯЁӘҒҚҢӨҰҮҺІA-Z])")
# Its stop and capital alone, searched first: a pattern that opens with the stop is found
# far faster, and most sentences hold no stop before a capital at all.
_STOP_CAPITAL = re.compile(r"\.\s+(?=[А-ЯЁӘҒҚҢӨҰҮҺІA-Z])")


# razdel's time grows with the square of a sentence's length (it rebuilds the sentence at
# each candidate stop): 1 MB of "1.1.1." took minutes. No sentence of an act is this long,
# so longer text is given to razdel in pieces cut at a space (or anywhere, if none).
RAZDEL_PIECE = 5000
# How much of the sentence before a candidate boundary `_no_boundary` looks at: far more
# than the longest abbreviation, note word or inserted point number.
_TAIL = 256


def _pieces(text: str, lo: int, hi: int):
    while hi - lo > RAZDEL_PIECE:
        cut = text.rfind(" ", lo + RAZDEL_PIECE // 2, lo + RAZDEL_PIECE)
        cut = cut + 1 if cut > 0 else lo + RAZDEL_PIECE
        yield lo, cut
        lo = cut
    yield lo, hi


def _sentences(text: str, lo: int, hi: int, lang: str):
    for piece_lo, piece_hi in _pieces(text, lo, hi):
        yield from _razdel_sentences(text, piece_lo, piece_hi, lang)


def _razdel_sentences(text: str, lo: int, hi: int, lang: str):
    for s in sentenize(text[lo:hi]):
        start, stop = lo + s.start, lo + s.stop
        if not _STOP_CAPITAL.search(text, start, stop):
            yield start, stop
            continue
        for m in _MISSED_END.finditer(text, start, stop):
            word = m.group(1)
            if word.islower() and word not in R.ABBREVIATIONS[lang]:
                yield start, m.end(1) + 1
                start = m.end()
        yield start, stop


def _no_boundary(before: str, after: str, lang: str) -> bool:
    before = before.rstrip()
    if before.endswith(";"):
        return True  # "…тағайындайды; Құрылтайдың …": a clause, the capital is a name
    if _BARE_NUMBER.match(before):
        return True  # "15-1." opening an inserted point
    if not before.endswith("."):
        return False
    if R.NOTE[lang].match(before) and len(before.split()) == 1:
        return True  # "Примечание. Текст ..." is one sentence
    # abbreviations are short: the last 40 characters hold any of them, and searching only
    # those keeps a long run of "а.а.а." from being rescanned from every position
    m = _ABBREV_END.search(before[-40:])
    if m and m.start("abbr") == 0 and len(before) > 40:
        m = None            # the word runs on before the window: no abbreviation that long
    if m:
        abbr = m.group("abbr")
        if abbr in R.ABBREVIATIONS[lang] or abbr.lower() in R.ABBREVIATIONS[lang]:
            # "2004 ж. 1 наурыз" / "ст. 5": the abbreviation is inside the sentence
            # unless the next word starts a new sentence with a capital
            first = after.lstrip()[:1]
            return not first.isupper() or abbr in ("ҚР", "РК", "РФ")
        if len(abbr) == 1 and abbr.isupper():
            return True  # an initial: "О. Бектенов"
    return False


# Blocks that are one segment whatever their punctuation: headings and titles, stamps and
# signatures, a table row, a line of the table of contents; and an editorial note that the
# markup sets apart as a quoted block (the portal's way: its sentences are one remark).
WHOLE_BLOCKS = (M.HEADING, M.TITLE, M.DESIGNATION, M.SIGNATURE, M.APPROVAL, M.AGREEMENT_TITLE,
                M.DRAFT, M.TABLE, M.STAMP, M.TOC)


def segment(doc: M.Document) -> list[M.Segment]:
    segments: list[M.Segment] = []
    previous_text = ""
    for index, block in enumerate(doc.blocks):
        text = doc.block_text(block)
        if block.kind == M.FURNITURE:
            continue
        if block.kind in WHOLE_BLOCKS or block.kind == M.EDITORIAL and block.quoted:
            spans = [(0, len(text))]
        else:
            spans = split_sentences(text, doc.lang)
        kind = block.kind
        if kind == M.SUBITEM or (kind == M.TEXT and (text.rstrip().endswith(";")
                                                      or previous_text.rstrip().endswith(_OPENS_LIST))):
            kind = "item"
        for a, b in spans:
            piece = text[a:b]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece.rstrip())
            start, end = block.start + a + lead, block.start + a + trail
            segments.append(M.Segment(start, end, doc.text[start:end], index, kind))
        previous_text = text
    return segments
