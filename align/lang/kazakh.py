"""Kazakh morphology as data: vowels and the sound classes endings depend on, the endings
of nominal forms (plural, possessive, case, attributive), consonant voicing, vowel elision,
and the words that only look inflected. `align.glossary.kazakh_stem` reads these tables."""
from __future__ import annotations

import re

# ------------------------------------------------------------------ letters
VOWELS = set("аәеоөұүыіэюяё")
# Sound classes of the last letter of a stem; the variant of an ending depends on it.
#   V vowel · R р у й и (plural -лар) · L л · N м н ң · Z ж з · T voiceless (and б в г д ғ in loans)
SOUND_CLASS = {**{c: "V" for c in VOWELS},
               **{c: "R" for c in "руйи"}, "л": "L",
               "ь": "L",        # loans in -ль: модельдер, модельге (the soft sign follows л)
               **{c: "N" for c in "мнң"}, **{c: "Z" for c in "жз"}}


# ------------------------------------------------------------------ endings
# Each table maps an ending to the sound classes it may follow.
PLURAL = {"лар": "VR", "лер": "VR", "дар": "LNZ", "дер": "LNZ", "тар": "T", "тер": "T"}
# Only the third person possessive occurs in legal texts; first and second person
# endings (-ым, -ың) would mostly strip letters off genuine stems (келісім, заң).
POSS3 = {"ы": "RLNZT", "і": "RLNZT", "сы": "V", "сі": "V"}
# Case endings after a bare stem or a plural ending.
CASE = {
    "gen": {"ның": "VN", "нің": "VN", "дың": "RLZ", "дің": "RLZ", "тың": "T", "тің": "T"},
    "dat": {"ға": "VRLNZ", "ге": "VRLNZ", "қа": "T", "ке": "T"},
    "acc": {"ны": "V", "ні": "V", "ды": "RLNZ", "ді": "RLNZ", "ты": "T", "ті": "T"},
    "loc": {"да": "VRLNZ", "де": "VRLNZ", "та": "T", "те": "T"},
    "abl": {"дан": "VRLZ", "ден": "VRLZ", "нан": "N", "нен": "N", "тан": "T", "тен": "T"},
    "ins": {"мен": "VRLN", "бен": "Z", "пен": "T", "менен": "VRLN", "бенен": "Z", "пенен": "T"},
}
# Case endings after a possessive ending (the "pronominal" declension).
CASE_AFTER_POSS = {
    "gen": ("ның", "нің"), "dat": ("на", "не"), "acc": ("н",), "loc": ("нда", "нде"),
    "abl": ("нан", "нен"), "ins": ("мен",),
    "priv": ("нсыз", "нсіз"),      # келісімінсіз "without its consent"
}
# Endings written after a hyphen (abbreviations, numbers): БҰҰ-ның, 3-бабында is not one.
HYPHEN_ENDINGS = {suf: case for case, table in CASE.items() for suf in table}
HYPHEN_ENDINGS.update({"ы": None, "і": None, "сы": None, "сі": None, "на": "dat", "не": "dat",
                       "а": "dat", "е": "dat", "нда": "loc", "нде": "loc", "н": "acc"})

# The attributive ending after a locative: саласындағы, саладағы, Келісімдегі.
ATTRIBUTIVE = {"ғы": ("да", "нда", "та"), "гі": ("де", "нде", "те")}
# ... and straight after words of time: жылғы, соңғы, кейінгі, бұрынғы.
TIME_WORDS = {"жыл", "ай", "күн", "соң", "кейін", "бұрын", "алдың", "ерте", "бүгін", "қазір",
              "биыл", "былтыр", "апта", "түн", "таң", "кеш", "сағат", "мерзім"}

# Voicing of the last consonant of a stem before a vowel: бап → бабы, министрлік → министрлігі.
VOICING = {"п": "б", "к": "г", "қ": "ғ"}
DEVOICING = {v: k for k, v in VOICING.items()}
# Stems that really end in a voiced consonant (loans), so -бы/-гы/-ғы is not undone.
VOICED_FINAL = {"клуб", "араб", "педагог", "диалог", "каталог", "полиграф", "геолог", "психолог",
                "социолог", "эколог", "хирург", "тарағ", "бағ", "жағ", "шағ", "тағ", "зоолог",
                "штаб", "кабинет", "бюллетень"}
