"""Kazakh term candidates the extractor used to miss, and the linking of coordinated terms'
conjuncts (issue 14: recall of the reference pairs)."""
from __future__ import annotations

from collections import Counter, defaultdict

from align.glossary.beads import BeadTerms
from align.glossary import kazakh_stem as kz
from align.glossary.build import _conjunct_pairs
from align.glossary.terms import kazakh_terms, russian_terms


def keys(text: str) -> set[str]:
    """Candidate keys, the stemmer's lexicon being the text itself (as a build's is its beads)."""
    return {o.key for o in kazakh_terms(text, kz.KazakhStemmer(Counter(kz.tokenize(text))))}


def test_a_word_in_ti_after_a_voiced_sound_is_a_possessive_not_a_past_tense():
    # Президент + -і; the past tense after н would be -ді
    assert "қазақстан республикасының президент" in keys("Қазақстан Республикасының Президенті")


def test_a_plural_noun_in_a_case_is_no_verb():
    assert "қосалқы бөлшек" in keys("бұйымдар мен қосалқы бөлшектерді жасауға")
    assert "өңірлік жанжал" in keys("мүдделерін қозғайтын өңірлік жанжалдарды реттеу")


def test_an_adjective_in_dy_before_a_noun_is_no_verb():
    assert "лауазымды адам" in keys("Тарап мемлекетінің жоғары лауазымды адамдары келеді")


def test_a_past_tense_verb_still_ends_the_phrase():
    assert not any("келісті" in k for k in keys("Тараптар төмендегілер туралы келісті:"))


def test_an_ordinal_is_no_agent_noun_that_takes_the_word_before():
    assert "үшінші мемлекет" in keys("пікірі бойынша үшінші мемлекеттердің тарапынан")


def test_ozara_modifies_a_term():
    assert {"өзара іс-қимыл", "өзара түсіністік"} <= keys("өзара іс-қимыл және өзара түсіністік туралы")


def test_the_conjuncts_of_two_coordinations_answer_each_other_in_order():
    kk = kazakh_terms("Өзгерістер мен толықтырулар енгізіледі.")
    ru = russian_terms("Вносятся изменения и дополнения.")
    co: dict = defaultdict(Counter)
    for k in {o.key for o in kk}:
        co[k].update({o.key: 2 for o in ru})
    pairs = _conjunct_pairs(BeadTerms(None, "p", kk, ru), co, 2)
    assert ("өзгеріс", "изменение") in pairs and ("толықтыру", "дополнение") in pairs
    assert ("өзгеріс", "дополнение") not in pairs and ("толықтыру", "изменение") not in pairs
