"""Normalize: repair what copying from PDF and the legal portal does to text, keeping
for every character the offset it came from.

Repairs: Latin look-alike letters inside Cyrillic words, letter-spaced words, markdown
marks, lines wrapped inside paragraphs, blank-line runs left by page breaks, runs of
spaces. Words displaced by a bad PDF copy ("ратификациялансын.келісім") stay as they
are: there is no safe way to guess the original order.

The result is one paragraph a line; `structure` reads blocks from those lines.
"""
from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from .. import lang_rules as R
from .read import RawText
from .structure import parse_heading


class OText:
    """A string with, for each character, its offset in the source text."""

    __slots__ = ("s", "o")

    def __init__(self, s: str, o):
        self.s = s
        self.o = list(o)

    def __len__(self):
        return len(self.s)

    def __getitem__(self, sl: slice) -> "OText":
        return OText(self.s[sl], self.o[sl])

    def strip(self) -> "OText":
        left = len(self.s) - len(self.s.lstrip())
        right = len(self.s.rstrip())
        return self[left:max(left, right)]

    def sub(self, pattern: re.Pattern, repl) -> "OText":
        """re.sub with offsets: output characters that are kept from the match keep their
        offsets; inserted or changed ones take the offset of the match position they stand at."""
        out, offs, last = [], [], 0
        for m in pattern.finditer(self.s):
            out.append(self.s[last:m.start()])
            offs.extend(self.o[last:m.start()])
            new = repl(m) if callable(repl) else m.expand(repl)
            src, k = m.group(0), 0
            for ch in new:
                j = src.find(ch, k)
                if 0 <= j - k <= 40:
                    k = j + 1
                else:
                    j = max(0, min(k, len(src) - 1))
                offs.append(self._offset_at(m.start() + j))
            out.append(new)
            last = m.end()
        out.append(self.s[last:])
        offs.extend(self.o[last:])
        return OText("".join(out), offs)

    def _offset_at(self, i: int) -> int:
        """The source offset of position i, or of the last character when i is past the end."""
        return self.o[min(i, len(self.o) - 1)] if self.o else 0

    @staticmethod
    def join(parts: list["OText"], sep: str) -> "OText":
        s, o = [], []
        for i, p in enumerate(parts):
            if i:
                s.append(sep)
                o.extend([p.o[0] if p.o else (o[-1] if o else 0)] * len(sep))
            s.append(p.s)
            o.extend(p.o)
        return OText("".join(s), o)


@dataclass
class Line:
    text: OText
    indent: int
    gap: int            # blank lines before it
    bold_cont: bool     # inside a markdown **bold** span opened on an earlier line


# ------------------------------------------------------------------ public entry

def normalize(raw: RawText, lang: str) -> tuple[str, array]:
    """Normalized text (one paragraph a line) and the source offset of each character."""
    source = OText(raw.text, range(len(raw.text)))
    vocabulary = _vocabulary(raw.text, lang)
    lines = _lines(source, lang, vocabulary)
    if raw.layout == "paragraphs":
        paragraphs = [ln.text for ln in lines]
    else:
        paragraphs = _paragraphs(lines, lang, _indent_style(lines))
    cleaned = [_collapse_spaces(p) for p in paragraphs]
    cleaned = [p for p in cleaned if p.s]
    text = OText.join(cleaned, "\n")
    return text.s, array("i", text.o)


def normalize_fragment(text: str, lang: str) -> str:
    """Normalize a short piece of text (a search term, an edited segment)."""
    line = _clean_line(OText(text, range(len(text))), lang, set())
    return _collapse_spaces(line).s


# ------------------------------------------------------------------ lines

