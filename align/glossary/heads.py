"""Entries for heads seen only inside longer terms: хаттама occurs only in жеке хаттама and
жекелеген хаттама, so the build never counts it on its own (a piece of a longer term is
not evidence of a term); but when two or more different exported entries have heads that
answer each other (жеке хаттама → отдельный протокол, жекелеген хаттама → отдельный
протокол), the heads are a term pair too: хаттама → протокол. The derived entry carries the
figures of the entries it comes from.

A word of one exported entry gets an entry too when the words of the two terms answer each
other over the whole corpus (`part_entries`): дербес деректер → персональные данные gives
деректер → данные when деректер and данные go together in the beads as no other words of the
two terms do, and both are terms on their own elsewhere (a candidate of two beads). Verb
phrases and coordinations give no parts (күшіне ену is no evidence for күш → сила)."""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from ..lang.kazakh import COORDINATORS, LIGHT_VERBS
from ..lang.tables import KAZAKH_GENITIVE
from ..model import Status
from . import kazakh_stem as kz
from . import russian_lemma as rl
from .kazakh_flags import KK_NOT_VERBAL_NOUNS, KK_VERBAL_NOUN

MIN_SOURCES = 2      # different longer entries that must agree on the heads
PART_MIN_DICE = 0.5  # word association over beads of a part and its translation
PART_MIN_BEADS = 2   # beads in which the two words come together


@lru_cache(maxsize=100_000)     # (asked of every exported entry by both kinds of derived entries)
def _ru_head(ru: str) -> tuple[str, str] | None:
    """(lemma, word as cited) of the head of a Russian term, or None if it is no noun phrase."""
    words = ru.split()
    ph = rl.resolve(words)
    if ph is None:
        return None
    return rl.lemma_of(ph.parses[ph.head]), words[ph.head]


def _kk_head(word: str) -> str:
    """The head as cited alone: nominative, number kept, no possessive (процестері →
    процестер), a capital kept (Тараптар)."""
    a = kz.analyze(word)
    cited = kz.nominative(a.stem, a.plural) if a.inflected else kz.fold(word)
    return cited[:1].upper() + cited[1:] if word[:1].isupper() else cited


def _settled(entries: list[dict]):
    """A test of whether a derived pair would add nothing or go wrong: the pair is there, or
    the Russian term is another Kazakh term's best exported translation (қамқоршылық → опека
    beside қорғаншылық → опека: "қорғаншылық немесе қамқоршылық")."""
    have = {(e["kk_key"], e["ru_key"]) for e in entries}
    best: dict[str, dict] = {}
    for e in entries:
        if e["status"] == Status.AUTO.value and e["score"] > best.get(e["kk_key"], {"score": -1})["score"]:
            best[e["kk_key"]] = e
    owner = defaultdict(set)
    for k, e in best.items():
        owner[e["ru_key"]].add(k)
    # (a longer term the word is part of is no other term: жеке хаттама → протокол)
    return lambda k, r: (k, r) in have or any(o != k and k not in o.split() for o in owner[r])


def head_entries(entries: list[dict]) -> list[dict]:
    """Derived entries (kk head → ru head) that `entries` lacks, from exported multiword entries."""
    have = _settled(entries)
    sources: dict[tuple[str, str], list] = defaultdict(list)
    for e in entries:
        if e["status"] != Status.AUTO.value or " " not in e["kk_key"] or e.get("derived"):
            continue
        head = _ru_head(e["ru"])
        if head is None or len(e["ru"].split()) < 2:
            continue
        kk_head = e["kk_key"].split()[-1]
        sources[(kk_head, head[0])].append((e, head[1], e["kk"].split()[-1]))
    out = []
    for (kk_key, ru_key), src in sources.items():
        if len({e["kk_key"] for e, _, _ in src}) < MIN_SOURCES or have(kk_key, ru_key):
            continue
        src.sort(key=lambda s: -s[0]["freq"])
        out.append(_derived(kk_key, ru_key, _kk_head(src[0][2]), src[0][1], src))
    return out


def _noun_phrase(e: dict) -> bool:
    kk = e["kk_key"].split()
    return kk[-1] not in LIGHT_VERBS and not COORDINATORS & set(kk) and _ru_head(e["ru"]) is not None


