"""Citation forms of glossary terms: the Kazakh headword and the Russian term as a
terminologist writes them, read off the forms the texts use (nominative, singular unless
the term lives in the plural, capitals where the texts keep them), and example pairs."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from ..lang import kazakh as KK
from ..lang import tables as R
from ..lang.words import LOOKALIKES, has_cyrillic
from . import kazakh_stem as kz
from . import russian_lemma as rl


def _fold_word(w: str) -> str:
    return kz.fold(w)


def _occurrence_stats(beads, keep) -> dict:
    """Per key: forms seen, number and capitals in use. Each key's figures also hold the
    build's table of how each word is written where a capital means something (not at a
    sentence start): the fallback for a word of a term seen only at sentence starts
    ("Әділет министрлігі" opens every line of a list, but "министрлігі" is written small
    elsewhere)."""
    word_caps: dict[str, Counter] = defaultdict(Counter)
    out = {"kk": {}, "ru": {}}
    for side in ("kk", "ru"):
        for b in beads:
            for o in getattr(b, side):
                if o.key not in keep[side]:
                    continue
                st = out[side].get(o.key)
                if st is None:
                    st = out[side][o.key] = {"n": 0, "plural": 0, "numbered": 0, "forms": Counter(),
                                             "bases": Counter(), "caps": defaultdict(Counter),
                                             "caps_initial": defaultdict(Counter),
                                             "proper": 0, "poss": 0, "sample": o, "word_caps": word_caps,
                                             "citations": Counter()}
                st["n"] += 1
                if o.plural is not None:
                    st["numbered"] += 1
                    st["plural"] += bool(o.plural)
                st["poss"] += bool(o.poss)
                if o.citation:
                    st["citations"][o.citation] += 1
                st["proper"] += bool(o.proper)
                st["forms"][_repair(o.text)] += 1
                st["bases"][(_repair(o.base), o.plural, o.poss)] += 1
                for i, c in enumerate(o.caps):
                    if c is not None:
                        st["caps"][i][c] += 1
                        word_caps[_fold_word(o.words[i])][c] += 1
                    elif not o.words[i].isupper():
                        st["caps_initial"][i][o.words[i][:1].isupper()] += 1
    # a Russian term is cited from its most frequent form
    for st in out["ru"].values():
        st["best_words"] = st["forms"].most_common(1)[0][0].split(" ")
    return out


@lru_cache(maxsize=100_000)     # every occurrence's text and base: the same few thousand
def _repair(text: str) -> str:
    """Latin look-alike letters inside Cyrillic words repaired, case kept."""
    return " ".join(w.translate(LOOKALIKES) if has_cyrillic(w) else w
                    for w in text.split(" "))


def _plural_in_use(kk: dict, ru: dict) -> bool:
    """A term is cited in the plural when it is plural in use: a defined term written with
    a capital and used mostly in the plural (Тараптар / Стороны), or a term never seen in
    the singular in either language (дипломатиялық арналар / дипломатические каналы)."""
    kk_share = kk["plural"] / kk["numbered"] if kk["numbered"] else 0.0
    ru_share = ru["plural"] / ru["numbered"] if ru["numbered"] else kk_share
    capital = any(c[True] > c[False] for c in kk["caps"].values())
    if capital and kk_share >= 0.5 and ru_share >= 0.5:
        return True
    return kk_share == 1.0 and ru_share == 1.0 and kk["numbered"] >= 2


def _caps_decision(st: dict, i: int, word: str | None = None) -> bool | None:
    c = st["caps"].get(i)
    if not c and word is not None:
        c = st["word_caps"].get(_fold_word(word))
    if not c:          # seen only where every word is written with a capital: as written
        c = st["caps_initial"].get(i)
    if not c:
        return None
    return c[True] > c[False]


# Endings that make an adjective for certain (-лық/-лік also make nouns: қауіпсіздік).
_KK_SURE_ADJECTIVE = re.compile(r"(?:лы|лі|ды|ді|ты|ті|сыз|сіз|ғы|гі|қы|кі|ған|ген|қан|кен|атын|етін|"
                                r"йтын|йтін|ушы|уші)$")


def _cite_kk(st: dict, plural: bool) -> str:
    if st["citations"]:          # a verb phrase or coordination gives its own citation form
        return st["citations"].most_common(1)[0][0]
    sample = st["sample"].words
    poss = False
    if len(sample) > 1 and st["poss"] >= 0.8 * st["n"]:
        mods = [kz.fold(w) for w in sample[:-1]]
        genitive = any(R.KAZAKH_GENITIVE.search(m) for m in mods)
        poss = genitive or not (_KK_SURE_ADJECTIVE.search(mods[-1]) or mods[-1] in KK.PROTECTED_ADJECTIVES)
    bases = st["bases"]
    pick = [(n, b) for (b, pl, ps), n in bases.items() if bool(pl) == plural and ps == poss]
    if pick:
        words = max(pick)[1].split(" ")
    else:
        words = max((n, b) for (b, _, _), n in bases.items())[1].split(" ")
        head = kz.analyze(words[-1])
        words[-1] = kz.nominative(head.stem, plural, poss)
    out = []
    for i, w in enumerate(words):
        cap = _caps_decision(st, i, w)
        if len(w) > 1 and w.isupper() and len(w) <= 6:
            out.append(w)
        elif cap is None:
            out.append(w.lower() if not w.isupper() else w.capitalize())
        else:
            out.append(w[:1].upper() + w[1:].lower() if cap else w.lower())
    return " ".join(out)


def _cite_ru(st: dict, plural: bool) -> str:
    if st["citations"]:
        return st["citations"].most_common(1)[0][0]
    words = st["best_words"]
    ph = rl.resolve(words)
    if ph is None:
        return " ".join(words)
    caps = [_caps_decision(st, i, w) for i, w in enumerate(words)]
    return rl.cite(ph, plural=plural, caps=caps)


def _examples(pairs: list, limit: int) -> list[dict]:
    """Example pairs, short sentences from as many acts as possible first."""
    by_act = defaultdict(list)
    for b, ok, orr in pairs:
        by_act[b.pair].append((b, ok, orr))
    for lst in by_act.values():
        lst.sort(key=lambda t: (len(t[0].bead.kk) > 400, -t[0].bead.confidence, t[0].bead.pos))
    out = []
    while len(out) < limit and any(by_act.values()):
        for act in sorted(by_act):
            if by_act[act] and len(out) < limit:
                b, ok, orr = by_act[act].pop(0)
                bd = b.bead
                out.append({"bead": bd.id, "pair": b.pair, "pos": bd.pos, "section": bd.section,
                            "article": bd.article, "kk": bd.kk, "ru": bd.ru,
                            "kk_span": [ok.start, ok.end], "ru_span": [orr.start, orr.end]})
    return out
