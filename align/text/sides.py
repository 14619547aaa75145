"""Do the two sides of an imported memory or term list hold Kazakh and Russian?

A TMX or a term list says which side is Kazakh by a language code or a column; nothing
stops that from being wrong. Checked here, per entry and for the file as a whole:
- garbage: a side with no letter or digit, or with control or replacement characters;
- the wrong script: a side mostly Latin (English or German terms under kk/ru);
- swapped: the "kk" side reads as Russian and the "ru" side as Kazakh (for a short term:
  Kazakh-only letters on the Russian side and none on the Kazakh side);
- damaged: letters of other Cyrillic alphabets or case flipping inside a word (mojibake,
  a flipped byte).
Garbage entries are never imported. A file is refused — with the reason and the first entry
that shows it — when the sides as a whole are the wrong languages or more than
`MAX_FLAGGED` of its entries are flagged; `force=True` imports the flagged entries anyway and
the caller reports how many there were.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError
from .language import KAZAKH_MIN, RUSSIAN_MAX, language_of, language_profile
from .plausible import CASE_FLIP, CONTROL_CHARS, ODD_LETTERS

ALNUM = re.compile(r"[^\W_]")
SUSPECT = CONTROL_CHARS | {"\ufffd"}

MAX_FLAGGED = 0.05           # a real memory has a few odd units; more means the file is wrong
MIN_CYRILLIC = 60            # letters a side needs before its language is judged as a whole
SIDE_NAMES = {"kk": "Kazakh", "ru": "Russian"}


@dataclass
class SideCheck:
    total: int = 0
    garbage: list[int] = field(default_factory=list)        # entry indexes (0-based), left out
    flagged: list[tuple[int, str]] = field(default_factory=list)   # (index, why), imported only with force
    verdict: str = ""                                       # why the file as a whole is wrong

    def kept(self, items: list) -> list:
        """The entries to import: all but the garbage."""
        left_out = set(self.garbage)
        return [item for i, item in enumerate(items) if i not in left_out]


def _garbage(text: str) -> bool:
    """No letter or digit, or control or replacement characters: nothing a translator wrote."""
    return not ALNUM.search(text) or not SUSPECT.isdisjoint(text)


def check_sides(pairs: list[tuple[str, str]]) -> SideCheck:
    check = SideCheck(total=len(pairs))
    totals = [0, 0, 0, 0, 0, 0]          # the kk and then the ru profile of the file
    for i, (kk, ru) in enumerate(pairs):
        both = kk + "\n" + ru
        # the set of characters finds the rare entry worth a closer look at C speed (a large
        # memory has 100,000)
        chars = set(both)
        if not SUSPECT.isdisjoint(chars) or _garbage(kk) or _garbage(ru):
            check.garbage.append(i)
            continue
        kp, rp = language_profile(kk), language_profile(ru)
        totals = [a + b for a, b in zip(totals, kp + rp)]
        if kk.strip() != ru.strip():          # the same word on both sides (IBAN, ISO) is no error
            side = "kk" if kp[2] > kp[0] else "ru" if rp[2] > rp[0] else ""
            if side:
                check.flagged.append((i, f"the {SIDE_NAMES[side]} side is not Cyrillic"))
                continue
        if (language_of(kp) == "ru" and language_of(rp) == "kk") or (not kp[1] and rp[1]):
            check.flagged.append((i, "Kazakh and Russian are swapped"))
            continue
        if not ODD_LETTERS.isdisjoint(chars) or CASE_FLIP.search(both):
            side = "kk" if not ODD_LETTERS.isdisjoint(kk) or CASE_FLIP.search(kk) else "ru"
            why = f"the {SIDE_NAMES[side]} side has letters no Kazakh or Russian word has (a damaged file?)"
            check.flagged.append((i, why))
    check.verdict = _verdict(totals)
    return check


def _verdict(totals: list[int]) -> str:
    kk_cyr, kk_kaz, kk_lat, ru_cyr, ru_kaz, ru_lat = totals
    if kk_lat > kk_cyr:
        return "the Kazakh side is not Cyrillic text (English or another language?)"
    if ru_lat > ru_cyr:
        return "the Russian side is not Cyrillic text (English or another language?)"
    kk_share = kk_kaz / kk_cyr if kk_cyr else 0.0
    ru_share = ru_kaz / ru_cyr if ru_cyr else 0.0
    if kk_cyr >= MIN_CYRILLIC and ru_cyr >= MIN_CYRILLIC and ru_share > kk_share and ru_share >= KAZAKH_MIN:
        return "Kazakh and Russian are swapped (the Kazakh side is Russian and the Russian side Kazakh)"
    if kk_cyr >= MIN_CYRILLIC and kk_share <= RUSSIAN_MAX:
        return "the Kazakh side reads as Russian"
    if ru_cyr >= MIN_CYRILLIC and ru_share >= KAZAKH_MIN:
        return "the Russian side reads as Kazakh"
    return ""


def enforce(check: SideCheck, name: str, force: bool, entries: str = "units", error=InputError) -> None:
    """Refuse the file (raising `error`) unless `force`; garbage entries are left out either way."""
    if force:
        return
    why = check.verdict
    if not why and check.total and len(check.flagged) > MAX_FLAGGED * check.total:
        index, first = check.flagged[0]
        why = f"{len(check.flagged)} of {check.total} {entries} look wrong (the first, number {index + 1}: {first})"
    if not why and check.garbage and len(check.garbage) == check.total:
        why = f"no {entries[:-1]} holds readable text"
    if why:
        raise error(f"{name}: not imported: {why}; fix the file, or import it anyway with --force")
