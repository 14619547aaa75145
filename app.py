"""saikes review app: Streamlit over the workspace.

Start it with `saikes ui [--db PATH] [--port N]`. The pages only show things and call the
library (align.review, align.glossary, tmx_out); every change is one transaction in
the workspace, logged, and refused if the bead changed since this page loaded it.
"""
from __future__ import annotations

import html
import os
import sqlite3

import pandas as pd
import streamlit as st

from align import review as R
from align.errors import SaikesError, StaleEditError
from align.workspace import Workspace, default_db_path

PAGES = {"documents": "Documents", "review": "Review", "terms": "Terminology", "export": "Export"}
PAGE_SIZE = 25
STATUS_ICONS = {"auto": "·", "flagged": "⚑", "approved": "✓", "rejected": "✗", "edited": "✎"}

st.set_page_config(page_title="saikes", page_icon="⚖", layout="wide")
st.markdown("""<style>
.sk-text { font-size: 0.95rem; line-height: 1.45; white-space: pre-wrap; }
.sk-empty { color: #999; font-style: italic; }
.sk-sents { font-size: 0.9rem; margin: .3rem 0 .6rem 0; }
.sk-sents > div { padding: .15rem 0; border-top: 1px dashed #ddd; }
.sk-num { display: inline-block; min-width: 1.6em; font-weight: 700; color: #666; }
.sk-conf { display: inline-block; padding: 0 .45em; border-radius: .4em; color: #111; font-weight: 600; }
.sk-term { background: #fdf7dc; border-bottom: 1px dotted #a07c00; cursor: help; }
.sk-term-reviewed { background: #ffe98a; border-bottom: 1px solid #a07c00; }
.sk-hit { background: #ffe98a; font-weight: 600; }
.sk-status-approved { color: #137333; } .sk-status-rejected { color: #b3261e; }
.sk-status-flagged { color: #b06000; } .sk-status-edited { color: #1a57b5; }
</style>""", unsafe_allow_html=True)


# ---------------------------------------------------------------- plumbing

def workspace() -> Workspace:
    """One connection per browser session (SQLite connections are not shared between
    sessions: each one runs its own transactions)."""
    path = os.environ.get("SAIKES_DB") or default_db_path()
    ws = st.session_state.get("_ws")
    if ws is None or ws.path != path:
        ws = Workspace(path)
        st.session_state["_ws"] = ws
    return ws


def who() -> str:
    return (st.session_state.get("who") or "").strip() or "reviewer"


def flash(kind: str, text: str) -> None:
    st.session_state.setdefault("_flash", []).append((kind, text))


def show_flash() -> None:
    for kind, text in st.session_state.pop("_flash", []):
        getattr(st, kind)(text)


def run_op(label: str, fn, *args, **kwargs) -> None:
    """Run a library operation from a button callback; report its outcome on the page."""
    try:
        fn(workspace(), *args, **kwargs)
    except StaleEditError as exc:
        flash("error", f"Not saved: {exc}")
    except SaikesError as exc:
        flash("error", str(exc))
    except sqlite3.OperationalError as exc:
        flash("error", f"The workspace could not be written ({exc}); nothing was changed — try again")
    else:
        flash("success", label)


def conf_badge(conf: float) -> str:
    hue = int(120 * max(0.0, min(1.0, conf)))
    return f'<span class="sk-conf" style="background: hsl({hue}, 70%, 78%)">{conf:.2f}</span>'


def marked(text: str, spans: list) -> str:
    """Text as HTML with glossary terms marked; a term's translations show on hover."""
    if not text:
        return '<span class="sk-empty">(nothing on this side)</span>'
    out, at = [], 0
    for start, end, tip, *rest in sorted(spans):
        if start < at:
            continue
        cls = "sk-hit" if not tip else ("sk-term sk-term-reviewed" if rest and rest[0] else "sk-term")
        out.append(html.escape(text[at:start]))
        out.append(f'<span class="{cls}"' + (f' title="{html.escape(tip, quote=True)}"' if tip else "") +
                   f'>{html.escape(text[start:end])}</span>')
        at = end
    out.append(html.escape(text[at:]))
    return f'<div class="sk-text">{"".join(out)}</div>'


def pair_picker(ws: Workspace, key: str):
    pairs = ws.pairs()
    if not pairs:
        st.info("The workspace holds no pair yet: import one on the Documents page.")
        return None
    names = [p.name for p in pairs]
    wanted = st.query_params.get("pair")
    if key not in st.session_state and wanted in names:
        st.session_state[key] = wanted
    name = st.selectbox("Pair", names, key=key)
    st.query_params["pair"] = name
    return next(p for p in pairs if p.name == name)


# ---------------------------------------------------------------- documents

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
                       f"approved and edited beads are kept as anchors, and the earlier state of every "
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
                report = R.align_pair(ws, name)
                flash("success", f"{name}: aligned" + _report_text(report))
        except SaikesError as exc:
            flash("error", str(exc))
        st.rerun()


def _align(name: str) -> None:
    try:
        report = R.align_pair(workspace(), name)
    except SaikesError as exc:
        flash("error", str(exc))
    else:
        flash("success", f"{name}: aligned" + _report_text(report))


def _report_text(report) -> str:
    if not isinstance(report, dict):
        return ""
    parts = [f"{k} {v}" for k, v in report.items() if isinstance(v, (int, float, str)) and len(str(v)) < 40]
    return f" ({', '.join(parts[:6])})" if parts else ""


