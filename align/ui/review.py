"""The review page: a pair's beads side by side, doubtful ones first, the structure report,
and a reviewer's keyboard. The filters are drawn once; the bead list is a fragment, so an
action reruns only the list."""
from __future__ import annotations

import streamlit as st

from .. import review as R
from ..model import BANDS
from ..store import REVIEW_STATUSES, BeadQuery, Workspace
from .beadlist import bead_list
from .widgets import pair_picker

ORDER_NAMES = {"doubtful": "Doubtful first", "document": "Document order", "lowest": "Lowest confidence first"}


def page_review(ws: Workspace) -> None:
    top = st.columns([2.2, 1.6, 1.8, 2, 0.9], vertical_alignment="bottom")
    with top[0]:
        pair = pair_picker(ws, "rv_pair")
    if pair is None:
        return
    sections = R.sections(ws, pair.id)
    if not sections:
        st.info(f"{pair.name} is not aligned yet: align it on the Documents page.")
        return
    order = top[1].selectbox("Order", list(ORDER_NAMES), format_func=ORDER_NAMES.get, key="rv_order")
    section = top[2].selectbox("Article", ["(all)"] + sections, key="rv_section",
                               format_func=lambda s: s if s == "(all)" else R.section_label(s))
    text = top[3].text_input("Search (Kazakh or Russian)", key="rv_text")
    with top[4].popover("Filters", width="stretch"):
        statuses = st.multiselect("Status", list(REVIEW_STATUSES), key="rv_status")
        bands = st.multiselect("Confidence band", list(BANDS), key="rv_bands",
                               help="red: under 0.5, probably wrong; amber: 0.5 to 0.9, doubtful; green: 0.9 and above")
        lo, hi = st.slider("Confidence", 0.0, 1.0, (0.0, 1.0), 0.05, key="rv_conf")
    query = BeadQuery(statuses=tuple(statuses), bands=tuple(bands), min_confidence=lo, max_confidence=hi,
                      section=None if section == "(all)" else section, text=text, order=order)
    if st.session_state.get("_rv_query") != (pair.id, query):
        st.session_state["_rv_query"] = (pair.id, query)
        st.session_state["rv_page"] = 1
        st.session_state.pop("rv_cursor", None)
    structure_report(ws, pair.name)
    bead_list(pair.id, query)


def structure_report(ws: Workspace, name: str) -> None:
    """What differs between the two versions' structure, one line, details on request."""
    findings = R.structure_findings(ws, name)
    mismatches = [f for f in findings if f.get("mismatch")]
    if not findings:
        return
    first = (mismatches or findings)[0]["message"]
    more = len(findings) - 1
    label = (f"{'⚠' if mismatches else 'ℹ'} {first}" + (f" (+{more} more)" if more else ""))
    with st.expander(label, expanded=False):
        for f in findings:
            (st.warning if f.get("mismatch") else st.info)(f["message"])
