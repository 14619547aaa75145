"""Glossary terms marked in the review app: in any inflected form, with their translations,
and a warning where a trusted term's translation is missing on the other side."""
from __future__ import annotations

from ..store import Bead, Workspace
from . import rows as G
from .build import kazakh_stemmer
from .terms import terms
from ..model import KEPT

SIDES = ("kk", "ru")


def _preferred(entries: list) -> list:
    return sorted(entries, key=lambda e: (e.status not in KEPT, -e.freq, -e.dice))


def term_marks(ws: Workspace, beads: list[Bead]) -> dict[int, dict]:
    """Glossary terms in the beads, in any inflected form: {bead id: {"kk": [(start, end,
    tip, reviewed)], "ru": [...], "pairs": ["kk term → ru term", ...]}}. The tip of a term
    lists its translations, `reviewed` says whether a terminologist approved one; a pair whose translation is not on the other side is marked with ⚠.
    Empty when the workspace has no glossary."""
    rows = G.entries(ws)
    if not rows:
        return {}
    by = {"kk": {}, "ru": {}}
    for e in rows:
        by["kk"].setdefault(e.kk_key, []).append(e)
        by["ru"].setdefault(e.ru_key, []).append(e)
    for side in by.values():
        for key in side:
            side[key] = _preferred(side[key])
    stemmer = kazakh_stemmer(ws)
    out: dict[int, dict] = {}
    for b in beads:
        found, keys = {}, {}
        for side in SIDES:
            text = b.kk if side == "kk" else b.ru
            occs = [o for o in terms(text, side, stemmer if side == "kk" else None) if o.key in by[side]] \
                if text.strip() else []
            keys[side] = {o.key for o in occs}        # every term, also those inside longer ones
            found[side] = _longest(occs)              # what is marked
        if not found["kk"] and not found["ru"]:
            continue
        ru_keys, kk_keys = keys["ru"], keys["kk"]
        marks = {"kk": [], "ru": [], "pairs": []}
        for side, other in (("kk", "ru"), ("ru", "kk")):
            for o in found[side]:
                entries = by[side][o.key]
                tip = "; ".join(f"{getattr(e, other)} ({e.freq}×{', ' + e.status if e.status != 'auto' else ''})"
                                for e in entries[:4])
                reviewed = any(e.status in KEPT for e in entries)
                marks[side].append((o.start, o.end, f"→ {tip}", reviewed))
        seen = set()
        for o in found["kk"]:
            if o.key in seen:
                continue
            seen.add(o.key)
            entries = by["kk"][o.key]
            hit = next((e for e in entries if e.ru_key in ru_keys), None)
            if hit:
                marks["pairs"].append(f"{hit.kk} → {hit.ru}")
            elif b.ru.strip() and _trusted(entries[0]):
                marks["pairs"].append(f"{entries[0].kk} → {entries[0].ru} ⚠ not on the Russian side")
        for o in found["ru"]:
            if o.key in seen or any(e.kk_key in kk_keys for e in by["ru"][o.key]):
                continue
            seen.add(o.key)
            e = by["ru"][o.key][0]
            if b.kk.strip() and _trusted(e):
                marks["pairs"].append(f"{e.ru} → {e.kk} ⚠ not on the Kazakh side")
        out[b.id] = marks
    return out


TRUSTED_FREQ = 5        # an unreviewed glossary entry seen this often is worth a warning


def _trusted(entry) -> bool:
    """Whether a missing translation of this entry deserves a ⚠ in review."""
    return entry.status in KEPT or entry.freq >= TRUSTED_FREQ


def _longest(occs: list) -> list:
    """Occurrences that do not overlap, longer ones first."""
    chosen = []
    for o in sorted(occs, key=lambda o: (-(o.end - o.start), o.start)):
        if all(o.end <= c.start or o.start >= c.end for c in chosen):
            chosen.append(o)
    return sorted(chosen, key=lambda o: o.start)


