"""What the review page's buttons and keys do: each callback runs one library operation
(through `run_op`, which says how it went beside the bead) and moves the cursor."""
from __future__ import annotations

import streamlit as st

from .. import jobs
from .. import review as R
from ..store import BeadQuery
from .state import ACTIONS, run_op, said, say, who, workspace

CURSOR, PAGE, OPEN = "rv_cursor", "rv_page", "rv_open"


def next_after(nav: dict, bead_id) -> int | str | None:
    ids = nav["ids"]
    if bead_id in ids and ids.index(bead_id) + 1 < len(ids):
        return ids[ids.index(bead_id) + 1]
    return None


def select(bead_id: int) -> None:
    st.session_state[CURSOR] = bead_id


def move(nav: dict, bead_id, step: int) -> None:
    ss, ids = st.session_state, nav["ids"]
    ss["_rv_scroll"] = True
    at = ids.index(bead_id) + step if bead_id in ids else 0
    if 0 <= at < len(ids):
        ss[CURSOR] = ids[at]
    elif at >= len(ids) and nav["page"] < nav["pages"]:
        turn(nav["page"] + 1)
    elif at < 0 and nav["page"] > 1:
        turn(nav["page"] - 1)
        ss[CURSOR] = "last"


def turn(page: int) -> None:
    st.session_state[PAGE] = page
    st.session_state[CURSOR] = None
    st.session_state["_rv_scroll"] = True


def judge(fn, bead_id: int, version: int, nxt, what: str) -> None:
    if run_op(f"Bead {what}", fn, bead_id, version, who=who(), where=bead_id) is not None:
        if nxt is not None:
            st.session_state[CURSOR] = nxt
        st.session_state["_rv_scroll"] = True


def open_tool(tool: str, bead_id: int) -> None:
    ss = st.session_state
    ss[OPEN] = None if ss.get(OPEN) == (tool, bead_id) else (tool, bead_id)
    ss[CURSOR] = bead_id
    ss["_rv_scroll"] = True


def close_tool() -> None:
    st.session_state[OPEN] = None
    st.session_state.pop("_draft", None)


def merge(bead_id: int, version: int) -> None:
    ws = workspace()
    nb = ws.neighbour_id(ws.bead(bead_id).pair_id, ws.bead(bead_id).pos + 1)
    nv = ws.bead(nb).version if nb is not None else None
    if run_op("Merged with the next bead", R.merge_next, bead_id, version, nv, who=who(), where=bead_id):
        st.toast("Merged with the next bead")


def realign(pair_id: int, section: str) -> None:
    n = run_op(f"{R.section_label(section)} re-aligned", jobs.realign_section, pair_id, section,
               who=who(), where=ACTIONS)
    if n is not None:
        say("success", f"{R.section_label(section)} re-aligned: {n} bead(s); reviewed beads kept as they were",
            ACTIONS)


def history_step(fn, pair_id: int, expected: int, label: str) -> None:
    done = run_op(label, fn, pair_id, expected_edit=expected, who=who(), where=ACTIONS)
    if done:
        say("success", f"{label}: {done['summary']}", ACTIONS)


def bulk(pair_id: int, query: BeadQuery, scope: str) -> None:
    ws = workspace()
    seen = ws.bead_versions(pair_id, query)
    done = run_op("Approved", R.approve_many, pair_id, seen, who=who(), scope=scope, where=ACTIONS)
    if done:
        say("success", f"{len(done)} bead(s) approved ({scope}) — one undo takes them back", ACTIONS)


def save_texts(bead_id: int, version: int) -> None:
    ss = st.session_state
    texts = {side: ss.get(f"edit-{side}-{bead_id}-{version}", "") for side in R.SIDES}
    draft = ss.get("_draft")
    if draft and draft["bead"] == bead_id:
        version = workspace().bead(bead_id).version     # the reviewer chose to write over the change
    if run_op("Saved", R.edit_texts, bead_id, texts, version, who=who(), where=bead_id) is not None:
        ss.pop("_draft", None)
        ss[OPEN] = None
        st.toast("Saved")
        return
    msg = said(bead_id)
    if msg and msg.get("stale"):
        ss["_draft"] = {"bead": bead_id, **texts}


def move_sentence(bead_id: int, side: str, direction: str, version: int) -> None:
    ws = workspace()
    b = ws.bead(bead_id)
    nb = ws.neighbour_id(b.pair_id, b.pos + (1 if direction == "next" else -1))
    nv = ws.bead(nb).version if nb is not None else None
    run_op(f"{R.SIDE_NAMES[side]} sentence moved", R.move_segment, bead_id, side, direction, version,
           neighbour_version=nv, who=who(), where=bead_id)


def do_split(bead_id: int, version: int) -> None:
    ss = st.session_state
    kk_at = int(ss.get(f"cut-kk-{bead_id}-{version}", 0))
    ru_at = int(ss.get(f"cut-ru-{bead_id}-{version}", 0))
    if run_op("Split in two", R.split, bead_id, kk_at, ru_at, version, who=who(), where=bead_id) is not None:
        ss[OPEN] = None
        st.toast("Split in two")
