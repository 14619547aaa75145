"""Language knowledge as data: look-alike letters, heading and block patterns,
abbreviations, words that cannot end a line of running text.

Code elsewhere reads these tables; to teach saikes a new heading style or abbreviation,
add a row here.
"""
from __future__ import annotations

import re

from . import kazakh

# Letters Kazakh has and Russian does not: they tell the two languages apart.
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
# Every letter a Kazakh or Russian word is written with: a decoded file whose words need
# other letters (Serbian ђ љ, Belarusian ў, mojibake's Р° С‚) was decoded wrongly.
CYRILLIC_ALPHABET = frozenset(_RUSSIAN + _RUSSIAN.upper()) | KAZAKH_LETTERS

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
# Headings of the units of an act, outermost first: part (general/special), section
# (бөлім/раздел), chapter (тарау/глава), paragraph (параграф), article (бап/статья). Group
# "num" is the unit's identifier as written ("3-1", "IV", "1024"), group "rest" what
# follows it on the line: a title, or the first sentence of the unit's text.
HEADING_LEVELS = ("part", "section", "chapter", "paragraph", "article")
_ROMAN = r"[IVXLCІХС]{1,7}"
_ID = r"\d{1,4}(?:\s?-\s?\d{1,3}){0,2}"
HEADINGS = {
    "kk": (
        ("part", re.compile(r"^(?P<num>ЖАЛПЫ|ЕРЕКШЕ)\s+БӨЛІМ\b\s*[.:]?(?P<rest>.*)$", re.I)),
        ("section", re.compile(rf"^(?P<num>\d{{1,3}}|{_ROMAN})\s*-?\s*БӨЛІМ\b\s*[.:]?(?P<rest>.*)$", re.I)),
        ("chapter", re.compile(rf"^(?P<num>{_ID})\s*-?\s*ТАРАУ\b\s*[.:]?(?P<rest>.*)$", re.I)),
        ("paragraph", re.compile(rf"^(?P<num>{_ID})\s*-?\s*ПАРАГРАФ\b\s*[.:]?(?P<rest>.*)$", re.I)),
        ("paragraph", re.compile(rf"^§\s*(?P<num>{_ID})\b\s*[.:]?(?P<rest>.*)$", re.I)),
        ("article", re.compile(rf"^(?P<num>{_ID})\s*-?\s*БАП\b\s*[.:]?(?P<rest>.*)$", re.I)),
    ),
    "ru": (
        ("part", re.compile(r"^(?P<num>ОБЩАЯ|ОСОБЕННАЯ)\s+ЧАСТЬ\b\s*[.:]?(?P<rest>.*)$", re.I)),
        ("section", re.compile(rf"^РАЗДЕЛ\s+(?P<num>\d{{1,3}}|{_ROMAN})\b\s*[.:]?(?P<rest>.*)$", re.I)),
        ("chapter", re.compile(rf"^ГЛАВА\s+(?P<num>{_ID})\b\s*[.:]?(?P<rest>.*)$", re.I)),
        ("paragraph", re.compile(rf"^(?:ПАРАГРАФ|§)\s*(?P<num>{_ID})\b\s*[.:]?(?P<rest>.*)$", re.I)),
        ("article", re.compile(rf"^СТАТЬЯ\s+(?P<num>{_ID})\b\s*[.:]?(?P<rest>.*)$", re.I)),
    ),
}
# The two parts of a code have names, not numbers.
PART_IDS = {"жалпы": "general", "ерекше": "special", "общая": "general", "особенная": "special"}
# Cyrillic letters written for Roman numerals ("І бөлім", "ІІ бөлім").
ROMAN_LOOKALIKES = str.maketrans({"І": "I", "Х": "X", "С": "C", "М": "M"})
# A unit that was excluded keeps its heading: "Статья 7. Исключена", "7-бап. Алып тасталды".
EXCLUDED = {
    "kk": re.compile(r"^(?:алып\s+тасталды|алынып\s+тасталды|күші\s+жойылды)", re.I),
    "ru": re.compile(r"^(?:исключен[аоы]?|утратил[аои]?\s+силу)\b", re.I),
}
# What follows a heading's number is its title, unless it reads like the unit's first
# sentence: titles carry no final stop (measured on 1,550 headings of the real acts: none
# does) and run to at most about 25 words.
TITLE_MAX_WORDS = 30
# A chapter of rules numbered like a point ("### 1. Жалпы ережелер"), recognised only when
# the markup marks the line as a heading.
NUMBERED_HEADING = re.compile(r"^(?P<num>\d{1,3})\.\s+(?P<rest>\S.*)$")
# A table of contents is announced by its own title.
TOC_TITLE = {
    "kk": re.compile(r"^(?:МАЗМҰНЫ|Мазмұны)\s*:?\s*$"),
    "ru": re.compile(r"^(?:ОГЛАВЛЕНИЕ|СОДЕРЖАНИЕ|Оглавление|Содержание)\s*:?\s*$"),
}

