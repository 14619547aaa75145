"""Review: what a reviewer does to the beads of a pair, as library functions.

Every operation is one transaction in the workspace and one entry in its edit log
(action, when, who, the affected beads before and after). Every operation takes the
version of the bead the reviewer was looking at; if someone else changed the bead since,
`StaleEditError` is raised and nothing is written. Every change bumps the bead's
`version` and `changed_at`; bead positions (`pos`) of a pair stay 0, 1, 2, ... in
document order.

The operations (as in InterText or memoQ's alignment editor):

    approve / reject / set_status     judge a bead
    edit_side                         rewrite the Kazakh or the Russian text of a bead
    merge_next                        join a bead with the next one
    split / split_side                cut a bead in two at a sentence boundary
    move_segment                      shift a sentence to the previous or next bead
    undo_last                         undo the last of these operations on a pair

Besides those, the helpers the review app needs: pair statistics, importing an uploaded
pair, filtering beads, and calling the aligner.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from . import jobs as A
from . import glossary as G
from . import lookup as L
from .errors import InputError, SaikesError, StaleEditError
from .workspace import REVIEW_STATUSES, Bead, Workspace, check_version, now

SIDES = ("kk", "ru")
SIDE_NAMES = {"kk": "Kazakh", "ru": "Russian"}
REVIEW_ACTIONS = ("approve", "reject", "status", "edit", "merge", "split", "move")
REVIEWED = ("approved", "rejected", "edited")

UPLOAD_LIMIT = 10 * 1024 * 1024          # bytes per uploaded file; legal acts are far smaller
UPLOAD_TYPES = ("txt", "md", "html", "htm", "docx")


class ReviewError(SaikesError):
    """A review operation cannot be done as asked (no next bead, across articles, ...)."""


# ---------------------------------------------------------------- reading

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
    articles = {(r["pair_id"], r["lang"]): r["n"] for r in ws.db.execute(
        "SELECT d.pair_id, d.lang, COUNT(DISTINCT b.article) AS n FROM documents d "
        "JOIN blocks b ON b.doc_id = d.id WHERE b.kind = 'heading' AND b.level = 'article' "
        "GROUP BY d.pair_id, d.lang")}
    counts = {r["pair_id"]: r for r in ws.db.execute(
        "SELECT pair_id, COUNT(*) AS n, AVG(confidence) AS conf, "
        "SUM(status = 'flagged') AS flagged, SUM(status = 'approved') AS approved, "
        "SUM(status = 'rejected') AS rejected, SUM(status = 'edited') AS edited "
        "FROM beads GROUP BY pair_id")}
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
    seen: dict[str, None] = {}
    for r in ws.db.execute("SELECT section FROM beads WHERE pair_id = ? ORDER BY pos", (pair_id,)):
        seen.setdefault(r["section"], None)
    return list(seen)


@dataclass
class BeadFilter:
    flagged_only: bool = False
    statuses: tuple[str, ...] = ()           # empty: any status
    min_confidence: float = 0.0
    max_confidence: float = 1.0
    section: str | None = None               # 'article:5', 'preamble', ...; None: all
    text: str = ""                           # searched in both languages, case-insensitive
    lowest_first: bool = False               # order by confidence instead of document order


def select_beads(ws: Workspace, pair_id: int, flt: BeadFilter | None = None) -> list[Bead]:
    flt = flt or BeadFilter()
    needle = flt.text.strip().casefold()
    out = []
    for b in ws.beads(pair_id):
        if flt.flagged_only and b.status != "flagged":
            continue
        if flt.statuses and b.status not in flt.statuses:
            continue
        if not (flt.min_confidence - 1e-9 <= b.confidence <= flt.max_confidence + 1e-9):
            continue
        if flt.section and b.section != flt.section:
            continue
        if needle and needle not in b.kk.casefold() and needle not in b.ru.casefold():
            continue
        out.append(b)
    if flt.lowest_first:
        out.sort(key=lambda b: (b.confidence, b.pos))
    return out


def segment_texts(ws: Workspace, pair_id: int, lang: str, idxs: list[int]) -> list[str]:
    """The texts of a document's segments, in the order of `idxs`."""
    if not idxs:
        return []
    rows = {r["idx"]: r["text"] for r in ws.db.execute(
        f"SELECT s.idx, s.text FROM segments s JOIN documents d ON d.id = s.doc_id "
        f"WHERE d.pair_id = ? AND d.lang = ? AND s.idx IN ({','.join('?' * len(idxs))})",
        (pair_id, lang, *idxs))}
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


