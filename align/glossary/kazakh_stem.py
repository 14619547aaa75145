"""A rule-based stemmer for Kazakh nominal forms, for glossary work.

Kazakh is agglutinative: a noun carries, in this order, a plural ending, a possessive
ending, a case ending and sometimes the attributive -ғы/-гі ("арасындағы"). The stemmer
peels these off from the right, choosing the variant of each ending that the sound at
the end of what remains calls for (органдар, Тараптар, арналар; Тараптың, органның), and
undoes the voicing of the last consonant before a vowel (бабы → бап, министрлігі →
министрлік, аумағы → аумақ).

Every ending, every exception and every protected word lives in the data tables at the
top of this module; the code below only reads them.

    >>> stem("органдардың")
    'орган'
    >>> phrase_key("уәкілетті органдардың")
    'уәкілетті орган'

Only the last word of a noun phrase inflects, so `phrase_key` stems the last word and
keeps the others as they are (lower-cased, look-alike letters repaired).

Where the rules cannot decide on their own (бас+ы or ба+сы? жарғы or жарқ+ы?), a
`KazakhStemmer` built with a lexicon of the word forms seen in a corpus picks the stem
that most of those forms share.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable


from ..lang.kazakh import (ADJECTIVE_SUFFIXES, AGENTIVE, ATTRIBUTIVE, CASE, CASE_AFTER_POSS, DEVOICING,
                           ELIDED_BEFORE, ELIDED_LAST, ELISION, HYPHEN_ENDINGS, LINKED_CLUSTERS, PLURAL, POSS3,
                           PROTECTED, PROTECTED_SUFFIXES, S_FINAL_STEMS, SOUND_CLASS, TIME_WORDS,
                           VOICED_FINAL, VOICING, VOWELS)
from ..lang.words import WORD
from ..lang.words import fold as _fold


# every word of a corpus is folded many times (stems, keys, flags): once per distinct word
fold = lru_cache(maxsize=500_000)(_fold)


def sound_class(ch: str) -> str:
    return SOUND_CLASS.get(ch, "T")


@dataclass(frozen=True)
class Analysis:
    word: str            # the word as given
    stem: str            # lower-case stem: "орган"
    plural: bool = False
    poss: bool = False   # third person possessive
    case: str | None = None   # gen dat acc loc abl ins (priv: -сыз after a possessive)
    attributive: bool = False
    case_len: int = 0    # letters of case + attributive endings at the end of `word`

    @property
    def base(self) -> str:
        """The word without its case and attributive endings, spelled as given:
        "Тараптардың" → "Тараптар", "Үкіметінің" → "Үкіметі"."""
        return self.word[:len(self.word) - self.case_len] if self.case_len else self.word

    @property
    def inflected(self) -> bool:
        return self.plural or self.poss or self.case is not None or self.attributive


# ------------------------------------------------------------------ parsing

_SYLLABIC = frozenset(VOWELS | set("уи"))


def _stem_ok(stem: str) -> bool:
    # Kazakh stems do not end in ұ or ү: мазмұны is мазмұн + -ы, not мазмұ + -ны
    return len(stem) >= 2 and not _SYLLABIC.isdisjoint(stem) and stem[-1] not in "ұү"


def _by_last_letter(endings) -> dict[str, tuple]:
    """The rows of an ending table (ending first) grouped by the ending's last letter, in table
    order: a word is tried only against the endings its own last letter allows, not against
    every ending of every table (1,960 distinct forms analysed per seeds build)."""
    index: dict[str, list] = {}
    for row in endings:
        index.setdefault(row[0][-1], []).append(row)
    return {letter: tuple(rows) for letter, rows in index.items()}


_POSS3_AT = _by_last_letter(POSS3.items())                     # (ending, sound classes before)
_PLURAL_AT = _by_last_letter(PLURAL.items())
_CASE_AT = _by_last_letter((suf, case, after) for case, endings in CASE.items() for suf, after in endings.items())
_CASE_AFTER_POSS_AT = _by_last_letter((suf, case) for case, endings in CASE_AFTER_POSS.items() for suf in endings)


def _bare_parses(w: str) -> list[tuple[str, bool, bool]]:
    """Ways to read `w` as stem [+ plural] [+ possessive]: (stem, plural, poss)."""
    out = [(w, False, False)]
    # possessive
    for suf, after in _POSS3_AT.get(w[-1:], ()):
        if w.endswith(suf) and len(w) > len(suf):
            rest = w[:-len(suf)]
            if sound_class(rest[-1]) not in after:
                continue
            # after a plural ending
            for pl, _ in _PLURAL_AT.get(rest[-1], ()):
                if rest.endswith(pl) and suf in ("ы", "і"):
                    base = rest[:-len(pl)]
                    if base and sound_class(base[-1]) in PLURAL[pl] and _stem_ok(base):
                        out.append((base, True, True))
            if suf in ("ы", "і") and AGENTIVE.search(w):
                continue
            if _stem_ok(rest):
                out.append((rest, False, True))
    # plural
    for pl, after in _PLURAL_AT.get(w[-1:], ()):
        if w.endswith(pl) and len(w) > len(pl):
            base = w[:-len(pl)]
            if sound_class(base[-1]) in after and _stem_ok(base):
                out.append((base, True, False))
    return out


def _parses(word: str) -> list[Analysis]:
    w = fold(word)
    if "-" in w:       # көші-қон, іс-қимыл, Премьер-Министрі: only the last part inflects
        head, _, last = w.rpartition("-")
        if last in HYPHEN_ENDINGS:       # БҰҰ-ның, ЕҚЫҰ-ға: an ending after an abbreviation
            return [Analysis(word, head, False, False, HYPHEN_ENDINGS[last], False, len(last) + 1)]
        return [Analysis(word, f"{head}-{a.stem}", a.plural, a.poss, a.case, a.attributive, a.case_len)
                for a in _parses_simple(word[len(head) + 1:], last)]
    return _parses_simple(word, w)


def _parses_simple(word: str, w: str) -> list[Analysis]:
    if w in PROTECTED or w.endswith(PROTECTED_SUFFIXES) or len(w) <= 2:
        return [Analysis(word, w)]
    out: list[Analysis] = []

    def with_case(rest: str, case: str | None, case_len: int, attributive: bool) -> None:
        for stem, plural, poss in _bare_parses(rest):
            out.append(Analysis(word, stem, plural, poss, case, attributive, case_len))

    def strip_case(w2: str, extra: int, attributive: bool) -> None:
        # no case ending
        if extra == 0:
            with_case(w2, None, 0, False)
        # case after a possessive ending (ends in ы/і/сы/сі + ending)
        last = w2[-1:]
        for suf, case in _CASE_AFTER_POSS_AT.get(last, ()):
            if w2.endswith(suf) and len(w2) > len(suf) + 1:
                rest = w2[:-len(suf)]
                if rest[-1] in "ыі":
                    for stem, plural, poss in _bare_parses(rest):
                        if poss:
                            out.append(Analysis(word, stem, plural, poss, case, attributive,
                                                len(suf) + extra))
        # case after a bare stem or a plural ending
        for suf, case, after in _CASE_AT.get(last, ()):
            if w2.endswith(suf) and len(w2) > len(suf) + 1:
                rest = w2[:-len(suf)]
                if sound_class(rest[-1]) not in after:
                    continue
                for stem, plural, poss in _bare_parses(rest):
                    if not poss:
                        out.append(Analysis(word, stem, plural, poss, case, attributive,
                                            len(suf) + extra))

    strip_case(w, 0, False)
    # attributive after a locative (саласындағы) or after a word of time (жылғы)
    for suf, locs in ATTRIBUTIVE.items():
        if w.endswith(suf) and len(w) > len(suf) + 2:
            rest = w[:-len(suf)]
            if rest in TIME_WORDS:
                out.append(Analysis(word, rest, False, False, None, True, len(suf)))
            if any(rest.endswith(loc) for loc in locs):
                before = len(out)
                strip_case(rest, len(suf), True)
                out[before:] = [a for a in out[before:] if a.case == "loc"]
    # undo voicing and elision before a possessive vowel, and the linking vowel of a loan
    fixed = []
    for a in out:
        s = a.stem
        if a.poss and not a.plural and s and s not in VOICED_FINAL:
            if s in ELISION:
                s = ELISION[s]
            elif _elided(s) and _poss_is_vowel(a):
                s = _restore_vowel(s)
            elif s[-1] in DEVOICING and a.word and _poss_is_vowel(a):
                s = s[:-1] + DEVOICING[s[-1]]
        if a.inflected and _linked(s):
            s = s[:-1]
        fixed.append(Analysis(a.word, s, a.plural, a.poss, a.case, a.attributive, a.case_len)
                     if s != a.stem else a)
    return [a for a in fixed if _stem_ok(a.stem)] or [Analysis(word, w)]


def _elided(stem_: str) -> bool:
    """мүлк, орн, ауз, қалп: a vowel, then a consonant that lets the high vowel after it
    drop, then the last consonant."""
    return len(stem_) >= 3 and stem_[-1] in ELIDED_LAST and stem_[-2] in ELIDED_BEFORE and stem_[-3] in VOWELS


def _restore_vowel(stem_: str) -> str:
    """мүлк → мүлік, орн → орын: the dropped vowel, back or front as the vowel before it."""
    return stem_[:-1] + ("ы" if _is_back(stem_[:-1]) else "і") + stem_[-1]


def _linked(stem_: str) -> bool:
    """акті (of актілер), банкі (of банкісі): a loan's cluster and its linking vowel."""
    return len(stem_) >= 4 and stem_[-1] in "ыі" and stem_[-3:-1] in LINKED_CLUSTERS


