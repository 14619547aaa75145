"""Language knowledge as data: look-alike letters, heading and block patterns,
abbreviations, words that cannot end a line of running text.

Code elsewhere reads these tables; to teach saikes a new heading style or abbreviation,
add a row here.
"""
from __future__ import annotations

import re

# Letters Kazakh has and Russian does not: they tell the two languages apart.
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")

# ------------------------------------------------------------------ look-alike letters
# Latin letters that PDF copies put inside Cyrillic words. Only words that also hold
# Cyrillic letters are repaired, so Latin words, numbers and URLs stay as they are.
HOMOGLYPHS_COMMON = {
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М",
    "O": "О", "P": "Р", "T": "Т", "X": "Х",
}
HOMOGLYPHS = {
    "kk": {**HOMOGLYPHS_COMMON, "i": "і", "I": "І", "Y": "Ү", "y": "у"},
    "ru": {**HOMOGLYPHS_COMMON, "y": "у", "Y": "У"},
}
# Words written only with these letters are Roman numerals (XXI, IV), not Cyrillic words.
ROMAN_LETTERS = set("IVXLCDMІХСМ")

# ------------------------------------------------------------------ structure
# Article headings. Group "num" is the article number, "title" the optional title.
ARTICLE_HEADING = {
    "kk": re.compile(r"^(?P<num>\d{1,3})\s?-\s?бап(?:\.|\b)\s*(?P<title>.*)$", re.I),
    "ru": re.compile(r"^Статья\s+(?P<num>\d{1,3})(?:\s*[.:]|\b)\s*(?P<title>.*)$", re.I),
}
# A heading's title is short and does not read like a sentence of the article body.
HEADING_TITLE_MAX_WORDS = 16

POINT = re.compile(r"^(?P<num>\d{1,3})\.(?!\d)\s*(?=\S)")          # "1. Тараптар ..."
SUBITEM = re.compile(r"^(?P<num>\d{1,3}|[а-яәғқңөұүһі])\)\s*(?=\S)")  # "1) ..." "а) ..."

NOTE = {
    "kk": re.compile(r"^Ескерту\b", re.I),
    "ru": re.compile(r"^Примечание\b", re.I),
}
DRAFT = {
    "kk": re.compile(r"^Жоба\s*$", re.I),
    "ru": re.compile(r"^Проект\s*$", re.I),
}
ENACTING = {
    "kk": re.compile(r"(ҚАУЛЫ ЕТЕДІ|қаулы етеді|ҚАУЛЫ ЕТЕДI)\s*:?\s*$"),
    "ru": re.compile(r"(ПОСТАНОВЛЯЕТ|постановляет)\s*:?\s*$"),
}
# "Постановление Правительства Республики Казахстан от 16 сентября 2024 года № 752",
# "Қазақстан Республикасы Үкіметінің 2024 жылғы 16 қыркүйектегі № 752 қаулысы".
DESIGNATION = {
    "kk": re.compile(r"^Қазақстан Республикасы(?:ның)?\s+(?:\S+\s+){0,2}\d{4}\s+жылғы\s+\d{1,2}\s+\S+\s+"
                     r"(?:№|N)\s*\S+\s+(?:қаулысы|заңы|жарлығы|өкімі|бұйрығы)\b|"
                     r"^Қазақстан Республикасының\s+Заңы\s+\d{4}\s+жылғы", re.I),
    "ru": re.compile(r"^(?:Постановление|Закон|Указ|Распоряжение|Приказ)\s+.{0,80}?\bот\s+\d{1,2}\s+\S+\s+\d{4}"
                     r"\s+года\s+(?:№|N)", re.I),
}
APPROVAL = {
    "kk": re.compile(r"(?:қаулысымен|бұйрығымен|жарлығымен)\s+бекітілген\s*$", re.I),
    "ru": re.compile(r"^(?:Утвержден[оаы]?|Одобрен[оаы]?)\s+(?:постановлением|приказом|указом)", re.I),
}
# The agreement's own title: "... туралы КЕЛІСІМ", "СОГЛАШЕНИЕ между ...".
AGREEMENT_TITLE = {
    "kk": re.compile(r"(?:туралы|арасындағы)\s+(?:келісім|шарт|конвенция|хаттама|меморандум)\s*$", re.I),
    "ru": re.compile(r"^(?:СОГЛАШЕНИЕ|Соглашение|ДОГОВОР|Договор|КОНВЕНЦИЯ|Конвенция|ПРОТОКОЛ|Протокол|"
                     r"МЕМОРАНДУМ|Меморандум)\s+(?:между|о|об)\b"),
}
# The last preamble line of an agreement: the articles follow it.
AGREED = {
    "kk": re.compile(r"(?:төмендегілер|төмендегiлер)\s+туралы\s+(?:келісті|уағдаласты|келiстi)\s*:\s*$", re.I),
    "ru": re.compile(r"(?:согласились|договорились)\s+о\s+нижеследующем\s*:\s*$", re.I),
}
# Signatures: the office and, optionally, initials and a surname.
_NAME = r"(?:\s+[А-ЯӘҒҚҢӨҰҮҺІA-Z]\.\s*(?:[А-ЯӘҒҚҢӨҰҮҺІA-Z]\.\s*)?[А-ЯӘҒҚҢӨҰҮҺІЁа-яәғқңөұүһіё-]+)?"
SIGNATURE = {
    "kk": re.compile(r"^(?:Қазақстан Республикасының\s+)?(?:Президенті|Премьер-Министрі)" + _NAME + r"\s*$|"
                     r"^.{3,80}\s+үшін\s*$", re.I),
    "ru": re.compile(r"^(?:Президент|Премьер-Министр)(?:\s+Республики\s+Казахстан)?" + _NAME + r"\s*$|"
                     r"^За\s+(?:Правительство|Республику)\b.{0,80}$", re.I),
}

