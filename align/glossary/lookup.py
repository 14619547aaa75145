"""Terminology lookup: the translations of a Kazakh or Russian term in any inflected
form, with example pairs, and a concordance for terms the glossary does not hold."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import kazakh_stem as kz
from . import russian_lemma as rl
from .beads import read_beads
from .build import GlossaryError
from .rows import Entry, _require_glossary
from .terms import guess_language
from ..store import Workspace
from ..model import KEPT


@dataclass
class Translation:
    term: str
    count: int
    status: str
    dice: float
    entry_id: int


@dataclass
class Match:
    lang: str                 # language of the term looked up
    key: str
    term: str                 # its citation form
    freq: int                 # beads it occurs in
    acts: list
    translations: list[Translation]
    examples: list            # dicts: pair, pos, article, kk, ru, kk_span, ru_span


@dataclass
class LookupResult:
    query: str
    matches: list[Match] = field(default_factory=list)
    concordance: list = field(default_factory=list)   # when the term is not in the glossary

    @property
    def found(self) -> bool:
        return bool(self.matches)


def lookup(ws: Workspace, term: str, n: int = 5) -> LookupResult:
    """Translations of a Kazakh or Russian term in any inflected form, with up to `n`
    example pairs each."""
    query = " ".join(term.split())
    if not query:
        raise GlossaryError("nothing to look up: give a Kazakh or Russian term")
    if n < 0:
        raise GlossaryError("the number of examples cannot be negative")
    rows = _require_glossary(ws)
    lang = guess_language(query)
    langs = [lang] if lang else ["ru", "kk"]
    result = LookupResult(query)
    for lg in langs:
        key = _query_key(query, lg, rows)
        if lg == "kk":
            hits = [e for e in rows if e.kk_key == key]
        else:
            hits = [e for e in rows if e.ru_key == key]
        if not hits:
            continue
        hits.sort(key=lambda e: (e.status not in KEPT, -e.freq, -e.dice))
        head = hits[0]
        examples = []
        seen = set()
        for e in hits:
            for ex in e.examples:
                if ex["bead"] not in seen:
                    seen.add(ex["bead"])
                    examples.append(ex)
        if lg == "kk":
            translations = [Translation(e.ru, e.freq, e.status, e.dice, e.id) for e in hits]
            result.matches.append(Match("kk", key, head.kk, head.kk_freq, sorted({a for e in hits for a in e.acts}),
                                        translations, examples[:n]))
        else:
            translations = [Translation(e.kk, e.freq, e.status, e.dice, e.id) for e in hits]
            result.matches.append(Match("ru", key, head.ru, head.ru_freq, sorted({a for e in hits for a in e.acts}),
                                        translations, examples[:n]))
    if not result.matches:
        result.concordance = _concordance(ws, query, langs, n)
    return result


def _query_key(query: str, lang: str, rows: list[Entry]) -> str:
    """The key of a query: a form seen in the texts maps to its entry directly; any other
    form is normalized like the texts were."""
    folded = kz.fold(query) if lang == "kk" else query.lower().replace("ё", "е")
    for e in rows:
        forms = e.kk_forms if lang == "kk" else e.ru_forms
        for f in forms:
            g = kz.fold(f) if lang == "kk" else f.lower().replace("ё", "е")
            if g == folded:
                return e.kk_key if lang == "kk" else e.ru_key
    if lang == "kk":
        lexicon = [w for e in rows for f in e.kk_forms for w in kz.tokenize(f)]
        return kz.phrase_key(query, kz.KazakhStemmer(lexicon))
    return rl.phrase_key(query)


def _concordance(ws: Workspace, query: str, langs: list[str], n: int) -> list[dict]:
    """Beads whose text holds the query's key, for a term the glossary does not have."""
    beads, stemmer = read_beads(ws)
    out = []
    for lg in langs:
        key = kz.phrase_key(query, stemmer) if lg == "kk" else rl.phrase_key(query)
        for b in beads:
            for o in (b.kk if lg == "kk" else b.ru):
                if o.key == key:
                    bd = b.bead
                    span = [o.start, o.end]
                    out.append({"bead": bd.id, "pair": b.pair, "pos": bd.pos, "section": bd.section,
                                "article": bd.article, "kk": bd.kk, "ru": bd.ru, "lang": lg,
                                "kk_span": span if lg == "kk" else None,
                                "ru_span": span if lg == "ru" else None})
                    break
            if len(out) >= n:
                return out
    return out


def kwic(text: str, span, width: int = 45) -> str:
    """A keyword-in-context line: the term in [brackets] with `width` characters each side."""
    if not span:
        return _clip(text, 2 * width + 20)
    s, e = span
    left, right = text[:s], text[e:]
    if len(left) > width:
        left = "…" + left[-width:].split(" ", 1)[-1]
    if len(right) > width:
        right = right[:width].rsplit(" ", 1)[0] + "…"
    return f"{left}[{text[s:e]}]{right}"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1].rsplit(" ", 1)[0] + "…"
