"""Paragraphs: which lines of a file belong together, whatever its layout.

Files reach saikes in many layouts: the portal's copy (first lines indented, wrapped near
86 characters, stray blank lines from page breaks), markdown (paragraphs separated by blank
lines), Word "save as text" or a browser copy (one paragraph a line), text wrapped at 40–60
characters with nothing else to mark a paragraph, a PDF pasted into Word (every line a
paragraph of its own). Instead of one threshold, each file's layout is learned from its own
lines — whether blank lines separate paragraphs, whether first lines are indented, whether
and at what width lines are hard-wrapped — and each line boundary is then decided from the
signals that layout makes reliable: sentence ends, numbering and headings, a capital or a
lower-case letter after the break, words that need a continuation, and whether the next
word would have fitted on the line (a line cut short ends its paragraph).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang import tables as R
from .headings import parse_heading
from .markup import Line
from .otext import OText

_TERMINAL = (".", ";", ":", "!", "?", "…")
# The last word of a line, read from the line's end (its characters reversed): searched
# forward, `([^\W\d_]+)[^\w]*$` was tried from every letter of the line.
_LAST_WORD_REVERSED = re.compile(r"[^\w]*+([^\W\d_]+)")
_ABBREV_END = re.compile(r"(?:^|[\s(«\"])([^\W\d_]{1,6}(?:\.[^\W\d_]{1,3})*)\.$")


@dataclass(frozen=True)
class Hints:
    """What the markup said about a paragraph (from its first line)."""
    level: int = 0          # markdown heading level
    bold: bool = False      # the whole line was bold
    quote: int = 0          # `>` block number
    table: bool = False     # a table row
    fence: int = 0          # fenced block number


@dataclass(frozen=True)
class Layout:
    indented: bool          # first lines of paragraphs are indented (the portal's copy)
    blank_separated: bool   # blank lines separate paragraphs (markdown, hand-made files)
    width: int | None       # lines are hard-wrapped at about this many characters


def learn_layout(lines: list[Line], verbatim: bool = False) -> Layout:
    """The layout of a file's lines (or of one fenced block of them: `verbatim`, lines
    kept as typed, where a blank line is just a blank line)."""
    body = [ln for ln in lines if not ln.table and not ln.level]
    if not body:
        return Layout(False, not verbatim, None)
    indented = sum(1 for ln in body if ln.indent >= 4) >= 0.2 * len(body)
    gaps = [ln.gap for ln in body[1:]]
    blank_share = sum(1 for g in gaps if g) / len(gaps) if gaps else 1.0
    lengths = sorted(len(ln.text.s) for ln in body if not ln.quote and not ln.bold)
    width = None
    if len(lengths) >= 6:
        top = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]
        near = sum(1 for n in lengths if n >= 0.6 * top)
        if top <= 200 and near >= 0.4 * len(lengths):
            width = top
    # blank lines between every pair of lines (a PDF pasted into Word) separate nothing
    blank_separated = blank_share >= 0.25 and not (width and blank_share >= 0.9) and not verbatim
    return Layout(indented and not verbatim, blank_separated, width)


def assemble(lines: list[Line], lang: str) -> list[tuple[OText, Hints]]:
    """The paragraphs of the file, each with the hints of its first line."""
    layouts: dict[int, Layout] = {}
    for fence in {ln.fence for ln in lines}:
        layouts[fence] = learn_layout([ln for ln in lines if ln.fence == fence], verbatim=fence > 0)
    groups: list[list[Line]] = []
    for line in lines:
        if groups and _joins(groups[-1], line, lang, layouts[line.fence]):
            groups[-1].append(line)
        else:
            groups.append([line])
    groups = _join_stamps(groups, lang)
    out = []
    for group in groups:
        first = group[0]
        hints = Hints(first.level, first.bold, first.quote, first.table, first.fence)
        out.append((OText.join([ln.text for ln in group], " "), hints))
    return out


STAMP_RUN = 8          # lines of one stamp, at most
STAMP_LINE = 60        # characters of one stamp line, at most


def _join_stamps(groups: list[list[Line]], lang: str) -> list[list[Line]]:
    """An approval stamp or an appendix's designation typed as short lines with nothing
    to join them ("Қазақстан Республикасы / Үкіметінің / 2024 жылғы … / № 752 қаулысымен /
    бекітілген"): a run of short unfinished lines that reads as a stamp is one paragraph."""
    out: list[list[Line]] = []
    k = 0
    while k < len(groups):
        end = k
        while end < len(groups) and end - k < STAMP_RUN and _stamp_piece(groups[end], lang):
            end += 1
        best = None
        for stop in range(end, k + 1, -1):
            text = " ".join(ln.text.s for g in groups[k:stop] for ln in g)
            if R.STAMP[lang].search(text):
                best = stop
                break
        if best:
            out.append([ln for g in groups[k:best] for ln in g])
            k = best
        else:
            out.append(groups[k])
            k += 1
    return out


def _stamp_piece(group: list[Line], lang: str) -> bool:
    s = " ".join(ln.text.s for ln in group)
    return (len(s) <= STAMP_LINE and not group[0].table and not group[0].level and not group[0].quote
            and not is_heading(group[0], lang) and not R.POINT.match(s) and not R.SUBITEM.match(s)
            and not R.PERSON_NAME.match(s) and not s.rstrip().endswith((".", ";", ":")))


def _starts_lower(s: str) -> bool:
    for ch in s:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit() or ch in "«\"(":
            return False
    return False


def _last_word(s: str) -> str:
    """The run of letters the line ends with, punctuation after it aside ("" when it ends
    with a number)."""
    m = _LAST_WORD_REVERSED.match(s[::-1])
    return m.group(1)[::-1] if m else ""


def _first_word(s: str) -> str:
    return s.split(maxsplit=1)[0] if s.strip() else ""


def is_heading(line: Line, lang: str) -> bool:
    return parse_heading(line.text.s, lang, "title" if line.level else line.bold) is not None


def _starts_block(s: str, lang: str) -> bool:
    return bool(R.POINT.match(s) or R.SUBITEM.match(s) or R.NOTE[lang].match(s)
                or R.EDITORIAL[lang].match(s) or R.PROOFREADERS[lang].match(s)
                or R.DRAFT[lang].match(s) or R.DESIGNATION[lang].match(s)
                or R.APPROVAL[lang].match(s) or R.AGREED[lang].search(s)
                or R.AGREEMENT_TITLE[lang].search(s) and lang == "ru")


def _ends_in_abbreviation(s: str, lang: str) -> bool:
    """"… 2004 ж." or "… М.Б.": the stop does not end the sentence."""
    m = _ABBREV_END.search(s.rstrip())
    if not m:
        return False
    abbr = m.group(1)
    return abbr in R.ABBREVIATIONS[lang] or abbr.lower() in R.ABBREVIATIONS[lang] or \
        (len(abbr) == 1 and abbr.isupper())


def _joins(para: list[Line], b: Line, lang: str, layout: Layout) -> bool:
    a = para[-1]
    first = para[0]
    if a.table or b.table or a.level or b.level or b.quote != a.quote:
        return False
    if b.fence != a.fence:
        return _continues(a, b, lang)  # a fenced block that starts inside a paragraph
    a_s, b_s = a.text.s, b.text.s
    if b.quote:
        return _joins_in_quote(a_s, b_s, lang)
    if a_s.endswith("___"):
        return False  # a form's field ends with the blank to fill in
    lower = _starts_lower(b_s)
    terminal = a_s.rstrip().endswith(_TERMINAL)
    indented = layout.indented and b.indent >= 4
    if is_heading(b, lang):
        return False
    if is_heading(first, lang):
        # a heading wrapped over two lines: "7-бап ... құқықтары мен" / "міндеттемелері"
        return (b.gap == 0 or not layout.blank_separated) and not indented and lower and not terminal \
            and not first.bold
    if R.POINT.match(b_s) or R.SUBITEM.match(b_s):
        return False
    title_like = layout.indented and first.indent < 4
    if _starts_block(b_s, lang) and (title_like or b.gap or terminal or not layout.indented):
        return False
    sofar = " ".join(ln.text.s for ln in para)     # only now: most lines are decided above
    if R.SIGNATURE[lang].match(sofar) and not lower:
        return False
    if b.bold_cont:
        return True
    last = _last_word(a_s)
    needs_more = not terminal and (lang == "kk" and R.KAZAKH_GENITIVE.search(last)
                                   or last.lower() in R.CONTINUATION_WORDS[lang])
    if needs_more:
        return True
    if (not terminal and len(sofar) < 60 and R.SIGNATURE[lang].match(b_s)
            and not R.SIGNATURE[lang].match(sofar)):
        return True  # "Әзірбайжан Республикасы" + "Үкіметі үшін"
    if layout.indented:
        if indented:
            return False
        if b.gap == 0:
            return True
        if b.gap >= 2:
            return not terminal  # a page break inside a paragraph
        return lower and not terminal
    if layout.blank_separated:
        if b.gap == 0:
            return not a_s.rstrip().endswith((";", ":"))
        # a blank line after a comma ends a preamble clause ("… ала отырып," / "өзара …")
        return lower and not terminal and not a_s.rstrip().endswith(",")
    # every line break may end a paragraph: the layout of the lines decides
    if terminal:
        return _ends_in_abbreviation(a_s, lang) and not b_s[:1].isupper()
    if layout.width:
        full = len(a_s) + 1 + len(_first_word(b_s)) > 0.92 * layout.width
        return full or lower
    return lower


def _continues(a: Line, b: Line, lang: str) -> bool:
    """A fenced block whose first line finishes the paragraph before it (or the reverse)."""
    a_s, b_s = a.text.s, b.text.s
    if a_s.rstrip().endswith(_TERMINAL) or a_s.endswith("___") or is_heading(a, lang) \
            or is_heading(b, lang) or _starts_block(b_s, lang):
        return False
    return _starts_lower(b_s) or bool(b.fence and not a.fence and len(a_s) > 40)


def _joins_in_quote(a_s: str, b_s: str, lang: str) -> bool:
    """Lines of one `>` block (a stamp, a form's corner) make one paragraph, except the
    lines a form sets apart: a hint in brackets, an approval word on its own."""
    if R.FORM_LINE.match(b_s) or R.FORM_LINE.match(a_s):
        return False
    if R.EDITORIAL[lang].match(b_s) or R.POINT.match(b_s) or R.SUBITEM.match(b_s):
        return False
    return True
