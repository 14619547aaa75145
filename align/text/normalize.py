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
from dataclasses import dataclass, field

from ..lang import tables as R
from . import markup, paragraphs
from ..lang.words import LATIN_LETTER, repair
from .otext import OText
from .read import RawText


# ------------------------------------------------------------------ public entry

@dataclass
class Normalized:
    text: str                       # one paragraph a line
    offsets: array                  # the source offset of each character of `text`
    hints: list = field(default_factory=list)   # paragraphs.Hints, one per line of `text`


def normalize(raw: RawText, lang: str) -> Normalized:
    """Normalized text (one paragraph a line), the source offset of each character, and
    what the markup said about each paragraph."""
    source = OText(raw.text, range(len(raw.text)))
    vocabulary = Vocabulary(raw.text, lang)
    lines = markup.parse(source)
    for line in lines:
        line.text = _clean_line(line.text, lang, vocabulary)
    lines = [ln for ln in lines if ln.text.s]
    kept, hints = [], []
    for text, hint in paragraphs.assemble(lines, lang):
        text = _collapse_spaces(text)
        if text.s:
            kept.append(text)
            hints.append(hint)
    joined = OText.join(kept, "\n")
    return Normalized(joined.s, array("i", joined.o), hints)


def normalize_fragment(text: str, lang: str) -> str:
    """Normalize a short piece of text (a search term, an edited segment)."""
    line = _clean_line(OText(text, range(len(text))), lang, Vocabulary("", lang))
    return _collapse_spaces(line).s


# ------------------------------------------------------------------ lines

_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
_MD_BULLET = re.compile(r"^(\s*)[*+-]\s+(?=\S)")
_MD_EMPHASIS = re.compile(r"\*{1,3}|(?<![\w])_{1,3}(?=\w)|(?<=\w)_{1,3}(?![\w])")
# A markdown hard break written as a backslash; tried only where a run of spaces starts
# (a line of spaces was rescanned from every position).
_HARD_BREAK = re.compile(r"(?<!\s)\s*+\\$")
# Runs of spaces to collapse into one space: two or more, or one that is not a plain space
# (replacing a space by itself changes nothing, and matching every word gap was most of the
# cost). Both patterns open with the character they match, which lets the search skip to it.
_ODD_SPACES = r"\t\u00a0\u2000-\u200b\u202f\u205f\u3000"     # spaces other than the plain one
_SPACES = re.compile(rf"[ {_ODD_SPACES}](?:[ {_ODD_SPACES}]+|(?<=[{_ODD_SPACES}]))")
_SPACE_BEFORE_STOP = re.compile(r" (?<=\w )(?=[.,;:](?:\s|$))")


def _clean_line(line: OText, lang: str, vocabulary: Vocabulary) -> OText:
    # each mark is looked for only on lines that hold its character: most lines hold none
    s = line.s
    if "#" in s:
        line = line.sub(_MD_HEADING, "")
    if line.s.lstrip()[:1] in ("*", "+", "-"):
        line = line.sub(_MD_BULLET, r"\1")
    if "*" in line.s or "_" in line.s:
        line = line.sub(_MD_EMPHASIS, "")
    if "\\" in line.s:
        line = line.sub(_HARD_BREAK, "")
    line = _fix_letter_spacing(line, vocabulary, lang)
    line = _fix_homoglyphs(line, lang)
    return line.strip()


def _collapse_spaces(text: OText) -> OText:
    text = text.sub(_SPACES, " ")
    # "өткiзедi\n." leaves a lone stop after joining; keep it on its word.
    text = text.sub(_SPACE_BEFORE_STOP, "")
    return text.strip()


# ------------------------------------------------------------------ letter spacing

