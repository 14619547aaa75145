"""Citation forms of single Kazakh words beyond the nominal stem: the -у form of a verb
form (қабылдайды → қабылдау), and adjectives in -ты/-ді/-лы told from accusatives by the
word after them (міндетті төлемдер: an adjective; міндетті атқару: an accusative). The
endings are data in `align.lang.kazakh` (VERB_ENDINGS, ADJECTIVE_SUFFIXES)."""
from __future__ import annotations

from functools import lru_cache

from ..lang.kazakh import ADJECTIVE_SUFFIXES, PROTECTED, VERB_AFTER_CONSONANT, VERB_ENDINGS, VOWELS
from ..lang.words import fold
from .kazakh_stem import Analysis, KazakhStemmer, adjective_shape, analyze, sound_class

_VERB_ENDINGS_LONGEST_FIRST = sorted(VERB_ENDINGS, key=len, reverse=True)


@lru_cache(maxsize=100_000)     # every word of a noun and light verb pair asks
def verb_citation(word: str) -> str | None:
    """The -у form of a finite verb or participle (қабылдайды → қабылдау, бекітілген →
    бекітілу, береді → беру), or None if `word` has no verb ending of `VERB_ENDINGS`."""
    w = fold(word)
    if w in PROTECTED:
        return None
    for ending in _VERB_ENDINGS_LONGEST_FIRST:
        base = w[:-len(ending)]
        if w.endswith(ending) and len(base) >= 2:          # ен-еді, қой-ды
            if ending in VERB_AFTER_CONSONANT and base[-1] in VOWELS:
                return None
            return base + VERB_ENDINGS[ending]
    return None


def nominal(word: str) -> bool:
    """True if `word` can be a noun an adjective stands before: no verb ending, no verbal noun
    in -у (an accusative object goes before those: құжатты беру)."""
    w = fold(word)
    return w.isalpha() and not w.endswith(("у", "ю")) and verb_citation(w) is None


def analyze_before(stemmer: KazakhStemmer, word: str, next_word: str | None) -> Analysis:
    """`stemmer.analyze` with the word that follows: an accusative cannot stand right before
    a noun, so міндетті, ерікті there are adjectives (міндетті төлемдер), not міндет, ерік.
    Before a verbal noun in -у the accusative stands (құжатты беру), міндетті сақтандыру
    included."""
    a = stemmer.analyze(word)
    if next_word and a.case == "acc" and not a.poss and not a.plural and adjective_shape(fold(word)) \
            and nominal(next_word):
        return Analysis(word, fold(word))
    return a


def citation(word: str, stemmer: KazakhStemmer | None = None, next_word: str | None = None) -> str:
    """The dictionary form of one word: a noun's stem (nominative singular), an adjective as
    it is, a verb form's -у form."""
    a = analyze_before(stemmer, word, next_word) if stemmer else analyze(word)
    v = verb_citation(word)
    if v is None or a.stem in PROTECTED:
        return a.stem
    if stemmer is None:
        return v
    # the verb stands if the corpus knows its -у form (қабылдайды: қабылдау, қабылдауды);
    # otherwise the nominal reading, if its stem is seen as a word on its own (жағдайды: жағдай)
    if stemmer.support.get(v, 0) >= 1 or not (a.stem != fold(word) and a.stem in stemmer.forms):
        return v
    return a.stem


def not_a_past_tense(word: str, a: Analysis, stemmer: KazakhStemmer | None, next_word: str | None) -> bool:
    """For a word in -ды/-ді/-ты/-ті (folded) that could end in a past-tense verb ending
    (`a`: its analysis): True if it cannot be one. The ending is not the one the sound before
    it calls for (Президенті: -ті after н is a possessive, the verb would take -ді); a plural
    noun in a case (бөлшектерді, жанжалдарды); a derived adjective that a noun follows
    (лауазымды адамдар: a finite verb ends its clause), or whose noun the corpus shows in other
    forms (лауазым, лауазымға)."""
    suffix = word[-2:]
    if len(word) > 3 and sound_class(word[-3]) not in ADJECTIVE_SUFFIXES[suffix]:
        return True
    if a.plural and a.case and len(a.stem) >= 3:
        return True
    if next_word is not None and adjective_shape(word) and nominal(next_word):
        return True
    return stemmer is not None and not a.inflected and stemmer.support.get(word[:-2], 0) >= 2
