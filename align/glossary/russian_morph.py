"""pymorphy3 as the glossary reads Russian with it: the analyzer, made once (`morph`), the readings
of a word, parsed once (`all_parses`, `parses`, `readings`), and what phrase reading asks of a
reading's tag, worked out once per tag (`tag`)."""
from __future__ import annotations

import os
from contextlib import contextmanager
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


_TAG_VIEWS: dict[int, tuple] = {}     # id of a pymorphy3 tag → (the tag, kept alive; its view)


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


@lru_cache(maxsize=1)
def morph():
    import pymorphy3
    from pymorphy3.units import DictionaryAnalyzer

    class Analyzer(pymorphy3.MorphAnalyzer):
        """pymorphy3's analyzer inflecting dictionary words without building their lexemes: to
        inflect a form (`Parse.inflect`) pymorphy3 builds the form's whole lexeme, 40 forms on
        average (a verb's, for a participle, 250), and keeps the forms whose tag holds the
        grammemes asked for. Here the forms' tags are read off the paradigm (kept per paradigm:
        there are 3,456) and only the form chosen is built, chosen as pymorphy3 chooses (the
        first of the closest tags). A build inflects 1,178 times on the seeds."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._paradigms: dict[int, tuple] = {}

        def _inflect(self, form, required_grammemes):
            stack = form.methods_stack
            if len(stack) != 1 or not isinstance(stack[0][0], DictionaryAnalyzer):
                return super()._inflect(form, required_grammemes)
            unit, _, para_id, idx = stack[0]
            forms = self._paradigms.get(para_id)
            if forms is None:
                forms = self._paradigms[para_id] = tuple(
                    (prefix, tag, suffix, tag.grammemes)
                    for prefix, tag, suffix in self.dictionary.build_paradigm_info(para_id))
            possible = [i for i, f in enumerate(forms) if required_grammemes <= f[3]]
            if not possible:
                required_grammemes = self.TagClass.fix_rare_cases(required_grammemes)
                possible = [i for i, f in enumerate(forms) if required_grammemes <= f[3]]
            grammemes = form.tag.updated_grammemes(required_grammemes)
            if not possible:
                return []

            def similarity(i):
                tag_grammemes = forms[i][3]
                return len(grammemes & tag_grammemes) - 0.1 * len(grammemes ^ tag_grammemes)

            i = max(possible, key=similarity)           # the first of the closest, as heapq.nlargest(1)
            prefix, tag, suffix, _ = forms[i]
            word = prefix + self.dictionary.build_stem(self.dictionary.paradigms[para_id], idx, form.word) + suffix
            return [self._result_type(word, tag, form.normal_form, 1.0, unit._fix_stack(stack, word, para_id, i))]

    with _tag_strings() as strings:
        analyzer = Analyzer(**_dictionary(pymorphy3.MorphAnalyzer.DICT_PATH_ENV_VARIABLE))
    d = analyzer.dictionary
    d.gramtab = _Gramtab(strings[0], d.Tag)
    d._data = d._data._replace(gramtab=d.gramtab)
    return analyzer


class _Gramtab(dict):
    """The dictionary's tags, each made from its string when first asked for (by index, as
    pymorphy3 asks): loading made all 5,532 up front, 12 ms of each build's start, and a
    build meets a few hundred of them. A tag, once made, is kept: the same object each time.
    A dict filled by `__missing__`, so that a tag already made is found in C (parsing asks
    10,000 times per build)."""

    def __init__(self, strings, tag_class):
        super().__init__()
        self._strings = strings
        self._tag = tag_class

    def __missing__(self, i):
        t = self[i] = self._tag(self._strings[i])
        return t

    def __len__(self):
        return len(self._strings)

    def __iter__(self):
        return (self[i] for i in range(len(self._strings)))


@contextmanager
def _tag_strings():
    """While the analyzer loads its dictionary, its tags are read as strings and not made
    (pymorphy3 has no option for it: its loader's gramtab reader is swapped for the load and
    set back); yields the list the strings are put in."""
    from pymorphy3.opencorpora_dict import storage
    read = storage._load_gramtab
    strings: list = []

    def strings_only(*args):
        strings.append(read(*args))
        return ()

    storage._load_gramtab = strings_only
    try:
        yield strings
    finally:
        storage._load_gramtab = read


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
