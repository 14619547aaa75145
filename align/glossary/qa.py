"""The consistency check: beads whose Kazakh side holds a glossary term while the Russian
side holds none of its translations, and beads whose two sides disagree on numbers or dates."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..lang.words import LOOKALIKES, has_cyrillic
from .beads import read_beads
from .rows import _require_glossary
from ..lang.tables import MONTHS
from .lookup import _clip, kwic
from ..store import Workspace
from ..model import KEPT


@dataclass
class Issue:
    pair: str
    bead: int
    pos: int
    article: int | None
    kind: str                 # "term", "numbers", "dates"
    message: str
    kk: str
    ru: str
    term: str = ""
    expected: list = field(default_factory=list)
    kk_span: list | None = None


@dataclass
class QaReport:
    pairs: list
    beads: int
    terms_checked: int
    issues: list[Issue]

    def count(self, kind: str) -> int:
        return sum(1 for i in self.issues if i.kind == kind)


# "7 маусымда" / "7 июня": a day and a month, from the month table of lang.tables.
_DATE = {lang: re.compile(r"(\d{1,2})[\"»”']?\s+(" + "|".join(sorted(months, key=len, reverse=True))
                          + r")\w*", re.I)
         for lang, months in MONTHS.items()}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")

# A term is checked when a terminologist approved it, or when the texts render it
# consistently: seen in at least this many beads, its main translation in this share of
# them, with this association.
QA_MIN_FREQ = 3
QA_MIN_SHARE = 0.75
QA_MIN_DICE = 0.75
# A translation counts as present when each of its words starts (this many letters) like
# a word of the Russian side: a verb of the same root will do (постановление,
# ПОСТАНОВЛЯЕТ; военная разведка, военно-разведывательная).
QA_PREFIX = 5


def _kk_text(s: str) -> str:
    return s.translate(LOOKALIKES) if has_cyrillic(s) else s


def qa(ws: Workspace, pair: str | None = None) -> QaReport:
    """Beads whose Kazakh side holds a glossary term while the Russian side holds none of
    its translations, and beads whose sides disagree on numbers or dates."""
    rows = _require_glossary(ws)
    by_kk = defaultdict(list)
    for e in rows:
        by_kk[e.kk_key].append(e)
    checked = {}
    for k, es in by_kk.items():
        reviewed = [e for e in es if e.status in KEPT]
        auto_ok = [e for e in es if e.status == "auto"]
        top = max(auto_ok, key=lambda e: e.freq, default=None)
        consistent = top is not None and top.kk_freq >= QA_MIN_FREQ and \
            top.freq >= QA_MIN_SHARE * top.kk_freq and top.dice >= QA_MIN_DICE
        if reviewed or consistent:
            checked[k] = es
    beads, _ = read_beads(ws, pair)
    issues = []
    for b in beads:
        bd = b.bead
        ru_keys = {o.key for o in b.ru}
        ru_words = {w.lower().replace("ё", "е") for w in re.findall(r"[^\W\d_]+", bd.ru)}
        missing, rendered = [], []
        for o in b.kk:
            es = by_kk.get(o.key)
            if not es:
                continue
            if any(e.ru_key in ru_keys or _loosely_in(e.ru_key, ru_words) for e in es):
                rendered.append(o)
            elif o.key in checked:
                missing.append((o, checked[o.key]))
        for o, es in missing:
            inside = [o2 for o2 in rendered + [m for m, _ in missing]
                      if o2 is not o and o2.size > o.size and o2.start <= o.start and o2.end >= o.end]
            if inside:
                continue           # a longer term holds it: judge (and report) that one
            expected = [e.ru for e in sorted(es, key=lambda e: -e.freq)]
            issues.append(Issue(b.pair, bd.id, bd.pos, bd.article, "term",
                                f"«{_kk_text(o.text)}» ({es[0].kk}) is not rendered as "
                                + " / ".join(f"«{x}»" for x in expected[:3]),
                                bd.kk, bd.ru, es[0].kk, expected, [o.start, o.end]))
        kk_nums, ru_nums = Counter(_NUMBER.findall(bd.kk)), Counter(_NUMBER.findall(bd.ru))
        if kk_nums != ru_nums:
            only_kk = sorted((kk_nums - ru_nums).elements(), key=_numkey)
            only_ru = sorted((ru_nums - kk_nums).elements(), key=_numkey)
            parts = []
            if only_kk:
                parts.append("only in Kazakh: " + ", ".join(only_kk))
            if only_ru:
                parts.append("only in Russian: " + ", ".join(only_ru))
            issues.append(Issue(b.pair, bd.id, bd.pos, bd.article, "numbers", "; ".join(parts), bd.kk, bd.ru))
        kk_dates, ru_dates = _dates(_kk_text(bd.kk), "kk"), _dates(bd.ru, "ru")
        if kk_dates != ru_dates and (kk_dates or ru_dates):
            issues.append(Issue(b.pair, bd.id, bd.pos, bd.article, "dates",
                                f"Kazakh {_fmt_dates(kk_dates)} ≠ Russian {_fmt_dates(ru_dates)}", bd.kk, bd.ru))
    pairs = sorted({b.pair for b in beads})
    return QaReport(pairs, len(beads), len(checked), issues)


def _loosely_in(ru_key: str, words: set[str]) -> bool:
    for lemma in ru_key.split():
        stem = lemma[:QA_PREFIX]
        if not any(w.startswith(stem) for w in words):
            return False
    return True


def _numkey(s: str):
    try:
        return (0, float(s.replace(",", ".")))
    except ValueError:
        return (1, s)


def _dates(text: str, lang: str) -> Counter:
    out = Counter()
    for m in _DATE[lang].finditer(text):
        month = MONTHS[lang].get(m.group(2).lower())
        if month is None:
            continue
        out[(int(m.group(1)), month)] += 1
    return out


def _fmt_dates(c: Counter) -> str:
    return ", ".join(f"{d:02d}.{m:02d}" for (d, m) in sorted(c.elements())) or "none"


def format_qa(report: QaReport, width: int = 45) -> str:
    """The report as text a translator can work through, pair by pair."""
    lines = [f"Glossary check: {len(report.pairs)} pair(s), {report.beads} beads, "
             f"{report.terms_checked} terms checked",
             f"  terms not rendered by a known translation: {report.count('term')}; "
             f"numbers differing: {report.count('numbers')}; dates differing: {report.count('dates')}"]
    current = None
    for i in report.issues:
        if i.pair != current:
            current = i.pair
            lines += ["", f"== {current}"]
        where = f"bead {i.pos + 1}" + (f", article {i.article}" if i.article else "")
        lines.append(f"  {where} [{i.kind}] {i.message}")
        lines.append(f"      kk: {kwic(i.kk, i.kk_span, width) if i.kk_span else _clip(i.kk, 2 * width + 20)}")
        lines.append(f"      ru: {_clip(i.ru, 2 * width + 20)}")
    return "\n".join(lines) + "\n"


def write_qa(report: QaReport, path: str | Path) -> Path:
    """Write the report: tab-separated if the file name ends in .tsv, text otherwise."""
    from tmx_out.base import atomic_write, tsv_cell
    path = Path(path)
    if path.suffix.lower() == ".tsv":
        cols = ["pair", "bead", "position", "article", "kind", "term", "expected", "message", "kk", "ru"]
        with atomic_write(path, "w", encoding="utf-8") as fh:
            fh.write("\t".join(cols) + "\n")
            for i in report.issues:
                vals = [i.pair, i.bead, i.pos + 1, i.article or "", i.kind, i.term, " | ".join(i.expected),
                        i.message, i.kk, i.ru]
                fh.write("\t".join(tsv_cell(v) for v in vals) + "\n")
    else:
        with atomic_write(path, "w", encoding="utf-8") as fh:
            fh.write(format_qa(report))
    return path