# ---------------------------------------------------------------- import and align

def import_upload(ws: Workspace, kk: tuple[str, bytes], ru: tuple[str, bytes],
                  name: str | None = None) -> tuple[str, str]:
    """Import a pair from two uploaded files given as (file name, bytes).
    Returns (pair name, 'new' | 'updated' | 'unchanged')."""
    from .text.pipeline import build_document
    from .text.read import read_bytes
    docs = {}
    for lang, (fname, data) in (("kk", kk), ("ru", ru)):
        suffix = Path(fname).suffix.lower().lstrip(".")
        if suffix not in UPLOAD_TYPES:
            raise InputError(f"{fname}: unsupported file type '.{suffix}'; upload "
                             f"{', '.join('.' + t for t in UPLOAD_TYPES)}")
        if len(data) > UPLOAD_LIMIT:
            raise InputError(f"{fname}: the file is {len(data) / 1024 / 1024:.1f} MB; uploads are "
                             f"limited to {UPLOAD_LIMIT // (1024 * 1024)} MB")
        if not data:
            raise InputError(f"{fname}: the file is empty")
        docs[lang] = build_document(read_bytes(data, fname), fname, lang, fname)
    if not name or not name.strip():
        a, b = Path(kk[0]).stem, Path(ru[0]).stem
        name = a if a == b else f"{a}__{b}"
    name = name.strip()
    return name, ws.import_pair(name, docs["kk"], docs["ru"])


def align_pair(ws: Workspace, name: str) -> dict:
    """Align (or re-align) a whole pair with the sentence aligner."""
    return A.align_pair(ws, name)


def realign_section(ws: Workspace, pair_id: int, section: str) -> int:
    """Re-align one section (an article) of a pair; returns the number of new beads."""
    return A.realign_section(ws, pair_id, section)


# ---------------------------------------------------------------- bead operations

def approve(ws: Workspace, bead_id: int, expected_version: int | None, who: str | None = None) -> Bead:
    return set_status(ws, bead_id, "approved", expected_version, who)


def reject(ws: Workspace, bead_id: int, expected_version: int | None, who: str | None = None) -> Bead:
    return set_status(ws, bead_id, "rejected", expected_version, who)


def set_status(ws: Workspace, bead_id: int, status: str, expected_version: int | None,
               who: str | None = None) -> Bead:
    if status not in REVIEW_STATUSES:
        raise ReviewError(f"unknown status '{status}' (one of {', '.join(REVIEW_STATUSES)})")
    action = {"approved": "approve", "rejected": "reject"}.get(status, "status")
    with ws.transaction() as db:
        bead = _current(ws, bead_id, expected_version)
        if bead.status == status:
            return bead
        new = asdict(bead)
        new["status"] = status
        return _replace(ws, db, action, [bead], [new], who)[0]


def edit_side(ws: Workspace, bead_id: int, side: str, text: str, expected_version: int | None,
              who: str | None = None) -> Bead:
    """Rewrite the Kazakh or Russian text of a bead; the bead becomes 'edited'."""
    _check_side(side)
    text = "\n".join(line.strip() for line in text.strip().splitlines()).strip()
    with ws.transaction() as db:
        bead = _current(ws, bead_id, expected_version)
        if not text:
            raise ReviewError(f"the {SIDE_NAMES[side]} text of bead {bead.pos + 1} cannot be empty; "
                              f"reject the bead instead")
        if text == _text(bead, side):
            return bead
        new = asdict(bead)
        new[side] = text
        new["status"] = "edited"
        return _replace(ws, db, "edit", [bead], [new], who, {"side": side})[0]


