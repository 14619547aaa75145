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
    approve_many                      approve a selection of beads as one step

Undo and redo over any of these, and over re-alignment, are in `history`.
"""
from __future__ import annotations

from dataclasses import asdict

from ..errors import ReviewError, StaleEditError
from ..store import REVIEW_STATUSES, Bead, Status, Workspace, check_version, now
from .history import describe_change
from .readmodel import SIDE_NAMES, SIDES, _segs, _text, section_label, side_sentences, side_was_edited



# ---------------------------------------------------------------- bead operations

def approve(ws: Workspace, bead_id: int, expected_version: int | None, who: str | None = None) -> Bead:
    return set_status(ws, bead_id, Status.APPROVED, expected_version, who)


def reject(ws: Workspace, bead_id: int, expected_version: int | None, who: str | None = None) -> Bead:
    return set_status(ws, bead_id, Status.REJECTED, expected_version, who)


def approve_many(ws: Workspace, pair_id: int, seen: dict[int, int], who: str | None = None,
                 scope: str = "") -> list[Bead]:
    """Approve a selection of beads (an article, the green beads of a pair, a filter's
    result) as one step that one undo takes back. `seen` maps each bead id to the version
    the reviewer was looking at; if any of them changed since, nothing is approved. Beads a
    person already approved, edited or rejected are left as they are."""
    with ws.transaction() as db:
        current = ws.beads_by_id(list(seen))
        gone = len(seen) - len(current)
        changed = [b for b in current if b.version != seen[b.id] or b.pair_id != pair_id]
        if gone or changed:
            raise StaleEditError(f"{gone + len(changed)} of the {len(seen)} beads changed since you loaded "
                                 f"them; nothing was approved — look at the page again")
        todo = [b for b in current if b.status in (Status.AUTO, Status.FLAGGED)]
        if not todo:
            raise ReviewError("nothing to approve: every bead of the selection is already reviewed")
        new = [dict(asdict(b), status=Status.APPROVED.value) for b in todo]
        return _replace(ws, db, "approve-many", todo, new, who, {"scope": scope} if scope else None)


def set_status(ws: Workspace, bead_id: int, status: str, expected_version: int | None,
               who: str | None = None) -> Bead:
    if status not in REVIEW_STATUSES:
        raise ReviewError(f"unknown status '{status}' (one of {', '.join(REVIEW_STATUSES)})")
    status = Status(status).value
    action = {Status.APPROVED: "approve", Status.REJECTED: "reject"}.get(status, "status")
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
    return edit_texts(ws, bead_id, {side: text}, expected_version, who)


def edit_texts(ws: Workspace, bead_id: int, texts: dict[str, str], expected_version: int | None,
               who: str | None = None) -> Bead:
    """Rewrite one or both sides of a bead in one step ({'kk': ..., 'ru': ...}); the bead
    becomes 'edited'. A side given unchanged is left alone; nothing changed, nothing logged."""
    with ws.transaction() as db:
        bead = _current(ws, bead_id, expected_version)
        new = asdict(bead)
        changed = []
        for side, text in texts.items():
            _check_side(side)
            text = "\n".join(line.strip() for line in (text or "").strip().splitlines()).strip()
            if not text and _text(bead, side):
                raise ReviewError(f"the {SIDE_NAMES[side]} text of bead {bead.pos + 1} cannot be emptied; "
                                  f"reject the bead instead")
            if text != _text(bead, side):
                new[side] = text
                changed.append(side)
        if not changed:
            return bead
        new["status"] = Status.EDITED.value
        return _replace(ws, db, "edit", [bead], [new], who, {"side": changed[0] if len(changed) == 1 else "both"})[0]


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
        new["status"] = Status.EDITED.value
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
        first["status"] = second["status"] = Status.EDITED.value
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
        src["status"] = dst["status"] = Status.EDITED.value
        emptied = not src["kk_segs"] and not src["ru_segs"]
        old = [bead, nb] if step > 0 else [nb, bead]
        if emptied:
            new = [dst]
        else:
            new = [src, dst] if step > 0 else [dst, src]
        return _replace(ws, db, "move", old, new, who,
                        {"side": side, "direction": direction, "segment": moved_idx})


# ---------------------------------------------------------------- internals

def _current(ws: Workspace, bead_id: int, expected_version: int | None) -> Bead:
    bead = ws.bead(bead_id)
    check_version(bead, expected_version)
    return bead


def _neighbour(ws: Workspace, bead: Bead, step: int, what: str) -> Bead:
    nid = ws.neighbour_id(bead.pair_id, bead.pos + step)
    if nid is None:
        raise ReviewError(f"bead {bead.pos + 1} is the {'last' if step > 0 else 'first'} of the pair; "
                          f"cannot {what} bead")
    nb = ws.bead(nid)
    if nb.section != bead.section:
        raise ReviewError(f"cannot {what} bead: bead {bead.pos + 1} is in {section_label(bead.section)}, "
                          f"bead {nb.pos + 1} in {section_label(nb.section)}")
    return nb


def _replace(ws: Workspace, db, action: str, old: list[Bead], new: list[dict], who: str | None,
             extra: dict | None = None) -> list[Bead]:
    summary = describe_change(action, [asdict(b) for b in old], new, extra)
    return ws.replace_beads(db, action, old, new, who, extra, summary=summary)


def _join(a: str, b: str) -> str:
    return " ".join(t for t in (a, b) if t)


def _check_side(side: str) -> None:
    if side not in SIDES:
        raise ReviewError(f"side must be 'kk' or 'ru', not '{side}'")
