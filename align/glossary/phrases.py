"""Term candidates beyond noun phrases, read from the tokens `terms` has flagged:

- coordinated terms: two nouns joined by a conjunction, only the second inflecting in
  Kazakh (өзгерістер мен толықтырулар → изменения и дополнения);
- verb phrases: a noun and a light verb in Kazakh (күшіне ену, қол қою, күшін жою), a verb
  or verbal noun with its fixed complement in Russian (вступать в силу, вступление в силу,
  утрачивать силу).

Keys are built as the reference lists' are (`kazakh_stem.phrase_key`,
`russian_lemma.phrase_key`); the Kazakh verb is keyed and cited in its -у form, the Russian
verb in its infinitive. A coordination is `whole`: its parts stay terms of their own.
The word lists are data in `align.lang`."""
from __future__ import annotations

from functools import lru_cache

from ..lang.kazakh import COORDINATORS, LIGHT_VERB_NOUNS, LIGHT_VERBS, PROTECTED_ADJECTIVES
from ..lang.tables import RU_COORDINATORS, RU_VERB_PREPOSITIONS
from .kazakh_stem import fold      # (cached: every token is folded)
from . import kazakh_stem as kz
from . import kazakh_words as kw
from . import russian_lemma as rl


def _occurrence(cls, lang, key, span, citation, caps, coordination=True):
    """A coordination's parts are terms of their own (whole); a verb phrase's noun is a piece
    of the idiom (күш of күшіне ену, сила of вступать в силу)."""
    return cls(lang, key, span[0].start, span[-1].end, tuple(t.text for t in span), base=citation,
               plural=None, caps=caps, initial=span[0].initial, genitive=tuple(False for _ in span),
               head=len(span) - 1, plurals=tuple(False for _ in span), starts=tuple(t.start for t in span),
               whole=coordination, citation=citation)


def _same_chunk(toks) -> bool:
    return len({t.chunk for t in toks}) == 1


# ------------------------------------------------------------------ Kazakh

OR_AND = COORDINATORS | {"немесе", "не", "әрі"}

def _kk_verb_lemma(tok, stemmer) -> str | None:
    """The -у form of a verb form or verbal noun (енеді, енуі, енген → ену), else None."""
    v = kw.verb_citation(tok.text)
    if v is None:
        stem = tok.info.stem
        v = stem if stem.endswith(("у", "ю")) else None
    return v


def _kk_nominative(tok) -> str:
    """A conjunct in the nominative, number kept, possessive dropped (құқықтары → құқықтар),
    with a capital where the text has one (the citation step decides case as for any term)."""
    a = tok.info
    if not (a.poss or a.case):
        return tok.text
    word = kz.nominative(a.stem, a.plural)
    return word[:1].upper() + word[1:] if tok.text[:1].isupper() else word


def kazakh_phrases(toks, stemmer, cls, caps_of) -> list:
    out = []
    for i in range(1, len(toks)):
        prev, cur = toks[i - 1], toks[i]
        # coordination: A мен B, A only in the nominative
        if fold(cur.text) in COORDINATORS and i + 1 < len(toks) and _same_chunk(toks[i - 1:i + 2]):
            nxt = toks[i + 1]
            after = toks[i + 2] if i + 2 < len(toks) and toks[i + 2].chunk == nxt.chunk else None
            if nxt.flags["adj"] and after is not None and after.flags["head"]:
                # B modifies what follows (органдар мен квазимемлекеттік сектор); if A is an
                # adjective too, both modify it: заңды және жеке тұлғалар
                if prev.flags["adj"] and prev.info.case is None and not prev.flags["head"] or \
                        prev.flags["adj"] and prev.info.case is None and fold(prev.text) in PROTECTED_ADJECTIVES:
                    span = toks[i - 1:i + 3]
                    key = f"{fold(prev.text)} {fold(cur.text)} {fold(nxt.text)} {after.info.stem}"
                    citation = f"{prev.text} {cur.text} {nxt.text} {_kk_nominative(after)}"
                    out.append(_occurrence(cls, "kk", key, span, citation,
                                           tuple(caps_of(t.text, t.initial and k == 0) for k, t in enumerate(span))))
            elif prev.flags["head"] and nxt.flags["head"] and prev.info.case is None and \
                    not prev.flags["verbal_noun"] or prev.info.plural and nxt.flags["head"]:
                span = toks[i - 1:i + 2]
                left, right = _kk_nominative(prev), _kk_nominative(nxt)
                key = f"{fold(left)} {fold(cur.text)} {nxt.info.stem}"
                citation = f"{left} {cur.text} {right}"
                out.append(_occurrence(cls, "kk", key, span, citation,
                                       tuple(caps_of(t.text, t.initial and k == 0) for k, t in enumerate(span))))
        # noun + light verb: күшіне ену, қол қою
        if not _same_chunk([prev, cur]):
            continue
        noun_ok = (prev.flags["head"] or fold(prev.text) in LIGHT_VERB_NOUNS) and prev.info.case in (None, "dat", "acc")
        verb = _kk_verb_lemma(cur, stemmer) if noun_ok else None
        if verb in LIGHT_VERBS:
            span = [prev, cur]
            key = f"{fold(prev.text)} {verb}"
            out.append(_occurrence(cls, "kk", key, span, f"{prev.text.lower()} {verb}",
                                   (caps_of(prev.text, prev.initial), False), coordination=False))
    return out