def merge_next(ws: Workspace, bead_id: int, expected_version: int | None,
               next_version: int | None = None, who: str | None = None) -> Bead:
    """Join a bead with the one after it (same section only); returns the merged bead."""
    with ws.transaction() as db:
        bead = _current(ws, bead_id, expected_version)
        nxt = _neighbour(ws, bead, +1, "merge it with the next")
        check_version(nxt, next_version)
        new = asdict(bead)
        for side in SIDES:
            new[f"{side}_segs"] = _segs(bead, side) + _segs(nxt, side)
            new[side] = _join(_text(bead, side), _text(nxt, side))
        new["confidence"] = min(bead.confidence, nxt.confidence)
        new["scores"] = {"merged_from": [bead.id, nxt.id]}
        new["status"] = "edited"
        return _replace(ws, db, "merge", [bead, nxt], [new], who)[0]


def split(ws: Workspace, bead_id: int, kk_at: int, ru_at: int, expected_version: int | None,
          who: str | None = None) -> tuple[Bead, Bead]:
    """Cut a bead in two: the first keeps Kazakh sentences [:kk_at] and Russian [:ru_at],
    the second gets the rest. Returns both beads."""
    with ws.transaction() as db:
        bead = _current(ws, bead_id, expected_version)
        cut = {"kk": kk_at, "ru": ru_at}
        for side in SIDES:
            n = len(_segs(bead, side))
            if not 0 <= cut[side] <= n:
                raise ReviewError(f"bead {bead.pos + 1} has {n} {SIDE_NAMES[side]} sentence(s); "
                                  f"cannot split after sentence {cut[side]}")
        first_n = kk_at + ru_at
        second_n = len(bead.kk_segs) - kk_at + len(bead.ru_segs) - ru_at
        if first_n == 0 or second_n == 0:
            raise ReviewError(f"splitting bead {bead.pos + 1} there would leave one part empty; "
                              f"choose a sentence inside the bead")
        first, second = asdict(bead), asdict(bead)
        second["id"] = None
        second["created_at"] = now()
        for side in SIDES:
            segs, at = _segs(bead, side), cut[side]
            if 0 < at < len(segs):
                if side_was_edited(ws, bead, side):
                    raise ReviewError(
                        f"the {SIDE_NAMES[side]} side of bead {bead.pos + 1} was edited by hand; "
                        f"splitting it would lose the edit — undo the edit first, or edit after splitting")
                texts = side_sentences(ws, bead, side)
                first[side], second[side] = " ".join(texts[:at]), " ".join(texts[at:])
            elif at == 0:
                first[side], second[side] = "", _text(bead, side)
            else:
                first[side], second[side] = _text(bead, side), ""
            first[f"{side}_segs"], second[f"{side}_segs"] = segs[:at], segs[at:]
        first["status"] = second["status"] = "edited"
        a, b = _replace(ws, db, "split", [bead], [first, second], who, {"kk_at": kk_at, "ru_at": ru_at})
        return a, b


def split_side(ws: Workspace, bead_id: int, side: str, at: int, expected_version: int | None,
               who: str | None = None) -> tuple[Bead, Bead]:
    """Cut one side of a bead before its sentence number `at` (1-based boundary: the first
    part keeps `at` sentences); the other side stays whole in the first part."""
    _check_side(side)
    bead = ws.bead(bead_id)
    check_version(bead, expected_version)
    n = len(_segs(bead, side))
    if not 0 < at < n:
        if n < 2:
            raise ReviewError(f"the {SIDE_NAMES[side]} side of bead {bead.pos + 1} has {n} sentence(s); "
                              f"nothing to split")
        raise ReviewError(f"the {SIDE_NAMES[side]} side of bead {bead.pos + 1} has {n} sentences; "
                          f"split it after sentence 1 to {n - 1}, not {at}")
    other = "ru" if side == "kk" else "kk"
    cut = {side: at, other: len(_segs(bead, other))}
    return split(ws, bead_id, cut["kk"], cut["ru"], expected_version, who)