# ---------------------------------------------------------------- review

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
        statuses = c[1].multiselect("Status", list(R.REVIEW_STATUSES), key="rv_status")
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
                     args=(f"{R.section_label(target)} re-aligned", R.realign_section, pair.id, target))
    pages = max(1, -(-len(beads) // PAGE_SIZE))
    page = c[2].number_input(f"Page (of {pages})", 1, pages, 1, key="rv_page") if pages > 1 else 1
    st.caption(f"{len(beads)} bead(s) match; {len(ws.beads(pair.id))} in the pair. "
               "Terms from the glossary are marked; hover a term to see its translations.")

    shown = beads[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    terms = R.term_marks(ws, shown)
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
    r = ws.db.execute("SELECT id FROM beads WHERE pair_id = ? AND pos = ?", (b.pair_id, b.pos + step)).fetchone()
    return ws.bead(r["id"]) if r else None


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


# ---------------------------------------------------------------- terminology

def page_terms(ws: Workspace) -> None:
    st.header("Terminology")
    everything = R.glossary_entries(ws)
    c = st.columns([3, 1], vertical_alignment="bottom")
    c[0].caption(f"{len(everything)} glossary entries, built from the aligned pairs. Entries you approve, "
                 "edit or reject keep their wording when the glossary is rebuilt.")
    c[1].button("Rebuild glossary" if everything else "Build glossary", key="tm_build", on_click=run_op,
                args=("Glossary built", R.build_glossary))
    if not everything:
        st.info("The glossary is empty: align some pairs, then build it.")
        return

    query = st.text_input("Look up a term in Kazakh or Russian, in any form "
                          "(e.g. уәкілетті органдардың, уполномоченными органами)", key="tm_query")
    if query.strip():
        try:
            _show_lookup(R.term_lookup(ws, query))
        except SaikesError as exc:
            st.error(str(exc))

    st.subheader("Glossary entries")
    c = st.columns([3, 2])
    text = c[0].text_input("Filter (either language)", key="tm_filter")
    statuses = c[1].multiselect("Status", list(R.GLOSSARY_STATUSES), key="tm_status")
    rows = R.glossary_entries(ws, text, tuple(statuses))
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
    labels = {"tbx": "TBX (TBX-Basic)", "tsv": "TSV (all figures)", "txt": "OmegaT glossary"}
    for fmt, col in zip(R.TERMBASE_FORMATS, c):
        try:
            data, fname, mime = R.termbase_bytes(ws, fmt)
        except SaikesError as exc:
            col.error(str(exc))
        else:
            col.download_button(f"Download {labels[fmt]}", data, file_name=fname, mime=mime, key=f"tm_dl_{fmt}")


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
    seen = R.entry_version(e)
    c = st.columns(3)
    c[0].text_input("Kazakh", e.kk, key=f"tm_kk_{eid}_{seen}")
    c[1].text_input("Russian", e.ru, key=f"tm_ru_{eid}_{seen}")
    c[2].text_input("Note", e.note or "", key=f"tm_note_{eid}_{seen}")
    if e.kk_forms or e.ru_forms:
        st.caption("Forms seen: " + ", ".join(list(e.kk_forms)[:6]) + " | " + ", ".join(list(e.ru_forms)[:6]))
    b = st.columns(4)
    b[0].button("Save", key=f"tm_save_{eid}_{seen}", on_click=_save_entry, args=(eid, seen))
    b[1].button("Approve", key=f"tm_approve_{eid}_{seen}", on_click=run_op, disabled=e.status == "approved",
                args=(f"Entry {e.kk} → {e.ru} approved", R.set_entry_status, eid, "approved", seen),
                kwargs={"who": who()})
    b[2].button("Reject", key=f"tm_reject_{eid}_{seen}", on_click=run_op, disabled=e.status == "rejected",
                args=(f"Entry {e.kk} → {e.ru} rejected", R.set_entry_status, eid, "rejected", seen),
                kwargs={"who": who()})
    b[3].button("Back to automatic", key=f"tm_auto_{eid}_{seen}", on_click=run_op, disabled=e.status == "auto",
                args=(f"Entry {e.kk} → {e.ru} set back to auto", R.set_entry_status, eid, "auto", seen),
                kwargs={"who": who()})


def _save_entry(eid: int, seen: str) -> None:
    s = st.session_state
    run_op("Entry saved", R.edit_entry, eid, s.get(f"tm_kk_{eid}_{seen}", ""), s.get(f"tm_ru_{eid}_{seen}", ""),
           s.get(f"tm_note_{eid}_{seen}", ""), seen, who=who())


def _add_entry() -> None:
    s = st.session_state
    run_op("Entry added", R.add_entry, s.get("tm_new_kk", ""), s.get("tm_new_ru", ""), s.get("tm_new_note", ""),
           who=who())


# ---------------------------------------------------------------- export

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


# ---------------------------------------------------------------- main

def main() -> None:
    try:
        ws = workspace()
    except SaikesError as exc:
        st.error(str(exc))
        return
    wanted = st.query_params.get("page")
    if "page" not in st.session_state:
        st.session_state["page"] = wanted if wanted in PAGES else "documents"
    with st.sidebar:
        st.title("saikes")
        page = st.radio("Page", list(PAGES), format_func=PAGES.get, key="page")
        st.text_input("Your name (for the edit log)", key="who")
        st.caption(f"Workspace: {ws.path}")
    st.query_params["page"] = page
    show_flash()
    try:
        {"documents": page_documents, "review": page_review, "terms": page_terms, "export": page_export}[page](ws)
    except SaikesError as exc:
        st.error(str(exc))


main()