_NEWLINE = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\f|\v")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
_MD_BULLET = re.compile(r"^(\s*)[*+-]\s+(?=\S)")
_MD_EMPHASIS = re.compile(r"\*{1,3}|(?<![\w])_{1,3}(?=\w)|(?<=\w)_{1,3}(?![\w])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def _split_lines(text: OText) -> list[OText]:
    out, last = [], 0
    for m in _NEWLINE.finditer(text.s):
        out.append(text[last:m.start()])
        last = m.end()
    out.append(text[last:])
    return out


def _lines(source: OText, lang: str, vocabulary: set[str]) -> list[Line]:
    lines: list[Line] = []
    gap = 0
    in_bold = False
    for raw_line in _split_lines(source):
        expanded = raw_line.s.replace("\t", "    ")
        if not expanded.strip() or not expanded.strip(" *#_-\u00a0"):
            gap += 1
            continue
        indent = len(expanded) - len(expanded.lstrip(" \u00a0"))
        opens_bold = raw_line.s.count("**") % 2 == 1
        text = _clean_line(raw_line, lang, vocabulary)
        if text.s:
            lines.append(Line(text, indent, gap, in_bold))
            gap = 0
        if opens_bold:
            in_bold = not in_bold
    return lines


def _clean_line(line: OText, lang: str, vocabulary: set[str]) -> OText:
    line = line.sub(_MD_HEADING, "")
    line = line.sub(_MD_BULLET, r"\1")
    line = line.sub(_MD_EMPHASIS, "")
    line = line.sub(re.compile(r"\s*\\$"), "")  # markdown hard break written as a backslash
    line = _fix_letter_spacing(line, vocabulary, lang)
    line = _fix_homoglyphs(line, lang)
    return line.strip()


def _collapse_spaces(text: OText) -> OText:
    text = text.sub(_SPACES, " ")
    # "өткiзедi\n." leaves a lone stop after joining; keep it on its word.
    text = text.sub(re.compile(r"(?<=\w) (?=[.,;:](?:\s|$))"), "")
    return text.strip()


# ------------------------------------------------------------------ letter spacing

_TOKEN = re.compile(r"\S+")


def _fix_letter_spacing(line: OText, vocabulary: set[str], lang: str) -> OText:
    """"Қ а з а қ с т а н  Р е с п" -> "Қазақстан Респ": inside a run of single characters,
    one space separates letters and two or more separate words. A run spaced evenly
    throughout is split into words found elsewhere in the document, or left whole."""
    s = line.s
    tokens = list(_TOKEN.finditer(s))
    runs, i = [], 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and len(tokens[j].group()) == 1:
            j += 1
        letters = sum(1 for t in tokens[i:j] if t.group().isalpha())
        if letters >= 4:
            runs.append((i, j))
            i = j
        else:
            i = max(j, i + 1)
    if not runs:
        return line
    pieces, offs, last = [], [], 0
    for i, j in runs:
        start, end = tokens[i].start(), tokens[j - 1].end()
        pieces.append(s[last:start])
        offs.extend(line.o[last:start])
        words: list[list[int]] = [[]]
        for k in range(i, j):
            t = tokens[k]
            if k > i and t.start() - tokens[k - 1].end() >= 2 and t.group().isalnum():
                words.append([])
            words[-1].append(t.start())
        if len(words) == 1 and len(words[0]) >= 8:
            words = _split_by_vocabulary(s, words[0], vocabulary, lang)
        for w, positions in enumerate(words):
            if w:
                pieces.append(" ")
                offs.append(line.o[positions[0]])
            for p in positions:
                pieces.append(s[p])
                offs.append(line.o[p])
        last = end
    pieces.append(s[last:])
    offs.extend(line.o[last:])
    return OText("".join(pieces), offs)


def _split_by_vocabulary(s: str, positions: list[int], vocabulary: set[str], lang: str) -> list[list[int]]:
    letters = [p for p in positions if s[p].isalpha()]
    word = _repair_word("".join(s[p] for p in letters), lang).lower()
    n = len(word)
    # fewest known words covering the whole run; None where no cover exists
    best: list[tuple[int, int] | None] = [None] * (n + 1)
    best[0] = (0, 0)
    for end in range(1, n + 1):
        for start in range(max(0, end - 30), end):
            if best[start] is not None and end - start >= 2 and word[start:end] in vocabulary:
                cand = (best[start][0] + 1, start)
                if best[end] is None or cand[0] < best[end][0]:
                    best[end] = cand
    if best[n] is not None and best[n][0] >= 2:
        cuts, end = [], n
        while end > 0:
            start = best[end][1]
            cuts.append(start)
            end = start
    else:
        # "құқықтарыбар": a word the document does not use again, then a common short word
        tail = max((w for w in R.TRAILING_WORDS.get(lang, ()) if word.endswith(w) and n - len(w) >= 4),
                   key=len, default=None)
        if tail is None:
            return [positions]
        cuts = [n - len(tail)]
    cut_positions = {letters[c] for c in cuts if c}
    out: list[list[int]] = [[]]
    for p in positions:
        if p in cut_positions:
            out.append([])
        out[-1].append(p)
    return out


def _vocabulary(text: str, lang: str) -> set[str]:
    """The words of the document, for splitting letter-spaced runs."""
    return {_repair_word(w, lang).lower() for w in re.findall(r"[^\W\d_]{2,}", text)}


# ------------------------------------------------------------------ look-alike letters

_WORD = re.compile(r"[^\W\d_]+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.I)


def _has_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _repair_word(word: str, lang: str) -> str:
    table = R.HOMOGLYPHS.get(lang, R.HOMOGLYPHS["ru"])
    if not _has_cyrillic(word) or set(word) <= R.ROMAN_LETTERS:
        return word
    latin = [ch for ch in word if ch.isascii()]
    if not latin or any(ch not in table for ch in latin):
        return word
    return "".join(table.get(ch, ch) for ch in word)


def _fix_homoglyphs(line: OText, lang: str) -> OText:
    s = line.s
    if s.isascii():
        return line
    urls = [m.span() for m in _URL.finditer(s)]
    chars = list(s)
    changed = False
    for m in _WORD.finditer(s):
        if any(a <= m.start() < b for a, b in urls):
            continue
        fixed = _repair_word(m.group(), lang)
        if fixed != m.group():
            chars[m.start():m.end()] = fixed
            changed = True
    return OText("".join(chars), line.o) if changed else line


# ------------------------------------------------------------------ paragraphs

_TERMINAL = (".", ";", ":", "!", "?", "…")


def _indent_style(lines: list[Line]) -> bool:
    """The legal portal indents every paragraph's first line; markdown and many
    hand-made files separate paragraphs by blank lines instead."""
    if not lines:
        return False
    return sum(1 for ln in lines if ln.indent >= 4) >= 0.2 * len(lines)


def _starts_lower(s: str) -> bool:
    for ch in s:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit() or ch in "«\"(":
            return False
    return False


def _last_word(s: str) -> str:
    m = re.search(r"([^\W\d_]+)[^\w]*$", s)
    return m.group(1) if m else ""


def is_heading_line(s: str, lang: str) -> bool:
    return parse_heading(s, lang) is not None


def _starts_block(s: str, lang: str) -> bool:
    return bool(R.POINT.match(s) or R.SUBITEM.match(s) or R.NOTE[lang].match(s)
                or R.DRAFT[lang].match(s) or R.DESIGNATION[lang].match(s)
                or R.APPROVAL[lang].match(s) or R.AGREED[lang].search(s)
                or R.AGREEMENT_TITLE[lang].search(s) and lang == "ru")


def _paragraphs(lines: list[Line], lang: str, indent_style: bool) -> list[OText]:
    paragraphs: list[list[Line]] = []
    for line in lines:
        if paragraphs and _joins(paragraphs[-1], line, lang, indent_style):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return [OText.join([ln.text for ln in para], " ") for para in paragraphs]


def _joins(para: list[Line], b: Line, lang: str, indent_style: bool) -> bool:
    a = para[-1]
    first = para[0]
    a_s, b_s = a.text.s, b.text.s
    sofar = " ".join(ln.text.s for ln in para)
    lower = _starts_lower(b_s)
    terminal = a_s.rstrip().endswith(_TERMINAL)
    indented = indent_style and b.indent >= 4
    if is_heading_line(b_s, lang):
        return False
    if is_heading_line(first.text.s, lang):
        # a heading wrapped over two lines: "7-бап ... құқықтары мен" / "міндеттемелері"
        return b.gap == 0 and not indented and lower and not terminal
    if R.POINT.match(b_s) or R.SUBITEM.match(b_s):
        return False
    title_like = indent_style and first.indent < 4
    if _starts_block(b_s, lang) and (title_like or b.gap or terminal or not indent_style):
        return False
    if R.SIGNATURE[lang].match(sofar) and not lower:
        return False
    if b.bold_cont:
        return True
    last = _last_word(a_s)
    if not terminal and (lang == "kk" and R.KAZAKH_GENITIVE.search(last)
                         or last.lower() in R.CONTINUATION_WORDS[lang]):
        return True
    if (not terminal and len(sofar) < 60 and R.SIGNATURE[lang].match(b_s)
            and not R.SIGNATURE[lang].match(sofar)):
        return True  # "Әзірбайжан Республикасы" + "Үкіметі үшін"
    if indent_style:
        if indented:
            return False
        if b.gap == 0:
            return True
        if b.gap >= 2:
            return not terminal  # a page break inside a paragraph
        return lower and not terminal
    if b.gap == 0:
        return not a_s.rstrip().endswith((";", ":"))
    # a blank line after a comma ends a preamble clause ("… ала отырып," / "өзара …")
    return lower and not terminal and not a_s.rstrip().endswith(",")
