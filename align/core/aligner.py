"""Align a Kazakh document with its Russian counterpart.

Structure is strong evidence, never a hard partition. The whole act is one alignment
problem: headings of the same unit ("5-бап" and "Статья 5") attract each other and guide
the search, but a heading that is missing, extra, renumbered or misread on one side costs
only its own pair, not its article. Inside, `dp.align_encoded` finds the beads 1:1, 1:2,
2:1, 2:2, 1:3, 3:1, 1:0, 0:1; `scoring` and `kernel` score them.

- A table of contents is aligned with the other side's, or left one-sided; it never
  anchors anything (its lines repeat the headings).
- A unit found in both texts but in a different place (a swap, a move) is aligned with
  itself after the main pass.
- A reviewer's approved and edited beads (`keep`) are fixed points: only the text between
  them is re-aligned. Rejected beads in `keep` stay too, exactly as they are, but held out
  of the alignment rather than anchoring it: a pairing the reviewer refused says nothing
  about where the two texts correspond.
- Each bead's confidence starts from its posterior probability (forward–backward) and is
  calibrated with its clues (`calibration`); beads below `FLAG_BELOW`, and text left
  without a partner that the structure does not explain, are flagged for review.
- `report.structure_report` says what differs between the two versions.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from ..lang import tables as R
from .. import model as M
from ..model import KEPT, Status
from . import lexicon_data
from .calibration import confidence
from .dp import align_encoded
from .features import (ROLE_BODY, ROLE_EDITORIAL, ROLE_HEADING, ROLE_TABLE, ROLE_TOC, Clues, Structure,
                       clues, encode, stems)
from .relatedness import relatedness
from .report import structure_report
from .scoring import DEFAULT, Lexicon, Params, learn_lexicon

FLAG_BELOW = M.GREEN_FROM   # beads under the green band are flagged for review
_ROLE_OF_KIND = {M.HEADING: ROLE_HEADING, M.EDITORIAL: ROLE_EDITORIAL, M.TABLE: ROLE_TABLE, M.TOC: ROLE_TOC}
# one-sided text of these roles is expected (one version has a note or a contents the other lacks)
_EXPECTED_ALONE = (ROLE_EDITORIAL, ROLE_TOC)
_LEVELS = {level: n for n, level in enumerate(R.HEADING_LEVELS)}


@dataclass
class Alignment:
    beads: list[dict]
    report: dict = field(default_factory=dict)


@dataclass
class Prepared:
    """A document's segments as the aligner sees them, computed once."""
    doc: M.Document
    clues: list[Clues]
    structure: list[Structure]


def prepare(doc: M.Document) -> Prepared:
    cl, st = [], []
    for seg in doc.segments:
        block = doc.blocks[seg.block]
        role = _ROLE_OF_KIND.get(block.kind, ROLE_BODY)
        if role == ROLE_HEADING and not block.level:
            role = ROLE_BODY
        drop = frozenset(block.number.replace("-", " ").split()) if role == ROLE_HEADING and block.number \
            else frozenset()
        cl.append(clues(seg.text, doc.lang, drop))
        st.append(Structure(role, block.key if role == ROLE_HEADING else None,
                            _LEVELS.get(block.level, -1) if role == ROLE_HEADING else -1,
                            block.section if ":" in block.section else None))
    return Prepared(doc, cl, st)


def length_ratio(kk: Prepared, ru: Prepared) -> float:
    """Characters of Russian per character of Kazakh, over the text both versions share
    (tables of contents and editorial notes left out)."""
    a = sum(c.length for c, s in zip(kk.clues, kk.structure) if s.role not in _EXPECTED_ALONE)
    b = sum(c.length for c, s in zip(ru.clues, ru.structure) if s.role not in _EXPECTED_ALONE)
    return (b / a) if a and b else 1.0


