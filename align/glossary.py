"""The Kazakh–Russian glossary: built from the aligned beads of a workspace and stored
in it (looking terms up: `align.lookup`; the consistency check: `align.qa`).

Building (`build_glossary`):

1. every bead's Kazakh and Russian side is read for noun-phrase candidates
   (`align.terms`); Kazakh words are stemmed with the lexicon of the whole corpus;
2. candidates seen in fewer than `min_freq` beads, or only ever inside a longer frequent
   candidate ("Уағдаласушы Тараптар" inside "Мәртебелі Уағдаласушы Тараптар"), drop out;
3. Kazakh and Russian candidates are associated by the Dice coefficient of the beads
   they share, and then linked inside each bead one to one, best association first
   (competitive linking), so that a frequent neighbour does not pass for a translation;
4. each Kazakh term keeps the Russian terms it was linked to often enough, with the number
   of links, the forms seen in the texts, the acts, and example pairs.

Rows that a terminologist approved, edited or rejected survive rebuilds: their statistics
are refreshed, their wording and status are not touched.

Reads beads only through `Workspace.beads()`, so it works on any aligned workspace.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import kazakh_stem as kz
from . import russian_lemma as rl
from .errors import SaikesError, StaleEditError
from .terms import Occurrence, kazakh_terms, russian_terms
from .workspace import Workspace, now

STATUSES = ("auto", "approved", "edited", "rejected")
REVIEWED = ("approved", "edited", "rejected")

# Thresholds of a build; `build_glossary` takes each as a keyword.
DEFAULTS = {
    "min_freq": 2,         # beads a candidate must occur in
    "min_links": 2,        # beads in which a pair must be linked
    "min_dice": 0.3,       # association of a kept pair (links over occurrences)
    "variant_share": 0.2,  # a second translation must cover this share of the term's links
    "max_examples": 12,    # example pairs stored per entry
    "max_words": 4,
    "association": "dice",  # how candidates are associated before linking: dice or llr
}


class GlossaryError(SaikesError):
    """The glossary cannot be built, read or changed as asked."""


@dataclass
class Entry:
    id: int
    kk_key: str
    ru_key: str
    kk: str
    ru: str
    kk_pos: str
    ru_pos: str
    freq: int
    kk_freq: int
    ru_freq: int
    dice: float
    llr: float
    score: float
    kk_forms: dict
    ru_forms: dict
    acts: list
    examples: list
    status: str
    note: str
    built_at: str | None
    created_at: str
    changed_at: str
    version: int = 1


# ------------------------------------------------------------------ reading the beads

@dataclass
class _Bead:
    bead: object
    pair: str
    kk: list[Occurrence]
    ru: list[Occurrence]


def _stemmer_for(beads) -> kz.KazakhStemmer:
    lexicon = Counter()
    for b in beads:
        lexicon.update(kz.tokenize(b.kk))
    return kz.KazakhStemmer(lexicon)


def kazakh_stemmer(ws: Workspace) -> kz.KazakhStemmer:
    """The stemmer the glossary of this workspace is built with: it settles ambiguous
    Kazakh words by the word forms of all the beads."""
    return _stemmer_for([b for b in ws.beads() if b.status != "rejected"])


def _read_beads(ws: Workspace, pair: str | None = None, max_words: int = 4):
    names = {p.id: p.name for p in ws.pairs()}
    every = [b for b in ws.beads() if b.status != "rejected"]
    stemmer = _stemmer_for(every)
    if pair is not None:
        pid = ws.pair(pair).id
        every = [b for b in every if b.pair_id == pid]
    out = []
    for b in every:
        if not b.kk.strip() or not b.ru.strip():
            continue
        out.append(_Bead(b, names.get(b.pair_id, str(b.pair_id)),
                         kazakh_terms(b.kk, stemmer, max_words), russian_terms(b.ru, max_words)))
    return out, stemmer


def _fragment(o: Occurrence, longer: Occurrence) -> bool:
    """True if `o` is a mere piece of `longer`, not a term used inside it:
    pieces: "Уағдаласушы Тараптар" of "Мәртебелі Уағдаласушы Тараптар", "Қазақстан" of
    "Қазақстан Республикасы", "Договаривающиеся Стороны" of "Высокие Договаривающиеся
    Стороны", "граждане государств" of "граждане государств Сторон";
    terms inside: a dependent phrase ("Тараптар" of "Тараптар мемлекеттері", "Сторон" of
    "государств Сторон") and a head without its dependents ("азаматтары" of "Тараптар
    мемлекеттерінің азаматтары", "граждане" of "граждане государств Сторон")."""
    if not (longer.size > o.size and longer.start <= o.start and longer.end >= o.end):
        return False
    i = longer.word_at(o.start)
    if i < 0:
        return True
    if o.lang == "kk":
        if o.end == longer.end:                     # the head, fewer modifiers
            return not longer.genitive[i - 1]
        last = i + o.size - 1                       # inside the modifiers
        return not (longer.genitive[last] or longer.plurals[last])
    if i > longer.head:                             # inside a complement
        return False
    return not (i == 0 and o.head_last and o.size == longer.head + 1)


def _independent(beads: list[_Bead], side: str, frequent: set[str]) -> Counter:
    """Beads in which a key occurs at least once other than as a piece of a longer
    frequent candidate."""
    out = Counter()
    for b in beads:
        occs = [o for o in getattr(b, side) if o.key in frequent]
        seen = set()
        for o in occs:
            if o.key in seen:
                continue
            if not any(o2.start <= o.start and o2.end >= o.end and _fragment(o, o2) for o2 in occs):
                seen.add(o.key)
        out.update(seen)
    return out


def _live(occs: list[Occurrence], keep: set[str]) -> list[Occurrence]:
    kept = [o for o in occs if o.key in keep]
    return [o for o in kept if not any(o2.start <= o.start and o2.end >= o.end and _fragment(o, o2)
                                       for o2 in kept)]


def _extends(a: Occurrence, b: Occurrence) -> bool:
    """`a` is `b` with words added after it: "сұрау салу" extends "сұрау"."""
    return a.start == b.start and a.end >= b.end


def _llr(k11: int, k12: int, k21: int, k22: int) -> float:
    """Dunning's log-likelihood ratio (G²) of a 2×2 contingency table."""
    def h(*ks):
        n = sum(ks)
        return sum(k * math.log(k / n) for k in ks if k > 0)
    return max(0.0, 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22)))