def move_segment(ws: Workspace, bead_id: int, side: str, direction: str, expected_version: int | None,
                 neighbour_version: int | None = None, who: str | None = None) -> list[Bead]:
    """Shift one sentence of a side to the neighbouring bead: with direction 'next' the
    last sentence becomes the first of the next bead's side, with 'prev' the first
    sentence becomes the last of the previous bead's side. A bead left with no sentence
    on either side is removed. Returns the beads as they are now (in document order)."""
    _check_side(side)
    if direction not in ("prev", "next"):
        raise ReviewError(f"direction must be 'prev' or 'next', not '{direction}'")
    with ws.transaction() as db:
        bead = _current(ws, bead_id, expected_version)
        step = 1 if direction == "next" else -1
        nb = _neighbour(ws, bead, step, f"move a sentence to the {'next' if step > 0 else 'previous'}")
        check_version(nb, neighbour_version)
        segs = _segs(bead, side)
        if not segs:
            raise ReviewError(f"the {SIDE_NAMES[side]} side of bead {bead.pos + 1} has no sentence to move")
        texts = side_sentences(ws, bead, side)
        if len(segs) > 1 and side_was_edited(ws, bead, side):
            raise ReviewError(f"the {SIDE_NAMES[side]} side of bead {bead.pos + 1} was edited by hand; "
                              f"moving a sentence out of it would lose the edit — undo the edit first")
        src, dst = asdict(bead), asdict(nb)
        if step > 0:
            moved_idx, moved_text = segs[-1], (texts[-1] if len(segs) > 1 else _text(bead, side))
            src[f"{side}_segs"], src[side] = segs[:-1], " ".join(texts[:-1])
            dst[f"{side}_segs"] = [moved_idx] + _segs(nb, side)
            dst[side] = _join(moved_text, _text(nb, side))
        else:
            moved_idx, moved_text = segs[0], (texts[0] if len(segs) > 1 else _text(bead, side))
            src[f"{side}_segs"], src[side] = segs[1:], " ".join(texts[1:])
            dst[f"{side}_segs"] = _segs(nb, side) + [moved_idx]
            dst[side] = _join(_text(nb, side), moved_text)
        src["status"] = dst["status"] = "edited"
        emptied = not src["kk_segs"] and not src["ru_segs"]
        old = [bead, nb] if step > 0 else [nb, bead]
        if emptied:
            new = [dst]
        else:
            new = [src, dst] if step > 0 else [dst, src]
        return _replace(ws, db, "move", old, new, who,
                        {"side": side, "direction": direction, "segment": moved_idx})


# ---------------------------------------------------------------- undo

def last_undoable(ws: Workspace, pair_id: int) -> dict | None:
    """The edit-log entry `undo_last` would undo now, or None."""
    entry, _ = _find_undoable(ws, pair_id)
    return entry


def undo_last(ws: Workspace, pair_id: int, expected_edit: int | None = None,
              who: str | None = None) -> dict:
    """Undo the last review operation on a pair (undoing repeatedly walks further back).
    `expected_edit` is the id of the edit the reviewer saw as the last one; if another
    change came in since, the undo is refused. Returns the undone edit-log entry."""
    with ws.transaction() as db:
        entry, blocker = _find_undoable(ws, pair_id)
        if entry is None:
            if blocker:
                raise ReviewError(f"nothing to undo: the last change to this pair was "
                                  f"'{blocker['action']}' at {blocker['at']}, which review cannot undo")
            raise ReviewError("nothing to undo on this pair")
        if expected_edit is not None and entry["id"] != expected_edit:
            raise StaleEditError(f"someone else changed this pair since you loaded it (last change is now "
                                 f"'{entry['action']}' #{entry['id']}); nothing was undone — reload and look first")
        before = json.loads(entry["before"])["beads"]
        after = json.loads(entry["after"])["beads"]
        current = []
        for row in after:
            r = db.execute("SELECT id FROM beads WHERE id = ? AND pair_id = ?", (row["id"], pair_id)).fetchone()
            bead = ws.bead(row["id"]) if r is not None else None
            if bead is None or _content(asdict(bead)) != _content(row):
                raise StaleEditError(f"bead {row['pos'] + 1} has changed since the '{entry['action']}' "
                                     f"you want to undo; nothing was undone")
            current.append(bead)
        current.sort(key=lambda b: b.pos)
        if [b.pos for b in current] != list(range(current[0].pos, current[0].pos + len(current))):
            raise StaleEditError(f"the beads of the '{entry['action']}' are no longer next to each other; "
                                 f"nothing was undone")
        versions = {b.id: b.version for b in current}
        restored = []
        for row in before:
            row = dict(row)
            taken = db.execute("SELECT 1 FROM beads WHERE id = ?", (row["id"],)).fetchone()
            if row["id"] not in versions and taken:
                row["id"] = None          # the id was reused since; the bead comes back under a new one
            row["version"] = max(versions.get(row["id"], 0), row["version"]) + 1
            restored.append(row)
        result = _replace(ws, db, "undo", current, restored, who, {"undid": entry["id"]},
                          keep_versions=True)
        return dict(entry, restored=[asdict(b) for b in result])


