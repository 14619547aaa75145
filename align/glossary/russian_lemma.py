"""Russian noun phrases: recognition and lemmatization with agreement (pymorphy3).

A term is cited in the nominative, its adjectives agreeing with its head noun:
"уполномоченных органов" → "уполномоченный орган", "Высокими Договаривающимися
Сторонами" → "Высокие Договаривающиеся Стороны" (number kept when asked for: a term
that is plural in use stays plural), genitive complements unchanged ("законодательством
государств Сторон" → "законодательство государств Сторон"), capitals restored where
the text writes them.

Phrase structure (up to four words):

    NP   := A* N C*          A: adjective or participle agreeing with N
    C    := A* N[gen]        a genitive complement: "государств Сторон", "внутренних дел"
          | Name             an apposition: "Республики Казахстан", "города Баку"
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..lang.words import WORD
from .russian_morph import TagView, all_parses, parses, readings, tag

# Words that open no term: pronominal and determiner adjectives.
STOP_ADJECTIVES = {
    "настоящий", "который", "такой", "свой", "иной", "другой", "каждый", "весь", "один", "этот",
    "тот", "данный", "любой", "какой-либо", "какой-нибудь", "какой", "сам", "самый", "наш", "ваш",
    "указанный", "вышеуказанный", "следующий", "нижеследующий", "соответствующий", "определенный",
    "определённый", "дальнейший", "возможный", "подобный", "некоторый", "никакой", "прочий",
    "мой", "твой", "их", "его", "её", "ее", "оба", "два", "три", "второй", "первый", "последующий",
    "вышеназванный", "вышеупомянутый", "упомянутый", "названный", "предусмотренный",
    "установленный", "полученный", "переданный", "определенный", "необходимый", "должный",
    # participles that take an object or a clause rather than name a kind
    "являющийся", "вытекающий", "касающийся", "представляющий", "содержащийся", "связанный",
    "направленный", "осуществляющий", "занимающийся", "имеющий", "находящийся", "проживающий",
    "принадлежащий", "возникающий", "требующий", "подписанный", "совершенный", "заключенный",
    "прилагаемый", "предоставивший", "повлекший", "выданный", "используемый",
}
# Nouns that are never the head of a term on their own.
STOP_NOUNS = {"случай", "ход", "рамка", "время", "раз", "путь", "число"}
# Prepositions, conjunctions and particles: they end a noun phrase (pymorphy reads some
# of them as nouns too: "и" the letter, "с" the abbreviation).
FUNCTION_WORDS = {
    "и", "или", "либо", "а", "но", "в", "во", "на", "о", "об", "обо", "с", "со", "по", "для", "при",
    "из", "от", "к", "ко", "между", "за", "до", "что", "как", "не", "ни", "же", "ли", "бы", "у",
    "под", "над", "перед", "через", "без", "про", "также", "так", "то", "если", "когда", "чем",
    "причем", "притом", "путем", "вместе", "согласно", "относительно", "против", "после", "кроме",
    "вследствие", "посредством", "течение", "далее", "том", "числе", "т",
}
def agrees(adj, noun) -> bool:
    return _agree(tag(adj), tag(noun))


def _agree(a: TagView, n: TagView) -> bool:
    """Whether an adjective (its tag's view `a`) agrees with a noun (`n`)."""
    if n.fixd:                       # indeclinable nouns agree with anything
        return True
    if a.agreement_case != n.agreement_case or a.number != n.number:
        return False
    if n.number == "sing":
        g = n.gender
        if g and "GNdr" not in n.grammemes and "Ms-f" not in n.grammemes and a.gender != g:
            return False
    return True


def is_noun(p) -> bool:
    return tag(p).noun


def is_adj(p) -> bool:
    return tag(p).adj


def is_name(p) -> bool:
    return tag(p).name


def _adjective_order(reading) -> tuple:
    """Of the adjective readings that agree, a full adjective before a participle, then the
    more probable."""
    p, v = reading
    return v.POS == "ADJF", p.score


@lru_cache(maxsize=100_000)
def lemma_of(p) -> str:
    """The dictionary form used in keys; a participle keeps its own form (договаривающийся),
    not the verb's infinitive."""
    if tag(p).POS == "PRTF":
        f = p.inflect({"nomn", "sing", "masc"})
        if f:
            return f.word.replace("ё", "е")
    return p.normal_form.replace("ё", "е")


@dataclass
class Phrase:
    """A resolved noun phrase: one chosen reading per word and the role of each word."""
    words: tuple[str, ...]
    parses: tuple           # chosen pymorphy parses
    roles: tuple[str, ...]  # "A" agrees with the head, "N" head, "C" complement (kept as is),
    #                         "P" apposition to the head (declines with it: "городе Баку")
    head: int

    @property
    def key(self) -> str:
        return " ".join(lemma_of(p) for p in self.parses)

    @property
    def number(self) -> str | None:
        """'sing' or 'plur' when the head's number is certain in this occurrence."""
        return self._number

    _number: str | None = None

    @property
    def proper(self) -> bool:
        return any(tag(p).name for p in self.parses)


def resolve(words: list[str] | tuple[str, ...]) -> Phrase | None:
    """Read `words` as one noun phrase, or return None if they are not one."""
    words = tuple(words)
    n = len(words)
    if not 1 <= n <= 6:
        return None
    if any(len(w) < 2 and not w.isupper() or w.lower() in FUNCTION_WORDS for w in words):
        return None
    options = [readings(w) for w in words]
    if any(not o for o in options):
        return None
    kinds = [_kinds(w) for w in words]
    best = None
    for h in range(n):
        # words before the head must all be adjectives agreeing with it
        adj_best = kinds[h].adj_best
        for hp, hv in options[h]:
            if not hv.noun or hp.score < adj_best * 0.5:
                continue            # "боевой" is an adjective, not the noun "боевой"
            chosen = [None] * n
            roles = [""] * n
            ok = True
            for i in range(h):
                cand = [r for r in options[i] if r[1].adj and _agree(r[1], hv)]
                if not cand:
                    ok = False
                    break
                chosen[i] = max(cand, key=_adjective_order)[0]
                roles[i] = "A"
            if not ok:
                continue
            chosen[h], roles[h] = hp, "N"
            tail = _complements(words, options, kinds, h + 1, hp, hv)
            if tail is None:
                continue
            for i, (p, r) in enumerate(tail, start=h + 1):
                chosen[i], roles[i] = p, r
            # agreement is the strongest evidence: "комплектующих изделий" is adjective +
            # noun, not the noun "комплектующие" with a genitive
            score = hp.score + sum(p.score for p in chosen if p is not None) + h
            if best is None or score > best[0]:
                best = (score, tuple(chosen), tuple(roles), h)
    if best is None:
        return None
    _, chosen, roles, h = best
    ph = Phrase(words, chosen, roles, h)
    ph._number = _certain_number(words[h], chosen[h])
    return ph


class _Kinds(NamedTuple):
    """What phrase reading asks of all the readings of a word, at every window it is in."""
    adj_best: float         # the score of its most probable adjective reading (0.0: none)
    names: tuple            # its readings as a name
    adjective: bool         # some reading is an adjective
    genitives: tuple        # its readings as a noun in the genitive (or indeclinable)


@lru_cache(maxsize=300_000)
def _kinds(word: str) -> _Kinds:
    rs = readings(word)
    return _Kinds(max((p.score for p, v in rs if v.adj), default=0.0),
                  tuple(r for r in rs if r[1].noun and r[1].name), any(v.adj for _, v in rs),
                  tuple(r for r in rs if r[1].noun and (r[1].agreement_case == "gent" or r[1].fixd)))


def _complements(words, options, kinds, start, prev_noun, prev_view):
    """Read words[start:] as genitive complements and appositions; None if impossible
    (`options`, `kinds`: the readings of each word, `_kinds` of each; `prev_view`: the view of
    `prev_noun`'s tag)."""
    n = len(words)
    out = []
    i = start
    last_noun, last_case = prev_noun, prev_view.agreement_case
    while i < n:
        # apposition: a name right after a noun ("Республики Казахстан", "городе Баку")
        names = kinds[i].names if words[i][:1].isupper() else ()
        if names and (i == n - 1 or not kinds[i].adjective):
            pick, view = max(names, key=lambda r: (r[1].agreement_case == last_case, r[0].score))
            out.append((pick, "P" if last_noun is prev_noun and i == start and
                        view.agreement_case == prev_view.agreement_case else "C"))
            last_noun, last_case = pick, view.agreement_case
            i += 1
            continue
        # genitive group: A* N[gent]
        j = i
        while j < n and not kinds[j].genitives:
            j += 1
        if j >= n:
            return None
        nouns = kinds[j].genitives
        found = False
        for np_, nv in sorted(nouns, key=lambda r: -r[0].score):
            group = []
            for k in range(i, j):
                cand = [r for r in options[k] if r[1].adj and _agree(r[1], nv)]
                if not cand:
                    break
                group.append((max(cand, key=_adjective_order)[0], "C"))
            else:
                out.extend(group)
                out.append((np_, "C"))
                last_noun, last_case = np_, nv.agreement_case
                found = True
                break
        if not found:
            return None
        i = j + 1
    return out


def _certain_number(word: str, chosen) -> str | None:
    """The number of the head if every reading of the word with that lemma agrees on it."""
    lemma = chosen.normal_form
    nums = {v.number for p, v in readings(word) if v.noun and p.normal_form == lemma}
    if "Pltm" in tag(chosen):
        return "plur"
    return nums.pop() if len(nums) == 1 else None


# ------------------------------------------------------------------ citation form

def cite(phrase: Phrase, plural: bool = False, caps: list[bool | None] | None = None) -> str:
    """The citation form: head in the nominative (plural if asked or plurale tantum),
    adjectives agreeing, complements as written; `caps` says per word whether to write it
    with a capital (None: as the dictionary has it)."""
    head = phrase.parses[phrase.head]
    number = "plur" if plural else "sing"
    if "Pltm" in tag(head):
        number = "plur"
    if "Sgtm" in tag(head):
        number = "sing"
    hform = head.inflect({"nomn", number}) or head.inflect({"nomn"}) or head
    out = []
    for i, (w, p, r) in enumerate(zip(phrase.words, phrase.parses, phrase.roles)):
        if r == "N":
            text = hform.word
        elif r == "A":
            grams = {"nomn", number}
            if number == "sing" and tag(hform).gender and "GNdr" not in tag(hform) \
                    and "Ms-f" not in tag(hform):
                grams.add(tag(hform).gender)
            f = p.inflect(grams) or p.inflect({"nomn", number}) or p
            text = f.word
        elif r == "P":         # apposition to the head: "город Астана"
            f = p.inflect({"nomn", "sing"}) or p
            text = f.word
        else:
            text = w.lower() if not _is_abbrev(w) else w
        cap = caps[i] if caps is not None and i < len(caps) else None
        out.append(_restore_case(text, w, cap, p))
    return " ".join(out)


def _is_abbrev(w: str) -> bool:
    return len(w) >= 2 and w.isupper() and len(w) <= 6


def _restore_case(text: str, original: str, cap: bool | None, p) -> str:
    if _is_abbrev(original):
        return original
    if "-" in original and original.split("-")[1][:1].isupper():   # Премьер-Министр
        return "-".join(part[:1].upper() + part[1:] for part in text.split("-"))
    if cap is None:
        cap = is_name(p) and original[:1].isupper()
    return text[:1].upper() + text[1:] if cap else text


def phrase_key(words: str | list[str]) -> str:
    """The key of a phrase: the dictionary forms of its words. Words that do not form a
    noun phrase are keyed word by word."""
    return _phrase_key(tuple(tokenize(words) if isinstance(words, str) else words))


@lru_cache(maxsize=100_000)
def _phrase_key(words: tuple[str, ...]) -> str:
    if not words:
        return ""
    ph = resolve(words)
    if ph is not None:
        return ph.key
    out = []
    for w in words:
        ps = parses(w) or all_parses(w)
        out.append(lemma_of(ps[0]) if ps else w.lower())
    return " ".join(out)


def lemmatize(words: str | list[str], plural: bool | None = None) -> str:
    """Citation form of a phrase: lemmatize("уполномоченных органов") → "уполномоченный
    орган"; with plural=None the number is kept when the head is plural in this form
    for certain and capitalized (a defined term like "Сторонами")."""
    if isinstance(words, str):
        words = tokenize(words)
    ph = resolve(words)
    if ph is None:
        return " ".join(words)
    if plural is None:
        plural = ph.number == "plur" and words[ph.head][:1].isupper()
    caps = [w[:1].isupper() if not _is_abbrev(w) else None for w in words]
    return cite(ph, plural=plural, caps=caps)



def tokenize(text: str) -> list[str]:
    return WORD.findall(text)
