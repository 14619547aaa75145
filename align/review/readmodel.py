"""The review app's read model: figures per pair, the beads a filter selects, section
labels, what a bead's sides hold sentence by sentence, the structure report."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ReviewError
from ..store import Bead, BeadQuery, Workspace

SIDES = ("kk", "ru")
SIDE_NAMES = {"kk": "Kazakh", "ru": "Russian"}


@dataclass
class PairStats:
    id: int
    name: str
    articles_kk: int
    articles_ru: int
    beads: int
    mean_confidence: float | None
    flagged: int
    reviewed: int
    approved: int
    rejected: int
    edited: int
    aligned_at: str | None
    updated_at: str


def pair_stats(ws: Workspace) -> list[PairStats]:
    """One row per pair: article counts, beads, mean confidence, flagged and reviewed counts."""
    articles = ws.article_counts()
    counts = ws.bead_counts()
    out = []
    for p in ws.pairs():
        c = counts.get(p.id)
        approved, rejected, edited = ((c["approved"], c["rejected"], c["edited"]) if c else (0, 0, 0))
        out.append(PairStats(
            p.id, p.name, articles.get((p.id, "kk"), 0), articles.get((p.id, "ru"), 0),
            c["n"] if c else 0, round(c["conf"], 3) if c and c["conf"] is not None else None,
            c["flagged"] if c else 0, approved + rejected + edited, approved, rejected, edited,
            p.aligned_at, p.updated_at))
    return out


_SECTION_NAMES = {"act": "Act", "preamble": "Preamble", "closing": "Closing", "toc": "Table of contents"}
_PART_NAMES = {"general": "General part", "special": "Special part"}


def section_label(section: str) -> str:
    """'article:5' -> 'Article 5'; 'chapter:2#2' -> 'Chapter 2 (2)'; 'toc' -> 'Table of contents'."""
    key, _, repeat = section.partition("#")
    if ":" in key:
        level, ident = key.split(":", 1)
        label = _PART_NAMES.get(ident, f"{level.capitalize()} {ident}") if level == "part" \
            else f"{level.capitalize()} {ident}"
    else:
        label = _SECTION_NAMES.get(key, key.replace("_", " ").capitalize())
    return f"{label} ({repeat})" if repeat else label


def structure_findings(ws: Workspace, name: str) -> list[dict]:
    """What the last alignment found different between the two versions' structure (and
    notes about their layout), as stored in the pair's report."""
    report = ws.pair(name).report or {}
    if "structure" in report:
        return report["structure"]
    return [{"kind": "mismatch", "message": p, "mismatch": True} for p in report.get("article_problems", [])]


def sections(ws: Workspace, pair_id: int) -> list[str]:
    """The sections of a pair's beads, in document order."""
    return ws.sections(pair_id)


def page_of_beads(ws: Workspace, pair_id: int, query: BeadQuery, page: int, size: int) -> tuple[list[Bead], int]:
    """Page `page` (from 1) of the beads a query selects, and how many it selects in all."""
    return ws.bead_page(pair_id, query, size, (max(1, page) - 1) * size)


def select_beads(ws: Workspace, pair_id: int, query: BeadQuery | None = None) -> list[Bead]:
    """Every bead a query selects, in its order."""
    return ws.bead_page(pair_id, query or BeadQuery(), -1)[0]


def findings_by_unit(findings: list[dict]) -> dict[str, list[dict]]:
    """The structure findings that concern each unit ('article:17' -> [finding, ...])."""
    out: dict[str, list[dict]] = {}
    for f in findings:
        for unit in f.get("units") or []:
            out.setdefault(unit, []).append(f)
    return out


def suggest_split(ws: Workspace, bead: Bead) -> tuple[int, int]:
    """Where to cut a bead in two: the sentence counts (Kazakh, Russian) of the first part
    whose share of each side's length agree best, both parts keeping text."""
    lengths = {side: [len(t) for t in side_sentences(ws, bead, side)] for side in SIDES}
    total = {side: sum(v) or 1 for side, v in lengths.items()}
    best, cut = None, (min(1, len(bead.kk_segs)), min(1, len(bead.ru_segs)))
    for i in range(len(lengths["kk"]) + 1):
        for j in range(len(lengths["ru"]) + 1):
            first, rest = i + j, len(lengths["kk"]) - i + len(lengths["ru"]) - j
            if not first or not rest:
                continue
            gap = abs(sum(lengths["kk"][:i]) / total["kk"] - sum(lengths["ru"][:j]) / total["ru"])
            gap += 0.5 * ((0 < i < len(lengths["kk"])) != (0 < j < len(lengths["ru"])))
            if best is None or gap < best:
                best, cut = gap, (i, j)
    return cut


def segment_texts(ws: Workspace, pair_id: int, lang: str, idxs: list[int]) -> list[str]:
    """The texts of a document's segments, in the order of `idxs`."""
    rows = ws.segment_texts(pair_id, lang, idxs)
    missing = [i for i in idxs if i not in rows]
    if missing:
        raise ReviewError(f"segments {missing} of the {SIDE_NAMES[lang]} document of pair {pair_id} "
                          f"are not in the workspace; re-align the pair")
    return [rows[i] for i in idxs]


def side_sentences(ws: Workspace, bead: Bead, side: str) -> list[str]:
    """The sentences of one side of a bead as the document has them."""
    return segment_texts(ws, bead.pair_id, side, _segs(bead, side))


def side_was_edited(ws: Workspace, bead: Bead, side: str) -> bool:
    """True if a reviewer rewrote this side: its text is not its segments' text."""
    return _norm(_text(bead, side)) != _norm(" ".join(side_sentences(ws, bead, side)))




def _segs(bead: Bead, side: str) -> list[int]:
    return list(bead.kk_segs if side == "kk" else bead.ru_segs)


def _text(bead: Bead, side: str) -> str:
    return bead.kk if side == "kk" else bead.ru


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
