"""Session state of the review app: the workspace connection of this browser session,
the reviewer's name, and messages shown after an action."""
from __future__ import annotations

import os
import sqlite3

import streamlit as st

from ..errors import SaikesError, StaleEditError
from ..store import Workspace, default_db_path


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