def describe_edit(entry: dict) -> str:
    """One line saying what an edit-log entry did, for people."""
    try:
        before = json.loads(entry["before"]) if entry.get("before") else {}
        after = json.loads(entry["after"]) if entry.get("after") else {}
    except (TypeError, ValueError):
        return entry.get("action", "")
    old = before.get("beads") if isinstance(before.get("beads"), list) else []
    new = after.get("beads") if isinstance(after.get("beads"), list) else []
    action = entry.get("action", "")
    where = f"bead {old[0]['pos'] + 1}" if old and isinstance(old[0], dict) and "pos" in old[0] else ""
    if action in ("approve", "reject", "status") and old and new:
        return f"{where}: {old[0]['status']} → {new[0]['status']}"
    if action == "edit" and old and new:
        side = after.get("side", "kk")
        return f"{where} {SIDE_NAMES.get(side, side)}: «{_short(old[0][side])}» → «{_short(new[0][side])}»"
    if action == "merge" and old:
        return f"beads {old[0]['pos'] + 1} and {old[0]['pos'] + 2} merged"
    if action == "split" and new:
        return f"{where} split in two"
    if action == "move":
        side = SIDE_NAMES.get(after.get("side", ""), "")
        return f"{side} sentence moved {'forward' if after.get('direction') == 'next' else 'back'} " \
               f"(beads {old[0]['pos'] + 1}–{old[-1]['pos'] + 1})" if old else f"{side} sentence moved"
    if action == "undo":
        return f"undid change #{after.get('undid')}"
    if isinstance(before, dict) and before.get("reviewed_beads"):
        return f"{action}: {len(before['reviewed_beads'])} reviewed bead(s) replaced (kept here)"
    if isinstance(before, dict) and before.get("section"):
        return f"{action}: {section_label(before['section'])}"
    return action


def _short(text: str, n: int = 60) -> str:
    text = _norm(text or "")
    return text if len(text) <= n else text[:n - 1] + "…"


def _find_undoable(ws: Workspace, pair_id: int) -> tuple[dict | None, dict | None]:
    undone: set[int] = set()
    for r in ws.db.execute("SELECT * FROM edits WHERE pair_id = ? ORDER BY id DESC", (pair_id,)):
        e = dict(r)
        if e["action"] == "undo":
            undone.add(json.loads(e["after"]).get("undid"))
            continue
        if e["id"] in undone:
            continue
        if e["action"] in REVIEW_ACTIONS:
            return e, None
        return None, e
    return None, None


# ---------------------------------------------------------------- internals

def _current(ws: Workspace, bead_id: int, expected_version: int | None) -> Bead:
    bead = ws.bead(bead_id)
    check_version(bead, expected_version)
    return bead


