"""Jobs that join the aligner to the workspace: align a pair, align many pairs with a
lexicon learned from all of them, re-align one section of a pair."""
from __future__ import annotations

from .core.relatedness import check_related
from .core.aligner import (Alignment, align_documents, align_segments, confident_texts,
                           lexicon_from_texts, prepare)
from .core.scoring import DEFAULT, Lexicon, Params
from .errors import MismatchError
from .model import KEPT

LEXICON_SAMPLE = 20000      # at most this many beads teach the lexicon
LEXICON_FROM = 0.9


def reviewed_beads(ws, pair_id: int) -> list[dict]:
    """A pair's approved and edited beads, which re-alignment keeps."""
    return [{"kk_segs": b.kk_segs, "ru_segs": b.ru_segs, "kk": b.kk, "ru": b.ru,
             "confidence": b.confidence, "scores": b.scores, "status": b.status,
             "created_at": b.created_at, "changed_at": b.changed_at}
            for b in ws.beads(pair_id) if b.status in KEPT]


def workspace_lexicon(ws, extra: list[tuple[str, str]] = (), exclude: set[int] = frozenset()) -> Lexicon:
    """Learn the lexicon from the confident or approved beads of the workspace (less the
    pairs in `exclude`, which are being re-aligned) and the (kk, ru) texts in `extra`.
    A large workspace is sampled evenly: the lexicon of legal language saturates long
    before a corpus ends, and the pair counts would not fit in memory. What is learned is
    merged over the built-in legal lexicon."""
    budget = max(0, LEXICON_SAMPLE - len(extra))
    texts = list(extra[:LEXICON_SAMPLE]) + ws.confident_texts(LEXICON_FROM, set(exclude), budget)
    return lexicon_from_texts(texts)


def align_pair(ws, name: str, params: Params = DEFAULT, lexicon: Lexicon | None = None,
               force: bool = False) -> dict:
    """Align one stored pair in two passes and store its beads; returns the report."""
    info = ws.pair(name)
    kk, ru = prepare(ws.document(info.id, "kk")), prepare(ws.document(info.id, "ru"))
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
    """Re-align the beads of one section of a stored pair, replacing only them (its
    approved and edited beads stay as they are, as fixed points). Returns the section's
    new bead count."""
    name = next(p.name for p in ws.pairs() if p.id == pair_id)
    beads = ws.beads(pair_id)
    old = [b for b in beads if b.section == section]
    if not old:
        raise MismatchError(f"{name}: no section '{section}' to re-align")
    kk, ru = ws.document(pair_id, "kk"), ws.document(pair_id, "ru")
    ks = sorted({k for b in old for k in b.kk_segs})
    rs = sorted({r for b in old for r in b.ru_segs})
    keep = [k for k in reviewed_beads(ws, pair_id)
            if set(k["kk_segs"]) <= set(ks) and set(k["ru_segs"]) <= set(rs)]
    new = align_segments(kk, ru, ks, rs, params, workspace_lexicon(ws, exclude={pair_id}), keep)
    ws.replace_section(pair_id, section, new)
    return len(new)
