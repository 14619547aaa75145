"""The Kazakh–Russian glossary: built from the aligned beads of a workspace and stored
in it (looking terms up: `lookup`; the consistency check: `qa`).

Building (`build_glossary`):

1. every bead's Kazakh and Russian side is read for noun-phrase candidates
   (`terms`); Kazakh words are stemmed with the lexicon of the whole corpus;
2. candidates seen in fewer than `min_freq` beads, or only ever inside a longer frequent
   candidate ("Уағдаласушы Тараптар" inside "Мәртебелі Уағдаласушы Тараптар"), drop out;
3. Kazakh and Russian candidates are associated by the Dice coefficient of the beads
   they share, and then linked inside each bead one to one, best association first
   (competitive linking), so that a frequent neighbour does not pass for a translation;
4. each Kazakh term keeps the Russian terms it was linked to often enough, with the number
   of links, the forms seen in the texts, the acts, and example pairs.

Rows that a terminologist approved, edited or rejected survive rebuilds: their statistics
are refreshed, their wording and status are not touched. Citation forms: `citation`;
reading and changing entries: `rows`.

Reads beads only through `Workspace.beads()`, so it works on any aligned workspace.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from . import russian_lemma as rl
from ..collector import collecting_less
from ..errors import SaikesError
from ..limits import limit
from ..store import Workspace
from .citation import _cite_kk, _cite_ru, _examples, _occurrence_stats, _plural_in_use
from .heads import head_entries, part_entries
from .association import WordAssociation, cognate, left_bound, conjunct_pairs, length_factor, llr_of
from .score import entry_score
from .beads import BeadTerms, read_beads
from .kazakh_flags import KK_STOP
from .terms import Occurrence
from ..model import Status

# Thresholds of a build; `build_glossary` takes each as a keyword.
DEFAULTS = {
    "min_freq": 2,         # beads a candidate must occur in
    "min_links": 2,        # beads in which a pair must be linked
    "min_dice": 0.3,       # association of a kept pair (links over occurrences)
    "variant_share": 0.2,  # a second translation must cover this share of the term's links
    "max_examples": 12,    # example pairs stored per entry
    "max_words": 4,
    "association": "dice",  # how candidates are associated before linking: dice or llr
    "min_score": 0.1,      # entries scoring lower are "candidate": kept, not exported
    "max_left_bound": 0.9,  # so are Kazakh terms the same word stands before this often (pieces)
    "max_beads": None,     # distinct beads read at most (an even sample beyond); None: the glossary_beads limit
}


class GlossaryError(SaikesError):
    """The glossary cannot be built, read or changed as asked."""


# ------------------------------------------------------------------ reading the beads

def _fragment(o: Occurrence, longer: Occurrence) -> bool:
    """True if `o` is a mere piece of `longer`, not a term used inside it:
    pieces: "Уағдаласушы Тараптар" of "Мәртебелі Уағдаласушы Тараптар", "Қазақстан" of
    "Қазақстан Республикасы", "Договаривающиеся Стороны" of "Высокие Договаривающиеся
    Стороны", "граждане государств" of "граждане государств Сторон";
    terms inside: a dependent phrase ("Тараптар" of "Тараптар мемлекеттері", "Сторон" of
    "государств Сторон") and a head without its dependents ("азаматтары" of "Тараптар
    мемлекеттерінің азаматтары", "граждане" of "граждане государств Сторон")."""
    if longer.whole or not (longer.size > o.size and longer.start <= o.start and longer.end >= o.end):
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


def _holders(occs: list[Occurrence]) -> list[Occurrence]:
    """The occurrences that may hold a piece (`_fragment`): of two words or more, no
    coordination. Most occurrences are neither, and every occurrence was tried against each."""
    return [o for o in occs if len(o.words) > 1 and not o.whole]


def _independent(beads: list[BeadTerms], side: str, frequent: set[str]) -> tuple[Counter, set[str]]:
    """Beads in which a key occurs at least once other than as a piece of a longer
    frequent candidate. A piece of two or more different longer candidates (хаттама of
    жеке хаттама and жекелеген хаттама) combines freely, so it is a term of its own: all
    its beads count. Returns the counts and the keys that are such free pieces."""
    out = Counter()
    containers: dict[str, set[str]] = defaultdict(set)
    anywhere = Counter()
    for b in beads:
        occs = [o for o in getattr(b, side) if o.key in frequent]
        holders = _holders(occs)
        seen = set()
        for o in occs:
            start, end = o.start, o.end
            longer = [o2.key for o2 in holders if o2.start <= start and o2.end >= end and o2 is not o
                      and _fragment(o, o2)]
            containers[o.key].update(longer)
            if not longer:
                seen.add(o.key)
        out.update(seen)
        anywhere.update({o.key for o in occs})
    free = {key for key, keys in containers.items() if len(keys) >= 2}
    for key in free:
        out[key] = anywhere[key]
    return out, free


def _live(occs: list[Occurrence], keep: set[str]) -> list[Occurrence]:
    # (counting free pieces inside longer candidates too was measured: recall of the seeds
    # +3 pairs, but wrong links such as күшіне ену → сила; not kept)
    kept = [o for o in occs if o.key in keep]
    holders = _holders(kept)
    out = []
    for o in kept:          # (a loop, not any() over a generator: a build asks 100,000 times)
        start, end = o.start, o.end
        for o2 in holders:
            if o2.start <= start and o2.end >= end and o2 is not o and _fragment(o, o2):
                break
        else:
            out.append(o)
    return out


def _extends(a: Occurrence, b: Occurrence) -> bool:
    """`a` is `b` with words added after it: "сұрау салу" extends "сұрау"."""
    return a.start == b.start and a.end >= b.end


def _second_translations(entries: list[dict]) -> None:
    """A Kazakh term's second translation (by score) that is another Kazakh term's first is that term's,
    seen beside it (қамқоршылық → опека: "қорғаншылық немесе қамқоршылық" is "опека или
    попечительство", and опека is қорғаншылық's): a candidate, not exported."""
    best: dict[str, dict] = {}
    for e in entries:
        if e["score"] > best.get(e["kk_key"], {"score": -1})["score"]:
            best[e["kk_key"]] = e
    firsts = defaultdict(set)
    for k, e in best.items():
        firsts[e["ru_key"]].add(k)
    for e in entries:
        if best[e["kk_key"]] is not e and firsts[e["ru_key"]] - {e["kk_key"]}:
            e["status"] = Status.CANDIDATE.value


def _verb_and_noun(links: dict, link_beads: dict) -> None:
    """A Kazakh verbal noun in -у (күшіне ену) is rendered by a Russian verb and by its noun
    alike (вступать в силу, вступление в силу: the same head, the same complement): the two
    share their links, so each stands as a translation."""
    for k, rs in links.items():
        groups = defaultdict(list)
        for r in rs:
            head, _, tail = r.partition(" ")
            if tail:
                groups[(head[:4], tail)].append(r)
        for group in groups.values():
            if len(group) > 1 and any(_verb(r) for r in group) and not all(_verb(r) for r in group):
                for r in group:
                    mine = {id(x[0]) for x in link_beads[(k, r)]}
                    link_beads[(k, r)] = link_beads[(k, r)] + [
                        x for other in group if other != r for x in link_beads[(k, other)] if id(x[0]) not in mine]
                for r in group:
                    rs[r] = len(link_beads[(k, r)])


@lru_cache(maxsize=100_000)
def _verb(ru_key: str) -> bool:
    """A Russian key that opens with an infinitive (вступать в сила): a verb phrase."""
    first = ru_key.partition(" ")[0]
    return first.endswith(("ть", "ться", "ти", "тись", "чь", "чься")) and \
        any(rl.tag(p).POS == "INFN" for p in rl.all_parses(first))


# ------------------------------------------------------------------ building

@collecting_less()
def build_glossary(ws: Workspace, workers: int = 1, **options) -> dict:
    """Build (or rebuild) the glossary of the workspace from its beads; returns statistics.
    Rows a terminologist approved, edited or rejected are kept as they are. Candidates are
    found in up to `workers` processes (the result is the same)."""
    entries, stats = build_entries(ws, workers, **options)
    stats.update(_store(ws, entries, stats))
    return stats


def build_glossary_at(path: str, workers: int = 1) -> dict:
    """`build_glossary` on the workspace file at `path` (for a build in another process)."""
    with Workspace(path, create=False) as ws:
        return build_glossary(ws, workers)


@collecting_less()
def build_entries(ws: Workspace, workers: int = 1, **options) -> tuple[list[dict], dict]:
    """The entries a build would store, each with the features its score is made of, and
    the build's statistics; nothing is stored."""
    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise GlossaryError(f"unknown glossary option(s): {', '.join(sorted(unknown))}")
    opt = {**DEFAULTS, **options}
    beads, stemmer = read_beads(ws, max_words=opt["max_words"], distinct=True, workers=workers,
                                max_beads=opt["max_beads"] or limit("glossary_beads"))
    if not beads:
        raise GlossaryError(f"no aligned pairs in {ws.path}: import and align documents before "
                            f"building the glossary")

    # 1. frequent candidates, minus those only seen inside longer ones
    df = {"kk": Counter(), "ru": Counter()}
    for b in beads:
        df["kk"].update({o.key for o in b.kk})
        df["ru"].update({o.key for o in b.ru})
    keep, frequent = {}, {}
    for side in ("kk", "ru"):
        frequent[side] = {k for k, c in df[side].items() if c >= opt["min_freq"]}
        indep, _free = _independent(beads, side, frequent[side])
        keep[side] = {k for k in frequent[side] if indep[k] >= opt["min_freq"]}

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
            hit = llr_cache[(k, r)] = llr_of(c, df["kk"][k] - c, df["ru"][r] - c,
                                           n_beads - df["kk"][k] - df["ru"][r] + c)
        return hit

    assoc = dice if opt["association"] == "dice" else llr
    min_links = opt["min_links"]

    # 3. competitive linking inside each bead: phrase association, weighted by how well
    # the words of the two phrases answer each other and by their lengths
    words = WordAssociation(beads, stemmer, keep["kk"], keep["ru"])
    links: dict[str, Counter] = defaultdict(Counter)
    pair_weights: dict[tuple[str, str], tuple[float, float]] = {}
    link_beads: dict[tuple, list] = defaultdict(list)
    for b, K, R in per_bead:
        if not K or not R:
            continue
        lk, lr = max(len(b.bead.kk), 1), max(len(b.bead.ru), 1)
        cands = []
        # a Russian verb phrase (вступать в силу) renders a Kazakh verbal noun only (күшіне ену)
        pairs = [(k, r) for k, co_k in ((k, co[k]) for k in K) for r in R if co_k.get(r, 0) >= min_links
                 and (not _verb(r) or k.endswith(("у", "ю")))]
        weights = []
        for k, r in pairs:
            fixed = pair_weights.get((k, r))
            if fixed is None:       # what does not depend on the bead, once per pair
                fixed = pair_weights[(k, r)] = (assoc(k, r),
                                                length_factor(k, r) * (0.5 + 0.5 * words.compositional(k, r)),
                                                0.1 * cognate(k, r))
            weights.append(fixed)
        top = max((a for a, _, _ in weights), default=1.0) or 1.0
        ordered, crossed = conjunct_pairs(b, co, opt["min_links"])
        for (k, r), (a, w, c) in zip(pairs, weights):
            s = a / top * w + c + 0.05 * (1 - abs(K[k].start / lk - R[r].start / lr)) + \
                0.5 * ((k, r) in ordered) - 0.5 * ((k, r) in crossed)
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

    _verb_and_noun(links, link_beads)

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
            llr = llr_of(c, df["kk"][k] - c, df["ru"][r] - c, n_beads - df["kk"][k] - df["ru"][r] + c)
            linked = link_beads[(k, r)]
            features = {
                "dice": d, "links": n,
                "acts": len({b.pair for b, _, _ in linked}),
                "confidence": sum(min(1.0, b.bead.confidence or 0.0) for b, _, _ in linked) / len(linked),
                "consistency": n / sum(rs.values()),
                "words": words.compositional(k, r),
                "length": length_factor(k, r),
                "left": left_bound(linked, KK_STOP.__contains__),
            }
            score = entry_score(features)
            entries.append({"kk_key": k, "ru_key": r, "freq": n, "kk_freq": df["kk"][k],
                            "ru_freq": df["ru"][r], "dice": round(d, 4), "llr": round(llr, 2),
                            "score": round(score, 4), "features": features,
                            "status": Status.AUTO.value if score >= opt["min_score"] and
                            features["left"] < opt["max_left_bound"] else Status.CANDIDATE.value})
    _second_translations(entries)
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

    entries += head_entries(entries)
    entries += part_entries(entries, words, frequent)
    stats = {"pairs": len({b.pair for b in beads}), "beads": n_beads,
             "kk_candidates": len(keep["kk"]), "ru_candidates": len(keep["ru"]),
             "terms": len(by_kk), "entries": len(entries),
             "exported": sum(e["status"] == Status.AUTO.value for e in entries)}
    return entries, stats


def _store(ws: Workspace, entries: list[dict], stats: dict) -> dict:
    return ws.store_glossary(entries, stats)
