"""Widgets shared by the pages: confidence badges in three bands, text with marked terms,
the pair picker, and a script that keeps the bead being reviewed in view."""
from __future__ import annotations

import html
import json

import streamlit as st

from ..model import band
from ..store import Workspace

BAND_NAMES = {"red": "probably wrong", "amber": "doubtful", "green": "sure"}


def conf_badge(conf: float) -> str:
    """The confidence in its band's colour: red under 0.5, amber to 0.9, green from 0.9."""
    b = band(conf)
    return f'<span class="sk-conf sk-band-{b}" title="{BAND_NAMES[b]}">{conf:.2f}</span>'


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


def keep_in_view(selector: str, focus: str | None, nonce: int) -> None:
    """Scroll the element matching `selector` into view and put the cursor in `focus` (a
    CSS selector), after this run is drawn. The nonce makes the script run again even when
    the selectors are the same as last time. (Streamlit drops a script holding a '<' or an
    '&', so the comparisons are written the other way round.)"""
    script = (f"<script>(function(){{const sel={json.dumps(selector)}, foc={json.dumps(focus)};"
              "let n=0;const go=()=>{const el=document.querySelector(sel);"
              "if(!el){if(40>++n)setTimeout(go,50);return;}"
              "const r=el.getBoundingClientRect();"
              "if(90>r.top||r.bottom>window.innerHeight)el.scrollIntoView({block:'center'});"
              "if(foc){const f=document.querySelector(foc);if(f){f.focus();}else if(40>++n){setTimeout(go,50);}}};"
              f"setTimeout(go,30);}})();</script><span data-nonce='{nonce}'></span>")
    with st.container(key=f"sk_view_{nonce}", height=1, border=False):   # a new key mounts it anew, so it runs
        st.html(script, unsafe_allow_javascript=True)
