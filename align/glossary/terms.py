"""Term candidates: Kazakh and Russian noun phrases of one to four words.

A candidate is a noun phrase found by pattern inside a run of words that no punctuation,
number or function word interrupts:

- Kazakh: modifiers (adjectives, bare nouns, genitives, participles) followed by a head
  noun; only the head inflects, and a genitive modifier needs a possessive head
  (Қазақстан Республикасының Үкіметі, Тараптар мемлекеттерінің аумағы).
- Russian: agreeing adjectives, a head noun and genitive complements
  (национальное законодательство государств Сторон), read by pymorphy3.

Each occurrence carries its key (the normalized phrase both languages are counted by),
where it is in the text, and what the glossary needs to cite it: number, capitals,
the form without its case ending.

The stop lists are data: to stop a word from opening, closing or joining a term, add
it to the tables below.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..lang import kazakh as KK
from . import kazakh_stem as kz
from . import kazakh_words as kw
from . import russian_lemma as rl
from ..lang.kazakh import ADJECTIVE_SUFFIXES
from ..lang.tables import KAZAKH_LETTERS
from ..lang.words import WORD
from .phrases import kazakh_objects, kazakh_phrases, russian_phrases

MAX_WORDS = 4

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

# ------------------------------------------------------------------ Russian stop lists
RU_STOP_ADJECTIVES = rl.STOP_ADJECTIVES
RU_STOP_NOUNS = rl.STOP_NOUNS | {"счет", "друг", "образ", "имя"}


@dataclass(slots=True)     # a corpus holds millions: no __dict__ each
class Occurrence:
    lang: str
    key: str
    start: int                # character offsets into the text
    end: int
    words: tuple[str, ...]
    base: str = ""            # kk: the phrase without the head's case ending, as written
    plural: bool | None = None
    poss: bool = False        # kk: the head carries a possessive ending
    caps: tuple = ()          # per word: written with a capital (None: cannot tell)
    initial: bool = False     # the phrase opens a sentence
    proper: bool = False
    genitive: tuple = ()      # kk: per word, in the genitive
    head: int = -1            # index of the head word (kk: the last)
    plurals: tuple = ()       # kk: per word, in the plural
    starts: tuple = ()        # character offset of each word
    whole: bool = False       # a coordination: its parts are terms of their own
    citation: str = ""        # the citation form, where the phrase gives it (verb phrases)

    @property
    def head_last(self) -> bool:
        return self.head in (-1, len(self.words) - 1)

    def word_at(self, offset: int) -> int:
        """Index of the word that starts at character `offset` (-1 if none)."""
        return self.starts.index(offset) if offset in self.starts else -1

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def size(self) -> int:
        return len(self.words)


@dataclass
class _Token:
    text: str
    start: int
    end: int
    chunk: int
    initial: bool
    info: object = None
    flags: dict = field(default_factory=dict)


_LIST_MARK = re.compile(r"^\s*(?:\d{1,3}[.)]|[а-яәғқңөұүһіa-z]\)|[-–—•*])\s*$", re.I)
_OPENERS = "\"'«“„(["


def tokenize(text: str) -> list[_Token]:
    """Words with offsets; `chunk` numbers runs of words not broken by punctuation or digits."""
    out: list[_Token] = []
    chunk = 0
    prev_end = 0
    for m in WORD.finditer(text):
        gap = text[prev_end:m.start()]
        if out and (gap.strip() or "\n" in gap):
            chunk += 1
        # the character before the word (openers and spaces skipped), found in the gap alone
        # or else the previous word's last letter: slicing all the text before every word
        # made a long segment quadratic
        tail = gap.rstrip().rstrip(_OPENERS).rstrip()
        before = tail[-1] if tail else (out[-1].text[-1] if out else "")
        # a list mark ("1.", "а)") is all the text before the first or second word
        initial = (not before or before in ".!?:;…" or
                   len(out) < 2 and bool(_LIST_MARK.match(text[:m.start()].rstrip(_OPENERS))))
        out.append(_Token(m.group(), m.start(), m.end(), chunk, initial))
        prev_end = m.end()
    return out


def _caps(word: str, initial: bool):
    if len(word) > 1 and word.isupper():
        return None if len(word) > 6 else True        # ҚАУЛЫ ЕТЕДІ says nothing; БҰҰ is an abbreviation
    if initial:
        return None
    return word[:1].isupper()


# ------------------------------------------------------------------ Kazakh

def _kk_flags(tok: _Token, stemmer) -> None:
    w = kz.fold(tok.text)
    a = stemmer.analyze(tok.text) if stemmer else kz.analyze(tok.text)
    tok.info = a
    last = w.rpartition("-")[2]
    known_noun = a.stem in KK_VERB_LIKE_NOUNS or last in KK_VERB_LIKE_NOUNS or \
        a.stem.rpartition("-")[2] in KK_VERB_LIKE_NOUNS or w in KK.PROTECTED
    stop = w in KK_STOP or a.stem in KK_STOP_STEMS
    known_stem = stemmer is not None and stemmer.known(a.stem)
    # a verb form ends its clause: "төмендегілер туралы келісті:"
    clause_end = tok.flags.get("clause_end", False)
    verb = not known_noun and bool(KK_VERB.search(last)) and not KK_PARTICIPLE.search(last) and \
        (not a.inflected or stemmer is not None and not known_stem)
    # салынатын is a participle, not салынат + -ы + -н; мақсатын is мақсат + -ы + -н
    # a stem the corpus shows with noun endings is a noun that ends like a participle (мәтін, мәтінге)
    participle = not known_noun and (bool(KK_PARTICIPLE.search(last)) and not (a.inflected and known_stem)
                                      or not known_stem and any(KK_PARTICIPLE.search(x.stem)
                                                                for x in kz.analyses(tok.text)))
    if clause_end and not known_noun and not known_stem and KK_VERB.search(last):
        verb = True
    if verb and last[-2:] in ADJECTIVE_SUFFIXES and KK_VERB.search(last).group() == last[-2:] and \
            kw.not_a_past_tense(last, a, stemmer, tok.flags.get("next")):
        verb = False
    short = len(a.stem.rpartition("-")[2]) < 3 and a.stem not in KK_SHORT_NOUNS and not (tok.text.isupper() and len(tok.text) > 1)
    ordinal = bool(KK_ORDINAL.search(w))
    tok.flags = {
        "stop": stop or verb,
        # a head may be attributive: "көші-қон саласы" in "көші-қон саласындағы ынтымақтастық"
        "head": not (stop or verb or participle or short or ordinal or w in KK_NOT_HEAD or a.stem in KK_NOT_HEAD
                     or a.attributive and a.stem in KK.TIME_WORDS),
        "mod": not (stop or verb or a.attributive) and (participle or a.case in (None, "gen")),
        "gen": a.case == "gen",
        "det": w in KK_DETERMINERS,
        # ordinals modify as adjectives do (үшінші тарап)
        "adj": participle or ordinal or w in KK.PROTECTED_ADJECTIVES or bool(KK_ADJECTIVE.search(last)),
        "verbal_noun": bool(KK_VERBAL_NOUN.search(a.stem)) and a.stem not in KK_NOT_VERBAL_NOUNS,
    }


def _takes_the_word_before(toks: list[_Token], i: int) -> bool:
    """A participle or an agent noun opening a phrase takes the word before it as its
    complement (кәмелетке толмаған бала, жүзеге асыратын орган, өтініш беруші): a phrase
    that starts there is a truncated term."""
    if i == 0 or toks[i - 1].chunk != toks[i].chunk:
        return False
    prev, w, stem = toks[i - 1], kz.fold(toks[i].text), toks[i].info.stem
    if prev.flags["det"] or kz.fold(prev.text) in KK.COORDINATORS or not prev.text.isalpha():
        return False
    if prev.flags["adj"] and (prev.info.case is None or KK_PARTICIPLE.search(kz.fold(prev.text))):
        return False                # an adjective or participle is no complement (Мәртебелі Уағдаласушы
                                    # Тараптар, табылатын жекелеген хаттамалар)
    if prev.info.case == "loc":
        return False                # a place or time the clause is set in (11-бабында жекелеген хаттамалар)
    # an agent noun inflected too (берушінің, шығарушылар), unless a possessive makes the word
    # before its possessor (делегация басшысы)
    inflected_agent = _agentive(stem) and not toks[i].info.poss and not prev.flags["gen"]
    return bool(KK_PARTICIPLE.search(w) or _agentive(w) or inflected_agent) and \
        w not in KK_VERB_LIKE_NOUNS and w not in KK.PROTECTED


def _agentive(w: str) -> bool:
    return bool(KK.AGENTIVE.search(w)) and not KK_ORDINAL.search(w)


def kazakh_terms(text: str, stemmer: kz.KazakhStemmer | None = None,
                 max_words: int = MAX_WORDS) -> list[Occurrence]:
    """All Kazakh noun-phrase candidates in `text`, nested ones included."""
    toks = tokenize(text)
    for i, t in enumerate(toks):
        after = text[t.end:toks[i + 1].start] if i + 1 < len(toks) else text[t.end:] + "."
        t.flags = {"clause_end": bool(re.match(r"\s*[.:;!?]", after)),
                   "next": toks[i + 1].text if i + 1 < len(toks) and toks[i + 1].chunk == t.chunk else None}
        _kk_flags(t, stemmer)
    out = []
    n = len(toks)
    for j in range(n):                       # j: the head
        h = toks[j]
        if not h.flags["head"]:
            continue
        a = h.info
        for i in range(j, max(-1, j - max_words), -1):
            if i < j:
                m = toks[i]
                if m.chunk != h.chunk or not m.flags["mod"]:
                    break
                if m.flags["gen"] and not a.poss:
                    break                     # a genitive needs a possessive head
                nxt = toks[i + 1]
                if not (m.flags["adj"] or m.flags["gen"] or nxt.info.poss or _agentive(kz.fold(nxt.text)) or
                        i == j - 1 and (h.flags["verbal_noun"] or _agentive(a.stem))):
                    break                     # a bare noun needs a possessive word after it
                                              # (қорғаныс саласы), a verbal noun (ақпарат алмасу)
                                              # or an agent noun (өтініш беруші, сұрау
                                              # салушы Тарап)
            elif h.flags["verbal_noun"] and not a.plural:
                continue                      # a verbal noun alone is an action, not a term;
                                              # in the plural it names things (толықтырулар)
            span = toks[i:j + 1]
            if i < j and toks[i].flags["gen"] and i > 0 and toks[i - 1].chunk == h.chunk and \
                    toks[i - 1].flags["det"]:
                continue
            if _takes_the_word_before(toks, i):
                continue
            if i < j and toks[i].flags["gen"] and (toks[i].info.poss or toks[i].flags["verbal_noun"]):
                continue                      # a possessed genitive or an action's has its own
                                              # possessor or object before it (Тараптың инвесторының
                                              # инвестициялары, жарамсыз деп танудың салдары)
            words = tuple(t.text for t in span)
            key = " ".join([kz.fold(t.text) for t in span[:-1]] + [a.stem])
            base_head = a.base
            base = " ".join([t.text for t in span[:-1]] + [base_head])
            out.append(Occurrence(
                "kk", key, span[0].start, h.end, words, base=base, plural=a.plural, poss=a.poss,
                caps=tuple(_caps(t.text, t.initial and k == 0) for k, t in enumerate(span)),
                initial=span[0].initial, genitive=tuple(t.flags["gen"] for t in span),
                head=len(span) - 1, starts=tuple(t.start for t in span),
                plurals=tuple(bool(t.info.plural) for t in span)))
    return out + kazakh_objects(toks, out, Occurrence, max_words) + kazakh_phrases(toks, stemmer, Occurrence, _caps)


# ------------------------------------------------------------------ Russian

def _ru_stop_adjective(p) -> bool:
    """A stop adjective or participle: a participle's normal form is its verb (являться), so it
    is looked up by its own form too (являющийся)."""
    return p.normal_form in RU_STOP_ADJECTIVES or rl.lemma_of(p) in RU_STOP_ADJECTIVES


@lru_cache(maxsize=200_000)
def _ru_flags(word: str) -> tuple[bool, bool]:
    """(breaks a phrase, may be inside a phrase)"""
    low = word.lower()
    if low in rl.FUNCTION_WORDS:
        return True, False
    rs = rl.readings(word)
    if not rs:
        return True, False
    if any(v.POS in ("ADJF", "PRTF") and _ru_stop_adjective(p) for p, v in rs) and \
            not any(v.noun for p, v in rs if p.score > 0.2):
        return True, False
    if all("Apro" in v for _, v in rs if not v.noun) and not any(v.noun for _, v in rs):
        return True, False
    return False, True


@lru_cache(maxsize=100_000)
def _resolve(words: tuple[str, ...]):
    return rl.resolve(words)


def russian_terms(text: str, max_words: int = MAX_WORDS) -> list[Occurrence]:
    """All Russian noun-phrase candidates in `text`, nested ones included."""
    toks = tokenize(text)
    out = []
    n = len(toks)
    ok = [not _ru_flags(t.text)[0] for t in toks]
    for i in range(n):
        if not ok[i]:
            continue
        for j in range(i, min(n, i + max_words)):
            if not ok[j] or toks[j].chunk != toks[i].chunk:
                break
            span = toks[i:j + 1]
            words = tuple(t.text for t in span)
            ph = _resolve(words)
            if ph is None:
                continue
            head = ph.parses[ph.head]
            if head.normal_form in RU_STOP_NOUNS or ph.roles[-1] == "A":
                continue
            if ph.roles[0] == "A" and _ru_stop_adjective(ph.parses[0]):
                continue
            out.append(Occurrence(
                "ru", ph.key, span[0].start, span[-1].end, words, base=" ".join(words),
                plural=None if ph.number is None else ph.number == "plur",
                caps=tuple(_caps(t.text, t.initial and k == 0) for k, t in enumerate(span)),
                initial=span[0].initial, proper=ph.proper, head=ph.head,
                starts=tuple(t.start for t in span)))
    return out + russian_phrases(toks, Occurrence, _caps)


def terms(text: str, lang: str, stemmer=None, max_words: int = MAX_WORDS) -> list[Occurrence]:
    if lang == "kk":
        return kazakh_terms(text, stemmer, max_words)
    return russian_terms(text, max_words)


def key_of(phrase: str, lang: str, stemmer=None) -> str:
    """The key a phrase is counted by: kk "уәкілетті органдардың" → "уәкілетті орган",
    ru "уполномоченными органами" → "уполномоченный орган"."""
    if lang == "kk":
        return kz.phrase_key(phrase, stemmer)
    return rl.phrase_key(phrase)


def guess_language(text: str) -> str | None:
    """'kk' if the text has Kazakh-only letters, 'ru' if it is Cyrillic without them."""
    if any(c in KAZAKH_LETTERS for c in text):
        return "kk"
    if re.search(r"[А-Яа-яЁё]", text):
        return None if not re.search(r"[ёъэщЁЪЭЩ]", text) else "ru"
    return None
