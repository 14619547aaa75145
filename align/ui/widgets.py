"""Widgets shared by the pages: confidence badges, text with marked terms, the pair picker."""
from __future__ import annotations

import html

import streamlit as st

from ..store import Workspace


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
