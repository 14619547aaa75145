"""Kazakh term candidates the extractor used to miss, and the linking of coordinated terms'
conjuncts (issue 14: recall of the reference pairs)."""
from __future__ import annotations

from collections import Counter, defaultdict

from align.glossary.beads import BeadTerms
from align.glossary import kazakh_stem as kz
from align.glossary.association import conjunct_pairs
from align.glossary.terms import kazakh_terms, russian_terms


class Bead:
    def __init__(self, kk, ru):
        self.kk, self.ru = kk, ru


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
    for kk_text, ru_text, first, second in [
            ("Өзгерістер мен толықтырулар енгізіледі.", "Вносятся изменения и дополнения.",
             ("өзгеріс", "изменение"), ("толықтыру", "дополнение")),
            ("Қорғаншылықты немесе қамқоршылықты белгілеу", "Установление опеки или попечительства",
             ("қорғаншылық", "опека"), ("қамқоршылық", "попечительство"))]:
        kk, ru = kazakh_terms(kk_text), russian_terms(ru_text)
        co: dict = defaultdict(Counter)
        for k in {o.key for o in kk}:
            co[k].update({o.key: 2 for o in ru})
        pairs, crossed = conjunct_pairs(BeadTerms(Bead(kk_text, ru_text), "p", kk, ru), co, 2)
        assert first in pairs and second in pairs
        assert (first[0], second[1]) not in pairs and (second[0], first[1]) not in pairs
        assert (first[0], second[1]) in crossed and (second[0], first[1]) in crossed and not crossed & pairs


def test_an_object_and_the_verbal_noun_governing_it_are_a_term():
    occ = {o.key: o for o in kazakh_terms("қоршаған ортаны қорғау саласындағы ынтымақтастық")}
    assert occ["қоршаған ортаны қорғау"].citation == "қоршаған ортаны қорғау"
    # the object stays a term of its own inside it, as a genitive does
    assert occ["қоршаған ортаны қорғау"].genitive == (False, True, False)
    assert "сұрау салуды орындау" in keys("сұрау салуды орындау мерзімі")


def test_an_agent_noun_takes_its_bare_object_and_no_term_starts_after_it():
    assert "өтініш беруші" in keys("өтініш берушінің өтініші")
    assert "беруші" not in keys("өтініш берушінің өтініші")
    assert "басшы" in keys("делегация басшысы келеді")      # a possessive: делегация is its possessor


def test_postpositions_converbs_and_single_letters_are_no_terms():
    assert "тыс" not in keys("аумағынан тыс жерлерде")
    assert "соң" not in keys("мерзім өткеннен соң")
    assert not any("анықтамастан" in k for k in keys("мән-жайын анықтамастан шешім шығарады"))
    assert "б" not in {o.key for o in kazakh_terms("Б тармағы")}


def test_a_coordination_ends_where_its_second_word_modifies_what_follows():
    assert not any(" мен " in k for k in keys("мемлекеттік органдар мен квазимемлекеттік сектор субъектілері"))
    assert "өзгерістер мен толықтыру" in keys("өзгерістер мен толықтырулар енгізу")


def test_words_spelled_alike_in_both_languages_are_cognates():
    from align.glossary.association import cognate
    assert cognate("телекоммуникация", "телекоммуникация") == 1.0
    assert cognate("энергетика", "телекоммуникация") == 0.0
    assert cognate("өзара инвестиция", "взаимный инвестиция") == 0.5


def test_a_word_of_an_entry_gets_an_entry_when_the_words_answer_each_other():
    from align.glossary.heads import part_entries

    class Words:
        co = {"дерек": {"данные": 5}, "дербес": {"данные": 5, "персональный": 5}}

        @staticmethod
        def kk_split(key):
            return ["дербес", "дерек"]

        @staticmethod
        def dice(k, r):
            return {("дерек", "данные"): 0.9, ("дербес", "персональный"): 0.9, ("дербес", "данные"): 0.5}.get((k, r), 0)

    entry = {"kk_key": "дербес дерек", "ru_key": "персональный данные", "kk": "дербес деректер",
             "ru": "персональные данные", "status": "auto", "freq": 5, "kk_freq": 5, "ru_freq": 5, "dice": 1.0,
             "llr": 9.0, "score": 0.4, "ru_pos": "noun", "kk_pos": "noun", "acts": ["a"], "examples": []}
    single = {"kk": {"дерек"}, "ru": {"данные"}}
    (part,) = part_entries([entry], Words, single)
    assert (part["kk_key"], part["ru_key"], part["kk"], part["status"]) == ("дерек", "данные", "деректер", "auto")
    assert part_entries([entry], Words, {"kk": set(), "ru": {"данные"}}) == []     # no term of its own
    assert part_entries([{**entry, "status": "candidate"}], Words, single) == []