def _length_factor(k: str, r: str) -> float:
    """Kazakh terms and their Russian renderings mostly have as many words."""
    d = abs(len(k.split()) - len(r.split()))
    return 1.0 if d == 0 else 0.9 if d == 1 else 0.5 ** (d - 1)


class _WordAssociation:
    """Dice of single words over beads (Kazakh stems, Russian lemmas): how well the words
    of a Kazakh phrase and those of a Russian one answer each other."""

    def __init__(self, beads, stemmer, kk_keys, ru_keys):
        self.stemmer = stemmer
        self.kk_words = {w for k in kk_keys for w in self.kk_split(k)}
        self.ru_words = {w for r in ru_keys for w in r.split()}
        self.df_k, self.df_r, self.co = Counter(), Counter(), defaultdict(Counter)
        for b in beads:
            K = {self.stemmer.stem(t) for t in kz.tokenize(b.bead.kk)} & self.kk_words
            R = {w for t in rl.tokenize(b.bead.ru) for w in self._ru_lemmas(t)} & self.ru_words
            self.df_k.update(K)
            self.df_r.update(R)
            for k in K:
                self.co[k].update(R)
        self._cache = {}

    def kk_split(self, key: str) -> list[str]:
        return [self.stemmer.stem(w) for w in key.split()]

    @staticmethod
    @lru_cache(maxsize=200_000)
    def _ru_lemmas(word: str) -> frozenset[str]:
        return frozenset(rl.lemma_of(p) for p in rl.parses(word))

    def dice(self, k: str, r: str) -> float:
        c = self.co[k][r]
        return 2 * c / (self.df_k[k] + self.df_r[r]) if c else 0.0

    def compositional(self, kk_key: str, ru_key: str) -> float:
        hit = self._cache.get((kk_key, ru_key))
        if hit is None:
            ks, rs = self.kk_split(kk_key), ru_key.split()
            a = sum(max(self.dice(k, r) for r in rs) for k in ks) / len(ks)
            b = sum(max(self.dice(k, r) for k in ks) for r in rs) / len(rs)
            hit = self._cache[(kk_key, ru_key)] = (a + b) / 2
        return hit


