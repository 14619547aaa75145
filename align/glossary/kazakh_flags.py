"""What each word of a Kazakh text can be in a term (`flag_tokens`): a stop word, a head, a
modifier, a genitive, a determiner, an adjective, a verbal noun; and whether a word opening a
phrase takes the word before it as its complement (`takes_the_word_before`). `terms` reads
noun phrases off these flags.

The stop lists are data: to stop a word from opening, closing or joining a term, add it to the
tables below.

Most of a word's flags come from the word alone: they are read once per distinct word and
build (a build has its own stemmer, so they are kept per stemmer and go with it); what its
place adds (the end of a clause, the word after it) is read at each token.
"""
from __future__ import annotations

import re
from typing import NamedTuple
from weakref import WeakKeyDictionary

from ..lang import kazakh as KK
from ..lang.kazakh import ADJECTIVE_SUFFIXES
from . import kazakh_stem as kz
from . import kazakh_words as kw

# ------------------------------------------------------------------ Kazakh stop lists
# Words that never belong to a term: pronouns, postpositions, conjunctions, particles,
# auxiliary verbs and the frame words of legal prose ("осы Келісім", "бұдан әрі").
KK_STOP = {
    "осы", "бұл", "сол", "мұндай", "осындай", "сондай", "бұдан", "одан", "әрі", "және", "мен", "пен",
    "бен", "немесе", "не", "әлде", "яғни", "туралы", "үшін", "бойынша", "сәйкес", "арқылы", "қарсы",
    "қатысты", "байланысты", "арасындағы", "арасында", "жөніндегі", "жөнінде", "кейін", "дейін",
    "бастап", "бері", "шейін", "сондай-ақ", "сонымен", "бірге", "қатар", "да", "де", "та", "те",
    "ғана", "қана", "тек", "егер", "онда", "ол", "олар", "оның", "олардың", "оларды", "оған",
    "оларға", "олармен", "одан", "өз", "өзі", "өзінің", "өздерінің", "өздері", "өзіне", "өздеріне",
    "өзінде", "әрбір", "әр", "барлық", "бүкіл", "басқа", "өзге", "кез", "келген", "қандай",
    "бір", "екі", "екінші", "бірі", "бірін", "біріне", "бірінің", "бір-бірін", "бір-біріне",
    "бір-бірімен", "бірін-бірі", "деп", "аталатын", "мынадай", "мыналар", "мыналарды", "мынандай",
    "тиіс", "мүмкін", "қажет", "болып", "табылады", "табылатын", "болса", "болған", "болады",
    "болатын", "болуы", "болу", "кезде", "кезінде", "ретінде", "ретте", "сияқты", "ішінде",
    "шегінде", "бұған", "жүзеге", "асыру", "асырады", "асырылады", "іске", "етеді", "ету", "етуі",
    "етіп", "етпесе", "отырып", "ала", "бере", "көрсете", "сүйене", "ескере", "қуаттай", "отыра",
    "мен", "сіз", "біз", "олай", "солай", "қалай", "тағы", "әсіресе", "тиісінше", "дереу",
    "жөн", "сай", "орай", "гөрі", "қоса", "алғанда", "беріліп", "отырған", "жасалған",
    "жасалды", "ретімен", "мақсатында", "мақсатта", "жағдайда", "барысында", "шеңберінде",
    "шеңберіндегі", "негізінде", "негізге", "тарапынан", "бұдан-әрі", "бастау", "сонда", "ешқайсысы",
    "соң", "тыс", "дейінгі",     # postpositions: өткеннен соң, шегінен тыс
    "әрқайсысы", "әрқайсысының", "төмендегілер", "жоқ", "бар", "емес",
    # the nominal half of light-verb phrases: қамтамасыз ету "обеспечивать", хабардар ету
    "қамтамасыз", "хабардар", "назар", "күш-жігер", "алдын", "бұрын", "кемінде", "кем", "әдетте",
    # numerals
    "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз", "он", "жиырма", "отыз", "қырық", "елу",
    "алпыс", "жетпіс", "сексен", "тоқсан", "жүз", "мың", "миллион",
}
# Stems whose every form is stop: жолын кесу "пресекать", қол қою "подписывать".
KK_STOP_STEMS = {"жол", "қол", "ал", "кей", "өз", "бір"}
# Determiners: a genitive right after one belongs to a phrase with the determiner
# ("осы Келісімнің ережелері" is "положения настоящего Соглашения"), so no term starts there.
KK_DETERMINERS = {"осы", "бұл", "сол", "әрбір", "әр", "барлық", "басқа", "өзге", "кез", "келген",
                  "мұндай", "осындай", "сондай", "өз", "өзінің", "өздерінің", "екінші", "бір"}
