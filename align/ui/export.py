"""The export page: a translation memory or table of the selected beads, as a download."""
from __future__ import annotations

import streamlit as st

from .. import review as R
from ..store import Workspace


def page_export(ws: Workspace) -> None:
    st.header("Export")
    pairs = [p.name for p in ws.pairs()]
    if not pairs:
        st.info("Nothing to export yet.")
        return
    c = st.columns(3)
    chosen = c[0].multiselect("Pairs (default: all)", pairs, key="ex_pairs")
    status = c[1].selectbox("Beads", R.EXPORT_STATUSES, key="ex_status", format_func={
        "all-but-rejected": "all but rejected", "approved": "approved or edited only", "all": "all"}.get)
    min_conf = c[2].slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="ex_conf")
    c = st.columns(3)
    direction = c[0].selectbox("Direction", ["kk-ru", "ru-kk"], key="ex_dir",
                               format_func={"kk-ru": "Kazakh → Russian", "ru-kk": "Russian → Kazakh"}.get)
    fmt = c[1].selectbox("Format", R.EXPORT_FORMATS, key="ex_fmt", format_func=str.upper)
    merge = c[2].checkbox("TMX: write identical pairs once", key="ex_merge", disabled=fmt != "tmx")
    options = R.ExportOptions(status=status, min_confidence=min_conf or None, pairs=tuple(chosen),
                              direction=direction, merge_identical=merge and fmt == "tmx")
    n = R.count_units(ws, options)
    st.metric("Beads to export", n)
    if n == 0:
        st.warning("No bead matches these filters; nothing to export.")
        return
    data, fname, mime = R.export_bytes(ws, options, fmt)
    st.download_button(f"Download {fmt.upper()} ({fname})", data, file_name=fname, mime=mime, key="ex_download")
    st.caption(f"Same as: saikes export {fmt} -o {fname} --status {status}"
               + (f" --min-confidence {min_conf:g}" if min_conf else "")
               + f" --direction {direction}" + "".join(f" --pair {p}" for p in chosen)
               + (" --merge-identical" if options.merge_identical else ""))
