"""Headings of the units of an act: part, section, chapter, paragraph, article.

"5-бап Қауіпсіздік" and "Статья 5. Безопасность" are headings; "3-бабында" and "статьей 3"
are references inside sentences. Identifiers are strings as the act writes them ("3-1" for
an inserted article, "1024" in a code), with Roman numerals read as numbers so that
"І бөлім" and "Раздел I" meet. When a line holds the article's first sentence after its
number ("Статья 4. На всей территории …"), the heading ends at the number and the rest
is text: the other version may well put that sentence on a line of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang import tables as R

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_TERMINAL = (".", ";", ":", "!", "?", "…")


def _any_of(patterns) -> re.Pattern:
    """One pattern that matches wherever one of `patterns` does (their group names dropped,
    which may not repeat within a pattern)."""
    flags = 0
    for p in patterns:
        flags |= p.flags
    return re.compile("|".join("(?:" + re.sub(r"\(\?P<\w+>", "(?:", p.pattern) + ")" for p in patterns), flags)


# Most paragraphs are no heading: one failed match of this tells so, instead of one per level.
_ANY_HEADING = {lang: _any_of([p for _, p in levels]) for lang, levels in R.HEADINGS.items()}


@dataclass(frozen=True)
class Heading:
    level: str          # one of lang.tables.HEADING_LEVELS
    ident: str          # "5", "3-1", "general"
    title: str          # the unit's title, "" when there is none
    end: int            # where the heading ends in the line; text after it is the unit's own
    excluded: bool = False

    @property
    def key(self) -> str:
        """What the same unit is called in both languages: "article:3-1", "chapter:2"."""
        return f"{self.level}:{self.ident}"


def parse_heading(line: str, lang: str, marked: bool | str = False) -> Heading | None:
    """The heading at the start of a paragraph, or None.

    `marked`: the markup shows the line as a heading (a markdown `#` line or a bold line),
    which lets a chapter numbered like a point ("1. Жалпы ережелер") count as one. A `#`
    line (`marked == "title"`) is a heading whole: what follows the number is its title."""
    stripped = line.lstrip()
    lead = len(line) - len(stripped)
    if lang in _ANY_HEADING and _ANY_HEADING[lang].match(stripped):
        for level, pattern in R.HEADINGS[lang]:
            m = pattern.match(stripped)
            if m:
                return _heading(level, m.group("num"), stripped, m.start("rest"), lead, lang, marked == "title")
    if marked:
        m = R.NUMBERED_HEADING.match(stripped)
        if m and not m.group("rest").rstrip().endswith(_TERMINAL) \
                and len(m.group("rest").split()) <= R.TITLE_MAX_WORDS:
            return Heading("chapter", m.group("num"), m.group("rest").strip(), len(line))
    return None


def _heading(level: str, num: str, line: str, rest_at: int, lead: int, lang: str, whole: bool = False
             ) -> Heading | None:
    rest = line[rest_at:]
    text = rest.strip()
    number_ends_with_stop = line[:rest_at].rstrip().endswith((".", ":"))
    if text[:1].islower() and not R.EXCLUDED[lang].match(text):
        if lang == "kk" or not number_ends_with_stop:
            return None  # "Статья 5 настоящего Соглашения …", "5-бап бойынша …": a sentence
    ident = normalize_ident(level, num)
    excluded = bool(R.EXCLUDED[lang].match(text))
    if not text or excluded or whole or not _reads_like_text(text):
        return Heading(level, ident, text.strip(" .:"), lead + len(line), excluded)
    # the unit's first sentence follows its number on the same line
    end = lead + rest_at
    return Heading(level, ident, "", end)


def _reads_like_text(rest: str) -> bool:
    words = rest.split()
    if len(words) > R.TITLE_MAX_WORDS:
        return True
    return rest.endswith(_TERMINAL) and len(words) >= 4


def normalize_ident(level: str, num: str) -> str:
    """"3 - 1" -> "3-1", "IV"/"ІV" -> "4", "ЖАЛПЫ"/"Общая" -> "general"."""
    num = re.sub(r"\s*-\s*", "-", num.strip())
    if level == "part":
        return R.PART_IDS.get(num.lower(), num.lower())
    if not num[:1].isdigit():
        return str(roman_value(num.upper().translate(R.ROMAN_LOOKALIKES)) or num)
    return num


def roman_value(s: str) -> int | None:
    if not s or any(ch not in _ROMAN_VALUES for ch in s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total