def kazakh_objects(toks, occs, cls, max_words: int) -> list:
    """A noun phrase in the accusative and the verbal noun that governs it: қоршаған ортаны
    қорғау → охрана окружающей среды, сұрау салуды орындау → исполнение запроса. The object
    stays a term of its own inside it (marked as a dependent, as a genitive is)."""
    # not a verbal noun coordinated with another (меморандумдарын әзірлеу және бағалау: the
    # object is the two actions'), nor a light verb (`kazakh_phrases`)
    verbal = {t.start: t for i, t in enumerate(toks) if t.flags.get("verbal_noun") and not t.info.plural
              and not t.flags.get("stop") and t.info.stem not in LIGHT_VERBS
              and not (i + 1 < len(toks) and fold(toks[i + 1].text) in OR_AND)}
    after = {toks[i].end: toks[i + 1] for i in range(len(toks) - 1) if toks[i].chunk == toks[i + 1].chunk}
    at = {t.start: t for t in toks}
    out = []
    for o in occs:
        nxt = after.get(o.end)
        if nxt is None or nxt.start not in verbal or o.size >= max_words or o.whole or o.citation:
            continue
        last = o.starts[-1] if o.starts else o.start
        head = at.get(last)
        if head is None or head.info.case != "acc":
            continue
        words = o.words + (nxt.text,)
        citation = " ".join(w.lower() for w in o.words) + " " + nxt.info.stem
        out.append(cls("kk", f"{' '.join(fold(w) for w in o.words)} {nxt.info.stem}", o.start, nxt.end, words,
                       base=citation, plural=None, caps=o.caps + (False,), initial=o.initial,
                       genitive=o.genitive[:-1] + (True, False), head=len(words) - 1,
                       plurals=o.plurals + (False,), starts=o.starts + (nxt.start,), citation=citation))
    return out


# ------------------------------------------------------------------ Russian

# (the functions of one or two words below are cached: every token of every text asks)
@lru_cache(maxsize=200_000)
def _ru_parse(word: str, pos: tuple[str, ...]):
    for p in rl.all_parses(word):
        if rl.tag(p).POS in pos and p.score >= 0.2:
            return p
    return None


@lru_cache(maxsize=100_000)
def _agree(a: str, b: str) -> str | None:
    """The number two nouns share in a case both can be in (изменения и дополнения: plur),
    or None if they cannot agree."""
    def readings(w):
        return {(rl.tag(p).case, rl.tag(p).number) for p in rl.all_parses(w)
                if rl.tag(p).POS == "NOUN" and p.score >= 0.1}
    common = readings(a) & readings(b)
    return min(common, key=lambda cn: cn[1] != "plur")[1] if common else None


@lru_cache(maxsize=100_000)
def _nominative(word: str, number: str | None = None) -> str:
    p = _ru_parse(word, ("NOUN", "ADJF", "PRTF"))
    if p is None:
        return word
    number = number or ("plur" if "plur" in rl.tag(p) else None)
    f = p.inflect({"nomn"} | ({number} if number else set()))
    w = f.word if f else word
    return w.capitalize() if word[:1].isupper() and not word.isupper() else w


@lru_cache(maxsize=100_000)
def _resolved(adjective: str, noun: str):
    return rl.resolve((adjective, noun))


def russian_phrases(toks, cls, caps_of) -> list:
    out = []
    n = len(toks)
    for i in range(n):
        w = toks[i].text
        # coordinated adjectives of one noun: юридические и физические лица
        if w.lower() in RU_COORDINATORS and 0 < i < n - 2 and _same_chunk(toks[i - 1:i + 3]) and \
                all(_ru_parse(toks[x].text, ("ADJF",)) for x in (i - 1, i + 1)) and \
                all(_resolved(toks[x].text, toks[i + 2].text) for x in (i - 1, i + 1)):
            span = toks[i - 1:i + 3]
            head = _resolved(toks[i + 1].text, toks[i + 2].text)
            number = "plur" if "plur" in rl.tag(head.parses[head.head]) else "sing"
            citation = " ".join(t.text if k == 1 else _nominative(t.text, number) for k, t in enumerate(span))
            out.append(_occurrence(cls, "ru", rl.phrase_key([t.text for t in span]), span, citation,
                                   tuple(caps_of(t.text, t.initial and k == 0) for k, t in enumerate(span))))
        # coordination: изменения и дополнения, same case on both sides
        if w.lower() in RU_COORDINATORS and 0 < i < n - 1 and _same_chunk(toks[i - 1:i + 2]):
            number = _agree(toks[i - 1].text, toks[i + 1].text)
            if number:
                span = toks[i - 1:i + 2]
                citation = " ".join(_nominative(t.text, number) if k != 1 else t.text for k, t in enumerate(span))
                out.append(_occurrence(cls, "ru", rl.phrase_key([t.text for t in span]), span, citation,
                                       tuple(caps_of(t.text, t.initial and k == 0) for k, t in enumerate(span))))
        # a verb or verbal noun with its complement: вступает в силу, вступления в силу, утрачивает силу
        head = _ru_parse(w, ("VERB", "INFN")) or (_ru_parse(w, ("NOUN",)) if w.lower().endswith(("ние", "ния",
                                                                                                   "нию", "нием",
                                                                                                   "нии")) else None)
        if head is None:
            continue
        for size in (2, 3):
            span = toks[i:i + size]
            if len(span) < size or not _same_chunk(span):
                break
            if size == 3 and span[1].text.lower() not in RU_VERB_PREPOSITIONS:
                continue
            obj = _ru_parse(span[-1].text, ("NOUN",))
            if obj is None or size == 2 and (rl.tag(head).POS == "NOUN" or rl.tag(obj).case != "accs"):
                continue
            first = head.normal_form if rl.tag(head).POS in ("VERB", "INFN") else _nominative(w).lower()
            citation = " ".join([first] + [t.text for t in span[1:]])
            key = rl.phrase_key([first] + [t.text for t in span[1:]])
            out.append(_occurrence(cls, "ru", key, span, citation, tuple(False for _ in span), coordination=False))
    return out
