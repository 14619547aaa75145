"""Align a Kazakh document with its Russian counterpart.

1. Sections are anchored by structure: article N with статья N, the act and the
   agreement's preamble by position, the closing signatures. An article present on one
   side only is reported, and its segments are left unaligned and flagged rather than
   forced onto a neighbouring article.
2. Inside a section, `dp.best_path` finds the beads; `scoring.BeadScorer` scores them.
3. A lexicon learned from the confident beads of the whole workspace feeds a second pass.
4. Each bead's confidence starts from its posterior probability (forward-backward) and
   is calibrated with its clues (align/calibration.py); beads below `FLAG_BELOW`, and
   text left without a partner, are flagged for review.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from . import dp
from .. import model as M
from .calibration import confidence
from ..errors import MismatchError
from .features import Clues, clues
from .scoring import DEFAULT, BeadScorer, Lexicon, Params, learn_lexicon
from ..workspace import now

FLAG_BELOW = 0.5            # beads under this confidence are flagged for review
LEXICON_FROM = 0.9          # beads this confident (or approved) teach the lexicon
LEXICON_SAMPLE = 20000      # at most this many beads teach it
BAND_ABOVE = 60             # sections longer than this are aligned inside a diagonal band
SHAPES = dp.SHAPES


@dataclass
class SectionPair:
    name: str
    article: int | None
    kk: list[int]            # segment indexes
    ru: list[int]
    one_sided: bool = False  # an article found on one side only: its segments stay unaligned


@dataclass
class Alignment:
    beads: list[dict]
    report: dict = field(default_factory=dict)


# ------------------------------------------------------------------ sections

def _sections(doc: M.Document) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for k, seg in enumerate(doc.segments):
        out.setdefault(doc.blocks[seg.block].section, []).append(k)
    return out


def pair_sections(kk: M.Document, ru: M.Document) -> tuple[list[SectionPair], list[str]]:
    """Sections in document order, matched by name; the problems found on the way.

    When the article numbers of the two sides mostly disagree (headings in a style one
    side's rules do not know, or a copy without them), structure cannot anchor anything:
    the whole document becomes one section and the problem is reported."""
    kk_sec, ru_sec = _sections(kk), _sections(ru)
    kk_art, ru_art = set(kk.articles), set(ru.articles)
    if (kk_art or ru_art) and len(kk_art & ru_art) < 0.5 * max(len(kk_art), len(ru_art)):
        return ([SectionPair("document", None, list(range(len(kk.segments))), list(range(len(ru.segments))))],
                [f"the article headings do not match ({len(kk_art)} articles found in the Kazakh text, "
                 f"{len(ru_art)} in the Russian, {len(kk_art & ru_art)} with the same number); "
                 f"the texts were aligned without their structure"])
    problems = []
    only_kk = [s for s in kk_sec if s not in ru_sec and s.startswith("article:")]
    only_ru = [s for s in ru_sec if s not in kk_sec and s.startswith("article:")]
    for s in only_kk:
        problems.append(f"article {s.split(':')[1]} is in the Kazakh text but not in the Russian")
    for s in only_ru:
        problems.append(f"article {s.split(':')[1]} is in the Russian text but not in the Kazakh")
    one_sided = set(only_kk) | set(only_ru)
    kk_merged = _fold_unmatched(kk_sec, set(ru_sec) | one_sided)
    ru_merged = _fold_unmatched(ru_sec, set(kk_sec) | one_sided)
    pairs = []
    names = list(kk_merged) + [n for n in ru_merged if n not in kk_merged]
    names.sort(key=_order)
    for name in names:
        article = int(name.split(":")[1]) if name.startswith("article:") else None
        pairs.append(SectionPair(name, article, kk_merged.get(name, []), ru_merged.get(name, []),
                                 name in one_sided))
    return pairs, problems


def _order(name: str) -> tuple:
    """Sort key keeping sections in document order on both sides."""
    rank = {"act": 0, "preamble": 1, "closing": 3}
    if name.startswith("article:"):
        return (2, int(name.split(":")[1]))
    return (rank.get(name, 2), 0)


def _fold_unmatched(sections: dict[str, list[int]], other: set[str]) -> dict[str, list[int]]:
    """Fold each section missing on the other side into its predecessor (or successor)."""
    names = list(sections)
    out: dict[str, list[int]] = {}
    pending: list[int] = []
    for name in names:
        if name in other:
            out[name] = pending + sections[name]
            pending = []
        elif out:
            out[next(reversed(out))].extend(sections[name])
        else:
            pending.extend(sections[name])
    if pending:
        if out:
            out[next(reversed(out))].extend(pending)
    return out


# ------------------------------------------------------------------ aligning

def length_ratio(kk: M.Document, ru: M.Document) -> float:
    a = sum(len(s.text) for s in kk.segments)
    b = sum(len(s.text) for s in ru.segments)
    return (b / a) if a and b else 1.0


def align_items(src: list[Clues], tgt: list[Clues], ratio: float, params: Params = DEFAULT,
                lexicon: Lexicon | None = None) -> list[tuple[list[int], list[int], float, dict]]:
    """Align two lists of segment clues: (source indexes, target indexes, posterior, parts)."""
    if not src and not tgt:
        return []
    scorer = BeadScorer(src, tgt, ratio, params, lexicon)
    band = None if max(len(src), len(tgt)) <= BAND_ABOVE else max(30, max(len(src), len(tgt)) // 10)
    path = dp.best_path(len(src), len(tgt), scorer, SHAPES, band)
    post = dp.posteriors(len(src), len(tgt), scorer, path, SHAPES, band, params.temperature)
    return [(list(range(i, i + a)), list(range(j, j + b)), p, scorer.parts(i, j, a, b))
            for (i, j, a, b, _), p in zip(path, post)]


def align_documents(kk: M.Document, ru: M.Document, params: Params = DEFAULT,
                    lexicon: Lexicon | None = None, keep: list[dict] = ()) -> Alignment:
    """Align two documents. Beads in `keep` (a reviewer's approved or edited pairs) stay
    as they are and anchor the alignment: only the text between them is re-aligned."""
    sections, problems = pair_sections(kk, ru)
    ratio = length_ratio(kk, ru)
    kk_clues = [clues(s.text, "kk") for s in kk.segments]
    ru_clues = [clues(s.text, "ru") for s in ru.segments]
    beads = []
    for sec in sections:
        if sec.one_sided:
            beads.extend(_unaligned(sec, kk, ru))
            continue
        beads.extend(align_section(sec, kk, ru, kk_clues, ru_clues, ratio, params, lexicon, keep))
    report = summarize(kk, ru, beads, problems)
    report["relatedness"] = round(relatedness(kk_clues, ru_clues, beads), 4)
    return Alignment(beads, report)


def align_section(sec: SectionPair, kk: M.Document, ru: M.Document, kk_clues: list[Clues],
                  ru_clues: list[Clues], ratio: float, params: Params = DEFAULT,
                  lexicon: Lexicon | None = None, keep: list[dict] = ()) -> list[dict]:
    """Beads of one section, with the kept beads inside it as fixed anchors."""
    anchors = _anchors(sec, keep)
    out: list[dict] = []
    k_at = r_at = 0                       # positions in sec.kk / sec.ru still to align
    k_pos = {k: n for n, k in enumerate(sec.kk)}
    r_pos = {r: n for n, r in enumerate(sec.ru)}
    for anchor in anchors + [None]:
        if anchor is None:
            k_end, r_end = len(sec.kk), len(sec.ru)
        else:
            k_end = min((k_pos[k] for k in anchor["kk_segs"]), default=k_at)
            r_end = min((r_pos[r] for r in anchor["ru_segs"]), default=r_at)
        gap_kk, gap_ru = sec.kk[k_at:k_end], sec.ru[r_at:r_end]
        for src, tgt, post, parts in align_items([kk_clues[k] for k in gap_kk],
                                                 [ru_clues[r] for r in gap_ru], ratio, params, lexicon):
            kk_ids = [gap_kk[k] for k in src]
            ru_ids = [gap_ru[r] for r in tgt]
            conf = confidence(post, parts)
            parts["posterior"] = round(post, 4)
            out.append({
                "section": sec.name,
                "article": sec.article if sec.article is not None else _article_of(kk, kk_ids) or _article_of(ru, ru_ids),
                "kk_segs": kk_ids, "ru_segs": ru_ids,
                "kk": " ".join(kk.segments[k].text for k in kk_ids),
                "ru": " ".join(ru.segments[r].text for r in ru_ids),
                "confidence": conf, "scores": parts, "status": status_of(conf, parts),
            })
        if anchor is not None:
            out.append({**anchor, "section": sec.name, "article": sec.article})
            k_at = max((k_pos[k] + 1 for k in anchor["kk_segs"]), default=k_end)
            r_at = max((r_pos[r] + 1 for r in anchor["ru_segs"]), default=r_end)
    return out


def _article_of(doc: M.Document, ids: list[int]) -> int | None:
    """The article the first of these segments belongs to, if any."""
    return doc.blocks[doc.segments[ids[0]].block].article if ids else None


def _anchors(sec: SectionPair, keep: list[dict]) -> list[dict]:
    """The kept beads lying wholly inside the section, in order, without crossings."""
    kk_in, ru_in = set(sec.kk), set(sec.ru)
    k_pos = {k: n for n, k in enumerate(sec.kk)}
    r_pos = {r: n for n, r in enumerate(sec.ru)}
    inside = [b for b in keep if (b["kk_segs"] or b["ru_segs"])
              and set(b["kk_segs"]) <= kk_in and set(b["ru_segs"]) <= ru_in]
    inside.sort(key=lambda b: (min((k_pos[k] for k in b["kk_segs"]), default=-1),
                               min((r_pos[r] for r in b["ru_segs"]), default=-1)))
    out, last_k, last_r = [], -1, -1
    for b in inside:
        ks = [k_pos[k] for k in b["kk_segs"]]
        rs = [r_pos[r] for r in b["ru_segs"]]
        if all(k > last_k for k in ks) and all(r > last_r for r in rs):
            out.append(b)
            last_k = max(ks, default=last_k)
            last_r = max(rs, default=last_r)
    return out


def reviewed_beads(ws, pair_id: int) -> list[dict]:
    """A pair's approved and edited beads, which re-alignment keeps."""
    return [{"kk_segs": b.kk_segs, "ru_segs": b.ru_segs, "kk": b.kk, "ru": b.ru,
             "confidence": b.confidence, "scores": b.scores, "status": b.status}
            for b in ws.beads(pair_id) if b.status in ("approved", "edited")]


def status_of(conf: float, parts: dict) -> str:
    """Doubtful beads, and text left without a partner, go to the reviewer first."""
    if conf < FLAG_BELOW or parts.get("shape") in ("1:0", "0:1"):
        return "flagged"
    return "auto"


def _unaligned(sec: SectionPair, kk: M.Document, ru: M.Document) -> list[dict]:
    """An article found on one side only: each of its segments is a bead of its own,
    without a partner and with no confidence, for the reviewer to see."""
    out = []
    for side, doc, ids in (("kk", kk, sec.kk), ("ru", ru, sec.ru)):
        for k in ids:
            out.append({"section": sec.name, "article": sec.article,
                        "kk_segs": [k] if side == "kk" else [], "ru_segs": [k] if side == "ru" else [],
                        "kk": doc.segments[k].text if side == "kk" else "",
                        "ru": doc.segments[k].text if side == "ru" else "",
                        "confidence": 0.0, "scores": {"shape": "1:0" if side == "kk" else "0:1",
                                                      "reason": "article missing on the other side"},
                        "status": "flagged"})
    return out


def summarize(kk: M.Document, ru: M.Document, beads: list[dict], problems: list[str]) -> dict:
    shapes: dict[str, int] = {}
    for b in beads:
        shape = f"{len(b['kk_segs'])}:{len(b['ru_segs'])}"
        shapes[shape] = shapes.get(shape, 0) + 1
    confs = [b["confidence"] for b in beads]
    return {
        "kk_segments": len(kk.segments), "ru_segments": len(ru.segments),
        "kk_articles": len(kk.articles), "ru_articles": len(ru.articles),
        "beads": len(beads), "shapes": shapes,
        "mean_confidence": round(sum(confs) / len(confs), 4) if confs else 0.0,
        "flagged": sum(1 for b in beads if b["status"] == "flagged"),
        "article_problems": problems,
    }


# ------------------------------------------------------------------ unrelated documents

RELATED_MIN = 0.6


def relatedness(kk_clues: list[Clues], ru_clues: list[Clues], beads: list[dict]) -> float:
    """How much the two documents look like translations of each other, in [0, 1].

    Numbers and dates survive translation: a pair of acts shares nearly all of them
    (measured on the seeds: 0.93-1.00 for true pairs, at most 0.39 for unrelated ones).
    It is the overlap of the two documents' number sets, times the share of aligned
    beads whose numbers do not contradict each other."""
    nk = set().union(*(c.numbers for c in kk_clues))
    nr = set().union(*(c.numbers for c in ru_clues))
    overlap = len(nk & nr) / len(nk | nr) if len(nk | nr) >= 4 else 1.0
    content = [b["scores"] for b in beads if b["kk_segs"] and b["ru_segs"]]
    if not content:
        return 0.0
    contradict = sum(1 for s in content if s.get("numbers_differ") and not s.get("numbers_agree"))
    return overlap * (1 - contradict / len(content))


def check_related(name: str, alignment: Alignment) -> None:
    r = alignment.report
    if r["relatedness"] < RELATED_MIN:
        raise MismatchError(
            f"{name}: the Kazakh and Russian texts do not look like the same act (their numbers "
            f"and dates agree only {r['relatedness']:.0%}; {r['kk_articles']} articles against "
            f"{r['ru_articles']}); check that the files belong together, or use --force")


# ------------------------------------------------------------------ workspace

def confident_texts(beads: list[dict]) -> list[tuple[str, str]]:
    """The (kk, ru) texts of beads confident enough to teach the lexicon."""
    return [(b["kk"], b["ru"]) for b in beads if b["kk_segs"] and b["ru_segs"]
            and b.get("status") != "rejected"
            and (b["confidence"] >= LEXICON_FROM or b.get("status") in ("approved", "edited"))]


def workspace_lexicon(ws, extra: list[tuple[str, str]] = (), exclude: set[int] = frozenset()) -> Lexicon:
    """Learn the lexicon from the confident or approved beads of the workspace (less the
    pairs in `exclude`, which are being re-aligned) and the (kk, ru) texts in `extra`.
    A large workspace is sampled evenly: the lexicon of legal language saturates long
    before a corpus ends, and the pair counts would not fit in memory."""
    where = ("kk != '' AND ru != '' AND status != 'rejected' AND "
             "(confidence >= ? OR status IN ('approved', 'edited'))")
    args: list = [LEXICON_FROM]
    if exclude:
        where += f" AND pair_id NOT IN ({','.join('?' * len(exclude))})"
        args += sorted(exclude)
    budget = max(0, LEXICON_SAMPLE - len(extra))
    total = ws.db.execute(f"SELECT COUNT(*) FROM beads WHERE {where}", args).fetchone()[0]
    stride = max(1, -(-total // budget)) if budget else 0
    stored = ws.db.execute(f"SELECT kk, ru FROM beads WHERE {where} AND id % ? = 0", args + [stride]) \
        if stride else []
    texts = list(extra[:LEXICON_SAMPLE]) + [(r[0], r[1]) for r in stored]
    return learn_lexicon((clues(kk, "kk").stems, clues(ru, "ru").stems) for kk, ru in texts)


def align_pair(ws, name: str, params: Params = DEFAULT, lexicon: Lexicon | None = None,
               force: bool = False) -> dict:
    """Align one stored pair in two passes and store its beads; returns the report."""
    info = ws.pair(name)
    kk, ru = ws.document(info.id, "kk"), ws.document(info.id, "ru")
    keep = reviewed_beads(ws, info.id)
    first = align_documents(kk, ru, params, lexicon, keep)
    if not force:
        check_related(name, first)
    if lexicon is None:
        lexicon = workspace_lexicon(ws, confident_texts(first.beads), exclude={info.id})
    result = align_documents(kk, ru, params, lexicon, keep) if len(lexicon) else first
    result.report["lexicon_entries"] = len(lexicon)
    ws.store_alignment(info.id, result.beads, result.report)
    return result.report


def align_all(ws, names: list[str] | None = None, params: Params = DEFAULT, force: bool = False,
              progress=None) -> dict[str, dict | Exception]:
    """Align many pairs: a first pass over all of them teaches the lexicon that the
    second pass uses. Returns each pair's report, or the error that stopped it.
    Documents are read again for the second pass rather than held, so memory does not
    grow with the number of pairs."""
    names = names or [p.name for p in ws.pairs()]
    ids = {name: ws.pair(name).id for name in names}
    results: dict[str, dict | Exception] = {}
    teach: list[tuple[str, str]] = []
    for name in names:
        first = _align_stored(ws, ids[name], params, None)
        try:
            if not force:
                check_related(name, first)
            if len(teach) < LEXICON_SAMPLE:
                teach.extend(confident_texts(first.beads))
        except MismatchError as exc:
            results[name] = exc
        if progress:
            progress(1)
    lexicon = workspace_lexicon(ws, teach, exclude=set(ids.values()))
    for name in names:
        if name not in results:
            result = _align_stored(ws, ids[name], params, lexicon)
            result.report["lexicon_entries"] = len(lexicon)
            ws.store_alignment(ids[name], result.beads, result.report)
            results[name] = result.report
        if progress:
            progress(1)
    return results


def _align_stored(ws, pair_id: int, params: Params, lexicon: Lexicon | None) -> Alignment:
    return align_documents(ws.document(pair_id, "kk"), ws.document(pair_id, "ru"), params, lexicon,
                           reviewed_beads(ws, pair_id))


def realign_section(ws, pair_id: int, section: str, params: Params = DEFAULT) -> int:
    """Re-align one section of a stored pair, replacing only that section's beads (its
    approved and edited beads stay as anchors). Returns the section's bead count."""
    name = next(p.name for p in ws.pairs() if p.id == pair_id)
    kk, ru = ws.document(pair_id, "kk"), ws.document(pair_id, "ru")
    sections, _ = pair_sections(kk, ru)
    sec = next((s for s in sections if s.name == section), None)
    if sec is None:
        raise MismatchError(f"{name}: no section '{section}' to re-align")
    if sec.one_sided:
        new = _unaligned(sec, kk, ru)
    else:
        new = align_section(sec, kk, ru, [clues(s.text, "kk") for s in kk.segments],
                            [clues(s.text, "ru") for s in ru.segments], length_ratio(kk, ru), params,
                            workspace_lexicon(ws, exclude={pair_id}), reviewed_beads(ws, pair_id))
    stamp = now()
    with ws.transaction() as db:
        rows = [dict(r) for r in db.execute(
            "SELECT id, pos, section, kk, ru, status, confidence FROM beads WHERE pair_id = ? ORDER BY pos",
            (pair_id,))]
        old = [r for r in rows if r["section"] == section]
        at = rows.index(old[0]) if old else len(rows)
        db.execute("DELETE FROM beads WHERE pair_id = ? AND section = ?", (pair_id, section))
        new_ids = []
        for b in new:
            new_ids.append(db.execute(
                "INSERT INTO beads(pair_id, pos, section, article, kk_segs, ru_segs, kk, ru, confidence,"
                " scores, status, version, created_at, changed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
                (pair_id, -1, section, b["article"], json.dumps(b["kk_segs"]), json.dumps(b["ru_segs"]),
                 b["kk"], b["ru"], b["confidence"], json.dumps(b["scores"]), b["status"], stamp, stamp)
            ).lastrowid)
        rest = [r["id"] for r in rows if r["section"] != section]
        order = rest[:at] + new_ids + rest[at:]
        db.executemany("UPDATE beads SET pos = ? WHERE id = ?", [(k, i) for k, i in enumerate(order)])
        ws.log(db, "realign-section", pair_id, before={"section": section, "beads": old},
               after={"section": section, "beads": len(new)})
    return len(new)


# ------------------------------------------------------------------ pre-segmented text

def align_sentence_lists(src: list[str], tgt: list[str], src_lang: str = "", tgt_lang: str = "",
                         params: Params = DEFAULT) -> list[tuple[list[int], list[int], float]]:
    """Align two lists of sentences of any language pair (hunalign-style input): a first
    pass on length, numbers and cognates teaches a lexicon to the second pass."""
    src_clues = [clues(s, src_lang) for s in src]
    tgt_clues = [clues(t, tgt_lang) for t in tgt]
    a = sum(c.length for c in src_clues)
    b = sum(c.length for c in tgt_clues)
    ratio = b / a if a and b else 1.0
    first = align_items(src_clues, tgt_clues, ratio, params)
    lexicon = learn_lexicon([(src_clues[i[0]].stems, tgt_clues[j[0]].stems)
                             for i, j, p, _ in first if len(i) == 1 and len(j) == 1 and p >= 0.5])
    second = align_items(src_clues, tgt_clues, ratio, params, lexicon) if len(lexicon) else first
    return [(i, j, confidence(p, parts)) for i, j, p, parts in second]