# Stems that drop their last vowel before a possessive ending: халық → халқы, орын → орны.
ELISION = {"халқ": "халық", "орн": "орын", "ерн": "ерін", "мұрн": "мұрын", "ауз": "ауыз",
           "ойн": "ойын", "қойн": "қойын", "ерк": "ерік", "бөрк": "бөрік", "көрк": "көрік",
           "мойн": "мойын", "ұрп": "ұрпақ", "ырқ": "ырық", "ағз": "ағыз", "әрп": "әріп",
           "ерін": "ерін", "дәрп": "дәріп", "ғұрп": "ғұрып", "нарқ": "нарық",
           "қауп": "қауіп"}      # қауіп keeps і after а

# Vowel elision as a class: a stem whose high vowel (ы/і) before its last consonant drops
# when a vowel ending follows (мүлік → мүлкі, орын → орны, ауыз → аузы, қалып → қалпы). A
# possessive stem ending in ELIDED_BEFORE + ELIDED_LAST gets the vowel back, in harmony
# with the vowel before it; ELISION (above) holds the irregular ones.
ELIDED_BEFORE = set("лруй")
ELIDED_LAST = set("кқпнзм")
# Loans that end in a consonant cluster take a linking і/ы before a consonant ending
# (акт → актілер, банк → банкісі, объект → объектілері); the cluster is what is left.
LINKED_CLUSTERS = ("кт", "нк", "нт", "ст", "рт", "фт", "пт")

# Derived adjectives in -лы/-лі/-ды/-ді/-ты/-ті (сапалы, міндетті, жауапты) look like a
# possessive or an accusative; a corpus lexicon or the word after them tells.
# Each suffix with the sound classes it follows (as for endings): сапа+лы, қару+лы, дәлел+ді,
# лауазым+ды, құрмет+ті. After р, у, й an -ды/-ді is an accusative only (бақылауды).
ADJECTIVE_SUFFIXES = {"лы": "VR", "лі": "VR", "ды": "LNZ", "ді": "LNZ", "ты": "T", "ті": "T"}

# Verb forms and the -у form a verb is cited by: ending → what replaces it. Longest first;
# tried only on words no nominal reading explains as well (see kazakh_stem.citation).
VERB_ENDINGS = {
    "йтын": "у", "йтін": "у", "атын": "у", "етін": "у",     # participles: қабылдайтын
    "ғаннан": "у", "геннен": "у", "қаннан": "у", "кеннен": "у",
    "ған": "у", "ген": "у", "қан": "у", "кен": "у",          # past participles: бекітілген
    "йды": "у", "йді": "у",                                  # present: қабылдайды, белгілейді
    "ады": "у", "еді": "у",                                  # present: береді, қаралады
    "сын": "у", "сін": "у",                                  # imperative: бекітілсін
    "ылды": "ылу", "ілді": "ілу",                            # passive past: жойылды
}
# Endings of VERB_ENDINGS that need a consonant before them: after a vowel, -ады would be
# no verb, and -сын/-сін is the possessive -сы + accusative (республикасын).
VERB_AFTER_CONSONANT = {"ады", "еді", "сын", "сін"}

