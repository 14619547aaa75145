"""The beads a glossary is built from, each with the term candidates of its two texts:
read from a workspace (or a corpus folder) a bead at a time, every distinct pair of texts
counted once, the candidates of the distinct texts found in one process or several."""
from __future__ import annotations

import hashlib
import heapq
import re
from collections import Counter
from dataclasses import dataclass

from . import kazakh_stem as kz
from ..model import Status
from ..store import Workspace
from .terms import Occurrence, kazakh_terms, russian_terms


@dataclass
class BeadTerms:
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
    return _stemmer_for(b for b in ws.iter_beads() if b.status != Status.REJECTED)


def read_beads(ws: Workspace, pair: str | None = None, max_words: int = 4, distinct: bool = False,
                workers: int = 1, max_beads: int | None = None):
    """The beads with their candidates; with `distinct`, one bead per distinct pair of texts
    (what the glossary counts by; QA and look-up read every bead), at most `max_beads` of
    them. The workspace is read twice, a bead at a time, so that only the beads kept are
    held; the candidates of the kept texts are found in up to `workers` processes."""
    names = {p.id: p.name for p in ws.pairs()}
    stemmer = kazakh_stemmer(ws)
    every = (b for b in ws.iter_beads(None if pair is None else ws.pair(pair).id) if b.status != Status.REJECTED)
    every = (b for b in every if b.kk.strip() and b.ru.strip())
    kept = _distinct(every, max_beads) if distinct else list(every)
    found = _candidates([("kk", t) for t in dict.fromkeys(b.kk for b in kept)]
                        + [("ru", t) for t in dict.fromkeys(b.ru for b in kept)], stemmer, max_words, workers)
    return [BeadTerms(b, names.get(b.pair_id, str(b.pair_id)), found[("kk", b.kk)], found[("ru", b.ru)])
            for b in kept], stemmer


def _distinct(beads, limit: int | None) -> list:
    """One bead per distinct pair of texts, in the order first seen: a pair of texts seen
    before (an act imported twice, a TMX of acts already aligned, a copy) counts once, as
    repeated text is no evidence of a translation. Past `limit` distinct pairs, those with
    the smallest stable hashes are kept: an even sample of the corpus, the same whatever
    order the beads come in, and memory that stops growing with the corpus. Texts are kept
    as hashes (two pairs of texts share one with odds of 2^-64); a duplicate of a pair that
    fell out of the sample hashes above every kept one and falls out too."""
    kept: dict[int, tuple[int, object]] = {}
    largest: list[int] = []          # the kept hashes, negated: a heap with the largest on top
    for order, b in enumerate(beads):
        same = _stable_hash(_normalized(b.kk), _normalized(b.ru))
        if same in kept:
            continue
        if limit is not None and len(kept) >= limit:
            if same >= -largest[0]:
                continue
            del kept[-heapq.heapreplace(largest, -same)]
        else:
            heapq.heappush(largest, -same)
        kept[same] = (order, b)
    return [b for _, b in sorted(kept.values(), key=lambda ob: ob[0])]


def _stable_hash(kk: str, ru: str) -> int:
    return int.from_bytes(hashlib.blake2b(f"{kk}\x00{ru}".encode(), digest_size=8).digest(), "big")


PARALLEL_TEXTS = 2000   # distinct texts from which finding candidates is worth other processes


def _candidates(texts: list[tuple[str, str]], stemmer, max_words: int, workers: int) -> dict[tuple, list]:
    """The candidates of each distinct (language, text) (a standard clause, an act imported
    twice, is read once), in one pool of `workers` processes when there are many."""
    setting = {"stemmer": stemmer, "max_words": max_words}
    _EXTRACT.update(setting)
    if workers < 2 or len(texts) < PARALLEL_TEXTS:
        return {t: _extract(t) for t in texts}
    from ..pool import process_pool
    with process_pool(workers, _EXTRACT.update, (setting,)) as pool:
        return dict(zip(texts, pool.map(_extract, texts, chunksize=64)))


# what `_extract` needs, set in this process or in each worker
_EXTRACT: dict = {}


def _extract(item: tuple[str, str]) -> list[Occurrence]:
    lang, text = item
    if lang == "kk":
        return kazakh_terms(text, _EXTRACT["stemmer"], _EXTRACT["max_words"])
    return russian_terms(text, _EXTRACT["max_words"])


def _normalized(text: str) -> str:
    """A text reduced to its words, lower case: near-identical copies (other spaces, quotes,
    numbering, look-alike letters) come to the same string."""
    return " ".join(map(kz.fold, _LETTERS.findall(text)))


_LETTERS = re.compile(r"[^\W\d_]+")
