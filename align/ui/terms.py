"""The terminology page: look a term up, review and edit the glossary, download the term base."""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from .. import glossary as G
from .. import review as R
from ..errors import SaikesError
from ..glossary.lookup import lookup
from ..store import GLOSSARY_STATUSES, Workspace
from .state import run_op, who
from .widgets import marked
from tmx_out.registry import FORMATS


def page_terms(ws: Workspace) -> None:
    st.header("Terminology")
    everything = G.filtered(ws)
    c = st.columns([3, 1], vertical_alignment="bottom")
    c[0].caption(f"{len(everything)} glossary entries, built from the aligned pairs. Entries you approve, "
                 "edit or reject keep their wording when the glossary is rebuilt.")
    c[1].button("Rebuild glossary" if everything else "Build glossary", key="tm_build", on_click=run_op,
                args=("Glossary built", G.build_glossary))
    if not everything:
        st.info("The glossary is empty: align some pairs, then build it.")
        return

    query = st.text_input("Look up a term in Kazakh or Russian, in any form "
                          "(e.g. уәкілетті органдардың, уполномоченными органами)", key="tm_query")
    if query.strip():
        try:
            _show_lookup(lookup(ws, query))
        except SaikesError as exc:
            st.error(str(exc))

    st.subheader("Glossary entries")
    c = st.columns([3, 2])
    text = c[0].text_input("Filter (either language)", key="tm_filter")
    statuses = c[1].multiselect("Status", list(GLOSSARY_STATUSES), key="tm_status")
    rows = G.filtered(ws, text, tuple(statuses))
    st.dataframe(pd.DataFrame([{"id": e.id, "Kazakh": e.kk, "Russian": e.ru, "pairs": e.freq,
                                "Dice": round(e.dice, 2), "status": e.status, "acts": len(e.acts),
                                "note": e.note} for e in rows]),
                 hide_index=True, width="stretch", height=300)
    if rows:
        _edit_entry(rows)
    with st.expander("Add an entry by hand"):
        c = st.columns(3)
        c[0].text_input("Kazakh term", key="tm_new_kk")
        c[1].text_input("Russian term", key="tm_new_ru")
        c[2].text_input("Note", key="tm_new_note")
        st.button("Add entry", key="tm_add", on_click=_add_entry)

    st.subheader("Download the term base")
    c = st.columns(len(R.TERMBASE_FORMATS))
    for fmt, col in zip(R.TERMBASE_FORMATS, c):
        try:
            data, fname, mime = R.termbase_bytes(ws, fmt)
        except SaikesError as exc:
            col.error(str(exc))
        else:
            col.download_button(f"Download {FORMATS[fmt].label}", data, file_name=fname, mime=mime,
                                key=f"tm_dl_{fmt}")


def _show_lookup(result) -> None:
    if not result.found:
        st.warning(f"'{result.query}' is not in the glossary." +
                   (" Sentences that hold it:" if result.concordance else " No sentence holds it either."))
        _concordance(result.concordance)
        return
    for m in result.matches:
        lang = R.SIDE_NAMES[m.lang]
        st.markdown(f"**{html.escape(m.term)}** — {lang}, in {m.freq} aligned sentence(s) of {len(m.acts)} act(s)")
        st.dataframe(pd.DataFrame([{"translation": t.term, "pairs": t.count, "status": t.status,
                                    "Dice": round(t.dice, 2), "entry": t.entry_id} for t in m.translations]),
                     hide_index=True, width="stretch")
        picks = st.columns(min(4, len(m.translations)))
        for t, col in zip(m.translations, picks):
            col.button(f"Edit entry: {t.term}", key=f"tm_pick_{m.lang}_{t.entry_id}", on_click=_pick_entry,
                       args=(t.entry_id,))
        _concordance(m.examples)