def test_a_derived_pair_never_takes_another_terms_best_translation():
    from align.glossary.heads import part_entries

    class Words:
        co = {"қамқоршылық": {"опека": 5}}

        @staticmethod
        def kk_split(key):
            return key.split()

        @staticmethod
        def dice(k, r):
            return 0.9 if (k, r) == ("қамқоршылық", "опека") else 0.0

    def entry(kk_key, ru_key, ru, score):
        return {"kk_key": kk_key, "ru_key": ru_key, "kk": kk_key, "ru": ru, "status": "auto", "freq": 5,
                "kk_freq": 5, "ru_freq": 5, "dice": 1.0, "llr": 9.0, "score": score, "ru_pos": "noun",
                "kk_pos": "noun", "acts": ["a"], "examples": []}
    longer = entry("баланы қамқоршылық", "опека", "опека", 0.3)
    single = {"kk": {"қамқоршылық"}, "ru": {"опека"}}
    # (a two-word source whose words answer each other: a part entry)
    assert [e["kk_key"] for e in part_entries([longer], Words, single)] == ["қамқоршылық"]
    owner = entry("қорғаншылық", "опека", "опека", 0.7)       # опека is қорғаншылық's best
    assert part_entries([longer, owner], Words, single) == []


def test_a_run_of_words_of_an_entry_gets_an_entry_and_always_together_words_pair_in_order():
    from align.glossary.heads import part_entries

    class Words:
        co = defaultdict(Counter, {k: Counter({r: 5 for r in ("нормативный", "правовой", "акт")})
                                   for k in ("нормативтік", "құқықтық", "акт")})

        @staticmethod
        def kk_split(key):
            return key.split()

        @staticmethod
        def dice(k, r):        # the three words always come together: association ties
            return 0.9

    entry = {"kk_key": "нормативтік құқықтық акт", "ru_key": "нормативный правовой акт",
             "kk": "нормативтік құқықтық актілер", "ru": "нормативные правовые акты", "status": "auto", "freq": 5,
             "kk_freq": 5, "ru_freq": 5, "dice": 1.0, "llr": 9.0, "score": 0.4, "ru_pos": "noun", "kk_pos": "noun",
             "acts": ["a"], "examples": []}
    single = {"kk": {"құқықтық акт", "акт"}, "ru": {"правовой акт", "акт"}}
    got = {(e["kk_key"], e["ru_key"]): (e["kk"], e["ru"]) for e in part_entries([entry], Words, single)}
    assert got == {("құқықтық акт", "правовой акт"): ("құқықтық актілер", "правовые акты"), ("акт", "акт"): ("актілер", "акты")}


def test_a_kazakh_term_always_read_after_the_same_word_is_bound():
    from align.glossary.association import left_bound

    class Occ:
        def __init__(self, text, word):
            self.start = text.index(word)
            self.end = self.start + len(word)

    def linked(*texts):
        return [(BeadTerms(Bead(t, ""), "p", [], []), Occ(t, "интеллект жүйесі"), None) for t in texts]
    assert left_bound(linked("жасанды интеллект жүйесі бар", "Бұл жасанды интеллект жүйесі"), lambda w: False) == 1.0
    # a possessor in the genitive, a relative clause, a stop word: not a piece of the term
    assert left_bound(linked("ұйымның интеллект жүйесі", "құрылған интеллект жүйесі"), lambda w: False) == 0.0
    assert left_bound(linked("осы интеллект жүйесі", "осы интеллект жүйесі"), lambda w: w == "осы") == 0.0