def part_entries(entries: list[dict], words, single: dict[str, set[str]]) -> list[dict]:
    """Derived entries for the parts of exported multiword entries whose words answer each
    other best over the beads (`words`: a word association with `kk_split`, `dice`, `co`): a
    word (деректер → данные of дербес деректер → персональные данные) or a run of words
    (құқықтық акт → правовой акт of нормативтік құқықтық акт → нормативный правовой акт).
    Both parts must be candidates of their own (`single`: kk and ru keys of two beads)."""
    have = _settled(entries)
    sources: dict[tuple[str, str], list] = defaultdict(list)
    for e in entries:
        if e["status"] != Status.AUTO.value or e.get("derived") or not _noun_phrase(e):
            continue
        ks, rs = words.kk_split(e["kk_key"]), e["ru_key"].split()
        kk_written, ru_written = e["kk"].split(), e["ru"].split()
        if len(ks) + len(rs) < 3 or len(kk_written) != len(ks) or len(ru_written) != len(rs):
            continue
        # words that always come together tie: the one in the same place wins
        def place(i, j):
            return -abs(i / max(len(ks) - 1, 1) - j / max(len(rs) - 1, 1))
        best_r = [max(range(len(rs)), key=lambda j: (round(words.dice(ks[i], rs[j]), 2), place(i, j)))
                  for i in range(len(ks))]
        best_k = [max(range(len(ks)), key=lambda i: (round(words.dice(ks[i], rs[j]), 2), place(i, j)))
                  for j in range(len(rs))]
        for i in range(len(ks)):
            # a word, or the head with the modifiers nearest it (a proper part: fewer words)
            for j in {i + 1, len(ks)} - {len(ks) + 1 if i else len(ks)}:
                part = _part(e, words, ks, rs, best_r, best_k, i, j, single)
                if part is not None:
                    sources[part[:2]].append((e, part[3], part[2]))
    out = []
    for (kk_key, ru_key), src in sources.items():
        if have(kk_key, ru_key):
            continue
        src.sort(key=lambda s: -s[0]["freq"])
        out.append(_derived(kk_key, ru_key, src[0][2], src[0][1], src))
    return out


def _part(e, words, ks, rs, best_r, best_k, i, j, single):
    """(kk key, ru key, kk cited, ru cited) of the words i..j-1 of entry `e`'s Kazakh term and
    the Russian words answering them, or None: the Russian words must be a run that answers
    those words and no others, each pair of words well associated."""
    a, b = min(best_r[i:j]), max(best_r[i:j]) + 1
    if (j - i, b - a) == (len(ks), len(rs)) or any(not i <= best_k[x] < j for x in range(a, b)):
        return None
    if any(words.dice(ks[x], rs[best_r[x]]) < PART_MIN_DICE or words.co[ks[x]][rs[best_r[x]]] < PART_MIN_BEADS
           for x in range(i, j)):
        return None
    kk_key = " ".join(e["kk_key"].split()[i:j - 1] + [ks[j - 1]])
    ru_key = " ".join(rs[a:b])
    if kk_key not in single["kk"] or ru_key not in single["ru"] or \
            j - i == 1 and KK_VERBAL_NOUN.search(kk_key) and kk_key not in KK_NOT_VERBAL_NOUNS:
        return None                 # (an action, салу of сұрау салу, is no term)
    kk_written = e["kk"].split()[i:j]
    if j - i > 1 and (KAZAKH_GENITIVE.search(kz.fold(kk_written[0])) or kz.analyze(kk_written[0]).poss):
        return None                 # its possessor left out (Тараптар of Тараптар мемлекеттерінің аумағы)
    if j - i > 1:
        kk = " ".join(kk_written)       # the head with its modifiers, cited as in the entry
    else:                               # a word alone: no possessive (құқықтық мәртебесі → мәртебе)
        word = kz.analyze(kk_written[0])
        kk = _kk_head(kk_written[0]) if word.poss or j < len(ks) else kk_written[0]
    ru_words = e["ru"].split()[a:b]
    ph = rl.resolve(ru_words)
    if ph is None or ph.proper:
        return None                 # a name's words are no terms (Қазақстан of Қазақстан Республикасы)
    ru = rl.cite(ph, plural="plur" in rl.tag(ph.parses[ph.head]), caps=[w[:1].isupper() or None for w in ru_words])
    return kk_key, ru_key, kk, ru


def _derived(kk_key: str, ru_key: str, kk: str, ru: str, src: list) -> dict:
    best = src[0][0]
    return {
        "kk_key": kk_key, "ru_key": ru_key, "kk": kk, "ru": ru, "freq": sum(e["freq"] for e, _, _ in src),
        "kk_freq": sum(e["kk_freq"] for e, _, _ in src), "ru_freq": sum(e["ru_freq"] for e, _, _ in src),
        "dice": min(e["dice"] for e, _, _ in src), "llr": min(e["llr"] for e, _, _ in src),
        "score": min(e["score"] for e, _, _ in src), "status": Status.AUTO.value, "derived": True,
        "ru_pos": best["ru_pos"], "kk_pos": best["kk_pos"], "kk_forms": {}, "ru_forms": {},
        "acts": sorted({a for e, _, _ in src for a in e["acts"]}),
        "examples": [x for e, _, _ in src for x in e["examples"][:2]],
    }
