"""Session state of the review app: the workspace connection of this browser session, the
reviewer's name, the caches keyed by what changes them, and what an action said — shown
beside the bead it concerns, not at the top of the page."""
from __future__ import annotations

import os
import sqlite3

import streamlit as st

from ..errors import SaikesError, StaleEditError
from ..glossary.marks import TermMarker
from ..store import Workspace, default_db_path

TOP = "top"                   # messages shown at the top of a page
ACTIONS = "actions"           # messages of the review page's action bar (undo, bulk approval)


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


@st.cache_resource(max_entries=4, show_spinner=False)
def _marker(path: str, stamp: tuple) -> TermMarker:
    return TermMarker(Workspace(path))


def term_marker(ws: Workspace) -> TermMarker:
    """The glossary's term marker, built again only when the glossary changes."""
    return _marker(ws.path, ws.glossary_stamp())


# ---------------------------------------------------------------- what an action said

def say(kind: str, text: str, where: int | str = TOP, **extra) -> None:
    """Keep a message for the run that follows: kind 'success', 'error', 'info' or
    'warning'; `where` is the bead id it concerns, ACTIONS or TOP."""
    st.session_state.setdefault("_said", []).append({"kind": kind, "text": text, "where": where, **extra})


def said(where: int | str) -> dict | None:
    """The last message kept for `where`."""
    return next((m for m in reversed(st.session_state.get("_said", [])) if m["where"] == where), None)


def show_said(where: int | str) -> None:
    for msg in st.session_state.get("_said", []):
        if msg["where"] == where:
            getattr(st, msg["kind"])(msg["text"])


def forget_said() -> None:
    """Called at the end of a run: a message is shown once, in the run after the action."""
    st.session_state.pop("_said", None)


def run_op(label: str, fn, *args, where: int | str = TOP, **kwargs):
    """Run a library operation from a button callback; say how it went beside `where`.
    Returns the operation's result, or None if it was refused."""
    try:
        result = fn(workspace(), *args, **kwargs)
    except StaleEditError as exc:
        say("error", f"Not saved: {exc}", where, stale=True)
    except SaikesError as exc:
        say("error", str(exc), where)
    except sqlite3.OperationalError as exc:
        say("error", f"The workspace could not be written ({exc}); nothing was changed — try again", where)
    else:
        say("success", label, where)
        return result
    return None


def flash(kind: str, text: str) -> None:
    say(kind, text, TOP)