# ------------------------------------------------------------------ building

def build_glossary(ws: Workspace, **options) -> dict:
    """Build (or rebuild) the glossary of the workspace from its beads; returns statistics.
    Rows a terminologist approved, edited or rejected are kept as they are."""
    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise GlossaryError(f"unknown glossary option(s): {', '.join(sorted(unknown))}")
    opt = {**DEFAULTS, **options}
    beads, stemmer = _read_beads(ws, max_words=opt["max_words"])
    if not beads:
        raise GlossaryError(f"no aligned pairs in {ws.path}: import and align documents before "
                            f"building the glossary")

    # 1. frequent candidates, minus those only seen inside longer ones
    df = {"kk": Counter(), "ru": Counter()}
    for b in beads:
        df["kk"].update({o.key for o in b.kk})
        df["ru"].update({o.key for o in b.ru})
    keep = {}
    for side in ("kk", "ru"):
        frequent = {k for k, c in df[side].items() if c >= opt["min_freq"]}
        indep = _independent(beads, side, frequent)
        keep[side] = {k for k in frequent if indep[k] >= opt["min_freq"]}

    # 2. association over beads, counting the occurrences that are no piece of a longer
    # kept candidate
    for b in beads:
        b.kk = _live(b.kk, keep["kk"])
        b.ru = _live(b.ru, keep["ru"])
    df = {"kk": Counter(), "ru": Counter()}
    co: dict[str, Counter] = defaultdict(Counter)
    per_bead = []
    for b in beads:
        K, R = {}, {}
        for o in b.kk:
            K.setdefault(o.key, o)
        for o in b.ru:
            R.setdefault(o.key, o)
        df["kk"].update(K.keys())
        df["ru"].update(R.keys())
        per_bead.append((b, K, R))
        for k in K:
            co[k].update(R.keys())
    n_beads = len(beads)

    def dice(k, r):
        return 2 * co[k][r] / (df["kk"][k] + df["ru"][r])

    if opt["association"] not in ("dice", "llr"):
        raise GlossaryError(f"unknown association measure '{opt['association']}' (dice or llr)")
    llr_cache: dict = {}

    def llr(k, r):
        hit = llr_cache.get((k, r))
        if hit is None:
            c = co[k][r]
            hit = llr_cache[(k, r)] = _llr(c, df["kk"][k] - c, df["ru"][r] - c,
                                           n_beads - df["kk"][k] - df["ru"][r] + c)
        return hit

    assoc = dice if opt["association"] == "dice" else llr

    # 3. competitive linking inside each bead: phrase association, weighted by how well
    # the words of the two phrases answer each other and by their lengths
    words = _WordAssociation(beads, stemmer, keep["kk"], keep["ru"])
    links: dict[str, Counter] = defaultdict(Counter)
    link_beads: dict[tuple, list] = defaultdict(list)
    for b, K, R in per_bead:
        if not K or not R:
            continue
        lk, lr = max(len(b.bead.kk), 1), max(len(b.bead.ru), 1)
        cands = []
        pairs = [(k, r) for k in K for r in R if co[k][r] >= opt["min_links"]]
        top = max((assoc(k, r) for k, r in pairs), default=1.0) or 1.0
        for k, r in pairs:
            s = assoc(k, r) / top * _length_factor(k, r) * (0.5 + 0.5 * words.compositional(k, r))
            s += 0.05 * (1 - abs(K[k].start / lk - R[r].start / lr))
            cands.append((s, k, r))
        cands.sort(reverse=True)
        # one link per key and bead; a Russian term already linked may be linked again only
        # from a Kazakh term that extends its partner ("сұрау", then "сұрау салу" → "запрос")
        used_k: dict[str, Occurrence] = {}
        used_r: dict[str, list[Occurrence]] = {}
        linked_k: dict[str, list[Occurrence]] = defaultdict(list)
        for s, k, r in cands:
            if k in used_k:
                continue
            if r in used_r and not all(_extends(K[k], other) for other in linked_k[r]):
                continue
            used_k[k] = K[k]
            used_r.setdefault(r, []).append(R[r])
            linked_k[r].append(K[k])
            links[k][r] += 1
            link_beads[(k, r)].append((b, K[k], R[r]))

    # 4. entries
    occ_stats = _occurrence_stats(beads, keep)
    entries = []
    for k, rs in links.items():
        ranked = rs.most_common()
        top = ranked[0][1]
        for rank, (r, n) in enumerate(ranked):
            d = 2 * n / (df["kk"][k] + df["ru"][r])
            if n < opt["min_links"] or d < opt["min_dice"]:
                continue
            if rank > 0 and n < opt["variant_share"] * top:
                continue
            c = co[k][r]
            llr = _llr(c, df["kk"][k] - c, df["ru"][r] - c, n_beads - df["kk"][k] - df["ru"][r] + c)
            entries.append({"kk_key": k, "ru_key": r, "freq": n, "kk_freq": df["kk"][k],
                            "ru_freq": df["ru"][r], "dice": round(d, 4), "llr": round(llr, 2),
                            "score": round(n * d, 4)})
    # citation forms: the number of a Kazakh term follows its use, and its translations agree
    by_kk = defaultdict(list)
    for e in entries:
        by_kk[e["kk_key"]].append(e)
    for k, es in by_kk.items():
        es.sort(key=lambda e: -e["freq"])
        plural = _plural_in_use(occ_stats["kk"][k], occ_stats["ru"][es[0]["ru_key"]])
        kk_form = _cite_kk(occ_stats["kk"][k], plural)
        for e in es:
            st = occ_stats["ru"][e["ru_key"]]
            e["kk"] = kk_form
            e["ru"] = _cite_ru(st, plural)
            e["ru_pos"] = "properNoun" if st["proper"] > st["n"] / 2 else "noun"
            e["kk_pos"] = e["ru_pos"]
            e["kk_forms"] = dict(occ_stats["kk"][k]["forms"].most_common())
            e["ru_forms"] = dict(st["forms"].most_common())
            pairs = link_beads[(k, e["ru_key"])]
            e["acts"] = sorted({b.pair for b, _, _ in pairs})
            e["examples"] = _examples(pairs, opt["max_examples"])

    stats = {"pairs": len({b.pair for b in beads}), "beads": n_beads,
             "kk_candidates": len(keep["kk"]), "ru_candidates": len(keep["ru"]),
             "terms": len(by_kk), "entries": len(entries)}
    stats.update(_store(ws, entries, stats))
    return stats


