"""Undo and redo over a pair's whole history: review operations, bulk approval and
re-alignment alike.

Every change to a pair's beads is one edit-log entry holding the beads before and after it.
Undoing an entry puts its "before" back where its "after" stands; redoing puts the "after"
back. The stacks are worked out from the log (oldest first), as an editor keeps them:

    a change        goes on the undo stack and empties the redo stack
    undo of X       takes X off the undo stack and puts it on the redo stack
    redo of X       takes X off the redo stack and puts it back on the undo stack
    import, first alignment, re-import, removal
                    start the history afresh (nothing before them can come back)

Each stack item is (X, S): X is the change, S the entry whose "after" describes the beads
as they now stand (X itself, or the undo or redo that last acted on X). An undo or redo is
refused, and nothing is written, if those beads changed since — by someone else, say.
"""
from __future__ import annotations

import json
from dataclasses import asdict

from ..errors import ReviewError, StaleEditError
from ..store import Workspace
from ..store.beads import HISTORY_STARTS, same_bead
from .readmodel import SIDE_NAMES, _norm, section_label

UNDO, REDO = "undo", "redo"


def stacks(ws: Workspace, pair_id: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(undo stack, redo stack) of a pair, each a list of (change, state) entry ids, top last."""
    done: list[tuple[int, int]] = []
    undone: list[tuple[int, int]] = []
    for entry_id, action, ref in ws.edit_actions(pair_id):
        if action in HISTORY_STARTS:
            done, undone = [], []
        elif action == UNDO:
            if done and done[-1][0] == ref:
                done.pop()
                undone.append((ref, entry_id))
        elif action == REDO:
            if undone and undone[-1][0] == ref:
                undone.pop()
                done.append((ref, entry_id))
        else:
            done.append((entry_id, entry_id))
            undone = []
    return done, undone


def next_undo(ws: Workspace, pair_id: int) -> dict | None:
    """The change an undo would take back now (id, action, who, at, summary), or None."""
    return _top(ws, pair_id, 0)


def next_redo(ws: Workspace, pair_id: int) -> dict | None:
    """The change a redo would bring back now, or None."""
    return _top(ws, pair_id, 1)


def undo(ws: Workspace, pair_id: int, expected_edit: int | None = None, who: str | None = None) -> dict:
    """Take back the last change to a pair. `expected_edit` is the change the reviewer saw
    offered for undo; if the history moved on since, nothing is undone. Returns the change."""
    return _step(ws, pair_id, UNDO, expected_edit, who)


def redo(ws: Workspace, pair_id: int, expected_edit: int | None = None, who: str | None = None) -> dict:
    """Bring back the change undone last."""
    return _step(ws, pair_id, REDO, expected_edit, who)


def _top(ws: Workspace, pair_id: int, which: int) -> dict | None:
    stack = stacks(ws, pair_id)[which]
    if not stack:
        return None
    entry = ws.edits_by_id([stack[-1][0]])[0]
    return dict(entry, summary=describe_edit(entry))


def _step(ws: Workspace, pair_id: int, kind: str, expected_edit: int | None, who: str | None) -> dict:
    with ws.transaction() as db:
        done, undone = stacks(ws, pair_id)
        stack = done if kind == UNDO else undone
        if not stack:
            raise ReviewError(f"nothing to {kind} on this pair")
        change_id, state_id = stack[-1]
        if expected_edit is not None and change_id != expected_edit:
            raise StaleEditError(f"the history of this pair changed since you loaded it (the change to "
                                 f"{kind} is now #{change_id}); nothing was done — look at the page again")
        change = ws.edit(change_id)
        state = change if state_id == change_id else ws.edit(state_id)
        standing = json.loads(state["after"])["beads"]
        wanted = json.loads(change["before" if kind == UNDO else "after"])["beads"]
        current = ws.beads_by_id([row["id"] for row in standing])
        if len(current) != len(standing) or any(
                b.pair_id != pair_id or not same_bead(asdict(b), row) for b, row in zip(current, standing)):
            raise StaleEditError(f"the beads of change #{change_id} ({change['action']}) were changed since; "
                                 f"nothing was done")
        current.sort(key=lambda b: b.pos)
        what = describe_edit(change)
        ws.replace_beads(db, kind, current, wanted, who, {"undid" if kind == UNDO else "redid": change_id},
                         ref=change_id, summary=f"{kind} #{change_id}: {what}")
        return dict(change, summary=what)


# ---------------------------------------------------------------- describing changes

def describe_edit(entry: dict) -> str:
    """One line saying what an edit-log entry did, for people."""
    if entry.get("summary"):
        return entry["summary"]
    try:                                      # entries written before summaries were kept
        before = json.loads(entry["before"]) if entry.get("before") else {}
        after = json.loads(entry["after"]) if entry.get("after") else {}
    except (TypeError, ValueError):
        return entry.get("action", "")
    old = before.get("beads") if isinstance(before.get("beads"), list) else []
    new = after.get("beads") if isinstance(after.get("beads"), list) else []
    action = entry.get("action", "")
    if old and new and all(isinstance(b, dict) for b in old + new):
        return describe_change(action, old, new, after)
    if isinstance(before, dict) and before.get("reviewed_beads"):
        return f"{action}: {len(before['reviewed_beads'])} reviewed bead(s) replaced (kept here)"
    if isinstance(before, dict) and before.get("section"):
        return f"{action}: {section_label(before['section'])}"
    return action


def describe_change(action: str, old: list[dict], new: list[dict], extra: dict | None = None) -> str:
    """One line for a change of beads `old` into `new` (bead dicts)."""
    extra = extra or {}
    where = f"bead {old[0]['pos'] + 1}" if old else ""
    if action in ("approve", "reject", "status") and new:
        return f"{where}: {old[0]['status']} → {new[0]['status']}"
    if action == "approve-many":
        return f"{len(new)} bead(s) approved" + (f" ({extra['scope']})" if extra.get("scope") else "")
    if action == "edit" and new:
        side = extra.get("side", "kk")
        if side == "both":
            return f"{where}: both sides edited"
        return f"{where} {SIDE_NAMES.get(side, side)}: «{_short(old[0][side])}» → «{_short(new[0][side])}»"
    if action == "merge":
        return f"beads {old[0]['pos'] + 1} and {old[0]['pos'] + 2} merged"
    if action == "split":
        return f"{where} split in two"
    if action == "move":
        side = SIDE_NAMES.get(extra.get("side", ""), "")
        return (f"{side} sentence moved {'forward' if extra.get('direction') == 'next' else 'back'} "
                f"(beads {old[0]['pos'] + 1}–{old[-1]['pos'] + 1})")
    if action == "re-align-section":
        kept = sum(1 for b in new if b.get("status") in ("approved", "edited", "rejected"))
        return f"{section_label(extra.get('section', ''))} re-aligned: {len(new)} bead(s), {kept} reviewed kept"
    return action


def _short(text: str, n: int = 60) -> str:
    text = _norm(text or "")
    return text if len(text) <= n else text[:n - 1] + "…"
