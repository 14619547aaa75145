"""Entries for heads seen only inside longer terms: хаттама occurs only in жеке хаттама and
жекелеген хаттама, so the build never counts it on its own (a piece of a longer term is
not evidence of a term); but when two or more different exported entries have heads that
answer each other (жеке хаттама → отдельный протокол, жекелеген хаттама → отдельный
протокол), the heads are a term pair too: хаттама → протокол. The derived entry carries the
figures of the entries it comes from."""
from __future__ import annotations

from collections import defaultdict

from ..model import Status
from . import kazakh_stem as kz
from . import russian_lemma as rl

MIN_SOURCES = 2      # different longer entries that must agree on the heads


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


def head_entries(entries: list[dict]) -> list[dict]:
    """Derived entries (kk head → ru head) that `entries` lacks, from exported multiword entries."""
    have = {(e["kk_key"], e["ru_key"]) for e in entries}
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
        if len({e["kk_key"] for e, _, _ in src}) < MIN_SOURCES or (kk_key, ru_key) in have:
            continue
        src.sort(key=lambda s: -s[0]["freq"])
        best = src[0][0]
        out.append({
            "kk_key": kk_key, "ru_key": ru_key, "kk": _kk_head(src[0][2]),
            "ru": src[0][1], "freq": sum(e["freq"] for e, _, _ in src),
            "kk_freq": sum(e["kk_freq"] for e, _, _ in src), "ru_freq": sum(e["ru_freq"] for e, _, _ in src),
            "dice": min(e["dice"] for e, _, _ in src), "llr": min(e["llr"] for e, _, _ in src),
            "score": min(e["score"] for e, _, _ in src), "status": Status.AUTO.value, "derived": True,
            "ru_pos": best["ru_pos"], "kk_pos": best["kk_pos"],
            "kk_forms": {}, "ru_forms": {},
            "acts": sorted({a for e, _, _ in src for a in e["acts"]}),
            "examples": [x for e, _, _ in src for x in e["examples"][:2]],
        })
    return out
