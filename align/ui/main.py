"""The review app: Streamlit pages over the workspace (`saikes ui` starts it).

The pages only show things and call the library (align.review, align.glossary, align.jobs,
tmx_out); every change is one transaction in the workspace, logged, and refused if the bead
changed since this page loaded it.
"""
from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from ..errors import SaikesError
from .documents import page_documents
from .export import page_export
from .review import page_review
from .state import TOP, forget_said, show_said, workspace
from .terms import page_terms

PAGES = {"documents": ("Documents", page_documents), "review": ("Review", page_review),
         "terms": ("Terminology", page_terms), "export": ("Export", page_export)}
STYLE = Path(__file__).with_name("style.css")
_log = logging.getLogger("saikes.ui")


def run() -> None:
    st.set_page_config(page_title="saikes", page_icon="⚖", layout="wide", initial_sidebar_state="collapsed")
    st.markdown(f"<style>{STYLE.read_text(encoding='utf-8')}</style>", unsafe_allow_html=True)
    try:
        ws = workspace()
    except SaikesError as exc:
        st.error(str(exc))
        return
    wanted = st.query_params.get("page")
    pages = [st.Page(_guarded(fn, ws), title=title, url_path=key, default=(key == wanted) or
                     (wanted not in PAGES and key == "documents"))
             for key, (title, fn) in PAGES.items()]
    current = st.navigation(pages, position="top")
    with st.container(horizontal=True, horizontal_alignment="right", vertical_alignment="center",
                      key="sk_topline"):
        st.caption(f"Workspace {ws.path}")
        with st.popover(f"👤 {st.session_state.get('who') or 'your name'}"):
            st.text_input("Your name, for the edit log", key="who")
    show_said(TOP)
    current.run()
    forget_said()


def _guarded(page, ws):
    def show():
        try:
            page(ws)
        except SaikesError as exc:
            st.error(str(exc))
        except Exception as exc:        # noqa: BLE001 — a bug must not show server paths in the page
            # Streamlit's own rerun/stop signals are BaseException, so they pass through
            _log.exception("the %s page failed", page.__name__)
            st.error(f"Something went wrong on this page ({type(exc).__name__}); the server log has the details.")
    show.__name__ = page.__name__
    return show
