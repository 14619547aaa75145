"""Whether two documents given as a pair are translations of each other at all."""
from __future__ import annotations

from ..errors import MismatchError
from .features import Clues

RELATED_MIN = 0.6


def relatedness(kk_clues: list[Clues], ru_clues: list[Clues], beads: list[dict]) -> float:
    """How much the two documents look like translations of each other, in [0, 1].

    Numbers and dates survive translation: a pair of acts shares nearly all of them
    (measured on the seeds: 0.93-1.00 for true pairs, at most 0.39 for unrelated ones).
    It is the overlap of the two documents' distinctive numbers (years, dates, document
    numbers: not the numbers of points and articles, so that a version without headings is
    not refused), times the share of aligned beads whose numbers do not contradict each other."""
    nk = {n for c in kk_clues for n in c.numbers if _distinctive(n)}
    nr = {n for c in ru_clues for n in c.numbers if _distinctive(n)}
    overlap = len(nk & nr) / len(nk | nr) if len(nk | nr) >= 4 else 1.0
    content = [b["scores"] for b in beads if b["kk_segs"] and b["ru_segs"]]
    if not content:
        return 0.0
    contradict = sum(1 for s in content if s.get("numbers_differ") and not s.get("numbers_agree"))
    return overlap * (1 - contradict / len(content))


def _distinctive(number: str) -> bool:
    """Years, dates, document numbers and months identify an act; the numbers of its
    points and articles (1-99) depend on how each version is laid out."""
    return len(number) >= 3 or number.startswith("m")


def check_related(name: str, alignment) -> None:
    """Refuse a pair whose texts do not look like the same act (an `Alignment`'s report)."""
    r = alignment.report
    if r["relatedness"] < RELATED_MIN:
        raise MismatchError(
            f"{name}: the Kazakh and Russian texts do not look like the same act (their numbers "
            f"and dates agree only {r['relatedness']:.0%}; {r['kk_articles']} articles against "
            f"{r['ru_articles']}); check that the files belong together, or use --force")