def _neighbour(ws: Workspace, bead: Bead, step: int, what: str) -> Bead:
    r = ws.db.execute("SELECT id FROM beads WHERE pair_id = ? AND pos = ?",
                      (bead.pair_id, bead.pos + step)).fetchone()
    if r is None:
        raise ReviewError(f"bead {bead.pos + 1} is the {'last' if step > 0 else 'first'} of the pair; "
                          f"cannot {what} bead")
    nb = ws.bead(r["id"])
    if nb.section != bead.section:
        raise ReviewError(f"cannot {what} bead: bead {bead.pos + 1} is in {section_label(bead.section)}, "
                          f"bead {nb.pos + 1} in {section_label(nb.section)}")
    return nb


def _replace(ws: Workspace, db, action: str, old: list[Bead], new: list[dict], who: str | None,
             extra: dict | None = None, keep_versions: bool = False) -> list[Bead]:
    """Replace the contiguous beads `old` by `new` (dicts; id None for a new bead), keep
    positions contiguous, bump versions, log the change. Runs inside a transaction."""
    stamp = now()
    pair_id = old[0].pair_id
    start = min(b.pos for b in old)
    old_ids = {b.id: b for b in old}
    keep = {d["id"] for d in new if d.get("id") is not None}
    for b in old:
        if b.id not in keep:
            db.execute("DELETE FROM beads WHERE id = ?", (b.id,))
    shift = len(new) - len(old)
    if shift:
        db.execute("UPDATE beads SET pos = pos + ? WHERE pair_id = ? AND pos >= ?",
                   (shift, pair_id, start + len(old)))
    ids = []
    for i, d in enumerate(new):
        if keep_versions:
            version = d["version"]
        elif d.get("id") in old_ids:
            version = old_ids[d["id"]].version + 1
        else:
            version = 1
        values = (start + i, d["section"], d["article"], json.dumps(d["kk_segs"]), json.dumps(d["ru_segs"]),
                  d["kk"], d["ru"], float(d["confidence"]), json.dumps(d["scores"], ensure_ascii=False),
                  d["status"], version, stamp)
        exists = d.get("id") is not None and db.execute(
            "SELECT 1 FROM beads WHERE id = ?", (d["id"],)).fetchone()
        if exists:
            db.execute("UPDATE beads SET pos = ?, section = ?, article = ?, kk_segs = ?, ru_segs = ?, kk = ?,"
                       " ru = ?, confidence = ?, scores = ?, status = ?, version = ?, changed_at = ?"
                       " WHERE id = ?", values + (d["id"],))
            ids.append(d["id"])
        else:
            ids.append(db.execute(
                "INSERT INTO beads(id, pair_id, pos, section, article, kk_segs, ru_segs, kk, ru, confidence,"
                " scores, status, version, changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?, ?)", (d.get("id"), pair_id) + values + (d.get("created_at") or stamp,)).lastrowid)
    result = [ws.bead(i) for i in ids]
    ws.log(db, action, pair_id, result[0].id,
           before={"beads": [asdict(b) for b in old]},
           after=dict(extra or {}, beads=[asdict(b) for b in result]), who=who)
    return result


def _content(row: dict) -> tuple:
    return (row["id"], row["section"], tuple(row["kk_segs"]), tuple(row["ru_segs"]), row["kk"], row["ru"],
            row["status"], round(float(row["confidence"]), 6))


def _segs(bead: Bead, side: str) -> list[int]:
    return list(bead.kk_segs if side == "kk" else bead.ru_segs)


def _text(bead: Bead, side: str) -> str:
    return bead.kk if side == "kk" else bead.ru


def _join(a: str, b: str) -> str:
    return " ".join(t for t in (a, b) if t)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _check_side(side: str) -> None:
    if side not in SIDES:
        raise ReviewError(f"side must be 'kk' or 'ru', not '{side}'")


# ---------------------------------------------------------------- export (tmx_out)

EXPORT_FORMATS = ("tmx", "tsv", "csv", "jsonl", "xlsx")
EXPORT_STATUSES = ("all-but-rejected", "approved", "all")      # as `saikes export --status`
MIME = {"tmx": "application/x-tmx+xml", "tsv": "text/tab-separated-values", "csv": "text/csv",
        "jsonl": "application/jsonl",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "tbx": "application/x-tbx+xml", "txt": "text/plain"}