def align_documents(kk: M.Document | Prepared, ru: M.Document | Prepared, params: Params = DEFAULT,
                    lexicon: Lexicon | None = None, keep: list[dict] = ()) -> Alignment:
    """Align two documents. Beads in `keep` (a reviewer's approved and edited pairs) stay
    exactly as they are and anchor the alignment: only the text between them is re-aligned.
    With no `lexicon`, the built-in legal lexicon is used (`lexicon_data`)."""
    if lexicon is None:
        lexicon = lexicon_data.builtin()
    kp = kk if isinstance(kk, Prepared) else prepare(kk)
    rp = ru if isinstance(ru, Prepared) else prepare(ru)
    ratio = length_ratio(kp, rp)
    toc_k = [k for k, s in enumerate(kp.structure) if s.role == ROLE_TOC]
    toc_r = [r for r, s in enumerate(rp.structure) if s.role == ROLE_TOC]
    main_k = [k for k, s in enumerate(kp.structure) if s.role != ROLE_TOC]
    main_r = [r for r, s in enumerate(rp.structure) if s.role != ROLE_TOC]
    raw = _align_between_anchors(kp, rp, main_k, main_r, ratio, params, lexicon, keep)
    raw = _realign_moved(kp, rp, raw, ratio, params, lexicon)
    if toc_k and toc_r:
        raw = _merge(raw, _run(kp, rp, toc_k, toc_r, ratio, params, lexicon))
    else:
        raw = _merge(raw, [(([k], []), None) for k in toc_k] + [(([], [r]), None) for r in toc_r])
    beads = [_bead(kp, rp, ids, result) for ids, result in raw]
    report = summarize(kp.doc, rp.doc, beads)
    report["structure"] = structure_report(kp.doc, rp.doc, beads)
    report["article_problems"] = [p["message"] for p in report["structure"] if p.get("mismatch")]
    report["relatedness"] = round(relatedness(kp.clues, rp.clues, beads), 4)
    return Alignment(beads, report)


def align_segments(kk: M.Document, ru: M.Document, ks: list[int], rs: list[int], params: Params = DEFAULT,
                   lexicon: Lexicon | None = None, keep: list[dict] = ()) -> list[dict]:
    """Beads for the segments ks of kk and rs of ru only (one article being re-aligned),
    with the kept beads among them as fixed points."""
    kp, rp = prepare(kk), prepare(ru)
    lexicon = lexicon_data.builtin() if lexicon is None else lexicon
    raw = _align_between_anchors(kp, rp, ks, rs, length_ratio(kp, rp), params, lexicon, keep)
    return [_bead(kp, rp, ids, result) for ids, result in raw]


# ------------------------------------------------------------------ runs of segments

def _align_between_anchors(kp, rp, ks, rs, ratio, params, lexicon, keep) -> list:
    """The main alignment, with the kept beads as fixed points. A kept bead with both sides
    cuts the text in two there; a kept one-sided bead (a note the reviewer approved as having
    no counterpart, half of a split) says nothing about where the other side stands, so its
    sentences are left out of the alignment and the bead is put back in document order."""
    anchors, alone = _anchors(ks, rs, keep)
    held_k = {k for b in alone for k in b["kk_segs"]}
    held_r = {r for b in alone for r in b["ru_segs"]}
    ks = [k for k in ks if k not in held_k]
    rs = [r for r in rs if r not in held_r]
    out: list = []
    k_pos = {k: n for n, k in enumerate(ks)}
    r_pos = {r: n for n, r in enumerate(rs)}
    k_at = r_at = 0
    for anchor in anchors + [None]:
        if anchor is None:
            k_end, r_end = len(ks), len(rs)
        else:
            k_end = min(k_pos[k] for k in anchor["kk_segs"])
            r_end = min(r_pos[r] for r in anchor["ru_segs"])
        out.extend(_run(kp, rp, ks[k_at:k_end], rs[r_at:r_end], ratio, params, lexicon))
        if anchor is not None:
            out.append(((list(anchor["kk_segs"]), list(anchor["ru_segs"])), anchor))
            k_at = max(k_pos[k] for k in anchor["kk_segs"]) + 1
            r_at = max(r_pos[r] for r in anchor["ru_segs"]) + 1
    return _merge(out, [((list(b["kk_segs"]), list(b["ru_segs"])), b) for b in alone])


def _run(kp: Prepared, rp: Prepared, ks: list[int], rs: list[int], ratio, params, lexicon) -> list:
    """Align the segments ks with rs: [((kk ids, ru ids), PathBead), ...]."""
    if not ks and not rs:
        return []
    enc = encode([kp.clues[k] for k in ks], [rp.clues[r] for r in rs],
                 [kp.structure[k] for k in ks], [rp.structure[r] for r in rs])
    path = align_encoded(enc, ratio, params, lexicon, _heading_anchors(kp, rp, ks, rs))
    return [(([ks[x] for x in range(p.i, p.i + p.a)], [rs[y] for y in range(p.j, p.j + p.b)]), p)
            for p in path]