# Words that can modify a term but never head one (adjectives, participles are caught
# by their endings below).
KK_NOT_HEAD = KK.PROTECTED_ADJECTIVES - {"бас"}
# Endings of verb forms: finite verbs, converbs, conditionals, imperatives. A word with
# one of them neither heads nor modifies a term.
KK_VERB = re.compile(
    r"(?:[мпб][ае]ст[ае]н|[аеыі]ды|[аеыі]ді|йды|йді|майды|мейді|байды|бейді|пайды|пейді|ады|еді|"
    r"[ыі]п|ып|іп|са|се|сын|сін|сыншы|мақ|мек|пақ|пек|бақ|бек|"
    r"ған|ген|қан|кен|атын|етін|йтын|йтін|итын|итін|тын|тін|латын|летін|"
    r"мын|мін|мыз|міз|ады|еді|ды|ді|ты|ті)$")
# Modifiers that are adjectives by their ending: after them a head needs no possessive
# ending (ұлттық заңнама, уәкілетті орган, Мәртебелі Уағдаласушы Тараптар); a bare noun
# modifier needs one (қорғаныс саласы, Қазақстан Республикасы).
KK_ADJECTIVE = re.compile(r"(?:лық|лік|дық|дік|тық|тік|лы|лі|ды|ді|ты|ті|сыз|сіз|ғы|гі|қы|кі|шыл|шіл|"
                          r"ған|ген|қан|кен|атын|етін|йтын|йтін|ушы|уші|ная|ный|ски|ки|и)$")
# A verbal noun (қорғау, орындау) takes a bare object (ақпарат алмасу, сұрау салу) but is
# an action, not a term, on its own.
# Two letters before the ending are enough: `{2,}` meant the same but, searched, rescanned the
# whole word from every position (104 s on one 40,000-letter word).
KK_VERBAL_NOUN = re.compile(r"[^\W\d_]{2}[уюy]$")
KK_NOT_VERBAL_NOUNS = {"баку", "дау", "тау", "жау", "бау", "сау", "кездесу", "сұрау", "ту", "су", "ру"}
# Participles may modify a term (ұйымдасқан қылмыс, сұрау салынатын Тарап) but not head it.
KK_PARTICIPLE = re.compile(r"(?:ған|ген|қан|кен|атын|етін|йтын|йтін|итын|итін|тын|тін)$")
# Nouns that end like a verb form.
KK_VERB_LIKE_NOUNS = {"тәртіп", "әріп", "ғұрып", "кітап", "тарап", "бап", "шеп", "хат", "мазмұн",
                      "орган", "заң", "бақ", "шек", "тілек", "жүрек", "себеп", "талап", "есеп",
                      "қазан", "мерген", "алтын", "жүйе", "мәселе", "пана", "сала", "шара", "арна"}
# Ordinal numerals (бірінші, үшінші) modify, never head.
KK_ORDINAL = re.compile(r"(?:ыншы|інші|ншы|нші)$")
# Short stems that are nouns all the same.
KK_SHORT_NOUNS = {"іс", "ай", "ел", "жол", "күн", "жыл", "тіл", "бап", "заң", "құн", "кен", "бас",
                  "жер", "су", "газ", "жүк", "зат", "сот", "ақы", "сан", "орын", "ұйым", "түр",
                  "дау", "бөлік", "мүлік", "ант"}

# ------------------------------------------------------------------ flags

class _Word(NamedTuple):
    """What a word's flags owe to the word alone."""
    analysis: kz.Analysis
    last: str                    # folded, its last part if hyphenated
    verb: bool                   # a verb form wherever it stands
    verb_at_clause_end: bool     # a verb form at the end of a clause
    past_tense_shape: bool       # a verb form in -ды/-ді that the word after may show an adjective
    flags: dict                  # its flags as no verb (shared by its tokens: not to be changed)
    as_verb: dict                # and as a verb


_CLAUSE_END = re.compile(r"\s*[.:;!?]")
_WORDS: WeakKeyDictionary = WeakKeyDictionary()     # stemmer → {word: _Word}


def flag_tokens(toks: list, text: str, stemmer: kz.KazakhStemmer | None) -> None:
    """Set each token's analysis (`info`) and `flags`, the tokens being the words of `text`."""
    words = None if stemmer is None else _WORDS.setdefault(stemmer, {})
    n = len(toks)
    for i, t in enumerate(toks):
        word = None if words is None else words.get(t.text)
        if word is None:
            word = _read(t.text, stemmer)
            if words is not None:
                words[t.text] = word
        t.info = word.analysis
        verb = word.verb
        if not verb and word.verb_at_clause_end:    # a verb form ends its clause: "төмендегілер туралы келісті:"
            after = text[t.end:toks[i + 1].start] if i + 1 < n else text[t.end:] + "."
            verb = bool(_CLAUSE_END.match(after))
        if verb and word.past_tense_shape and \
                kw.not_a_past_tense(word.last, word.analysis, stemmer,
                                    toks[i + 1].text if i + 1 < n and toks[i + 1].chunk == t.chunk else None):
            verb = False
        t.flags = word.as_verb if verb else word.flags