POINT = re.compile(r"^(?P<num>\d{1,3}(?:-\d{1,2})?(?:\.\d{1,3})*)\.(?!\d)\s*(?=\S)")  # "1. ..." "5-1. ..." "2.3. ..."
SUBITEM = re.compile(r"^(?P<num>\d{1,3}(?:-\d{1,2})?|[а-яәғқңөұүһі])\)\s*(?=\S)")    # "1) ..." "5-1) ..." "а) ..."

# A stamp read as a whole: approved by, appendix to ("... № 752 қаулысымен бекітілген",
# "Приложение 1 к приказу ...").
STAMP = {
    # tried only from the start of a line and up to its first digit (possessive): `\d.*` alone
    # was tried from every digit, quadratic on a long line of numbers
    "kk": re.compile(r"(?:^|(?<=\n))[^\d\n]*+\d.*(?:бекітілген|бекітілді|келісілген|қосымша|шешіміне|бұйрығына|"
                     r"қаулысына)\s*$", re.I),
    "ru": re.compile(r"^(?:Утвержден[оаы]?|Одобрен[оаы]?|Приложение(?:\s+(?:N|№)?\s*\d+)?)\s+.*\d", re.I),
}
# A person's name under a signature: "В.Метте", "А. Нурпеисов", "Касымбеков М.Б.".
_UP = "А-ЯӘҒҚҢӨҰҮҺІЁ"
PERSON_NAME = re.compile(rf"^(?:[{_UP}]\.\s?(?:[{_UP}]\.\s?)?[{_UP}][а-яәғқңөұүһіё-]+|"
                         rf"[{_UP}][а-яәғқңөұүһіё-]+\s+[{_UP}]\.\s?(?:[{_UP}]\.)?)\s*$")
# Lines a form or stamp sets apart even inside one quoted block: a hint in brackets
# ("(Т.А.Ә.)", "(подпись)"), an approval word or the word "form" on its own.
FORM_LINE = re.compile(r"^(?:\(.*\)|Бекітемін|УТВЕРЖДАЮ|Утверждаю|КЕЛІСІЛДІ|СОГЛАСОВАНО|Нысан|нысан|Форма|форма)"
                       r"\.?\s*$")

# Editorial notes are the publisher's, not the act's: amendment history, "no longer in
# force", the legislation institute's remarks. The two versions word them differently or
# have them on one side only.
EDITORIAL = {
    "kk": re.compile(r"^(?:ЗҚАИ-ның\s+ескертпесі|ҚР\s+ЗҚАИ-ның|(?:Ескерту|Ескертпе)\s*\.?\s*(?=.*(?:өзгеріс|толықтыр|"
                     r"редакция|алып\s+тасталды|күші\s+жойыл|ресми\s+болып\s+табылмайды|қолданысқа\s+енгіз|"
                     r"күшіне\s+ен|жариялан|\d{2}\.\d{2}\.\d{4}|\d{4}\.\d{2}\.\d{2})))", re.I),
    "ru": re.compile(r"^(?:Сноска\b|Примечание\s+(?:ИЗПИ|РЦПИ)|Примечание\s*\.?\s*(?=.*(?:не\s+является\s+"
                     r"официальным|в\s+редакции|с\s+изменени|дополнен|исключен|утратил|"
                     r"\d{2}\.\d{2}\.\d{4})))", re.I),
}
# Proof-readers' names at the end of old acts ("Оқығандар:", "Читали:"), not text of the act.
PROOFREADERS = {
    "kk": re.compile(r"^(?:Оқығандар|Оқыған|Тексерген|Тексергендер)\s*:", re.I),
    "ru": re.compile(r"^(?:Читали|Проверили|Проверил|Читал)\s*:", re.I),
}
# Page furniture of a web page copied with the act: menus, breadcrumbs, print links.
FURNITURE = re.compile(
    r"^(?:Главная|Басты\s+бет|Версия\s+для\s+печати|Басып\s+шығару|Печать|Назад|Артқа|Наверх|"
    r"Поделиться|Бөлісу|Войти|Кіру|Регистрация|Тіркелу|Карта\s+сайта|Сайт\s+картасы|"
    r"Қазақша|Русский|English|Қаз|Рус|Eng)(?:\s*[|/>»·•]\s*\S.*|\s*)$", re.I)
NOTE = {
    "kk": re.compile(r"^(?:Ескерту|Ескертпе)\b", re.I),
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
KAZAKH_GENITIVE = re.compile("(?:" + "|".join(kazakh.CASE["gen"]) + ")$")
KAZAKH_PLURAL = re.compile("(?:" + "|".join(kazakh.PLURAL) + ")$")
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

# ------------------------------------------------------------------ Russian phrases beyond noun phrases
# Conjunctions that join two terms into one (изменения и дополнения).
RU_COORDINATORS = {"и"}
# Prepositions a verb or a verbal noun takes its fixed complement with (вступать в силу,
# вступление в силу); a verb's direct object needs none (утрачивать силу).
RU_VERB_PREPOSITIONS = {"в", "на"}
