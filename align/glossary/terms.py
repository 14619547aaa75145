"""Term candidates: Kazakh and Russian noun phrases of one to four words.

A candidate is a noun phrase found by pattern inside a run of words that no punctuation,
number or function word interrupts:

- Kazakh: modifiers (adjectives, bare nouns, genitives, participles) followed by a head
  noun; only the head inflects, and a genitive modifier needs a possessive head
  (Қазақстан Республикасының Үкіметі, Тараптар мемлекеттерінің аумағы).
- Russian: agreeing adjectives, a head noun and genitive complements
  (национальное законодательство государств Сторон), read by pymorphy3.

Each occurrence carries its key (the normalized phrase both languages are counted by),
where it is in the text, and what the glossary needs to cite it: number, capitals,
the form without its case ending.

The stop lists are data: to stop a word from opening, closing or joining a term, add
it to the tables of `kazakh_flags` (Kazakh) or below (Russian).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import kazakh_stem as kz
from .kazakh_flags import flag_tokens, takes_the_word_before
from . import russian_lemma as rl
from ..lang.tables import KAZAKH_LETTERS
from ..lang.words import WORD
from .phrases import kazakh_objects, kazakh_phrases, russian_phrases

MAX_WORDS = 4

# ------------------------------------------------------------------ Russian stop lists
RU_STOP_ADJECTIVES = rl.STOP_ADJECTIVES
RU_STOP_NOUNS = rl.STOP_NOUNS | {"счет", "друг", "образ", "имя"}


@dataclass(slots=True)     # a corpus holds millions: no __dict__ each
class Occurrence:
    lang: str
    key: str
    start: int                # character offsets into the text
    end: int
    words: tuple[str, ...]
    base: str = ""            # kk: the phrase without the head's case ending, as written
    plural: bool | None = None
    poss: bool = False        # kk: the head carries a possessive ending
    caps: tuple = ()          # per word: written with a capital (None: cannot tell)
    initial: bool = False     # the phrase opens a sentence
    proper: bool = False
    genitive: tuple = ()      # kk: per word, in the genitive
    head: int = -1            # index of the head word (kk: the last)
    plurals: tuple = ()       # kk: per word, in the plural
    starts: tuple = ()        # character offset of each word
    whole: bool = False       # a coordination: its parts are terms of their own
    citation: str = ""        # the citation form, where the phrase gives it (verb phrases)

    @property
    def head_last(self) -> bool:
        return self.head in (-1, len(self.words) - 1)

    def word_at(self, offset: int) -> int:
        """Index of the word that starts at character `offset` (-1 if none)."""
        return self.starts.index(offset) if offset in self.starts else -1

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def size(self) -> int:
        return len(self.words)


@dataclass(slots=True)
class _Token:
    text: str
    start: int
    end: int
    chunk: int
    initial: bool
    info: object = None
    flags: dict = None        # Kazakh: set by kazakh_flags.flag_tokens (Russian reads none)


_LIST_MARK = re.compile(r"^\s*(?:\d{1,3}[.)]|[а-яәғқңөұүһіa-z]\)|[-–—•*])\s*$", re.I)
_OPENERS = "\"'«“„(["


def tokenize(text: str) -> list[_Token]:
    """Words with offsets; `chunk` numbers runs of words not broken by punctuation or digits."""
    out: list[_Token] = []
    chunk = 0
    prev_end = 0
    for m in WORD.finditer(text):
        start, end = m.span()
        if start == prev_end + 1 and text[prev_end] == " " and len(out) >= 2:
            # most words: one space after a word, the same run, and no sentence opens (the word
            # before ends in a letter)
            out.append(_Token(m.group(), start, end, chunk, False))
            prev_end = end
            continue
        gap = text[prev_end:start]
        if out and (gap.strip() or "\n" in gap):
            chunk += 1
        # the character before the word (openers and spaces skipped), found in the gap alone
        # or else the previous word's last letter: slicing all the text before every word
        # made a long segment quadratic
        tail = gap.rstrip().rstrip(_OPENERS).rstrip()
        before = tail[-1] if tail else (out[-1].text[-1] if out else "")
        # a list mark ("1.", "а)") is all the text before the first or second word
        initial = (not before or before in ".!?:;…" or
                   len(out) < 2 and bool(_LIST_MARK.match(text[:start].rstrip(_OPENERS))))
        out.append(_Token(m.group(), start, end, chunk, initial))
        prev_end = end
    return out


def _caps(word: str, initial: bool):
    if len(word) > 1 and word.isupper():
        return None if len(word) > 6 else True        # ҚАУЛЫ ЕТЕДІ says nothing; БҰҰ is an abbreviation
    if initial:
        return None
    return word[:1].isupper()


def _token_caps(toks) -> tuple[tuple, tuple]:
    """Each token's capital as `_caps` reads it opening a phrase and inside one: worked out once
    per token rather than for every phrase the token is in."""
    inside = tuple(_caps(t.text, False) for t in toks)
    opening = tuple(_caps(t.text, True) if t.initial else c for t, c in zip(toks, inside))
    return opening, inside


# ------------------------------------------------------------------ Kazakh

def kazakh_terms(text: str, stemmer: kz.KazakhStemmer | None = None,
                 max_words: int = MAX_WORDS) -> list[Occurrence]:
    """All Kazakh noun-phrase candidates in `text`, nested ones included."""
    toks = tokenize(text)
    flag_tokens(toks, text, stemmer)
    out = []
    n = len(toks)
    # what the phrases a token is in take from it, worked out once per token
    texts = tuple(t.text for t in toks)
    folds = tuple(kz.fold(w) for w in texts)
    starts = tuple(t.start for t in toks)
    genitive = tuple(t.flags["gen"] for t in toks)
    plurals = tuple(bool(t.info.plural) for t in toks)
    opening, inside = _token_caps(toks)
    truncated: dict[int, bool] = {}           # a phrase starting at token i is truncated (asked of every head after)
    for j in range(n):                       # j: the head
        h = toks[j]
        if not h.flags["head"]:
            continue
        a = h.info
        for i in range(j, max(-1, j - max_words), -1):
            if i < j:
                m = toks[i]
                if m.chunk != h.chunk or not m.flags["mod"]:
                    break
                if m.flags["gen"] and not a.poss:
                    break                     # a genitive needs a possessive head
                nxt = toks[i + 1]
                if not (m.flags["adj"] or m.flags["gen"] or nxt.info.poss or nxt.flags["agentive"] or
                        i == j - 1 and (h.flags["verbal_noun"] or h.flags["agentive_stem"])):
                    break                     # a bare noun needs a possessive word after it
                                              # (қорғаныс саласы), a verbal noun (ақпарат алмасу)
                                              # or an agent noun (өтініш беруші, сұрау
                                              # салушы Тарап)
            elif h.flags["verbal_noun"] and not a.plural:
                continue                      # a verbal noun alone is an action, not a term;
                                              # in the plural it names things (толықтырулар)
            if i < j and toks[i].flags["gen"] and i > 0 and toks[i - 1].chunk == h.chunk and \
                    toks[i - 1].flags["det"]:
                continue
            if i not in truncated:
                truncated[i] = takes_the_word_before(toks, i)
            if truncated[i]:
                continue
            if i < j and toks[i].flags["gen"] and (toks[i].info.poss or toks[i].flags["verbal_noun"]):
                continue                      # a possessed genitive or an action's has its own
                                              # possessor or object before it (Тараптың инвесторының
                                              # инвестициялары, жарамсыз деп танудың салдары)
            words = texts[i:j + 1]
            out.append(Occurrence(
                "kk", " ".join(folds[i:j] + (a.stem,)), starts[i], h.end, words,
                base=" ".join(texts[i:j] + (a.base,)), plural=a.plural, poss=a.poss,
                caps=(opening[i],) + inside[i + 1:j + 1], initial=toks[i].initial, genitive=genitive[i:j + 1],
                head=j - i, starts=starts[i:j + 1], plurals=plurals[i:j + 1]))
    return out + kazakh_objects(toks, out, Occurrence, max_words) + kazakh_phrases(toks, stemmer, Occurrence, _caps)


# ------------------------------------------------------------------ Russian

def _ru_stop_adjective(p) -> bool:
    """A stop adjective or participle: a participle's normal form is its verb (являться), so it
    is looked up by its own form too (являющийся)."""
    return p.normal_form in RU_STOP_ADJECTIVES or rl.lemma_of(p) in RU_STOP_ADJECTIVES


@lru_cache(maxsize=200_000)
def _ru_flags(word: str) -> tuple[bool, bool]:
    """(breaks a phrase, may be inside a phrase)"""
    low = word.lower()
    if low in rl.FUNCTION_WORDS:
        return True, False
    rs = rl.readings(word)
    if not rs:
        return True, False
    if any(v.POS in ("ADJF", "PRTF") and _ru_stop_adjective(p) for p, v in rs) and \
            not any(v.noun for p, v in rs if p.score > 0.2):
        return True, False
    if all("Apro" in v for _, v in rs if not v.noun) and not any(v.noun for _, v in rs):
        return True, False
    return False, True


@lru_cache(maxsize=100_000)
def _ru_window(words: tuple[str, ...]):
    """What a window of words gives as a Russian candidate: None, or its key, plural (None:
    uncertain), proper and head. Read once per distinct window: a text tries every window of
    up to four words, and the same windows recur from text to text."""
    ph = rl.resolve(words)
    if ph is None:
        return None
    if ph.parses[ph.head].normal_form in RU_STOP_NOUNS or ph.roles[-1] == "A":
        return None
    if ph.roles[0] == "A" and _ru_stop_adjective(ph.parses[0]):
        return None
    return ph.key, None if ph.number is None else ph.number == "plur", ph.proper, ph.head


def russian_terms(text: str, max_words: int = MAX_WORDS) -> list[Occurrence]:
    """All Russian noun-phrase candidates in `text`, nested ones included."""
    toks = tokenize(text)
    out = []
    n = len(toks)
    ok = [not _ru_flags(t.text)[0] for t in toks]
    texts = tuple(t.text for t in toks)
    starts = tuple(t.start for t in toks)
    opening, inside = _token_caps(toks)
    for i in range(n):
        if not ok[i]:
            continue
        chunk = toks[i].chunk
        for j in range(i, min(n, i + max_words)):
            if not ok[j] or toks[j].chunk != chunk:
                break
            words = texts[i:j + 1]
            hit = _ru_window(words)
            if hit is None:
                continue
            key, plural, proper, head = hit
            out.append(Occurrence(
                "ru", key, starts[i], toks[j].end, words, base=" ".join(words), plural=plural,
                caps=(opening[i],) + inside[i + 1:j + 1], initial=toks[i].initial, proper=proper, head=head,
                starts=starts[i:j + 1]))
    return out + russian_phrases(toks, Occurrence, _caps)


def terms(text: str, lang: str, stemmer=None, max_words: int = MAX_WORDS) -> list[Occurrence]:
    if lang == "kk":
        return kazakh_terms(text, stemmer, max_words)
    return russian_terms(text, max_words)


def key_of(phrase: str, lang: str, stemmer=None) -> str:
    """The key a phrase is counted by: kk "уәкілетті органдардың" → "уәкілетті орган",
    ru "уполномоченными органами" → "уполномоченный орган"."""
    if lang == "kk":
        return kz.phrase_key(phrase, stemmer)
    return rl.phrase_key(phrase)


def guess_language(text: str) -> str | None:
    """'kk' if the text has Kazakh-only letters, 'ru' if it is Cyrillic without them."""
    if any(c in KAZAKH_LETTERS for c in text):
        return "kk"
    if re.search(r"[А-Яа-яЁё]", text):
        return None if not re.search(r"[ёъэщЁЪЭЩ]", text) else "ru"
    return None