def _read(text: str, stemmer: kz.KazakhStemmer | None) -> _Word:
    w = kz.fold(text)
    a = stemmer.analyze(text) if stemmer else kz.analyze(text)
    last = w.rpartition("-")[2]
    known_noun = a.stem in KK_VERB_LIKE_NOUNS or last in KK_VERB_LIKE_NOUNS or \
        a.stem.rpartition("-")[2] in KK_VERB_LIKE_NOUNS or w in KK.PROTECTED
    stop = w in KK_STOP or a.stem in KK_STOP_STEMS
    known_stem = stemmer is not None and stemmer.known(a.stem)
    verb_ending = KK_VERB.search(last)
    verb = not known_noun and bool(verb_ending) and not KK_PARTICIPLE.search(last) and \
        (not a.inflected or stemmer is not None and not known_stem)
    # салынатын is a participle, not салынат + -ы + -н; мақсатын is мақсат + -ы + -н
    # a stem the corpus shows with noun endings is a noun that ends like a participle (мәтін, мәтінге)
    participle = not known_noun and (bool(KK_PARTICIPLE.search(last)) and not (a.inflected and known_stem)
                                      or not known_stem and any(KK_PARTICIPLE.search(x.stem)
                                                                for x in kz.analyses(text)))
    short = len(a.stem.rpartition("-")[2]) < 3 and a.stem not in KK_SHORT_NOUNS and not (text.isupper() and len(text) > 1)
    ordinal = bool(KK_ORDINAL.search(w))
    flags = {
        "stop": stop,
        # a head may be attributive: "көші-қон саласы" in "көші-қон саласындағы ынтымақтастық"
        "head": not (stop or participle or short or ordinal or w in KK_NOT_HEAD or a.stem in KK_NOT_HEAD
                     or a.attributive and a.stem in KK.TIME_WORDS),
        "mod": not (stop or a.attributive) and (participle or a.case in (None, "gen")),
        "gen": a.case == "gen",
        "det": w in KK_DETERMINERS,
        # ordinals modify as adjectives do (үшінші тарап)
        "adj": participle or ordinal or w in KK.PROTECTED_ADJECTIVES or bool(KK_ADJECTIVE.search(last)),
        "verbal_noun": bool(KK_VERBAL_NOUN.search(a.stem)) and a.stem not in KK_NOT_VERBAL_NOUNS,
        "agentive": agentive(w),             # an agent noun (өтініш беруші)
        "agentive_stem": agentive(a.stem),   # inflected too (берушінің)
    }
    return _Word(a, last, verb, not known_noun and not known_stem and bool(verb_ending),
                 last[-2:] in ADJECTIVE_SUFFIXES and verb_ending is not None and verb_ending.group() == last[-2:],
                 flags, {**flags, "stop": True, "head": False, "mod": False})


def takes_the_word_before(toks: list, i: int) -> bool:
    """A participle or an agent noun opening a phrase takes the word before it as its
    complement (кәмелетке толмаған бала, жүзеге асыратын орган, өтініш беруші): a phrase
    that starts there is a truncated term."""
    if i == 0 or toks[i - 1].chunk != toks[i].chunk:
        return False
    prev, w = toks[i - 1], kz.fold(toks[i].text)
    if prev.flags["det"] or kz.fold(prev.text) in KK.COORDINATORS or not prev.text.isalpha():
        return False
    if prev.flags["adj"] and (prev.info.case is None or KK_PARTICIPLE.search(kz.fold(prev.text))):
        return False                # an adjective or participle is no complement (Мәртебелі Уағдаласушы
                                    # Тараптар, табылатын жекелеген хаттамалар)
    if prev.info.case == "loc":
        return False                # a place or time the clause is set in (11-бабында жекелеген хаттамалар)
    # an agent noun inflected too (берушінің, шығарушылар), unless a possessive makes the word
    # before its possessor (делегация басшысы)
    inflected_agent = toks[i].flags["agentive_stem"] and not toks[i].info.poss and not prev.flags["gen"]
    return bool(KK_PARTICIPLE.search(w) or toks[i].flags["agentive"] or inflected_agent) and \
        w not in KK_VERB_LIKE_NOUNS and w not in KK.PROTECTED


def agentive(w: str) -> bool:
    return bool(KK.AGENTIVE.search(w)) and not KK_ORDINAL.search(w)