@dataclass
class ExportOptions:
    """The filters of `saikes export`."""
    status: str = "all-but-rejected"
    min_confidence: float | None = None
    pairs: tuple[str, ...] = ()
    direction: str = "kk-ru"
    merge_identical: bool = False

    def filename(self, fmt: str) -> str:
        who = self.pairs[0] if len(self.pairs) == 1 else "saikes"
        return f"{who}.{self.direction}.{fmt}"


def count_units(ws: Workspace, options: ExportOptions) -> int:
    """How many beads the export would write."""
    from tmx_out.select import select_units
    return len(select_units(ws, options.status, options.min_confidence or None, list(options.pairs) or None))


def export_bytes(ws: Workspace, options: ExportOptions, fmt: str) -> tuple[bytes, str, str]:
    """The export file as bytes, with a file name and a MIME type, for a download."""
    import tempfile
    from tmx_out.select import export
    name = options.filename(fmt)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        export(ws, fmt, path, status=options.status, min_confidence=options.min_confidence or None,
               pairs=list(options.pairs) or None, direction=options.direction,
               merge_identical=options.merge_identical)
        return path.read_bytes(), name, MIME.get(fmt, "application/octet-stream")


# ---------------------------------------------------------------- glossary (align.glossary)

GLOSSARY_STATUSES = ("auto", "approved", "edited", "rejected")
TERMBASE_FORMATS = ("tbx", "tsv", "txt")       # TBX-Basic, a table with all figures, OmegaT


def _preferred(entries: list) -> list:
    return sorted(entries, key=lambda e: (e.status not in ("approved", "edited"), -e.freq, -e.dice))


def term_marks(ws: Workspace, beads: list[Bead]) -> dict[int, dict]:
    """Glossary terms in the beads, in any inflected form: {bead id: {"kk": [(start, end,
    tip, reviewed)], "ru": [...], "pairs": ["kk term → ru term", ...]}}. The tip of a term
    lists its translations, `reviewed` says whether a terminologist approved one; a pair whose translation is not on the other side is marked with ⚠.
    Empty when the workspace has no glossary."""
    from .terms import terms
    rows = G.entries(ws)
    if not rows:
        return {}
    by = {"kk": {}, "ru": {}}
    for e in rows:
        by["kk"].setdefault(e.kk_key, []).append(e)
        by["ru"].setdefault(e.ru_key, []).append(e)
    for side in by.values():
        for key in side:
            side[key] = _preferred(side[key])
    stemmer = G.kazakh_stemmer(ws)
    out: dict[int, dict] = {}
    for b in beads:
        found, keys = {}, {}
        for side in SIDES:
            text = _text(b, side)
            occs = [o for o in terms(text, side, stemmer if side == "kk" else None) if o.key in by[side]] \
                if text.strip() else []
            keys[side] = {o.key for o in occs}        # every term, also those inside longer ones
            found[side] = _longest(occs)              # what is marked
        if not found["kk"] and not found["ru"]:
            continue
        ru_keys, kk_keys = keys["ru"], keys["kk"]
        marks = {"kk": [], "ru": [], "pairs": []}
        for side, other in (("kk", "ru"), ("ru", "kk")):
            for o in found[side]:
                entries = by[side][o.key]
                tip = "; ".join(f"{getattr(e, other)} ({e.freq}×{', ' + e.status if e.status != 'auto' else ''})"
                                for e in entries[:4])
                reviewed = any(e.status in ("approved", "edited") for e in entries)
                marks[side].append((o.start, o.end, f"→ {tip}", reviewed))
        seen = set()
        for o in found["kk"]:
            if o.key in seen:
                continue
            seen.add(o.key)
            entries = by["kk"][o.key]
            hit = next((e for e in entries if e.ru_key in ru_keys), None)
            if hit:
                marks["pairs"].append(f"{hit.kk} → {hit.ru}")
            elif b.ru.strip() and _trusted(entries[0]):
                marks["pairs"].append(f"{entries[0].kk} → {entries[0].ru} ⚠ not on the Russian side")
        for o in found["ru"]:
            if o.key in seen or any(e.kk_key in kk_keys for e in by["ru"][o.key]):
                continue
            seen.add(o.key)
            e = by["ru"][o.key][0]
            if b.kk.strip() and _trusted(e):
                marks["pairs"].append(f"{e.ru} → {e.kk} ⚠ not on the Kazakh side")
        out[b.id] = marks
    return out


