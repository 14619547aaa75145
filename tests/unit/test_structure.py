"""Normalization, structure and segmentation on the seeds."""
import re

import pytest

from align import model as M
from align.text.normalize import normalize_fragment
from align.text.pipeline import load_document
from align.text.structure import parse_heading

from conftest import SEEDS

ARTICLES = {
    "000_814850e4c9e980b5": 11,
    "001_966cfad3000587e1": 13,
    "002_700c28a48b73b99d": 26,
    "003_71e4f31660e1e380": 17,
    "004_0fcd0afa4661779e": 17,
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_article_numbers_of_every_seed(name, lang):
    doc = load_document(SEEDS / lang / f"{name}.txt", lang)
    assert doc.articles == [str(n) for n in range(1, ARTICLES[name] + 1)]


def _doc(name, lang="kk"):
    return load_document(SEEDS / lang / f"{name}.txt", lang)


def test_homoglyphs_in_seed_words():
    text = _doc("003_71e4f31660e1e380").text
    assert "Үкіметі" in text and "Үкiметi" not in text
    assert "Әзірбайжан" in text
    ru = _doc("000_814850e4c9e980b5", "ru").text
    assert "по реализации" in ru and "pеализации" not in ru
    assert "Азербайджанской Республики." in ru


@pytest.mark.parametrize("raw,lang,expected", [
    ("YШIН", "kk", "ҮШІН"),
    ("Үкiметi", "kk", "Үкіметі"),
    ("pеализации", "ru", "реализации"),
    ("Рeспублики", "ru", "Республики"),
    ("iPhone 51-VII www.adilet.zan.kz", "kk", "iPhone 51-VII www.adilet.zan.kz"),
    ("ХХI ғасырда", "kk", "ХХI ғасырда"),
    ("Казахстaн", "ru", "Казахстан"),
    ("Үкiметi https://example.com/iи", "kk", "Үкіметі https://example.com/iи"),
])
def test_homoglyph_cases(raw, lang, expected):
    assert normalize_fragment(raw, lang) == expected


def test_letter_spaced_runs_from_seeds():
    kk002 = _doc("002_700c28a48b73b99d").text
    assert "деп есептей отырып," in kk002
    assert "адалдықтарын қуаттай отырып," in kk002
    assert "Қазақстан Республикасының Президенті" in kk002
    kk001 = _doc("001_966cfad3000587e1").text
    assert "бойынша береді." in kk001
    assert "Тараптардың бірдей құқықтары бар." in kk001     # a tail spaced evenly throughout
    assert not re.search(r"(?:\b\w ){4}", kk001)
    ru001 = _doc("001_966cfad3000587e1", "ru").text
    assert "решаются Компетентными организациями." in ru001
    ru002 = _doc("002_700c28a48b73b99d", "ru").text
    assert "в рамках Организации по безопасности и сотрудничеству в Европе," in ru002


@pytest.mark.parametrize("raw,expected", [
    ("д е п  е с е п т е й  о т ы р ы п ,  ", "деп есептей отырып,"),
    ("Қ а з а қ с т а н                      Р е с п у б л и к а с ы н ы ң", "Қазақстан Республикасының"),
    ("м i н д е т т е н е д i .", "міндеттенеді."),
])
def test_letter_spacing_cases(raw, expected):
    assert normalize_fragment(raw, "kk") == expected


def test_markdown_marks_removed():
    doc = _doc("001_966cfad3000587e1")
    assert "*" not in doc.text and "#" not in doc.text
    first = doc.segments[0].text
    assert first.startswith("Қазақстан Республикасының Үкіметі мен Әзірбайжан")
    headings = [doc.block_text(b) for b in doc.blocks if b.kind == M.HEADING]
    assert headings[:3] == ["1-бап", "2-бап", "3-бап"]


def test_wrapped_lines_and_page_breaks_joined():
    kk = _doc("000_814850e4c9e980b5")
    texts = [s.text for s in kk.segments]
    # a heading wrapped over two lines
    assert "7-бап Тараптардың басқа халықаралық шарттардан туындайтын құқықтары мен міндеттемелері" in texts
    # three blank lines of a page break inside a paragraph
    assert any(t.startswith("тең құқықтық пен өзаралық") for t in texts)
    ru = _doc("001_966cfad3000587e1", "ru")
    assert any(t.endswith("абонентами правительственной связи Республики Казахстан и "
                          "Азербайджанской Республики.") for t in (s.text for s in ru.segments))
    kk003 = _doc("003_71e4f31660e1e380")
    assert any("мақсатындағы ынтымақтастықтың маңызды" in s.text for s in kk003.segments)


def test_displaced_words_stay():
    assert "бекітілсін.келісім" in _doc("000_814850e4c9e980b5").text
    assert "ратификациялансын.келісім" in _doc("004_0fcd0afa4661779e").text


def test_offsets_lead_back_to_source():
    for lang in ("kk", "ru"):
        doc = _doc("004_0fcd0afa4661779e", lang)
        for seg in doc.segments:
            a, b = doc.source_span(seg.start, seg.end)
            src = doc.source[a:b]
            assert src[:1] == seg.text[:1] or src[:1].lower() in "iyeocapx"
            assert len(src) >= len(seg.text) * 0.9


@pytest.mark.parametrize("line,lang,expected", [
    ("1-бап Мақсаты", "kk", ("article:1", "Мақсаты")),
    ("2-бап", "kk", ("article:2", "")),
    ("17-бап.", "kk", ("article:17", "")),
    ("Статья 1. Цель", "ru", ("article:1", "Цель")),
    ("Статья 12", "ru", ("article:12", "")),
    ("3-1-бап. Ақпарат", "kk", ("article:3-1", "Ақпарат")),
    ("Статья 6-2. Компетенция уполномоченных органов", "ru", ("article:6-2", "Компетенция уполномоченных органов")),
    ("Статья 1024. Вступление в силу", "ru", ("article:1024", "Вступление в силу")),
    ("1-тарау. ЖАЛПЫ ЕРЕЖЕЛЕР", "kk", ("chapter:1", "ЖАЛПЫ ЕРЕЖЕЛЕР")),
    ("Глава 2. Порядок", "ru", ("chapter:2", "Порядок")),
    ("І бөлім Конституциялық құрылыс негіздері", "kk", ("section:1", "Конституциялық құрылыс негіздері")),
    ("Раздел IV Курултай", "ru", ("section:4", "Курултай")),
    ("2-БӨЛІМ. НЕКЕ", "kk", ("section:2", "НЕКЕ")),
    ("ОСОБЕННАЯ ЧАСТЬ", "ru", ("part:special", "")),
    ("3-параграф. Жалпы", "kk", ("paragraph:3", "Жалпы")),
    ("Статья 7. Исключена Законом РК от 05.07.2011 № 452-IV", "ru",
     ("article:7", "Исключена Законом РК от 05.07.2011 № 452-IV")),
    ("3-бабында айқындалған нысандарда", "kk", None),
    ("13-бапқа сәйкес күшіне енеді", "kk", None),
    ("статьей 3 настоящего Соглашения", "ru", None),
    ("Статья 5 настоящего Соглашения применяется к спорам.", "ru", None),
    ("5-бап бойынша жүзеге асырылады", "kk", None),
])
def test_headings_and_references(line, lang, expected):
    h = parse_heading(line, lang)
    assert (h and (h.key, h.title)) == expected or (h is None and expected is None)


@pytest.mark.parametrize("line,lang,heading,text", [
    ("Статья 4. На всей территории Республики Казахстан действует настоящий Закон.", "ru",
     "Статья 4.", "На всей территории Республики Казахстан действует настоящий Закон."),
    ("1-бап. Қазақстан Республикасы – демократиялық, зайырлы, құқықтық және әлеуметтік мемлекет.", "kk",
     "1-бап.", "Қазақстан Республикасы – демократиялық, зайырлы, құқықтық және әлеуметтік мемлекет."),
])
def test_article_text_on_the_heading_line_is_split_off(line, lang, heading, text):
    h = parse_heading(line, lang)
    assert h.key.startswith("article:") and h.title == ""
    assert line[:h.end].strip() == heading and line[h.end:].strip() == text


def test_excluded_article_keeps_its_heading():
    h = parse_heading("7-бап. Алып тасталды - ҚР 2020.12.30 № 394-VI Заңымен.", "kk")
    assert h.key == "article:7" and h.excluded


def test_blocks_of_an_act():
    kk = _doc("000_814850e4c9e980b5")
    kinds = [b.kind for b in kk.blocks]
    assert kinds[:4] == [M.TITLE, M.DESIGNATION, M.ENACTING, M.POINT]
    assert M.EDITORIAL in kinds and M.SIGNATURE in kinds and M.AGREEMENT_TITLE in kinds
    heading = next(b for b in kk.blocks if b.kind == M.HEADING and b.article == "2")
    assert heading.title == "Уәкілетті органдар"
    ru = _doc("000_814850e4c9e980b5", "ru")
    assert ru.blocks[-1].kind == M.EDITORIAL and ru.blocks[-1].section == M.CLOSING
    sub = [ru.block_text(b) for b in ru.blocks if b.kind == M.SUBITEM]
    assert sub[0].startswith("1) официальные визиты")
    assert ru.sections()[:3] == [M.ACT, M.PREAMBLE, "article:1"]


def test_segments_abbreviations_and_inline_numbering():
    from align.text.segment import split_sentences
    kk = "Келісім 2004 ж. 1 наурызда жасалды. ҚР Үкіметі қаулы етеді: 2. Тараптар келісті."
    spans = [kk[a:b] for a, b in split_sentences(kk, "kk")]
    assert spans == ["Келісім 2004 ж. 1 наурызда жасалды.", "ҚР Үкіметі қаулы етеді:", "2. Тараптар келісті."]
    ru = "Согласно ст. 5 и п. 2 т.е. в порядке, О. Бектенов подписал. Примечание. Текст приводится."
    spans = [ru[a:b] for a, b in split_sentences(ru, "ru")]
    assert spans == ["Согласно ст. 5 и п. 2 т.е. в порядке, О. Бектенов подписал.",
                     "Примечание. Текст приводится."]


def test_segments_match_gold_boundaries():
    """Segment boundaries agree with the gold segments of the three annotated pairs."""
    import json
    from goldtools import SEEDS_GOLD as DATA
    from goldtools import stream_boundaries
    for gold_path in sorted(DATA.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for lang in ("kk", "ru"):
            doc = _doc(gold_path.stem, lang)
            g = stream_boundaries([s for b in gold["beads"] for s in b[lang]])
            p = stream_boundaries([s.text for s in doc.segments])
            recall = len(g & p) / len(g)
            precision = len(g & p) / len(p)
            assert recall >= 0.98 and precision >= 0.98, (gold_path.stem, lang, precision, recall)