# How each word is written where a capital means something (not at a sentence start):
# the fallback for a word of a term seen only at sentence starts ("Әділет министрлігі"
# opens every line of a list, but "министрлігі" is written small elsewhere).
_WORD_CAPS: dict[str, Counter] = defaultdict(Counter)


def _fold_word(w: str) -> str:
    return kz.fold(w)


def _occurrence_stats(beads, keep) -> dict:
    """Per key: forms seen, number and capitals in use."""
    _WORD_CAPS.clear()
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
                                             "proper": 0, "poss": 0, "sample": o}
                st["n"] += 1
                if o.plural is not None:
                    st["numbered"] += 1
                    st["plural"] += bool(o.plural)
                st["poss"] += bool(o.poss)
                st["proper"] += bool(o.proper)
                st["forms"][_repair(o.text)] += 1
                st["bases"][(_repair(o.base), o.plural, o.poss)] += 1
                for i, c in enumerate(o.caps):
                    if c is not None:
                        st["caps"][i][c] += 1
                        _WORD_CAPS[_fold_word(o.words[i])][c] += 1
                    elif not o.words[i].isupper():
                        st["caps_initial"][i][o.words[i][:1].isupper()] += 1
    # a Russian term is cited from its most frequent form
    for st in out["ru"].values():
        st["best_words"] = st["forms"].most_common(1)[0][0].split(" ")
    return out


