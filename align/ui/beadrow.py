"""One bead on the review page: its confidence in its band's colour, both sides with the
glossary terms marked, what the structure report says of its article, its buttons, and —
when the reviewer opens them — the editor and the split tool, with what an action said
about this bead shown right here."""
from __future__ import annotations

import html

import streamlit as st

from .. import review as R
from ..model import band
from ..store import Bead, Workspace
from .actions import OPEN, close_tool, do_split, judge, move_sentence, open_tool, save_texts, select
from .state import show_said
from .widgets import conf_badge, marked

STATUS_ICONS = {"auto": "·", "flagged": "⚑", "approved": "✓", "rejected": "✗", "edited": "✎"}
FINDING_NAMES = {"renumbered": "numbered differently", "missing": "missing in Russian", "extra": "missing in Kazakh",
                 "moved": "moved", "excluded": "excluded on one side", "heading_missing": "heading on one side only"}


def bead_row(ws: Workspace, b: Bead, terms: dict, findings: list[dict], current: bool, nav: dict) -> None:
    # The row is keyed by its place on the page, not by the bead: turning a page or moving
    # a bead then updates rows in place instead of building them anew. Which bead a row
    # holds, its band and whether it is the current one are marked in its HTML.
    slot = nav["ids"].index(b.id)
    classes = f"sk-bead sk-row-{band(b.confidence)}" + (" sk-cur" if current else "")
    with st.container(border=True, key=f"row-{slot}"):
        # one piece of HTML for the number, the confidence and both texts, and four buttons:
        # the fewer elements a bead is drawn with, the sooner the page answers a key
        notes = _notes(b, terms, findings, current)
        st.markdown(
            f"<div class='{classes}' data-bead='{b.id}'><div class='sk-meta'><b>{b.pos + 1}</b> {conf_badge(b.confidence)}<br>"
            f"<span class='sk-status sk-status-{b.status}'>{STATUS_ICONS.get(b.status, '')} {b.status}</span> "
            f"<span class='sk-shape'>{b.shape}</span></div>{marked(b.kk, terms.get('kk', []))}"
            f"{marked(b.ru, terms.get('ru', []))}</div>" + (f"<div class='sk-notes'>{notes}</div>" if notes else ""),
            unsafe_allow_html=True)
        with st.container(horizontal=True, gap=None, key=f"acts-{b.id}"):
            st.button("✓", key=f"approve-{b.id}-{b.version}", help="Approve", on_click=judge,
                      args=(R.approve, b.id, b.version, None, "approved"))
            st.button("✗", key=f"reject-{b.id}-{b.version}", help="Reject", on_click=judge,
                      args=(R.reject, b.id, b.version, None, "rejected"))
            st.button("✎", key=f"open-{b.id}", help="Edit, split, or move sentences", on_click=open_tool,
                      args=("edit", b.id))
            st.button("◎", key=f"sel-{b.id}", on_click=select, args=(b.id,),
                      help="Make this the current bead (the keys act on it)")
        show_said(b.id)
        opened = st.session_state.get(OPEN)
        if opened and opened[1] == b.id:
            (editor if opened[0] == "edit" else splitter)(ws, b)


def _notes(b: Bead, terms: dict, findings: list[dict], current: bool) -> str:
    chips = []
    if b.scores.get("key_mismatch"):
        chips.append("the two headings name different units")
    for f in findings:
        name = FINDING_NAMES.get(f.get("kind"))
        if name and f.get("mismatch"):
            chips.append(f"article {name}")
    pairs = terms.get("pairs", [])
    warnings = [p for p in pairs if "⚠" in p]
    out = [f"<span class='sk-chip'>⚠ {html.escape(c)}</span>" for c in dict.fromkeys(chips)]
    shown = pairs if current else warnings
    if shown:
        out.append("<span class='sk-terms'>" + "; ".join(html.escape(p) for p in shown) + "</span>")
    return " ".join(out)


# ---------------------------------------------------------------- edit

def editor(ws: Workspace, b: Bead) -> None:
    draft = st.session_state.get("_draft")
    draft = draft if draft and draft["bead"] == b.id else None
    if draft:
        st.error("Not saved: someone changed this bead while you were editing it. Your text is kept "
                 "below; what the workspace holds now is shown under it.")
    with st.form(key=f"edit-{b.id}-{b.version}", border=False):
        cols = st.columns(2)
        for side, col in zip(R.SIDES, cols):
            text = draft[side] if draft else (b.kk if side == "kk" else b.ru)
            col.text_area(f"{R.SIDE_NAMES[side]} text", value=text, key=f"edit-{side}-{b.id}-{b.version}",
                          height=110)
            if draft:
                col.caption(f"Now in the workspace: {b.kk if side == 'kk' else b.ru}")
        st.form_submit_button("Save my text over it" if draft else "Save (Ctrl+Enter)", type="primary",
                              on_click=save_texts, args=(b.id, b.version))
    with st.container(horizontal=True, gap="small"):
        st.button("Close", key=f"close-{b.id}", shortcut="Esc", on_click=close_tool)
        for side in R.SIDES:
            name = R.SIDE_NAMES[side]
            has = bool(b.kk_segs if side == "kk" else b.ru_segs)
            st.button(f"↑ first {name} sentence to the bead before", key=f"mvprev-{side}-{b.id}-{b.version}",
                      disabled=not has, on_click=move_sentence, args=(b.id, side, "prev", b.version))
            st.button(f"↓ last {name} sentence to the bead after", key=f"mvnext-{side}-{b.id}-{b.version}",
                      disabled=not has, on_click=move_sentence, args=(b.id, side, "next", b.version))


# ---------------------------------------------------------------- split

def splitter(ws: Workspace, b: Bead) -> None:
    kk_at, ru_at = R.suggest_split(ws, b)
    with st.form(key=f"split-{b.id}-{b.version}", border=False):
        cols = st.columns(2)
        for side, col, at in zip(R.SIDES, cols, (kk_at, ru_at)):
            sentences = R.side_sentences(ws, b, side)
            with col:
                st.number_input(f"{R.SIDE_NAMES[side]} sentences in the first part", 0, len(sentences), at,
                                key=f"cut-{side}-{b.id}-{b.version}")
                st.markdown('<div class="sk-sents">' + "".join(
                    f'<div><span class="sk-num">{i}</span>{html.escape(t)}</div>'
                    for i, t in enumerate(sentences, 1)) + "</div>", unsafe_allow_html=True)
        st.form_submit_button("Split (Enter)", type="primary", on_click=do_split, args=(b.id, b.version))
    st.button("Close", key=f"close-{b.id}", shortcut="Esc", on_click=close_tool)
