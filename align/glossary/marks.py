"""Glossary terms marked in the review app: in any inflected form, with their translations,
and a warning where an approved term's translation is missing on the other side.

A mark must help, not decorate: only entries a terminologist approved or edited, and
automatic terms of two words or more the corpus vouches for (seen often, each side the
other's most frequent partner, a strong association), are marked; a single word such as
бап or шешім is everyday legal vocabulary until someone approves it as a term. Only approved or edited entries warn, and a
warning is given only when no form of any of the term's approved translations is on the
other side — checked word by word on the whole text, not only on the terms found there.
"""
from __future__ import annotations

from . import kazakh_stem as kz
from . import rows as G
from . import russian_lemma as rl
from .beads import kazakh_stemmer
from .terms import terms
from ..lang.words import WORD
from ..model import KEPT
from ..store import Bead, Workspace

SIDES = ("kk", "ru")
MARK_MIN_FREQ = 5          # an automatic entry is marked only if seen this often ...
MARK_MIN_DICE = 0.5        # ... with this strong an association, each side the other's best
MARK_MIN_SCORE = 0.2       # ... and a score (build.entry_score) well above the export threshold (0.1);
                           # candidates (under 0.1) are never marked


def trusted_entries(rows: list) -> list:
    """The entries worth marking: reviewed ones, and automatic ones the corpus vouches for."""
    best: dict[tuple[str, str], object] = {}
    for e in rows:
        for key in (("kk", e.kk_key), ("ru", e.ru_key)):
            if key not in best or e.freq > best[key].freq:
                best[key] = e
    return [e for e in rows if e.status in KEPT or (
        e.status == "auto" and e.score >= MARK_MIN_SCORE and " " in e.kk_key.strip() and e.freq >= MARK_MIN_FREQ
        and e.dice >= MARK_MIN_DICE
        and best[("kk", e.kk_key)] is e and best[("ru", e.ru_key)] is e)]


class TermMarker:
    """Marks glossary terms in beads. Built once per state of the glossary (the review app
    keeps one until the glossary changes); `marks` then costs only the beads it is given."""

    def __init__(self, ws: Workspace):
        rows = [e for e in G.entries(ws) if e.status != "rejected"]
        self.by: dict[str, dict[str, list]] = {"kk": {}, "ru": {}}
        for e in trusted_entries(rows):
            self.by["kk"].setdefault(e.kk_key, []).append(e)
            self.by["ru"].setdefault(e.ru_key, []).append(e)
        for side in self.by.values():
            for entries in side.values():
                entries.sort(key=lambda e: (e.status not in KEPT, -e.freq, -e.dice))
        self.approved: dict[str, dict[str, list]] = {"kk": {}, "ru": {}}
        for e in rows:
            if e.status in KEPT:
                self.approved["kk"].setdefault(e.kk_key, []).append(e)
                self.approved["ru"].setdefault(e.ru_key, []).append(e)
        self.stemmer = kazakh_stemmer(ws) if self.by["kk"] else None
        self._done: dict[tuple[str, str], dict | None] = {}     # (Kazakh, Russian text) -> marks

    def marks(self, beads: list[Bead]) -> dict[int, dict]:
        """{bead id: {"kk": [(start, end, tip, reviewed)], "ru": [...], "pairs": ["kk → ru", ...]}}:
        the tip of a term lists its translations, `reviewed` says whether a terminologist
        approved one. Empty without a glossary."""
        if not self.by["kk"] and not self.by["ru"]:
            return {}
        out = {}
        for b in beads:
            key = (b.kk, b.ru)            # marks depend on the texts only, not on a status change
            if key not in self._done:
                if len(self._done) > 20000:
                    self._done.clear()
                self._done[key] = self._marks_of(b)
            if self._done[key] is not None:
                out[b.id] = self._done[key]
        return out

    def _marks_of(self, b: Bead) -> dict | None:
        by, stemmer = self.by, self.stemmer
        texts = {"kk": b.kk, "ru": b.ru}
        found = {side: _longest([o for o in terms(texts[side], side, stemmer if side == "kk" else None)
                                 if o.key in by[side]]) if texts[side].strip() else []
                 for side in SIDES}
        if not found["kk"] and not found["ru"]:
            return None
        marks: dict = {"kk": [], "ru": [], "pairs": []}
        words = {side: _word_keys(texts[side], side, stemmer) for side in SIDES}
        shown: dict[int, str] = {}
        warned: dict[str, str] = {}
        for side, other in (("kk", "ru"), ("ru", "kk")):
            for o in found[side]:
                entries = by[side][o.key]
                tip = "; ".join(f"{getattr(e, other)} ({e.freq}×{', ' + e.status if e.status != 'auto' else ''})"
                                for e in entries[:4])
                marks[side].append((o.start, o.end, f"→ {tip}", any(e.status in KEPT for e in entries)))
                present = [e for e in entries if _contains(words[other], getattr(e, f"{other}_key"), other, stemmer)]
                if present:
                    shown.setdefault(present[0].id, f"{present[0].kk} → {present[0].ru}")
                    continue
                sure = self.approved[side].get(o.key, [])
                if sure and texts[other].strip() and not any(
                        _contains(words[other], getattr(e, f"{other}_key"), other, stemmer) for e in sure):
                    lang = "Russian" if other == "ru" else "Kazakh"
                    warned.setdefault(o.key, f"{getattr(sure[0], side)} → {getattr(sure[0], other)} "
                                             f"⚠ not on the {lang} side")
        marks["pairs"] = list(shown.values()) + list(warned.values())
        return marks


def term_marks(ws: Workspace, beads: list[Bead]) -> dict[int, dict]:
    """Glossary terms in the beads, marked (see `TermMarker.marks`)."""
    return TermMarker(ws).marks(beads)


def _word_keys(text: str, lang: str, stemmer) -> list[str]:
    """Each word of a text reduced as the glossary reduces it (stem or lemma)."""
    return [_word_key(m.group(0), lang, stemmer) for m in WORD.finditer(text)]


def _word_key(word: str, lang: str, stemmer) -> str:
    return kz.phrase_key(word, stemmer) if lang == "kk" else rl.phrase_key(word)


def _contains(words: list[str], key: str, lang: str, stemmer) -> bool:
    """Whether the words of a glossary key stand in a row among a text's word keys."""
    wanted = [_word_key(w, lang, stemmer) for w in key.split()]
    n = len(wanted)
    return any(words[i:i + n] == wanted for i in range(len(words) - n + 1)) if n else False


def _longest(occs: list) -> list:
    """Occurrences that do not overlap, longer ones first."""
    chosen = []
    for o in sorted(occs, key=lambda o: (-(o.end - o.start), o.start)):
        if all(o.end <= c.start or o.start >= c.end for c in chosen):
            chosen.append(o)
    return sorted(chosen, key=lambda o: o.start)
