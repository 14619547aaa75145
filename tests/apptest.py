"""Driving the review app through Streamlit's AppTest: a workspace of seed pairs, the app
on one page, clicks, and checks that nothing went wrong."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from workspaces import PAIR, make_workspace

from align.store import Workspace

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "app.db"
    make_workspace(path).close()
    monkeypatch.setenv("SAIKES_DB", str(path))
    return path


@pytest.fixture
def ws(db):
    w = Workspace(db)
    yield w
    w.close()


def app(page: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["page"] = page
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def beads(ws):
    return ws.beads(ws.pair(PAIR).id)


def press(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    return at


def open_tools(at: AppTest, bead) -> AppTest:
    return press(at, f"open-{bead.id}")


def same_section_run(ws, n=2):
    bs = beads(ws)
    for i in range(len(bs) - n + 1):
        run = bs[i:i + n]
        if len({b.section for b in run}) == 1 and all(b.kk_segs and b.ru_segs for b in run):
            return run
    raise AssertionError("no run of beads in one section")


def nodes(node):
    """Every element and block under `node`, depth first."""
    yield node
    children = getattr(node, "children", None)
    for child in (children.values() if isinstance(children, dict) else []):
        yield from nodes(child)


def find_block(at: AppTest, prefix: str):
    """The container whose key starts with `prefix`."""
    return next((n for n in nodes(at.main) if (getattr(n, "key", None) or "").startswith(prefix)), None)


def _rows(at: AppTest) -> list[tuple[int, object, str]]:
    """(bead id, row container, row HTML) of each bead on the page, top to bottom: a row
    is keyed by its place, and names its bead in its HTML (data-bead)."""
    out = []
    for n in nodes(at.main):
        if (getattr(n, "key", None) or "").startswith("row-"):
            html = next(m.value for m in nodes(n) if type(m).__name__ == "Markdown" and "data-bead=" in m.value)
            out.append((int(re.search(r"data-bead='(\d+)'", html).group(1)), n, html))
    return out


def bead_block(at: AppTest, bead_id: int):
    return next((row for i, row, _ in _rows(at) if i == bead_id), None)


def row_html(at: AppTest, bead_id: int) -> str:
    return next(html for i, _, html in _rows(at) if i == bead_id)


def inside(node, kind: str) -> list:
    """What the elements of one kind ('Error', 'Markdown', 'Button', ...) in a block hold
    (a button: its key)."""
    return [n.key if kind == "Button" else n.value for n in nodes(node) if type(n).__name__ == kind]


def cursor(at: AppTest) -> int | None:
    """The id of the bead the keys act on."""
    return next((i for i, _, html in _rows(at) if "sk-cur" in html), None)


def shown(at: AppTest) -> list[int]:
    """The ids of the beads on the page, top to bottom."""
    return [i for i, _, _ in _rows(at)]