TRUSTED_FREQ = 5        # an unreviewed glossary entry seen this often is worth a warning


def _trusted(entry) -> bool:
    """Whether a missing translation of this entry deserves a ⚠ in review."""
    return entry.status in ("approved", "edited") or entry.freq >= TRUSTED_FREQ


def _longest(occs: list) -> list:
    """Occurrences that do not overlap, longer ones first."""
    chosen = []
    for o in sorted(occs, key=lambda o: (-(o.end - o.start), o.start)):
        if all(o.end <= c.start or o.start >= c.end for c in chosen):
            chosen.append(o)
    return sorted(chosen, key=lambda o: o.start)


def term_lookup(ws: Workspace, query: str, n: int = 10):
    """`align.lookup.lookup`: translations with counts and example pairs, in any
    inflected form of the query; a concordance when the glossary lacks the term."""
    return L.lookup(ws, query, n)


def glossary_entries(ws: Workspace, text: str = "", statuses: tuple[str, ...] = ()) -> list:
    """Glossary entries (rejected ones included), best first, filtered by a substring of
    either term and by status."""
    needle = text.strip().casefold()
    out = []
    for e in G.entries(ws, include_rejected=True):
        if statuses and e.status not in statuses:
            continue
        if needle and needle not in e.kk.casefold() and needle not in e.ru.casefold():
            continue
        out.append(e)
    return out


def entry_version(entry) -> int:
    """What a reviewer saw of a glossary entry: an edit made against another version is refused."""
    return entry.version


def set_entry_status(ws: Workspace, entry_id: int, status: str, expected: int | None = None,
                     who: str | None = None):
    """Approve, reject or reset a glossary entry (logged by the glossary)."""
    return G.set_status(ws, entry_id, status, who=who, expected_version=expected)


def edit_entry(ws: Workspace, entry_id: int, kk: str, ru: str, note: str, expected: int | None = None,
               who: str | None = None):
    """Change the wording or note of a glossary entry; it becomes 'edited'."""
    current = G.entry(ws, entry_id)
    if (kk.strip(), ru.strip(), note.strip()) == (current.kk, current.ru, current.note):
        return current
    return G.edit_entry(ws, entry_id, kk, ru, note.strip(), who=who, expected_version=expected)


def add_entry(ws: Workspace, kk: str, ru: str, note: str = "", who: str | None = None):
    return G.add_entry(ws, kk, ru, note, who=who)


def build_glossary(ws: Workspace) -> dict:
    """Build or rebuild the glossary from the beads (reviewed entries are kept)."""
    return G.build_glossary(ws)


def termbase_bytes(ws: Workspace, fmt: str) -> tuple[bytes, str, str]:
    """The glossary as a TBX-Basic file, a TSV table or an OmegaT glossary, for a download."""
    import tempfile
    if fmt not in TERMBASE_FORMATS:
        raise ReviewError(f"unknown term base format '{fmt}' (one of {', '.join(TERMBASE_FORMATS)})")
    rows = G.entries(ws)
    name = f"saikes-glossary.{fmt}"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        if fmt == "tbx":
            from tmx_out.tbx import write_tbx
            write_tbx(rows, path, title="saikes glossary", sources=[p.name for p in ws.pairs()])
        elif fmt == "tsv":
            from tmx_out.glossary_files import write_tsv
            write_tsv(rows, path)
        else:
            from tmx_out.glossary_files import write_omegat
            write_omegat(rows, path, title="saikes glossary")
        return path.read_bytes(), name, MIME.get(fmt, "text/plain")