def _poss_is_vowel(a: Analysis) -> bool:
    """True when the possessive ending of `a` is the bare vowel -ы/-і (not -сы/-сі)."""
    base = fold(a.base)
    return not (base.endswith("сы") or base.endswith("сі")) or base[:-2] != a.stem


def _default_order(a: Analysis) -> tuple:
    """Preference without a lexicon: protected and known stems first, then the reading
    that explains the most letters as endings."""
    known = a.stem in PROTECTED or a.stem in S_FINAL_STEMS or a.stem.rpartition("-")[2] in PROTECTED
    s_final = a.stem in S_FINAL_STEMS
    return (known, s_final, len(a.word) - len(a.stem), a.plural + a.poss + (a.case is not None),
            -len(a.stem))


@lru_cache(maxsize=200_000)
def _analyze(word: str) -> tuple[Analysis, ...]:
    parses = _parses(word)
    uniq: dict[tuple, Analysis] = {}
    for a in parses:
        uniq.setdefault((a.stem, a.plural, a.poss, a.case, a.attributive, a.case_len), a)
    return tuple(sorted(uniq.values(), key=_default_order, reverse=True))


def analyses(word: str) -> tuple[Analysis, ...]:
    """All readings of `word`, the preferred one first."""
    return _analyze(word)


