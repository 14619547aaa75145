"""The documents page: the pairs with their figures and structure report, import, align."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import jobs
from .. import review as R
from ..errors import SaikesError
from ..store import Workspace
from .state import flash, who, workspace


def page_documents(ws: Workspace) -> None:
    st.header("Documents")
    stats = R.pair_stats(ws)
    if stats:
        st.dataframe(pd.DataFrame([{
            "pair": s.name, "articles kk": s.articles_kk, "articles ru": s.articles_ru,
            "beads": s.beads, "mean confidence": s.mean_confidence, "flagged": s.flagged,
            "reviewed": s.reviewed, "approved": s.approved, "rejected": s.rejected, "edited": s.edited,
            "aligned": s.aligned_at or "not yet"} for s in stats]), hide_index=True, width="stretch")
        st.subheader("Align")
        names = [s.name for s in stats]
        name = st.selectbox("Pair to align", names, key="align_pair")
        s = next(x for x in stats if x.name == name)
        confirm = True
        if s.reviewed:
            st.warning(f"{name} has {s.reviewed} reviewed bead(s). Re-aligning replaces the automatic beads; "
                       f"approved, edited and rejected beads are kept as they are, and the earlier state of every "
                       f"reviewed bead stays in the edit log.")
            confirm = st.checkbox("Re-align anyway", key="align_confirm")
        st.button("Re-align" if s.beads else "Align", key="align_go", disabled=not confirm,
                  on_click=_align, args=(name,))
        findings = R.structure_findings(ws, name)
        if s.beads:
            st.markdown(f"**Structure of {name}**")
            if not findings:
                st.caption("The two versions have the same units (articles, chapters, sections).")
            for f in findings:
                (st.warning if f.get("mismatch") else st.info)(f["message"])
    else:
        st.info("No pair yet. Import a Kazakh act and its Russian counterpart below.")

    st.subheader("Import a pair")
    st.caption(f"Files: {', '.join('.' + t for t in R.UPLOAD_TYPES)}, up to "
               f"{R.UPLOAD_LIMIT // (1024 * 1024)} MB each. Re-importing a pair under the same name "
               f"replaces its documents.")
    c1, c2 = st.columns(2)
    kk = c1.file_uploader("Kazakh act", type=list(R.UPLOAD_TYPES), key="up_kk")
    ru = c2.file_uploader("Russian counterpart", type=list(R.UPLOAD_TYPES), key="up_ru")
    st.text_input("Pair name (default: the file name)", key="up_name")
    st.checkbox("Align after import", value=True, key="up_align")
    if st.button("Import", key="up_go", disabled=not (kk and ru)):
        try:
            name, outcome = R.import_upload(ws, (kk.name, kk.getvalue()), (ru.name, ru.getvalue()),
                                            st.session_state.get("up_name"))
            flash("success", f"{name}: {outcome}")
            if st.session_state.get("up_align") and outcome != "unchanged":
                report = jobs.align_pair(ws, name, who=who())
                flash("success", f"{name}: aligned" + _report_text(report))
        except SaikesError as exc:
            flash("error", str(exc))
        st.rerun()


def _align(name: str) -> None:
    try:
        report = jobs.align_pair(workspace(), name, who=who())
    except SaikesError as exc:
        flash("error", str(exc))
    else:
        flash("success", f"{name}: aligned" + _report_text(report))


def _report_text(report) -> str:
    if not isinstance(report, dict):
        return ""
    parts = [f"{k} {v}" for k, v in report.items() if isinstance(v, (int, float, str)) and len(str(v)) < 40]
    return f" ({', '.join(parts[:6])})" if parts else ""