# ------------------------------------------------------------------ line joining
# A line ending in one of these words continues on the next line, blank lines or not:
# the genitive needs its head noun, a conjunction its second half.
KAZAKH_GENITIVE = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$")
CONTINUATION_WORDS = {
    "kk": {"мен", "және", "немесе", "пен", "бен", "арасындағы", "үшін", "бойынша", "сәйкес"},
    "ru": {"и", "или", "в", "во", "на", "о", "об", "с", "со", "по", "для", "при", "из", "от", "к",
           "между", "а", "также", "за", "до", "что", "как"},
}

# Short words that end Kazakh sentences and clauses: an evenly letter-spaced run that
# ends in one of them is split before it even when the rest is a word the document does
# not use elsewhere ("қ ұ қ ы қ т а р ы б а р" -> "құқықтары бар").
TRAILING_WORDS = {
    "kk": ("бар", "жоқ", "деп", "етеді", "береді", "болады", "табылады", "тиіс", "мүмкін", "қажет"),
    "ru": ("является", "являются", "может", "могут", "также"),
}

# ------------------------------------------------------------------ sentences
# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "kk": {"ж", "жж", "т.б", "т.с.с", "б.з.б", "б.з", "ҚР", "бап", "тарм", "тармақш", "обл", "қ",
           "мыс", "млн", "млрд", "мың", "см", "м", "кг", "с", "т.с", "ғ", "ғғ", "ҚРЗ"},
    "ru": {"г", "гг", "т.е", "т.д", "т.п", "т.к", "ст", "п", "пп", "ч", "см", "др", "РК", "РФ",
           "руб", "млн", "млрд", "тыс", "обл", "р", "им", "ул", "д", "стр", "прим", "рис", "табл",
           "гл", "разд", "абз", "подп", "кв", "м", "кг", "ЗРК"},
}
# Initials ("О. Бектенов") and numbering ("№ 752", "N 527") are not sentence ends either;
# the segmenter handles them by pattern.
INITIAL = re.compile(r"(?:^|\s)[А-ЯӘҒҚҢӨҰҮҺІЁA-Z]$")

# ------------------------------------------------------------------ alignment clues
# Month names, as stems, to the month number: "7 маусымда" ~ "7 июня".
MONTHS = {
    "kk": {"қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6, "шілде": 7,
           "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12},
    "ru": {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7,
           "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12},
}
# Number words that stand beside or instead of digits ("5 (бес) жыл" ~ "5 (пять) лет").
NUMBER_WORDS = {
    "kk": {"бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8,
           "тоғыз": 9, "он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50},
    "ru": {"один": 1, "одного": 1, "одна": 1, "два": 2, "двух": 2, "две": 2, "три": 3, "трех": 3,
           "четыре": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "восемь": 8,
           "девять": 9, "десять": 10, "двадцать": 20, "двадцати": 20, "тридцать": 30,
           "сорок": 40, "пятьдесят": 50},
}
# Transliteration that lets Kazakh and Russian spellings of one word meet:
# Қазақстан ~ Казахстан, дипломатиялық ~ дипломатический, прекурсорлар ~ прекурсоры.
COGNATE_MAP = str.maketrans({
    "қ": "к", "х": "к", "һ": "к", "ғ": "г", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "і": "и",
    "ы": "и", "й": "и", "ә": "а", "ё": "е", "э": "е", "ю": "у", "я": "а", "ь": None, "ъ": None,
    "ц": "с", "щ": "ш",
    "á": "a", "à": "a", "â": "a", "ä": "a", "é": "e", "è": "e", "ê": "e", "ë": "e", "î": "i",
    "ï": "i", "ô": "o", "ö": "o", "û": "u", "ù": "u", "ü": "u", "ç": "c", "ß": "ss", "œ": "oe",
})
COGNATE_PREFIX = 5      # letters compared; legal loanwords share far more than this
STEM_PREFIX = 5         # crude stem for the learned lexicon: the word's first letters