def analyze(word: str) -> Analysis:
    return _analyze(word)[0]


def stem(word: str) -> str:
    """The stem of one Kazakh word: "Тараптардың" → "тарап", "министрлігінен" → "министрлік"."""
    return analyze(word).stem


# ------------------------------------------------------------------ with a lexicon

class KazakhStemmer:
    """A stemmer that settles ambiguous words by the word forms of a corpus: of the
    possible stems of a word, the one shared by most distinct forms wins."""

    def __init__(self, lexicon: Iterable[str] = ()):
        self.forms = {fold(w) for w in lexicon if w}     # words as seen, bare or not (read once:
        self.support: dict[str, int] = {}                # `lexicon` may be a generator)
        for form in self.forms:
            for s in {a.stem for a in _analyze(form)}:
                self.support[s] = self.support.get(s, 0) + 1
        self._cache: dict[str, Analysis] = {}

    def analyze(self, word: str) -> Analysis:
        hit = self._cache.get(word)
        if hit is None:
            options = _analyze(word)
            if len(options) > 1 and self.support:
                best = options[0]
                if not (best.stem in PROTECTED or best.stem in S_FINAL_STEMS):
                    rank = {id(a): i for i, a in enumerate(options)}
                    best = max(options, key=lambda a: (self.support.get(a.stem, 0) >= 2,
                                                       self.support.get(a.stem, 0), -rank[id(a)]))
                hit = best
            else:
                hit = options[0]
            adjective = self._adjective(word, hit) if self.support else None
            hit = adjective or hit
            self._cache[word] = hit
        return hit

    def _adjective(self, word: str, a: Analysis) -> Analysis | None:
        """The reading of `word` as a derived adjective, when `a` takes one apart: сапалы read
        as сапал + -ы though the corpus shows сапал nowhere else; күдіктінің as күдікт + -і +
        -нің; a word the corpus also shows with endings of its own (міндеттілер)."""
        w = fold(word)
        if a.plural:
            return None
        if a.poss:
            core, case, case_len = fold(a.base), a.case, a.case_len
        elif a.case == "acc":
            core, case, case_len = w, None, 0
        else:
            return None
        if core == a.stem or not adjective_shape(core):
            return None
        # the stem the reading gives is seen in no other form; or, for an accusative, the whole
        # word is (after a possessive, endings that follow look like a vowel stem's: no evidence)
        if core in PROTECTED or self.support.get(a.stem, 0) <= 1 or \
                not a.poss and self.support.get(core, 0) >= 2:
            return Analysis(word, core, False, False, case, False, case_len)
        return None

    def stem(self, word: str) -> str:
        return self.analyze(word).stem

    def known(self, stem_: str) -> bool:
        """True if the stem is protected or shared by at least two forms of the lexicon."""
        return stem_ in PROTECTED or self.support.get(stem_, 0) >= 2

    def phrase_key(self, words: str | list[str]) -> str:
        return phrase_key(words, self)


