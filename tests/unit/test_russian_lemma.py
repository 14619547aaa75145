"""Russian term phrases: recognition and citation form with agreement (pymorphy3)."""
from __future__ import annotations

import pytest

from align.glossary import russian_lemma as rl
from align.glossary.terms import russian_terms


@pytest.mark.parametrize("phrase,cited", [
    ("уполномоченных органов", "уполномоченный орган"),
    ("Уполномоченными органами", "Уполномоченный орган"),          # capital kept as written
    ("Сторонами", "Стороны"),                                        # a defined term, plural in use
    ("Высокими Договаривающимися Сторонами", "Высокие Договаривающиеся Стороны"),
    ("национальным законодательством государств Сторон", "национальное законодательство государств Сторон"),
    ("центральным компетентным органам", "центральный компетентный орган"),
    ("дипломатическим каналам", "дипломатический канал"),
    ("персональных данных", "персональные данные"),                  # plurale tantum
    ("Министерстве внутренних дел", "Министерство внутренних дел"),
    ("Правительством Республики Казахстан", "Правительство Республики Казахстан"),
    ("Азербайджанской Республики", "Азербайджанская Республика"),
    ("Организации Объединенных Наций", "Организация Объединенных Наций"),
    ("городе Астане", "город Астана"),                               # apposition declines with its noun
    ("третьей стороне", "третья сторона"),
    ("комплектующих изделий", "комплектующее изделие"),              # adjective + noun, not noun + genitive
    ("Устава ООН", "Устав ООН"),
])
def test_citation_form(phrase, cited):
    assert rl.lemmatize(phrase) == cited


def test_number_and_capitals_on_request():
    ph = rl.resolve(rl.tokenize("Компетентными организациями"))
    assert rl.cite(ph, plural=True, caps=[True, False]) == "Компетентные организации"
    assert rl.cite(ph, plural=False, caps=[False, False]) == "компетентная организация"
    ph = rl.resolve(rl.tokenize("уполномоченных органов"))
    assert rl.cite(ph, plural=True) == "уполномоченные органы"


def test_every_form_of_a_phrase_has_one_key():
    forms = ["уполномоченные органы", "уполномоченными органами", "уполномоченного органа",
             "Уполномоченный орган", "уполномоченным органам"]
    assert {rl.phrase_key(f) for f in forms} == {"уполномоченный орган"}
    assert rl.phrase_key("Сторонами") == rl.phrase_key("Стороны") == rl.phrase_key("Стороне") == "сторона"
    assert rl.phrase_key("Высокими Договаривающимися Сторонами") == "высокий договаривающийся сторона"


def test_number_of_the_head_when_certain():
    assert rl.resolve(["Сторонами"]).number == "plur"
    assert rl.resolve(["Стороны"]).number is None              # genitive singular or nominative plural
    assert rl.resolve(["законодательством"]).number == "sing"


@pytest.mark.parametrize("words", [
    ["по", "дипломатическим", "каналам"],           # a preposition is no part of a term
    ["уполномоченных"],                              # an adjective alone
    ["боевой"],
    ["осуществляют", "сотрудничество"],              # a verb
])
def test_not_a_noun_phrase(words):
    assert rl.resolve(words) is None


def test_candidates_in_a_seed_sentence():
    text = ("3) проведение совместных мероприятий по боевой подготовке личного состава уполномоченных "
            "органов Сторон на территориях государств Сторон в соответствии с национальным "
            "законодательством государств Сторон;")
    keys = {o.key for o in russian_terms(text)}
    for key in ("уполномоченный орган", "государство сторона", "личный состав", "боевой подготовка",
                "национальный законодательство государство сторона", "сторона"):
        assert key in keys
    assert not any(k.startswith(("по ", "в ", "с ")) for k in keys)
    occ = [o for o in russian_terms(text) if o.key == "уполномоченный орган"][0]
    assert text[occ.start:occ.end] == "уполномоченных органов"
    assert occ.plural is True and occ.caps == (False, False)


def test_determiners_open_no_term():
    keys = {o.key for o in russian_terms("положения настоящего Соглашения и другой Стороны")}
    assert "соглашение" in keys and "сторона" in keys
    assert not any("настоящий" in k or "другой" in k for k in keys)


def test_kept_lexemes_inflect_as_pymorphy3_does():
    import pymorphy3

    from align.glossary.russian_morph import morph
    plain = pymorphy3.MorphAnalyzer()
    words = ["договаривающимися", "Сторонами", "уполномоченных", "органов", "являющегося", "лицами",
             "изменения", "дополнений", "Республики", "веб-портала", "определённых", "данных"]
    for _ in range(2):                  # the second time from the kept lexemes
        for word in words:
            for ours, theirs in zip(morph().parse(word), plain.parse(word)):
                for grammemes in ({"nomn", "sing", "masc"}, {"nomn"}, {"nomn", "plur"}, {"gent"}):
                    a, b = ours.inflect(set(grammemes)), theirs.inflect(set(grammemes))
                    assert (a and (a.word, str(a.tag), a.normal_form)) == (b and (b.word, str(b.tag), b.normal_form))