def test_two_coordinated_adjectives_of_one_noun_are_a_term():
    kk = {o.key: o.citation for o in kazakh_terms("заңды және жеке тұлғалардың өтініштері")}
    assert kk["заңды және жеке тұлға"] == "заңды және жеке тұлғалар"
    ru = {o.key: o.citation for o in russian_terms("обращений юридических и физических лиц")}
    assert ru["юридический и физический лицо"] == "юридические и физические лица"


def test_a_participle_after_a_clause_or_a_place_still_opens_a_term():
    assert "жекелеген хаттама" in keys("ажырамас бөліктері болып табылатын жекелеген хаттамалармен ресімделеді")
    assert "жекелеген хаттама" in keys("Келісімнің 11-бабында жекелеген хаттамалармен ресімделеді")
    assert "толмаған бала" not in keys("кәмелетке толмаған баланың құқықтары")   # a complement before it


def test_a_plural_subject_before_a_term_does_not_bind_it():
    from align.glossary.association import left_bound

    class Occ:
        def __init__(self, text, word, genitive):
            self.start = text.index(word)
            self.end = self.start + len(word)
            self.genitive = genitive

    def linked(word, genitive, *texts):
        return [(BeadTerms(Bead(t, ""), "p", [], []), Occ(t, word, genitive), None) for t in texts]
    texts = ("Тараптар мемлекетаралық қарым-қатынастарды дамытады", "Тараптар мемлекетаралық қарым-қатынастарды")
    assert left_bound(linked("мемлекетаралық қарым-қатынастарды", (False, False), *texts), lambda w: False) == 0.0
    texts = ("Тараптар мемлекеттерінің органдары", "Тараптар мемлекеттерінің органдары")
    assert left_bound(linked("мемлекеттерінің органдары", (True, False), *texts), lambda w: False) == 1.0


def test_a_russian_verb_and_its_noun_share_the_links_of_a_kazakh_verbal_noun():
    from align.glossary.build import _verb_and_noun

    def beads(*names):
        return [(type("B", (), {"name": n})(), None, None) for n in names]
    links = {"күшіне ену": Counter({"вступать в сила": 5, "вступление в сила": 2, "сила": 1})}
    link_beads = {("күшіне ену", "вступать в сила"): beads(*"abcde"), ("күшіне ену", "вступление в сила"): beads("f", "g"),
                  ("күшіне ену", "сила"): beads("h")}
    _verb_and_noun(links, link_beads)
    assert links["күшіне ену"] == Counter({"вступать в сила": 7, "вступление в сила": 7, "сила": 1})
    assert len(link_beads[("күшіне ену", "вступление в сила")]) == 7


def test_a_participle_or_agent_noun_with_its_object_is_one_russian_word():
    from align.glossary.association import length_factor
    assert length_factor("сұрау салатын тарап", "запрашивающий сторона") == 1.0
    assert length_factor("өтініш беруші", "заявитель") == 1.0
    # an adjective before an agent noun is a word of its own
    assert length_factor("мәртебелі уағдаласушы тарап", "высокий договаривающийся сторона") == 1.0
    assert length_factor("мәртебелі уағдаласушы тарап", "договаривающийся сторона") < 1.0
    assert length_factor("қоршаған орта", "среда") < 1.0


def test_no_term_opens_with_a_possessed_genitive_or_an_actions_genitive():
    assert "инвесторының инвестиция" not in keys("Уағдаласушы Жақ инвесторының инвестициялары жөнінде")
    assert "уағдаласушы жақ инвесторының инвестиция" in keys("Уағдаласушы Жақ инвесторының инвестициялары")
    assert "танудың салдар" not in keys("некені жарамсыз деп танудың салдары")
    assert "тараптар мемлекеттерінің аумақ" in keys("Тараптар мемлекеттерінің аумағында")


def test_a_russian_verb_phrase_renders_a_kazakh_verbal_noun_only():
    from align.glossary.build import _verb
    assert _verb("вступать в сила") and _verb("являться лицо")
    assert not _verb("часть") and not _verb("власть") and not _verb("вступление в сила")
