"""The review page: a pair's beads side by side, filters, and the operations on them."""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from .. import jobs
from .. import review as R
from ..glossary.marks import term_marks
from ..store import REVIEW_STATUSES, Workspace
from .state import run_op, who
from .widgets import conf_badge, marked, pair_picker

PAGE_SIZE = 25
STATUS_ICONS = {"auto": "·", "flagged": "⚑", "approved": "✓", "rejected": "✗", "edited": "✎"}


def page_review(ws: Workspace) -> None:
    st.header("Review")
    pair = pair_picker(ws, "rv_pair")
    if pair is None:
        return
    sections = R.sections(ws, pair.id)
    if not sections:
        st.info(f"{pair.name} is not aligned yet: align it on the Documents page.")
        return

    with st.container(border=True):
        c = st.columns([1.5, 2, 2, 2, 2.4])
        flagged = c[0].checkbox("Flagged only", key="rv_flagged")
        lowest = c[0].checkbox("Lowest first", key="rv_lowest", help="Order by confidence, lowest first")
        statuses = c[1].multiselect("Status", list(REVIEW_STATUSES), key="rv_status")
        lo, hi = c[2].slider("Confidence", 0.0, 1.0, (0.0, 1.0), 0.05, key="rv_conf")
        section = c[3].selectbox("Article", ["(all)"] + sections, key="rv_section",
                                 format_func=lambda s: s if s == "(all)" else R.section_label(s))
        text = c[4].text_input("Search (Kazakh or Russian)", key="rv_text")
    flt = R.BeadFilter(flagged_only=flagged, statuses=tuple(statuses), min_confidence=lo, max_confidence=hi,
                       section=None if section == "(all)" else section, text=text, lowest_first=lowest)
    beads = R.select_beads(ws, pair.id, flt)
    if section != st.session_state.get("_rv_last_section"):
        st.session_state["_rv_last_section"] = section
        if section in sections:                # re-align what is being looked at
            st.session_state["rv_realign_section"] = section

    c = st.columns([3, 3, 2], vertical_alignment="bottom")
    last = R.last_undoable(ws, pair.id)
    c[0].button(f"↶ Undo {last['action']} (#{last['id']}, {last['who'] or 'someone'})" if last else "↶ Undo",
                key="rv_undo", disabled=last is None, on_click=run_op,
                args=("Undone", R.undo_last, pair.id),
                kwargs={"expected_edit": last["id"] if last else None, "who": who()})
    with c[1]:
        sc = st.columns([2, 1], vertical_alignment="bottom")
        target = sc[0].selectbox("Re-align one article", sections, key="rv_realign_section",
                                 format_func=R.section_label)
        sc[1].button("Re-align", key="rv_realign", on_click=run_op,
                     args=(f"{R.section_label(target)} re-aligned", jobs.realign_section, pair.id, target))
    pages = max(1, -(-len(beads) // PAGE_SIZE))
    page = c[2].number_input(f"Page (of {pages})", 1, pages, 1, key="rv_page") if pages > 1 else 1
    st.caption(f"{len(beads)} bead(s) match; {len(ws.beads(pair.id))} in the pair. "
               "Terms from the glossary are marked; hover a term to see its translations.")

    shown = beads[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    terms = term_marks(ws, shown)
    current = None
    for b in shown:
        if not lowest and b.section != current:
            current = b.section
            st.subheader(R.section_label(b.section))
        bead_row(ws, b, terms.get(b.id, {}))

    with st.expander("Edit history of this pair"):
        rows = ws.edits(pair.id, limit=50)
        if rows:
            st.dataframe(pd.DataFrame([{"#": r["id"], "when": r["at"], "who": r["who"], "action": r["action"],
                                        "what": R.describe_edit(r)} for r in rows]),
                         hide_index=True, width="stretch")


def bead_row(ws: Workspace, b, terms: dict) -> None:
    v = b.version
    with st.container(border=True, key=f"bead-{b.id}"):
        c = st.columns([1.1, 4, 4, 1.3])
        c[0].markdown(f"**{b.pos + 1}** &nbsp;{conf_badge(b.confidence)}<br>"
                      f'<span class="sk-status-{b.status}">{STATUS_ICONS.get(b.status, "")} {b.status}</span>'
                      f"<br><small>{b.shape}</small>", unsafe_allow_html=True)
        c[1].markdown(marked(b.kk, terms.get("kk", [])), unsafe_allow_html=True)
        c[2].markdown(marked(b.ru, terms.get("ru", [])), unsafe_allow_html=True)
        with c[3]:
            a = st.columns(2)
            a[0].button("✓", key=f"approve-{b.id}-{v}", help="Approve", on_click=run_op,
                        args=(f"Bead {b.pos + 1} approved", R.approve, b.id, v), kwargs={"who": who()})
            a[1].button("✗", key=f"reject-{b.id}-{v}", help="Reject", on_click=run_op,
                        args=(f"Bead {b.pos + 1} rejected", R.reject, b.id, v), kwargs={"who": who()})
            nxt = _neighbour(ws, b, +1)
            a[0].button("⤓", key=f"merge-{b.id}-{v}", help="Merge with the next bead", on_click=run_op,
                        disabled=nxt is None or nxt.section != b.section,
                        args=(f"Bead {b.pos + 1} merged with the next", R.merge_next, b.id, v),
                        kwargs={"next_version": nxt.version if nxt else None, "who": who()})
            is_open = st.session_state.get("open_bead") == b.id
            a[1].button("✎", key=f"open-{b.id}", help="Edit, split or move sentences",
                        type="primary" if is_open else "secondary", on_click=_toggle_open, args=(b.id,))
        if terms.get("pairs"):
            st.caption("Terms: " + "; ".join(terms["pairs"]))
        if st.session_state.get("open_bead") == b.id:
            bead_tools(ws, b)


def _toggle_open(bead_id: int) -> None:
    st.session_state["open_bead"] = None if st.session_state.get("open_bead") == bead_id else bead_id


def _neighbour(ws: Workspace, b, step: int):
    nid = ws.neighbour_id(b.pair_id, b.pos + step)
    return ws.bead(nid) if nid is not None else None


def bead_tools(ws: Workspace, b) -> None:
    v = b.version
    prev, nxt = _neighbour(ws, b, -1), _neighbour(ws, b, +1)
    cols = st.columns(2)
    for side, col in zip(R.SIDES, cols):
        with col:
            name = R.SIDE_NAMES[side]
            key = f"text-{side}-{b.id}-{v}"
            st.text_area(f"{name} text", value=b.kk if side == "kk" else b.ru, key=key, height=120)
            st.button(f"Save {name}", key=f"save-{side}-{b.id}-{v}", on_click=_save_side, args=(b.id, side, v, key))
            sentences = R.side_sentences(ws, b, side)
            if sentences:
                st.markdown('<div class="sk-sents">' + "".join(
                    f'<div><span class="sk-num">{i}</span>{html.escape(t)}</div>'
                    for i, t in enumerate(sentences, 1)) + "</div>", unsafe_allow_html=True)
            n = len(sentences)
            m = st.columns(2)
            m[0].button("↑ first sentence to previous bead", key=f"mvprev-{side}-{b.id}-{v}",
                        help=f"Move the first {name} sentence to the end of the previous bead",
                        disabled=n == 0 or prev is None, on_click=run_op,
                        args=(f"{name} sentence moved to bead {b.pos}", R.move_segment, b.id, side, "prev", v),
                        kwargs={"neighbour_version": prev.version if prev else None, "who": who()})
            m[1].button("↓ last sentence to next bead", key=f"mvnext-{side}-{b.id}-{v}",
                        help=f"Move the last {name} sentence to the start of the next bead",
                        disabled=n == 0 or nxt is None, on_click=run_op,
                        args=(f"{name} sentence moved to bead {b.pos + 2}", R.move_segment, b.id, side, "next", v),
                        kwargs={"neighbour_version": nxt.version if nxt else None, "who": who()})
            st.selectbox(f"Split {name} after sentence", list(range(n + 1)), index=min(1, n),
                         key=f"cut-{side}-{b.id}-{v}",
                         format_func=lambda k, n=n: "none (all go to the second part)" if k == 0 else
                         ("all (all stay in the first part)" if k == n else f"sentence {k}"))
    st.button("Split bead here", key=f"split-{b.id}-{v}", on_click=_split, args=(b.id, v))


def _save_side(bead_id: int, side: str, version: int, key: str) -> None:
    run_op(f"{R.SIDE_NAMES[side]} text saved", R.edit_side, bead_id, side,
           st.session_state.get(key, ""), version, who=who())


def _split(bead_id: int, version: int) -> None:
    kk_at = st.session_state.get(f"cut-kk-{bead_id}-{version}", 0)
    ru_at = st.session_state.get(f"cut-ru-{bead_id}-{version}", 0)
    run_op("Bead split", R.split, bead_id, kk_at, ru_at, version, who=who())