# Words that look inflected but are not: adjectives in -ты/-ті/-лы/-лі/-ды/-ді, nouns
# ending in what looks like an ending (келісім looks like келіс + -ім), names in -стан.
PROTECTED_ADJECTIVES = {
    # adjectives that look like an accusative
    "уәкілетті", "құзыретті", "тиісті", "қажетті", "мүдделі", "тиімді", "заңды", "маңызды",
    "тұрақты", "құқылы", "түпнұсқалы", "теңтүпнұсқалы", "бірдей", "жауапты", "қауіпті",
    "қолайлы", "қолайсыз", "құпия", "ресми", "сенімді", "жасырын", "шұғыл", "тікелей",
    "ұйымдасқан", "қосымша", "жазбаша", "ауызша", "ішінара", "кезек-кезек", "өзара", "арнайы",
    "жеткілікті", "пайдалы", "лайықты", "белгілі", "ықтимал", "мерзімді", "мүмкін", "тиіс",
    "ерекше", "әртүрлі", "түрлі", "көпжақты", "екіжақты", "тұрғылықты", "заңсыз", "бірлескен",
    "нақты", "жалпы", "толық", "қысқа", "шекті", "шартты", "кепілді", "уақытша", "тұрақты",
    "қатысты", "байланысты", "сәйкес", "мәдени", "дербес", "ақылы", "ақысыз", "әскери",
    "ұжымдық", "ортақ", "ішкі", "сыртқы", "негізгі", "жоғарғы", "төменгі", "соңғы", "алғашқы",
    "бастапқы", "кейінгі", "бұрынғы", "қазіргі", "жергілікті", "салалық", "ғылыми", "табиғи",
    "қаржылық", "жеке", "заңды", "мемлекеттік", "үкіметтік", "халықаралық", "ұлттық", "бас",
    "қосалқы", "жалпы", "басқа", "өзге",
}
PROTECTED_NOUNS = {
    # nouns and names that end in what looks like an ending
    "келісім", "бөлім", "өнім", "білім", "тіркелім", "өтінім", "шешім", "жүйе", "мәселе",
    "сауда", "майдан", "жарғы", "сала", "арна", "пана", "дана", "шара", "хаттама", "заңнама",
    "міндеттеме", "мүдде", "ереже", "жоба", "карта", "виза", "норма", "нысан", "орган",
    "тарап", "сарапшы", "басшы", "маман", "қатысушы", "баку", "астана", "мемлекет", "үкімет",
    "тәртіп", "іс", "жыл", "күн", "мерзім", "тізбе", "үлгі", "анықтама", "жабдық", "құжат",
    "мекеме", "комиссия", "хатшылық", "министрлік", "комитет", "прокуратура", "полиция",
    "әділет", "кеден", "шекара", "жұмыс", "күрес", "кеңес", "құрылыс", "шығыс", "кіріс",
    "өндіріс", "табыс", "бас", "кез", "мен", "сен", "біз", "сіз", "олар", "негіз", "егемендік",
    "аумақ", "ақпарат", "деректер", "мәлімет", "кездесу", "сапар", "семинар",
    "тағылымдама", "шетел", "қаржы", "ұйым", "келіссөз", "консультация", "азамат", "адам",
    "тұлға", "жағдай", "мақсат", "кезең", "тіл", "мәтін", "бап", "тармақ", "тармақша",
}
PROTECTED = PROTECTED_ADJECTIVES | PROTECTED_NOUNS
# Names ending in -стан are never "-с + ablative -тан".
PROTECTED_SUFFIXES = ("стан",)
# Nouns ending in -с whose possessive -сы/-сі must not be read as vowel stem + -сы.
S_FINAL_STEMS = {"жұмыс", "іс", "бас", "күрес", "кеңес", "құрылыс", "шығыс", "кіріс", "өндіріс",
                 "табыс", "тыс", "дыбыс", "қоныс", "тұрмыс", "өріс", "барыс", "қатыс",
                 "күш", "ас", "тас", "жас", "мас", "қас", "дос", "кіс", "түс", "тұс", "ұрыс",
                 # loans in -сс written with one с before an ending: процесс → процесі
                 "процес", "прогрес", "конгрес", "мәжіліс"}
# Agentive nouns in -шы/-ші (басшы, қатысушы, сарапшы) are not stem + possessive -ы.
AGENTIVE = re.compile(r"(?:[^аәеоөұүыіэюяё]|у)ш[ыі]$")


# ------------------------------------------------------------------ phrases beyond noun phrases
# Conjunctions that join two terms into one (өзгерістер мен толықтырулар, заңды және жеке тұлғалар).
COORDINATORS = {"мен", "пен", "бен", "және"}
# Light verbs: with a noun before them they make a verb term (күшіне ену "вступать в силу",
# қол қою "подписывать", күшін жою "утрачивать силу"); cited in their -у form.
LIGHT_VERBS = {"ену", "енгізу", "қою", "жою", "беру", "алу", "салу", "ету", "асыру", "шығару", "тарту",
               "жасау", "өту", "келу", "жүргізу", "қабылдау", "көрсету", "тоқтату",
               # and their passives: Келісімге қол қойылды, күші жойылады
               "енгізілу", "қойылу", "жойылу", "берілу", "алыну", "салыну", "асырылу", "шығарылу"}
# The nominal half of a light-verb phrase may be a word the noun-phrase stop list holds
# (қол, қамтамасыз, іске, жүзеге): these are the stop words that can open one.
LIGHT_VERB_NOUNS = {"қол", "қамтамасыз", "хабардар", "назар", "іске", "жүзеге", "күш-жігер"}
