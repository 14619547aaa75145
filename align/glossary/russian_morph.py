"""pymorphy3 as the glossary reads Russian with it: the analyzer, made once (`morph`), the readings
of a word, parsed once (`all_parses`, `parses`, `readings`), and what phrase reading asks of a
reading's tag, worked out once per tag (`tag`)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

# Tags that mark a name (used for apposition and for properNoun).
NAME_TAGS = ("Geox", "Name", "Surn", "Patr", "Orgn", "Trad")
CASE_MAP = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "voct": "nomn"}
ADJ_POS = ("ADJF", "PRTF")


@dataclass(frozen=True, slots=True)
class TagView:
    """A pymorphy3 tag's attributes, read once: pymorphy3 computes them at every access
    (a set intersection and a checked string each), and the glossary asks for them
    hundreds of thousands of times per build. What phrase reading asks of a tag (`is_noun`,
    `is_adj`, `is_name`, the case agreement compares) is worked out here once per tag too."""
    POS: str | None
    case: str | None
    number: str | None
    gender: str | None
    grammemes: frozenset
    agreement_case: str | None = None   # the case as agreement reads it (gen2 is gent)
    noun: bool = False
    adj: bool = False
    name: bool = False
    fixd: bool = False

    def __contains__(self, grammeme: str) -> bool:
        return grammeme in self.grammemes


_TAG_VIEWS: dict[int, tuple] = {}     # id of a pymorphy3 tag → (the tag, kept alive; its view);
# as many as the dictionary has tags (some 5,500): pymorphy3 hands out the same tag objects


def tag(p) -> TagView:
    """The attributes of a parse's tag (`tag(p).POS`, `"Fixd" in tag(p)`)."""
    t = p.tag
    hit = _TAG_VIEWS.get(id(t))
    if hit is None:
        hit = _TAG_VIEWS[id(t)] = (t, _view(t))
    return hit[1]


def _view(t) -> TagView:
    pos, case, number, gender = (None if v is None else str(v) for v in (t.POS, t.case, t.number, t.gender))
    grammemes = frozenset(map(str, t.grammemes))
    return TagView(pos, case, number, gender, grammemes, agreement_case=CASE_MAP.get(case, case),
                   noun=pos == "NOUN", adj=pos in ADJ_POS and "Apro" not in grammemes,
                   name=any(g in grammemes for g in NAME_TAGS), fixd="Fixd" in grammemes)


LEXEMES = 20_000    # lexemes of dictionary words kept by the analyzer (a lexeme: 10 to 250 forms)


@lru_cache(maxsize=1)
def morph():
    import pymorphy3
    from pymorphy3.units import DictionaryAnalyzer

    class Analyzer(pymorphy3.MorphAnalyzer):
        """pymorphy3's analyzer keeping the lexemes of dictionary words it has built: to inflect a
        form (`Parse.inflect`) it builds the form's whole lexeme, 40 forms on average, and a build
        inflects the same lexemes again and again (1,178 times, 417 lexemes on the seeds: the
        participles of keys, the heads of cited terms, conjuncts put in the nominative). A
        dictionary word's lexeme is set by its paradigm and its normal form."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._lexemes: dict[tuple, tuple] = {}

        def get_lexeme(self, form):
            stack = form.methods_stack
            if len(stack) != 1 or not isinstance(stack[0][0], DictionaryAnalyzer):
                return super().get_lexeme(form)
            key = (stack[0][0], stack[0][2], form.normal_form)
            hit = self._lexemes.get(key)
            if hit is None:
                if len(self._lexemes) >= LEXEMES:
                    self._lexemes.clear()
                hit = self._lexemes[key] = tuple(super().get_lexeme(form))
            return list(hit)

    return Analyzer(**_dictionary(pymorphy3.MorphAnalyzer.DICT_PATH_ENV_VARIABLE))


def _dictionary(env_variable: str) -> dict:
    """The Russian dictionary named directly: left to itself, pymorphy3 looks for it among the
    entry points of every installed package (importlib.metadata: 20 ms of a 50 ms start). A
    path set in the environment, or no package of the dictionary, is left to pymorphy3."""
    if env_variable in os.environ:
        return {}
    try:
        import pymorphy3_dicts_ru
    except ImportError:
        return {}
    return {"path": pymorphy3_dicts_ru.get_path(), "lang": "ru"}


@lru_cache(maxsize=300_000)
def all_parses(word: str) -> tuple:
    """Every reading pymorphy3 gives a word, most probable first (cached: a word is parsed
    once however many terms it is part of)."""
    return tuple(morph().parse(word.replace("ё", "е").replace("Ё", "Е")))


@lru_cache(maxsize=300_000)
def parses(word: str) -> tuple:
    """Readings of a word that matter for noun phrases, most probable first."""
    return tuple(p for p, _ in readings(word))


@lru_cache(maxsize=300_000)
def readings(word: str) -> tuple:
    """`parses` each with its tag's view, (parse, view): phrase reading tries every window of
    words, so the views of a word are looked up once, not at every test."""
    out = ((p, tag(p)) for p in all_parses(word))
    return tuple((p, v) for p, v in out if v.POS in ("NOUN", "ADJF", "PRTF"))