_DEFAULT = None


def adjective_shape(word: str) -> bool:
    """True if `word` ends in an adjective suffix of the form the sound before it calls for
    (сапалы, дәлелді, құрметті; not бақылауды, whose -ды after у is an accusative)."""
    for suf, after in ADJECTIVE_SUFFIXES.items():
        if word.endswith(suf) and len(word) > len(suf) + 2 and sound_class(word[-len(suf) - 1]) in after:
            return True
    return False


def phrase_key(words: str | list[str], stemmer: KazakhStemmer | None = None) -> str:
    """The normalized key of a noun phrase: only the last word inflects, so only it is
    stemmed; the others are lower-cased and repaired. "уәкілетті органдардың" →
    "уәкілетті орган"."""
    if isinstance(words, str):
        words = tokenize(words)
    if not words:
        return ""
    last = (stemmer.stem(words[-1]) if stemmer else stem(words[-1]))
    return " ".join([fold(w) for w in words[:-1]] + [last])


# ------------------------------------------------------------------ generation

def nominative(stem_: str, plural: bool = False, poss: bool = False) -> str:
    """Build the nominative of a stem: nominative("орган", plural=True) → "органдар",
    nominative("министрлік", poss=True) → "министрлігі"."""
    w = stem_
    if plural:
        cls = sound_class(w[-1])
        back = _is_back(w)
        for pl, after in PLURAL.items():
            if cls in after and (pl[-2] == "а") == back:
                w += pl
                break
    if poss:
        back = _is_back(w)
        if w[-1] in VOWELS:
            w += "сы" if back else "сі"
        else:
            if not plural and w[-1] in VOICING and w not in VOICED_FINAL and len(w) > 3:
                w = w[:-1] + VOICING[w[-1]]
            w += "ы" if back else "і"
    return w


def _is_back(word: str) -> bool:
    for ch in reversed(word):
        if ch in "аоұыуя":
            return True
        if ch in "әеөүіэ":
            return False
    return True


# ------------------------------------------------------------------ tokens

def tokenize(text: str) -> list[str]:
    return WORD.findall(text)