def _repair(text: str) -> str:
    """Latin look-alike letters inside Cyrillic words repaired, case kept."""
    return " ".join(w.translate(kz.LOOKALIKES) if re.search(r"[\u0400-\u04FF]", w) else w
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
        c = _WORD_CAPS.get(_fold_word(word))
    if not c:          # seen only where every word is written with a capital: as written
        c = st["caps_initial"].get(i)
    if not c:
        return None
    return c[True] > c[False]


# Endings that make an adjective for certain (-лық/-лік also make nouns: қауіпсіздік).
_KK_SURE_ADJECTIVE = re.compile(r"(?:лы|лі|ды|ді|ты|ті|сыз|сіз|ғы|гі|қы|кі|ған|ген|қан|кен|атын|етін|"
                                r"йтын|йтін|ушы|уші)$")


def _cite_kk(st: dict, plural: bool) -> str:
    sample = st["sample"].words
    poss = False
    if len(sample) > 1 and st["poss"] >= 0.8 * st["n"]:
        mods = [kz.fold(w) for w in sample[:-1]]
        genitive = any(m.endswith(("ның", "нің", "дың", "дің", "тың", "тің")) for m in mods)
        poss = genitive or not (_KK_SURE_ADJECTIVE.search(mods[-1]) or mods[-1] in kz.PROTECTED_ADJECTIVES)
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


_STAT_COLUMNS = ("freq", "kk_freq", "ru_freq", "dice", "llr", "score", "kk_forms", "ru_forms", "acts",
                 "examples")


def _store(ws: Workspace, entries: list[dict], stats: dict) -> dict:
    stamp = now()
    kept = updated = inserted = removed = 0
    with ws.transaction() as db:
        old = {(r["kk_key"], r["ru_key"]): dict(r) for r in
               db.execute("SELECT id, kk_key, ru_key, status FROM glossary")}
        new_keys = set()
        for e in entries:
            key = (e["kk_key"], e["ru_key"])
            new_keys.add(key)
            vals = [json.dumps(e[c], ensure_ascii=False) if isinstance(e[c], (dict, list)) else e[c]
                    for c in _STAT_COLUMNS]
            row = old.get(key)
            if row is None:
                db.execute(
                    "INSERT INTO glossary(kk_key, ru_key, kk, ru, kk_pos, ru_pos, " + ", ".join(_STAT_COLUMNS) +
                    ", status, built_at, created_at, changed_at) VALUES (" + ", ".join("?" * 20) + ")",
                    [e["kk_key"], e["ru_key"], e["kk"], e["ru"], e["kk_pos"], e["ru_pos"], *vals,
                     "auto", stamp, stamp, stamp])
                inserted += 1
            elif row["status"] == "auto":
                db.execute("UPDATE glossary SET kk = ?, ru = ?, kk_pos = ?, ru_pos = ?, " +
                           ", ".join(f"{c} = ?" for c in _STAT_COLUMNS) + ", built_at = ? WHERE id = ?",
                           [e["kk"], e["ru"], e["kk_pos"], e["ru_pos"], *vals, stamp, row["id"]])
                updated += 1
            else:       # reviewed: refresh the figures, keep wording and status
                db.execute("UPDATE glossary SET " + ", ".join(f"{c} = ?" for c in _STAT_COLUMNS) +
                           ", built_at = ? WHERE id = ?", [*vals, stamp, row["id"]])
                kept += 1
        for key, row in old.items():
            if key in new_keys:
                continue
            if row["status"] == "auto":
                db.execute("DELETE FROM glossary WHERE id = ?", (row["id"],))
                removed += 1
            else:
                kept += 1
        result = {"inserted": inserted, "updated": updated, "removed": removed, "reviewed_kept": kept}
        db.execute("INSERT INTO glossary_builds(at, stats) VALUES (?, ?)",
                   (stamp, json.dumps({**stats, **result}, ensure_ascii=False)))
        ws.log(db, "glossary_build", after={**stats, **result})
    return result


# ------------------------------------------------------------------ reading and changing entries

def _entry(r) -> Entry:
    return Entry(r["id"], r["kk_key"], r["ru_key"], r["kk"], r["ru"], r["kk_pos"], r["ru_pos"],
                 r["freq"], r["kk_freq"], r["ru_freq"], r["dice"], r["llr"], r["score"],
                 json.loads(r["kk_forms"]), json.loads(r["ru_forms"]), json.loads(r["acts"]),
                 json.loads(r["examples"]), r["status"], r["note"], r["built_at"], r["created_at"],
                 r["changed_at"], r["version"])


def entries(ws: Workspace, include_rejected: bool = False) -> list[Entry]:
    """Glossary rows, best first: reviewed rows rank with the others by their score."""
    sql = "SELECT * FROM glossary" + ("" if include_rejected else " WHERE status != 'rejected'") + \
          " ORDER BY score DESC, freq DESC, kk_key, ru_key"
    return [_entry(r) for r in ws.db.execute(sql)]


def entry(ws: Workspace, entry_id: int) -> Entry:
    r = ws.db.execute("SELECT * FROM glossary WHERE id = ?", (entry_id,)).fetchone()
    if r is None:
        raise GlossaryError(f"no glossary entry {entry_id}")
    return _entry(r)


def _check_version(db, entry_id: int, expected: int | None) -> None:
    """Inside a transaction: refuse an edit made against an older version of the entry."""
    row = db.execute("SELECT kk, ru, version FROM glossary WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise GlossaryError(f"no glossary entry {entry_id}")
    if expected is not None and row["version"] != expected:
        raise StaleEditError(f"glossary entry {row['kk']} → {row['ru']} was changed by someone else since "
                             f"you loaded it; your change was not applied — reload to see it")


def set_status(ws: Workspace, entry_id: int, status: str, note: str | None = None,
               who: str | None = None, expected_version: int | None = None) -> Entry:
    """Approve, reject (or return to auto) one entry."""
    if status not in STATUSES:
        raise GlossaryError(f"unknown status '{status}' (one of {', '.join(STATUSES)})")
    before = entry(ws, entry_id)
    with ws.transaction() as db:
        _check_version(db, entry_id, expected_version)
        db.execute("UPDATE glossary SET status = ?, note = COALESCE(?, note), changed_at = ?,"
                   " version = version + 1 WHERE id = ?", (status, note, now(), entry_id))
        ws.log(db, "glossary_status", before={"id": entry_id, "status": before.status},
               after={"id": entry_id, "status": status}, who=who)
    return entry(ws, entry_id)


def edit_entry(ws: Workspace, entry_id: int, kk: str | None = None, ru: str | None = None,
               note: str | None = None, who: str | None = None, expected_version: int | None = None) -> Entry:
    """Change the wording of an entry; it becomes 'edited' and survives rebuilds. A changed
    term takes the key of its new wording; an automatic row with that key is merged in."""
    before = entry(ws, entry_id)
    kk = before.kk if kk is None else kk.strip()
    ru = before.ru if ru is None else ru.strip()
    if not kk or not ru:
        raise GlossaryError("a glossary entry needs both a Kazakh and a Russian term")
    kk_key = before.kk_key if kk == before.kk else kz.phrase_key(kk)
    ru_key = before.ru_key if ru == before.ru else rl.phrase_key(ru)
    with ws.transaction() as db:
        _check_version(db, entry_id, expected_version)
        clash = db.execute("SELECT id, status FROM glossary WHERE kk_key = ? AND ru_key = ? AND id != ?",
                           (kk_key, ru_key, entry_id)).fetchone()
        if clash is not None:
            if clash["status"] != "auto":
                raise GlossaryError(f"entry {clash['id']} already holds {kk} → {ru}")
            db.execute("DELETE FROM glossary WHERE id = ?", (clash["id"],))
        db.execute("UPDATE glossary SET kk = ?, ru = ?, kk_key = ?, ru_key = ?, note = COALESCE(?, note),"
                   " status = 'edited', changed_at = ?, version = version + 1 WHERE id = ?",
                   (kk, ru, kk_key, ru_key, note, now(), entry_id))
        ws.log(db, "glossary_edit", before={"id": entry_id, "kk": before.kk, "ru": before.ru},
               after={"id": entry_id, "kk": kk, "ru": ru}, who=who)
    return entry(ws, entry_id)


def add_entry(ws: Workspace, kk: str, ru: str, note: str = "", who: str | None = None) -> Entry:
    """Add a term pair by hand (status 'approved')."""
    return entry(ws, add_entries(ws, [(kk, ru, note)], who)[0])


def add_entries(ws: Workspace, pairs, who: str | None = None) -> list[int]:
    """Add (kk, ru, note) term pairs as approved entries, all in one transaction; a pair
    the glossary already holds becomes approved with the new wording. Returns the ids."""
    rows = []
    for kk, ru, note in pairs:
        kk, ru = " ".join(kk.split()), " ".join(ru.split())
        if not kk or not ru:
            raise GlossaryError("a glossary entry needs both a Kazakh and a Russian term")
        rows.append((kk, ru, note or "", kz.phrase_key(kk), rl.phrase_key(ru)))
    stamp = now()
    ids = []
    with ws.transaction() as db:
        for kk, ru, note, kk_key, ru_key in rows:
            row = db.execute("SELECT id FROM glossary WHERE kk_key = ? AND ru_key = ?", (kk_key, ru_key)).fetchone()
            if row is not None:
                db.execute("UPDATE glossary SET kk = ?, ru = ?, status = 'approved', note = ?, changed_at = ?,"
                           " version = version + 1 WHERE id = ?", (kk, ru, note, stamp, row["id"]))
                ids.append(row["id"])
            else:
                ids.append(db.execute(
                    "INSERT INTO glossary(kk_key, ru_key, kk, ru, status, note, created_at, changed_at) "
                    "VALUES (?, ?, ?, ?, 'approved', ?, ?, ?)", (kk_key, ru_key, kk, ru, note, stamp, stamp)
                ).lastrowid)
            ws.log(db, "glossary_add", after={"id": ids[-1], "kk": kk, "ru": ru}, who=who)
    return ids


def _require_glossary(ws: Workspace) -> list[Entry]:
    rows = entries(ws)
    if not rows:
        raise GlossaryError(f"the glossary of {ws.path} is empty: run `saikes glossary build` first")
    return rows


# ------------------------------------------------------------------ files

def check_file_stem(stem: str) -> None:
    if not re.fullmatch(r"[\w.-]+", stem) or stem.strip(".") == "":
        raise GlossaryError(f"'{stem}' cannot name a glossary file (letters, digits, . _ - only)")


def write_glossary_files(ws: Workspace, directory: str | Path, stem: str = "seeds") -> list[Path]:
    """Write STEM.tsv, STEM.tbx (TBX-Basic) and STEM.txt (OmegaT glossary) into `directory`."""
    from tmx_out.glossary_files import write_omegat, write_tsv
    from tmx_out.tbx import write_tbx
    check_file_stem(stem)
    rows = _require_glossary(ws)
    directory = Path(directory)
    pairs = [p.name for p in ws.pairs()]
    title = f"saikes glossary {stem}"
    paths = [directory / f"{stem}.tsv", directory / f"{stem}.tbx", directory / f"{stem}.txt"]
    write_tsv(rows, paths[0])
    write_tbx(rows, paths[1], title=title, sources=pairs)
    write_omegat(rows, paths[2], title=title)
    return paths