_TOKEN = re.compile(r"\S+")
# Four single characters in a row, which every letter-spaced run holds: lines without
# them (nearly all) are not tokenized. The two in the middle, with the spaces around them,
# are looked for first: that pattern opens with a space, which the search skips to.
_SPACED = re.compile(r"(?<!\S)\S(?:\s++\S){3}(?!\S)")
_SPACED_MIDDLE = re.compile(r"\s\S\s++\S\s")


def _fix_letter_spacing(line: OText, vocabulary: Vocabulary, lang: str) -> OText:
    """"Қ а з а қ с т а н  Р е с п" -> "Қазақстан Респ": inside a run of single characters,
    one space separates letters and two or more separate words. A run spaced evenly
    throughout is split into words found elsewhere in the document, or left whole."""
    s = line.s
    if not (_SPACED_MIDDLE.search(s) and _SPACED.search(s)):
        return line
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


def _split_by_vocabulary(s: str, positions: list[int], vocabulary: Vocabulary, lang: str) -> list[list[int]]:
    letters = [p for p in positions if s[p].isalpha()]
    word = repair("".join(s[p] for p in letters), lang).lower()
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


class Vocabulary:
    """The words of the document, for splitting letter-spaced runs: gathered on the first
    look-up, since most documents have no run that needs them."""

    __slots__ = ("_text", "_lang", "_words")

    def __init__(self, text: str, lang: str):
        self._text, self._lang, self._words = text, lang, None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            found = set(re.findall(r"[^\W\d_]{2,}", self._text))
            self._words = {repair(w, self._lang).lower() for w in found}
            self._text = ""
        return word in self._words


# ------------------------------------------------------------------ look-alike letters

# Web and e-mail addresses, whose Latin letters are not look-alikes to repair. Found token by
# token: the single pattern `(?:https?://|www\.)\S+|\S+@\S+\.\w+` rescanned a line without
# spaces from every position (45 s on 200 KB). The spans are the ones that pattern gave.
_URL_START = re.compile(r"https?://|www\.", re.I)
_MAIL_TAIL = re.compile(r"\.\w+")


def _url_spans(s: str) -> list[tuple[int, int]]:
    if "@" not in s and not _URL_START.search(s):
        return []                            # no token to look at
    spans = []
    for tok in _TOKEN.finditer(s):
        start, text = tok.start(), tok.group()
        url = _url_start(text, 0)
        if url and url.start() == 0:
            spans.append(tok.span())
            continue
        mail = _mail_end(text)
        if mail:                             # the address, then perhaps a web address after it
            spans.append((start, start + mail))
            url = _url_start(text, mail)
        if url:
            spans.append((start + url.start(), tok.end()))
    return spans


def _url_start(token: str, pos: int):
    url = _URL_START.search(token, pos)
    return url if url and url.end() < len(token) else None     # a bare "www." is no address


def _mail_end(token: str) -> int:
    """Where `something@something.word` ends in `token` (it starts at the token's start), or 0."""
    at = token.find("@", 1)
    end = 0
    if at > 0:
        for tail in _MAIL_TAIL.finditer(token, at + 2):
            end = tail.end()
    return end


# A whole run of letters (as `lang.words.LETTERS` finds it) holding a Latin letter: only such words
# can hold a look-alike to repair. Possessive, so a long run without one is passed once.
_WITH_LATIN = re.compile(r"(?<![^\W\d_])[^\W\d_A-Za-z]*+[A-Za-z][^\W\d_]*+")


def _fix_homoglyphs(line: OText, lang: str) -> OText:
    s = line.s
    if s.isascii() or not LATIN_LETTER.search(s):    # most lines hold no Latin letter
        return line
    urls = None
    chars = None
    for m in _WITH_LATIN.finditer(s):
        word = m.group()
        fixed = repair(word, lang)
        if fixed == word:
            continue
        if urls is None:
            urls = _url_spans(s)
        if any(a <= m.start() < b for a, b in urls):
            continue
        if chars is None:
            chars = list(s)
        chars[m.start():m.end()] = fixed
    return OText("".join(chars), line.o) if chars is not None else line