def _heading_anchors(kp, rp, ks, rs) -> list[tuple[int, int]]:
    """Lattice points the band is guided through: headings of units found exactly once on
    each side, kept in the longest order both sides agree on."""
    def unique(prep, ids):
        seen: dict[str, list[int]] = {}
        for n, x in enumerate(ids):
            key = prep.structure[x].key
            if key:
                seen.setdefault(key, []).append(n)
        return {k: v[0] for k, v in seen.items() if len(v) == 1}
    a, b = unique(kp, ks), unique(rp, rs)
    pairs = sorted((a[k], b[k]) for k in a.keys() & b.keys())
    return _increasing(pairs)


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs increasing in both coordinates (pairs sorted by the first)."""
    import bisect
    tails: list[int] = []
    tail_at: list[int] = []
    prev = [-1] * len(pairs)
    for n, (_, y) in enumerate(pairs):
        k = bisect.bisect_left(tails, y)
        if k == len(tails):
            tails.append(y)
            tail_at.append(n)
        else:
            tails[k] = y
            tail_at[k] = n
        prev[n] = tail_at[k - 1] if k else -1
    out, n = [], tail_at[-1] if tail_at else -1
    while n >= 0:
        out.append(pairs[n])
        n = prev[n]
    return out[::-1]


def _anchors(ks: list[int], rs: list[int], keep: list[dict]) -> tuple[list[dict], list[dict]]:
    """The kept beads that lie in the aligned segments: those with both sides, in order and
    without crossings, and the ones held out: one-sided or rejected."""
    k_pos = {k: n for n, k in enumerate(ks)}
    r_pos = {r: n for n, r in enumerate(rs)}
    inside = [b for b in keep if (b["kk_segs"] or b["ru_segs"])
              and all(k in k_pos for k in b["kk_segs"]) and all(r in r_pos for r in b["ru_segs"])]
    alone = [b for b in inside if not (b["kk_segs"] and b["ru_segs"]) or b.get("status") == Status.REJECTED]
    both = sorted((b for b in inside if b["kk_segs"] and b["ru_segs"] and b.get("status") != Status.REJECTED),
                  key=lambda b: (min(k_pos[k] for k in b["kk_segs"]), min(r_pos[r] for r in b["ru_segs"])))
    out, last_k, last_r = [], -1, -1
    for b in both:
        kx = [k_pos[k] for k in b["kk_segs"]]
        rx = [r_pos[r] for r in b["ru_segs"]]
        if min(kx) > last_k and min(rx) > last_r:
            out.append(b)
            last_k, last_r = max(kx), max(rx)
    return out, alone


def _realign_moved(kp, rp, raw, ratio, params, lexicon) -> list:
    """A unit whose heading is alone on both sides was moved (or two were swapped): align
    its one-sided text on the two sides with each other."""
    alone_k = {kp.structure[ids[0][0]].key: n for n, (ids, _) in enumerate(raw)
               if ids[0] and not ids[1] and kp.structure[ids[0][0]].key}
    alone_r = {rp.structure[ids[1][0]].key: n for n, (ids, _) in enumerate(raw)
               if ids[1] and not ids[0] and rp.structure[ids[1][0]].key}
    moved = alone_k.keys() & alone_r.keys()
    if not moved:
        return raw
    one_k = {ids[0][0]: n for n, (ids, res) in enumerate(raw) if ids[0] and not ids[1] and _is_free(res)}
    one_r = {ids[1][0]: n for n, (ids, res) in enumerate(raw) if ids[1] and not ids[0] and _is_free(res)}
    replace: dict[int, list] = {}
    drop: set[int] = set()
    for key in moved:
        ks = _unit_run(kp, raw[alone_k[key]][0][0][0], one_k)
        rs = _unit_run(rp, raw[alone_r[key]][0][1][0], one_r)
        new = _run(kp, rp, ks, rs, ratio, params, lexicon)
        for _, res in new:
            if res is not None:
                res.parts["moved"] = 1
        first = min(one_k[k] for k in ks)
        replace[first] = new
        drop |= {one_k[k] for k in ks} | {one_r[r] for r in rs}
    out = []
    for n, item in enumerate(raw):
        if n in replace:
            out.extend(replace[n])
        if n not in drop:
            out.append(item)
    return out


def _is_free(result) -> bool:
    return result is None or not isinstance(result, dict)


def _unit_run(prep: Prepared, start: int, alone: dict[int, int]) -> list[int]:
    """The heading at `start` and the one-sided segments of its unit that follow it."""
    run = [start]
    k = start + 1
    while k < len(prep.structure) and k in alone and prep.structure[k].role != ROLE_HEADING:
        run.append(k)
        k += 1
    return run


def _merge(main: list, extra: list) -> list:
    """Insert the beads of `extra` into `main` in document order (by whichever side they
    have): each goes before the first bead of `main` that lies after it on that side;
    those landing between the same two beads go Kazakh-sided first, each side in order.
    Linear apart from a binary search per bead (a code has thousands of contents lines)."""
    if not extra:
        return main
    gaps: list[list] = [[] for _ in range(len(main) + 1)]
    for side in (0, 1):
        # the furthest position reached so far on this side, bead by bead: the first bead
        # lying after `at` is the first where this exceeds `at`
        reach = list(accumulate((min(ids[side]) if ids[side] else -1 for ids, _ in main), max))
        for item in extra:
            ids = item[0]
            if (0 if ids[0] else 1) == side:
                at = min(ids[side])
                gaps[bisect_right(reach, at)].append((side, at, item))
    out = []
    for n, gap in enumerate(gaps):
        out.extend(item for _side, _at, item in sorted(gap, key=lambda g: (g[0], g[1])))
        if n < len(main):
            out.append(main[n])
    return out


# ------------------------------------------------------------------ beads

def _bead(kp: Prepared, rp: Prepared, ids, result) -> dict:
    kk_ids, ru_ids = ids
    if isinstance(result, dict):          # a kept bead, exactly as the reviewer left it
        return {**result, "section": _section(kp, rp, kk_ids, ru_ids)[0],
                "article": _section(kp, rp, kk_ids, ru_ids)[1]}
    section, article = _section(kp, rp, kk_ids, ru_ids)
    shape = f"{len(kk_ids)}:{len(ru_ids)}"
    if result is None:                    # a contents line with nothing to pair it with
        parts, post = {"shape": shape, "reason": "table of contents"}, 1.0
    else:
        parts, post = dict(result.parts), result.posterior
    alone_role = None
    if not kk_ids or not ru_ids:
        prep, x = (kp, kk_ids[0]) if kk_ids else (rp, ru_ids[0])
        alone_role = prep.structure[x].role
        if alone_role in _EXPECTED_ALONE:
            parts["expected_alone"] = 1
    conf = confidence(post, parts)
    parts["posterior"] = round(post, 4)
    return {"section": section, "article": article, "kk_segs": kk_ids, "ru_segs": ru_ids,
            "kk": " ".join(kp.doc.segments[k].text for k in kk_ids),
            "ru": " ".join(rp.doc.segments[r].text for r in ru_ids),
            "confidence": conf, "scores": parts, "status": status_of(conf, parts)}


def _section(kp, rp, kk_ids, ru_ids) -> tuple[str, str | None]:
    prep, ids = (kp, kk_ids) if kk_ids else (rp, ru_ids)
    if not ids:
        return M.ACT, None
    block = prep.doc.blocks[prep.doc.segments[ids[0]].block]
    return block.section, block.article


def status_of(conf: float, parts: dict) -> str:
    """Doubtful beads, and text left without a partner, go to the reviewer first."""
    if conf < FLAG_BELOW:
        return Status.FLAGGED.value
    if parts.get("shape") in ("1:0", "0:1") and not parts.get("expected_alone"):
        return Status.FLAGGED.value
    return Status.AUTO.value


def summarize(kk: M.Document, ru: M.Document, beads: list[dict]) -> dict:
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
        "flagged": sum(1 for b in beads if b["status"] == Status.FLAGGED),
    }


# ------------------------------------------------------------------ learning the lexicon

LEXICON_FROM = 0.9          # beads this confident (or approved) teach the lexicon


def confident_texts(beads: list[dict]) -> list[tuple[str, str]]:
    """The (kk, ru) texts of beads confident enough to teach the lexicon."""
    return [(b["kk"], b["ru"]) for b in beads if b["kk_segs"] and b["ru_segs"]
            and b.get("status") != Status.REJECTED
            and (b["confidence"] >= LEXICON_FROM or b.get("status") in KEPT)]


def text_stems(kk: str, ru: str) -> tuple[frozenset, frozenset]:
    """The stems of a bead's two texts, as the lexicon counts them."""
    return stems(kk), stems(ru)


def lexicon_from_texts(texts, base: Lexicon | None = None) -> Lexicon:
    """A lexicon learned from (kk, ru) texts, merged over `base` (by default the built-in one;
    pass Lexicon() for none)."""
    return over_base(learn_lexicon(text_stems(kk, ru) for kk, ru in texts), base)


def over_base(learned: Lexicon, base: Lexicon | None = None) -> Lexicon:
    """A learned lexicon merged over `base` (by default the built-in one)."""
    return lexicon_data.merge(learned, lexicon_data.builtin() if base is None else base)