def _concordance(examples: list) -> None:
    for ex in examples:
        with st.container(border=True):
            c = st.columns(2)
            for side, col in zip(R.SIDES, c):
                span = ex.get(f"{side}_span")
                spans = [(span[0], span[1], "")] if span else []
                col.markdown(marked(ex[side], spans), unsafe_allow_html=True)
            where = R.section_label(ex["section"]) if ex.get("section") else ""
            st.caption(f"{ex.get('pair', '')} · {where} · bead {ex.get('pos', 0) + 1}")


def _pick_entry(entry_id: int) -> None:
    st.session_state["tm_filter"] = ""
    st.session_state["tm_status"] = []
    st.session_state["tm_entry"] = entry_id


def _edit_entry(rows: list) -> None:
    st.markdown("**Edit, approve or reject an entry**")
    label = {e.id: f"{e.kk} → {e.ru}  ({e.status}, {e.freq}×)" for e in rows}
    if st.session_state.get("tm_entry") not in label:
        st.session_state["tm_entry"] = rows[0].id
    eid = st.selectbox("Entry", list(label), format_func=label.get, key="tm_entry")
    e = next(x for x in rows if x.id == eid)
    seen = e.version
    c = st.columns(3)
    c[0].text_input("Kazakh", e.kk, key=f"tm_kk_{eid}_{seen}")
    c[1].text_input("Russian", e.ru, key=f"tm_ru_{eid}_{seen}")
    c[2].text_input("Note", e.note or "", key=f"tm_note_{eid}_{seen}")
    if e.kk_forms or e.ru_forms:
        st.caption("Forms seen: " + ", ".join(list(e.kk_forms)[:6]) + " | " + ", ".join(list(e.ru_forms)[:6]))
    b = st.columns(4)
    b[0].button("Save", key=f"tm_save_{eid}_{seen}", on_click=_save_entry, args=(eid, seen))
    b[1].button("Approve", key=f"tm_approve_{eid}_{seen}", on_click=run_op, disabled=e.status == "approved",
                args=(f"Entry {e.kk} → {e.ru} approved", _set_status, eid, "approved", seen),
                kwargs={"who": who()})
    b[2].button("Reject", key=f"tm_reject_{eid}_{seen}", on_click=run_op, disabled=e.status == "rejected",
                args=(f"Entry {e.kk} → {e.ru} rejected", _set_status, eid, "rejected", seen),
                kwargs={"who": who()})
    b[3].button("Back to automatic", key=f"tm_auto_{eid}_{seen}", on_click=run_op, disabled=e.status == "auto",
                args=(f"Entry {e.kk} → {e.ru} set back to auto", _set_status, eid, "auto", seen),
                kwargs={"who": who()})


def _save_entry(eid: int, seen: str) -> None:
    s = st.session_state
    run_op("Entry saved", _edit_entry_text, eid, s.get(f"tm_kk_{eid}_{seen}", ""), s.get(f"tm_ru_{eid}_{seen}", ""),
           s.get(f"tm_note_{eid}_{seen}", ""), seen, who=who())


def _add_entry() -> None:
    s = st.session_state
    run_op("Entry added", G.add_entry, s.get("tm_new_kk", ""), s.get("tm_new_ru", ""), s.get("tm_new_note", ""),
           who=who())




def _set_status(ws: Workspace, entry_id: int, status: str, expected: int | None = None, who: str | None = None):
    return G.set_status(ws, entry_id, status, who=who, expected_version=expected)


def _edit_entry_text(ws: Workspace, entry_id: int, kk: str, ru: str, note: str, expected: int | None = None,
                     who: str | None = None):
    """Change the wording or note of an entry (it becomes 'edited'); nothing if unchanged."""
    current = G.entry(ws, entry_id)
    if (kk.strip(), ru.strip(), note.strip()) == (current.kk, current.ru, current.note):
        return current
    return G.edit_entry(ws, entry_id, kk, ru, note.strip(), who=who, expected_version=expected)
