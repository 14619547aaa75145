"""The bead list of the review page: one page of beads, the bead under the cursor, and the
action bar whose buttons answer to keys, so that a whole act can be reviewed without the
mouse:

    J / K      next / previous bead          A / X   approve / reject, then the next bead
    E          edit both sides (Ctrl+Enter saves, Esc closes)
    S          split (Enter splits where proposed)   M   merge with the next bead
    L          re-align the bead's article   U / Y   undo / redo
    Shift+A    approve the article           Shift+G approve every green bead of the pair
    Shift+F    approve what the filters show PageDown / PageUp  next / previous page

It is a fragment: a click or a key reruns only the list, not the page around it."""
from __future__ import annotations

import streamlit as st

from .. import review as R
from ..store import BeadQuery
from .actions import (CURSOR, OPEN, PAGE, bulk, judge, merge, move, next_after, open_tool, realign,
                      history_step, turn)
from .beadrow import bead_row
from .state import ACTIONS, forget_said, show_said, term_marker, workspace
from .widgets import keep_in_view

PAGE_SIZE = 15


@st.fragment
def bead_list(pair_id: int, query: BeadQuery) -> None:
    ws = workspace()
    ss = st.session_state
    page = max(1, ss.get(PAGE, 1))
    beads, total = R.page_of_beads(ws, pair_id, query, page, PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    if page > pages:
        ss[PAGE] = page = pages
        beads, total = R.page_of_beads(ws, pair_id, query, page, PAGE_SIZE)
    ids = [b.id for b in beads]
    if ss.get(CURSOR) == "last" and ids:
        ss[CURSOR] = ids[-1]
    if ss.get(CURSOR) not in ids:
        ss[CURSOR] = ids[0] if ids else None
    cursor = next((b for b in beads if b.id == ss[CURSOR]), None)
    nav = {"ids": ids, "page": page, "pages": pages}
    action_bar(pair_id, query, cursor, nav)
    show_said(ACTIONS)
    st.caption(f"Page {page} of {pages} · {total} bead(s) shown of {ws.bead_count(pair_id)} · "
               f"keys: J/K move, A approve, X reject, E edit, S split, M merge, L re-align, U/Y undo/redo")
    if not beads:
        st.info("No bead matches the filters.")
    findings = R.findings_by_unit(R.structure_findings(ws, ws.pair_name(pair_id)))
    # glossary terms are marked in the bead being reviewed only: marks on every row are noise
    # to the eye and cost the browser a tenth of a second a key; the others show warnings only
    marks = term_marker(ws).marks(beads)
    section = None
    for b in beads:
        if query.order == "document" and b.section != section:     # in document order, articles as headings
            section = b.section
            st.markdown(f"<div class='sk-section'>{R.section_label(b.section)}</div>", unsafe_allow_html=True)
        current = b.id == ss[CURSOR]
        terms = marks.get(b.id, {}) if current else {"pairs": marks.get(b.id, {}).get("pairs", [])}
        bead_row(ws, b, terms, findings.get(b.section, []), current, nav)
    if ss.pop("_rv_scroll", False) and cursor is not None:
        opened = ss.get(OPEN)
        focus = None
        if opened and opened[1] == cursor.id:
            focus = f'[class*="st-key-edit-kk-{cursor.id}-"] textarea' if opened[0] == "edit" \
                else f'[class*="st-key-cut-kk-{cursor.id}-"] input'
        keep_in_view('[class*="st-key-row-"]:has(.sk-cur)', focus, ss.setdefault("_rv_nonce", 0))
        ss["_rv_nonce"] += 1
    forget_said()


def action_bar(pair_id: int, query: BeadQuery, b, nav: dict) -> None:
    none = b is None
    v = b.version if b else None
    bid = b.id if b else None
    nxt = next_after(nav, bid)
    last = R.next_undo(workspace(), pair_id)
    again = R.next_redo(workspace(), pair_id)
    with st.container(horizontal=True, key="rv_actions", gap="small"):
        st.button("↓", key="k_next", shortcut="J", help="Next bead", on_click=move, args=(nav, bid, +1))
        st.button("↑", key="k_prev", shortcut="K", help="Previous bead", on_click=move, args=(nav, bid, -1))
        st.button("✓", key="k_approve", shortcut="A", help="Approve, then the next bead", disabled=none,
                  on_click=judge, args=(R.approve, bid, v, nxt, "approved"))
        st.button("✗", key="k_reject", shortcut="X", help="Reject, then the next bead", disabled=none,
                  on_click=judge, args=(R.reject, bid, v, nxt, "rejected"))
        st.button("✎", key="k_edit", shortcut="E", help="Edit both sides (Ctrl+Enter saves, Esc closes)",
                  disabled=none, on_click=open_tool, args=("edit", bid))
        st.button("✂", key="k_split", shortcut="S", help="Split in two (Enter splits where proposed)",
                  disabled=none or len(b.kk_segs) + len(b.ru_segs) < 2, on_click=open_tool, args=("split", bid))
        st.button("⤓", key="k_merge", shortcut="M", help="Merge with the next bead", disabled=none,
                  on_click=merge, args=(bid, v))
        st.button("⟳", key="k_realign", shortcut="L", help="Re-align this bead's article (reviewed beads stay)",
                  disabled=none, on_click=realign, args=(pair_id, b.section if b else None))
        st.button("↶", key="k_undo", shortcut="U", disabled=last is None,
                  help=f"Undo: {last['summary']} ({last['who'] or 'someone'})" if last else "Nothing to undo",
                  on_click=history_step, args=(R.undo, pair_id, last["id"] if last else None, "Undone"))
        st.button("↷", key="k_redo", shortcut="Y", disabled=again is None,
                  help=f"Redo: {again['summary']}" if again else "Nothing to redo",
                  on_click=history_step, args=(R.redo, pair_id, again["id"] if again else None, "Redone"))
        st.button("✓ art.", key="k_art", shortcut="Shift+A", disabled=none,
                  help="Approve every bead of this article not yet reviewed",
                  on_click=bulk, args=(pair_id, BeadQuery(section=b.section if b else None),
                                       R.section_label(b.section) if b else ""))
        st.button("✓ green", key="k_green", shortcut="Shift+G",
                  help="Approve every green bead (confidence 0.9 and above) of the pair not yet reviewed",
                  on_click=bulk, args=(pair_id, BeadQuery(bands=("green",)), "every green bead"))
        st.button("✓ shown", key="k_shown", shortcut="Shift+F",
                  help="Approve every bead the filters select (on every page) not yet reviewed",
                  on_click=bulk, args=(pair_id, query, "what the filters show"))
        st.button("◀", key="k_pgup", shortcut="PageUp", disabled=nav["page"] <= 1, help="Previous page",
                  on_click=turn, args=(nav["page"] - 1,))
        st.button("▶", key="k_pgdn", shortcut="PageDown", disabled=nav["page"] >= nav["pages"], help="Next page",
                  on_click=turn, args=(nav["page"] + 1,))
